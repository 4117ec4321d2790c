//! `explorer.toml`: what a site built by `cargo xtask site` shows and keeps — its title, the
//! feeds it fetches every day (arXiv API queries and rss.arxiv.org listings), how much of each
//! it keeps, and the feed the page opens on. See `explorer.example.toml` for every key.

use std::collections::HashSet;
use std::path::Path;

use arxiv_explorer::core::api::{is_arxiv_host, is_listing, SortBy, SortOrder, MAX_RESULTS};
use serde::Deserialize;

use crate::process::Failure;

/// arXiv's terms: one request at a time, at least three seconds apart.
pub const ARXIV_INTERVAL_MS: u64 = 3_000;

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Shown as the page's title.
    pub title: String,
    /// The `name` of the feed the page opens on; the first feed when absent.
    pub default: Option<String>,
    /// Keep limits for every feed that sets none of its own.
    pub keep_days: Option<u32>,
    pub keep: Option<usize>,
    /// Over this many papers, a feed's history is written as monthly files, and the page
    /// loads only the months its date range needs.
    pub shard_over: Option<usize>,
    /// Where the API and the listings are fetched from (mirrors, tests).
    #[serde(default)]
    pub endpoints: Endpoints,
    #[serde(rename = "feed", default)]
    pub feeds: Vec<FeedConfig>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Endpoints {
    pub api: Option<String>,
    pub listings: Option<String>,
    /// Between two requests; below arXiv's three seconds only for other hosts.
    pub interval_ms: Option<u64>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FeedConfig {
    /// The file's name (`feeds/<name>.xml`) and how the default names it.
    pub name: String,
    pub title: Option<String>,
    /// An arXiv API `search_query`, e.g. `cat:cs.OS`.
    pub query: Option<String>,
    /// `relevance`, `lastUpdatedDate` or `submittedDate`.
    pub sort: Option<String>,
    pub order: Option<String>,
    pub max: Option<u32>,
    /// rss.arxiv.org categories, e.g. `cs.OS+cs.DC`.
    pub listing: Option<String>,
    pub keep_days: Option<u32>,
    pub keep: Option<usize>,
    pub shard_over: Option<usize>,
}

impl FeedConfig {
    /// A feed's own settings, each mistake named with its feed; caught here rather than
    /// after a release build, or as one more feed that "failed".
    fn check(&self) -> Result<(), String> {
        let name = &self.name;
        match (&self.query, &self.listing) {
            (Some(_), Some(_)) => {
                return Err(format!(
                    "feed {name:?}: give `query` or `listing`, not both"
                ))
            }
            (None, None) => {
                return Err(format!(
                    "feed {name:?}: give a `query` (arXiv API) or a `listing` (rss.arxiv.org)"
                ))
            }
            (Some(query), None) if query.trim().is_empty() => {
                return Err(format!(
                    "feed {name:?}: `query` is empty; give an arXiv search such as cat:cs.OS"
                ))
            }
            (None, Some(listing)) => {
                if !is_listing(listing.trim()) {
                    return Err(format!(
                        "feed {name:?}: listing = {listing:?}: categories such as cs.OS, joined with + (cs.OS+cs.DC)"
                    ));
                }
                if self.sort.is_some() || self.order.is_some() || self.max.is_some() {
                    return Err(format!(
                        "feed {name:?}: `sort`, `order` and `max` apply to a `query`; a listing is the day's announcements as they come"
                    ));
                }
            }
            _ => {}
        }
        if let Some(sort) = &self.sort {
            if SortBy::parse(sort).is_none() {
                return Err(format!(
                    "feed {name:?}: sort = {sort:?}: use relevance, lastUpdatedDate or submittedDate"
                ));
            }
        }
        if let Some(order) = &self.order {
            if SortOrder::parse(order).is_none() {
                return Err(format!(
                    "feed {name:?}: order = {order:?}: use ascending or descending"
                ));
            }
        }
        if let Some(max) = self.max {
            if max == 0 || max > MAX_RESULTS {
                return Err(format!(
                    "feed {name:?}: max = {max}: arXiv returns from 1 to {MAX_RESULTS} results"
                ));
            }
        }
        Ok(())
    }
}

impl SiteConfig {
    pub fn read(path: &Path) -> Result<SiteConfig, Failure> {
        let text = std::fs::read_to_string(path)
            .map_err(|err| Failure::new(format!("cannot read {}: {err}", path.display())))?;
        SiteConfig::parse(&text).map_err(|why| Failure::new(format!("{}: {why}", path.display())))
    }

    /// Reads and checks a configuration; the message says what to change.
    pub fn parse(text: &str) -> Result<SiteConfig, String> {
        let config: SiteConfig = toml::from_str(text).map_err(|err| err.to_string())?;
        config.check()?;
        Ok(config)
    }

    fn check(&self) -> Result<(), String> {
        if self.feeds.is_empty() {
            return Err("no [[feed]]: name at least one feed to keep".into());
        }
        let mut names = HashSet::new();
        for feed in &self.feeds {
            let plain = !feed.name.is_empty()
                && feed
                    .name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !plain {
                return Err(format!(
                    "feed name {:?}: use letters, digits, - and _ (it names the file)",
                    feed.name
                ));
            }
            if !names.insert(feed.name.as_str()) {
                return Err(format!("feed name {:?} is used twice", feed.name));
            }
            feed.check()?;
        }
        if let Some(default) = &self.default {
            if !names.contains(default.as_str()) {
                return Err(format!("default = {default:?} names no [[feed]]"));
            }
        }
        if self.interval_ms() < ARXIV_INTERVAL_MS && self.talks_to_arxiv() {
            return Err(format!(
                "endpoints.interval_ms = {}: arXiv asks for at least {ARXIV_INTERVAL_MS} ms between requests",
                self.interval_ms()
            ));
        }
        Ok(())
    }

    pub fn interval_ms(&self) -> u64 {
        self.endpoints.interval_ms.unwrap_or(ARXIV_INTERVAL_MS)
    }

    /// Whether any request goes to arXiv itself (the default endpoints do).
    fn talks_to_arxiv(&self) -> bool {
        let arxiv = |endpoint: &Option<String>| endpoint.as_deref().is_none_or(is_arxiv_host);
        let queries = self.feeds.iter().any(|f| f.query.is_some());
        let listings = self.feeds.iter().any(|f| f.listing.is_some());
        (queries && arxiv(&self.endpoints.api)) || (listings && arxiv(&self.endpoints.listings))
    }

    /// The feed the page opens on.
    pub fn default_feed(&self) -> &FeedConfig {
        self.default
            .as_ref()
            .and_then(|name| self.feeds.iter().find(|f| &f.name == name))
            .unwrap_or(&self.feeds[0])
    }

    /// `arxiv-feed fetch` arguments for `feed`, writing into `folder`.
    /// `today` is the day `keep_days` counts back from, when not today (a rebuild as of a
    /// date).
    pub fn fetch_args(&self, feed: &FeedConfig, folder: &Path, today: Option<&str>) -> Vec<String> {
        let mut args = vec!["fetch".to_string()];
        let mut push = |flag: &str, value: String| {
            args.push(flag.to_string());
            args.push(value);
        };
        if let Some(query) = &feed.query {
            push("--query", query.clone());
            if let Some(sort) = &feed.sort {
                push("--sort", sort.clone());
            }
            if let Some(order) = &feed.order {
                push("--order", order.clone());
            }
            if let Some(max) = feed.max {
                push("--max", max.to_string());
            }
            if let Some(api) = &self.endpoints.api {
                push("--endpoint", api.clone());
            }
        }
        if let Some(listing) = &feed.listing {
            push("--listing", listing.clone());
            if let Some(listings) = &self.endpoints.listings {
                push("--endpoint", listings.clone());
            }
        }
        if let Some(title) = &feed.title {
            push("--title", title.clone());
        }
        if let Some(days) = feed.keep_days.or(self.keep_days) {
            push("--keep-days", days.to_string());
            if let Some(today) = today {
                push("--today", today.to_string());
            }
        }
        if let Some(keep) = feed.keep.or(self.keep) {
            push("--keep", keep.to_string());
        }
        if let Some(limit) = feed.shard_over.or(self.shard_over) {
            push("--shard-over", limit.to_string());
        }
        push("--interval-ms", self.interval_ms().to_string());
        push(
            "--out",
            folder
                .join(format!("{}.xml", feed.name))
                .display()
                .to_string(),
        );
        args
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = include_str!("../../explorer.example.toml");

    #[test]
    fn the_example_reads_and_names_its_default() {
        let config = SiteConfig::parse(EXAMPLE).expect("the example is valid");
        assert!(!config.title.is_empty());
        assert!(config.feeds.iter().any(|f| f.query.is_some()));
        assert!(config.feeds.iter().any(|f| f.listing.is_some()));
        assert_eq!(Some(config.default_feed().name.clone()), config.default);
    }

    #[test]
    fn fetch_arguments_carry_every_setting() {
        let config = SiteConfig::parse(
            r#"
            title = "Lab"
            keep_days = 30
            shard_over = 5000
            [endpoints]
            api = "http://127.0.0.1:9/api/query"
            interval_ms = 10
            [[feed]]
            name = "os"
            query = "cat:cs.OS"
            sort = "submittedDate"
            max = 500
            keep = 100
            "#,
        )
        .expect("valid");
        let args = config.fetch_args(
            &config.feeds[0],
            Path::new("site/feeds"),
            Some("2026-04-20"),
        );
        assert_eq!(
            args.join(" "),
            "fetch --query cat:cs.OS --sort submittedDate --max 500 --endpoint http://127.0.0.1:9/api/query \
             --keep-days 30 --today 2026-04-20 --keep 100 --shard-over 5000 --interval-ms 10 --out site/feeds/os.xml"
        );
    }

    #[test]
    fn mistakes_are_explained() {
        let cases = [
            ("title = \"x\"", "no [[feed]]"),
            (
                "title = \"x\"\n[[feed]]\nname = \"a b\"\nquery = \"q\"",
                "use letters, digits",
            ),
            (
                "title = \"x\"\n[[feed]]\nname = \"a\"\nquery = \"q\"\n[[feed]]\nname = \"a\"\nlisting = \"cs.OS\"",
                "used twice",
            ),
            (
                "title = \"x\"\n[[feed]]\nname = \"a\"",
                "give a `query`",
            ),
            (
                "title = \"x\"\ndefault = \"b\"\n[[feed]]\nname = \"a\"\nquery = \"q\"",
                "names no [[feed]]",
            ),
            (
                "title = \"x\"\n[endpoints]\ninterval_ms = 10\n[[feed]]\nname = \"a\"\nquery = \"q\"",
                "at least 3000 ms",
            ),
            (
                "title = \"x\"\ncolour = 1\n[[feed]]\nname = \"a\"\nquery = \"q\"",
                "unknown field",
            ),
            (
                "title = \"x\"\n[[feed]]\nname = \"a\"\nquery = \" \"",
                "`query` is empty",
            ),
            (
                "title = \"x\"\n[[feed]]\nname = \"a\"\nquery = \"q\"\nsort = \"newest\"",
                "use relevance, lastUpdatedDate or submittedDate",
            ),
            (
                "title = \"x\"\n[[feed]]\nname = \"a\"\nquery = \"q\"\norder = \"up\"",
                "use ascending or descending",
            ),
            (
                "title = \"x\"\n[[feed]]\nname = \"a\"\nquery = \"q\"\nmax = 40000",
                "from 1 to 30000",
            ),
            (
                "title = \"x\"\n[[feed]]\nname = \"a\"\nlisting = \"cs.OS, cs.DC\"",
                "joined with +",
            ),
            (
                "title = \"x\"\n[[feed]]\nname = \"a\"\nlisting = \"cs.OS\"\nsort = \"relevance\"",
                "apply to a `query`",
            ),
            (
                "title = \"x\"\n[endpoints]\nlistings = \"https://rss.arxiv.org/rss\"\ninterval_ms = 100\n[[feed]]\nname = \"a\"\nlisting = \"cs.OS\"",
                "at least 3000 ms",
            ),
        ];
        for (text, message) in cases {
            let error = SiteConfig::parse(text).expect_err(text);
            assert!(error.contains(message), "{text}: {error}");
        }
    }
}
