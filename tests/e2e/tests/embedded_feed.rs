//! The release site, served under a sub-path, opens on the embedded feed with no network.

use std::time::Duration;

use e2e::{Harness, Result, SEED_IDS};
use serde_json::json;

#[test]
fn embedded_feed_renders_under_a_sub_path() -> Result<()> {
    let harness = Harness::start()?;
    harness.open("")?;
    let browser = &harness.browser;
    browser.wait_for_paper_count(15, Duration::from_secs(30))?;

    assert_eq!(browser.paper_ids()?, SEED_IDS);

    let count = browser.execute(
        "return document.querySelector('[data-testid=result-count]').textContent;",
        json!([]),
    )?;
    let count = count.as_str().unwrap_or_default();
    assert!(
        count.split_whitespace().next() == Some("15"),
        "result count reads {count:?}"
    );

    let heading = browser.execute(
        "return document.querySelector('h1').textContent;",
        json!([]),
    )?;
    // A human title, not the raw query.
    assert_eq!(heading, json!("cs.OS — Operating Systems"));
    let stats = browser.execute(
        "return document.querySelector('.feed-header__stats').textContent;",
        json!([]),
    )?;
    let stats = stats.as_str().unwrap_or_default();
    assert!(
        stats.starts_with("15 papers from cs.OS, ") && stats.contains("2026 — a sample"),
        "the header says what is loaded, and that it is a sample: {stats}"
    );
    // The next step is one click away.
    let action = browser.execute(
        "const b = document.querySelector('[data-testid=sources-summary]'); return [b.textContent, b.getAttribute('aria-expanded')];",
        json!([]),
    )?;
    assert_eq!(action, json!(["Load your own feed", "false"]));

    let landmarks = browser.execute(
        "return ['header', 'main', 'footer'].map(s => document.querySelectorAll(s + ':not(article *)').length);",
        json!([]),
    )?;
    assert_eq!(
        landmarks,
        json!([1, 1, 1]),
        "one banner, one main, one content-info"
    );

    let first = browser.execute(
        "const p = document.querySelector('[data-paper-id=\"2603.25666\"]');
         return {
           title: p.querySelector('h2').textContent,
           abs: p.querySelector('a.paper-link--abs').href,
           pdf: p.querySelector('a.paper-link--pdf').href,
           authors: [...p.querySelectorAll('.author')].map(a => a.textContent),
           primary: p.querySelector('.category--primary').textContent,
           date: p.querySelector('time').getAttribute('datetime'),
         };",
        json!([]),
    )?;
    assert_eq!(
        first,
        json!({
            "title": "Experimental Analysis of FreeRTOS Dependability through Targeted Fault Injection Campaigns",
            "abs": "https://arxiv.org/abs/2603.25666v1",
            "pdf": "https://arxiv.org/pdf/2603.25666v1",
            "authors": ["Luca Mannella", "Stefano Di Carlo", "Alessandro Savino"],
            "primary": "cs.OS",
            "date": "2026-03-26",
        })
    );

    let parse_measures = browser.execute(
        "return performance.getEntriesByName('feed:parse', 'measure').length;",
        json!([]),
    )?;
    assert_eq!(parse_measures, json!(1), "feed:parse is recorded once");

    browser.screenshot(&Harness::screenshot_path("embedded-feed"))?;
    let errors = browser.console_errors()?;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    Ok(())
}

#[test]
fn nothing_is_served_outside_the_sub_path() -> Result<()> {
    let harness = Harness::start()?;
    let outside = format!("http://127.0.0.1:{}/index.html", harness.server.port);
    let status = match ureq::get(&outside).call() {
        Ok(response) => response.status(),
        Err(ureq::Error::Status(code, _)) => code,
        Err(other) => return Err(other.to_string().into()),
    };
    assert_eq!(status, 404, "the test server only serves the sub-path");
    Ok(())
}

#[test]
fn the_content_security_policy_blocks_injected_scripts() -> Result<()> {
    let harness = Harness::start()?;
    harness.open("")?;
    harness.browser.wait_for_papers(&SEED_IDS)?;
    let policy = harness.browser.execute(
        "const m = document.querySelector('meta[http-equiv=Content-Security-Policy]'); return m && m.content;",
        json!([]),
    )?;
    let policy = policy.as_str().unwrap_or_default();
    assert!(
        policy.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
        "{policy}"
    );
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    let ran = harness.browser.execute(
        "const s = document.createElement('script'); s.textContent = 'window.injected = true;'; document.body.append(s); return window.injected === true;",
        json!([]),
    )?;
    assert_eq!(ran, json!(false), "an injected inline script must not run");
    Ok(())
}

#[test]
fn the_site_is_served_precompressed_as_a_static_host_would() -> Result<()> {
    let site = std::path::PathBuf::from(std::env::var("E2E_SITE_DIR")?);
    // The page's own module, the largest (the parts split off it can be tiny).
    let wasm = std::fs::read_dir(&site)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "wasm"))
        .max_by_key(|path| std::fs::metadata(path).map(|m| m.len()).unwrap_or(0))
        .ok_or("the built site has a wasm module")?;
    let name = wasm
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or("a file name")?
        .to_string();
    let original = std::fs::read(&wasm)?;
    // `cargo xtask dist` wrote both copies beside the module, each smaller.
    for suffix in ["gz", "br"] {
        let copy = std::fs::read(site.join(format!("{name}.{suffix}")))?;
        assert!(copy.len() < original.len() / 2, "{name}.{suffix}");
    }
    let harness = Harness::start()?;
    let url = format!("{}{name}", harness.server.site_url());
    for (accepts, coding, copy) in [
        ("gzip, deflate", Some("gzip"), Some("gz")),
        ("gzip, deflate, br", Some("br"), Some("br")),
        ("identity", None, None),
    ] {
        let response = ureq::get(&url).set("Accept-Encoding", accepts).call()?;
        assert_eq!(response.header("Content-Encoding"), coding, "{accepts}");
        assert_eq!(response.header("Vary"), Some("Accept-Encoding"));
        let mut body = Vec::new();
        std::io::Read::read_to_end(&mut response.into_reader(), &mut body)?;
        let expected = match copy {
            Some(suffix) => std::fs::read(site.join(format!("{name}.{suffix}")))?,
            None => original.clone(),
        };
        assert!(
            body == expected,
            "{accepts}: the body is the file as written"
        );
    }
    // The browser fetched the module compressed and still runs the app.
    harness.open("")?;
    harness.browser.wait_for_papers(&SEED_IDS)?;
    let sizes = harness.browser.execute(
        "const e = performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'));
         return e ? [e.encodedBodySize, e.decodedBodySize] : null;",
        json!([]),
    )?;
    match (sizes[0].as_u64(), sizes[1].as_u64()) {
        (Some(encoded), Some(decoded)) if decoded > 0 => {
            assert!(encoded < decoded, "the wasm arrived compressed: {sizes}")
        }
        // An engine that does not report body sizes still ran the compressed module.
        _ => eprintln!("{}: no resource body sizes reported", harness.engine()),
    }
    Ok(())
}
