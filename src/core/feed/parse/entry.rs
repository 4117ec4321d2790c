//! Entry assembly: the draft of the entry being read, and how a finished draft becomes a `Paper`.

use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::BuildHasher;
use std::ops::Range;

use super::super::{AnnounceType, ArxivId, Author, Paper, PaperLinks, Timestamp};
use super::error::ParseWarning;

/// How an entry's `<link>` is marked, read from its attributes as they stream past; only the
/// address itself is kept as text.
pub(super) struct RawLink {
    pub(super) href: String,
    pub(super) rel: LinkRel,
    /// `title="pdf"` (any case) or `type="application/pdf"`.
    pub(super) marked_pdf: bool,
    /// `title="doi"` (any case).
    pub(super) marked_doi: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum LinkRel {
    Missing,
    Alternate,
    Other,
}

/// A timestamp element's text, parsed when the element ends; the text is kept only when it
/// is not a valid timestamp, for the warning.
pub(super) enum DraftTime {
    Valid(Timestamp),
    Invalid(String),
}

impl DraftTime {
    /// `None` for empty text.
    pub(super) fn read(raw: &str) -> Option<DraftTime> {
        let value = raw.trim();
        if value.is_empty() {
            return None;
        }
        Some(match Timestamp::parse_rfc3339(value) {
            Some(parsed) => DraftTime::Valid(parsed),
            None => DraftTime::Invalid(value.to_string()),
        })
    }
}

/// What the parse has produced so far (papers, warnings, the API's error messages) and the
/// lists of the entry being read, kept between entries so their allocations are reused; a
/// paper gets exactly sized copies. The streaming parser fills the drafts; finishing an entry
/// turns them into a paper here.
#[derive(Default)]
pub(super) struct Gathered {
    pub(super) draft_authors: Vec<Author>,
    /// Without duplicates.
    pub(super) draft_categories: Vec<String>,
    pub(super) draft_links: Vec<RawLink>,
    pub(super) entries_seen: usize,
    pub(super) papers: Vec<Paper>,
    /// Hash of a paper id → the latest paper in `papers` with an id of that hash, to fold
    /// duplicates without keeping a second copy of every id.
    pub(super) paper_index: HashMap<u64, usize>,
    /// For each paper, the previous paper whose id has the same hash.
    pub(super) same_hash: Vec<Option<usize>>,
    pub(super) id_hasher: RandomState,
    pub(super) api_errors: Vec<String>,
    pub(super) warnings: Vec<ParseWarning>,
    /// Some entry carried an `arxiv:announce_type`: a daily listing.
    pub(super) saw_listing: bool,
}

/// The single-valued fields of the entry being read; its authors, categories and links are
/// gathered in [`Gathered`]'s reused lists.
#[derive(Default)]
pub(super) struct EntryDraft {
    pub(super) raw_id: Option<String>,
    pub(super) title: Option<String>,
    /// Whitespace already collapsed.
    pub(super) summary: Option<String>,
    pub(super) published: Option<DraftTime>,
    pub(super) updated: Option<DraftTime>,
    pub(super) primary_category: Option<String>,
    pub(super) comment: Option<String>,
    pub(super) journal_ref: Option<String>,
    pub(super) doi: Option<String>,
    pub(super) link_text: Option<String>,
    pub(super) pub_date: Option<String>,
    pub(super) announce_type: Option<String>,
    pub(super) creators: Option<String>,
}

impl Gathered {
    pub(super) fn finish_entry(&mut self, draft: EntryDraft) {
        let mut draft = draft;
        // RSS items may name the paper only by their link.
        let raw_id = draft.raw_id.take().or_else(|| draft.link_text.clone());
        let Some(raw_id) = raw_id else {
            self.warnings.push(ParseWarning::EntryWithoutId {
                entry: self.entries_seen,
            });
            return;
        };
        if raw_id.contains("arxiv.org/api/errors") {
            let message = draft
                .summary
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| "no explanation was given".to_string());
            self.api_errors.push(message);
            return;
        }
        let found = ArxivId::find(&raw_id).and_then(|(id, version)| {
            let range = subslice_range(&raw_id, id)?;
            Some((range, version))
        });
        let (id, version, is_arxiv) = match found {
            // The id is a piece of the text: cut the text down to it rather than copy it.
            Some((range, version)) => {
                let mut id = raw_id;
                id.truncate(range.end);
                id.drain(..range.start);
                (id, version, true)
            }
            None => (raw_id, None, false),
        };
        // How warnings name the paper; built only when one is needed.
        let label = || versioned_id(&id, version);
        let title = draft.title.unwrap_or_else(|| {
            self.warnings
                .push(ParseWarning::MissingTitle { paper: label() });
            String::new()
        });
        let mut timestamp = |field: &'static str, value: Option<DraftTime>| match value? {
            DraftTime::Valid(parsed) => Some(parsed),
            DraftTime::Invalid(value) => {
                self.warnings.push(ParseWarning::BadTimestamp {
                    paper: label(),
                    field,
                    value,
                });
                None
            }
        };
        let mut published = timestamp("published", draft.published);
        let mut updated = timestamp("updated", draft.updated);
        let announce_type = draft.announce_type.as_deref().and_then(AnnounceType::parse);
        if announce_type.is_some() {
            self.saw_listing = true;
        }
        if let Some(raw) = draft.pub_date {
            match Timestamp::parse_rfc2822(&raw) {
                Some(announced) => {
                    // A listing's date is when the paper was announced: for new papers the
                    // first version, for replacements the latest.
                    updated.get_or_insert(announced);
                    if !matches!(
                        announce_type,
                        Some(AnnounceType::Replace | AnnounceType::ReplaceCross)
                    ) {
                        published.get_or_insert(announced);
                    }
                }
                None => self.warnings.push(ParseWarning::BadTimestamp {
                    paper: label(),
                    field: "pubDate",
                    value: raw,
                }),
            }
        }
        let mut authors: Vec<Author> = self.draft_authors.drain(..).collect();
        if authors.is_empty() {
            if let Some(creators) = &draft.creators {
                authors = split_creators(creators);
            }
        }
        // Listings name all authors in one string, also in their Atom variant.
        if announce_type.is_some() && authors.len() == 1 && authors[0].name.contains(", ") {
            authors = split_creators(&authors[0].name);
        }

