//! `cargo xtask test`: every check and test, in order, with one summary line at the end.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::process::{run, run_tests, run_tests_within, step, Counts, FailedTest, Failure};
use crate::tools::{
    cargo, ensure_browsers, ensure_build_tools, geckodriver, Toolchain, CHROMEDRIVER, CHROMIUM,
    FIREFOX, MINIBROWSER, WEBKIT_DRIVER, XVFB,
};
use crate::Options;
use std::time::Duration;

/// Where the end-to-end tests expect the site to be hosted.
const E2E_PUBLIC_URL: &str = "/explorer/";

struct Report {
    counts: Counts,
    lines: Vec<String>,
}

impl Report {
    fn record(&mut self, name: &str, outcome: Result<Counts, (Counts, Failure)>) {
        match outcome {
            Ok(counts) => {
                self.counts.add(counts);
                self.lines
                    .push(format!("  ok      {name} ({} passed)", counts.passed));
            }
            Err((counts, failure)) => {
                self.counts.add(counts);
                // A step that failed without reporting a failing test (a build error, a
                // crashed runner) still counts as one failure.
                if counts.failed == 0 {
                    self.counts.failed += 1;
                }
                self.lines.push(format!("  FAILED  {name}: {failure}"));
            }
        }
    }

    /// A check with no test counts (clippy) counts as one test.
    fn record_check(&mut self, name: &str, outcome: Result<(), Failure>) {
        let outcome = outcome
            .map(|()| Counts {
                passed: 1,
                failed: 0,
            })
            .map_err(|failure| (Counts::default(), failure));
        self.record(name, outcome);
    }
}

pub fn test(root: &Path) -> Result<(), Failure> {
    let tools = ensure_build_tools(root)?;
    ensure_browsers()?;
    let mut report = Report {
        counts: Counts::default(),
        lines: Vec::new(),
    };

    step("clippy, host target");
    report.record_check(
        "clippy (host)",
        run(cargo_command(&tools, root).args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])),
    );

    step("clippy, wasm32 target");
    report.record_check(
        "clippy (wasm32)",
        run(cargo_command(&tools, root).args([
            "clippy",
            "--package",
            "arxiv-explorer",
            "--package",
            "explorer-worker",
            "--target",
            "wasm32-unknown-unknown",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])),
    );

    step("clippy, wasm32 target, the release site's build with its parts split off");
    report.record_check(
        "clippy (wasm32, split parts)",
        run(cargo_command(&tools, root)
            .env("RUSTFLAGS", crate::split_parts::SPLIT_RUSTFLAGS)
            .args([
                "clippy",
                "--package",
                "arxiv-explorer",
                "--target",
                "wasm32-unknown-unknown",
                "--target-dir",
            ])
            .arg(crate::split_parts::split_target_dir(root))
            .args(["--", "-D", "warnings"])),
    );

    step("native tests");
    report.record(
        "native tests",
        run_tests(cargo_command(&tools, root).args([
            "test",
            "--package",
            "arxiv-explorer",
            "--package",
            "xtask",
            "--package",
            "arxiv-feed",
            "--package",
            "bench-scan",
            "--no-fail-fast",
        ])),
    );

    // The fuzz targets' corpus, replayed on stable (fuzzing itself needs nightly). It shares
    // the workspace's target folder, so the library is not built twice.
    step("fuzz corpus replay");
    report.record(
        "fuzz corpus replay",
        run_tests(
            cargo_command(&tools, root)
                .args(["test", "--manifest-path", "fuzz/Cargo.toml"])
                .env("CARGO_TARGET_DIR", root.join("target")),
        ),
    );

    step("browser tests (wasm-bindgen-test in headless Chromium)");
    report.record(
        "browser tests",
        run_tests(
            cargo_command(&tools, root)
                .args([
                    "test",
                    "--package",
                    "arxiv-explorer",
                    "--target",
                    "wasm32-unknown-unknown",
                    "--test",
                    "web",
                ])
                .env(
                    "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                    "wasm-bindgen-test-runner",
                )
                .env("CHROMEDRIVER", CHROMEDRIVER)
                .env("WASM_BINDGEN_TEST_TIMEOUT", "120"),
        ),
    );

    let site_dir = root.join("target").join("e2e-site");
    let site_options = Options::for_site(E2E_PUBLIC_URL, &site_dir);
    step("building the release site for the end-to-end tests");
    match crate::site::dist(root, &site_options) {
        Ok(site) => {
            let graph_feed = match generated_graph_feed(root) {
                Ok(path) => path,
                Err(failure) => {
                    report.record(
                        "generated feed for the map",
                        Err((Counts::default(), failure)),
                    );
                    PathBuf::new()
                }
            };
            // MiniBrowser needs a display; one Xvfb serves the whole WebKit run.
            let display = VirtualDisplay::start();
            for engine in ENGINES {
                step(&format!(
                    "end-to-end tests in {engine} (release site under /explorer/, driven through WebDriver)"
                ));
                let mut command = e2e_command(&tools, root, &site, engine);
                command
                    .args(["--no-fail-fast"])
                    .env("E2E_GRAPH_FEED", &graph_feed);
                let name = format!("end-to-end tests ({engine})");
                let display_name = display.as_ref().ok().map(|d| d.name.clone());
                if let (Err(failure), "webkit") = (&display, engine) {
                    report.record(
                        &name,
                        Err((Counts::default(), Failure::new(failure.to_string()))),
                    );
                    continue;
                }
                if let Some(display_name) = &display_name {
                    command.env("DISPLAY", display_name);
                }
                let retry = |test: &FailedTest| {
                    // Cargo names the binary it runs on stderr, which is not read: an unnamed
                    // one is the file that defines the test.
                    let binary = match test.binary.as_str() {
                        "" => e2e_binary_of(root, &test.name).unwrap_or_default(),
                        named => named.to_string(),
                    };
                    let mut again = e2e_command(&tools, root, &site, engine);
                    again
                        .env("E2E_GRAPH_FEED", &graph_feed)
                        .args(["--test", &binary, "--", "--exact", &test.name]);
                    if let Some(display_name) = &display_name {
                        again.env("DISPLAY", display_name);
                    }
                    again
                };
                report.record(&name, run_e2e(&mut command, retry));
            }
        }
        Err(failure) => report.record("end-to-end tests", Err((Counts::default(), failure))),
    }

    eprintln!("\nSteps:");
    for line in &report.lines {
        eprintln!("{line}");
    }
    println!(
        "summary: {} passed, {} failed",
        report.counts.passed, report.counts.failed
    );
    if report.counts.failed == 0 {
        Ok(())
    } else {
        Err(Failure::new(format!("{} failed", report.counts.failed)))
    }
}

