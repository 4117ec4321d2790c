//! The recommendation index and rankings in the page: the `--recommend` file is loaded alone,
//! the index the worker builds after the load is timed from the digest bar's figures,
//! then the list is ranked by likeness to several of its papers (`similar=`, set through the
//! history as a link would), one ranking at a time.

use std::path::Path;
use std::time::{Duration, Instant};

use e2e::Result;
use serde_json::{json, Value};

use crate::keys::recommend as keys;
use crate::page::Page;
use crate::{progress, Report};

/// Papers the list is ranked by, one after another.
const RANKINGS: usize = 5;
const WAIT: Duration = Duration::from_secs(300);

const BAR_FIGURES: &str = "const b = document.querySelector('[data-testid=digest-bar]');
    if (!b) return null;
    return { ranking: b.dataset.ranking, index_ms: b.dataset.indexMs,
             worker_ms: b.dataset.indexWorkerMs, page_ms: b.dataset.indexPageMs,
             longest_ms: b.dataset.indexLongestMs, bytes: b.dataset.indexBytes,
             helped: b.dataset.indexHelped,
             rank_ms: b.dataset.rankMs, rank_page_ms: b.dataset.rankPageMs };";

fn figure(bar: &Value, name: &str) -> Result<f64> {
    bar[name]
        .as_str()
        .and_then(|text| text.parse().ok())
        .ok_or_else(|| format!("the digest bar has no {name} figure: {bar}").into())
}

/// Goes to `query` in the page as the history would, without reloading the feed.
fn go_to(page: &Page, query: &str) -> Result<()> {
    page.execute(
        "history.pushState(null, '', location.pathname + arguments[0]);
         dispatchEvent(new PopStateEvent('popstate'));
         return true;",
        json!([query]),
    )?;
    Ok(())
}

pub fn recommend_part(page: &Page, report: &Report, file: &Path) -> Result<()> {
    progress(&format!("recommend: loading {}", file.display()));
    page.open("")?;
    page.remove_sources()?;
    let loaded = Instant::now();
    let (papers, _) = page.load_file(file, Duration::from_secs(900), true)?;
    report.value(keys::PAPERS, papers);
    page.browser.wait_patiently(
        "the recommendation index",
        "const b = document.querySelector('[data-testid=digest-bar]'); return !!b && !!b.dataset.indexMs;",
        WAIT,
    )?;
    let waited = loaded.elapsed().as_secs_f64() * 1e3;
    let bar = page.execute(BAR_FIGURES, json!([]))?;
    report.value(keys::INDEX_WALL_MS, figure(&bar, "index_ms")?);
    report.value(keys::INDEX_WORKER_MS, figure(&bar, "worker_ms")?);
    report.value(keys::INDEX_PAGE_MS, figure(&bar, "page_ms")?);
    report.value(keys::INDEX_LONGEST_MS, figure(&bar, "longest_ms")?);
    report.value(keys::BYTES, figure(&bar, "bytes")?);
    report.value(keys::INDEX_HELPED, figure(&bar, "helped")?);
    progress(&format!(
        "recommend: index ready {waited:.0} ms after the file was chosen"
    ));

    let ids = page.execute(
        "return [...document.querySelectorAll('[data-paper-id]')].map(e => e.dataset.paperId);",
        json!([]),
    )?;
    let ids: Vec<String> = serde_json::from_value(ids)?;
    if ids.len() < RANKINGS {
        return Err(format!("only {} papers listed to rank by", ids.len()).into());
    }
    let (mut rank_ms, mut longest) = (Vec::new(), 0.0f64);
    for id in ids.iter().take(RANKINGS) {
        go_to(page, "")?;
        page.browser.wait_patiently(
            "the list to be unranked",
            "const b = document.querySelector('[data-testid=digest-bar]'); return !!b && b.dataset.ranking === 'unranked';",
            WAIT,
        )?;
        page.settle()?;
        go_to(page, &format!("?similar={id}"))?;
        page.browser.wait_patiently(
            &format!("the list ranked by {id}"),
            "const b = document.querySelector('[data-testid=digest-bar]'); return !!b && b.dataset.ranking === 'ready';",
            WAIT,
        )?;
        let bar = page.execute(BAR_FIGURES, json!([]))?;
        rank_ms.push(figure(&bar, "rank_ms")?);
        longest = longest.max(figure(&bar, "rank_page_ms")?);
    }
    report.samples(keys::RANK_MS, &rank_ms);
    report.value(keys::RANK_PAGE_MS, longest);
    go_to(page, "")?;
    Ok(())
}
