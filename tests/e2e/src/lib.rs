//! End-to-end harness: serves the built site from a plain static file server under a sub-path
//! and drives Chromium, Firefox or WebKit (`E2E_BROWSER`) through the W3C WebDriver protocol;
//! `driver.rs` holds the engines, their drivers and capabilities.
//!
//! Set by `cargo xtask test`: `E2E_SITE_DIR` (the release site), `E2E_PUBLIC_URL` (the sub-path
//! it was built for), `E2E_BROWSER`, the drivers' and browsers' paths (`CHROMEDRIVER`,
//! `CHROMIUM`, `GECKODRIVER`, `FIREFOX`, `WEBKIT_DRIVER`, `MINIBROWSER`) and, for WebKit,
//! `DISPLAY`.
//!
//! The WebDriver client ([`Browser`], `webdriver.rs`) speaks only the W3C protocol; what only
//! Chromium offers (DevTools, the console log) is in `chromium.rs`, and the other engines'
//! stand-in for the console is a script every served page carries (`ERROR_TRAP`).

mod chromium;
mod driver;
mod fixture_server;
mod harness;
mod layout;
mod page;
mod static_server;
mod webdriver;

pub use driver::{Driver, Engine, Viewport};
pub use fixture_server::{FixtureServer, Served, API_TOTAL};
pub use harness::{Harness, SEED_IDS};
pub use layout::{FocusStop, LayoutReport};
pub use static_server::{copy_site, StaticServer};
pub use webdriver::Browser;

pub type Error = Box<dyn std::error::Error + Send + Sync>;
pub type Result<T> = std::result::Result<T, Error>;

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_string())
}