        // The primary category first, then the others in order; the draft has no duplicates.
        let primary = draft.primary_category.as_ref();
        let mut categories =
            Vec::with_capacity(self.draft_categories.len() + usize::from(primary.is_some()));
        categories.extend(primary.cloned());
        categories.extend(
            self.draft_categories
                .drain(..)
                .filter(|category| Some(category) != primary),
        );

        if let Some(href) = draft.link_text {
            self.draft_links.push(RawLink {
                href,
                rel: LinkRel::Alternate,
                marked_pdf: false,
                marked_doi: false,
            });
        }
        let links = self.classify_links(&id, version, is_arxiv);
        let doi = draft.doi.or_else(|| {
            links
                .doi
                .as_deref()
                .and_then(|href| href.split_once("doi.org/"))
                .map(|(_, doi)| doi.to_string())
        });
        let paper = Paper {
            id,
            version,
            title,
            summary: draft
                .summary
                .map(strip_listing_preamble)
                .unwrap_or_default(),
            authors,
            published,
            updated,
            primary_category: draft.primary_category,
            categories,
            comment: draft.comment,
            journal_ref: draft.journal_ref,
            doi,
            links,
            announce_type,
        };
        self.add_paper(paper);
    }

    fn add_paper(&mut self, paper: Paper) {
        let hash = self.id_hasher.hash_one(paper.id.as_str());
        let latest = self.paper_index.get(&hash).copied();
        let mut candidate = latest;
        while let Some(index) = candidate {
            if self.papers[index].id == paper.id {
                self.warnings.push(ParseWarning::DuplicatePaper {
                    paper: paper.id.clone(),
                });
                if paper.version > self.papers[index].version {
                    self.papers[index] = paper;
                }
                return;
            }
            candidate = self.same_hash[index];
        }
        self.paper_index.insert(hash, self.papers.len());
        self.same_hash.push(latest);
        self.papers.push(paper);
    }

    /// Current feeds mark links with rel/title; interim (Nov 2025) feeds had bare links that
    /// only their URL tells apart. Missing arXiv links are derived from the id.
    fn classify_links(&mut self, id: &str, version: Option<u32>, is_arxiv: bool) -> PaperLinks {
        let mut links = PaperLinks::default();
        // Taken for the loop and put back empty, keeping its allocation.
        let mut raw = std::mem::take(&mut self.draft_links);
        for link in raw.drain(..) {
            if !is_http_url(&link.href) {
                self.warnings.push(ParseWarning::UnsafeLink {
                    paper: versioned_id(id, version),
                    href: link.href,
                });
                continue;
            }
            let href = link.href;
            let is_pdf = link.marked_pdf
                || (link.rel == LinkRel::Missing && href.contains("arxiv.org/pdf/"));
            let is_doi = link.marked_doi || href.contains("doi.org/");
            let is_abs = link.rel == LinkRel::Alternate
                || (link.rel == LinkRel::Missing && href.contains("arxiv.org/abs/"));
            let slot = if is_pdf {
                &mut links.pdf
            } else if is_doi {
                &mut links.doi
            } else if is_abs {
                &mut links.abs
            } else {
                continue;
            };
            if slot.is_none() {
                *slot = Some(href);
            }
        }
        self.draft_links = raw;
        if is_arxiv {
            let page = |kind: &str| {
                let mut url = String::with_capacity(32 + id.len());
                url.push_str("https://arxiv.org/");
                url.push_str(kind);
                url.push('/');
                url.push_str(id);
                if let Some(v) = version {
                    // Formatting into a `String` cannot fail.
                    let _ = write!(url, "v{v}");
                }
                url
            };
            links.abs.get_or_insert_with(|| page("abs"));
            links.pdf.get_or_insert_with(|| page("pdf"));
            links.html = Some(page("html"));
        }
        links
    }
}

