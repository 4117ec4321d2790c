//! Same-origin snapshots: feed files saved next to the page by `arxiv-feed fetch`, listed in
//! `feeds/index.json`, so a static deployment can offer fresh arXiv results with no proxy.

use serde::{Deserialize, Serialize};

use crate::core::feed::Date;
use crate::core::history::UNDATED;

/// Where the page looks for the list, relative to itself.
pub const SNAPSHOT_INDEX: &str = "feeds/index.json";

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotIndex {
    /// A site built by `cargo xtask site`: its title, and the file of the feed it opens on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    pub feeds: Vec<SnapshotEntry>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotEntry {
    /// A short name, from the file name.
    pub name: String,
    /// The feed file, relative to the index.
    pub file: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// When it was fetched (RFC 3339).
    #[serde(default)]
    pub updated: String,
    #[serde(default)]
    pub count: usize,
    /// The API `search_query` it holds, when it came from one.
    #[serde(default)]
    pub query: Option<String>,
    /// A large history written as monthly files, newest first; `file` is then the newest.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shards: Vec<SnapshotShard>,
}

/// One month of a sharded history.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotShard {
    /// `YYYY-MM` of its papers' latest dates, or `undated`.
    pub month: String,
    /// Relative to the index, like an entry's file.
    pub file: String,
    #[serde(default)]
    pub count: usize,
}

/// Opening a sharded feed with no date range loads its newest months up to this many papers.
pub const FIRST_SHARD_PAPERS: usize = 200;

/// The address of `file`, next to the index.
fn beside_index(file: &str) -> String {
    let folder = SNAPSHOT_INDEX
        .rsplit_once('/')
        .map_or("", |(folder, _)| folder);
    format!("{folder}/{file}")
}

/// The date range a view asks for, as the shards are split: by each paper's latest date.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ShardRange {
    pub from: Option<Date>,
    /// Only when the view filters by the updated date: papers published earlier may sit in
    /// later months, so a `to` on the published date excludes no month.
    pub to: Option<Date>,
}

impl ShardRange {
    fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }
}

fn month_key(date: Date) -> String {
    format!("{:04}-{:02}", date.year, date.month)
}

impl SnapshotEntry {
    /// The address of its file, next to the index.
    pub fn address(&self) -> String {
        beside_index(&self.file)
    }

    /// Every address the entry is made of: its shards', or its file's.
    pub fn addresses(&self) -> Vec<String> {
        if self.shards.is_empty() {
            vec![self.address()]
        } else {
            self.shards.iter().map(|s| beside_index(&s.file)).collect()
        }
    }

    /// The files a view of `range` needs: an unsharded entry's file; the months the range
    /// reaches; with no range, the newest months up to [`FIRST_SHARD_PAPERS`] papers.
    pub fn addresses_for(&self, range: ShardRange) -> Vec<String> {
        if self.shards.is_empty() {
            return vec![self.address()];
        }
        if range.is_open() {
            let mut papers = 0;
            let mut chosen = Vec::new();
            for shard in &self.shards {
                if papers >= FIRST_SHARD_PAPERS {
                    break;
                }
                papers += shard.count;
                chosen.push(beside_index(&shard.file));
            }
            return chosen;
        }
        let (low, high) = (range.from.map(month_key), range.to.map(month_key));
        self.shards
            .iter()
            .filter(|shard| {
                shard.month != UNDATED
                    && low.as_ref().is_none_or(|low| shard.month >= *low)
                    && high.as_ref().is_none_or(|high| shard.month <= *high)
            })
            .map(|shard| beside_index(&shard.file))
            .collect()
    }

    /// Its title, or its name when it has none.
    pub fn label(&self) -> &str {
        if self.title.trim().is_empty() {
            &self.name
        } else {
            &self.title
        }
    }

