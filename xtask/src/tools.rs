//! Installs, once per machine, the tools the build and the tests need, and skips each one in
//! well under a second when it is already there.
//!
//! Everything goes where every clone finds it: cargo's bin folder (Trunk, wasm-bindgen-cli),
//! a user cache folder (binaryen from npm), the system (the browsers, by apt). Nothing is installed
//! inside the checkout, so a fresh clone (as in CI) reuses what an earlier one installed.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::process::{capture, run, step, Failure};

pub const TRUNK_VERSION: &str = "0.21.14";
pub const BINARYEN_VERSION: &str = "132.0.0";
/// `wasm-split-cli`, which splits the page's parts off its main module (`split_parts`).
const WASM_SPLIT_VERSION: &str = "0.2.4";
/// What `wasm-opt --version` prints for [`BINARYEN_VERSION`]; Trunk.toml names the same.
const WASM_OPT_VERSION: &str = "version 132";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
pub const FIREFOX: &str = "/usr/bin/firefox-esr";
pub const WEBKIT_DRIVER: &str = "/usr/bin/WebKitWebDriver";
pub const MINIBROWSER: &str = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
pub const XVFB: &str = "/usr/bin/Xvfb";
const GECKODRIVER_VERSION: &str = "0.37.1";
/// The Debian packages of the engines, each with a file that shows it is installed.
const DEBIAN_BROWSER_PACKAGES: [(&str, &str); 5] = [
    ("chromium", CHROMIUM),
    ("chromium-driver", CHROMEDRIVER),
    ("firefox-esr", FIREFOX),
    ("webkit2gtk-driver", WEBKIT_DRIVER),
    ("xvfb", XVFB),
];

/// Paths and environment the build tools run with.
pub struct Toolchain {
    /// Folder holding `wasm-opt`, put first on PATH for Trunk.
    pub wasm_opt_dir: PathBuf,
}

impl Toolchain {
    /// PATH with the tool folders in front, for child processes.
    pub fn path_env(&self) -> std::ffi::OsString {
        let mut paths = vec![self.wasm_opt_dir.clone(), cargo_bin_dir()];
        if let Some(existing) = std::env::var_os("PATH") {
            paths.extend(std::env::split_paths(&existing));
        }
        std::env::join_paths(paths).unwrap_or_default()
    }

    /// A command with the tool folders on PATH and Trunk kept offline.
    pub fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command
            .env("PATH", self.path_env())
            .env("TRUNK_SKIP_VERSION_CHECK", "true");
        command
    }
}

/// Ensures the wasm target, Trunk, wasm-bindgen-cli and wasm-opt.
pub fn ensure_build_tools(root: &Path) -> Result<Toolchain, Failure> {
    ensure_wasm_target()?;
    ensure_cargo_tool("trunk", "trunk", TRUNK_VERSION, &["--locked"])?;
    let bindgen_version = locked_version(root, "wasm-bindgen")?;
    // `--locked` fails on an index mismatch for this crate; its own lock-free resolution builds.
    ensure_cargo_tool("wasm-bindgen", "wasm-bindgen-cli", &bindgen_version, &[])?;
    ensure_wasm_split()?;
    let wasm_opt_dir = ensure_binaryen()?;
    Ok(Toolchain { wasm_opt_dir })
}

/// Ensures the three browser engines the end-to-end tests run in, with their WebDriver
/// servers: Debian's Chromium and ChromeDriver, Firefox ESR with geckodriver (from crates.io,
/// as the npm package downloads a binary), WebKitGTK's WebKitWebDriver with MiniBrowser, and
/// Xvfb for MiniBrowser's window.
pub fn ensure_browsers() -> Result<(), Failure> {
    let missing: Vec<&str> = DEBIAN_BROWSER_PACKAGES
        .iter()
        .filter(|(_, path)| !Path::new(path).exists())
        .map(|(package, _)| *package)
        .collect();
    if !missing.is_empty() {
        let install = format!("apt-get update && apt-get install -y {}", missing.join(" "));
        if !is_root() {
            return Err(Failure::new(format!(
                "The browser tests need {}. Install them with:\n    sudo sh -c '{install}'\nthen run this command again.",
                missing.join(", ")
            )));
        }
        step(&format!(
            "installing {} (Debian packages, a few minutes the first time)",
            missing.join(", ")
        ));
        run(Command::new("apt-get").arg("update").arg("-q"))?;
        run(Command::new("apt-get")
            .args(["install", "-y", "-q"])
            .args(&missing))?;
    }
    ensure_cargo_tool(
        "geckodriver",
        "geckodriver",
        GECKODRIVER_VERSION,
        &["--locked"],
    )
}

/// Where geckodriver is, once [`ensure_browsers`] ran.
pub fn geckodriver() -> PathBuf {
    cargo_bin_dir().join("geckodriver")
}

fn ensure_wasm_target() -> Result<(), Failure> {
    let installed = capture(Command::new("rustup").args(["target", "list", "--installed"]))
        .map_err(|err| Failure::new(format!("rustup is needed to add the wasm target: {err}")))?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        return Ok(());
    }
    step(&format!("adding the Rust target {WASM_TARGET}"));
    run(Command::new("rustup").args(["target", "add", WASM_TARGET])).map_err(|err| {
        Failure::new(format!(
            "could not add the {WASM_TARGET} target ({err}); check that the Rust distribution server is reachable"
        ))
    })
}

