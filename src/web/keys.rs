//! Page-wide keyboard shortcuts.

use leptos::ev;
use leptos::prelude::window_event_listener;
use wasm_bindgen::JsCast;

/// A key press as the shortcuts need it.
pub struct KeyPress {
    /// `KeyboardEvent.key`: "j", "/", "Enter", "Escape", "?".
    pub key: String,
    /// Typing in a text field, select or editable element: single-letter shortcuts stay off.
    pub in_text_field: bool,
    /// Focus is on a link, button or other control: Enter and Space belong to it.
    pub on_control: bool,
    /// Ctrl, Alt or Meta held: the browser's own shortcuts win.
    pub with_modifier: bool,
}

/// Calls `handle` for every key press on the page; when it returns `true` the browser's
/// default action (e.g. typing the `/` into the field just focused) is prevented.
pub fn on_key_press(handle: impl Fn(&KeyPress) -> bool + 'static) {
    let listener = window_event_listener(ev::keydown, move |event| {
        let target = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let tag = target.as_ref().map(|e| e.tag_name()).unwrap_or_default();
        let in_text_field = matches!(tag.as_str(), "INPUT" | "TEXTAREA" | "SELECT")
            || target
                .as_ref()
                .is_some_and(|e| e.get_attribute("contenteditable").is_some());
        let on_control = in_text_field || matches!(tag.as_str(), "A" | "BUTTON" | "SUMMARY");
        let press = KeyPress {
            key: event.key(),
            in_text_field,
            on_control,
            with_modifier: event.ctrl_key() || event.alt_key() || event.meta_key(),
        };
        if handle(&press) {
            event.prevent_default();
        }
    });
    std::mem::forget(listener);
}
