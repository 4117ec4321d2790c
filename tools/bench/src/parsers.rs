//! The parsers under test. Each one times only the parse (and, for tree parsers, the walk that
//! extracts the fields), not dropping the result, and reports what it found so the runs can
//! be checked to have done the same work.

use std::time::{Duration, Instant};

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;

use crate::feed;
use crate::text::collapse_whitespace;

const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
const ARXIV_NS: &str = "http://arxiv.org/schemas/atom";

/// What a parse found.
#[derive(Clone, Copy, Debug, Default)]
pub struct Outcome {
    pub entries: usize,
    pub authors: usize,
    pub warnings: usize,
}

type Run = fn(&[u8]) -> Result<(Duration, Outcome), String>;

pub struct Parser {
    pub name: &'static str,
    pub run: Run,
    /// Profiling variants run only when asked for with `--only`.
    pub variant: bool,
}

pub const PARSERS: &[Parser] = &[
    Parser {
        name: "raw-scan",
        run: raw_scan,
        variant: false,
    },
    Parser {
        name: "parse-feed",
        run: parse_feed,
        variant: false,
    },
    Parser {
        name: "roxmltree",
        run: roxmltree_walk,
        variant: false,
    },
    Parser {
        name: "feed-rs",
        run: feed_rs,
        variant: false,
    },
    Parser {
        name: "ns-scan",
        run: ns_scan,
        variant: true,
    },
    Parser {
        name: "ns-text",
        run: ns_text,
        variant: true,
    },
];

/// The floor: see [`crate::scan`].
fn raw_scan(bytes: &[u8]) -> Result<(Duration, Outcome), String> {
    let start = Instant::now();
    let scanned = crate::scan::scan(bytes)?;
    let elapsed = start.elapsed();
    std::hint::black_box(scanned.text_bytes);
    let outcome = Outcome {
        entries: scanned.entries,
        authors: scanned.authors,
        warnings: 0,
    };
    Ok((elapsed, outcome))
}

/// The explorer's parser into its full model (`Feed` with `Paper`s).
fn parse_feed(bytes: &[u8]) -> Result<(Duration, Outcome), String> {
    let start = Instant::now();
    let parsed = feed::parse_feed(bytes).map_err(|e| e.to_string())?;
    let elapsed = start.elapsed();
    let outcome = Outcome {
        entries: parsed.feed.papers.len(),
        authors: parsed.feed.papers.iter().map(|p| p.authors.len()).sum(),
        warnings: parsed.warnings.len(),
    };
    Ok((elapsed, outcome))
}

/// feed-rs into its generic feed model.
fn feed_rs(bytes: &[u8]) -> Result<(Duration, Outcome), String> {
    let start = Instant::now();
    let parsed = feed_rs::parser::parse(bytes).map_err(|e| e.to_string())?;
    let elapsed = start.elapsed();
    let outcome = Outcome {
        entries: parsed.entries.len(),
        authors: parsed.entries.iter().map(|e| e.authors.len()).sum(),
        warnings: 0,
    };
    Ok((elapsed, outcome))
}

/// The fields the explorer keeps, extracted from a roxmltree document into owned strings with
/// the same whitespace handling, so the comparison is like for like.
#[derive(Default)]
struct Record {
    id: String,
    title: String,
    summary: String,
    authors: Vec<(String, Vec<String>)>,
    published: String,
    updated: String,
    primary_category: Option<String>,
    categories: Vec<String>,
    comment: Option<String>,
    journal_ref: Option<String>,
    doi: Option<String>,
    /// href, rel, title, type.
    links: Vec<[Option<String>; 4]>,
}

