//! Turning papers into formats other tools read.

pub mod bibtex;

pub use bibtex::{bibtex_entry, bibtex_key};
