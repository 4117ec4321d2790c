//! `cargo xtask test`: every check and test, in order, with one summary line at the end.

use std::path::Path;
use std::process::Command;

use crate::process::{run, run_tests, step, Counts, Failure};
use crate::tools::{cargo, ensure_browser, ensure_build_tools, Toolchain, CHROMEDRIVER, CHROMIUM};
use crate::Options;

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
    ensure_browser()?;
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
            "--target",
            "wasm32-unknown-unknown",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])),
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

    step("end-to-end tests (release site under /explorer/, driven through WebDriver)");
    let site_dir = root.join("target").join("e2e-site");
    let site_options = Options::for_site(E2E_PUBLIC_URL, &site_dir);
    match crate::site::dist(root, &site_options) {
        Ok(site) => report.record(
            "end-to-end tests",
            run_tests(
                cargo_command(&tools, root)
                    .args(["test", "--package", "e2e", "--no-fail-fast"])
                    .env("E2E_SITE_DIR", &site)
                    .env("E2E_PUBLIC_URL", E2E_PUBLIC_URL)
                    .env("CHROMEDRIVER", CHROMEDRIVER)
                    .env("CHROMIUM", CHROMIUM),
            ),
        ),
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

fn cargo_command(tools: &Toolchain, root: &Path) -> Command {
    let mut command = tools.command(&cargo());
    command.current_dir(root);
    command
}
