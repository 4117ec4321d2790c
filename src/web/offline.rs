//! The service worker (`sw.js`, written by the build): registered when the page starts, so the
//! next visit works without a network; a new build's worker is reported once it is installed
//! and waiting, and takes over when the page asks.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{
    ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState,
};

/// The worker's file, next to the page: its scope is the page's folder, whatever the sub-path.
const WORKER: &str = "sw.js";
/// What the worker takes as "take over now".
const TAKE_OVER: &str = "take-over";

/// The browser's worker registry; none where there is no such thing (an insecure origin, some
/// private windows), and then the page simply works online as before.
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    let present = js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).ok()?;
    present.then(|| navigator.service_worker())
}

/// Registers the worker; `on_update` runs when a new version is installed and waiting while
/// an older one controls the page.
pub fn register(on_update: impl Fn() + Clone + 'static) {
    let Some(container) = container() else {
        return;
    };
    // Only a page that an older worker served can be updated: on a first visit the first
    // worker's install is no news (and some engines report it after it took control).
    let started_controlled = container.controller().is_some();
    let promise = container.register(WORKER);
    spawn_local(async move {
        let Ok(value) = JsFuture::from(promise).await else {
            return;
        };
        let registration: ServiceWorkerRegistration = value.unchecked_into();
        // Installed during an earlier visit and still waiting, or installing since this
        // page's navigation looked for an update.
        if registration.waiting().is_some() && started_controlled {
            on_update();
        } else if let Some(worker) = registration.installing() {
            watch_install(&worker, on_update.clone(), started_controlled);
        }
        let watched = registration.clone();
        let found = Closure::<dyn Fn()>::new(move || {
            let Some(worker) = watched.installing() else {
                return;
            };
            watch_install(&worker, on_update.clone(), started_controlled);
        });
        registration.set_onupdatefound(Some(found.as_ref().unchecked_ref()));
        // Lives as long as the page.
        found.forget();
    });
}

fn watch_install(worker: &ServiceWorker, on_update: impl Fn() + 'static, started_controlled: bool) {
    let watched = worker.clone();
    let changed = Closure::<dyn Fn()>::new(move || {
        if started_controlled && watched.state() == ServiceWorkerState::Installed {
            on_update();
        }
    });
    worker.set_onstatechange(Some(changed.as_ref().unchecked_ref()));
    changed.forget();
}

/// Lets the waiting worker take over and reloads the page once it has.
pub fn take_over() {
    let Some(container) = container() else {
        return;
    };
    let reload = Closure::<dyn Fn()>::new(|| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
    reload.forget();
    let promise = container.get_registration();
    spawn_local(async move {
        let Ok(value) = JsFuture::from(promise).await else {
            return;
        };
        let Some(registration) = value.dyn_ref::<ServiceWorkerRegistration>() else {
            return;
        };
        match registration.waiting() {
            Some(waiting) => {
                let _ = waiting.post_message(&JsValue::from_str(TAKE_OVER));
            }
            // Nothing waits any more (another tab took it): the page only needs reloading.
            None => {
                if let Some(window) = web_sys::window() {
                    let _ = window.location().reload();
                }
            }
        }
    });
}
