//! Parses the embedded feed with the app's own parser, so a malformed or suspicious copy is a
//! build error rather than a blank page.

// The same files as `crate::core::{text, feed}`: the feed module reaches text as `super::text`.
#[allow(dead_code, unused_imports)]
#[path = "src/core/text.rs"]
mod text;

#[allow(dead_code, unused_imports)]
#[path = "src/core/feed/mod.rs"]
mod feed;

const EMBEDDED_FEED: &str = "assets/seed-feed.xml";

fn main() {
    println!("cargo::rerun-if-changed={EMBEDDED_FEED}");
    println!("cargo::rerun-if-changed=src/core/feed");
    println!("cargo::rerun-if-changed=src/core/text.rs");
    let bytes = match std::fs::read(EMBEDDED_FEED) {
        Ok(bytes) => bytes,
        Err(err) => panic!("cannot read the embedded feed {EMBEDDED_FEED}: {err}"),
    };
    match feed::parse_feed(&bytes) {
        Ok(parsed) if parsed.feed.papers.is_empty() => {
            panic!("the embedded feed {EMBEDDED_FEED} parses but holds no papers")
        }
        Ok(parsed) if !parsed.warnings.is_empty() => {
            let warnings: Vec<String> = parsed.warnings.iter().map(ToString::to_string).collect();
            panic!(
                "the embedded feed {EMBEDDED_FEED} has problems:\n  {}",
                warnings.join("\n  ")
            )
        }
        Ok(_) => {}
        Err(err) => panic!("the embedded feed {EMBEDDED_FEED} is not a valid feed: {err}"),
    }
}
