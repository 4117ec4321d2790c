//! The frame of every message between the page and the recommendation worker: a JSON header
//! and an optional byte payload whose buffer is transferred, not copied. The page and the
//! worker both frame and read messages through these two functions.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

/// A message and its transfer list, for `postMessage`. The payload is copied out of the
/// module's memory once; its buffer then moves to the other side.
pub fn frame(header: &str, payload: Option<&[u8]>) -> (Array, Array) {
    let message = Array::new();
    message.push(&JsValue::from_str(header));
    let transfer = Array::new();
    match payload {
        Some(bytes) => {
            let array = Uint8Array::from(bytes);
            transfer.push(&array.buffer());
            message.push(&array);
        }
        None => {
            message.push(&JsValue::NULL);
        }
    }
    (message, transfer)
}

/// A received message's header and payload; a message of another shape reads as an empty
/// header, which neither side takes for a request or a reply.
pub fn unframe(data: &JsValue) -> (String, Option<Vec<u8>>) {
    let data = Array::from(data);
    let header = data.get(0).as_string().unwrap_or_default();
    let payload = data
        .get(1)
        .dyn_into::<Uint8Array>()
        .ok()
        .map(|bytes| bytes.to_vec());
    (header, payload)
}
