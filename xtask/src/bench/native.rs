//! Builds and runs `feed-bench` (tools/bench): the explorer's parser against the raw quick-xml
//! scan, roxmltree and feed-rs, natively.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::measurement::{parse_lines, Measurement};
use crate::process::{run, Failure};
use crate::tools::cargo;

/// A profile of its own: the workspace's release profile is tuned for a small wasm module
/// (`opt-level = "z"`), while native speed is measured at `opt-level = 3`. Defining it on the
/// command line keeps the shared Cargo.toml free of benchmark settings, and its own output
/// folder (`target/bench-native/`) leaves the release build alone.
const PROFILE: &str = "bench-native";
const PROFILE_CONFIG: [&str; 2] = [
    "profile.bench-native.inherits=\"release\"",
    "profile.bench-native.opt-level=3",
];

/// Builds the benchmark binary and returns its path.
pub fn build(root: &Path) -> Result<PathBuf, Failure> {
    let mut command = Command::new(cargo());
    command
        .current_dir(root)
        .args(["build", "--package", "feed-bench", "--profile", PROFILE]);
    for setting in PROFILE_CONFIG {
        command.args(["--config", setting]);
    }
    run(&mut command)?;
    let binary = target_dir(root).join(PROFILE).join("feed-bench");
    if binary.is_file() {
        Ok(binary)
    } else {
        Err(Failure::new(format!(
            "the build finished but {} is missing",
            binary.display()
        )))
    }
}

/// Times the standard parsers on `file`, `runs` times each after one warm-up round.
pub fn measure(binary: &Path, file: &Path, runs: usize) -> Result<Vec<Measurement>, Failure> {
    let output = Command::new(binary)
        .arg("--runs")
        .arg(runs.to_string())
        .arg(file)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|err| Failure::new(format!("cannot start {}: {err}", binary.display())))?;
    if !output.status.success() {
        return Err(Failure::new(format!(
            "{} failed ({})",
            binary.display(),
            output.status
        )));
    }
    parse_lines(&String::from_utf8_lossy(&output.stdout), "feed-bench")
}

/// Where cargo writes: `CARGO_TARGET_DIR` when set, else `target/` in the workspace.
pub fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|dir| {
            if dir.is_absolute() {
                dir
            } else {
                root.join(dir)
            }
        })
        .unwrap_or_else(|| root.join("target"))
}
