//! Every feed shape the parser meets, as a table: fixture → a plain-text account of what was
//! read. The account lists every field, so any change in parsing shows up as a diff.

use std::fmt::Write;

use arxiv_explorer::core::feed::{
    parse_feed, ParseError, ParseWarning, ParsedFeed, MAX_FEED_BYTES,
};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/atom/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|err| panic!("fixture {path}: {err}"))
}

/// A stable, line-per-fact account of a parse result.
fn describe(result: &Result<ParsedFeed, ParseError>) -> String {
    let parsed = match result {
        Ok(parsed) => parsed,
        Err(error) => return format!("error: {error}\n"),
    };
    let mut out = String::new();
    let meta = &parsed.feed.meta;
    let opt = |value: &Option<String>| value.clone().unwrap_or_else(|| "-".to_string());
    let num = |value: Option<u64>| value.map_or("-".to_string(), |n| n.to_string());
    let _ = writeln!(
        out,
        "feed query={} ids={} total={} start={} per_page={} updated={}",
        opt(&meta.search_query),
        opt(&meta.id_list),
        num(meta.total_results),
        num(meta.start_index),
        num(meta.items_per_page),
        meta.updated.map_or("-".to_string(), |t| t.to_rfc3339()),
    );
    for paper in &parsed.feed.papers {
        let _ = writeln!(
            out,
            "paper {} title=\"{}\"",
            paper.versioned_id(),
            paper.title
        );
        let _ = writeln!(out, "  summary=\"{}\"", paper.summary);
        let authors: Vec<String> = paper
            .authors
            .iter()
            .map(|a| {
                if a.affiliations.is_empty() {
                    a.name.clone()
                } else {
                    format!("{} ({})", a.name, a.affiliations.join("; "))
                }
            })
            .collect();
        let _ = writeln!(out, "  authors={}", authors.join(", "));
        let _ = writeln!(
            out,
            "  published={} updated={} primary={} categories={}",
            paper.published.map_or("-".to_string(), |t| t.to_rfc3339()),
            paper.updated.map_or("-".to_string(), |t| t.to_rfc3339()),
            opt(&paper.primary_category),
            paper.categories.join(" "),
        );
        let _ = writeln!(
            out,
            "  comment={} journal={} doi={}",
            opt(&paper.comment),
            opt(&paper.journal_ref),
            opt(&paper.doi)
        );
        let links = &paper.links;
        let _ = writeln!(
            out,
            "  abs={} pdf={} doi_link={} html={}",
            opt(&links.abs),
            opt(&links.pdf),
            opt(&links.doi),
            opt(&links.html)
        );
    }
    for warning in &parsed.warnings {
        let _ = writeln!(out, "warning: {warning}");
    }
    out
}

