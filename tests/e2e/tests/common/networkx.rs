//! networkx in a virtual environment of the tests' own (`target/e2e-venv`), to compare the
//! map's clusters with a reference implementation on the same exported graph. Where PyPI or
//! Python's venv cannot be had, the comparison is skipped with the reason.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Pinned, so results from different days compare.
const NETWORKX: &str = "networkx==3.4.2";

fn venv_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e-venv")
}

fn has_networkx(python: &Path) -> bool {
    Command::new(python)
        .args(["-c", "import networkx"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The environment's Python, with networkx, or why there is none.
pub fn python() -> Result<PathBuf, String> {
    let venv = venv_dir();
    let python = venv.join("bin").join("python");
    if python.is_file() && has_networkx(&python) {
        return Ok(python);
    }
    if !python.is_file() {
        let made = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
            .map_err(|err| format!("python3 is not available ({err})"))?;
        if !made.success() {
            return Err(format!("`python3 -m venv {}` failed", venv.display()));
        }
    }
    let installed = Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            NETWORKX,
        ])
        .status()
        .map_err(|err| format!("cannot run pip ({err})"))?;
    if installed.success() && has_networkx(&python) {
        Ok(python)
    } else {
        Err(format!("cannot install {NETWORKX} from PyPI"))
    }
}

/// The modularity of the exported clusters and of networkx's Louvain on the GEXF at `path`.
pub fn modularities(python: &Path, path: &Path) -> Result<(f64, f64), String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/modularity.py");
    let output = Command::new(python)
        .arg(&script)
        .arg(path)
        .output()
        .map_err(|err| format!("cannot run {}: {err}", script.display()))?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let value = |name: &str| {
        text.lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|v| v.trim().parse::<f64>().ok())
            .ok_or_else(|| format!("no {name} line in {text:?}"))
    };
    Ok((value("exported")?, value("networkx")?))
}
