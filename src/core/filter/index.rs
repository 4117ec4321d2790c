//! What the engine precomputes once per loaded feed, so each keystroke only scans folded
//! strings: folded text fields, author keys, and author statistics for autocomplete.

use std::collections::HashMap;

use crate::core::feed::{Date, Paper, Timestamp};
use std::borrow::Borrow;

use super::paper_text::PaperText;
use super::spec::{date_of, DateField};
use super::text_index::TextIndex;
use crate::core::search::{name_key, Spellings};

/// One person across the feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthorStat {
    pub key: String,
    /// The spelling the feed uses most often (first seen on ties).
    pub name: String,
    pub papers: usize,
}

/// A paper's day (days since 1970-01-01) and month (year × 12 + month − 1), so facets and
/// the timeline can bin papers without calendar arithmetic per paper and keystroke.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PaperDay {
    pub day: i32,
    pub month: i32,
}

impl PaperDay {
    /// A paper without that date.
    pub const NONE: PaperDay = PaperDay {
        day: i32::MIN,
        month: i32::MIN,
    };

    fn of(stamp: Option<Timestamp>) -> PaperDay {
        let Some(date) = stamp.map(Timestamp::date) else {
            return PaperDay::NONE;
        };
        PaperDay {
            day: date
                .days_since_epoch()
                .clamp(i64::from(i32::MIN + 1), i64::from(i32::MAX)) as i32,
            month: date
                .year
                .saturating_mul(12)
                .saturating_add(i32::from(date.month) - 1),
        }
    }

    pub fn is_known(self) -> bool {
        self.day != i32::MIN
    }

    pub fn year(self) -> i32 {
        self.month.div_euclid(12)
    }
}

/// A short list of ids per paper, all in one vector: no allocation per paper, and a facet
/// count walks memory in order.
#[derive(Clone, Debug, Default)]
pub struct IdLists {
    /// Paper `p`'s ids are `ids[ends[p - 1]..ends[p]]` (from 0 for the first).
    ends: Vec<u32>,
    ids: Vec<u32>,
}

impl IdLists {
    fn push(&mut self, ids: &[u32]) {
        self.ids.extend_from_slice(ids);
        self.ends.push(self.ids.len() as u32);
    }

    /// The ids of paper `paper`; none for a paper out of range.
    pub fn of(&self, paper: usize) -> &[u32] {
        let Some(&end) = self.ends.get(paper) else {
            return &[];
        };
        let start = match paper {
            0 => 0,
            _ => self.ends[paper - 1],
        };
        &self.ids[start as usize..end as usize]
    }
}

#[derive(Clone, Debug, Default)]
pub struct FeedIndex {
    pub texts: Vec<PaperText>,
    /// The words of `texts`, for the search box.
    pub words: TextIndex,
    /// Most papers first, then by name.
    pub authors: Vec<AuthorStat>,
    /// Per author (as in `authors`), its place in the order of name keys: ties in counts
    /// are broken by comparing two numbers instead of two names.
    pub author_key_ranks: Vec<u32>,
    /// Per paper, its distinct authors as positions in `authors`, for counting facets
    /// without hashing names.
    pub author_ids: IdLists,
    /// Every category listed in the feed, and per paper its categories as positions in it.
    pub categories: Vec<String>,
    pub category_ids: IdLists,
    /// Per paper, the day it was first submitted and the day of its latest version (the
    /// first submission's for a first version); [`PaperDay::NONE`] without a date.
    pub published_days: Vec<PaperDay>,
    pub updated_days: Vec<PaperDay>,
    author_positions: HashMap<String, usize>,
    /// The newest published or updated day in the feed: date presets count back from it.
    pub newest: Option<Date>,
}

