//! Thin adapters to browser APIs. Nothing outside this module calls `web-sys` directly.

pub mod canvas;
pub mod clipboard;
pub mod feed_cache;
pub mod fetch;
pub mod files;
pub mod first_screen;
pub mod keys;
pub mod math;
pub mod offline;
pub mod panic;
pub mod perf;
pub mod resize;
pub mod site;
pub mod slices;
pub mod storage;
pub mod url;
pub mod viewport;
pub mod worker;
