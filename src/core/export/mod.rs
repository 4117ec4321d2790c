//! Turning papers into formats other tools read.

pub mod atom;
pub mod bibtex;
pub mod feed_json;

pub use atom::write_atom;
pub use bibtex::{bibtex_entry, bibtex_key};
pub use feed_json::feed_json;
