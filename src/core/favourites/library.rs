//! The personal library: starred papers with a snapshot of their metadata (so the favourites
//! view works with no feed loaded), when they were added, a note and tags. Changes carry
//! timestamps and removals leave tombstones, so two copies (two tabs, an import) merge per
//! paper without losing a favourite.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::core::feed::{is_http_url, Author, Paper, PaperLinks, Timestamp};

/// The schema this code writes. Newer ones are refused (and kept untouched) so an older copy of
/// the app never damages a newer library.
pub const LIBRARY_SCHEMA: u32 = 1;

/// Milliseconds since the Unix epoch: when a change happened, for merging.
pub type Millis = i64;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Library {
    pub schema: u32,
    /// By arXiv id without version.
    pub favourites: BTreeMap<String, Favourite>,
    /// When each un-starred paper was removed, so a merge does not bring it back.
    #[serde(default)]
    pub removed: BTreeMap<String, Millis>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Favourite {
    pub paper: PaperSnapshot,
    pub added: Millis,
    /// The last change to this favourite (snapshot, note or tags).
    pub modified: Millis,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub tags: Vec<String>,
}

/// The paper's metadata as starred. Dates are RFC 3339 strings so exports read well.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperSnapshot {
    pub id: String,
    #[serde(default)]
    pub version: Option<u32>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub authors: Vec<AuthorSnapshot>,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub updated: Option<String>,
    #[serde(default)]
    pub primary_category: Option<String>,
    #[serde(default)]
    pub categories: Vec<String>,
    #[serde(default)]
    pub comment: Option<String>,
    #[serde(default)]
    pub journal_ref: Option<String>,
    #[serde(default)]
    pub doi: Option<String>,
    #[serde(default)]
    pub abs_url: Option<String>,
    #[serde(default)]
    pub pdf_url: Option<String>,
    #[serde(default)]
    pub doi_url: Option<String>,
    #[serde(default)]
    pub html_url: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorSnapshot {
    pub name: String,
    #[serde(default)]
    pub affiliations: Vec<String>,
}

/// Why stored or imported library text could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LibraryError {
    /// Not JSON, or not a library; `detail` says where.
    Unreadable { detail: String },
    /// Written by a newer version of the app.
    NewerSchema { found: u32 },
}

impl fmt::Display for LibraryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LibraryError::Unreadable { detail } => write!(
                f,
                "The favourites data is damaged and could not be read ({detail})."
            ),
            LibraryError::NewerSchema { found } => write!(
                f,
                "The favourites were saved by a newer version of this page (format {found}; this one reads up to {LIBRARY_SCHEMA}). Reload to get the newer version."
            ),
        }
    }
}

impl std::error::Error for LibraryError {}

impl From<&Paper> for PaperSnapshot {
    fn from(paper: &Paper) -> Self {
        PaperSnapshot {
            id: paper.id.clone(),
            version: paper.version,
            title: paper.title.clone(),
            summary: paper.summary.clone(),
            authors: paper
                .authors
                .iter()
                .map(|a| AuthorSnapshot {
                    name: a.name.clone(),
                    affiliations: a.affiliations.clone(),
                })
                .collect(),
            published: paper.published.map(Timestamp::to_rfc3339),
            updated: paper.updated.map(Timestamp::to_rfc3339),
            primary_category: paper.primary_category.clone(),
            categories: paper.categories.clone(),
            comment: paper.comment.clone(),
            journal_ref: paper.journal_ref.clone(),
            doi: paper.doi.clone(),
            abs_url: paper.links.abs.clone(),
            pdf_url: paper.links.pdf.clone(),
            doi_url: paper.links.doi.clone(),
            html_url: paper.links.html.clone(),
        }
    }
}

impl PaperSnapshot {
    /// Back to a paper, for the views that list favourites like a feed. Links that are not
    /// http(s) (a hand-edited import) are dropped.
    pub fn to_paper(&self) -> Paper {
        let link = |url: &Option<String>| url.clone().filter(|u| is_http_url(u));
        Paper {
            id: self.id.clone(),
            version: self.version,
            title: self.title.clone(),
            summary: self.summary.clone(),
            authors: self
                .authors
                .iter()
                .map(|a| Author {
                    name: a.name.clone(),
                    affiliations: a.affiliations.clone(),
                })
                .collect(),
            published: self.published.as_deref().and_then(Timestamp::parse_rfc3339),
            updated: self.updated.as_deref().and_then(Timestamp::parse_rfc3339),
            primary_category: self.primary_category.clone(),
            categories: self.categories.clone(),
            comment: self.comment.clone(),
            journal_ref: self.journal_ref.clone(),
            doi: self.doi.clone(),
            links: PaperLinks {
                abs: link(&self.abs_url),
                pdf: link(&self.pdf_url),
                doi: link(&self.doi_url),
                html: link(&self.html_url),
            },
            announce_type: None,
        }
    }
}

impl Library {
    pub fn new() -> Library {
        Library {
            schema: LIBRARY_SCHEMA,
            ..Library::default()
        }
    }

    pub fn contains(&self, id: &str) -> bool {
        self.favourites.contains_key(id)
    }

    pub fn len(&self) -> usize {
        self.favourites.len()
    }

    pub fn is_empty(&self) -> bool {
        self.favourites.is_empty()
    }

