//! How the page reaches the network: the CORS proxy and the time limit, remembered on this
//! device. When the device refuses to store a setting it still applies in this tab.

use leptos::prelude::*;

use crate::core::sources::apply_proxy;
use crate::web::storage;

/// Where the CORS proxy template is remembered.
const PROXY_KEY: &str = "arxiv-explorer:proxy";
/// Where the network time limit (seconds) is remembered.
const TIMEOUT_KEY: &str = "arxiv-explorer:timeout-seconds";
/// The range the time limit may be set in, and its default.
pub const TIMEOUT_RANGE: (u32, u32) = (2, 600);
const DEFAULT_TIMEOUT_S: u32 = 60;

#[derive(Clone, Copy)]
pub struct SourceSettings {
    /// CORS proxy template (`https://proxy.example/?url={url}`), empty for none.
    proxy: RwSignal<String>,
    /// How long a fetch may take, in seconds.
    timeout_s: RwSignal<u32>,
}

impl SourceSettings {
    /// The settings as this device remembers them.
    pub fn load() -> SourceSettings {
        let proxy = storage::read(PROXY_KEY).ok().flatten().unwrap_or_default();
        let timeout = storage::read(TIMEOUT_KEY)
            .ok()
            .flatten()
            .and_then(|t| t.trim().parse::<u32>().ok())
            .map_or(DEFAULT_TIMEOUT_S, |t| {
                t.clamp(TIMEOUT_RANGE.0, TIMEOUT_RANGE.1)
            });
        SourceSettings {
            proxy: RwSignal::new(proxy),
            timeout_s: RwSignal::new(timeout),
        }
    }

    pub fn proxy(self) -> Signal<String> {
        self.proxy.into()
    }

    pub fn has_proxy(self) -> Signal<bool> {
        Signal::derive(move || self.proxy.with(|p| !p.trim().is_empty()))
    }

    pub fn timeout_s(self) -> Signal<u32> {
        self.timeout_s.into()
    }

    pub fn timeout_ms(self) -> u32 {
        self.timeout_s.get_untracked().saturating_mul(1_000)
    }

    /// Saves the proxy template (an empty one removes it).
    pub fn set_proxy(self, template: String) -> Result<(), String> {
        let template = template.trim().to_string();
        let stored = storage::write(PROXY_KEY, &template);
        self.proxy.set(template);
        stored.map_err(|error| format!("{error} The proxy applies in this tab only."))
    }

    /// Sets the network time limit, within [`TIMEOUT_RANGE`].
    pub fn set_timeout(self, seconds: u32) -> Result<(), String> {
        let seconds = seconds.clamp(TIMEOUT_RANGE.0, TIMEOUT_RANGE.1);
        self.timeout_s.set(seconds);
        storage::write(TIMEOUT_KEY, &seconds.to_string())
            .map_err(|error| format!("{error} The time limit applies in this tab only."))
    }

    /// The address to request for `address`: through the proxy when one is set and the
    /// address is absolute (same-site paths never need one).
    pub fn via_proxy(self, address: &str) -> Result<String, String> {
        let proxy = self.proxy.get_untracked();
        if address.contains("://") && !proxy.trim().is_empty() {
            apply_proxy(&proxy, address).map_err(|e| e.to_string())
        } else {
            Ok(address.to_string())
        }
    }
}
