//! The filter engine, table-driven: a view given as its URL query → the ids that match, in
//! order. Fixture: `tests/fixtures/atom/explorer.xml` (six papers built to hit every edge).

mod common;

use std::collections::{HashMap, HashSet};

use common::Rng;

use arxiv_explorer::core::embedded::EMBEDDED_FEED_XML;
use arxiv_explorer::core::feed::{parse_feed, Date, Paper};
use arxiv_explorer::core::filter::{apply, DatePreset, FeedIndex, FilterContext, FilterSpec};
use arxiv_explorer::core::search::fold;
use arxiv_explorer::core::view_state::decode;

const E1: &str = "2601.00001";
const E2: &str = "2601.00002";
const E3: &str = "2601.00003";
const E4: &str = "2601.00004";
const E5: &str = "astro-ph/0601001";
const E6: &str = "2601.00006";

fn explorer_papers() -> Vec<Paper> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/atom/explorer.xml"
    );
    let bytes = std::fs::read(path).expect("fixture");
    let parsed = parse_feed(&bytes).expect("fixture parses");
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    parsed.feed.papers
}

fn spec(query: &str) -> FilterSpec {
    let (state, notices) = decode(query);
    assert!(notices.is_empty(), "{query}: {notices:?}");
    state.filter
}

fn run(papers: &[Paper], query: &str, favourites: &[&str]) -> Vec<String> {
    let index = FeedIndex::build(papers);
    let favourites: HashSet<String> = favourites.iter().map(ToString::to_string).collect();
    let tags: HashMap<String, Vec<String>> = [
        (
            E2.to_string(),
            vec!["rtos".to_string(), "to read".to_string()],
        ),
        (E4.to_string(), vec!["to read".to_string()]),
    ]
    .into_iter()
    .collect();
    let result = apply(
        papers,
        &index,
        &spec(query),
        &FilterContext::new(&favourites, &tags),
    );
    result
        .matches
        .iter()
        .map(|&i| papers[i].id.clone())
        .collect()
}

fn check(cases: &[(&str, &[&str])]) {
    let papers = explorer_papers();
    for (query, expected) in cases {
        assert_eq!(run(&papers, query, &[]), *expected, "query {query:?}");
    }
}

#[test]
fn no_filter_keeps_feed_order() {
    check(&[("", &[E1, E2, E3, E4, E5, E6])]);
}

#[test]
fn text_filter() {
    check(&[
        ("q=kernel", &[E1, E2]),
        ("q=KERNEL", &[E1, E2]),
        ("q=kostic", &[E1, E2]),
        ("q=Kosti%C4%87", &[E1, E2]),
        ("q=muller", &[E6]),
        ("q=sched+kernel", &[E1]),
        ("q=%22large+language%22", &[E3, E4]),
        ("q=large+-quantum", &[E4]),
        ("q=-%22large+language%22", &[E1, E2, E5, E6]),
        ("q=2601.00003", &[E3]),
        ("q=astro-ph/0601001", &[E5]),
        ("q=10.1000/abc", &[E2]),
        ("q=%22proc.+x%22", &[E2]),
        ("q=10+pages", &[E1]),
        ("q=nothing-matches-this", &[]),
    ]);
}

#[test]
fn author_filter() {
    check(&[
        ("author=Dejan+Kostic", &[E1, E2]),
        ("author=dejan+kosti%C4%87", &[E1, E2]),
        ("author=L.+Sun", &[E3]),
        ("author=L.+Sun&loose=1", &[E1, E3]),
        ("author=Sun&loose=1", &[E1, E3]),
        (
            "author=Dejan+Kosti%C4%87&author=Gerald+Q.+Maguire",
            &[E1, E2, E4],
        ),
        (
            "author=Dejan+Kosti%C4%87&author=Gerald+Q.+Maguire&amode=all",
            &[E2],
        ),
        ("author=Ana+Simic", &[E3, E4]),
        ("author=Nobody", &[]),
    ]);
}

#[test]
fn category_filter() {
    check(&[
        ("cat=cs.OS", &[E1, E2, E3, E6]),
        ("cat=cs.OS&primary=1", &[E1, E6]),
        ("cat=cs.DC", &[E2, E4]),
        ("cat=cs.DC&primary=1", &[E2]),
        ("cat=cs.DC&cat=astro-ph", &[E2, E4, E5]),
        ("cat=math.AG", &[]),
    ]);
}

