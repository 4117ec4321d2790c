//! Fetching feeds, and telling apart why a fetch failed: offline, unreachable, refused by CORS,
//! too slow, cut off, or an HTTP error. A page sees all network failures as the same TypeError,
//! so after a failure it probes the address in `no-cors` mode: an opaque answer means the
//! server is there and the failure was CORS; no answer means it could not be reached.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_net::http::Request;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestMode};

use crate::core::sources::{body_is_short, host_of, looks_like_web_page, FetchFailure};

/// How long a feed may take to arrive. Large API pages take arXiv a while to build.
pub const DEFAULT_TIMEOUT_MS: u32 = 60_000;

/// The body of a successful fetch.
pub struct Fetched {
    pub bytes: Vec<u8>,
}

/// Lets the person stop a fetch (or a run of them) that is under way.
#[derive(Clone, Default)]
pub struct Canceller {
    cancelled: Rc<Cell<bool>>,
    controller: Rc<RefCell<Option<AbortController>>>,
}

impl Canceller {
    pub fn new() -> Canceller {
        Canceller::default()
    }

    /// Stops the fetch in flight, and any later one made with this canceller.
    pub fn cancel(&self) {
        self.cancelled.set(true);
        if let Some(controller) = self.controller.borrow().as_ref() {
            controller.abort();
        }
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.get()
    }
}

/// Fetches `url` (absolute, or relative to the page) with the default time limit.
pub async fn fetch_bytes(url: &str) -> Result<Fetched, FetchFailure> {
    fetch_with(url, &Canceller::new(), DEFAULT_TIMEOUT_MS).await
}

/// Fetches `url`, giving up after `timeout_ms` or when `canceller` is cancelled. A web page
/// where a feed was expected is a failure too, since it would only confuse the parser.
pub async fn fetch_with(
    url: &str,
    canceller: &Canceller,
    timeout_ms: u32,
) -> Result<Fetched, FetchFailure> {
    if canceller.is_cancelled() {
        return Err(FetchFailure::Cancelled);
    }
    if !is_online() {
        return Err(FetchFailure::Offline);
    }
    let controller = AbortController::new().ok();
    let timed_out = Rc::new(Cell::new(false));
    let timer = controller
        .clone()
        .and_then(|c| start_timer(timeout_ms, c, timed_out.clone()));
    *canceller.controller.borrow_mut() = controller.clone();
    let signal = controller.as_ref().map(AbortController::signal);
    let outcome = async {
        let response = Request::get(url).abort_signal(signal.as_ref()).send().await;
        match response {
            Ok(response) if response.ok() => {
                let announced = response.headers().get("content-length");
                let encoding = response.headers().get("content-encoding");
                match response.binary().await {
                    Ok(bytes)
                        if body_is_short(
                            announced.as_deref(),
                            encoding.as_deref(),
                            bytes.len(),
                        ) =>
                    {
                        Err(FetchFailure::Interrupted { host: host_of(url) })
                    }
                    Ok(bytes) if looks_like_web_page(&bytes) => {
                        Err(FetchFailure::WebPage { host: host_of(url) })
                    }
                    Ok(bytes) => Ok(Fetched { bytes }),
                    Err(_) => Err(FetchFailure::Interrupted { host: host_of(url) }),
                }
            }
            Ok(response) => Err(FetchFailure::Http {
                status: response.status(),
                retry_after: response.headers().get("retry-after"),
            }),
            Err(_) => Err(FetchFailure::Unreachable { host: host_of(url) }),
        }
    }
    .await;
    if let Some((id, _closure)) = timer {
        if let Some(window) = web_sys::window() {
            window.clear_timeout_with_handle(id);
        }
    }
    *canceller.controller.borrow_mut() = None;
    match outcome {
        Ok(fetched) => Ok(fetched),
        Err(_) if canceller.is_cancelled() => Err(FetchFailure::Cancelled),
        Err(_) if timed_out.get() => Err(FetchFailure::TimedOut {
            host: host_of(url),
            seconds: timeout_ms / 1_000,
        }),
        Err(FetchFailure::Unreachable { .. }) => Err(diagnose(url).await),
        Err(failure) => Err(failure),
    }
}

type TimerClosure = Closure<dyn FnMut()>;

/// Aborts `controller` after `ms`; the handle and closure must live until the fetch ends.
fn start_timer(
    ms: u32,
    controller: AbortController,
    timed_out: Rc<Cell<bool>>,
) -> Option<(i32, TimerClosure)> {
    let closure: TimerClosure = Closure::new(move || {
        timed_out.set(true);
        controller.abort();
    });
    let id = web_sys::window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            closure.as_ref().unchecked_ref(),
            ms.min(i32::MAX as u32) as i32,
        )
        .ok()?;
    Some((id, closure))
}

/// Waits `ms` milliseconds, or less when `canceller` is cancelled meanwhile (checked every
/// quarter second, so a cancel during a long back-off is felt at once).
pub async fn sleep(ms: u64, canceller: &Canceller) {
    let mut left = ms;
    while left > 0 && !canceller.is_cancelled() {
        let step = left.min(250);
        wait(step as i32).await;
        left -= step;
    }
}

async fn wait(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

pub use crate::web::perf::now_ms;

async fn diagnose(url: &str) -> FetchFailure {
    if !is_online() {
        return FetchFailure::Offline;
    }
    let host = host_of(url);
    match Request::get(url).mode(RequestMode::NoCors).send().await {
        Ok(_) => FetchFailure::CorsBlocked { host },
        Err(_) => FetchFailure::Unreachable { host },
    }
}

fn is_online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}
