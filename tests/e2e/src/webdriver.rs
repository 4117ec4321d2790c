//! A minimal W3C WebDriver client: one session and the commands the tests use, none of them
//! tied to one browser. Starting a session is the driver's part (`chromium.rs`), which also
//! holds what only ChromeDriver offers.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::driver::{Engine, Viewport};
use crate::{Error, Result};

/// One browser session, ended (and its profile removed) when dropped.
pub struct Browser {
    session: String,
    driver_url: String,
    profile_dir: PathBuf,
    engine: Engine,
}

impl Browser {
    /// Opens a session on the driver at `driver_url` with `capabilities`; `profile_dir` is the
    /// browser's profile, removed with the session.
    pub(crate) fn new_session(
        driver_url: &str,
        capabilities: &Value,
        profile_dir: PathBuf,
        engine: Engine,
    ) -> Result<Browser> {
        let response = post(&format!("{driver_url}/session"), capabilities)?;
        let session = response["value"]["sessionId"]
            .as_str()
            .ok_or("the driver answered without a session id")?
            .to_string();
        Ok(Browser {
            session,
            driver_url: driver_url.to_string(),
            profile_dir,
            engine,
        })
    }

    /// The engine this session runs in.
    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// Sizes the window so the page's viewport is `viewport` (windows add their frame).
    pub fn set_viewport(&self, viewport: Viewport) -> Result<()> {
        let rect = |width: i64, height: i64| {
            post(
                &self.endpoint("window/rect"),
                &json!({ "width": width, "height": height }),
            )
        };
        let (width, height) = (i64::from(viewport.width), i64::from(viewport.height));
        rect(width, height)?;
        let frame = self.execute(
            "return [window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight];",
            json!([]),
        )?;
        let (dx, dy) = (
            frame[0].as_i64().unwrap_or(0),
            frame[1].as_i64().unwrap_or(0),
        );
        if dx > 0 || dy > 0 {
            rect(width + dx.max(0), height + dy.max(0))?;
        }
        Ok(())
    }

