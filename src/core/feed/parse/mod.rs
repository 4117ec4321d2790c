//! A streaming, namespace-aware parser for arXiv API Atom feeds (current, interim and legacy
//! shapes) and plain Atom 1.0.
//!
//! Elements are matched by namespace URI and local name, never by prefix or position, because
//! arXiv changed both in Nov 2025. The parser is total: it returns the feed plus warnings, and
//! one bad entry costs only that entry.

mod attributes;
mod encoding;
mod entry;
mod error;
mod schema;
mod stream;

pub use entry::is_http_url;
pub use error::{ParseError, ParseWarning, ParsedFeed};
pub use stream::parse_feed;

/// The largest feed accepted: well above a 30,000-entry API result (~100 MB).
pub const MAX_FEED_BYTES: usize = 256 * 1024 * 1024;

/// Deeper nesting than any real feed has; refusing it bounds the parser's memory.
const MAX_DEPTH: usize = 256;
