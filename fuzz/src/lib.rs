//! What each fuzz target checks, as plain functions: the libFuzzer targets in `fuzz_targets/`
//! call them on generated inputs, and `tests/replay.rs` calls them on every corpus file on
//! stable Rust. A broken invariant panics with the reason; an error result is not a failure.
//!
//! The invariants are the ones SECURITY.md relies on: the parsers are total, feed links are
//! http(s) only, math becomes allow-listed MathML, a share link's canonical form reads back as
//! the same view, and an imported library stores and reads back unchanged.

use std::collections::{BTreeSet, HashSet};

use arxiv_explorer::core::export::feed_json::feed_json;
use arxiv_explorer::core::export::write_atom;
use arxiv_explorer::core::favourites::transfer::library_from_bibtex;
use arxiv_explorer::core::favourites::{import_into, library_to_bibtex, Library};
use arxiv_explorer::core::feed::{is_http_url, parse_feed, ArxivId, Paper, Timestamp};
use arxiv_explorer::core::math::{render_math, split_math, MathNode, Segment};
use arxiv_explorer::core::view_state::{decode, encode};

/// The time imports are stamped with; fixed so a second import of the same text is a no-op.
const NOW: i64 = 1_780_000_000_000;

/// Feed bytes: parse, then check links, ids, math and the Atom export of what was read.
pub fn check_feed(data: &[u8]) {
    let result = parse_feed(data);
    // The command-line tool prints this account of any result.
    let _ = feed_json(&result);
    let parsed = match result {
        Ok(parsed) => parsed,
        Err(error) => {
            assert!(!error.to_string().is_empty(), "an error without a message");
            return;
        }
    };
    for warning in &parsed.warnings {
        assert!(
            !warning.to_string().is_empty(),
            "a warning without a message"
        );
    }
    if let Some(link) = &parsed.feed.meta.link {
        assert!(is_http_url(link), "feed link kept: {link:?}");
    }
    let mut ids = HashSet::new();
    for paper in &parsed.feed.papers {
        check_paper(paper);
        assert!(ids.insert(paper.id.as_str()), "duplicate id {:?}", paper.id);
    }
    // What was read can be saved as a snapshot and read again as the same papers.
    let atom = write_atom(&parsed.feed.meta, &parsed.feed.papers, Timestamp(0));
    let reread = match parse_feed(atom.as_bytes()) {
        Ok(reread) => reread,
        Err(error) => panic!("the Atom export does not parse: {error}\n{atom}"),
    };
    let before: Vec<&str> = parsed.feed.papers.iter().map(|p| p.id.as_str()).collect();
    let after: Vec<&str> = reread.feed.papers.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(before, after, "the Atom export changes the papers\n{atom}");
}

fn check_paper(paper: &Paper) {
    assert!(!paper.id.trim().is_empty(), "a paper without an id");
    for link in [
        &paper.links.abs,
        &paper.links.pdf,
        &paper.links.doi,
        &paper.links.html,
    ]
    .into_iter()
    .flatten()
    {
        assert!(is_http_url(link), "{}: link kept: {link:?}", paper.id);
    }
    for text in [&paper.title, &paper.summary] {
        check_math_text(text);
    }
}

/// Every math segment renders to MathML presentation elements only, with no link, style or
/// event-handler attribute.
pub fn check_math_text(text: &str) {
    for segment in split_math(text) {
        if let Segment::Math { latex, display } = segment {
            if let Some(node) = render_math(&latex, display) {
                check_math_node(&node, &latex);
            }
        }
    }
}

fn check_math_node(node: &MathNode, latex: &str) {
    let MathNode::Element {
        tag,
        attributes,
        children,
    } = node
    else {
        return;
    };
    let presentation = tag.starts_with('m') || matches!(*tag, "none" | "semantics" | "annotation");
    assert!(presentation, "element <{tag}> from {latex:?}");
    for (name, value) in attributes {
        let name = name.to_ascii_lowercase();
        assert!(
            !name.starts_with("on")
                && !matches!(
                    name.as_str(),
                    "href" | "src" | "style" | "class" | "id" | "xlink:href"
                ),
            "attribute {name}={value:?} on <{tag}> from {latex:?}"
        );
        let scheme = value.trim().to_ascii_lowercase();
        assert!(
            !scheme.starts_with("javascript:") && !scheme.starts_with("data:"),
            "attribute {name}={value:?} on <{tag}> from {latex:?}"
        );
    }
    for child in children {
        check_math_node(child, latex);
    }
}

