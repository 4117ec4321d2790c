//! Python feedparser on the same files, in a virtual environment of its own under
//! `target/bench/venv` (made with `python3 -m venv`, feedparser from PyPI; scikit-learn for
//! the recommendation part joins it). Anything missing
//! skips this part with the reason instead of failing the benchmark.

use std::path::Path;
use std::process::{Command, Stdio};

use super::measurement::{parse_lines, Measurement};

/// Pinned, so figures from different days compare.
const FEEDPARSER: &str = "feedparser==6.0.14";
const SCRIPT: &str = "tools/bench/feedparser_bench.py";

/// Makes sure the environment exists with feedparser; returns its Python or why it cannot be had.
pub fn ensure_venv(bench_dir: &Path) -> Result<std::path::PathBuf, String> {
    ensure_venv_with(bench_dir, FEEDPARSER, "feedparser")
}

/// Makes sure the environment exists with `requirement` (`name==version`) installed, the
/// version that `module.__version__` reports; returns its Python or why it cannot be had.
pub fn ensure_venv_with(
    bench_dir: &Path,
    requirement: &str,
    module: &str,
) -> Result<std::path::PathBuf, String> {
    let venv = bench_dir.join("venv");
    let python = venv.join("bin").join("python");
    let wanted_version = requirement
        .split_once("==")
        .map_or("", |(_, version)| version)
        .to_string();
    let installed = |python: &Path| {
        Command::new(python)
            .args([
                "-c",
                &format!("import {module}; print({module}.__version__)"),
            ])
            .stderr(Stdio::null())
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim() == wanted_version)
            .unwrap_or(false)
    };
    if python.is_file() && installed(&python) {
        return Ok(python);
    }
    if !python.is_file() {
        let status = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
            .map_err(|err| format!("python3 is not available ({err})"))?;
        if !status.success() {
            return Err(format!(
                "`python3 -m venv {}` failed (on Debian: apt-get install python3-venv)",
                venv.display()
            ));
        }
    }
    let status = Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            requirement,
        ])
        .status()
        .map_err(|err| format!("cannot run pip in {} ({err})", venv.display()))?;
    if !status.success() || !installed(&python) {
        return Err(format!(
            "cannot install {requirement} from PyPI into {}",
            venv.display()
        ));
    }
    Ok(python)
}

/// Times `feedparser.parse` on `file`, `runs` times.
pub fn measure(
    python: &Path,
    root: &Path,
    file: &Path,
    runs: usize,
) -> Result<Vec<Measurement>, String> {
    let output = Command::new(python)
        .arg(root.join(SCRIPT))
        .arg(runs.to_string())
        .arg(file)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|err| format!("cannot start {} ({err})", python.display()))?;
    if !output.status.success() {
        return Err(format!("{SCRIPT} failed ({})", output.status));
    }
    parse_lines(&String::from_utf8_lossy(&output.stdout), SCRIPT).map_err(|f| f.to_string())
}
