//! Building and serving the site with Trunk, and `cargo xtask site`: a site of one's own, its
//! feeds fetched and kept as `explorer.toml` says.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::gen_feed::escape;
use crate::precompress::cannot;
use crate::process::{run, step, Failure};
use crate::site_config::SiteConfig;
use crate::tools::{cargo, ensure_build_tools};
use crate::Options;

/// `cargo xtask dist`: the release site, a static folder for any host. Returns its path.
pub fn dist(root: &Path, options: &Options) -> Result<PathBuf, Failure> {
    let public_url = options.get("--public-url").unwrap_or("./");
    let out = options
        .get("--out")
        .map(|dir| root.join(dir))
        .unwrap_or_else(|| root.join("dist"));
    let tools = ensure_build_tools(root)?;
    step(&format!(
        "building the release site into {} (public URL {public_url})",
        out.display()
    ));
    run(tools
        .command("trunk")
        .current_dir(root)
        .args(["build", "--release", "--public-url", public_url, "--dist"])
        .arg(&out))?;
    let split = crate::split_parts::split_main_module(root, &out, &tools)?;
    step(&format!(
        "parts fetched on demand: {}",
        split.parts.join(", ")
    ));
    let worker = crate::worker_files::name_by_contents(&out)?;
    step(&format!("recommendation worker: {worker}"));
    let index = out.join("index.html");
    let html = std::fs::read_to_string(&index)
        .map_err(|err| Failure::new(format!("cannot read {}: {err}", index.display())))?;
    let html = crate::first_screen::write_into_page(&html, &crate::first_screen::embedded()?)?;
    std::fs::write(&index, crate::csp::add_csp(&html)?)
        .map_err(|err| Failure::new(format!("cannot write {}: {err}", index.display())))?;
    let version =
        crate::service_worker::write_shell_list(&out, &crate::service_worker::source(root)?)?;
    step(&format!("service worker: shell version {version}"));
    let copies = crate::precompress::precompress(&out)?;
    step(&format!(
        "site written to {} ({} files, {} kB; precompressed beside them: gzip {} kB, brotli {} kB)",
        out.display(),
        copies.files,
        copies.original / 1000,
        copies.gzip / 1000,
        copies.brotli / 1000
    ));
    Ok(out)
}

/// `cargo xtask serve`: builds and serves with live reload on 127.0.0.1.
pub fn serve(root: &Path, options: &Options) -> Result<(), Failure> {
    let port = options.get("--port").unwrap_or("8080");
    if port.parse::<u16>().is_err() {
        return Err(Failure::new(format!(
            "`--port {port}` is not a port number"
        )));
    }
    let tools = ensure_build_tools(root)?;
    step(&format!(
        "building and serving the app: open http://127.0.0.1:{port}/ (Ctrl-C stops)"
    ));
    run(tools.command("trunk").current_dir(root).args([
        "serve",
        "--address",
        "127.0.0.1",
        "--port",
        port,
    ]))
}

