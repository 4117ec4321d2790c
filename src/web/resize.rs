//! Watching elements' heights with a `ResizeObserver`: the windowed list learns each row's
//! real height once it is drawn, and again whenever it changes (fonts arriving, the window
//! narrowing, the density or abstracts switched).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The attribute that names what an observed element shows (a paper id); the list writes it
/// as `data-row-key`.
pub const KEY_ATTRIBUTE: &str = "data-row-key";

/// A `ResizeObserver` reporting `(key, height)` for the observed elements that changed.
pub struct HeightWatcher {
    observer: Option<web_sys::ResizeObserver>,
    _callback: Option<Closure<dyn FnMut(js_sys::Array)>>,
}

impl HeightWatcher {
    /// Without `ResizeObserver` (very old browsers) nothing is reported, and the list keeps
    /// its estimates.
    pub fn new(on_heights: impl Fn(Vec<(String, f64)>) + 'static) -> HeightWatcher {
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let heights: Vec<(String, f64)> = entries
                .iter()
                .filter_map(|entry| entry.dyn_into::<web_sys::ResizeObserverEntry>().ok())
                .filter_map(|entry| {
                    let target = entry.target();
                    let key = target.get_attribute(KEY_ATTRIBUTE)?;
                    let height = target.get_bounding_client_rect().height();
                    // A row taken out of the page reports zero: nothing to learn from it.
                    (height > 0.0).then_some((key, height))
                })
                .collect();
            if !heights.is_empty() {
                on_heights(heights);
            }
        });
        match web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
            Ok(observer) => HeightWatcher {
                observer: Some(observer),
                _callback: Some(callback),
            },
            Err(_) => HeightWatcher {
                observer: None,
                _callback: None,
            },
        }
    }

    /// Watches exactly the elements under `root` that carry [`KEY_ATTRIBUTE`]: rows that left
    /// the page are let go, and every row is reported once more (which costs little for the
    /// few rows a window holds, and needs no bookkeeping per row).
    pub fn watch_rows_of(&self, root: &web_sys::Element) {
        let Some(observer) = &self.observer else {
            return;
        };
        observer.disconnect();
        let Ok(rows) = root.query_selector_all(&format!("[{KEY_ATTRIBUTE}]")) else {
            return;
        };
        for i in 0..rows.length() {
            if let Some(row) = rows
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                observer.observe(&row);
            }
        }
    }
}

impl Drop for HeightWatcher {
    fn drop(&mut self) {
        if let Some(observer) = &self.observer {
            observer.disconnect();
        }
    }
}

/// The element's width in CSS pixels.
pub fn width_of(element: &web_sys::Element) -> f64 {
    element.get_bounding_client_rect().width()
}
