//! Matching text and names the way people type them: case- and accent-insensitive.

pub mod fold;
pub mod names;
pub mod query;

pub use fold::{find_in_ascii, fold, fold_into};
pub use names::{loose_match, name_key, Spellings};
pub use query::TextQuery;
