//! The stable JSON account of a parsed feed that `arxiv-feed inspect` prints (schema in
//! README.md): `null` for absent values, timestamps as RFC 3339 UTC with `Z`, ids without
//! version, versions as integers.

use serde_json::{json, Value};

use crate::core::feed::{Paper, ParseError, ParsedFeed, Timestamp};

fn stamp(value: Option<Timestamp>) -> Value {
    value.map_or(Value::Null, |t| Value::String(t.to_rfc3339()))
}

fn paper_json(paper: &Paper) -> Value {
    json!({
        "id": paper.id,
        "version": paper.version,
        "title": paper.title,
        "summary": paper.summary,
        "authors": paper.authors.iter().map(|a| json!({
            "name": a.name,
            "affiliations": a.affiliations,
        })).collect::<Vec<_>>(),
        "published": stamp(paper.published),
        "updated": stamp(paper.updated),
        "primary_category": paper.primary_category,
        "categories": paper.categories,
        "comment": paper.comment,
        "journal_ref": paper.journal_ref,
        "doi": paper.doi,
        "abs_url": paper.links.abs,
        "pdf_url": paper.links.pdf,
        "doi_url": paper.links.doi,
        "announce_type": paper.announce_type.map(|a| a.as_str()),
    })
}

/// The account of a parse result, or `None` when the document is not a feed at all (the
/// caller reports the error). An arXiv error feed is a feed: `error` holds arXiv's message.
pub fn feed_json(result: &Result<ParsedFeed, ParseError>) -> Option<Value> {
    match result {
        Ok(parsed) => {
            let meta = &parsed.feed.meta;
            Some(json!({
                "format": meta.format.as_str(),
                "title": meta.title,
                "feed_id": meta.id,
                "total_results": meta.total_results,
                "start_index": meta.start_index,
                "items_per_page": meta.items_per_page,
                "updated": stamp(meta.updated),
                "error": Value::Null,
                "warnings": parsed.warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
                "entries": parsed.feed.papers.iter().map(paper_json).collect::<Vec<_>>(),
            }))
        }
        Err(ParseError::ArxivApi { message }) => Some(json!({
            "format": "arxiv-api",
            "title": Value::Null,
            "feed_id": Value::Null,
            "total_results": Value::Null,
            "start_index": Value::Null,
            "items_per_page": Value::Null,
            "updated": Value::Null,
            "error": message,
            "warnings": [],
            "entries": [],
        })),
        Err(_) => None,
    }
}