#[test]
fn date_filter_days_are_inclusive_and_utc() {
    check(&[
        ("from=2026-01-11&to=2026-01-11", &[E2]),
        ("from=2026-01-10&to=2026-01-10", &[E1]),
        ("from=2026-01-10", &[E1, E2, E6]),
        ("to=2025-12-31", &[E3, E4, E5]),
        ("from=2026-01-15", &[]),
        ("from=2026-01-15&date=updated", &[E2, E4]),
        ("to=2006-01-01&date=updated", &[E5]),
    ]);
}

#[test]
fn flags() {
    check(&[
        ("flag=doi", &[E2]),
        ("flag=jref", &[E2]),
        ("flag=revised", &[E2, E4]),
        ("flag=revised&flag=doi", &[E2]),
    ]);
    let papers = explorer_papers();
    assert_eq!(run(&papers, "flag=fav", &[E6, E3]), [E3, E6]);
    assert_eq!(run(&papers, "flag=fav", &[]), Vec::<String>::new());
}

#[test]
fn tags_of_favourites() {
    check(&[
        ("tag=rtos", &[E2]),
        ("tag=to+read", &[E2, E4]),
        ("tag=rtos&tag=to+read", &[E2, E4]),
        ("tag=unused", &[]),
    ]);
}

#[test]
fn combined_filters() {
    check(&[
        ("q=kernel&cat=cs.OS&primary=1", &[E1]),
        (
            "author=Gerald+Q.+Maguire&flag=revised&from=2026-01-01",
            &[E2],
        ),
        ("author=Ana+Simic&cat=cs.OS", &[E3]),
        (
            "q=serving&author=Bob+Stone&date=updated&from=2026-01-15&to=2026-01-15",
            &[E4],
        ),
    ]);
}

#[test]
fn sort_orders() {
    check(&[
        ("sort=published", &[E6, E2, E1, E3, E4, E5]),
        ("sort=published-asc", &[E5, E4, E3, E1, E2, E6]),
        ("sort=updated", &[E2, E4, E6, E1, E3, E5]),
        ("sort=updated-asc", &[E5, E3, E1, E6, E4, E2]),
        ("sort=title", &[E6, E5, E2, E1, E4, E3]),
        ("sort=authors", &[E4, E1, E2, E3, E5, E6]),
        ("q=language&sort=relevance", &[E4, E3]),
        ("sort=relevance", &[E1, E2, E3, E4, E5, E6]),
    ]);
}

#[test]
fn facets_count_the_current_result() {
    let papers = explorer_papers();
    let index = FeedIndex::build(&papers);
    let none = HashSet::new();
    let tags: HashMap<String, Vec<String>> = [(E2.to_string(), vec!["rtos".to_string()])]
        .into_iter()
        .collect();
    let context = FilterContext::new(&none, &tags);
    let all = apply(&papers, &index, &spec(""), &context);
    let categories: Vec<(&str, usize)> = all
        .facets
        .categories
        .iter()
        .map(|(c, n)| (c.as_str(), *n))
        .collect();
    assert_eq!(
        categories,
        [
            ("cs.OS", 4),
            ("cs.DC", 2),
            ("astro-ph", 1),
            ("cs.AI", 1),
            ("cs.LG", 1),
            ("quant-ph", 1)
        ]
    );
    let top: Vec<(&str, usize)> = all
        .facets
        .authors
        .iter()
        .take(3)
        .map(|(a, n)| (a.as_str(), *n))
        .collect();
    assert_eq!(
        top,
        [
            ("Ana Šimić", 2),
            ("Dejan Kostić", 2),
            ("Gerald Q. Maguire", 2)
        ]
    );
    assert_eq!(all.facets.years, [(2026, 3), (2025, 2), (2006, 1)]);
    assert_eq!(all.facets.tags, [("rtos".to_string(), 1)]);

    let narrowed = apply(&papers, &index, &spec("cat=cs.DC"), &context);
    assert_eq!(
        narrowed.facets.categories,
        [
            ("cs.DC".to_string(), 2),
            ("cs.LG".to_string(), 1),
            ("cs.OS".to_string(), 1)
        ]
    );
    assert_eq!(narrowed.facets.years, [(2026, 1), (2025, 1)]);
}