/// How long one engine's end-to-end run may take before it is stopped as hung.
const E2E_RUN_LIMIT: Duration = Duration::from_secs(25 * 60);
/// How long the rerun of one test may take.
const E2E_RETRY_LIMIT: Duration = Duration::from_secs(5 * 60);
/// What the harness says when a WebDriver command got no answer (`webdriver::DRIVER_STUCK`):
/// the driver is stuck, not the page wrong.
const DRIVER_STUCK: &str = "the browser's driver stopped answering";

/// Runs the end-to-end suite; a test that failed because its driver stopped answering is run
/// once more on its own, in a fresh driver, and says so. Any other failure stands.
fn run_e2e(
    command: &mut Command,
    retry: impl Fn(&FailedTest) -> Command,
) -> Result<Counts, (Counts, Failure)> {
    let run = run_tests_within(command, Some(E2E_RUN_LIMIT));
    let Err((mut counts, failure)) = run.result else {
        return run.result;
    };
    let stuck = run.output_lines.iter().any(|l| l.contains(DRIVER_STUCK));
    if !stuck || run.failed.is_empty() || counts.failed != run.failed.len() as u64 {
        return Err((counts, failure));
    }
    for test in &run.failed {
        eprintln!(
            "\n==> {} ({}) failed because the driver stopped answering; running it once more",
            test.name, test.binary
        );
        let again = run_tests_within(&mut retry(test), Some(E2E_RETRY_LIMIT));
        match again.result {
            Ok(rerun) if rerun.passed == 1 => {
                counts.failed -= 1;
                counts.passed += 1;
            }
            _ => return Err((counts, failure)),
        }
    }
    Ok(counts)
}

/// The end-to-end test binary (`tests/e2e/tests/<binary>.rs`) that defines test `name`.
fn e2e_binary_of(root: &Path, name: &str) -> Option<String> {
    let folder = root.join("tests").join("e2e").join("tests");
    let definition = format!("fn {name}(");
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .ok()?
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .collect();
    files.sort();
    files.into_iter().find_map(|file| {
        let text = std::fs::read_to_string(&file).ok()?;
        text.contains(&definition)
            .then(|| file.file_stem()?.to_str().map(str::to_string))?
    })
}

/// `cargo test` of the end-to-end package against `site` in `engine`, with every path the
/// harness reads.
fn e2e_command(tools: &Toolchain, root: &Path, site: &Path, engine: &str) -> Command {
    let mut command = cargo_command(tools, root);
    command
        .args(["test", "--package", "e2e"])
        .env("E2E_BROWSER", engine)
        .env("E2E_SITE_DIR", site)
        .env("E2E_PUBLIC_URL", E2E_PUBLIC_URL)
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env("CHROMIUM", CHROMIUM)
        .env("GECKODRIVER", geckodriver())
        .env("FIREFOX", FIREFOX)
        .env("WEBKIT_DRIVER", WEBKIT_DRIVER)
        .env("MINIBROWSER", MINIBROWSER);
    command
}

