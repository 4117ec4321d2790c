//! The parts measured on one page each: parsing, filtering as you type, memory, first paint.
//! Each writes its figures as soon as it has them.

use std::path::Path;
use std::time::Duration;

use e2e::Result;
use serde_json::{json, Value};

use crate::keys;
use crate::page::Page;
use crate::scripts::{DOM_PARSE, TYPE_TEXT, WASM_SCAN};
use crate::{progress, Report};

pub fn parse_part(
    page: &Page,
    report: &Report,
    file: &Path,
    runs: usize,
    scan_module: Option<&[u8]>,
) -> Result<()> {
    progress(&format!(
        "parse: {} in wasm, with DOMParser{}, 1 + {runs} rounds",
        file.display(),
        if scan_module.is_some() {
            " and the raw wasm scan"
        } else {
            ""
        }
    ));
    page.open("")?;
    // As a list of numbers: JSON has no bytes, and the module is small.
    let scan_module = scan_module.map(|bytes| json!(bytes));
    let mut wasm = Vec::new();
    let mut dom = Vec::new();
    let mut scans = Vec::new();
    let mut papers = 0;
    let mut last = Value::Null;
    // Rounds alternate the two parsers, so a busy moment on the machine hits both alike. The
    // first round warms both up and is not counted.
    for round in 0..=runs {
        let (count, duration) = page.load_file(file, Duration::from_secs(120), true)?;
        papers = count;
        // Remove the file again, so every load meets the same page.
        page.execute(
            "const sources = document.querySelectorAll('[data-testid=source]');
             sources[sources.length - 1].querySelector('[data-testid=source-remove]').click();
             return true;",
            json!([]),
        )?;
        page.browser.wait_patiently(
            "the file's source to be removed",
            "return document.querySelectorAll('[data-testid=source]').length === 1;",
            Duration::from_secs(60),
        )?;
        page.settle()?;
        let (elapsed, outcome) = page.timed("DOMParser on the same file", DOM_PARSE, json!([]))?;
        last = outcome;
        if let Some(module) = &scan_module {
            let (scan, scanned) = page.timed(
                "the raw wasm scan on the same file",
                WASM_SCAN,
                json!([module]),
            )?;
            if scanned["entries"].as_u64() != Some(papers) {
                return Err(format!(
                    "the wasm scan found {} entries, the app {papers} papers",
                    scanned["entries"]
                )
                .into());
            }
            if round > 0 {
                scans.push(scan);
            }
        }
        if round > 0 {
            wasm.push(duration);
            dom.push(elapsed);
        }
        page.settle()?;
    }
    if !scans.is_empty() {
        report.samples(keys::parse::SCAN_MS, &scans);
    }
    report.value(keys::parse::PAPERS, papers);
    report.samples(keys::parse::WASM_MS, &wasm);
    report.samples(keys::parse::DOM_MS, &dom);
    report.value(
        keys::parse::DOM_ENTRIES,
        last["entries"].as_u64().unwrap_or(0),
    );
    report.value(
        keys::parse::DOM_AUTHORS,
        last["authors"].as_u64().unwrap_or(0),
    );
    report.value(keys::parse::BYTES, last["bytes"].as_u64().unwrap_or(0));
    Ok(())
}

