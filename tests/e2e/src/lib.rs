//! End-to-end harness: serves the built site from a plain static file server under a sub-path
//! and drives headless Chromium through ChromeDriver's W3C WebDriver protocol.
//!
//! Set by `cargo xtask test`: `E2E_SITE_DIR` (the release site), `E2E_PUBLIC_URL` (the sub-path
//! it was built for), `CHROMEDRIVER` and `CHROMIUM`.
//!
//! The WebDriver client ([`Browser`], `webdriver.rs`) speaks only the W3C protocol; what is
//! Chromium's own (ChromeDriver, the session's capabilities, DevTools, the console log) is in
//! `chromium.rs`, so another driver needs only a module of its own.

mod chromium;
mod fixture_server;
mod harness;
mod page;
mod static_server;
mod webdriver;

pub use chromium::ChromeDriver;
pub use fixture_server::{FixtureServer, Served, API_TOTAL};
pub use harness::{Harness, SEED_IDS};
pub use static_server::StaticServer;
pub use webdriver::Browser;

pub type Error = Box<dyn std::error::Error + Send + Sync>;
pub type Result<T> = std::result::Result<T, Error>;

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_string())
}