    /// "1,200 papers, updated 2026-04-20T06:00:00Z".
    pub fn details(&self) -> String {
        let papers = crate::core::text::count(self.count, "paper");
        if self.updated.is_empty() {
            papers
        } else {
            format!("{papers}, updated {}", self.updated)
        }
    }
}

impl SnapshotIndex {
    /// Reads an index; a damaged one is an error with the position.
    pub fn from_json(text: &str) -> Result<SnapshotIndex, String> {
        serde_json::from_str(text).map_err(|err| {
            format!(
                "the snapshot list is not valid (line {}, column {}: {err})",
                err.line(),
                err.column()
            )
        })
    }

    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Adds `entry`, or replaces the one of the same name or file (a history that is split
    /// into months, or joined again, keeps its name and its place in the list).
    pub fn upsert(&mut self, entry: SnapshotEntry) {
        let same = |e: &SnapshotEntry| {
            e.file == entry.file || (!e.name.is_empty() && e.name == entry.name)
        };
        // Matches can only follow the first one, so removing them leaves its place as it was.
        let at = self.feeds.iter().position(same);
        self.feeds.retain(|e| !same(e));
        let at = at.unwrap_or(self.feeds.len());
        self.feeds.insert(at, entry);
    }

    /// Entries whose file is a plain relative name (no scheme, no climbing out), so a damaged
    /// or hostile index cannot point the page elsewhere.
    pub fn safe_entries(&self) -> Vec<SnapshotEntry> {
        self.feeds
            .iter()
            .filter(|e| is_plain_relative_path(&e.file))
            .map(|e| SnapshotEntry {
                shards: e
                    .shards
                    .iter()
                    .filter(|s| is_plain_relative_path(&s.file))
                    .cloned()
                    .collect(),
                ..e.clone()
            })
            .collect()
    }
}

/// The shard files a view is missing: for each sharded entry some of whose files are loaded,
/// those `range` needs that are not loaded yet. A view without a date range shows what its
/// link names, so nothing is missing then.
pub fn missing_shards(
    entries: &[SnapshotEntry],
    loaded: &[String],
    range: ShardRange,
) -> Vec<String> {
    let mut missing = Vec::new();
    if range.is_open() {
        return missing;
    }
    for entry in entries.iter().filter(|e| !e.shards.is_empty()) {
        if !entry.addresses().iter().any(|a| loaded.contains(a)) {
            continue;
        }
        for address in entry.addresses_for(range) {
            if !loaded.contains(&address) && !missing.contains(&address) {
                missing.push(address);
            }
        }
    }
    missing
}

/// A path below the page's folder: not empty, no scheme, not absolute, never climbing out.
pub fn is_plain_relative_path(path: &str) -> bool {
    !path.is_empty()
        && !path.contains(':')
        && !path.starts_with('/')
        && !path.contains('\\')
        && !path.split('/').any(|part| part == ".." || part.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_paths_below_the_page_are_followed() {
        for (path, plain) in [
            ("feeds/os.xml", true),
            ("os.xml", true),
            ("", false),
            ("/etc/passwd", false),
            ("../secret.xml", false),
            ("feeds/../../x", false),
            ("feeds//x.xml", false),
            ("https://evil.example/x.xml", false),
            ("javascript:alert(1)", false),
            ("feeds\\..\\x", false),
        ] {
            assert_eq!(is_plain_relative_path(path), plain, "{path}");
        }
    }

    #[test]
    fn entries_describe_themselves() {
        let mut entry = SnapshotEntry {
            name: "cs-os".into(),
            file: "cs-os.xml".into(),
            count: 1_200,
            ..SnapshotEntry::default()
        };
        assert_eq!(entry.address(), "feeds/cs-os.xml");
        assert_eq!(entry.label(), "cs-os");
        assert_eq!(entry.details(), "1,200 papers");
        entry.title = "Operating systems".into();
        entry.updated = "2026-04-20".into();
        entry.count = 1;
        assert_eq!(entry.label(), "Operating systems");
        assert_eq!(entry.details(), "1 paper, updated 2026-04-20");
    }

    #[test]
    fn upsert_and_round_trip() {
        let mut index = SnapshotIndex::default();
        index.upsert(SnapshotEntry {
            name: "os".into(),
            file: "os.xml".into(),
            count: 10,
            ..Default::default()
        });
        index.upsert(SnapshotEntry {
            name: "dc".into(),
            file: "dc.xml".into(),
            count: 5,
            ..Default::default()
        });
        index.upsert(SnapshotEntry {
            name: "os".into(),
            file: "os.xml".into(),
            count: 12,
            ..Default::default()
        });
        assert_eq!(index.feeds.len(), 2);
        assert_eq!(index.feeds[0].count, 12);
        assert_eq!(SnapshotIndex::from_json(&index.to_json_pretty()), Ok(index));
        assert!(SnapshotIndex::from_json("{\"feeds\": [").is_err());
    }

    #[test]
    fn only_plain_relative_files_are_offered() {
        let index = SnapshotIndex {
            feeds: [
                "os.xml",
                "sub/dc.xml",
                "../secret.xml",
                "https://evil.example/x.xml",
                "/abs.xml",
                "javascript:x",
                "",
            ]
            .into_iter()
            .map(|file| SnapshotEntry {
                file: file.into(),
                ..Default::default()
            })
            .collect(),
            ..SnapshotIndex::default()
        };
        let entries = index.safe_entries();
        let files: Vec<&str> = entries.iter().map(|e| e.file.as_str()).collect();
        assert_eq!(files, ["os.xml", "sub/dc.xml"]);
    }

    fn sharded() -> SnapshotEntry {
        let shard = |month: &str, count| SnapshotShard {
            month: month.into(),
            file: format!("os/{month}.xml"),
            count,
        };
        SnapshotEntry {
            name: "os".into(),
            file: "os/2026-04.xml".into(),
            shards: vec![
                shard("2026-04", 120),
                shard("2026-03", 150),
                shard("2026-02", 300),
                shard(UNDATED, 2),
            ],
            ..SnapshotEntry::default()
        }
    }

    #[test]
    fn a_range_loads_the_months_it_reaches() {
        let entry = sharded();
        let date = |text: &str| Date::parse_iso(text);
        let cases = [
            (ShardRange::default(), vec!["2026-04", "2026-03"]),
            (
                ShardRange {
                    from: date("2026-03-15"),
                    to: None,
                },
                vec!["2026-04", "2026-03"],
            ),
            (
                ShardRange {
                    from: date("2026-01-01"),
                    to: date("2026-02-10"),
                },
                vec!["2026-02"],
            ),
            (
                ShardRange {
                    from: None,
                    to: date("2026-03-01"),
                },
                vec!["2026-03", "2026-02"],
            ),
        ];
        for (range, months) in cases {
            let want: Vec<String> = months.iter().map(|m| format!("feeds/os/{m}.xml")).collect();
            assert_eq!(entry.addresses_for(range), want, "{range:?}");
        }
        let plain = SnapshotEntry {
            file: "dc.xml".into(),
            ..SnapshotEntry::default()
        };
        assert_eq!(plain.addresses_for(ShardRange::default()), ["feeds/dc.xml"]);
    }

    #[test]
    fn widening_the_range_asks_for_the_months_not_loaded() {
        let entries = vec![sharded()];
        let loaded = vec![
            "feeds/os/2026-04.xml".to_string(),
            "feeds/os/2026-03.xml".to_string(),
        ];
        let wider = ShardRange {
            from: Date::parse_iso("2026-02-01"),
            to: None,
        };
        assert_eq!(
            missing_shards(&entries, &loaded, wider),
            ["feeds/os/2026-02.xml"]
        );
        assert!(missing_shards(&entries, &loaded, ShardRange::default()).is_empty());
        // An entry none of whose months is loaded is left alone.
        assert!(missing_shards(&entries, &[], wider).is_empty());
    }
}
