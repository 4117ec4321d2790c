//! The browser engines the suite runs in, their WebDriver servers, and a session's
//! capabilities and viewport: Chromium (ChromeDriver), Firefox (geckodriver) and WebKit
//! (WebKitWebDriver with MiniBrowser, which needs an X display: `cargo xtask test` starts
//! Xvfb and passes `DISPLAY`).
//!
//! The engine comes from `E2E_BROWSER` (`chromium`, the default, `firefox` or `webkit`).

use std::fmt;
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::webdriver::Browser;
use crate::{env_or, Result};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Chromium,
    Firefox,
    Webkit,
}

impl Engine {
    pub const ALL: [Engine; 3] = [Engine::Chromium, Engine::Firefox, Engine::Webkit];

    /// The engine `E2E_BROWSER` names.
    pub fn from_env() -> Result<Engine> {
        let name = env_or("E2E_BROWSER", "chromium");
        Engine::ALL
            .into_iter()
            .find(|e| e.name() == name.trim())
            .ok_or_else(|| format!("E2E_BROWSER={name}: use chromium, firefox or webkit").into())
    }

    pub fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox",
            Engine::Webkit => "webkit",
        }
    }
}

impl fmt::Display for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The size of the page's viewport, in CSS pixels; a phone is emulated as a touch device
/// where the engine can.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Viewport {
    pub width: u32,
    pub height: u32,
    pub phone: bool,
}

impl Viewport {
    /// What most tests run at.
    pub const DEFAULT: Viewport = Viewport {
        width: 1280,
        height: 900,
        phone: false,
    };
    /// A common laptop screen.
    pub const LAPTOP: Viewport = Viewport {
        width: 1366,
        height: 800,
        phone: false,
    };
    pub const PHONE: Viewport = Viewport {
        width: 390,
        height: 844,
        phone: true,
    };

    pub fn name(self) -> String {
        format!("{}x{}", self.width, self.height)
    }
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// A WebDriver server process, stopped when dropped.
pub struct Driver {
    child: Child,
    pub url: String,
    pub engine: Engine,
}

impl Driver {
    pub fn start(engine: Engine) -> Result<Driver> {
        let port = free_port()?;
        let (binary, args) = match engine {
            Engine::Chromium => (
                env_or("CHROMEDRIVER", "/usr/bin/chromedriver"),
                vec![format!("--port={port}")],
            ),
            Engine::Firefox => (
                env_or("GECKODRIVER", "geckodriver"),
                vec!["--port".to_string(), port.to_string()],
            ),
            Engine::Webkit => (
                env_or("WEBKIT_DRIVER", "WebKitWebDriver"),
                vec![format!("--port={port}")],
            ),
        };
        let child = Command::new(&binary)
            .args(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|err| format!("cannot start {binary} for {engine}: {err}"))?;
        let driver = Driver {
            child,
            url: format!("http://127.0.0.1:{port}"),
            engine,
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            // Drivers differ in what /status says; any answer means it listens.
            if ureq::get(&format!("{}/status", driver.url)).call().is_ok() {
                return Ok(driver);
            }
            thread::sleep(Duration::from_millis(100));
        }
        Err(format!("{binary} did not answer within 30 s").into())
    }

    /// ChromeDriver, for tools that measure Chromium only (the browser benchmark).
    pub fn chromium() -> Result<Driver> {
        Driver::start(Engine::Chromium)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Browser {
    /// A session of the driver's engine at the default viewport.
    pub fn start(driver: &Driver) -> Result<Browser> {
        Browser::open_on(driver, Viewport::DEFAULT)
    }

    /// A session of the driver's engine with a fresh profile, its viewport `viewport`.
    pub fn open_on(driver: &Driver, viewport: Viewport) -> Result<Browser> {
        let profile_dir = std::env::temp_dir().join(format!(
            "e2e-profile-{}-{}",
            std::process::id(),
            free_port()?
        ));
        let capabilities =
            capabilities(driver.engine, viewport, &profile_dir.display().to_string());
        let browser = Browser::new_session(
            &driver.url,
            &json!({ "capabilities": { "alwaysMatch": capabilities } }),
            profile_dir,
            driver.engine,
        )?;
        match (driver.engine, viewport.phone) {
            // Emulated.
            (Engine::Chromium, true) => {}
            // Neither Firefox's nor MiniBrowser's windows get narrower than about 450–500 px:
            // the harness shows the site in a phone-sized frame, in a window that holds it
            // (see `Harness::open`).
            (Engine::Firefox | Engine::Webkit, true) => browser.set_viewport(Viewport {
                width: viewport.width + 40,
                height: viewport.height + 40,
                phone: true,
            })?,
            _ => browser.set_viewport(viewport)?,
        }
        Ok(browser)
    }
}

fn capabilities(engine: Engine, viewport: Viewport, profile: &str) -> Value {
    match engine {
        Engine::Chromium => {
            let mut options = json!({
                "binary": env_or("CHROMIUM", "/usr/bin/chromium"),
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
                    format!("--window-size={},{}", viewport.width, viewport.height),
                    format!("--user-data-dir={profile}"),
                ]
            });
            if viewport.phone {
                // Chromium's windows are never narrower than 500 px; a phone is emulated.
                options["mobileEmulation"] = json!({
                    "deviceMetrics": {
                        "width": viewport.width,
                        "height": viewport.height,
                        "pixelRatio": 2,
                        "touch": true,
                        "mobile": true
                    }
                });
            }
            json!({
                "browserName": "chrome",
                "goog:loggingPrefs": { "browser": "ALL" },
                "goog:chromeOptions": options
            })
        }
        Engine::Firefox => json!({
            "browserName": "firefox",
            "moz:firefoxOptions": {
                "binary": env_or("FIREFOX", "/usr/bin/firefox-esr"),
                "args": [
                    "-headless",
                    format!("-width={}", viewport.width),
                    format!("-height={}", viewport.height)
                ],
                "prefs": {
                    // Nothing but the test's own servers on the network.
                    "app.update.disabledForTesting": true,
                    "browser.safebrowsing.malware.enabled": false,
                    "browser.safebrowsing.phishing.enabled": false,
                    "network.captive-portal-service.enabled": false,
                    "network.connectivity-service.enabled": false,
                    "datareporting.policy.dataSubmissionEnabled": false,
                    "toolkit.telemetry.enabled": false,
                    // Pages may show dialogs the tests watch for, never the browser's own.
                    "dom.disable_beforeunload": true
                }
            }
        }),
        Engine::Webkit => json!({
            "browserName": "MiniBrowser",
            "webkitgtk:browserOptions": {
                "binary": env_or(
                    "MINIBROWSER",
                    "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"
                ),
                "args": ["--automation"]
            }
        }),
    }
}
