//! Copying text for the user (share links, BibTeX).

use wasm_bindgen_futures::JsFuture;

/// Why text could not be copied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClipboardError {
    Unavailable,
    Refused,
}

impl std::fmt::Display for ClipboardError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClipboardError::Unavailable => f.write_str(
                "This browser does not let the page copy text here. Select the link and copy it by hand.",
            ),
            ClipboardError::Refused => f.write_str(
                "The browser refused to copy (the page may need focus or permission). Select the link and copy it by hand.",
            ),
        }
    }
}

/// Writes `text` to the system clipboard.
pub async fn copy_text(text: &str) -> Result<(), ClipboardError> {
    let clipboard = web_sys::window()
        .map(|w| w.navigator().clipboard())
        .ok_or(ClipboardError::Unavailable)?;
    JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| ClipboardError::Refused)
}
