//! Scroll position, viewport size and focus, for the windowed list and keyboard navigation.

use leptos::ev;
use leptos::prelude::window_event_listener;

/// The viewport's height in CSS pixels.
pub fn viewport_height() -> f64 {
    web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(1_000.0)
}

/// The element's top edge relative to the viewport, in CSS pixels.
pub fn top_in_viewport(element: &web_sys::Element) -> f64 {
    element.get_bounding_client_rect().top()
}

/// Where a pointer at `client_x` falls across the element, from 0 (left) to 1 (right).
pub fn horizontal_fraction(element: &web_sys::Element, client_x: f64) -> f64 {
    let rect = element.get_bounding_client_rect();
    if rect.width() > 0.0 {
        (client_x - rect.left()) / rect.width()
    } else {
        0.0
    }
}

/// Scrolls the window by `dy` pixels.
pub fn scroll_window_by(dy: f64) {
    if let Some(window) = web_sys::window() {
        window.scroll_by_with_x_and_y(0.0, dy);
    }
}

/// Calls `on_change` on every scroll and resize, for as long as the page lives.
pub fn on_scroll_or_resize(on_change: impl Fn() + Clone + 'static) {
    let on_resize = on_change.clone();
    std::mem::forget(window_event_listener(ev::scroll, move |_| on_change()));
    std::mem::forget(window_event_listener(ev::resize, move |_| on_resize()));
}

/// Moves keyboard focus to the element with this id, if there is one.
pub fn focus_element(id: &str) {
    use wasm_bindgen::JsCast;
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// Moves keyboard focus to `element` without scrolling (the list scrolls itself, by just
/// enough to show the row).
pub fn focus_without_scrolling(element: &web_sys::HtmlElement) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = element.focus_with_options(&options);
}

/// Moves keyboard focus to the element `selector` matches first, without scrolling; whether
/// there was one.
pub fn focus_first(selector: &str) -> bool {
    use wasm_bindgen::JsCast;
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    match element {
        Some(element) => {
            focus_without_scrolling(&element);
            true
        }
        None => false,
    }
}

/// Focuses `element` (without scrolling) unless the focus already is on it or inside it.
pub fn focus_unless_within(element: &web_sys::HtmlElement) {
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let inside = active.is_some_and(|a| element.contains(Some(&a)));
    if !inside {
        focus_without_scrolling(element);
    }
}

/// Focuses the row of paper `id` (`article[data-paper-id=…]`), if it is drawn.
pub fn focus_paper_row(id: &str) -> bool {
    let quoted = id.replace('\\', "\\\\").replace('"', "\\\"");
    focus_first(&format!("article[data-paper-id=\"{quoted}\"]"))
}
