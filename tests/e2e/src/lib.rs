//! End-to-end harness: serves the built site from a plain static file server under a sub-path
//! and drives headless Chromium through ChromeDriver's W3C WebDriver protocol.
//!
//! Set by `cargo xtask test`: `E2E_SITE_DIR` (the release site), `E2E_PUBLIC_URL` (the sub-path
//! it was built for), `CHROMEDRIVER` and `CHROMIUM`.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

pub type Error = Box<dyn std::error::Error + Send + Sync>;
pub type Result<T> = std::result::Result<T, Error>;

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_string())
}

/// A static file server on 127.0.0.1 that serves `root` under `prefix` and nothing else,
/// so a page that reaches outside its sub-path fails as it would on a real host.
pub struct StaticServer {
    pub port: u16,
    pub prefix: String,
}

impl StaticServer {
    pub fn start(root: PathBuf, prefix: &str) -> Result<StaticServer> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let port = listener.local_addr()?.port();
        let prefix = format!("/{}/", prefix.trim_matches('/')).replace("//", "/");
        let served_prefix = prefix.clone();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let root = root.clone();
                let prefix = served_prefix.clone();
                thread::spawn(move || {
                    // A client that hangs up mid-request is not the server's problem.
                    let _ = serve_one(stream, &root, &prefix);
                });
            }
        });
        Ok(StaticServer { port, prefix })
    }

    /// The URL of the site's front page.
    pub fn site_url(&self) -> String {
        format!("http://127.0.0.1:{}{}", self.port, self.prefix)
    }
}

/// Reads a request's head and returns its first line ("GET /path HTTP/1.1").
fn read_request(stream: &TcpStream) -> std::io::Result<String> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
    }
    Ok(request_line)
}

fn serve_one(mut stream: TcpStream, root: &Path, prefix: &str) -> std::io::Result<()> {
    let request_line = read_request(&stream)?;
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or_default();
    let target = parts.next().unwrap_or_default();
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let file = path
        .strip_prefix(prefix)
        .or_else(|| (path.to_string() + "/" == prefix).then_some(""))
        .and_then(|relative| resolve(root, relative));
    let (status, content_type, body) =
        match file.and_then(|f| std::fs::read(&f).ok().map(|b| (f, b))) {
            Some((file, body)) => ("200 OK", content_type(&file), body),
            None => (
                "404 Not Found",
                "text/plain; charset=utf-8",
                b"not found".to_vec(),
            ),
        };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(&body)?;
    }
    stream.flush()
}

/// Maps a URL path below the prefix to a file, refusing anything that climbs out of `root`.
fn resolve(root: &Path, relative: &str) -> Option<PathBuf> {
    let relative = if relative.is_empty() || relative.ends_with('/') {
        format!("{relative}index.html")
    } else {
        relative.to_string()
    };
    let candidate = Path::new(&relative);
    if candidate
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let file = root.join(candidate);
    file.is_file().then_some(file)
}

fn content_type(file: &Path) -> &'static str {
    match file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
    {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}

/// One request the fixture server answered: when, what was asked, and the status sent.
#[derive(Clone, Debug)]
pub struct Served {
    pub at: Instant,
    pub target: String,
    pub status: u16,
}

type ServedLog = Arc<Mutex<Vec<Served>>>;

/// A second origin for source tests. It serves:
/// - `tests/fixtures/` at `/fixtures/…`, with or without a CORS header;
/// - `/proxy?url=…` with a CORS header, as a CORS proxy would: for an arXiv API address it
///   makes the API page asked for (12 results in all; a query containing `flaky` gets one 503
///   with `Retry-After: 4` for each later page, one containing `broken` gets 404 for later
///   pages), otherwise the RSS fixture named by the address's last path segment;
/// - `/fault/<kind>` with a CORS header: `timeout` (never answers), `503` and `429` (with
///   `Retry-After: 30`), `cut` (the body breaks off before its announced length), `cut-xml`
///   (a complete answer whose XML stops mid-entry), `html` (an error web page with status
///   200), `text-plain` (a good feed served as text/plain).
pub struct FixtureServer {
    pub port: u16,
    log: ServedLog,
}

/// Results of every query the fake API answers.
pub const API_TOTAL: u32 = 12;