/// Installs `krate` at exactly `version` with `cargo install` unless `binary --version`
/// already reports it.
fn ensure_cargo_tool(
    binary: &str,
    krate: &str,
    version: &str,
    extra: &[&str],
) -> Result<(), Failure> {
    let path = cargo_bin_dir().join(binary);
    let program = if path.exists() {
        path.into_os_string()
    } else {
        binary.into()
    };
    if let Ok(output) = capture(Command::new(&program).arg("--version")) {
        if output.split_whitespace().any(|word| word == version) {
            return Ok(());
        }
    }
    step(&format!(
        "installing {krate} {version} with cargo install (once per machine; Trunk takes about 10 minutes)"
    ));
    let exact = format!("={version}");
    let mut command = Command::new(cargo());
    command
        .args(["install", krate, "--version", &exact])
        .args(extra);
    run(&mut command)
}

/// `wasm-split-cli` has no `--version`: cargo's record of what it installed says which one
/// is there.
fn ensure_wasm_split() -> Result<(), Failure> {
    let krate = "wasm_split_cli_support";
    let record = cargo_bin_dir()
        .parent()
        .map(|home| home.join(".crates.toml"))
        .and_then(|path| std::fs::read_to_string(path).ok())
        .unwrap_or_default();
    let installed = format!("\"{krate} {WASM_SPLIT_VERSION} (");
    if record.contains(&installed) && cargo_bin_dir().join("wasm-split-cli").exists() {
        return Ok(());
    }
    step(&format!(
        "installing {krate} {WASM_SPLIT_VERSION} with cargo install (once per machine, about a minute)"
    ));
    run(Command::new(cargo()).args([
        "install",
        krate,
        "--version",
        &format!("={WASM_SPLIT_VERSION}"),
        "--locked",
        "--features",
        "build-binary",
    ]))
}

/// binaryen from npm: Debian's is too old to read what current rustc emits.
fn ensure_binaryen() -> Result<PathBuf, Failure> {
    let prefix = cache_dir().join(format!("binaryen-{BINARYEN_VERSION}"));
    let bin = prefix.join("node_modules").join(".bin");
    let wasm_opt = bin.join("wasm-opt");
    if let Ok(output) = capture(Command::new(&wasm_opt).arg("--version")) {
        if output.contains(WASM_OPT_VERSION) {
            return Ok(bin);
        }
    }
    step(&format!(
        "installing wasm-opt (npm binaryen@{BINARYEN_VERSION}) into {}",
        prefix.display()
    ));
    std::fs::create_dir_all(&prefix)
        .map_err(|err| Failure::new(format!("cannot create {}: {err}", prefix.display())))?;
    run(Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(&prefix)
        .arg(format!("binaryen@{BINARYEN_VERSION}")))
    .map_err(|err| {
        Failure::new(format!(
            "npm could not install binaryen ({err}); is Node.js installed?"
        ))
    })?;
    Ok(bin)
}

/// The version of `package` that Cargo.lock resolved.
fn locked_version(root: &Path, package: &str) -> Result<String, Failure> {
    let lock_path = root.join("Cargo.lock");
    let lock = std::fs::read_to_string(&lock_path)
        .map_err(|err| Failure::new(format!("cannot read {}: {err}", lock_path.display())))?;
    let name_line = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == name_line {
            if let Some(version) = lines
                .next()
                .and_then(|next| next.trim().strip_prefix("version = \""))
                .and_then(|rest| rest.strip_suffix('"'))
            {
                return Ok(version.to_string());
            }
        }
    }
    Err(Failure::new(format!(
        "Cargo.lock has no {package} package; run `cargo generate-lockfile`"
    )))
}

pub fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string())
}

fn home_dir() -> PathBuf {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn cargo_bin_dir() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| home_dir().join(".cargo"))
        .join("bin")
}

fn cache_dir() -> PathBuf {
    std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| home_dir().join(".cache"))
        .join("arxiv-explorer")
}

fn is_root() -> bool {
    capture(Command::new("id").arg("-u")).is_ok_and(|uid| uid.trim() == "0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locked_version_reads_the_workspace_lock() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let version = locked_version(&root, "wasm-bindgen").expect("wasm-bindgen is locked");
        // The page and the recommendation worker both pin it.
        for path in ["Cargo.toml", "worker/Cargo.toml"] {
            let manifest = std::fs::read_to_string(root.join(path)).expect("manifest");
            assert!(
                manifest.contains(&format!("wasm-bindgen = {{ version = \"={version}\""))
                    || manifest.contains(&format!("wasm-bindgen = \"={version}\"")),
                "{path} pins wasm-bindgen to the locked {version}"
            );
        }
        let trunk_toml = std::fs::read_to_string(root.join("Trunk.toml")).expect("Trunk.toml");
        assert!(trunk_toml.contains(&format!("wasm_bindgen = \"{version}\"")));
        assert!(trunk_toml.contains(&format!(
            "wasm_opt = \"{}\"",
            WASM_OPT_VERSION.replace(' ', "_")
        )));
    }

    #[test]
    fn locked_version_reports_a_missing_package() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let err = locked_version(&root, "no-such-package").expect_err("not locked");
        assert!(err.to_string().contains("no-such-package"));
    }
}
