//! The site's server: the built site under its sub-path and nothing else, its precompressed
//! copies sent as a static host sends them (brotli or gzip as the browser accepts), plus the request
//! reading and path resolution the fixture server shares.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use crate::Result;

/// Where the preloaded script is served, below the prefix.
const PRELOAD_FILE: &str = "__e2e-preload.js";
/// A page that shows the site in a phone-sized frame (390×844 CSS pixels), for engines whose
/// windows cannot be that narrow; its query goes to the framed page.
pub const PHONE_FRAME: &str = "__e2e-phone.html";
const PHONE_FRAME_HTML: &str = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>html,body{margin:0;background:#777}iframe{display:block;border:0;width:390px;height:844px;background:#fff}</style></head><body><iframe id=\"phone\" title=\"phone\"></iframe><script>document.getElementById('phone').src = './' + location.search;</script></body></html>";

/// A static file server on 127.0.0.1 that serves `root` under `prefix` and nothing else,
/// so a page that reaches outside its sub-path fails as it would on a real host.
///
/// It can add one script of the tests' own to every page ([`StaticServer::set_preload`]):
/// a `<script src>` right after the page's Content-Security-Policy, so it runs before the
/// app, under the same policy, in every browser engine alike (DevTools' way to do this is
/// Chromium's only).
pub struct StaticServer {
    pub port: u16,
    pub prefix: String,
    preload: Arc<Mutex<String>>,
    /// While set, every connection is dropped unanswered, as when the network is away.
    offline: Arc<AtomicBool>,
}

impl StaticServer {
    pub fn start(root: PathBuf, prefix: &str) -> Result<StaticServer> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let port = listener.local_addr()?.port();
        let prefix = format!("/{}/", prefix.trim_matches('/')).replace("//", "/");
        let served_prefix = prefix.clone();
        let preload = Arc::new(Mutex::new(String::new()));
        let served_preload = Arc::clone(&preload);
        let offline = Arc::new(AtomicBool::new(false));
        let unreachable = Arc::clone(&offline);
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                if unreachable.load(Ordering::SeqCst) {
                    drop(stream);
                    continue;
                }
                let root = root.clone();
                let prefix = served_prefix.clone();
                let preload = served_preload.lock().map(|p| p.clone()).unwrap_or_default();
                thread::spawn(move || {
                    // A client that hangs up mid-request is not the server's problem.
                    let _ = serve_one(stream, &root, &prefix, &preload);
                });
            }
        });
        Ok(StaticServer {
            port,
            prefix,
            preload,
            offline,
        })
    }

    /// Drops every request from now on (`true`), as a cut network would, or serves again.
    pub fn set_offline(&self, offline: bool) {
        self.offline.store(offline, Ordering::SeqCst);
    }

    /// Runs `source` in every page served from now on, before the app's own scripts.
    pub fn set_preload(&self, source: &str) {
        if let Ok(mut preload) = self.preload.lock() {
            *preload = source.to_string();
        }
    }

    /// The URL of the site's front page.
    pub fn site_url(&self) -> String {
        format!("http://127.0.0.1:{}{}", self.port, self.prefix)
    }
}

/// Reads a request's head and returns its first line ("GET /path HTTP/1.1").
pub(crate) fn read_request(stream: &TcpStream) -> std::io::Result<String> {
    read_request_head(stream).map(|(line, _)| line)
}

/// A request's first line and its `Accept-Encoding` (lower-cased, empty without one).
fn read_request_head(stream: &TcpStream) -> std::io::Result<(String, String)> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut accept_encoding = String::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("accept-encoding") {
                accept_encoding = value.trim().to_ascii_lowercase();
            }
        }
    }
    Ok((request_line, accept_encoding))
}

