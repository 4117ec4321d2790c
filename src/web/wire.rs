//! The frame of every message between the page and the recommendation worker: a JSON header
//! and an optional byte payload whose buffer is transferred, not copied. The page and the
//! worker both frame and read messages through these two functions.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

/// A message and its transfer list, for `postMessage`. The payload is copied out of the
/// module's memory once; its buffer then moves to the other side.
pub fn frame(header: &str, payload: Option<&[u8]>) -> (Array, Array) {
    frame_array(header, payload.map(Uint8Array::from))
}

/// [`frame`] for a payload already outside the module's memory (one received, passed on):
/// its buffer moves on without a copy.
pub fn frame_array(header: &str, payload: Option<Uint8Array>) -> (Array, Array) {
    let message = Array::new();
    message.push(&JsValue::from_str(header));
    let transfer = Array::new();
    match payload {
        Some(array) => {
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
    let (header, payload) = unframe_array(data);
    (header, payload.map(|bytes| bytes.to_vec()))
}

/// [`unframe`], leaving the payload where it arrived (see [`frame_array`]).
pub fn unframe_array(data: &JsValue) -> (String, Option<Uint8Array>) {
    let data = Array::from(data);
    let header = data.get(0).as_string().unwrap_or_default();
    let payload = data.get(1).dyn_into::<Uint8Array>().ok();
    (header, payload)
}
