//! The fixture server: a second origin for the source tests, with CORS on or off, a proxy
//! route that plays the arXiv API page by page, network faults and a log of what it served.

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::static_server::{read_request, resolve};
use crate::Result;

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
        let decoded = percent_decode(query_param(query, "url").unwrap_or_default());
        decoded
            .contains("/api/query?")
            .then(|| api_page(&decoded, &target, served))
    } else {
        None
    };
    if let Some(reply) = reply {
        log_served(served, &target, reply.status);
        let length = reply.announced.unwrap_or(reply.body.len());
        // A server without CORS plays arXiv as it is: answering, but not to other sites.
        let cors = if allow_cors {
            "Access-Control-Allow-Origin: *\r\nAccess-Control-Expose-Headers: Retry-After\r\n"
        } else {
            ""
        };
        let head = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {length}\r\n{cors}{}Connection: close\r\n\r\n",
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
        let decoded = percent_decode(query_param(query, "url").unwrap_or_default());
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
        query_param(query, name)
            .map(|v| percent_decode(&v.replace('+', " ")))
            .unwrap_or_default()
    };
    let search = param("search_query");
    let start: u32 = param("start").parse().unwrap_or(0);
    let size: u32 = param("max_results").parse().unwrap_or(10);
    // arXiv down: every request is refused as busy, with no wait asked for.
    if search.contains("down") {
        return Reply::new(503, "text/plain", b"busy".to_vec());
    }
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

/// The raw value of `name` in a query string (`a=1&b=2`), when it is there.
fn query_param<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
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