impl FeedIndex {
    pub fn build<P: Borrow<Paper>>(papers: &[P]) -> FeedIndex {
        let mut texts = Vec::with_capacity(papers.len());
        // People numbered as first seen (key → number), with their spellings and papers.
        let mut numbers: HashMap<String, u32> = HashMap::new();
        let mut seen: Vec<(String, Spellings, usize)> = Vec::new();
        let mut author_ids = IdLists::default();
        let (mut published_days, mut updated_days) = (
            Vec::with_capacity(papers.len()),
            Vec::with_capacity(papers.len()),
        );
        let mut newest = None;
        for paper in papers {
            let paper: &Paper = paper.borrow();
            texts.push(PaperText::new(paper));
            let mut ids: Vec<u32> = Vec::with_capacity(paper.authors.len());
            for author in &paper.authors {
                let key = name_key(&author.name);
                if key.is_empty() {
                    continue;
                }
                let number = match numbers.get(&key) {
                    Some(&number) => number,
                    None => {
                        let number = seen.len() as u32;
                        numbers.insert(key.clone(), number);
                        seen.push((key, Spellings::default(), 0));
                        number
                    }
                };
                if ids.contains(&number) {
                    continue;
                }
                ids.push(number);
                let (_, names, count) = &mut seen[number as usize];
                *count += 1;
                names.add(&author.name);
            }
            author_ids.push(&ids);
            published_days.push(PaperDay::of(date_of(paper, DateField::Published)));
            updated_days.push(PaperDay::of(date_of(paper, DateField::Updated)));
            for stamp in [paper.published, paper.updated].into_iter().flatten() {
                let day = stamp.date();
                if newest.is_none_or(|current| day > current) {
                    newest = Some(day);
                }
            }
        }
        // Most papers first, then by key; papers then refer to people by that rank.
        let mut ranked: Vec<u32> = (0..seen.len() as u32).collect();
        ranked.sort_by(|&a, &b| {
            let (a, b) = (&seen[a as usize], &seen[b as usize]);
            b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0))
        });
        let mut rank_of = vec![0u32; seen.len()];
        for (rank, &number) in ranked.iter().enumerate() {
            rank_of[number as usize] = rank as u32;
        }
        for id in &mut author_ids.ids {
            *id = rank_of[*id as usize];
        }
        let mut people: Vec<Option<(String, Spellings, usize)>> =
            seen.into_iter().map(Some).collect();
        let authors: Vec<AuthorStat> = ranked
            .iter()
            .filter_map(|&number| {
                let (key, names, papers) = people.get_mut(number as usize)?.take()?;
                let name = names.most_frequent().unwrap_or(&key).to_string();
                Some(AuthorStat { key, name, papers })
            })
            .collect();
        let mut by_key: Vec<u32> = (0..authors.len() as u32).collect();
        by_key.sort_by(|&a, &b| authors[a as usize].key.cmp(&authors[b as usize].key));
        let mut author_key_ranks = vec![0u32; authors.len()];
        for (rank, &author) in by_key.iter().enumerate() {
            author_key_ranks[author as usize] = rank as u32;
        }
        let author_positions: HashMap<String, usize> = numbers
            .into_iter()
            .map(|(key, number)| (key, rank_of[number as usize] as usize))
            .collect();
        let mut categories: Vec<String> = Vec::new();
        let mut category_positions: HashMap<&str, u32> = HashMap::new();
        let mut category_ids = IdLists::default();
        for paper in papers {
            let paper: &Paper = paper.borrow();
            let mut ids = Vec::with_capacity(paper.categories.len());
            for category in &paper.categories {
                let id = *category_positions
                    .entry(category.as_str())
                    .or_insert_with(|| {
                        categories.push(category.clone());
                        (categories.len() - 1) as u32
                    });
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            category_ids.push(&ids);
        }
        let words = TextIndex::build(papers, &texts);
        FeedIndex {
            texts,
            words,
            authors,
            author_key_ranks,
            author_ids,
            categories,
            category_ids,
            published_days,
            updated_days,
            author_positions,
            newest,
        }
    }

    /// Each paper's day of `field`.
    pub fn days(&self, field: DateField) -> &[PaperDay] {
        match field {
            DateField::Published => &self.published_days,
            DateField::Updated => &self.updated_days,
        }
    }

    /// The statistics of the author with this [`name_key`].
    pub fn author(&self, key: &str) -> Option<&AuthorStat> {
        self.author_positions.get(key).map(|&i| &self.authors[i])
    }
}