/// `cargo xtask site --config explorer.toml --out site/ [--public-url PATH] [--prebuilt DIR]
/// [--today YYYY-MM-DD]`:
/// the release site (or an already built one) with every configured feed fetched into
/// `feeds/`, merged into what earlier runs kept there, and the page opening on the default
/// feed. A feed that cannot be fetched keeps its earlier copy; the run names it, and fails only
/// when no feed could be fetched at all.
pub fn site(root: &Path, options: &Options) -> Result<(), Failure> {
    let config_path = root.join(options.get("--config").unwrap_or("explorer.toml"));
    let config = SiteConfig::read(&config_path)?;
    let out = root.join(options.get("--out").unwrap_or("site"));
    let built = match options.get("--prebuilt") {
        Some(dir) => root.join(dir),
        None => {
            let public_url = options.get("--public-url").unwrap_or("./");
            let staging = root.join("target").join("site-build");
            dist(root, &Options::for_site(public_url, &staging))?
        }
    };
    step(&format!("copying the page into {}", out.display()));
    replace_page(&built, &out)?;
    let feeds = out.join("feeds");
    std::fs::create_dir_all(&feeds)
        .map_err(|err| Failure::new(format!("cannot create {}: {err}", feeds.display())))?;

    step("building arxiv-feed (tools/arxiv-feed)");
    run(Command::new(cargo()).current_dir(root).args([
        "build",
        "--quiet",
        "--package",
        "arxiv-feed",
    ]))?;
    let fetcher = crate::bench::target_dir(root)
        .join("debug")
        .join("arxiv-feed");
    let mut failed = Vec::new();
    for (number, feed) in config.feeds.iter().enumerate() {
        if number > 0 {
            std::thread::sleep(Duration::from_millis(config.interval_ms()));
        }
        step(&format!("fetching feed {:?}", feed.name));
        let fetched = Command::new(&fetcher)
            .args(config.fetch_args(feed, &feeds, options.get("--today")))
            .status();
        match fetched {
            Ok(status) if status.success() => {}
            Ok(status) => failed.push(format!("{} ({status})", feed.name)),
            Err(err) => failed.push(format!("{} (cannot run arxiv-feed: {err})", feed.name)),
        }
    }
    let default_file = write_site_index(&config, &feeds)?.map(|file| format!("feeds/{file}"));
    let index = out.join("index.html");
    let html = std::fs::read_to_string(&index)
        .map_err(|err| Failure::new(format!("cannot read {}: {err}", index.display())))?;
    let mut page = site_page(&html, &config.title, default_file.as_ref());
    // The page opens on the site's default feed: so does its first screen.
    // (A default feed that cannot be read leaves the sample's, which is also what the page
    // then falls back to.)
    if let Some(address) = &default_file {
        match crate::first_screen::of_feed(&out.join(address), address, &config.title) {
            Ok(screen) => page = crate::first_screen::write_into_page(&page, &screen)?,
            Err(failure) => eprintln!("the first screen stays the sample's: {failure}"),
        }
    }
    std::fs::write(&index, page)
        .map_err(|err| Failure::new(format!("cannot write {}: {err}", index.display())))?;
    // The page changed (title, default feed): a new shell version, so browsers that keep the
    // old page take the new one.
    crate::service_worker::write_shell_list(&out, &crate::service_worker::source(root)?)?;
    crate::precompress::precompress(&out)?;

    let fetched = config.feeds.len() - failed.len();
    step(&format!(
        "site written to {}: {fetched} of {} feeds fetched; the page opens on {:?}",
        out.display(),
        config.feeds.len(),
        config.default_feed().name
    ));
    if failed.is_empty() {
        return Ok(());
    }
    let said = format!(
        "not fetched, the earlier copy kept where there is one: {}",
        failed.join(", ")
    );
    eprintln!("{said}");
    // In a GitHub Actions run the partial failure shows on the run's page, not only in its log.
    if std::env::var_os("GITHUB_ACTIONS").is_some() {
        println!("::warning title=Feeds not fetched::{said}");
    }
    if fetched == 0 {
        Err(Failure::new("no feed could be fetched"))
    } else {
        Ok(())
    }
}

/// Makes `out` hold the page built in `built`, keeping `out/feeds/` (the kept histories) and
/// removing the earlier build's files.
fn replace_page(built: &Path, out: &Path) -> Result<(), Failure> {
    if !built.join("index.html").is_file() {
        return Err(Failure::new(format!(
            "{} holds no built site (index.html)",
            built.display()
        )));
    }
    std::fs::create_dir_all(out).map_err(|e| cannot("create", out, e))?;
    for entry in std::fs::read_dir(out).map_err(|e| cannot("read", out, e))? {
        let path = entry.map_err(|e| cannot("read", out, e))?.path();
        if path.file_name().is_some_and(|name| name == "feeds") {
            continue;
        }
        let removed = if path.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        removed.map_err(|e| cannot("remove", &path, e))?;
    }
    copy_tree(built, out, true)
}

