//! The page URL as the source of truth for the shareable view: reading the query, writing it
//! back without reloading, and hearing back/forward.

use leptos::ev;
use leptos::prelude::window_event_listener;
use wasm_bindgen::JsValue;

/// How a change enters the browser history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryMode {
    /// A discrete action (a click): back returns to the state before it.
    Push,
    /// Typing: the entry is updated in place so back does not replay every keystroke.
    Replace,
}

/// The current query string, without `?`.
pub fn current_query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .map(|search| search.trim_start_matches('?').to_string())
        .unwrap_or_default()
}

/// Writes `query` (without `?`) to the address bar, keeping the path (the site may live
/// under any sub-path) and the fragment. Does nothing when the query is unchanged.
pub fn write_query(query: &str, mode: HistoryMode) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if current_query() == query {
        return;
    }
    let location = window.location();
    let path = location.pathname().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    let url = if query.is_empty() {
        format!("{path}{hash}")
    } else {
        format!("{path}?{query}{hash}")
    };
    let Ok(history) = window.history() else {
        return;
    };
    // A refused history write (e.g. too many calls per second) leaves the view as it is; the
    // next change writes the URL again.
    let _ = match mode {
        HistoryMode::Push => history.push_state_with_url(&JsValue::NULL, "", Some(&url)),
        HistoryMode::Replace => history.replace_state_with_url(&JsValue::NULL, "", Some(&url)),
    };
}

/// The page's address without query or fragment, for building links to other views.
pub fn page_address() -> String {
    web_sys::window()
        .and_then(|w| {
            let location = w.location();
            Some(format!(
                "{}{}",
                location.origin().ok()?,
                location.pathname().ok()?
            ))
        })
        .unwrap_or_default()
}

/// The page's full address, for sharing.
pub fn current_href() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// Calls `on_change` with the new query whenever back or forward changes the URL. The listener
/// lives as long as the page.
pub fn on_history_change(on_change: impl Fn(String) + 'static) {
    let handle = window_event_listener(ev::popstate, move |_| on_change(current_query()));
    // The app never unmounts its root, so the listener is kept for the page's lifetime.
    std::mem::forget(handle);
}
