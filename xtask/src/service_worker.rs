//! The service worker's list of the app shell: after the build, `sw.js` gets the site's files
//! (the page and its content-hashed script, module, styles and icons) and a version made from
//! their contents, so each build that changes anything installs a new worker, and an
//! unchanged build does not.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::process::Failure;

/// The worker, at the site's root so its scope is the site's folder, whatever the sub-path.
pub const WORKER: &str = "sw.js";
const VERSION_MARK: &str = "__VERSION__";
const SHELL_MARK: &str = "/* __SHELL__ */";

/// The service worker's source, with the marks `cargo xtask dist` fills.
pub fn source(root: &Path) -> Result<String, Failure> {
    let path = root.join(WORKER);
    std::fs::read_to_string(&path)
        .map_err(|err| Failure::new(format!("cannot read {}: {err}", path.display())))
}

/// Writes `site/sw.js` from the worker's `source` (the repository's `sw.js`, with its marks)
/// filled with the shell list and version, and names the version in the page; returns the
/// version. Run again whenever a file of the site changed (the site command rewrites the
/// page), so the version follows.
///
/// The page's first screen (the day's papers on a site) and the version's own `<meta>` are
/// left out of the version: a site rebuilt with new papers but the same app keeps its worker,
/// which refreshes the kept page in the background (the page names the version it belongs to)
/// instead of offering "a new version" every morning.
pub fn write_shell_list(site: &Path, source: &str) -> Result<String, Failure> {
    let worker = site.join(WORKER);
    if !source.contains(VERSION_MARK) || !source.contains(SHELL_MARK) {
        return Err(Failure::new(format!(
            "the service worker's source has no {VERSION_MARK} and {SHELL_MARK} to fill"
        )));
    }
    let files = shell_files(site)?;
    let mut hash = Sha256::new();
    let mut names = Vec::new();
    for file in &files {
        let name = file
            .strip_prefix(site)
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        let bytes = std::fs::read(file)
            .map_err(|err| Failure::new(format!("cannot read {}: {err}", file.display())))?;
        hash.update(name.as_bytes());
        hash.update([0]);
        if name == PAGE {
            hash.update(page_without_content(&String::from_utf8_lossy(&bytes)).as_bytes());
        } else {
            hash.update(&bytes);
        }
        names.push(name);
    }
    let version = crate::worker_files::short_hash(hash);
    let list = names
        .iter()
        .map(|name| format!("\"{}\"", name.replace('"', "")))
        .collect::<Vec<_>>()
        .join(", ");
    let filled = source
        .replace(VERSION_MARK, &version)
        .replace(SHELL_MARK, &list);
    std::fs::write(&worker, filled)
        .map_err(|err| Failure::new(format!("cannot write {}: {err}", worker.display())))?;
    let page = site.join(PAGE);
    let html = std::fs::read_to_string(&page)
        .map_err(|err| Failure::new(format!("cannot read {}: {err}", page.display())))?;
    std::fs::write(&page, with_version(&html, &version))
        .map_err(|err| Failure::new(format!("cannot write {}: {err}", page.display())))?;
    Ok(version)
}

/// The page, whose version the worker's background refresh checks.
const PAGE: &str = "index.html";
/// The `<meta>` naming the version a page belongs to (sw.js looks for it).
const VERSION_META: &str = "<meta name=\"explorer-version\" content=\"";

/// The page as far as the version goes: without its first screen or its version.
fn page_without_content(html: &str) -> String {
    use arxiv_explorer::core::first_screen::{END_MARK, START_MARK};
    let mut page = html.to_string();
    if let (Some(start), Some(end)) = (page.find(START_MARK), page.find(END_MARK)) {
        if start < end {
            page.replace_range(start..end + END_MARK.len(), "");
        }
    }
    if let Some(start) = page.find(VERSION_META) {
        if let Some(length) = page[start..].find("/>") {
            page.replace_range(start..start + length + 2, "");
        }
    }
    page
}

/// The page naming `version` (in place of a version it named before).
fn with_version(html: &str, version: &str) -> String {
    let mut page = html.to_string();
    if let Some(start) = page.find(VERSION_META) {
        if let Some(length) = page[start..].find("/>") {
            page.replace_range(start..start + length + 2, "");
        }
    }
    if let Some(head) = page.find("</head>") {
        page.insert_str(head, &format!("{VERSION_META}{version}\" />"));
    }
    page
}

/// The shell: every file of the build but the worker itself and the owner's feeds (the
/// precompressed copies are left out already), in name order.
fn shell_files(site: &Path) -> Result<Vec<PathBuf>, Failure> {
    let feeds = site.join("feeds");
    Ok(crate::precompress::site_files(site)?
        .into_iter()
        .filter(|file| !file.starts_with(&feeds) && file.file_name().is_none_or(|n| n != WORKER))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_names_the_shell_and_the_version_follows_its_contents() {
        let site = crate::empty_test_folder("sw-shell");
        std::fs::create_dir_all(site.join("feeds")).expect("folder");
        let worker = "const VERSION = \"__VERSION__\";\nconst SHELL = [/* __SHELL__ */];\n";
        for (name, text) in [
            ("index.html", "<html></html>"),
            ("app-1a2b.wasm", "wasm"),
            ("app-1a2b.js", "js"),
            ("app-1a2b.js.gz", "gz"),
            ("feeds/index.json", "{}"),
        ] {
            std::fs::write(site.join(name), text).expect("file");
        }
        let first = write_shell_list(&site, worker).expect("filled");
        let filled = std::fs::read_to_string(site.join(WORKER)).expect("worker");
        assert_eq!(
            filled,
            format!("const VERSION = \"{first}\";\nconst SHELL = [\"app-1a2b.js\", \"app-1a2b.wasm\", \"index.html\"];\n")
        );
        // The same files give the same version; a changed file a new one.
        assert_eq!(write_shell_list(&site, worker).expect("filled"), first);
        std::fs::write(site.join("app-1a2b.wasm"), "new wasm").expect("file");
        assert_ne!(write_shell_list(&site, worker).expect("filled"), first);
        // A worker without the marks is refused, not shipped half-filled.
        assert!(write_shell_list(&site, &filled).is_err());
        // The page names its version; another first screen (a site's new day) is the same
        // version, another app (any other change to the page) a new one.
        std::fs::write(
            site.join("index.html"),
            "<html><head></head><body><!-- first-screen -->monday<!-- /first-screen --></body></html>",
        )
        .expect("page");
        let monday = write_shell_list(&site, worker).expect("filled");
        let page = std::fs::read_to_string(site.join("index.html")).expect("page");
        assert!(page.contains(&format!(
            "<meta name=\"explorer-version\" content=\"{monday}\" />"
        )));
        std::fs::write(site.join("index.html"), page.replace("monday", "tuesday")).expect("page");
        assert_eq!(write_shell_list(&site, worker).expect("filled"), monday);
        let page = std::fs::read_to_string(site.join("index.html")).expect("page");
        assert_eq!(page.matches("explorer-version").count(), 1);
        std::fs::write(
            site.join("index.html"),
            page.replace("<head>", "<head><title>x</title>"),
        )
        .expect("page");
        assert_ne!(write_shell_list(&site, worker).expect("filled"), monday);
        let _ = std::fs::remove_dir_all(&site);
    }
}
