//! An arXiv feed explorer that runs in the browser.
//!
//! `core` is pure logic, `web` adapts browser APIs, `ui` draws. See ARCHITECTURE.md.

pub mod core;
#[cfg(feature = "ui")]
pub mod ui;
#[cfg(feature = "wire")]
pub mod web;

/// Starts the app in the page's `<body>`.
#[cfg(feature = "ui")]
pub fn start() {
    web::panic::install_panic_hook();
    // The build's first screen goes as the app comes, in one task: no frame shows both.
    web::first_screen::remove();
    leptos::mount::mount_to_body(ui::app::App);
}
