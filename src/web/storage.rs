//! Local storage, with every way it can fail named: disabled or blocked (private modes,
//! policies), full, or changed by another tab.

use std::fmt;

use leptos::ev;
use leptos::prelude::window_event_listener;
use wasm_bindgen::JsCast;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// The browser refuses local storage to this page.
    Unavailable,
    /// The origin's quota is used up.
    Full,
    /// Anything else the browser reported.
    Failed(String),
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::Unavailable => f.write_str(
                "This browser does not let the page store data (private mode or a privacy setting).",
            ),
            StorageError::Full => f.write_str("The browser's storage for this page is full."),
            StorageError::Failed(detail) => write!(f, "The browser could not store data: {detail}."),
        }
    }
}

fn local_storage() -> Result<web_sys::Storage, StorageError> {
    web_sys::window()
        .ok_or(StorageError::Unavailable)?
        .local_storage()
        .map_err(|_| StorageError::Unavailable)?
        .ok_or(StorageError::Unavailable)
}

/// The stored text under `key`, if any.
pub fn read(key: &str) -> Result<Option<String>, StorageError> {
    local_storage()?
        .get_item(key)
        .map_err(|_| StorageError::Unavailable)
}

/// Stores `value` under `key`, whole.
pub fn write(key: &str, value: &str) -> Result<(), StorageError> {
    local_storage()?.set_item(key, value).map_err(|error| {
        let name = error
            .dyn_ref::<web_sys::DomException>()
            .map(|e| e.name())
            .unwrap_or_default();
        match name.as_str() {
            "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StorageError::Full,
            "SecurityError" => StorageError::Unavailable,
            other => StorageError::Failed(if other.is_empty() {
                "unknown error".into()
            } else {
                other.into()
            }),
        }
    })
}

/// Calls `on_change` with the new value whenever another tab of this site changes `key`.
pub fn on_change_in_other_tab(key: &'static str, on_change: impl Fn(Option<String>) + 'static) {
    let listener = window_event_listener(ev::storage, move |event| {
        if event.key().as_deref() == Some(key) {
            on_change(event.new_value());
        }
    });
    std::mem::forget(listener);
}

/// Milliseconds since the Unix epoch, for ordering changes.
pub fn now_millis() -> i64 {
    js_sys::Date::now() as i64
}
