//! The recommendation worker, as the page sees it: started from its script next to the page,
//! sent requests with their payloads (transferred, not copied), and heard through one
//! callback. A worker that cannot start or stops is reported through the same callback.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, Event, MessageEvent, Worker};

use crate::web::wire::{frame, frame_array, unframe_array};

/// What the worker said: its JSON header and payload, or that it failed (with why).
pub enum WorkerEvent {
    Message(String, Option<Payload>),
    Failed(String),
}

/// A payload as it arrived from a worker: read it ([`Payload::to_vec`]), or pass it on to
/// another worker as it is ([`ComputeWorker::send_on`]), without a copy.
pub struct Payload(Uint8Array);

impl Payload {
    /// The bytes, copied into the page's memory.
    pub fn to_vec(&self) -> Vec<u8> {
        self.0.to_vec()
    }
}

/// How many cores the browser says the device has (1 when it does not say).
pub fn cores() -> usize {
    web_sys::window()
        .map(|w| w.navigator().hardware_concurrency())
        .filter(|n| n.is_finite() && *n >= 1.0)
        .map_or(1, |n| n as usize)
}

/// A running worker; dropping it stops the worker.
///
/// A worker drops messages that arrive while its module is still loading, so requests are
/// held until the caller says the worker has started ([`ComputeWorker::release`]). They are
/// held as JavaScript values: a payload leaves the page's memory as soon as it is sent.
pub struct ComputeWorker {
    worker: Worker,
    held: std::cell::RefCell<Option<Vec<(Array, Array)>>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

impl ComputeWorker {
    /// Starts the worker at `script` (relative to the page). Loading happens in the
    /// background: a script that cannot be fetched or compiled arrives as a failure.
    pub fn start(script: &str, on_event: impl Fn(WorkerEvent) + 'static) -> Result<Self, String> {
        let worker = Worker::new(script).map_err(|error| {
            format!(
                "The recommender could not be started ({}).",
                describe(&error)
            )
        })?;
        let on_event = std::rc::Rc::new(on_event);
        let events = on_event.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let (header, payload) = unframe_array(&event.data());
            events(WorkerEvent::Message(header, payload.map(Payload)));
        });
        let on_error = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
            // A script that fails to load gives a plain event; a script that throws, an
            // ErrorEvent with its message.
            let detail = event
                .dyn_ref::<ErrorEvent>()
                .map(ErrorEvent::message)
                .unwrap_or_default();
            on_event(WorkerEvent::Failed(if detail.is_empty() {
                "The recommender's code could not be loaded (offline, or the site changed)."
                    .to_string()
            } else {
                format!("The recommender stopped: {detail}")
            }));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(ComputeWorker {
            worker,
            held: std::cell::RefCell::new(Some(Vec::new())),
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Sends a request (or holds it until [`ComputeWorker::release`]); the payload is copied
    /// out of the page's memory at once, and its buffer then moves to the worker.
    pub fn send(&self, header: &str, payload: Option<&[u8]>) -> Result<(), String> {
        let (message, transfer) = frame(header, payload);
        self.queue(message, transfer)
    }

    /// Sends a request with a payload received from another worker ([`ComputeWorker::send`]
    /// otherwise); the payload's buffer moves on without a copy.
    pub fn send_on(&self, header: &str, payload: Payload) -> Result<(), String> {
        let (message, transfer) = frame_array(header, Some(payload.0));
        self.queue(message, transfer)
    }

    /// Posts a framed message, or holds it until the worker has started.
    fn queue(&self, message: Array, transfer: Array) -> Result<(), String> {
        if let Some(held) = self.held.borrow_mut().as_mut() {
            held.push((message, transfer));
            return Ok(());
        }
        self.post(&message, &transfer)
    }

    /// The worker has started: what was held goes now, in order, and later requests go at
    /// once.
    pub fn release(&self) -> Result<(), String> {
        let held = self.held.borrow_mut().take().unwrap_or_default();
        for (message, transfer) in held {
            self.post(&message, &transfer)?;
        }
        Ok(())
    }

    fn post(&self, message: &Array, transfer: &Array) -> Result<(), String> {
        self.worker
            .post_message_with_transfer(message, transfer)
            .map_err(|error| format!("The recommender could not be asked ({}).", describe(&error)))
    }
}

impl Drop for ComputeWorker {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

/// A thrown value's message, for a sentence.
fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "no reason given".to_string())
}
