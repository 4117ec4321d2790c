//! Fetched feed text kept on the device for a day (arXiv's results change once a day and its
//! terms ask readers to cache them), in the Cache API. Every failure here is silent by design:
//! without a cache the page simply fetches again.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Cache, Headers, Response, ResponseInit};

const CACHE_NAME: &str = "arxiv-explorer:feeds:1";
const FETCHED_AT: &str = "x-fetched-at";
/// How long a fetched feed is reused.
pub const MAX_AGE_MS: f64 = 24.0 * 60.0 * 60.0 * 1_000.0;
/// How long a copy is kept for reading offline.
pub const MAX_KEEP_MS: f64 = 30.0 * MAX_AGE_MS;

/// A feed's text from the cache, and when it was fetched (ms since the epoch).
pub struct CachedFeed {
    pub bytes: Vec<u8>,
    pub fetched_at: f64,
}

impl CachedFeed {
    /// Fetched less than a day ago: used instead of the network.
    pub fn is_fresh(&self) -> bool {
        js_sys::Date::now() - self.fetched_at <= MAX_AGE_MS
    }
}

async fn open() -> Option<Cache> {
    let caches = web_sys::window()?.caches().ok()?;
    JsFuture::from(caches.open(CACHE_NAME))
        .await
        .ok()?
        .dyn_into::<Cache>()
        .ok()
}

/// The copy of `address` fetched less than a day ago, if any.
pub async fn fresh(address: &str) -> Option<CachedFeed> {
    kept(address).await.filter(CachedFeed::is_fresh)
}

/// The copy of `address` of any age this device keeps (for when the network is away); copies
/// older than [`MAX_KEEP_MS`] are deleted.
pub async fn kept(address: &str) -> Option<CachedFeed> {
    let cache = open().await?;
    let found = JsFuture::from(cache.match_with_str(address)).await.ok()?;
    let response = found.dyn_into::<Response>().ok()?;
    let fetched_at = response
        .headers()
        .get(FETCHED_AT)
        .ok()
        .flatten()
        .and_then(|v| v.parse::<f64>().ok())?;
    if js_sys::Date::now() - fetched_at > MAX_KEEP_MS {
        let _ = JsFuture::from(cache.delete_with_str(address)).await;
        return None;
    }
    let buffer = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    Some(CachedFeed {
        bytes: js_sys::Uint8Array::new(&buffer).to_vec(),
        fetched_at,
    })
}

/// Keeps `bytes` as the copy of `address`. Full or refused storage only means no copy.
pub async fn store(address: &str, bytes: &[u8]) {
    let Some(cache) = open().await else {
        return;
    };
    let Ok(headers) = Headers::new() else {
        return;
    };
    let _ = headers.set("content-type", "application/xml");
    let _ = headers.set(FETCHED_AT, &js_sys::Date::now().to_string());
    let init = ResponseInit::new();
    init.set_headers(&headers);
    // A copy the page owns: a view into the module's memory can be read late by some engines,
    // after the memory has grown and the view went stale.
    let body = js_sys::Uint8Array::from(bytes);
    let Ok(response) = Response::new_with_opt_buffer_source_and_init(Some(&body), &init) else {
        return;
    };
    let _ = JsFuture::from(cache.put_with_str(address, &response)).await;
}

/// "14:02", the local time of a timestamp, for "from this device's copy of 14:02".
pub fn local_time(ms: f64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}
