//! The page URL as the source of truth for the shareable view: reading the query, writing it
//! back without reloading, and hearing back/forward.

use std::cell::RefCell;
use std::time::Duration;

use leptos::ev;
use leptos::prelude::{set_timeout_with_handle, window_event_listener, TimeoutHandle};
use wasm_bindgen::JsValue;

/// How a change enters the browser history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryMode {
    /// A discrete action (a click): back returns to the state before it.
    Push,
    /// Typing: the entry is updated in place so back does not replay every keystroke.
    Replace,
}

/// How long typing may go on before the address bar follows. Writing the history is slow
/// in browsers (a millisecond or two, and they refuse more than a few hundred writes in ten
/// seconds), so a burst of keystrokes is written once, when it pauses.
const TYPING_PAUSE: Duration = Duration::from_millis(250);

thread_local! {
    /// A typed query not yet in the address bar, and the timer that will write it.
    static PENDING: RefCell<Option<(String, TimeoutHandle)>> = const { RefCell::new(None) };
}

/// The current query string, without `?` (a typed query not yet written counts).
pub fn current_query() -> String {
    if let Some(query) = PENDING.with_borrow(|p| p.as_ref().map(|(q, _)| q.clone())) {
        return query;
    }
    written_query()
}

fn written_query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .map(|search| search.trim_start_matches('?').to_string())
        .unwrap_or_default()
}

/// Writes `query` (without `?`) to the address bar, keeping the path (the site may live
/// under any sub-path) and the fragment. A push (a discrete action) is written at once,
/// after any typing still pending, so back returns to what was typed; a replace (typing) is
/// written when the typing pauses.
pub fn write_query(query: &str, mode: HistoryMode) {
    match mode {
        HistoryMode::Push => {
            flush_typing();
            write_now(query, HistoryMode::Push);
        }
        HistoryMode::Replace => {
            take_typing();
            if let Ok(timer) = set_timeout_with_handle(flush_typing, TYPING_PAUSE) {
                PENDING.with_borrow_mut(|pending| *pending = Some((query.to_string(), timer)));
            } else {
                write_now(query, HistoryMode::Replace);
            }
        }
    }
}

/// Writes a typed query that is still waiting for the typing to pause.
fn flush_typing() {
    if let Some(query) = take_typing() {
        write_now(&query, HistoryMode::Replace);
    }
}

/// The typed query waiting to be written, if any, with its timer stopped.
fn take_typing() -> Option<String> {
    let (query, timer) = PENDING.with_borrow_mut(Option::take)?;
    timer.clear();
    Some(query)
}

fn write_now(query: &str, mode: HistoryMode) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if written_query() == query {
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

/// The page's full address, for sharing (with what was just typed).
pub fn current_href() -> String {
    flush_typing();
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// Calls `on_change` with the new query whenever back or forward changes the URL. The listener
/// lives as long as the page.
pub fn on_history_change(on_change: impl Fn(String) + 'static) {
    let handle = window_event_listener(ev::popstate, move |_| {
        // Back or forward left the entry the typing belonged to: the page follows the URL.
        take_typing();
        on_change(written_query())
    });
    // The app never unmounts its root, so the listeners are kept for the page's lifetime.
    std::mem::forget(handle);
    // Leaving or reloading the page right after typing keeps what was typed in the URL.
    std::mem::forget(window_event_listener(ev::pagehide, |_| flush_typing()));
}