fn check(name: &str, expected: &str) {
    let actual = describe(&parse_feed(&fixture(name)));
    let expected = expected
        .lines()
        .map(str::trim_start)
        .filter(|line| !line.is_empty())
        .map(|line| {
            // Indented detail lines are written with a leading "| " to keep the table readable.
            line.strip_prefix("| ")
                .map_or(line.to_string(), |rest| format!("  {rest}"))
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    assert_eq!(actual, expected, "\n--- {name}: actual ---\n{actual}");
}

#[test]
fn legacy_api_feed() {
    check(
        "legacy.xml",
        r#"
        feed query=all:electron ids=- total=186207 start=0 per_page=2 updated=2025-06-01T04:00:00Z
        paper astro-ph/0601001v1 title="Electron Acceleration in Relativistic Shocks"
        | summary="We study electron acceleration at relativistic shocks using $\gamma$-ray observations."
        | authors=Jane Q. Doe (Institute of Astronomy; University of Somewhere), Zoë Müller
        | published=2006-01-01T00:12:36Z updated=2006-01-01T00:12:36Z primary=astro-ph categories=astro-ph hep-ph
        | comment=12 pages, 3 figures journal=- doi=-
        | abs=http://arxiv.org/abs/astro-ph/0601001v1 pdf=http://arxiv.org/pdf/astro-ph/0601001v1 doi_link=- html=https://arxiv.org/html/astro-ph/0601001v1
        paper 1501.00001v3 title="Electron transport"
        | summary="Short."
        | authors=A. Author
        | published=2015-01-01T09:00:00Z updated=2015-03-02T10:00:00Z primary=cond-mat.mes-hall categories=cond-mat.mes-hall
        | comment=- journal=J. Phys. 1 (2015) 1 doi=10.1000/xyz123
        | abs=http://arxiv.org/abs/1501.00001v3 pdf=http://arxiv.org/pdf/1501.00001v3 doi_link=http://dx.doi.org/10.1000/xyz123 html=https://arxiv.org/html/1501.00001v3
        "#,
    );
}

#[test]
fn interim_feed_links_without_rel() {
    check(
        "interim.xml",
        r#"
        feed query=au:Kostic ids=- total=1 start=0 per_page=10 updated=2025-11-12T00:00:00Z
        paper 2511.01234v2 title="Interim links"
        | summary="Links without rel or title."
        | authors=Dejan Kostić
        | published=2025-11-01T08:00:00Z updated=2025-11-11T08:00:00Z primary=cs.NI categories=cs.NI cs.OS
        | comment=- journal=- doi=10.1145/3600000.3600001
        | abs=https://arxiv.org/abs/2511.01234v2 pdf=https://arxiv.org/pdf/2511.01234v2 doi_link=https://doi.org/10.1145/3600000.3600001 html=https://arxiv.org/html/2511.01234v2
        "#,
    );
}

#[test]
fn namespaces_not_prefixes_and_any_order() {
    check(
        "prefixes-and-order.xml",
        r#"
        feed query=- ids=- total=2 start=- per_page=- updated=-
        paper 2601.00002v1 title="0"
        | summary="Uses <b>CDATA</b> & keeps $x<y$ as text."
        | authors=Ana Šimić (Zagreb)
        | published=2026-01-02T00:00:00Z updated=- primary=math.CO categories=math.CO
        | comment=- journal=- doi=-
        | abs=https://arxiv.org/abs/2601.00002v1 pdf=https://arxiv.org/pdf/2601.00002v1 doi_link=- html=https://arxiv.org/html/2601.00002v1
        paper 2601.00003v1 title="Tom & Jerry's <proof>"
        | summary=""
        | authors=Bob
        | published=- updated=- primary=- categories=
        | comment=- journal=- doi=-
        | abs=https://arxiv.org/abs/2601.00003v1 pdf=https://arxiv.org/pdf/2601.00003v1 doi_link=- html=https://arxiv.org/html/2601.00003v1
        "#,
    );
}

#[test]
fn damaged_entries_cost_only_themselves() {
    check(
        "damaged-entries.xml",
        r#"
        feed query=- ids=- total=- start=- per_page=- updated=-
        paper 2602.00001v1 title=""
        | summary="Bad dates &bogus; entity."
        | authors=
        | published=- updated=- primary=- categories=
        | comment=- journal=- doi=-
        | abs=https://arxiv.org/abs/2602.00001v1 pdf=https://arxiv.org/pdf/2602.00001v1 doi_link=- html=https://arxiv.org/html/2602.00001v1
        paper 2602.00002v2 title="Second copy, newer"
        | summary=""
        | authors=
        | published=- updated=- primary=- categories=
        | comment=- journal=- doi=-
        | abs=https://arxiv.org/abs/2602.00002v2 pdf=https://arxiv.org/pdf/2602.00002v2 doi_link=- html=https://arxiv.org/html/2602.00002v2
        paper tag:example.com,2026:post-7 title="A post from another site"
        | summary=""
        | authors=
        | published=- updated=- primary=- categories=
        | comment=- journal=- doi=-
        | abs=https://example.com/post-7 pdf=- doi_link=- html=-
        warning: Entry 1 has no id and was left out.
        warning: The entity “&bogus” is not defined in XML; it was kept as text.
        warning: 2602.00001v1 has no title.
        warning: 2602.00001v1: the published date “last Tuesday” is not a valid timestamp and was ignored.
        warning: 2602.00001v1: the updated date “2026-02-30T00:00:00Z” is not a valid timestamp and was ignored.
        warning: 2602.00001v1: a link that is not http or https (“javascript:alert(1)”) was dropped.
        warning: 2602.00002 appears more than once; the newest version was kept.
        "#,
    );
}

#[test]
fn empty_results_are_an_empty_feed() {
    check(
        "empty-results.xml",
        "feed query=ti:zzzzqqq ids=- total=0 start=0 per_page=10 updated=2026-06-21T00:00:00Z",
    );
}

#[test]
fn encodings_are_decoded_or_refused_clearly() {
    check(
        "latin1.xml",
        r#"
        feed query=- ids=- total=- start=- per_page=- updated=-
        paper 2601.00004v1 title="Café"
        | summary=""
        | authors=Jürgen Müller
        | published=- updated=- primary=- categories=
        | comment=- journal=- doi=-
        | abs=https://arxiv.org/abs/2601.00004v1 pdf=https://arxiv.org/pdf/2601.00004v1 doi_link=- html=https://arxiv.org/html/2601.00004v1
        "#,
    );
    check(
        "utf16le.xml",
        r#"
        feed query=- ids=- total=- start=- per_page=- updated=-
        paper 2601.00005v2 title="Sixteen bits: Kostić"
        | summary=""
        | authors=
        | published=- updated=- primary=- categories=
        | comment=- journal=- doi=-
        | abs=https://arxiv.org/abs/2601.00005v2 pdf=https://arxiv.org/pdf/2601.00005v2 doi_link=- html=https://arxiv.org/html/2601.00005v2
        "#,
    );
    check(
        "shift-jis.xml",
        "error: The feed is encoded as SHIFT_JIS, which this page cannot read. Save it as UTF-8 and try again.",
    );
}

#[test]
fn documents_that_are_not_feeds_give_errors() {
    check(
        "api-error.xml",
        "error: arXiv answered with an error: incorrect id format for 1234.12345v",
    );
    check(
        "doctype.xml",
        "error: The feed declares a DOCTYPE (line 2, column 1). Feeds never need one, and entity definitions can be used to attack readers, so it is refused.",
    );
    check(
        "not-a-feed.html",
        "error: This is not an Atom feed: its top element is <html>. Load an arXiv API response or an Atom feed.",
    );
}

#[test]
fn malformed_xml_names_line_column_and_excerpt() {
    let result = parse_feed(&fixture("malformed.xml"));
    match result {
        Err(ParseError::Malformed {
            line,
            column,
            excerpt,
            ..
        }) => {
            assert_eq!(line, 5, "the mismatched end tag is on line 5");
            assert!(column > 1, "column {column}");
            assert!(excerpt.contains("</summary>"), "excerpt {excerpt:?}");
        }
        other => panic!("expected a malformed-XML error, got {other:?}"),
    }
}

#[test]
fn empty_and_broken_input() {
    let cases: [(&[u8], &str); 4] = [
        (
            b"",
            "error: The document is empty: there is no feed to read.\n",
        ),
        (
            b"  \n ",
            "error: The document is empty: there is no feed to read.\n",
        ),
        (
            b"\xFF\xFE\x00",
            "error: The feed is not valid UTF-16 text (line 1, column 1). Is it a binary file?\n",
        ),
        (
            b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry></id><title>x</title></entry></feed>",
            "",
        ),
    ];
    for (input, expected) in cases {
        let described = describe(&parse_feed(input));
        if expected.is_empty() {
            assert!(
                described.starts_with("error: The feed is not well-formed XML"),
                "{described}"
            );
        } else {
            assert_eq!(described, expected);
        }
    }
}

#[test]
fn oversized_input_is_refused_before_parsing() {
    let huge = vec![b' '; MAX_FEED_BYTES + 1];
    assert!(matches!(
        parse_feed(&huge),
        Err(ParseError::TooLarge { .. })
    ));
}

#[test]
fn absurd_nesting_is_refused() {
    let mut xml = String::from("<feed xmlns=\"http://www.w3.org/2005/Atom\">");
    xml.push_str(&"<x>".repeat(10_000));
    assert!(matches!(
        parse_feed(xml.as_bytes()),
        Err(ParseError::TooDeep { .. })
    ));
}

#[test]
fn a_cut_off_feed_keeps_its_complete_entries() {
    let seed = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/seed-feed.xml"))
        .expect("seed feed");
    let text = String::from_utf8(seed).expect("utf-8");
    let first_entry = text.find("<entry").expect("an entry");
    // Cut at many places after the first entry starts, inside tags and inside text.
    for cut in (first_entry + 1..text.len() - 1).step_by(997) {
        let Some(prefix) = text.get(..cut) else {
            continue;
        };
        let parsed = parse_feed(prefix.as_bytes()).unwrap_or_else(|e| panic!("cut at {cut}: {e}"));
        let complete = prefix.matches("</entry>").count();
        assert_eq!(parsed.feed.papers.len(), complete, "cut at {cut}");
        assert!(
            parsed.warnings.iter().any(|w| matches!(
                w,
                ParseWarning::CutOff { complete_entries } if *complete_entries == complete
            )),
            "cut at {cut}: {:?}",
            parsed.warnings
        );
    }
    // A document that is not a feed is still malformed when cut.
    assert!(matches!(
        parse_feed(b"<html><body><p>x"),
        Err(ParseError::Malformed { .. } | ParseError::NotAFeed { .. })
    ));
}
