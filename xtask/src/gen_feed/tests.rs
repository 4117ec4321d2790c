//! The generator against the project's own parser: identical bytes per seed, the requested
//! number of entries, zero parse warnings, and the shapes the explorer must cope with.

use std::collections::{BTreeMap, BTreeSet};

use arxiv_explorer::core::feed::{parse_feed, FeedFormat, ParsedFeed};
use arxiv_explorer::core::taxonomy::category_name;

use super::pools::CLASS_CODES;
use super::*;

fn parsed(entries: usize, seed: u64) -> ParsedFeed {
    let bytes = render(entries, seed);
    match parse_feed(&bytes) {
        Ok(parsed) => parsed,
        Err(err) => panic!("generated feed ({entries}, {seed}) does not parse: {err}"),
    }
}

#[test]
fn same_entries_and_seed_give_identical_bytes() {
    let first = render(300, 7);
    assert_eq!(first, render(300, 7));
    assert_ne!(first, render(300, 8));
    assert_ne!(first, render(301, 7));
}

#[test]
fn writes_the_requested_number_of_entries() {
    for entries in [0, 1, 2, 57] {
        let text = String::from_utf8(render(entries, 3)).expect("UTF-8");
        assert_eq!(
            text.matches("<entry>").count(),
            entries,
            "{entries} entries"
        );
        assert!(text.ends_with("</feed>\n"));
    }
}

#[test]
fn the_project_parser_reads_every_entry_without_warnings() {
    let feed = parsed(2000, 1);
    assert!(
        feed.warnings.is_empty(),
        "warnings: {:?}",
        &feed.warnings[..feed.warnings.len().min(5)]
    );
    assert_eq!(feed.feed.papers.len(), 2000);
    let meta = &feed.feed.meta;
    assert_eq!(meta.format, FeedFormat::ArxivApi);
    assert_eq!(meta.total_results, Some(2000));
    assert_eq!(meta.items_per_page, Some(2000));
    assert_eq!(meta.start_index, Some(0));
    assert_eq!(meta.search_query.as_deref(), Some(SEARCH_QUERY));
}

#[test]
fn papers_look_like_arxiv_papers() {
    let feed = parsed(2000, 11).feed;
    let papers = &feed.papers;
    let count = |test: &dyn Fn(&arxiv_explorer::core::feed::Paper) -> bool| {
        papers.iter().filter(|p| test(p)).count()
    };

    // Authors: almost always 1–15, a long tail beyond, never more than 1,000.
    let authors: Vec<usize> = papers.iter().map(|p| p.authors.len()).collect();
    assert!(authors.iter().all(|&n| (1..=1000).contains(&n)));
    let typical = authors.iter().filter(|&&n| n <= 15).count();
    assert!(
        typical * 100 >= papers.len() * 95,
        "{typical} of {} typical",
        papers.len()
    );
    assert!(authors.iter().any(|&n| n > 15), "no long tail");
    assert!(
        count(&|p| p.authors.iter().any(|a| !a.name.is_ascii())) > 200,
        "few diacritics"
    );
    assert!(count(&|p| p.authors.iter().any(|a| !a.affiliations.is_empty())) > 100);

    // Versions, dates and notes.
    let revised = count(&|p| p.version.unwrap_or(1) > 1 && p.updated > p.published);
    assert!(revised > 200 && revised < 800, "{revised} revised");
    assert!(papers
        .iter()
        .all(|p| p.published.is_some() && p.updated >= p.published));
    let months: BTreeSet<String> = papers
        .iter()
        .filter_map(|p| p.published.map(|t| t.date().to_string()[..7].to_string()))
        .collect();
    assert!(months.len() >= 6, "published in {months:?}");
    assert!(count(&|p| p.doi.is_some() && p.links.doi.is_some()) > 50);
    assert!(count(&|p| p.journal_ref.is_some()) > 100);
    assert!(count(&|p| p.comment.is_some()) > 800);
    assert!(count(&|p| p.id.contains('/')) > 0, "no old-style ids");

    // Abstracts: 600–2,000 characters with inline LaTeX.
    for paper in papers {
        let chars = paper.summary.chars().count();
        assert!(
            (600..=2000).contains(&chars),
            "{}: {chars} characters",
            paper.id
        );
    }
    assert!(count(&|p| p.summary.contains('$')) > 1000);
    assert!(count(&|p| p.summary.contains("\\emph{")) > 100);

    // Categories: real codes (or ACM/MSC classes), machine learning leading, primary first.
    let mut primaries: BTreeMap<&str, usize> = BTreeMap::new();
    for paper in papers {
        let primary = paper.primary_category.as_deref().expect("primary category");
        assert_eq!(paper.categories.first().map(String::as_str), Some(primary));
        *primaries.entry(primary).or_default() += 1;
        for category in &paper.categories {
            assert!(
                category_name(category).is_some() || CLASS_CODES.contains(&category.as_str()),
                "unknown category {category}"
            );
        }
    }
    assert!(
        primaries.len() >= 30,
        "{} primary categories",
        primaries.len()
    );
    let top = primaries.iter().max_by_key(|(_, n)| **n).map(|(c, _)| *c);
    assert_eq!(top, Some("cs.LG"), "{primaries:?}");
    assert!(count(&|p| p.categories.len() > 1) > 800);
}

#[test]
fn authors_mostly_write_within_their_community() {
    let corpus = Corpus::new(2000, 5);
    let mut community_of = vec![0; corpus.people.len()];
    for (index, community) in corpus.communities.iter().enumerate() {
        for &member in &community.members {
            community_of[member as usize] = index;
        }
    }
    let (mut inside, mut pairs) = (0usize, 0usize);
    for (position, skeleton) in corpus.papers.iter().enumerate() {
        let mut rng = Rng::stream(corpus.seed, 99, position as u64);
        let people = entry::choose_people(&mut rng, &corpus, skeleton);
        if people.len() > 15 {
            continue;
        }
        for (i, a) in people.iter().enumerate() {
            for b in &people[i + 1..] {
                pairs += 1;
                if community_of[*a as usize] == community_of[*b as usize] {
                    inside += 1;
                }
            }
        }
    }
    let share = inside as f64 / pairs as f64;
    assert!(
        share > 0.6 && share < 0.97,
        "{inside} of {pairs} pairs inside a community"
    );
}

#[test]
fn pages_split_the_same_corpus() {
    let corpus = Corpus::new(25, 2);
    let mut second = Vec::new();
    write_page(&corpus, &mut second, 10, 10, 10).expect("write to memory");
    let page = parse_feed(&second).expect("page parses");
    assert!(page.warnings.is_empty());
    assert_eq!(page.feed.papers.len(), 10);
    assert_eq!(page.feed.meta.start_index, Some(10));
    assert_eq!(page.feed.meta.items_per_page, Some(10));
    assert_eq!(page.feed.meta.total_results, Some(25));
    let whole = parse_feed(&render(25, 2)).expect("whole feed parses").feed;
    assert_eq!(page.feed.papers[..], whole.papers[10..20]);

    let paths = page_paths(Path::new("out/feed.xml"), 15);
    assert_eq!(paths[0], Path::new("out/feed-001.xml"));
    assert_eq!(paths[14], Path::new("out/feed-015.xml"));
}

#[test]
fn escapes_text_and_attributes() {
    assert_eq!(entry::escape("a & b < c", false), "a &amp; b &lt; c");
    assert_eq!(entry::escape("\"q\"", true), "&quot;q&quot;");
    assert_eq!(entry::escape("\"q\"", false), "\"q\"");
}