#[test]
fn author_index_and_suggestions() {
    let papers = explorer_papers();
    let index = FeedIndex::build(&papers);
    let suggested: Vec<(&str, usize)> = index
        .suggest_authors("kos", 5)
        .into_iter()
        .map(|a| (a.name.as_str(), a.papers))
        .collect();
    assert_eq!(suggested, [("Dejan Kostić", 2)]);
    let suggested: Vec<&str> = index
        .suggest_authors("sim", 5)
        .into_iter()
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(suggested, ["Ana Šimić"]);
    assert!(index.suggest_authors("", 5).is_empty());
    assert_eq!(index.newest, Date::parse_iso("2026-02-01"));
}

#[test]
fn date_presets_count_back_from_the_newest_day() {
    let newest = Date::parse_iso("2026-04-09").expect("date");
    let day = |s: &str| Date::parse_iso(s).expect("date");
    assert_eq!(DatePreset::Week.range(newest), (day("2026-04-03"), newest));
    assert_eq!(DatePreset::Month.range(newest), (day("2026-03-11"), newest));
    assert_eq!(DatePreset::Year.range(newest), (day("2025-04-10"), newest));
}

#[test]
fn seed_feed_filters() {
    let parsed = parse_feed(EMBEDDED_FEED_XML.as_bytes()).expect("seed");
    let papers = parsed.feed.papers;
    assert_eq!(run(&papers, "author=dejan+kostic", &[]), ["2604.07609"]);
    assert_eq!(
        run(&papers, "author=Gerald+Maguire&loose=1", &[]),
        ["2604.07609"]
    );
    assert_eq!(run(&papers, "cat=cs.CR", &[]), ["2604.07839"]);
    assert_eq!(run(&papers, "flag=doi", &[]), ["2603.25666"]);
    assert_eq!(
        run(&papers, "q=freertos", &[]),
        ["2603.25666"],
        "title and abstract mention FreeRTOS"
    );
    assert_eq!(
        run(&papers, "cat=cs.OS&primary=1", &[]),
        [
            "2603.18030",
            "2602.04816",
            "2604.02442",
            "2604.01655",
            "2604.01620",
            "2603.25666",
            "2603.21466"
        ]
    );
}

/// The word index must give exactly what scanning the folded text gives: terms cut from the
/// papers' own text at random (inside words, across spaces and punctuation, one character),
/// required and excluded, against a plain `contains` over every paper.
#[test]
fn the_word_index_agrees_with_scanning_the_text() {
    let papers = parse_feed(EMBEDDED_FEED_XML.as_bytes())
        .expect("embedded feed")
        .feed
        .papers;
    let index = FeedIndex::build(&papers);
    let (favourites, tags) = (HashSet::new(), HashMap::new());
    let context = FilterContext::new(&favourites, &tags);
    // The oracle: every searchable field of every paper, folded in full.
    let folded_fields: Vec<Vec<String>> = papers
        .iter()
        .map(|paper| {
            let names: Vec<&str> = paper.authors.iter().map(|a| a.name.as_str()).collect();
            let mut fields = vec![
                fold(&paper.title),
                fold(&paper.summary),
                fold(&names.join("; ")),
            ];
            fields.extend(
                [&paper.comment, &paper.journal_ref, &paper.doi]
                    .into_iter()
                    .flatten()
                    .map(|f| fold(f)),
            );
            fields.push(fold(&paper.versioned_id()));
            fields
        })
        .collect();
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let mut checked = 0;
    for _ in 0..600 {
        let folded = &folded_fields[rng.below(folded_fields.len())];
        let field: Vec<char> = folded[rng.below(folded.len())]
            .chars()
            .filter(|c| *c != '"' && *c != '\u{1F}')
            .collect();
        if field.is_empty() {
            continue;
        }
        let start = rng.below(field.len());
        let length = 1 + rng.below(12);
        let term: String = field[start..(start + length).min(field.len())]
            .iter()
            .collect();
        let term = term.split_whitespace().collect::<Vec<_>>().join(" ");
        if term.is_empty() || term.starts_with('-') {
            continue;
        }
        let excluded = rng.below(4) == 0;
        let raw = if excluded {
            format!("-\"{term}\"")
        } else {
            format!("\"{term}\"")
        };
        let spec = FilterSpec {
            text: raw.clone(),
            ..FilterSpec::default()
        };
        let got = apply(&papers, &index, &spec, &context).matches;
        let expected: Vec<usize> = folded_fields
            .iter()
            .enumerate()
            .filter(|(_, fields)| {
                let has = fields.iter().any(|f| f.contains(term.as_str()));
                has != excluded
            })
            .map(|(i, _)| i)
            .collect();
        assert_eq!(got, expected, "query {raw}");
        checked += 1;
    }
    assert!(checked > 400, "only {checked} queries were checked");
}

