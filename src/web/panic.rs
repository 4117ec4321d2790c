//! A panic must never leave a blank page or a silent console: it is logged with its message
//! and location, and the page says what happened in an alert the user can act on.

use std::sync::Once;

const BANNER_ID: &str = "fatal-error";

/// Installs the panic hook once; later calls do nothing.
pub fn install_panic_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            console_error_panic_hook::hook(info);
            show_fatal_banner(&info.to_string());
        }));
    });
}

/// Writes the message as text (never as HTML) into an alert at the top of the page.
pub fn show_fatal_banner(detail: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    if document.get_element_by_id(BANNER_ID).is_some() {
        return;
    }
    let Ok(banner) = document.create_element("div") else {
        return;
    };
    banner.set_id(BANNER_ID);
    banner.set_class_name("fatal-error");
    let _ = banner.set_attribute("role", "alert");
    banner.set_text_content(Some(&format!(
        "Something went wrong and the page stopped responding. Reload to start again; your favourites are safe. Details: {detail}"
    )));
    let _ = body.prepend_with_node_1(&banner);
}