pub fn filter_part(
    page: &Page,
    report: &Report,
    label: &str,
    file: &Path,
    text: &str,
    memory: bool,
    profile: Option<&Path>,
) -> Result<()> {
    progress(&format!("filter {label}: loading {}", file.display()));
    page.open("")?;
    page.remove_sources()?;
    let (papers, parse) = page.load_file(file, Duration::from_secs(900), true)?;
    report.value(&keys::filter::key(label, keys::filter::PAPERS), papers);
    report.value(
        &keys::filter::key(label, keys::filter::PARSE_MS),
        format!("{parse:.3}"),
    );
    if memory {
        if let Err(error) = memory_part(page, report, label, papers) {
            report.skip(&format!("memory {label}"), &error.to_string());
        }
    }
    progress(&format!(
        "filter {label}: typing {:?}, {} keystrokes",
        text,
        text.chars().count()
    ));
    if profile.is_some() {
        page.browser.cdp("Profiler.enable", json!({}))?;
        page.browser
            .cdp("Profiler.setSamplingInterval", json!({ "interval": 100 }))?;
        page.browser.cdp("Profiler.start", json!({}))?;
    }
    let typed = page.run_async(
        "typing into the search box",
        TYPE_TEXT,
        json!([text]),
        Duration::from_secs(900),
    )?;
    if let Some(path) = profile {
        let taken = page.browser.cdp("Profiler.stop", json!({}))?;
        std::fs::write(path, taken["profile"].to_string())
            .map_err(|err| format!("cannot write {}: {err}", path.display()))?;
        progress(&format!(
            "CPU profile of the typing written to {}",
            path.display()
        ));
    }
    let strokes = typed["keystrokes"].as_array().cloned().unwrap_or_default();
    let field =
        |name: &str| -> Vec<f64> { strokes.iter().filter_map(|s| s[name].as_f64()).collect() };
    let computed: Vec<f64> = strokes
        .iter()
        .filter(|s| s["runs"].as_u64().unwrap_or(0) > 0)
        .filter_map(|s| s["compute"].as_f64())
        .collect();
    report.value(
        &keys::filter::key(label, keys::filter::KEYSTROKES),
        strokes.len(),
    );
    report.samples(
        &keys::filter::key(label, keys::filter::COMPUTE_MS),
        &computed,
    );
    report.samples(
        &keys::filter::key(label, keys::filter::PAINT_MS),
        &field("paint"),
    );
    report.samples(
        &keys::filter::key(label, keys::filter::SCRIPT_MS),
        &field("script"),
    );
    report.samples(
        &keys::filter::key(label, keys::filter::COMPLETE_MS),
        &field("complete"),
    );
    report.samples(
        &keys::filter::key(label, keys::filter::FRAMES),
        &field("frames"),
    );
    if let Some(result) = typed["result"].as_str() {
        report.value(
            &keys::filter::key(label, keys::filter::RESULT),
            result.trim(),
        );
    }
    Ok(())
}

pub fn memory_part(page: &Page, report: &Report, label: &str, papers: u64) -> Result<()> {
    progress(&format!("memory with {label} loaded"));
    // Collect garbage first, so the figure is what the page holds, not what it left behind.
    let _ = page.browser.cdp("HeapProfiler.collectGarbage", json!({}));
    let usage = page.browser.cdp("Runtime.getHeapUsage", json!({})).ok();
    if let Some(dom) = usage
        .as_ref()
        .and_then(|u| u["embedderHeapUsedSize"].as_f64())
    {
        report.value(keys::memory::DOM_HEAP_BYTES, dom);
    }
    let heap = match usage {
        Some(usage) if usage["usedSize"].is_number() => usage["usedSize"].as_f64(),
        _ => page
            .execute(
                "return performance.memory ? performance.memory.usedJSHeapSize : null;",
                json!([]),
            )?
            .as_f64(),
    };
    let heap = heap.ok_or("neither DevTools nor performance.memory report the JS heap")?;
    let wasm = page
        .execute(
            "const memory = window.__bench.memory;
             return memory ? memory.buffer.byteLength : null;",
            json!([]),
        )?
        .as_f64()
        .ok_or("the module's memory was not caught when it was instantiated")?;
    report.value(keys::memory::PAPERS, papers);
    report.value(keys::memory::JS_HEAP_BYTES, heap);
    report.value(keys::memory::WASM_BYTES, wasm);
    Ok(())
}

pub fn paint_part(page: &Page, report: &Report, loads: usize) -> Result<()> {
    progress(&format!("first paint of the embedded feed, {loads} loads"));
    let mut rows = Vec::new();
    let mut contentful = Vec::new();
    for _ in 0..loads {
        page.open("")?;
        page.browser.wait_patiently(
            "the frame after the first paper rows",
            "return !!window.__bench.firstRows && window.__bench.firstRows.painted !== null
                 && performance.getEntriesByName('first-contentful-paint').length > 0;",
            Duration::from_secs(30),
        )?;
        let times = page.execute(
            "const fcp = performance.getEntriesByName('first-contentful-paint')[0];
             return { rows: window.__bench.firstRows.painted, fcp: fcp ? fcp.startTime : null };",
            json!([]),
        )?;
        rows.push(times["rows"].as_f64().ok_or("no first-rows time")?);
        if let Some(fcp) = times["fcp"].as_f64() {
            contentful.push(fcp);
        }
    }
    report.samples(keys::paint::ROWS_MS, &rows);
    report.samples(keys::paint::FCP_MS, &contentful);
    Ok(())
}
