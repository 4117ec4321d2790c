//! The deployment workflow in `deploy/` is valid YAML of the shape GitHub Actions reads, and
//! runs the very command the README documents and the end-to-end site test runs.

use std::path::Path;

use serde_yaml::Value;

/// What the workflow runs, the README's cron line runs, and `tests/e2e/tests/site.rs` runs
/// (there on an already built page, with `--prebuilt`).
const SITE_COMMAND: &str = "cargo xtask site --config explorer.toml --out site";

fn read(path: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

#[test]
fn the_workflow_parses_and_runs_the_documented_command_on_a_schedule() {
    let workflow: Value = serde_yaml::from_str(&read("deploy/github-pages.yml")).expect("YAML");
    let cron = workflow["on"]["schedule"][0]["cron"]
        .as_str()
        .expect("a schedule");
    assert_eq!(cron.split_whitespace().count(), 5, "{cron}");
    assert!(workflow["on"].get("workflow_dispatch").is_some());
    let steps = workflow["jobs"]["build"]["steps"]
        .as_sequence()
        .expect("build steps");
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(runs.contains(&SITE_COMMAND), "{runs:?}");
    let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    for action in [
        "actions/checkout@v4",
        "actions/cache@v4",
        "actions/upload-pages-artifact@v3",
    ] {
        assert!(uses.contains(&action), "{action} in {uses:?}");
    }
    // The kept feeds are restored before the site is built, from the newest earlier run.
    let feeds_cache = steps
        .iter()
        .position(|s| s["with"]["path"].as_str() == Some("site/feeds"))
        .expect("a cache of site/feeds");
    let build = steps
        .iter()
        .position(|s| s["run"].as_str() == Some(SITE_COMMAND))
        .expect("the build step");
    assert!(feeds_cache < build);
    assert_eq!(
        steps[feeds_cache]["with"]["restore-keys"].as_str(),
        Some("feeds-")
    );
    assert_eq!(
        workflow["jobs"]["deploy"]["steps"][0]["uses"].as_str(),
        Some("actions/deploy-pages@v4")
    );
    // Publishing to Pages needs these permissions.
    assert_eq!(workflow["permissions"]["pages"].as_str(), Some("write"));
    assert_eq!(workflow["permissions"]["id-token"].as_str(), Some("write"));
    // The toolchain (Rust with its wasm target, the installed tools) is restored before Rust
    // is set up, so a warm run downloads nothing.
    let toolchain_cache = steps
        .iter()
        .position(|s| {
            s["with"]["path"]
                .as_str()
                .is_some_and(|p| p.contains("~/.rustup") && p.contains("~/.cargo/bin"))
        })
        .expect("a cache of the toolchain");
    let rustup = steps
        .iter()
        .position(|s| {
            s["run"]
                .as_str()
                .is_some_and(|r| r.contains("rustup toolchain install"))
        })
        .expect("the Rust step");
    assert!(toolchain_cache < rustup && rustup < build);
}

#[test]
fn the_readme_and_the_site_test_use_the_same_command() {
    let readme = read("README.md");
    assert!(readme.contains(SITE_COMMAND), "README names {SITE_COMMAND}");
    assert!(
        readme
            .lines()
            .any(|line| line.contains("* * 1-5") && line.contains(SITE_COMMAND)),
        "README has a cron line running {SITE_COMMAND}"
    );
    let test = read("tests/e2e/tests/site.rs");
    assert!(
        test.contains(r#"["xtask", "site", "--config"]"#) && test.contains(r#".arg("--out")"#),
        "the end-to-end test runs cargo xtask site --config … --out …"
    );
}
