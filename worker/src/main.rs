//! The recommendation worker: a Web Worker that indexes the page's papers and ranks them,
//! on a core of its own. All it does is here: messages in, [`RecommendService`] answers,
//! messages out, framed by `web::wire` as the page frames them (a JSON header, see
//! `core::recommend::protocol`, and an optional byte payload).

use std::cell::RefCell;
use std::rc::Rc;

use arxiv_explorer::core::recommend::{RecommendService, WorkerReply, WorkerRequest};
use arxiv_explorer::web::wire::{frame, unframe};
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn main() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        return;
    };
    install_panic_reply(scope.clone());
    let service = Rc::new(RefCell::new(RecommendService::default()));
    let replies = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let (header, payload) = unframe(&event.data());
        let Some(request) = WorkerRequest::from_json(&header) else {
            return;
        };
        let clock = now_ms_of(&replies);
        service
            .borrow_mut()
            .handle(request, payload, &clock, &mut |reply, payload| {
                post(&replies, &reply, payload)
            });
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    post(&scope, &WorkerReply::Started, None);
}

fn now_ms_of(scope: &DedicatedWorkerGlobalScope) -> impl Fn() -> f64 {
    let performance = scope.performance();
    move || performance.as_ref().map_or(0.0, |p| p.now())
}

/// Sends a reply, its payload transferred rather than copied.
fn post(scope: &DedicatedWorkerGlobalScope, reply: &WorkerReply, payload: Option<Vec<u8>>) {
    let (message, transfer) = frame(&reply.to_json(), payload.as_deref());
    // A message the page cannot take (it closed) is not worth reporting anywhere.
    let _ = scope.post_message_with_transfer(&message, &transfer);
}

/// A panic ends the worker's usefulness: the page is told, with the panic's message, so it
/// can say so and offer to start again.
fn install_panic_reply(scope: DedicatedWorkerGlobalScope) {
    std::panic::set_hook(Box::new(move |info| {
        let reply = WorkerReply::Crashed {
            message: format!("The recommender stopped unexpectedly ({info})."),
        };
        post(&scope, &reply, None);
    }));
}