/// The top authors of any result are the most frequent in it, ties by name key, whatever the
/// mix of counts: checked against counting and sorting every author in full.
#[test]
fn top_authors_match_a_full_sort() {
    use arxiv_explorer::core::feed::Author;
    use arxiv_explorer::core::filter::engine::TOP_AUTHORS;
    use arxiv_explorer::core::search::name_key;

    let mut rng = Rng(0x0a11_7e57_cafe_f00d);
    let names: Vec<String> = (0..60).map(|i| format!("Author {i:02} Example")).collect();
    let papers: Vec<Paper> = (0..400)
        .map(|i| Paper {
            id: format!("2601.{i:05}"),
            title: if rng.chance(50) { "alpha" } else { "beta" }.into(),
            // A skewed pick, so counts repeat and ties are common.
            authors: (0..1 + rng.below(5))
                .map(|_| {
                    let range = 1 + rng.below(names.len());
                    Author {
                        name: names[rng.below(range)].clone(),
                        affiliations: Vec::new(),
                    }
                })
                .collect(),
            ..Paper::default()
        })
        .collect();
    let index = FeedIndex::build(&papers);
    let (favourites, tags) = (HashSet::new(), HashMap::new());
    let context = FilterContext::new(&favourites, &tags);
    for text in ["", "alpha", "beta", "zzz"] {
        let spec = FilterSpec {
            text: text.into(),
            ..FilterSpec::default()
        };
        let result = apply(&papers, &index, &spec, &context);
        let mut counts: HashMap<String, (String, usize)> = HashMap::new();
        for &i in &result.matches {
            let mut seen = HashSet::new();
            for author in &papers[i].authors {
                let key = name_key(&author.name);
                if seen.insert(key.clone()) {
                    counts
                        .entry(key)
                        .or_insert_with(|| (author.name.clone(), 0))
                        .1 += 1;
                }
            }
        }
        let mut expected: Vec<(String, String, usize)> = counts
            .into_iter()
            .map(|(key, (name, n))| (key, name, n))
            .collect();
        expected.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
        expected.truncate(TOP_AUTHORS);
        let expected: Vec<(String, usize)> =
            expected.into_iter().map(|(_, name, n)| (name, n)).collect();
        assert_eq!(result.facets.authors, expected, "query {text:?}");
    }
}

#[test]
fn a_scope_keeps_only_its_papers_and_its_facets() {
    let papers = explorer_papers();
    let index = FeedIndex::build(&papers);
    let none = HashSet::new();
    let tags = HashMap::new();
    let within: Vec<bool> = (0..papers.len()).map(|i| i % 2 == 0).collect();
    let context = FilterContext {
        favourites: &none,
        tags: &tags,
        within: Some(&within),
        reading: None,
        ranking: None,
    };
    let scoped = apply(&papers, &index, &spec(""), &context);
    let expected: Vec<usize> = (0..papers.len()).step_by(2).collect();
    assert_eq!(scoped.matches, expected);
    let counted: usize = scoped.facets.years.iter().map(|(_, n)| n).sum();
    assert_eq!(counted, expected.len(), "facets count the scope only");
    // A scope shorter than the feed leaves the rest out.
    let short = [true];
    let context = FilterContext {
        within: Some(&short),
        reading: None,
        ranking: None,
        ..context
    };
    assert_eq!(apply(&papers, &index, &spec(""), &context).matches, [0]);
}
