//! Fetching feeds, and telling apart why a fetch failed: offline, unreachable, refused by CORS,
//! or an HTTP error. A page sees all network failures as the same TypeError, so after a
//! failure it probes the address in `no-cors` mode: an opaque answer means the server is there
//! and the failure was CORS; no answer means it could not be reached.

use gloo_net::http::Request;
use web_sys::RequestMode;

use crate::core::sources::{host_of, FetchFailure};

/// The body of a successful fetch.
pub struct Fetched {
    pub bytes: Vec<u8>,
}

/// Fetches `url` (absolute, or relative to the page) and returns its body.
pub async fn fetch_bytes(url: &str) -> Result<Fetched, FetchFailure> {
    if !is_online() {
        return Err(FetchFailure::Offline);
    }
    match Request::get(url).send().await {
        Ok(response) if response.ok() => match response.binary().await {
            Ok(bytes) => Ok(Fetched { bytes }),
            Err(_) => Err(FetchFailure::Unreachable { host: host_of(url) }),
        },
        Ok(response) => Err(FetchFailure::Http {
            status: response.status(),
        }),
        Err(_) => Err(diagnose(url).await),
    }
}

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
