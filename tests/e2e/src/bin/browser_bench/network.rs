//! Opening the site on a slow network, as Lighthouse's "Slow 4G" has it (150 ms round trip,
//! 1.6 Mbit/s down): cold (nothing cached, no service worker) and warm (the second visit, the
//! service worker installed). For each load: the first contentful paint, the bytes that had
//! arrived by then, and when the app's own rows were painted. The sites are served
//! precompressed, as a static host serves them.

use std::path::Path;
use std::time::Duration;

use e2e::{Browser, Result, StaticServer};
use serde_json::{json, Value};

use crate::keys::network as keys;
use crate::{progress, Report};

/// Slow 4G: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up.
const SLOW_4G: (f64, f64, f64) = (150.0, 1_600_000.0 / 8.0, 750_000.0 / 8.0);
const WAIT: Duration = Duration::from_secs(120);

/// What a load measured of itself, once the app's rows are painted.
const LOAD_FIGURES: &str = "
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  const paint = fcp ? fcp.startTime : null;
  const navigation = performance.getEntriesByType('navigation')[0];
  let before = navigation ? navigation.transferSize : 0;
  let all = before;
  for (const entry of performance.getEntriesByType('resource')) {
    all += entry.transferSize;
    if (paint !== null && entry.responseEnd <= paint) before += entry.transferSize;
  }
  return { fcp: paint, before, all, rows: window.__bench && window.__bench.firstRows
    ? window.__bench.firstRows.painted : null };";

fn throttle(browser: &Browser, on: bool) -> Result<()> {
    let (latency, down, up) = if on { SLOW_4G } else { (0.0, -1.0, -1.0) };
    browser.cdp("Network.enable", json!({}))?;
    browser.cdp(
        "Network.emulateNetworkConditions",
        json!({ "offline": false, "latency": latency, "downloadThroughput": down, "uploadThroughput": up }),
    )?;
    Ok(())
}

/// Opens `url` and waits for the app's rows to be painted; the load's figures.
fn load(browser: &Browser, url: &str) -> Result<Value> {
    browser.navigate(url)?;
    browser.wait_patiently(
        "the app's rows, painted",
        "return !!window.__bench && !!window.__bench.firstRows && window.__bench.firstRows.painted !== null
             && performance.getEntriesByName('first-contentful-paint').length > 0;",
        WAIT,
    )?;
    browser.execute(LOAD_FIGURES, json!([]))
}

fn number(value: &Value, name: &str) -> Result<f64> {
    value[name]
        .as_f64()
        .ok_or_else(|| format!("a load measured no {name}: {value}").into())
}

/// Cold and warm loads of the site in `dir`, `loads` of each, reported under `label`.
pub fn network_part(
    browser: &Browser,
    report: &Report,
    label: &str,
    dir: &Path,
    prefix: &str,
    loads: usize,
) -> Result<()> {
    let server = StaticServer::start(dir.to_path_buf(), prefix)?;
    let url = server.site_url();
    let origin = url
        .split(prefix)
        .next()
        .ok_or("the site's address has no origin")?
        .to_string();
    let (mut cold_paint, mut cold_bytes, mut cold_rows, mut cold_all) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut warm_paint, mut warm_rows) = (Vec::new(), Vec::new());
    for round in 0..loads {
        progress(&format!(
            "slow network, {label}: cold and warm load {}",
            round + 1
        ));
        // Cold: nothing kept from before, not even the service worker.
        throttle(browser, false)?;
        browser.navigate("about:blank")?;
        browser.cdp(
            "Storage.clearDataForOrigin",
            json!({ "origin": origin, "storageTypes": "all" }),
        )?;
        browser.cdp("Network.clearBrowserCache", json!({}))?;
        throttle(browser, true)?;
        let cold = load(browser, &url)?;
        cold_paint.push(number(&cold, "fcp")?);
        cold_bytes.push(number(&cold, "before")?);
        cold_all.push(number(&cold, "all")?);
        cold_rows.push(number(&cold, "rows")?);
        // The service worker installs unthrottled in the background; the second visit waits
        // for it as a reader's next morning would.
        throttle(browser, false)?;
        browser.wait_patiently(
            "the service worker",
            "return !!navigator.serviceWorker && navigator.serviceWorker.getRegistration()
                 .then((r) => !!r && !!r.active && !r.installing);",
            WAIT,
        )?;
        throttle(browser, true)?;
        let warm = load(browser, &url)?;
        warm_paint.push(number(&warm, "fcp")?);
        warm_rows.push(number(&warm, "rows")?);
    }
    throttle(browser, false)?;
    let key = |name: &str| keys::key(label, name);
    report.samples(&key(keys::COLD_PAINT_MS), &cold_paint);
    report.samples(&key(keys::COLD_BYTES), &cold_bytes);
    report.samples(&key(keys::COLD_ALL_BYTES), &cold_all);
    report.samples(&key(keys::COLD_ROWS_MS), &cold_rows);
    report.samples(&key(keys::WARM_PAINT_MS), &warm_paint);
    report.samples(&key(keys::WARM_ROWS_MS), &warm_rows);
    Ok(())
}