    /// Presses keys as the keyboard does, one after the other, to whatever has the focus
    /// (WebDriver key names: `"Tab"`, `"Enter"`, `"Escape"`, `"ArrowDown"`, or a character).
    pub fn press_keys(&self, keys: &[&str]) -> Result<()> {
        let mut actions = Vec::new();
        for key in keys {
            let value = match *key {
                "Tab" => "\u{E004}",
                "Enter" => "\u{E007}",
                "Escape" => "\u{E00C}",
                "ArrowDown" => "\u{E015}",
                "ArrowUp" => "\u{E013}",
                other => other,
            };
            actions.push(json!({ "type": "keyDown", "value": value }));
            actions.push(json!({ "type": "keyUp", "value": value }));
        }
        post(
            &self.endpoint("actions"),
            &json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] }),
        )?;
        Ok(())
    }

    pub(crate) fn endpoint(&self, path: &str) -> String {
        format!("{}/session/{}/{path}", self.driver_url, self.session)
    }

    pub fn navigate(&self, url: &str) -> Result<()> {
        post(&self.endpoint("url"), &json!({ "url": url }))?;
        Ok(())
    }

    /// Runs what follows in the page's first frame (the phone frame, see `Harness::open`).
    pub fn enter_first_frame(&self) -> Result<()> {
        post(&self.endpoint("frame"), &json!({ "id": 0 }))?;
        Ok(())
    }

    /// Runs `script` (a function body; `arguments` holds `args`) and returns its value.
    pub fn execute(&self, script: &str, args: Value) -> Result<Value> {
        let response = post(
            &self.endpoint("execute/sync"),
            &json!({ "script": script, "args": args }),
        )?;
        Ok(response["value"].clone())
    }

    /// Opens a new tab in the same browser (same storage) and returns its handle.
    pub fn new_tab(&self) -> Result<String> {
        let response = post(&self.endpoint("window/new"), &json!({ "type": "tab" }))?;
        response["value"]["handle"]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| "the driver did not open a tab".into())
    }

    /// The handle of the current tab.
    pub fn current_tab(&self) -> Result<String> {
        let response = get(&self.endpoint("window"))?;
        response["value"]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| "no current tab".into())
    }

    pub fn switch_to(&self, handle: &str) -> Result<()> {
        post(&self.endpoint("window"), &json!({ "handle": handle }))?;
        Ok(())
    }

    /// Sends a local file path to an `<input type="file">`, as choosing it in the picker does.
    pub fn choose_file(&self, css: &str, path: &Path) -> Result<()> {
        // ChromeDriver takes only canonical paths.
        let path = std::fs::canonicalize(path)?;
        let element = self.find(css)?;
        post(
            &self.endpoint(&format!("element/{element}/value")),
            &json!({ "text": path.display().to_string() }),
        )?;
        Ok(())
    }

    /// The WebDriver reference of the first element matching `css`.
    pub fn find(&self, css: &str) -> Result<String> {
        let response = post(
            &self.endpoint("element"),
            &json!({ "using": "css selector", "value": css }),
        )?;
        response["value"]
            .as_object()
            .and_then(|element| element.values().next())
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| format!("no element matches {css}").into())
    }

    /// Clicks the first element matching `css`, as a person would (scrolling it into view).
    pub fn click(&self, css: &str) -> Result<()> {
        let element = self.find(css)?;
        post(
            &self.endpoint(&format!("element/{element}/click")),
            &json!({}),
        )?;
        Ok(())
    }

    /// Types `text` into the first element matching `css`, key by key. WebKit's driver, under
    /// Xvfb, loses some characters it types (digits after a dot, braces): there the text goes
    /// in character by character from the page, each with its own `input` event, as typing
    /// would, and a `change` when the focus leaves.
    pub fn type_text(&self, css: &str, text: &str) -> Result<()> {
        if self.engine == Engine::Webkit && !text.contains('\u{E007}') {
            self.execute(
                "const e = document.querySelector(arguments[0]); if (!e) throw new Error('no element matches ' + arguments[0]); e.focus(); for (const c of arguments[1]) { e.value += c; e.dispatchEvent(new Event('input', { bubbles: true })); } e.addEventListener('blur', () => e.dispatchEvent(new Event('change', { bubbles: true })), { once: true });",
                json!([css, text]),
            )?;
            return Ok(());
        }
        let element = self.find(css)?;
        post(
            &self.endpoint(&format!("element/{element}/value")),
            &json!({ "text": text }),
        )?;
        Ok(())
    }

    /// Polls `script` until it returns `true`, failing with `what` after `timeout`.
    pub fn wait_until(&self, what: &str, script: &str, timeout: Duration) -> Result<()> {
        self.poll(what, script, timeout, Duration::from_millis(50), false)
    }

    /// [`Browser::wait_until`] for a page that may be too busy (with a huge feed) to answer
    /// for a while: a failing script counts as "not yet" until `timeout`, and the last
    /// failure is reported then.
    pub fn wait_patiently(&self, what: &str, script: &str, timeout: Duration) -> Result<()> {
        self.poll(what, script, timeout, Duration::from_millis(100), true)
    }

    fn poll(
        &self,
        what: &str,
        script: &str,
        timeout: Duration,
        interval: Duration,
        patient: bool,
    ) -> Result<()> {
        let started = Instant::now();
        let mut last_error = String::new();
        loop {
            match self.execute(script, json!([])) {
                Ok(Value::Bool(true)) => return Ok(()),
                Ok(_) => {}
                Err(error) if patient => last_error = error.to_string(),
                Err(error) => return Err(error),
            }
            if started.elapsed() > timeout {
                let detail = if last_error.is_empty() {
                    String::new()
                } else {
                    format!(" (last error: {last_error})")
                };
                return Err(
                    format!("timed out after {timeout:?} waiting for {what}{detail}").into(),
                );
            }
            thread::sleep(interval);
        }
    }

    /// How long a script may run and a page may take to load before WebDriver gives up
    /// (ChromeDriver's defaults are 30 s and 300 s).
    pub fn set_timeouts(&self, script: Duration, page_load: Duration) -> Result<()> {
        post(
            &self.endpoint("timeouts"),
            &json!({
                "script": script.as_millis() as u64,
                "pageLoad": page_load.as_millis() as u64,
            }),
        )?;
        Ok(())
    }

    /// Saves a PNG screenshot of the viewport.
    pub fn screenshot(&self, path: &Path) -> Result<()> {
        let response = get(&self.endpoint("screenshot"))?;
        let encoded = response["value"].as_str().ok_or("no screenshot data")?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, decode_base64(encoded)?)?;
        Ok(())
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = agent()
            .delete(&format!("{}/session/{}", self.driver_url, self.session))
            .call();
        let _ = std::fs::remove_dir_all(&self.profile_dir);
    }
}

