//! Files in and out: saving generated text as a download, reading files the user picked.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Offers `contents` as a file named `name` of type `mime`.
pub fn download(name: &str, mime: &str, contents: &str) -> Result<(), String> {
    let failed = |_: JsValue| "the browser refused to create the file".to_string();
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(failed)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(failed)?;
    let anchor = document
        .create_element("a")
        .map_err(failed)?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| "no anchor element".to_string())?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Offers the resource at `url` (e.g. a data URL) as a file named `name`.
pub fn download_url(name: &str, url: &str) -> Result<(), String> {
    let anchor = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or("no document")?;
    anchor.set_href(url);
    anchor.set_download(name);
    anchor.click();
    Ok(())
}

/// A file the user picked or dropped.
pub struct PickedFile(web_sys::File);

impl PickedFile {
    pub fn name(&self) -> String {
        self.0.name()
    }

    /// The file's bytes (any encoding: the parser decodes).
    pub async fn bytes(&self) -> Result<Vec<u8>, String> {
        let buffer = JsFuture::from(self.0.array_buffer())
            .await
            .map_err(|_| format!("the browser could not read {}", self.name()))?;
        Ok(js_sys::Uint8Array::new(&buffer).to_vec())
    }
}

fn files_of(list: Option<web_sys::FileList>) -> Vec<PickedFile> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.get(i))
        .map(PickedFile)
        .collect()
}

/// The files chosen in the `<input type="file">` with this id; the field is cleared so the
/// same file can be chosen again.
pub fn take_chosen_files(input_id: &str) -> Vec<PickedFile> {
    let Some(input) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(input_id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let files = files_of(input.files());
    input.set_value("");
    files
}

/// Calls `on_drop` with the files dropped anywhere on the page (and stops the browser from
/// navigating to them). `on_hover` says when files are being dragged over the page.
pub fn on_files_dropped(
    on_drop: impl Fn(Vec<PickedFile>) + 'static,
    on_hover: impl Fn(bool) + Clone + 'static,
) {
    use leptos::ev;
    use leptos::prelude::window_event_listener;
    let carries_files = |event: &web_sys::DragEvent| {
        event.data_transfer().is_some_and(|t| {
            t.types()
                .iter()
                .any(|v| v.as_string().as_deref() == Some("Files"))
        })
    };
    let hover_over = on_hover.clone();
    std::mem::forget(window_event_listener(ev::dragover, move |event| {
        if carries_files(&event) {
            event.prevent_default();
            hover_over(true);
        }
    }));
    let hover_leave = on_hover.clone();
    std::mem::forget(window_event_listener(ev::dragleave, move |event| {
        // Leaving the window (not just a child element) ends the hover.
        if event.related_target().is_none() {
            hover_leave(false);
        }
    }));
    std::mem::forget(window_event_listener(ev::drop, move |event| {
        if carries_files(&event) {
            event.prevent_default();
            on_hover(false);
            on_drop(files_of(event.data_transfer().and_then(|t| t.files())));
        }
    }));
}
