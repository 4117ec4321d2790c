//! networkx in a virtual environment of the tests' own (`target/e2e-venv`), to compare the
//! map's clusters with a reference implementation on the same exported graph. Where PyPI or
//! Python's venv cannot be had, the comparison is skipped with the reason.

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "../../../common/venv.rs"]
mod venv;

/// Pinned, so results from different days compare.
const NETWORKX: &str = "networkx==3.4.2";

fn venv_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e-venv")
}

/// The environment's Python, with networkx, or why there is none.
pub fn python() -> Result<PathBuf, String> {
    venv::python_with(&venv_dir(), NETWORKX, "networkx")
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
