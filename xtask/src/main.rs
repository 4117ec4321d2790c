//! Project automation: `cargo xtask <command>`. See `cargo xtask help`.

mod bench;
mod csp;
mod first_screen;
mod gen_feed;
mod precompress;
mod process;
mod service_worker;
mod site;
mod site_config;
mod split_parts;
mod test;
mod tools;
mod worker_files;

/// An empty folder of a test's own under the system's temporary folder, emptied first so a
/// test never reads what an earlier run left there.
#[cfg(test)]
fn empty_test_folder(label: &str) -> std::path::PathBuf {
    let folder = std::env::temp_dir().join(format!("{label}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("a test folder");
    folder
}

use std::path::PathBuf;
use std::process::ExitCode;

use process::Failure;

const USAGE: &str = "\
cargo xtask <command>

Commands:
  serve [--port N]                      install what is missing, build and serve the app
                                        at http://127.0.0.1:N/ (default 8080)
  dist [--public-url PATH] [--out DIR]  write the release site to DIR (default dist/);
                                        PATH is where it will be hosted (default ./, any folder)
  site [--config explorer.toml] [--out site/] [--public-url PATH] [--prebuilt DIR]
                                        a site of your own: the release site (or the one built
                                        in DIR) with every feed of the configuration fetched
                                        into site/feeds/, merged into what earlier runs kept,
                                        the page opening on the default feed (see
                                        explorer.example.toml)
  test                                  install what is missing, then run every check and test:
                                        clippy (host and wasm), native tests, browser tests,
                                        end-to-end tests in Chromium, Firefox and WebKit;
                                        ends with `N passed, N failed`
  screenshots                           take the README's screenshots of the first screen
                                        (laptop and phone, in Chromium) into docs/
  gen-feed --entries N [--seed S] [--out FILE] [--page-size P]
                                        write a realistic arXiv API response with N entries,
                                        identical bytes for the same N and S (default seed 1),
                                        to FILE or standard output; with P, one file per page
                                        of P entries (FILE-001.xml, FILE-002.xml, ...)
  bench [--quick|--recommend] [--site DIR]
                                        generate feeds into target/bench/ and time the feed
                                        parser against a raw quick-xml scan, roxmltree, feed-rs
                                        and Python feedparser, then the release site (built into
                                        target/bench-site/, or DIR if built for /explorer/) in
                                        headless Chromium: parse vs DOMParser and a raw wasm
                                        scan, filter as you type at 30,000 and 100,000 papers,
                                        memory, co-author layout, first paint, transfer size;
                                        and the recommendation recipe at 30,000 papers next
                                        to scikit-learn and in the page; --quick: one 2,000-entry
                                        page natively, 30,000 papers typed 20 times in the
                                        browser, no 100,000 and no co-author map;
                                        --recommend: the recommendation part alone
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => {
            Options::parse(&args[1..], &["--port"]).and_then(|o| site::serve(&root(), &o))
        }
        Some("dist") => Options::parse(&args[1..], &["--public-url", "--out"])
            .and_then(|o| site::dist(&root(), &o).map(|_| ())),
        Some("site") => Options::parse(
            &args[1..],
            &["--config", "--out", "--public-url", "--prebuilt", "--today"],
        )
        .and_then(|o| site::site(&root(), &o)),
        Some("test") => Options::parse(&args[1..], &[]).and_then(|_| test::test(&root())),
        Some("screenshots") => {
            Options::parse(&args[1..], &[]).and_then(|_| test::screenshots(&root()))
        }
        Some("gen-feed") => {
            Options::parse(&args[1..], &["--entries", "--seed", "--out", "--page-size"])
                .and_then(|o| gen_feed::run(&o))
        }
        Some("bench") => {
            Options::parse_with_switches(&args[1..], &["--site"], &["--quick", "--recommend"])
                .and_then(|o| bench::bench(&root(), &o))
        }
        Some("help" | "--help" | "-h") | None => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(Failure::new(format!(
            "unknown command `{other}`\n\n{USAGE}"
        ))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("\nerror: {failure}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (the folder above `xtask/`).
fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// `--flag value` pairs, checked against the flags a command accepts.
#[derive(Debug, Default)]
pub struct Options {
    pairs: Vec<(String, String)>,
}

impl Options {
    fn parse(args: &[String], allowed: &[&str]) -> Result<Options, Failure> {
        Options::parse_with_switches(args, allowed, &[])
    }

    /// Like [`Options::parse`], also accepting `switches`: flags without a value (`--quick`).
    fn parse_with_switches(
        args: &[String],
        allowed: &[&str],
        switches: &[&str],
    ) -> Result<Options, Failure> {
        let mut pairs = Vec::new();
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            if switches.contains(&arg.as_str()) {
                pairs.push((arg.clone(), String::new()));
                continue;
            }
            let (flag, value) = match arg.split_once('=') {
                Some((flag, value)) => (flag.to_string(), Some(value.to_string())),
                None => (arg.clone(), None),
            };
            if !allowed.contains(&flag.as_str()) {
                return Err(Failure::new(format!("unknown option `{arg}`\n\n{USAGE}")));
            }
            let value = match value.or_else(|| iter.next().cloned()) {
                Some(value) => value,
                None => return Err(Failure::new(format!("`{flag}` needs a value"))),
            };
            pairs.push((flag, value));
        }
        Ok(Options { pairs })
    }

    /// Options for building the site at `public_url` into `out`.
    pub fn for_site(public_url: &str, out: &std::path::Path) -> Options {
        Options {
            pairs: vec![
                ("--public-url".to_string(), public_url.to_string()),
                ("--out".to_string(), out.to_string_lossy().into_owned()),
            ],
        }
    }

    /// Whether a switch (or any flag) was given.
    pub fn has(&self, flag: &str) -> bool {
        self.pairs.iter().any(|(name, _)| name == flag)
    }

    pub fn get(&self, flag: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(name, _)| name == flag)
            .map(|(_, value)| value.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn options_accept_both_spellings() {
        let options = Options::parse(
            &strings(&["--port", "9000", "--out=site"]),
            &["--port", "--out"],
        )
        .expect("valid options");
        assert_eq!(options.get("--port"), Some("9000"));
        assert_eq!(options.get("--out"), Some("site"));
        assert_eq!(options.get("--public-url"), None);
    }

    #[test]
    fn switches_take_no_value() {
        let options = Options::parse_with_switches(
            &strings(&["--quick", "--runs", "3"]),
            &["--runs"],
            &["--quick"],
        )
        .expect("valid options");
        assert!(options.has("--quick"));
        assert_eq!(options.get("--runs"), Some("3"));
        assert!(Options::parse(&strings(&["--quick"]), &["--runs"]).is_err());
    }

    #[test]
    fn options_reject_unknown_and_incomplete_flags() {
        assert!(Options::parse(&strings(&["--verbose"]), &["--port"]).is_err());
        assert!(Options::parse(&strings(&["--port"]), &["--port"]).is_err());
    }
}
