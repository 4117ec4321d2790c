//! [`Page`]: the browser on the site, with what every part needs: fresh pages, scripts run to
//! completion, files loaded and the page let go idle.

use std::path::Path;
use std::time::Duration;

use e2e::{Browser, Result};
use serde_json::{json, Value};

use crate::scripts::HELPERS;

/// The browser on the site.
pub struct Page<'a> {
    pub browser: &'a Browser,
    pub site: String,
}

impl Page<'_> {
    /// A fresh page (new document, new module instance) with `query`, once the app is up.
    pub fn open(&self, query: &str) -> Result<()> {
        self.browser.navigate(&format!("{}{query}", self.site))?;
        self.browser.wait_patiently(
            "the app to render its paper list",
            "return !!window.__bench && document.querySelectorAll('[data-paper-id]').length > 0;",
            Duration::from_secs(60),
        )
    }

    /// A fresh page with a filter that may match nothing: waits for the first filter run.
    pub fn open_filtered(&self, query: &str) -> Result<()> {
        self.browser.navigate(&format!("{}{query}", self.site))?;
        self.browser.wait_patiently(
            "the app to filter its feed",
            "return !!window.__bench && !!document.getElementById('main')
                 && performance.getEntriesByName('filter:apply').length > 0;",
            Duration::from_secs(60),
        )
    }

    pub fn execute(&self, script: &str, args: Value) -> Result<Value> {
        self.browser.execute(script, args)
    }

    /// Runs `body` (an async function body with `args` and the helpers in scope) in the page
    /// and waits for the value it returns.
    pub fn run_async(
        &self,
        what: &str,
        body: &str,
        args: Value,
        timeout: Duration,
    ) -> Result<Value> {
        let script = format!(
            "const args = arguments;
             window.__run = {{ done: false }};
             (async () => {{ {HELPERS} {body} }})().then(
               (value) => {{ window.__run = {{ done: true, value }}; }},
               (error) => {{ window.__run = {{ done: true, error: String(error && error.stack || error) }}; }},
             );
             return true;"
        );
        self.execute(&script, args)?;
        self.browser.wait_patiently(
            what,
            "return !!window.__run && window.__run.done;",
            timeout,
        )?;
        let outcome = self.execute("return window.__run;", json!([]))?;
        if let Some(error) = outcome["error"].as_str() {
            return Err(format!("{what}: {error}").into());
        }
        Ok(outcome["value"].clone())
    }

    /// Runs a measuring script that returns `{ elapsed, … }`: the time in ms, and the rest.
    pub fn timed(&self, what: &str, body: &str, args: Value) -> Result<(f64, Value)> {
        let outcome = self.run_async(what, body, args, Duration::from_secs(600))?;
        let elapsed = outcome["elapsed"]
            .as_f64()
            .ok_or_else(|| format!("{what} returned no time"))?;
        Ok((elapsed, outcome))
    }

    fn feed_parse_count(&self) -> Result<u64> {
        Ok(self
            .execute(
                "return performance.getEntriesByName('feed:parse').length;",
                json!([]),
            )?
            .as_u64()
            .unwrap_or(0))
    }

    /// Chooses `file` in the sources panel and waits until the page has parsed and shown it;
    /// returns the number of papers the page reports and the `feed:parse` duration.
    pub fn load_file(&self, file: &Path, timeout: Duration, listed: bool) -> Result<(u64, f64)> {
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| format!("{} has no file name", file.display()))?
            .to_string();
        let before = self.feed_parse_count()?;
        self.browser.choose_file("#source-file", file)?;
        let script = format!(
            "const status = document.querySelector('[data-testid=sources-status]');
             const error = document.querySelector('[data-testid=sources-error]');
             return (performance.getEntriesByName('feed:parse').length > {before}
                     && !!status && status.textContent.includes({label}))
               || (!!error && error.textContent.includes({label}));",
            label = serde_json::to_string(&format!("File: {name}"))?
        );
        self.browser
            .wait_patiently(&format!("{name} to load"), &script, timeout)?;
        let outcome = self.execute(
            "const status = document.querySelector('[data-testid=sources-status]');
             const error = document.querySelector('[data-testid=sources-error]');
             const parses = performance.getEntriesByName('feed:parse');
             return {
               status: status ? status.textContent : '',
               error: error ? error.textContent : '',
               parse: parses.length ? parses[parses.length - 1].duration : null,
             };",
            json!([]),
        )?;
        let error = outcome["error"].as_str().unwrap_or_default();
        if error.contains(&name) {
            return Err(format!("the page refused {name}: {error}").into());
        }
        let status = outcome["status"].as_str().unwrap_or_default();
        let papers = papers_in(status)
            .ok_or_else(|| format!("cannot read a paper count from the status {status:?}"))?;
        let parse = outcome["parse"]
            .as_f64()
            .ok_or("the feed:parse measure has no duration")?;
        // The list shows the file's papers once the merge and the filter have run.
        if listed {
            self.browser.wait_patiently(
                "the loaded papers to be listed",
                "return document.querySelectorAll('[data-paper-id]').length > 0;",
                timeout,
            )?;
        }
        self.settle()?;
        Ok((papers, parse))
    }

    /// Removes every loaded source (the embedded sample included), so a file is measured alone.
    pub fn remove_sources(&self) -> Result<()> {
        self.execute(
            "for (const button of document.querySelectorAll('[data-testid=source] [data-testid=source-remove]')) button.click();
             return true;",
            json!([]),
        )?;
        self.browser.wait_patiently(
            "the sources to be removed",
            "return document.querySelectorAll('[data-testid=source]').length === 0
                 && document.querySelectorAll('[data-paper-id]').length === 0;",
            Duration::from_secs(30),
        )
    }

    /// The page's own clock (milliseconds, `performance.now()` before any instrumentation).
    pub fn now(&self) -> Result<f64> {
        Ok(self
            .execute("return window.__bench.now();", json!([]))?
            .as_f64()
            .ok_or("the page's clock did not answer")?)
    }

    /// Waits for a few rendered frames, so the page is idle before the next measurement.
    pub fn settle(&self) -> Result<()> {
        self.run_async(
            "the page to go idle",
            "for (let i = 0; i < 5; i += 1) await afterFrame(); return true;",
            json!([]),
            Duration::from_secs(600),
        )?;
        Ok(())
    }
}

/// "File: x.xml: 30,000 papers loaded." → 30000.
fn papers_in(status: &str) -> Option<u64> {
    let before = status.split(" paper").next()?;
    let digits: String = before
        .rsplit(' ')
        .next()?
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_paper_counts_from_the_status() {
        assert_eq!(
            papers_in("File: merged-30000.xml: 30,000 papers loaded."),
            Some(30_000)
        );
        assert_eq!(papers_in("File: one.xml: 1 paper loaded."), Some(1));
        assert_eq!(papers_in("nothing here"), None);
    }
}