/// A query string: decoding is total, and the canonical link of the decoded view reads back
/// as the same view (decode → encode → decode), with no notices, and encodes to the same link.
pub fn check_view_state(data: &[u8]) {
    let query = String::from_utf8_lossy(data);
    let (state, notices) = decode(&query);
    for notice in &notices {
        assert!(!notice.to_string().is_empty(), "a notice without a message");
    }
    let link = encode(&state);
    let (again, notices_again) = decode(&link);
    // A search of only spaces is kept as typed (the box is being typed into) but is no search,
    // and the link leaves it out: the one difference allowed.
    let mut expected = state.clone();
    if expected.filter.text.trim().is_empty() {
        expected.filter.text.clear();
    }
    assert_eq!(
        again, expected,
        "the link {link:?} reads back as another view"
    );
    assert!(
        notices_again.is_empty(),
        "the canonical link {link:?} has notices: {notices_again:?}"
    );
    assert_eq!(encode(&again), link, "encoding is not canonical");
}

/// An import file (JSON export or BibTeX): a failed import adds nothing; a successful one into
/// an empty library adds every paper it reports, changes nothing when repeated, and leaves a
/// library that stores, reads back and exports safely.
pub fn check_import(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut library = Library::new();
    match import_into(&mut library, &text, NOW) {
        Ok(report) => {
            assert_eq!(report.added, library.len(), "{report:?}");
            assert_eq!(report.updated + report.skipped, 0, "{report:?}");
            check_library(&library);
            let before = library.clone();
            let again = import_into(&mut library, &text, NOW)
                .expect("a file that imported once imports again");
            assert_eq!(again.added + again.updated, 0, "{again:?}");
            assert_eq!(
                library, before,
                "importing the same file twice changed the library"
            );
        }
        Err(error) => {
            assert!(!error.to_string().is_empty(), "an error without a message");
            assert_eq!(
                library,
                Library::new(),
                "a failed import changed the library"
            );
        }
    }
    // BibTeX alone, as the import reads it.
    let from_bibtex = library_from_bibtex(&text, NOW);
    check_library(&from_bibtex);
}

/// Stored library text (`Library::from_json`): whatever reads is checked like an import.
pub fn check_library_json(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match Library::from_json(&text) {
        Ok(library) => check_library(&library),
        Err(error) => assert!(!error.to_string().is_empty(), "an error without a message"),
    }
}

fn check_library(library: &Library) {
    // The app writes the library whole and reads it back on the next visit.
    let stored = library.to_json();
    let reread = Library::from_json(&stored)
        .unwrap_or_else(|error| panic!("a stored library does not read back: {error}\n{stored}"));
    assert_eq!(
        &reread, library,
        "the stored library reads back changed\n{stored}"
    );
    for paper in library.papers() {
        check_paper(&paper);
    }
    // BibTeX export and re-import: no field of one entry turns into another entry, and every
    // arXiv paper comes back under its id.
    let bibtex = library_to_bibtex(library);
    let back = library_from_bibtex(&bibtex, NOW);
    assert!(
        back.len() <= library.len(),
        "the BibTeX export reads back as more papers\n{bibtex}"
    );
    let back_ids: BTreeSet<&String> = back.favourites.keys().collect();
    for id in library.favourites.keys() {
        let is_arxiv = ArxivId::parse(id).is_some_and(|parsed| &parsed.id == id);
        if is_arxiv {
            assert!(
                back_ids.contains(id),
                "{id} is lost by the BibTeX export\n{bibtex}"
            );
        }
    }
}