impl FixtureServer {
    pub fn start(allow_cors: bool) -> Result<FixtureServer> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let port = listener.local_addr()?.port();
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures");
        let log: ServedLog = Arc::default();
        let served = log.clone();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let root = root.clone();
                let served = served.clone();
                thread::spawn(move || {
                    let _ = serve_fixture(stream, &root, allow_cors, &served);
                });
            }
        });
        Ok(FixtureServer { port, log })
    }

    /// The requests answered so far, in order.
    pub fn served(&self) -> Vec<Served> {
        self.log.lock().map(|log| log.clone()).unwrap_or_default()
    }

    /// The proxy template that routes through this server.
    pub fn proxy_template(&self) -> String {
        format!("http://127.0.0.1:{}/proxy?url={{url}}", self.port)
    }

    pub fn url(&self, path: &str) -> String {
        format!(
            "http://127.0.0.1:{}/{}",
            self.port,
            path.trim_start_matches('/')
        )
    }
}

/// What to send back.
struct Reply {
    status: u16,
    content_type: &'static str,
    headers: String,
    body: Vec<u8>,
    /// Bytes to announce in Content-Length when it differs from the body (a cut-off answer).
    announced: Option<usize>,
}

impl Reply {
    fn new(status: u16, content_type: &'static str, body: Vec<u8>) -> Reply {
        Reply {
            status,
            content_type,
            headers: String::new(),
            body,
            announced: None,
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        404 => "Not Found",
        429 => "Too Many Requests",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

fn serve_fixture(
    mut stream: TcpStream,
    root: &Path,
    allow_cors: bool,
    served: &ServedLog,
) -> std::io::Result<()> {
    let request_line = read_request(&stream)?;
    let target = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or_default()
        .to_string();
    let (path, query) = target.split_once('?').unwrap_or((target.as_str(), ""));
    let reply = if let Some(kind) = path.strip_prefix("/fault/") {
        if kind == "timeout" {
            log_served(served, &target, 0);
            thread::sleep(Duration::from_secs(120));
            return Ok(());
        }
        Some(fault_reply(kind, root))
    } else if path == "/proxy" {
        let url = query
            .split('&')
            .find_map(|pair| pair.strip_prefix("url="))
            .unwrap_or_default();
        let decoded = percent_decode(url);
        decoded
            .contains("/api/query?")
            .then(|| api_page(&decoded, &target, served))
    } else {
        None
    };
    if let Some(reply) = reply {
        log_served(served, &target, reply.status);
        let length = reply.announced.unwrap_or(reply.body.len());
        let head = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {length}\r\nAccess-Control-Allow-Origin: *\r\nAccess-Control-Expose-Headers: Retry-After\r\n{}Connection: close\r\n\r\n",
            reply.status,
            reason(reply.status),
            reply.content_type,
            reply.headers
        );
        stream.write_all(head.as_bytes())?;
        stream.write_all(&reply.body)?;
        stream.flush()?;
        return Ok(());
    }
    let (relative, cors) = if path == "/proxy" {
        let url = query
            .split('&')
            .find_map(|pair| pair.strip_prefix("url="))
            .unwrap_or_default();
        let decoded = percent_decode(url);
        let name = decoded
            .split(['?', '#'])
            .next()
            .unwrap_or_default()
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_string();
        (format!("rss/{name}"), true)
    } else {
        (
            path.trim_start_matches("/fixtures/").to_string(),
            allow_cors,
        )
    };
    let file = resolve(root, &relative);
    let (status, body) = match file.and_then(|f| std::fs::read(f).ok()) {
        Some(body) => ("200 OK", body),
        None => ("404 Not Found", b"not found".to_vec()),
    };
    log_served(
        served,
        &target,
        if body == b"not found" { 404 } else { 200 },
    );
    let cors_header = if cors {
        "Access-Control-Allow-Origin: *\r\n"
    } else {
        ""
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/xml\r\nContent-Length: {}\r\n{cors_header}Connection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(&body)?;
    stream.flush()
}

fn log_served(served: &ServedLog, target: &str, status: u16) {
    if let Ok(mut log) = served.lock() {
        log.push(Served {
            at: Instant::now(),
            target: target.to_string(),
            status,
        });
    }
}

fn fault_reply(kind: &str, root: &Path) -> Reply {
    let feed = std::fs::read(root.join("rss/arxiv-cs-os.rss")).unwrap_or_default();
    match kind {
        "503" | "429" => {
            let mut reply = Reply::new(
                kind.parse().unwrap_or(503),
                "text/plain",
                b"busy".to_vec(),
            );
            reply.headers = "Retry-After: 30\r\n".to_string();
            reply
        }
        "cut" => {
            let mut reply = Reply::new(200, "application/xml", feed[..feed.len() / 2].to_vec());
            reply.announced = Some(feed.len());
            reply
        }
        "cut-xml" => {
            // Stop inside the second item: the first is complete.
            let text = String::from_utf8_lossy(&feed).into_owned();
            let second = text
                .match_indices("<item")
                .nth(1)
                .map_or(text.len(), |(at, _)| at + 40);
            Reply::new(200, "application/xml", text.as_bytes()[..second].to_vec())
        }
        "html" => Reply::new(
            200,
            "text/html; charset=utf-8",
            b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>".to_vec(),
        ),
        "text-plain" => Reply::new(200, "text/plain", feed),
        _ => Reply::new(404, "text/plain", b"no such fault".to_vec()),
    }
}

/// One page of the fake arXiv API, as `address` (the API URL) asks for it.
fn api_page(address: &str, target: &str, served: &ServedLog) -> Reply {
    let query = address.split_once('?').map_or("", |(_, q)| q);
    let param = |name: &str| {
        query
            .split('&')
            .find_map(|pair| pair.strip_prefix(&format!("{name}=")))
            .map(|v| percent_decode(&v.replace('+', " ")))
            .unwrap_or_default()
    };
    let search = param("search_query");
    let start: u32 = param("start").parse().unwrap_or(0);
    let size: u32 = param("max_results").parse().unwrap_or(10);
    if start > 0 && search.contains("broken") {
        return Reply::new(404, "text/plain", b"gone".to_vec());
    }
    if start > 0 && search.contains("flaky") {
        let asked_before = served
            .lock()
            .map(|log| log.iter().any(|s| s.target == target))
            .unwrap_or(false);
        if !asked_before {
            let mut reply = Reply::new(503, "text/plain", b"busy".to_vec());
            reply.headers = "Retry-After: 4\r\n".to_string();
            return reply;
        }
    }
    let end = (start + size).min(API_TOTAL);
    let mut body = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <id>https://arxiv.org/api/paged</id>
  <title>arXiv Query: search_query={search}&amp;id_list=&amp;start={start}&amp;max_results={size}</title>
  <updated>2026-04-10T00:00:00Z</updated>
  <opensearch:totalResults>{API_TOTAL}</opensearch:totalResults>
  <opensearch:startIndex>{start}</opensearch:startIndex>
  <opensearch:itemsPerPage>{size}</opensearch:itemsPerPage>
"#,
        search = search.replace('&', "&amp;").replace('<', "&lt;")
    );
    for n in start..end {
        body.push_str(&format!(
            r#"  <entry>
    <id>http://arxiv.org/abs/2601.{n:05}v1</id>
    <title>Paged paper {n}</title>
    <updated>2026-01-{day:02}T10:00:00Z</updated>
    <published>2026-01-{day:02}T10:00:00Z</published>
    <summary>Result {n} of the paged query.</summary>
    <author><name>Pat Pager {group}</name></author>
    <author><name>Quinn Query</name></author>
    <arxiv:primary_category term="cs.OS"/>
    <category term="cs.OS" scheme="http://arxiv.org/schemas/atom"/>
  </entry>
"#,
            day = n % 28 + 1,
            group = n % 3
        ));
    }
    body.push_str("</feed>\n");
    Reply::new(200, "application/atom+xml", body.into_bytes())
}

fn percent_decode(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(byte) = u8::from_str_radix(&raw[i + 1..i + 3], 16) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

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

/// One headless Chromium session.
pub struct Browser {
    session: String,
    driver_url: String,
    profile_dir: PathBuf,
}

impl Browser {
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
        let response = post(&format!("{}/session", driver.url), &capabilities)?;
        let session = response["value"]["sessionId"]
            .as_str()
            .ok_or("ChromeDriver answered without a session id")?
            .to_string();
        Ok(Browser {
            session,
            driver_url: driver.url.clone(),
            profile_dir,
        })
    }

    fn endpoint(&self, path: &str) -> String {
        format!("{}/session/{}/{path}", self.driver_url, self.session)
    }

    pub fn navigate(&self, url: &str) -> Result<()> {
        post(&self.endpoint("url"), &json!({ "url": url }))?;
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
            .ok_or_else(|| "ChromeDriver did not open a tab".into())
    }

    /// The handle of the current tab.
    pub fn current_tab(&self) -> Result<String> {
        let response = ureq::get(&self.endpoint("window"))
            .call()
            .map_err(describe_error)?
            .into_json::<Value>()?;
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

    /// Runs `source` in every page this tab opens from now on, before the page's own scripts
    /// (ChromeDriver's DevTools bridge), e.g. to simulate a browser that refuses storage.
    pub fn run_before_every_page(&self, source: &str) -> Result<()> {
        post(
            &self.endpoint("goog/cdp/execute"),
            &json!({ "cmd": "Page.addScriptToEvaluateOnNewDocument", "params": { "source": source } }),
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

    /// Types `text` into the first element matching `css`, key by key.
    pub fn type_text(&self, css: &str, text: &str) -> Result<()> {
        let element = self.find(css)?;
        post(
            &self.endpoint(&format!("element/{element}/value")),
            &json!({ "text": text }),
        )?;
        Ok(())
    }

    /// The `data-paper-id` of every paper on the page, in order.
    pub fn paper_ids(&self) -> Result<Vec<String>> {
        let ids = self.execute(
            "return [...document.querySelectorAll('[data-paper-id]')].map(e => e.dataset.paperId);",
            json!([]),
        )?;
        Ok(serde_json::from_value(ids)?)
    }

    /// `location.search` of the page.
    pub fn query(&self) -> Result<String> {
        let search = self.execute("return location.search;", json!([]))?;
        Ok(search.as_str().unwrap_or_default().to_string())
    }

    /// Waits until the page lists exactly `ids`, in order.
    pub fn wait_for_papers(&self, ids: &[&str]) -> Result<()> {
        let expected = serde_json::to_string(ids)?;
        let script = format!(
            "return JSON.stringify([...document.querySelectorAll('[data-paper-id]')].map(e => e.dataset.paperId)) === {};",
            serde_json::to_string(&expected)?
        );
        self.wait_until(
            &format!("papers {expected}"),
            &script,
            Duration::from_secs(10),
        )
        .map_err(|err| {
            let actual = self.paper_ids().unwrap_or_default();
            format!("{err}; the page lists {actual:?}").into()
        })
    }

    /// Polls `script` until it returns `true`, failing with `what` after `timeout`.
    pub fn wait_until(&self, what: &str, script: &str, timeout: Duration) -> Result<()> {
        let deadline = Instant::now() + timeout;
        loop {
            if self.execute(script, json!([]))? == json!(true) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("timed out after {timeout:?} waiting for {what}").into());
            }
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// Browser console entries since the last call (ChromeDriver's log endpoint).
    pub fn console_log(&self) -> Result<Vec<Value>> {
        let response = post(&self.endpoint("se/log"), &json!({ "type": "browser" }))?;
        Ok(response["value"].as_array().cloned().unwrap_or_default())
    }

    /// Console entries at SEVERE level (errors, uncaught exceptions, failed loads).
    pub fn console_errors(&self) -> Result<Vec<String>> {
        Ok(self
            .console_log()?
            .into_iter()
            .filter(|entry| entry["level"] == json!("SEVERE"))
            .map(|entry| entry["message"].as_str().unwrap_or_default().to_string())
            .collect())
    }

    /// Console errors other than the browser's own reports of failed requests (which a test
    /// of network faults causes on purpose).
    pub fn script_errors(&self) -> Result<Vec<String>> {
        Ok(self
            .console_log()?
            .into_iter()
            .filter(|entry| {
                entry["level"] == json!("SEVERE") && entry["source"] != json!("network")
            })
            .map(|entry| entry["message"].as_str().unwrap_or_default().to_string())
            .collect())
    }

    /// Saves a PNG screenshot of the viewport.
    pub fn screenshot(&self, path: &Path) -> Result<()> {
        let response = ureq::get(&self.endpoint("screenshot"))
            .call()
            .map_err(describe_error)?
            .into_json::<Value>()?;
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
        let _ = ureq::delete(&format!("{}/session/{}", self.driver_url, self.session)).call();
        let _ = std::fs::remove_dir_all(&self.profile_dir);
    }
}

fn post(url: &str, body: &Value) -> Result<Value> {
    ureq::post(url)
        .send_json(body.clone())
        .map_err(describe_error)?
        .into_json::<Value>()
        .map_err(Into::into)
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

/// The embedded sample's papers, in feed order.
pub const SEED_IDS: [&str; 15] = [
    "2604.07839",
    "2604.05505",
    "2603.18030",
    "2604.07609",
    "2604.06970",
    "2604.05091",
    "2602.04816",
    "2603.15042",
    "2604.02442",
    "2604.01655",
    "2604.01620",
    "2604.01441",
    "2603.29052",
    "2603.25666",
    "2603.21466",
];

/// Everything one end-to-end test needs: the site, a driver and a browser on the site.
pub struct Harness {
    pub server: StaticServer,
    pub browser: Browser,
    // Dropped after the browser: fields drop in declaration order.
    _driver: ChromeDriver,
}

impl Harness {
    /// Serves the built site and opens a browser. Fails with a clear message when the site
    /// has not been built (run through `cargo xtask test`).
    pub fn start() -> Result<Harness> {
        let site = std::env::var("E2E_SITE_DIR").map_err(|_| {
            "E2E_SITE_DIR is not set: run the end-to-end tests through `cargo xtask test`"
        })?;
        let site = PathBuf::from(site);
        if !site.join("index.html").is_file() {
            return Err(format!("{} holds no built site (index.html)", site.display()).into());
        }
        let prefix = env_or("E2E_PUBLIC_URL", "/explorer/");
        let server = StaticServer::start(site, &prefix)?;
        let driver = ChromeDriver::start()?;
        let browser = Browser::start(&driver)?;
        Ok(Harness {
            server,
            browser,
            _driver: driver,
        })
    }

    /// Opens the site with `query` (e.g. `""` or `"?view=graph"`) and waits for the app.
    pub fn open(&self, query: &str) -> Result<()> {
        self.browser
            .navigate(&format!("{}{query}", self.server.site_url()))?;
        self.browser.wait_until(
            "the app to render its main landmark",
            "return document.querySelector('main') !== null;",
            Duration::from_secs(30),
        )
    }

    /// Opens the site with empty local storage.
    pub fn open_fresh(&self, query: &str) -> Result<()> {
        self.open("")?;
        self.browser.execute("localStorage.clear();", json!([]))?;
        self.open(query)
    }

    /// Presses a key on the page, as the keyboard would.
    pub fn press(&self, key: &str) -> Result<()> {
        self.browser.execute(
            "document.body.dispatchEvent(new KeyboardEvent('keydown', {key: arguments[0], bubbles: true}));",
            json!([key]),
        )?;
        Ok(())
    }

    /// The text of the first element matching `css` ("" when there is none).
    pub fn text_of(&self, css: &str) -> Result<String> {
        let value = self.browser.execute(
            "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;",
            json!([css]),
        )?;
        Ok(value.as_str().unwrap_or_default().to_string())
    }

    /// Waits until the first element matching `css` contains `needle`.
    pub fn wait_text(&self, css: &str, needle: &str, timeout: Duration) -> Result<()> {
        self.browser.wait_until(
            &format!("{css} to contain {needle:?}"),
            &format!(
                "const e = document.querySelector({}); return !!e && e.textContent.includes({});",
                serde_json::to_string(css)?,
                serde_json::to_string(needle)?
            ),
            timeout,
        )
    }

    /// Sets a form control's value as a person would, firing `event` (`input` or `change`).
    pub fn set_value(&self, css: &str, value: &str, event: &str) -> Result<()> {
        let found = self.browser.execute(
            "const e = document.querySelector(arguments[0]); if (!e) return false; e.value = arguments[1]; e.dispatchEvent(new Event(arguments[2], {bubbles: true})); return true;",
            json!([css, value, event]),
        )?;
        if found != json!(true) {
            return Err(format!("no element matches {css}").into());
        }
        Ok(())
    }

    /// Where screenshots go: `target/e2e-screenshots/` of the workspace.
    pub fn screenshot_path(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../target/e2e-screenshots")
            .join(format!("{name}.png"))
    }
}

/// Additions for measuring the page (`browser_bench`): DevTools commands and time limits.
impl Browser {
    /// Sends a Chrome DevTools Protocol command to the current tab (e.g.
    /// `Runtime.getHeapUsage`) and returns its result.
    pub fn cdp(&self, command: &str, params: Value) -> Result<Value> {
        let response = post(
            &self.endpoint("goog/cdp/execute"),
            &json!({ "cmd": command, "params": params }),
        )?;
        Ok(response["value"].clone())
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_refuses_paths_outside_the_site() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        assert_eq!(resolve(root, "Cargo.toml"), Some(root.join("Cargo.toml")));
        assert_eq!(resolve(root, "../Cargo.toml"), None);
        assert_eq!(resolve(root, "/etc/passwd"), None);
        assert_eq!(resolve(root, "missing.txt"), None);
    }

    #[test]
    fn base64_decodes_padding() {
        assert_eq!(decode_base64("aGVsbG8=").expect("valid"), b"hello");
        assert_eq!(decode_base64("aGk=").expect("valid"), b"hi");
        assert!(decode_base64("a*b").is_err());
    }
}