/// How long one WebDriver command may take: longer than any script or page-load timeout the
/// harness sets, so only a driver that stopped answering reaches it.
pub const COMMAND_TIMEOUT: Duration = Duration::from_secs(90);

/// What a command that ran out of [`COMMAND_TIMEOUT`] says; `cargo xtask test` looks for it to
/// tell a stuck driver from a failing test.
pub const DRIVER_STUCK: &str = "the browser's driver stopped answering";

/// One HTTP agent for every command, so a driver that hangs fails the command instead of the
/// whole run waiting for it.
fn agent() -> &'static ureq::Agent {
    static AGENT: OnceLock<ureq::Agent> = OnceLock::new();
    AGENT.get_or_init(|| {
        ureq::AgentBuilder::new()
            .timeout_connect(Duration::from_secs(10))
            .timeout(COMMAND_TIMEOUT)
            .build()
    })
}

pub(crate) fn post(url: &str, body: &Value) -> Result<Value> {
    let started = Instant::now();
    answer(started, agent().post(url).send_json(body.clone()))
}

fn get(url: &str) -> Result<Value> {
    let started = Instant::now();
    answer(started, agent().get(url).call())
}

/// The JSON answer of a command sent at `started`; a transport failure at the deadline is a
/// stuck driver.
fn answer(
    started: Instant,
    sent: std::result::Result<ureq::Response, ureq::Error>,
) -> Result<Value> {
    match sent {
        Ok(response) => response.into_json::<Value>().map_err(Into::into),
        Err(ureq::Error::Transport(transport))
            if started.elapsed() + Duration::from_secs(1) >= COMMAND_TIMEOUT =>
        {
            Err(format!("{DRIVER_STUCK} within {COMMAND_TIMEOUT:?} ({transport})").into())
        }
        Err(other) => Err(describe_error(other)),
    }
}

/// WebDriver errors arrive as HTTP errors with a JSON explanation; keep the explanation.
fn describe_error(error: ureq::Error) -> Error {
    match error {
        ureq::Error::Status(code, response) => {
            let body = response.into_string().unwrap_or_default();
            let message = serde_json::from_str::<Value>(&body)
                .ok()
                .and_then(|v| v["value"]["message"].as_str().map(str::to_string))
                .unwrap_or(body);
            format!("WebDriver answered {code}: {message}").into()
        }
        other => other.to_string().into(),
    }
}

fn decode_base64(encoded: &str) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(encoded.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut bits = 0;
    for byte in encoded
        .bytes()
        .filter(|b| !b.is_ascii_whitespace() && *b != b'=')
    {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return Err("invalid base64 in screenshot".into()),
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_decodes_padding() {
        assert_eq!(decode_base64("aGVsbG8=").expect("valid"), b"hello");
        assert_eq!(decode_base64("aGk=").expect("valid"), b"hi");
        assert!(decode_base64("a*b").is_err());
    }
}
