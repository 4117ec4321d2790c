//! What the tests read from and do to the explorer's page, through scripts: the listed papers
//! (`data-paper-id`), the query, form controls.

use std::time::Duration;

use serde_json::json;

use crate::{Browser, Result};

/// The `data-paper-id` of every paper on the page, in order, as a JavaScript expression.
const PAPER_IDS: &str =
    "[...document.querySelectorAll('[data-paper-id]')].map(e => e.dataset.paperId)";

impl Browser {
    /// The `data-paper-id` of every paper on the page, in order.
    pub fn paper_ids(&self) -> Result<Vec<String>> {
        let ids = self.execute(&format!("return {PAPER_IDS};"), json!([]))?;
        Ok(serde_json::from_value(ids)?)
    }

    /// Opens the sources panel and its query builder, waiting for the builder's form: it is a
    /// part of the page fetched when the builder is first opened.
    pub fn open_query_builder(&self) -> Result<()> {
        self.click("[data-testid=sources-summary]")?;
        self.click("[data-testid=query-builder] summary")?;
        self.wait_until(
            "the query builder's form",
            "return !!document.querySelector('[data-testid=query-term]');",
            Duration::from_secs(15),
        )
    }

    /// `location.search` of the page.
    pub fn query(&self) -> Result<String> {
        let search = self.execute("return location.search;", json!([]))?;
        Ok(search.as_str().unwrap_or_default().to_string())
    }

    /// Waits until the page lists exactly `ids`, in order.
    pub fn wait_for_papers(&self, ids: &[&str]) -> Result<()> {
        let expected = serde_json::to_string(ids)?;
        let script = format!(
            "return JSON.stringify({PAPER_IDS}) === {};",
            serde_json::to_string(&expected)?
        );
        self.wait_until(
            &format!("papers {expected}"),
            &script,
            Duration::from_secs(10),
        )
        .map_err(|err| {
            let actual = self.paper_ids().unwrap_or_default();
            format!("{err}; the page lists {actual:?}").into()
        })
    }

    /// Waits until the page lists `count` papers.
    pub fn wait_for_paper_count(&self, count: usize, timeout: Duration) -> Result<()> {
        self.wait_until(
            &format!("{count} papers"),
            &format!("return document.querySelectorAll('[data-paper-id]').length === {count};"),
            timeout,
        )
    }

    /// Waits until the page lists exactly `ids`, in any order, for up to `timeout`; waits
    /// patiently ([`Browser::wait_patiently`]), for a page that has just taken a huge feed.
    pub fn wait_for_paper_set(&self, ids: &[&str], timeout: Duration) -> Result<()> {
        let mut expected: Vec<&str> = ids.to_vec();
        expected.sort_unstable();
        let expected = serde_json::to_string(&expected)?;
        let script = format!(
            "return JSON.stringify({PAPER_IDS}.sort()) === {};",
            serde_json::to_string(&expected)?
        );
        self.wait_patiently(&format!("papers {expected}"), &script, timeout)
            .map_err(|err| {
                let mut actual = self.paper_ids().unwrap_or_default();
                actual.sort();
                format!("{err}; the page lists {actual:?}").into()
            })
    }

    /// Sets a form control's value as a person would, firing `event` (`input` or `change`).
    pub fn set_value(&self, css: &str, value: &str, event: &str) -> Result<()> {
        let found = self.execute(
            "const e = document.querySelector(arguments[0]); if (!e) return false; e.value = arguments[1]; e.dispatchEvent(new Event(arguments[2], {bubbles: true})); return true;",
            json!([css, value, event]),
        )?;
        if found != json!(true) {
            return Err(format!("no element matches {css}").into());
        }
        Ok(())
    }
}
