//! Evaluates a [`FilterSpec`] over a feed: which papers match, in which order, and the facet
//! counts of the result.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use super::index::{FeedIndex, PaperDay};
use super::paper_text::PaperText;
use super::spec::{date_of, AuthorMode, DateField, FilterSpec, Flag, SortKey};
use super::text_index::{Candidates, PaperSet};
use crate::core::feed::{Date, Paper};
use crate::core::reading::ReadingLog;
use crate::core::search::{loose_match, name_key, TextQuery};

/// How many authors the author facet lists.
pub const TOP_AUTHORS: usize = 15;

/// Categories a facet list shows (the most frequent first).
pub const SHOWN_CATEGORIES: usize = 12;

/// The papers that match, as indices into the feed's papers, in display order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilterResult {
    pub matches: Vec<usize>,
    pub facets: Facets,
}

/// Counts over the current result; each entry is something one click can filter by.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facets {
    /// Every listed category, most papers first, then by code.
    pub categories: Vec<(String, usize)>,
    /// Top authors by papers in the result: (display name, count).
    pub authors: Vec<(String, usize)>,
    /// Years of the chosen date field, newest first.
    pub years: Vec<(i32, usize)>,
    /// Favourites' tags, most used first.
    pub tags: Vec<(String, usize)>,
}

/// Everything the engine needs besides the feed and its index.
pub struct FilterContext<'a> {
    /// arXiv ids (without version) the person has starred.
    pub favourites: &'a HashSet<String>,
    /// Tags of starred papers, by arXiv id.
    pub tags: &'a HashMap<String, Vec<String>>,
    /// When set, only papers whose position is `true` here can match (a cluster of the
    /// co-author map, `gcluster`).
    pub within: Option<&'a [bool]>,
    /// What this browser has seen and read, for the new and unread flags; without it every
    /// paper counts as new and unread.
    pub reading: Option<&'a ReadingLog>,
    /// One score per paper position, higher first, when the spec asks for a ranked order
    /// ([`FilterSpec::is_ranked`]); without it the feed's order stands.
    pub ranking: Option<&'a [f32]>,
}

impl<'a> FilterContext<'a> {
    /// Only the favourites and their tags: no cluster, no reading log, no ranking.
    pub fn new(
        favourites: &'a HashSet<String>,
        tags: &'a HashMap<String, Vec<String>>,
    ) -> FilterContext<'a> {
        FilterContext {
            favourites,
            tags,
            within: None,
            reading: None,
            ranking: None,
        }
    }
}

pub fn apply<P: Borrow<Paper>>(
    papers: &[P],
    index: &FeedIndex,
    spec: &FilterSpec,
    context: &FilterContext<'_>,
) -> FilterResult {
    let query = TextQuery::parse(&spec.text);
    let author_keys: Vec<String> = spec
        .authors
        .iter()
        .map(|a| name_key(a))
        .filter(|k| !k.is_empty())
        .collect();
    let from = spec.from.map(Date::start);
    // Inclusive: everything before the start of the next day.
    let to = spec
        .to
        .map(|d| Date::from_days_since_epoch(d.days_since_epoch() + 1).start());

    // The word index narrows the papers; only terms it cannot decide alone (phrases,
    // punctuation) are looked for in the text of the papers it leaves.
    let mut allowed: Option<PaperSet> = None;
    let mut to_check: Vec<&str> = Vec::new();
    for term in &query.required {
        let found = index.words.candidates(term);
        if !found.exact {
            to_check.push(term);
        }
        match &mut allowed {
            Some(set) => set.intersect(&found.papers),
            None => allowed = Some(found.papers),
        }
    }
    let excluded: Vec<(&str, Candidates)> = query
        .excluded
        .iter()
        .map(|term| (term.as_str(), index.words.candidates(term)))
        .collect();
    let positions: Box<dyn Iterator<Item = usize> + '_> = match &allowed {
        Some(set) => Box::new(set.iter()),
        None => Box::new(0..papers.len()),
    };

    let mut matches: Vec<usize> = Vec::new();
    for position in positions {
        let (Some(paper), Some(text)) = (papers.get(position), index.texts.get(position)) else {
            continue;
        };
        if context
            .within
            .is_some_and(|within| !within.get(position).copied().unwrap_or(false))
        {
            continue;
        }
        let paper: &Paper = paper.borrow();
        if spec.similar.as_ref() == Some(&paper.id) {
            continue;
        }
        let found = |term: &str| text.contains(paper, term);
        if !to_check.iter().all(|term| found(term)) {
            continue;
        }
        if excluded.iter().any(|(term, candidates)| {
            candidates.papers.contains(position) && (candidates.exact || found(term))
        }) {
            continue;
        }
        if !author_keys.is_empty() {
            let keys = || {
                index
                    .author_ids
                    .of(position)
                    .iter()
                    .filter_map(|&id| index.authors.get(id as usize))
                    .map(|author| author.key.as_str())
            };
            let has = |wanted: &String| {
                keys().any(|key| key == wanted || (spec.loose_authors && loose_match(wanted, key)))
            };
            let ok = match spec.author_mode {
                AuthorMode::Any => author_keys.iter().any(has),
                AuthorMode::All => author_keys.iter().all(has),
            };
            if !ok {
                continue;
            }
        }
        if !spec.categories.is_empty() {
            let ok = if spec.primary_only {
                paper
                    .primary_category
                    .as_ref()
                    .is_some_and(|p| spec.categories.contains(p))
            } else {
                paper.categories.iter().any(|c| spec.categories.contains(c))
            };
            if !ok {
                continue;
            }
        }
        if from.is_some() || to.is_some() {
            let Some(stamp) = date_of(paper, spec.date_field) else {
                continue;
            };
            if from.is_some_and(|f| stamp < f) || to.is_some_and(|t| stamp >= t) {
                continue;
            }
        }
        if !spec
            .flags
            .iter()
            .all(|flag| has_flag(paper, *flag, context))
        {
            continue;
        }
        if !spec.tags.is_empty() {
            let tags = context.tags.get(&paper.id);
            if !tags.is_some_and(|tags| tags.iter().any(|t| spec.tags.contains(t))) {
                continue;
            }
        }
        matches.push(position);
    }

    match context.ranking.filter(|_| spec.is_ranked()) {
        Some(scores) => sort_by_scores(&mut matches, scores),
        None => sort_matches(&mut matches, papers, index, spec, &query),
    }
    let facets = facets(&matches, papers, index, spec.date_field, context);
    FilterResult { matches, facets }
}

