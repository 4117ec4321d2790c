//! Thin adapters to browser APIs. Nothing outside this module calls `web-sys` directly.
//! Without the `ui` feature only `wire` is built: the worker, which has no page, frames its
//! messages with it.

#[cfg(feature = "ui")]
pub mod canvas;
#[cfg(feature = "ui")]
pub mod clipboard;
#[cfg(feature = "ui")]
pub mod feed_cache;
#[cfg(feature = "ui")]
pub mod fetch;
#[cfg(feature = "ui")]
pub mod files;
#[cfg(feature = "ui")]
pub mod first_screen;
#[cfg(feature = "ui")]
pub mod frame;
#[cfg(feature = "ui")]
pub mod keys;
#[cfg(feature = "ui")]
pub mod math;
#[cfg(feature = "ui")]
pub mod offline;
#[cfg(feature = "ui")]
pub mod panic;
#[cfg(feature = "ui")]
pub mod parts;
#[cfg(feature = "ui")]
pub mod perf;
#[cfg(feature = "ui")]
pub mod resize;
#[cfg(feature = "ui")]
pub mod site;
#[cfg(feature = "ui")]
pub mod slices;
#[cfg(feature = "ui")]
pub mod storage;
#[cfg(feature = "ui")]
pub mod url;
#[cfg(feature = "ui")]
pub mod viewport;
pub mod wire;
#[cfg(feature = "ui")]
pub mod worker;
