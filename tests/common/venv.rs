//! A Python virtual environment of the tests' own under `target/`, with one pinned package,
//! for comparing against a reference implementation. Shared by the native tests and (by
//! path) the end-to-end package.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The environment's Python at `venv`, with `requirement` (e.g. `networkx==3.4.2`) installed
/// and `module` importable, creating and installing what is missing; or why there is none.
pub fn python_with(venv: &Path, requirement: &str, module: &str) -> Result<PathBuf, String> {
    let python = venv.join("bin").join("python");
    let ready = |python: &Path| {
        Command::new(python)
            .args(["-c", &format!("import {module}")])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if python.is_file() && ready(&python) {
        return Ok(python);
    }
    if !python.is_file() {
        let made = Command::new("python3")
            .args(["-m", "venv"])
            .arg(venv)
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
            requirement,
        ])
        .status()
        .map_err(|err| format!("cannot run pip ({err})"))?;
    if installed.success() && ready(&python) {
        Ok(python)
    } else {
        Err(format!("cannot install {requirement} from PyPI"))
    }
}