/// Splits `dc:creator` ("A, B and C") into authors.
fn split_creators(creators: &str) -> Vec<Author> {
    creators
        .split(',')
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(|name| Author {
            name: name.to_string(),
            affiliations: Vec::new(),
        })
        .collect()
}

/// Listing descriptions start "arXiv:2604.07839v1 Announce Type: new Abstract: …"; keep the
/// abstract. Any other summary is returned as it is, without a copy.
fn strip_listing_preamble(summary: String) -> String {
    if summary.starts_with("arXiv:") {
        if let Some((_, abstract_text)) = summary.split_once("Abstract:") {
            return abstract_text.trim().to_string();
        }
    }
    summary
}

/// `2604.07839v1`, or the bare id when the version is unknown: how warnings name a paper.
fn versioned_id(id: &str, version: Option<u32>) -> String {
    match version {
        Some(v) => format!("{id}v{v}"),
        None => id.to_string(),
    }
}

/// Where `inner`, a slice of `outer`, lies in it.
fn subslice_range(outer: &str, inner: &str) -> Option<Range<usize>> {
    let start = inner.as_ptr().addr().checked_sub(outer.as_ptr().addr())?;
    let end = start.checked_add(inner.len())?;
    let found = outer.get(start..end)?;
    (found.as_ptr() == inner.as_ptr()).then_some(start..end)
}

/// Only absolute http(s) URLs without whitespace or control characters are kept as links.
pub fn is_http_url(href: &str) -> bool {
    let head = href.get(..8).unwrap_or(href).as_bytes();
    let starts_with = |scheme: &[u8]| {
        head.get(..scheme.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(scheme))
    };
    // Printable ASCII is neither whitespace nor control; anything else is looked at as
    // characters.
    let clean = href.bytes().all(|b| b > b' ' && b < 0x7F)
        || !href.chars().any(|c| c.is_whitespace() || c.is_control());
    (starts_with(b"http://") || starts_with(b"https://")) && href.len() > "http://".len() && clean
}
