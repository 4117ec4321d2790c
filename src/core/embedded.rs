//! The feed the page shows when the URL names no other source: a real arXiv API response
//! (15 cs.OS papers, April 2026). It is compiled in, so the first paint needs no network, and
//! the build script parses it with the real parser, so a malformed copy fails the build.

/// The embedded arXiv API response, verbatim.
pub const EMBEDDED_FEED_XML: &str = include_str!("../../assets/seed-feed.xml");

/// A short name for the embedded source, shown beside its title.
pub const EMBEDDED_FEED_LABEL: &str = "Embedded sample: cs.OS, April 2026";