/// A realistic feed large enough for the co-author map's clusters to matter, generated once
/// (the generator is seeded, so the file is the same every time).
fn generated_graph_feed(root: &Path) -> Result<PathBuf, Failure> {
    let path = root
        .join("target")
        .join("e2e-feeds")
        .join("papers-2000.xml");
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)
            .map_err(|err| Failure::new(format!("cannot create {}: {err}", folder.display())))?;
    }
    crate::gen_feed::generate_file(2_000, 1, &path)?;
    Ok(path)
}

/// `cargo xtask screenshots`: the README's pictures of the first screen, on a laptop and a
/// phone, taken by the end-to-end test that checks that screen, in Chromium.
pub fn screenshots(root: &Path) -> Result<(), Failure> {
    let tools = ensure_build_tools(root)?;
    ensure_browsers()?;
    let site_dir = root.join("target").join("e2e-site");
    let site = crate::site::dist(root, &Options::for_site(E2E_PUBLIC_URL, &site_dir))?;
    step("taking the screenshots (the first-screen and map tests, in Chromium)");
    let graph_feed = generated_graph_feed(root)?;
    for (binary, tests) in [
        ("reading", ["a_laptop_screen", "a_phone_screen"]),
        ("graph", ["the_map_draws", "a_large_map"]),
    ] {
        let mut command = e2e_command(&tools, root, &site, "chromium");
        command
            .env("E2E_GRAPH_FEED", &graph_feed)
            .args(["--test", binary, "--"])
            .args(tests);
        run(&mut command)?;
    }
    let shots = root.join("target").join("e2e-screenshots");
    let docs = root.join("docs");
    std::fs::create_dir_all(&docs)
        .map_err(|err| Failure::new(format!("cannot create {}: {err}", docs.display())))?;
    for (taken, kept) in [
        ("first-screen-chromium-1366x800.png", "first-screen.png"),
        (
            "first-screen-chromium-390x844.png",
            "first-screen-phone.png",
        ),
        ("abstracts-chromium-1366x800.png", "abstracts.png"),
        ("map-embedded-chromium-1280x900.png", "map-embedded.png"),
        ("map-2000-chromium-1280x900.png", "map-2000.png"),
    ] {
        std::fs::copy(shots.join(taken), docs.join(kept))
            .map_err(|err| Failure::new(format!("cannot copy {taken}: {err}")))?;
        eprintln!("  docs/{kept}");
    }
    Ok(())
}

/// The engines the end-to-end suite runs in, in order.
const ENGINES: [&str; 3] = ["chromium", "firefox", "webkit"];

/// An Xvfb server on a free display number, stopped when dropped.
struct VirtualDisplay {
    child: std::process::Child,
    name: String,
}

impl VirtualDisplay {
    fn start() -> Result<VirtualDisplay, Failure> {
        let free = (90..140).find(|n| {
            !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
                && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
        });
        let number = free.ok_or_else(|| {
            Failure::new("no free X display number for Xvfb (:90 to :139 are taken)")
        })?;
        let name = format!(":{number}");
        let child = Command::new(XVFB)
            .args([
                name.as_str(),
                "-screen",
                "0",
                "1400x1000x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .map_err(|err| Failure::new(format!("cannot start {XVFB}: {err}")))?;
        // Ready once its socket exists.
        let socket = format!("/tmp/.X11-unix/X{number}");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while !Path::new(&socket).exists() {
            if std::time::Instant::now() > deadline {
                return Err(Failure::new(format!(
                    "Xvfb did not open display {name} within 10 s"
                )));
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Ok(VirtualDisplay { child, name })
    }
}

impl Drop for VirtualDisplay {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn cargo_command(tools: &Toolchain, root: &Path) -> Command {
    let mut command = tools.command(&cargo());
    command.current_dir(root);
    command
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_end_to_end_test_is_found_in_the_file_that_defines_it() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("the workspace");
        assert_eq!(
            e2e_binary_of(
                root,
                "a_large_map_has_named_coloured_clusters_that_filter_the_list"
            ),
            Some("graph".to_string())
        );
        assert_eq!(
            e2e_binary_of(root, "each_part_is_fetched_when_first_needed_and_works"),
            Some("parts".to_string())
        );
        assert_eq!(e2e_binary_of(root, "no_such_test"), None);
    }
}