    /// Stars `paper` (or refreshes nothing if already starred).
    pub fn add(&mut self, paper: &Paper, now: Millis) {
        if self.contains(&paper.id) {
            return;
        }
        self.removed.remove(&paper.id);
        self.favourites.insert(
            paper.id.clone(),
            Favourite {
                paper: PaperSnapshot::from(paper),
                added: now,
                modified: now,
                note: String::new(),
                tags: Vec::new(),
            },
        );
    }

    pub fn remove(&mut self, id: &str, now: Millis) {
        if self.favourites.remove(id).is_some() {
            self.removed.insert(id.to_string(), now);
        }
    }

    /// Stars or un-stars; returns whether the paper is starred afterwards.
    pub fn toggle(&mut self, paper: &Paper, now: Millis) -> bool {
        if self.contains(&paper.id) {
            self.remove(&paper.id, now);
            false
        } else {
            self.add(paper, now);
            true
        }
    }

    pub fn set_note(&mut self, id: &str, note: &str, now: Millis) {
        if let Some(favourite) = self.favourites.get_mut(id) {
            if favourite.note != note {
                favourite.note = note.to_string();
                favourite.modified = now;
            }
        }
    }

    /// Sets tags from free text ("systems, to read"): trimmed, deduplicated, in order.
    /// Every tag in use, sorted, each once.
    pub fn all_tags(&self) -> Vec<String> {
        let tags: std::collections::BTreeSet<&String> =
            self.favourites.values().flat_map(|f| &f.tags).collect();
        tags.into_iter().cloned().collect()
    }

    pub fn set_tags(&mut self, id: &str, raw: &str, now: Millis) {
        let mut tags: Vec<String> = Vec::new();
        for tag in raw.split(',').map(str::trim).filter(|t| !t.is_empty()) {
            if !tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
                tags.push(tag.to_string());
            }
        }
        if let Some(favourite) = self.favourites.get_mut(id) {
            if favourite.tags != tags {
                favourite.tags = tags;
                favourite.modified = now;
            }
        }
    }

    /// Whether `paper` (from a loaded feed) is a newer version than the starred snapshot.
    pub fn has_newer_version(&self, paper: &Paper) -> bool {
        self.favourites
            .get(&paper.id)
            .is_some_and(|f| paper.version > f.paper.version)
    }

    /// Replaces a favourite's snapshot with `paper`, keeping note and tags.
    pub fn refresh(&mut self, paper: &Paper, now: Millis) {
        if let Some(favourite) = self.favourites.get_mut(&paper.id) {
            favourite.paper = PaperSnapshot::from(paper);
            favourite.modified = now;
        }
    }

    /// Folds `other` in, per paper: the later change wins, and a removal later than the
    /// last change removes. Nothing starred on either side is lost unless it was removed
    /// after its last change.
    pub fn merge(&mut self, other: &Library) {
        for (id, &when) in &other.removed {
            let entry = self.removed.entry(id.clone()).or_insert(when);
            *entry = (*entry).max(when);
        }
        for (id, theirs) in &other.favourites {
            match self.favourites.get(id) {
                Some(ours) if ours.modified >= theirs.modified => {}
                _ => {
                    self.favourites.insert(id.clone(), theirs.clone());
                }
            }
        }
        let removed = &self.removed;
        self.favourites.retain(|id, favourite| {
            removed
                .get(id)
                .is_none_or(|&when| when < favourite.modified)
        });
        let favourites = &self.favourites;
        self.removed.retain(|id, _| !favourites.contains_key(id));
    }

    /// The favourites, newest first, as papers.
    pub fn papers(&self) -> Vec<Paper> {
        let mut favourites: Vec<&Favourite> = self.favourites.values().collect();
        favourites.sort_by(|a, b| {
            b.added
                .cmp(&a.added)
                .then_with(|| a.paper.id.cmp(&b.paper.id))
        });
        favourites.iter().map(|f| f.paper.to_paper()).collect()
    }

    /// Every tag with how many favourites carry it, most used first.
    pub fn tag_counts(&self) -> Vec<(String, usize)> {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for favourite in self.favourites.values() {
            for tag in &favourite.tags {
                *counts.entry(tag.as_str()).or_default() += 1;
            }
        }
        let mut counts: Vec<(String, usize)> = counts
            .into_iter()
            .map(|(t, n)| (t.to_string(), n))
            .collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        counts
    }

    /// The stored form: one JSON document, written whole.
    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Pretty JSON for export files.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads stored or exported JSON.
    pub fn from_json(text: &str) -> Result<Library, LibraryError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|err| LibraryError::Unreadable {
                detail: format!("line {}, column {}: {err}", err.line(), err.column()),
            })?;
        let schema = value
            .get("schema")
            .and_then(serde_json::Value::as_u64)
            .ok_or_else(|| LibraryError::Unreadable {
                detail: "no schema number".to_string(),
            })?;
        let schema = u32::try_from(schema).unwrap_or(u32::MAX);
        if schema > LIBRARY_SCHEMA {
            return Err(LibraryError::NewerSchema { found: schema });
        }
        // Schema 1 is the first format; a later change adds a migration step here.
        let mut library: Library =
            serde_json::from_value(value).map_err(|err| LibraryError::Unreadable {
                detail: err.to_string(),
            })?;
        library.schema = LIBRARY_SCHEMA;
        // Keys are the ids; a hand-edited file may disagree, and the key wins.
        for (id, favourite) in &mut library.favourites {
            favourite.paper.id = id.clone();
        }
        Ok(library)
    }
}
