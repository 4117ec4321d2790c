//! Turning papers into formats other tools read.

pub mod bibtex;
pub mod feed_json;

pub use bibtex::{bibtex_entry, bibtex_key};
pub use feed_json::feed_json;