fn roxmltree_walk(bytes: &[u8]) -> Result<(Duration, Outcome), String> {
    let start = Instant::now();
    let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
    let document = roxmltree::Document::parse(text).map_err(|e| e.to_string())?;
    let mut records = Vec::new();
    for entry in document
        .root_element()
        .children()
        .filter(|n| n.has_tag_name((ATOM_NS, "entry")))
    {
        let mut record = Record::default();
        for child in entry.children().filter(roxmltree::Node::is_element) {
            let tag = child.tag_name();
            let text = || child.text().unwrap_or("");
            match (tag.namespace(), tag.name()) {
                (Some(ATOM_NS), "id") => record.id = text().trim().to_string(),
                (Some(ATOM_NS), "title") => record.title = collapse_whitespace(text()),
                (Some(ATOM_NS), "summary") => record.summary = collapse_whitespace(text()),
                (Some(ATOM_NS), "published") => record.published = text().trim().to_string(),
                (Some(ATOM_NS), "updated") => record.updated = text().trim().to_string(),
                (Some(ATOM_NS), "category") => {
                    if let Some(term) = child.attribute("term") {
                        record.categories.push(term.to_string());
                    }
                }
                (Some(ARXIV_NS), "primary_category") => {
                    record.primary_category = child.attribute("term").map(str::to_string)
                }
                (Some(ARXIV_NS), "comment") => record.comment = Some(collapse_whitespace(text())),
                (Some(ARXIV_NS), "journal_ref") => {
                    record.journal_ref = Some(collapse_whitespace(text()))
                }
                (Some(ARXIV_NS), "doi") => record.doi = Some(text().trim().to_string()),
                (Some(ATOM_NS), "link") => record.links.push(
                    ["href", "rel", "title", "type"]
                        .map(|a| child.attribute(a).map(str::to_string)),
                ),
                (Some(ATOM_NS), "author") => {
                    let mut name = String::new();
                    let mut affiliations = Vec::new();
                    for part in child.children().filter(roxmltree::Node::is_element) {
                        let part_text = part.text().unwrap_or("");
                        if part.has_tag_name((ATOM_NS, "name")) {
                            name = collapse_whitespace(part_text);
                        } else if part.has_tag_name((ARXIV_NS, "affiliation")) {
                            affiliations.push(collapse_whitespace(part_text));
                        }
                    }
                    record.authors.push((name, affiliations));
                }
                _ => {}
            }
        }
        records.push(record);
    }
    let elapsed = start.elapsed();
    let outcome = Outcome {
        entries: records.len(),
        authors: records.iter().map(|r| r.authors.len()).sum(),
        warnings: 0,
    };
    std::hint::black_box(&records);
    Ok((elapsed, outcome))
}

/// Profiling variant: the raw scan with namespace resolution, as the explorer's parser reads.
fn ns_scan(bytes: &[u8]) -> Result<(Duration, Outcome), String> {
    ns_reader_scan(bytes, false)
}

/// Profiling variant: the namespaced scan plus copying every text node into an owned string
/// with collapsed whitespace, which is most of what the parser does beyond reading.
fn ns_text(bytes: &[u8]) -> Result<(Duration, Outcome), String> {
    ns_reader_scan(bytes, true)
}

fn ns_reader_scan(bytes: &[u8], keep_text: bool) -> Result<(Duration, Outcome), String> {
    let start = Instant::now();
    let source = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
    let mut reader = quick_xml::NsReader::from_str(source);
    let mut outcome = Outcome::default();
    let mut text_bytes = 0usize;
    let mut buffer = String::new();
    let mut kept: Vec<String> = Vec::new();
    loop {
        let (resolved, event) = reader.read_resolved_event().map_err(|e| e.to_string())?;
        let atom = matches!(resolved, ResolveResult::Bound(ns) if ns.0 == ATOM_NS.as_bytes());
        match event {
            Event::Start(start) if atom => match start.local_name().as_ref() {
                b"entry" => outcome.entries += 1,
                b"author" => outcome.authors += 1,
                _ => {}
            },
            Event::Text(text) => {
                let decoded = text.decode().map_err(|e| e.to_string())?;
                text_bytes += decoded.len();
                if keep_text {
                    buffer.push_str(&decoded);
                }
            }
            Event::GeneralRef(reference) => text_bytes += crate::scan::resolve(&reference)?,
            Event::End(_) if keep_text && !buffer.trim().is_empty() => {
                kept.push(collapse_whitespace(&buffer));
                buffer.clear();
            }
            Event::End(_) => buffer.clear(),
            Event::Eof => break,
            _ => {}
        }
    }
    let elapsed = start.elapsed();
    std::hint::black_box((text_bytes, &kept));
    Ok((elapsed, outcome))
}
