//! rss.arxiv.org listings (RSS 2.0 and Atom) and RSS from other sites.

use arxiv_explorer::core::embedded::EMBEDDED_FEED_XML;
use arxiv_explorer::core::feed::{parse_feed, AnnounceType, FeedFormat, ParsedFeed};

fn fixture(name: &str) -> ParsedFeed {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|err| panic!("{path}: {err}"));
    parse_feed(&bytes).unwrap_or_else(|err| panic!("{path}: {err}"))
}

fn stamp(t: Option<arxiv_explorer::core::feed::Timestamp>) -> Option<String> {
    t.map(|t| t.to_rfc3339())
}

#[test]
fn formats_are_recognised() {
    let cases = [
        ("rss/arxiv-cs-os.rss", FeedFormat::ArxivRss),
        ("rss/arxiv-cs-os.atom", FeedFormat::ArxivAtomListing),
        ("rss/blog.rss", FeedFormat::Rss),
        ("atom/legacy.xml", FeedFormat::ArxivApi),
        ("atom/interim.xml", FeedFormat::ArxivApi),
        ("atom/damaged-entries.xml", FeedFormat::Atom),
    ];
    for (name, format) in cases {
        assert_eq!(fixture(name).feed.meta.format, format, "{name}");
    }
    let seed = parse_feed(EMBEDDED_FEED_XML.as_bytes()).expect("seed");
    assert_eq!(seed.feed.meta.format, FeedFormat::ArxivApi);
}

#[test]
fn arxiv_rss_items() {
    let parsed = fixture("rss/arxiv-cs-os.rss");
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    let meta = &parsed.feed.meta;
    assert_eq!(meta.title.as_deref(), Some("cs.OS updates on arXiv.org"));
    assert_eq!(stamp(meta.updated).as_deref(), Some("2026-04-09T04:00:00Z"));
    let [new, replaced] = parsed.feed.papers.as_slice() else {
        panic!("two items");
    };
    assert_eq!(new.versioned_id(), "2604.07839v1");
    assert_eq!(new.announce_type, Some(AnnounceType::New));
    assert_eq!(
        new.summary,
        "The rapid expansion of the Internet of Things (IoT) and smart home ecosystems has led to a fragmented landscape."
    );
    let names: Vec<&str> = new.authors.iter().map(|a| a.name.as_str()).collect();
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
    assert_eq!(new.categories, ["cs.CR", "cs.HC", "cs.OS"]);
    assert_eq!(
        stamp(new.published).as_deref(),
        Some("2026-04-09T04:00:00Z")
    );
    assert_eq!(
        new.links.abs.as_deref(),
        Some("https://arxiv.org/abs/2604.07839")
    );
    assert_eq!(
        new.links.pdf.as_deref(),
        Some("https://arxiv.org/pdf/2604.07839v1")
    );

    assert_eq!(replaced.versioned_id(), "2603.25666v2");
    assert_eq!(replaced.announce_type, Some(AnnounceType::Replace));
    assert_eq!(
        replaced.published, None,
        "a replacement's listing date is not its first version"
    );
    assert_eq!(
        stamp(replaced.updated).as_deref(),
        Some("2026-04-09T04:00:00Z")
    );
    assert_eq!(
        replaced.doi.as_deref(),
        Some("10.1109/DDECS69233.2026.11520990")
    );
    assert_eq!(
        replaced.journal_ref.as_deref(),
        Some("Proceeding of the 2026 IEEE 29th DDECS")
    );
}

#[test]
fn arxiv_atom_listing_entries() {
    let parsed = fixture("rss/arxiv-cs-os.atom");
    let paper = &parsed.feed.papers[0];
    assert_eq!(paper.versioned_id(), "2604.05505v2");
    assert_eq!(paper.announce_type, Some(AnnounceType::ReplaceCross));
    assert_eq!(
        paper.summary,
        "As quantum computing moves from isolated experiments toward integration."
    );
    let names: Vec<&str> = paper.authors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Sinan Pehlivanoglu",
            "Ulrik de Muelenaere",
            "Peter Kogge",
            "Amr Sabry"
        ]
    );
    assert_eq!(paper.categories, ["quant-ph", "cs.OS"]);
}

#[test]
fn rss_from_other_sites_is_read_best_effort() {
    let parsed = fixture("rss/blog.rss");
    let post = &parsed.feed.papers[0];
    assert_eq!(post.id, "https://lab.example/posts/dataset");
    assert_eq!(post.title, "We released a dataset");
    assert_eq!(
        post.summary, "<p>Text with markup.</p>",
        "kept as text, never as HTML"
    );
    assert_eq!(
        post.links.abs.as_deref(),
        Some("https://lab.example/posts/dataset")
    );
    assert_eq!(
        stamp(post.published).as_deref(),
        Some("2026-04-07T10:00:00Z")
    );
}
