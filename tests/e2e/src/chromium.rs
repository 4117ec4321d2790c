//! What only ChromeDriver offers on a session — the DevTools bridge and the browser console's
//! log — and how the other engines stand in for the console: every page the harness serves
//! carries a small script of its own (`ERROR_TRAP`, see `StaticServer::set_preload`) that
//! records console errors, uncaught errors and rejections, and CSP violations.

use serde_json::{json, Value};

use crate::driver::Engine;
use crate::webdriver::{post, Browser};
use crate::Result;

/// Records what the page reports as errors in `window.__e2eErrors`, before the app runs.
pub const ERROR_TRAP: &str = r#"(() => {
  const seen = (window.__e2eErrors = []);
  const original = console.error;
  console.error = function (...parts) {
    seen.push("console: " + parts.map(String).join(" "));
    return original.apply(this, parts);
  };
  addEventListener("error", (e) => { if (e instanceof ErrorEvent) seen.push("error: " + e.message); });
  addEventListener("unhandledrejection", (e) => seen.push("rejection: " + String(e.reason)));
  addEventListener("securitypolicyviolation", (e) => seen.push("csp: " + e.violatedDirective + " " + e.blockedURI));
})();"#;

impl Browser {
    /// Sends a Chrome DevTools Protocol command to the current tab (e.g.
    /// `Runtime.getHeapUsage`) and returns its result; Chromium only.
    pub fn cdp(&self, command: &str, params: Value) -> Result<Value> {
        if self.engine() != Engine::Chromium {
            return Err(format!(
                "DevTools commands are Chromium's; this is {}",
                self.engine()
            )
            .into());
        }
        let response = post(
            &self.endpoint("goog/cdp/execute"),
            &json!({ "cmd": command, "params": params }),
        )?;
        Ok(response["value"].clone())
    }

    /// Browser console entries since the last call (ChromeDriver's log endpoint).
    pub fn console_log(&self) -> Result<Vec<Value>> {
        let response = post(&self.endpoint("se/log"), &json!({ "type": "browser" }))?;
        Ok(response["value"].as_array().cloned().unwrap_or_default())
    }

    /// Console entries at SEVERE level (errors, uncaught exceptions, failed loads); in the
    /// other engines, what the page's error trap recorded.
    pub fn console_errors(&self) -> Result<Vec<String>> {
        match self.engine() {
            Engine::Chromium => self.severe_entries(|_| true),
            _ => self.trapped_errors(),
        }
    }

    /// Console errors other than the browser's own reports of failed requests (which a test
    /// of network faults causes on purpose).
    pub fn script_errors(&self) -> Result<Vec<String>> {
        match self.engine() {
            Engine::Chromium => self.severe_entries(|entry| entry["source"] != json!("network")),
            // The trap never sees failed requests.
            _ => self.trapped_errors(),
        }
    }

    /// What [`ERROR_TRAP`] recorded since the last call.
    fn trapped_errors(&self) -> Result<Vec<String>> {
        let value = self.execute(
            "const seen = window.__e2eErrors || []; window.__e2eErrors = []; return seen;",
            json!([]),
        )?;
        Ok(value
            .as_array()
            .map(|list| {
                list.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default())
    }

    /// The messages of the SEVERE console entries since the last call that `keep` accepts.
    fn severe_entries(&self, keep: impl Fn(&Value) -> bool) -> Result<Vec<String>> {
        Ok(self
            .console_log()?
            .into_iter()
            .filter(|entry| entry["level"] == json!("SEVERE") && keep(entry))
            .map(|entry| entry["message"].as_str().unwrap_or_default().to_string())
            .collect())
    }
}