fn has_flag(paper: &Paper, flag: Flag, context: &FilterContext<'_>) -> bool {
    match flag {
        Flag::HasDoi => paper.doi.is_some(),
        Flag::HasJournalRef => paper.journal_ref.is_some(),
        Flag::Revised => paper.version.is_some_and(|v| v > 1),
        Flag::Favourite => context.favourites.contains(&paper.id),
        Flag::New => context.reading.is_none_or(|log| log.is_new(&paper.id)),
        Flag::Unread => context.reading.is_none_or(|log| !log.is_read(&paper.id)),
    }
}

/// Highest score first, positions without a score last; equal scores keep their order.
fn sort_by_scores(matches: &mut [usize], scores: &[f32]) {
    let score = |i: usize| scores.get(i).copied().unwrap_or(f32::NEG_INFINITY);
    matches.sort_by(|&a, &b| score(b).total_cmp(&score(a)));
}

fn sort_matches<P: Borrow<Paper>>(
    matches: &mut [usize],
    papers: &[P],
    index: &FeedIndex,
    spec: &FilterSpec,
    query: &TextQuery,
) {
    // Newest first; papers without a date go last in either direction.
    let by_date = |field: DateField, newest_first: bool| {
        move |a: &usize, b: &usize| {
            let (da, db) = (
                date_of(papers[*a].borrow(), field),
                date_of(papers[*b].borrow(), field),
            );
            match (da, db) {
                (Some(x), Some(y)) if newest_first => y.cmp(&x),
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
        }
    };
    match spec.sort {
        SortKey::Feed => {}
        SortKey::PublishedNewest => matches.sort_by(by_date(DateField::Published, true)),
        SortKey::PublishedOldest => matches.sort_by(by_date(DateField::Published, false)),
        SortKey::UpdatedNewest => matches.sort_by(by_date(DateField::Updated, true)),
        SortKey::UpdatedOldest => matches.sort_by(by_date(DateField::Updated, false)),
        SortKey::Title => matches.sort_by(|a, b| index.texts[*a].title.cmp(&index.texts[*b].title)),
        SortKey::AuthorCount => {
            matches.sort_by_key(|i| std::cmp::Reverse(papers[*i].borrow().authors.len()))
        }
        SortKey::Relevance if !query.required.is_empty() => {
            let mut scored: Vec<(u32, usize)> = matches
                .iter()
                .map(|&i| (relevance(&index.texts[i], papers[i].borrow(), query), i))
                .collect();
            scored.sort_by_key(|entry| std::cmp::Reverse(entry.0));
            for (slot, (_, i)) in matches.iter_mut().zip(scored) {
                *slot = i;
            }
        }
        SortKey::Relevance | SortKey::Recommended => {}
    }
}

/// Title matches weigh most, then authors, then everything else.
fn relevance(text: &PaperText, paper: &Paper, query: &TextQuery) -> u32 {
    query
        .required
        .iter()
        .map(|term| {
            let (title, authors, rest) = text.occurrences(paper, term);
            (title * 8 + authors * 4 + rest.min(10)) as u32
        })
        .sum()
}

/// Counts by position in the index's tables (no hashing per paper), then names the few that
/// are shown.
fn facets<P: Borrow<Paper>>(
    matches: &[usize],
    papers: &[P],
    index: &FeedIndex,
    field: DateField,
    context: &FilterContext<'_>,
) -> Facets {
    let mut category_counts = vec![0u32; index.categories.len()];
    let mut author_counts = vec![0u32; index.authors.len()];
    let days = index.days(field);
    // Years counted in a table from the first year seen (most feeds span a few years).
    let first_year = matches
        .iter()
        .filter_map(|&i| days.get(i).copied())
        .filter(|d| d.is_known())
        .map(|d| d.year())
        .min()
        .unwrap_or(0);
    let mut year_counts: Vec<u32> = Vec::new();
    let mut tags: HashMap<&str, usize> = HashMap::new();
    for &i in matches {
        if !context.tags.is_empty() {
            let paper: &Paper = papers[i].borrow();
            for tag in context.tags.get(&paper.id).into_iter().flatten() {
                *tags.entry(tag).or_default() += 1;
            }
        }
        for &id in index.category_ids.of(i) {
            category_counts[id as usize] += 1;
        }
        for &id in index.author_ids.of(i) {
            author_counts[id as usize] += 1;
        }
        let day = days.get(i).copied().unwrap_or(PaperDay::NONE);
        if day.is_known() {
            let slot = (day.year() - first_year) as usize;
            if slot >= year_counts.len() {
                year_counts.resize(slot + 1, 0);
            }
            year_counts[slot] += 1;
        }
    }
    let years: Vec<(i32, usize)> = year_counts
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, n)| **n > 0)
        .map(|(slot, n)| (first_year + slot as i32, *n as usize))
        .collect();
    let mut categories: Vec<(&str, usize)> = category_counts
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(id, n)| (index.categories[id].as_str(), *n as usize))
        .collect();
    categories.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let categories = categories
        .into_iter()
        .map(|(c, n)| (c.to_string(), n))
        .collect();
    // Most papers first, then by name key (as a precomputed rank): only the top few are
    // kept, in one pass that skips everyone below the current fifteenth.
    let order = |a: &(usize, u32), b: &(usize, u32)| {
        b.1.cmp(&a.1)
            .then_with(|| index.author_key_ranks[a.0].cmp(&index.author_key_ranks[b.0]))
    };
    let mut authors: Vec<(usize, u32)> = Vec::with_capacity(TOP_AUTHORS + 1);
    for (id, &count) in author_counts.iter().enumerate() {
        if count == 0 {
            continue;
        }
        let entry = (id, count);
        if authors.len() == TOP_AUTHORS
            && authors
                .last()
                .is_some_and(|last| order(&entry, last) != Ordering::Less)
        {
            continue;
        }
        let at = authors.partition_point(|kept| order(kept, &entry) == Ordering::Less);
        authors.insert(at, entry);
        authors.truncate(TOP_AUTHORS);
    }
    let authors = authors
        .into_iter()
        .map(|(id, n)| (index.authors[id].name.clone(), n as usize))
        .collect();
    let mut tags: Vec<(String, usize)> =
        tags.into_iter().map(|(t, n)| (t.to_string(), n)).collect();
    tags.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Facets {
        categories,
        authors,
        years,
        tags,
    }
}

/// Date ranges people ask for most, counted back from the feed's newest day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DatePreset {
    Week,
    Month,
    Year,
}

impl DatePreset {
    pub const ALL: [DatePreset; 3] = [DatePreset::Week, DatePreset::Month, DatePreset::Year];

    pub fn label(self) -> &'static str {
        match self {
            DatePreset::Week => "7 days",
            DatePreset::Month => "30 days",
            DatePreset::Year => "1 year",
        }
    }

    /// The inclusive range ending on `newest`.
    pub fn range(self, newest: Date) -> (Date, Date) {
        let days = match self {
            DatePreset::Week => 7,
            DatePreset::Month => 30,
            DatePreset::Year => 365,
        };
        let start = Date::from_days_since_epoch(newest.days_since_epoch() - (days - 1));
        (start, newest)
    }
}
