//! The first screen written into the page at build time (`core::first_screen`): shown until
//! the app starts, then taken away in the same task as the app mounts, so no frame shows both.

/// Removes the first screen, if the page has one.
pub fn remove() {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("first-screen"));
    if let Some(element) = element {
        element.remove();
    }
}
