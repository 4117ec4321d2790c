//! What is Chromium's own: the ChromeDriver process, a headless Chromium session, and what
//! only ChromeDriver offers on a session (the DevTools bridge, the browser console's log).

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::webdriver::{post, Browser};
use crate::{env_or, Result};

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// A ChromeDriver process, stopped when dropped.
pub struct ChromeDriver {
    child: Child,
    pub url: String,
}

impl ChromeDriver {
    pub fn start() -> Result<ChromeDriver> {
        let binary = env_or("CHROMEDRIVER", "/usr/bin/chromedriver");
        let port = free_port()?;
        let child = Command::new(&binary)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|err| format!("cannot start {binary}: {err}"))?;
        let driver = ChromeDriver {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            let ready = ureq::get(&format!("{}/status", driver.url))
                .call()
                .ok()
                .and_then(|r| r.into_json::<Value>().ok())
                .is_some_and(|v| v["value"]["ready"] == json!(true));
            if ready {
                return Ok(driver);
            }
            thread::sleep(Duration::from_millis(100));
        }
        Err("ChromeDriver did not become ready within 20 s".into())
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Browser {
    /// A headless Chromium session (`CHROMIUM`, or /usr/bin/chromium) with a fresh profile,
    /// recording the console for [`Browser::console_log`].
    pub fn start(driver: &ChromeDriver) -> Result<Browser> {
        let chromium = env_or("CHROMIUM", "/usr/bin/chromium");
        let profile_dir = std::env::temp_dir().join(format!(
            "e2e-profile-{}-{}",
            std::process::id(),
            free_port()?
        ));
        let capabilities = json!({
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "goog:loggingPrefs": { "browser": "ALL" },
                    "goog:chromeOptions": {
                        "binary": chromium,
                        "args": [
                            "--headless=new",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-dev-shm-usage",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--disable-quic",
                            "--no-first-run",
                            "--window-size=1280,900",
                            format!("--user-data-dir={}", profile_dir.display()),
                        ]
                    }
                }
            }
        });
        Browser::new_session(&driver.url, &capabilities, profile_dir)
    }

    /// Sends a Chrome DevTools Protocol command to the current tab (e.g.
    /// `Runtime.getHeapUsage`) and returns its result.
    pub fn cdp(&self, command: &str, params: Value) -> Result<Value> {
        let response = post(
            &self.endpoint("goog/cdp/execute"),
            &json!({ "cmd": command, "params": params }),
        )?;
        Ok(response["value"].clone())
    }

    /// Runs `source` in every page this tab opens from now on, before the page's own scripts
    /// (through DevTools), e.g. to simulate a browser that refuses storage.
    pub fn run_before_every_page(&self, source: &str) -> Result<()> {
        self.cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": source }),
        )?;
        Ok(())
    }

    /// Browser console entries since the last call (ChromeDriver's log endpoint).
    pub fn console_log(&self) -> Result<Vec<Value>> {
        let response = post(&self.endpoint("se/log"), &json!({ "type": "browser" }))?;
        Ok(response["value"].as_array().cloned().unwrap_or_default())
    }

    /// Console entries at SEVERE level (errors, uncaught exceptions, failed loads).
    pub fn console_errors(&self) -> Result<Vec<String>> {
        self.severe_entries(|_| true)
    }

    /// Console errors other than the browser's own reports of failed requests (which a test
    /// of network faults causes on purpose).
    pub fn script_errors(&self) -> Result<Vec<String>> {
        self.severe_entries(|entry| entry["source"] != json!("network"))
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
