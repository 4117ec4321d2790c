//! An arXiv feed explorer that runs in the browser.
//!
//! `core` is pure logic, `web` adapts browser APIs, `ui` draws. See ARCHITECTURE.md.

pub mod core;
pub mod ui;
pub mod web;

/// Starts the app in the page's `<body>`.
pub fn start() {
    web::panic::install_panic_hook();
    leptos::mount::mount_to_body(ui::app::App);
}