fn copy_tree(from: &Path, to: &Path, top: bool) -> Result<(), Failure> {
    std::fs::create_dir_all(to).map_err(|e| cannot("create", to, e))?;
    for entry in std::fs::read_dir(from).map_err(|e| cannot("read", from, e))? {
        let path = entry.map_err(|e| cannot("read", from, e))?.path();
        let Some(name) = path.file_name() else {
            continue;
        };
        // The build's own feeds/ is an empty list; the kept one wins.
        if top && name == "feeds" && to.join("feeds").is_dir() {
            continue;
        }
        let target = to.join(name);
        if path.is_dir() {
            copy_tree(&path, &target, false)?;
        } else {
            std::fs::copy(&path, &target).map_err(|e| cannot("copy", &path, e))?;
        }
    }
    Ok(())
}

/// `feeds/index.json` as the configuration says: the site's title, the default feed, and the
/// configured feeds in the configuration's order (feeds no longer configured are dropped from
/// the list; their files stay). Returns the file the page opens on (a sharded feed's newest
/// month), when the default feed has been fetched at least once.
fn write_site_index(config: &SiteConfig, feeds: &Path) -> Result<Option<String>, Failure> {
    let path = feeds.join("index.json");
    let written: serde_json::Value = std::fs::read_to_string(&path)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_else(|| serde_json::json!({ "feeds": [] }));
    let entries = written["feeds"].as_array().cloned().unwrap_or_default();
    let listed: Vec<serde_json::Value> = config
        .feeds
        .iter()
        .filter_map(|feed| {
            entries
                .iter()
                .find(|e| e["name"] == feed.name.as_str())
                .cloned()
        })
        .collect();
    let default_name = &config.default_feed().name;
    let opens_on = listed
        .iter()
        .find(|e| e["name"] == default_name.as_str())
        .and_then(|e| e["file"].as_str())
        .map(str::to_string);
    let index = serde_json::json!({
        "title": config.title,
        "default": opens_on,
        "feeds": listed,
    });
    let text = serde_json::to_string_pretty(&index).unwrap_or_default();
    std::fs::write(&path, text)
        .map_err(|err| Failure::new(format!("cannot write {}: {err}", path.display())))?;
    Ok(opens_on)
}

/// The page with the site's title, and the feed it opens on named for the app to load.
fn site_page(html: &str, title: &str, default_feed: Option<&String>) -> String {
    let mut page = match (html.find("<title>"), html.find("</title>")) {
        (Some(start), Some(end)) if start < end => format!(
            "{}<title>{}</title>{}",
            &html[..start],
            escape(title, true),
            &html[end + "</title>".len()..]
        ),
        _ => html.to_string(),
    };
    if let Some(head) = page.find("</head>") {
        page.insert_str(
            head,
            &format!(
                "<meta name=\"{SITE_TITLE_META}\" content=\"{}\" />",
                escape(title, true)
            ),
        );
    }
    if let (Some(feed), Some(head)) = (default_feed, page.find("</head>")) {
        page.insert_str(
            head,
            &format!(
                "<meta name=\"{DEFAULT_FEED_META}\" content=\"{}\" />",
                escape(feed, true)
            ),
        );
    }
    page
}

/// The `<meta>` that carries the site's title to the page's banner (read by `web::site`).
const SITE_TITLE_META: &str = "explorer-site-title";

/// The `<meta>` that names the feed a site's page opens on (read by `web::site`).
const DEFAULT_FEED_META: &str = "explorer-default-feed";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_gets_its_title_and_default_feed() {
        let html = "<html><head><title>arXiv Explorer</title></head><body></body></html>";
        let page = site_page(html, "Lab <papers>", Some(&"feeds/os.xml".to_string()));
        assert_eq!(
            page,
            "<html><head><title>Lab &lt;papers&gt;</title><meta name=\"explorer-site-title\" content=\"Lab &lt;papers&gt;\" /><meta name=\"explorer-default-feed\" content=\"feeds/os.xml\" /></head><body></body></html>"
        );
        assert_eq!(
            site_page(html, "Lab", None),
            "<html><head><title>Lab</title><meta name=\"explorer-site-title\" content=\"Lab\" /></head><body></body></html>"
        );
    }
}
