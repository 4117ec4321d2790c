//! Thin adapters to browser APIs. Nothing outside this module calls `web-sys` directly.

pub mod panic;
pub mod perf;
