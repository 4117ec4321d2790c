//! The site's server: the built site under its sub-path and nothing else, plus the request
//! reading and path resolution the fixture server shares.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::thread;
use std::time::Duration;

use crate::Result;

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
pub(crate) fn read_request(stream: &TcpStream) -> std::io::Result<String> {
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
}
