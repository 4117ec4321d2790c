//! An arXiv feed explorer that runs in the browser.

pub mod core;
