//! The embedded seed feed (a real arXiv API response) parses into exactly the papers it holds.

use arxiv_explorer::core::feed::{parse_feed, Paper, ParsedFeed};

const SEED: &str = include_str!("../assets/seed-feed.xml");

fn seed() -> ParsedFeed {
    parse_feed(SEED.as_bytes()).expect("the seed feed parses")
}

fn paper<'a>(parsed: &'a ParsedFeed, id: &str) -> &'a Paper {
    parsed
        .feed
        .papers
        .iter()
        .find(|p| p.id == id)
        .unwrap_or_else(|| panic!("paper {id} is in the seed"))
}

#[test]
fn seed_has_fifteen_papers_in_document_order_without_warnings() {
    let parsed = seed();
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    let ids: Vec<String> = parsed.feed.papers.iter().map(Paper::versioned_id).collect();
    assert_eq!(
        ids,
        [
            "2604.07839v1",
            "2604.05505v2",
            "2603.18030v2",
            "2604.07609v1",
            "2604.06970v1",
            "2604.05091v1",
            "2602.04816v3",
            "2603.15042v3",
            "2604.02442v1",
            "2604.01655v1",
            "2604.01620v1",
            "2604.01441v1",
            "2603.29052v1",
            "2603.25666v1",
            "2603.21466v2",
        ]
    );
}

#[test]
fn seed_feed_metadata() {
    let meta = seed().feed.meta;
    assert_eq!(meta.total_results, Some(1379));
    assert_eq!(meta.start_index, Some(105));
    assert_eq!(meta.items_per_page, Some(15));
    assert_eq!(meta.search_query.as_deref(), Some("cat:cs.OS"));
    assert_eq!(meta.id_list, None);
    assert_eq!(
        meta.updated.map(|t| t.to_rfc3339()).as_deref(),
        Some("2026-06-21T11:24:25Z")
    );
    assert_eq!(meta.result_range(15), Some((106, 120)));
}

#[test]
fn seed_paper_fields() {
    let parsed = seed();
    let first = paper(&parsed, "2604.07839");
    assert_eq!(first.version, Some(1));
    assert_eq!(
        first.title,
        "A Hardware-Anchored Privacy Middleware for PII Sharing Across Heterogeneous Embedded Consumer Devices"
    );
    assert!(first
        .summary
        .starts_with("The rapid expansion of the Internet of Things (IoT)"));
    assert_eq!(first.primary_category.as_deref(), Some("cs.CR"));
    assert_eq!(first.categories, ["cs.CR", "cs.HC", "cs.OS"]);
    assert_eq!(
        first.comment.as_deref(),
        Some("4 pages, 2 figures, 4 tables")
    );
    let names: Vec<&str> = first.authors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Aditya Sabbineni",
            "Pravin Nagare",
            "Devendra Dahiphale",
            "Preetam Dedu",
            "Willison Lopes"
        ]
    );
    assert_eq!(
        first.published.map(|t| t.to_rfc3339()).as_deref(),
        Some("2026-04-09T05:40:55Z")
    );
    assert_eq!(
        first.links.abs.as_deref(),
        Some("https://arxiv.org/abs/2604.07839v1")
    );
    assert_eq!(
        first.links.pdf.as_deref(),
        Some("https://arxiv.org/pdf/2604.07839v1")
    );
    assert_eq!(
        first.links.html.as_deref(),
        Some("https://arxiv.org/html/2604.07839v1")
    );
    assert_eq!(first.doi, None);

    let revised = paper(&parsed, "2604.05505");
    assert_eq!(revised.version, Some(2));
    assert_eq!(
        revised.published.map(|t| t.to_rfc3339()).as_deref(),
        Some("2026-04-07T06:58:46Z")
    );
    assert_eq!(
        revised.updated.map(|t| t.to_rfc3339()).as_deref(),
        Some("2026-04-09T02:03:45Z")
    );
    assert_eq!(
        revised.dates_line(),
        "Submitted 7 Apr 2026, revised 9 Apr 2026 (v2)"
    );
    // A first version has no revision to speak of.
    assert!(first.dates_line().starts_with("Submitted "));
    assert!(!first.dates_line().contains("revised"));
}

#[test]
fn seed_authors_keep_diacritics_and_initials() {
    let parsed = seed();
    let all_names: Vec<&str> = parsed
        .feed
        .papers
        .iter()
        .flat_map(|p| p.authors.iter().map(|a| a.name.as_str()))
        .collect();
    assert!(all_names.contains(&"Dejan Kostić"), "{all_names:?}");
    assert!(all_names.contains(&"Gerald Q. Maguire"), "{all_names:?}");
}

#[test]
fn seed_doi_and_journal_ref() {
    let parsed = seed();
    let fault_injection = paper(&parsed, "2603.25666");
    assert_eq!(
        fault_injection.doi.as_deref(),
        Some("10.1109/DDECS69233.2026.11520990")
    );
    assert_eq!(
        fault_injection.links.doi.as_deref(),
        Some("https://doi.org/10.1109/DDECS69233.2026.11520990")
    );
    assert_eq!(
        fault_injection.journal_ref.as_deref(),
        Some("Proceeding of the 2026 IEEE 29th International Symposium on Design and Diagnostics of Electronic Circuits and Systems (DDECS)")
    );
    assert_eq!(
        fault_injection
            .authors
            .iter()
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>(),
        ["Luca Mannella", "Stefano Di Carlo", "Alessandro Savino"]
    );
}

#[test]
fn seed_paper_without_categories_is_kept() {
    let parsed = seed();
    let unverified = paper(&parsed, "2604.01441");
    assert_eq!(unverified.primary_category, None);
    assert!(unverified.categories.is_empty());
}

#[test]
fn seed_whitespace_is_collapsed_and_latex_kept() {
    let parsed = seed();
    for paper in &parsed.feed.papers {
        for text in [&paper.title, &paper.summary] {
            assert!(
                !text.contains('\n') && !text.contains("  "),
                "{}: {text:?}",
                paper.id
            );
            assert_eq!(text.trim(), text.as_str());
        }
    }
    assert!(
        parsed
            .feed
            .papers
            .iter()
            .any(|p| p.summary.contains("$\\times$")),
        "LaTeX is kept verbatim"
    );
}

#[test]
fn seed_heading_and_results_label() {
    let meta = seed().feed.meta;
    assert_eq!(meta.heading(), "cat:cs.OS");
    assert_eq!(meta.results_label(15), "15 of 1,379 results (106–120)");
}