/// The precompressed copy beside `file` the client accepts, as a static host picks it
/// (brotli before gzip), with its `Content-Encoding`. A copy older than its file is stale
/// (a test rewrote the file) and is not sent.
fn precompressed(file: &Path, accept_encoding: &str) -> Option<(Vec<u8>, &'static str)> {
    let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let written = modified(file)?;
    let accepts = |coding: &str| {
        accept_encoding
            .split(',')
            .any(|part| part.split(';').next().is_some_and(|c| c.trim() == coding))
    };
    [("br", "br"), ("gz", "gzip")]
        .into_iter()
        .filter(|(_, coding)| accepts(coding))
        .find_map(|(suffix, coding)| {
            let mut name = file.as_os_str().to_owned();
            name.push(".");
            name.push(suffix);
            let copy = PathBuf::from(name);
            if modified(&copy)? < written {
                return None;
            }
            std::fs::read(copy).ok().map(|b| (b, coding))
        })
}

/// `html` with a `<script src>` for the preload after its CSP (or at the start of its head).
fn with_preload(html: &str, prefix: &str) -> String {
    let tag = format!("<script src=\"{prefix}{PRELOAD_FILE}\"></script>");
    let after = html
        .find("Content-Security-Policy")
        .and_then(|at| html[at..].find('>').map(|end| at + end + 1))
        .or_else(|| html.find("<head>").map(|at| at + "<head>".len()));
    match after {
        Some(at) => format!("{}{tag}{}", &html[..at], &html[at..]),
        None => format!("{tag}{html}"),
    }
}

fn serve_one(
    mut stream: TcpStream,
    root: &Path,
    prefix: &str,
    preload: &str,
) -> std::io::Result<()> {
    let (request_line, accept_encoding) = read_request_head(&stream)?;
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or_default();
    let target = parts.next().unwrap_or_default();
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let relative = path
        .strip_prefix(prefix)
        .or_else(|| (path.to_string() + "/" == prefix).then_some(""));
    let file = relative.and_then(|relative| resolve(root, relative));
    let mut encoding = None;
    let (status, content_type, body) =
        match file.and_then(|f| std::fs::read(&f).ok().map(|b| (f, b))) {
            Some((file, body))
                if !preload.is_empty() && content_type(&file).starts_with("text/html") =>
            {
                (
                    "200 OK",
                    content_type(&file),
                    with_preload(&String::from_utf8_lossy(&body), prefix).into_bytes(),
                )
            }
            Some((file, body)) => match precompressed(&file, &accept_encoding) {
                Some((compressed, coding)) => {
                    encoding = Some(coding);
                    ("200 OK", content_type(&file), compressed)
                }
                None => ("200 OK", content_type(&file), body),
            },
            None if relative == Some(PHONE_FRAME) => (
                "200 OK",
                "text/html; charset=utf-8",
                PHONE_FRAME_HTML.as_bytes().to_vec(),
            ),
            None if relative == Some(PRELOAD_FILE) && !preload.is_empty() => (
                "200 OK",
                "text/javascript; charset=utf-8",
                preload.as_bytes().to_vec(),
            ),
            None => (
                "404 Not Found",
                "text/plain; charset=utf-8",
                b"not found".to_vec(),
            ),
        };
    let encoding = encoding
        .map(|coding| format!("Content-Encoding: {coding}\r\n"))
        .unwrap_or_default();
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{encoding}Vary: Accept-Encoding\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(&body)?;
    }
    stream.flush()
}

/// Maps a URL path below the prefix to a file, refusing anything that climbs out of `root`.
pub(crate) fn resolve(root: &Path, relative: &str) -> Option<PathBuf> {
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

/// Copies the built site in `from` to `to` (e.g. for a test that changes or breaks it).
pub fn copy_site(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let path = entry?.path();
        let target = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_site(&path, &target)?;
        } else {
            std::fs::copy(&path, &target)?;
        }
    }
    Ok(())
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
    fn the_preload_comes_after_the_policy() {
        let page = "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"x\" /><script src=app.js></script></head></html>";
        let served = with_preload(page, "/explorer/");
        let policy = served.find("Content-Security-Policy").expect("policy");
        let preload = served.find("__e2e-preload.js").expect("preload");
        let app = served.find("app.js").expect("app");
        assert!(policy < preload && preload < app, "{served}");
        assert!(with_preload("<head></head>", "/")
            .starts_with("<head><script src=\"/__e2e-preload.js\">"));
    }
}
