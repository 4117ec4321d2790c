//! What the page itself says about the site it belongs to: the feed a site built by
//! `cargo xtask site` opens on, named in a `<meta>` of the page.

use crate::core::snapshots::is_plain_relative_path;

/// The `<meta name>` the site build writes.
pub const DEFAULT_FEED_META: &str = "explorer-default-feed";

/// The `<meta name>` naming the recommendation worker's loader (content-hashed by
/// `cargo xtask dist`); without it, the name the development server gives it.
pub const WORKER_META: &str = "explorer-worker";
const DEVELOPMENT_WORKER: &str = "explorer-worker_loader.js";

/// The address of the recommendation worker's script, next to the page.
pub fn worker_script() -> String {
    meta_content(WORKER_META)
        .filter(|name| is_plain_relative_path(name))
        .unwrap_or_else(|| DEVELOPMENT_WORKER.to_string())
}

fn meta_content(name: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let meta = document
        .query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()??;
    Some(meta.get_attribute("content")?.trim().to_string())
}

/// The `<meta name>` holding a configured site's own title.
pub const SITE_TITLE_META: &str = "explorer-site-title";

/// The site's own title, when a site built by `cargo xtask site` gives one.
pub fn site_title() -> Option<String> {
    meta_content(SITE_TITLE_META).filter(|title| !title.is_empty())
}

/// The feed the page opens on instead of the built-in sample, when the site names one (a
/// plain path next to the page; anything else is ignored).
pub fn site_default_feed() -> Option<String> {
    meta_content(DEFAULT_FEED_META).filter(|content| is_plain_relative_path(content))
}
