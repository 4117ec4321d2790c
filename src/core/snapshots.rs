//! Same-origin snapshots: feed files saved next to the page by `arxiv-feed fetch`, listed in
//! `feeds/index.json`, so a static deployment can offer fresh arXiv results with no proxy.

use serde::{Deserialize, Serialize};

/// Where the page looks for the list, relative to itself.
pub const SNAPSHOT_INDEX: &str = "feeds/index.json";

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotIndex {
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
}

impl SnapshotEntry {
    /// The address of its file, next to the index.
    pub fn address(&self) -> String {
        let folder = SNAPSHOT_INDEX
            .rsplit_once('/')
            .map_or("", |(folder, _)| folder);
        format!("{folder}/{}", self.file)
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

    /// Adds `entry`, or replaces the one for the same file.
    pub fn upsert(&mut self, entry: SnapshotEntry) {
        match self.feeds.iter_mut().find(|e| e.file == entry.file) {
            Some(existing) => *existing = entry,
            None => self.feeds.push(entry),
        }
    }

    /// Entries whose file is a plain relative name (no scheme, no climbing out), so a damaged
    /// or hostile index cannot point the page elsewhere.
    pub fn safe_entries(&self) -> Vec<&SnapshotEntry> {
        self.feeds
            .iter()
            .filter(|e| {
                !e.file.is_empty()
                    && !e.file.contains(':')
                    && !e.file.starts_with('/')
                    && !e
                        .file
                        .split('/')
                        .any(|part| part == ".." || part.is_empty())
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        };
        let files: Vec<&str> = index
            .safe_entries()
            .iter()
            .map(|e| e.file.as_str())
            .collect();
        assert_eq!(files, ["os.xml", "sub/dc.xml"]);
    }
}
