//! The simulated world behind a generated feed: people grouped into co-author communities, and
//! one skeleton (date, id, community) per paper. Entry text is derived later, per paper, from
//! its own random stream.

use super::pools::{Field, CULTURES, FIELDS, INSTITUTIONS};
use super::rng::Rng;
use super::time::{add_months, month_start, year_month, DAY};

/// The newest instant a generated paper can carry. Fixed, so the bytes depend only on the
/// entry count and the seed.
const END_YEAR: i64 = 2026;
const END_MONTH: i64 = 5;

/// How many papers a month of the simulated period holds at most on average; the period grows
/// with the entry count so five-digit new-style numbers never run out.
const PAPERS_PER_MONTH: usize = 15_000;

/// Random-stream purposes, so streams for different jobs never coincide.
pub const STREAM_PEOPLE: u64 = 1;
pub const STREAM_DATES: u64 = 2;
pub const STREAM_ENTRY: u64 = 3;
pub const STREAM_IDS: u64 = 4;

pub struct Person {
    pub given: &'static str,
    pub middle: Option<char>,
    pub family: &'static str,
    /// One of the community's institutions.
    pub institution: &'static str,
}

impl Person {
    pub fn full_name(&self) -> String {
        match self.middle {
            Some(initial) => format!("{} {initial}. {}", self.given, self.family),
            None => format!("{} {}", self.given, self.family),
        }
    }

    /// "D. Kostić": arXiv metadata spells the same person in several ways.
    pub fn initialled_name(&self) -> String {
        let initial = self.given.chars().next().unwrap_or('X');
        match self.middle {
            Some(middle) => format!("{initial}. {middle}. {}", self.family),
            None => format!("{initial}. {}", self.family),
        }
    }
}

pub struct Community {
    pub field: usize,
    /// The primary category most of its papers carry.
    pub home: &'static str,
    pub members: Vec<u32>,
    /// Large experimental collaborations write the rare papers with hundreds of authors.
    pub large: bool,
}

/// What is fixed about a paper before its text is written.
pub struct Skeleton {
    pub published: i64,
    pub community: u32,
    /// `Some((archive, primary))` for an old-style id such as `hep-th/9901001`.
    pub old_archive: Option<(&'static str, &'static str)>,
    /// Without version, e.g. `2604.07839` or `hep-th/9901001`.
    pub id: String,
}

pub struct Corpus {
    pub seed: u64,
    pub people: Vec<Person>,
    pub communities: Vec<Community>,
    /// Community indices by field, for consortium papers and cross links.
    pub by_field: Vec<Vec<u32>>,
    pub large: Vec<u32>,
    /// In feed order: newest first, as `sortBy=submittedDate&sortOrder=descending` returns.
    pub papers: Vec<Skeleton>,
    /// The first second after the simulated period.
    pub end: i64,
}

impl Corpus {
    pub fn new(entries: usize, seed: u64) -> Corpus {
        let mut rng = Rng::stream(seed, STREAM_PEOPLE, 0);
        let mut people = Vec::new();
        let mut communities = Vec::new();

        let ordinary_count = (entries / 12).max(4);
        for _ in 0..ordinary_count {
            let field = weighted_field(&mut rng);
            let home = *rng.weighted(FIELDS[field].primaries);
            let size =
                4 + rng.below(8) + rng.below(8) + if rng.chance(150) { rng.below(20) } else { 0 };
            communities.push(populate(&mut rng, &mut people, field, home, size, false));
        }
        // A handful of big collaborations (particle physics, astronomy surveys) produce the
        // long tail of author counts, up to 1,000.
        let large_count = 1 + entries / 25_000;
        for index in 0..large_count {
            let field = if index % 2 == 0 { 4 } else { 6 };
            let home = *rng.weighted(FIELDS[field].primaries);
            let size = rng.between(300, 1000);
            communities.push(populate(&mut rng, &mut people, field, home, size, true));
        }

        let mut by_field = vec![Vec::new(); FIELDS.len()];
        let mut ordinary = Vec::new();
        let mut large = Vec::new();
        for (index, community) in communities.iter().enumerate() {
            let index = index as u32;
            by_field[community.field].push(index);
            if community.large {
                large.push(index);
            } else {
                ordinary.push(index);
            }
        }

        let months = entries.div_ceil(PAPERS_PER_MONTH).max(6) as i64;
        let (start_year, start_month) = add_months(END_YEAR, END_MONTH, -months);
        let start = month_start(start_year, start_month);
        let end = month_start(END_YEAR, END_MONTH);

        let mut papers = Vec::with_capacity(entries);
        let mut dates = Rng::stream(seed, STREAM_DATES, 0);
        for _ in 0..entries {
            // Busy communities publish more: the pick is skewed towards the first ones.
            let community = ordinary[dates.skewed(ordinary.len())];
            let field = &FIELDS[communities[community as usize].field];
            let (published, old_archive) = if dates.chance(10) {
                // About 1 in 100: a paper from before April 2007 with an old-style id.
                let old_start = month_start(1994, 1);
                let old_end = month_start(2007, 3);
                let when = old_start + dates.below((old_end - old_start) as usize) as i64;
                (when, Some(*dates.pick(field.old_archives)))
            } else {
                (start + dates.below((end - start) as usize) as i64, None)
            };
            papers.push(Skeleton {
                published,
                community,
                old_archive,
                id: String::new(),
            });
        }
        assign_ids(&mut papers, seed);
        // Newest first; equal instants keep a stable order.
        papers.sort_by(|a, b| b.published.cmp(&a.published).then(a.id.cmp(&b.id)));

        Corpus {
            seed,
            people,
            communities,
            by_field,
            large,
            papers,
            end,
        }
    }

    pub fn field_of(&self, community: u32) -> &'static Field {
        &FIELDS[self.communities[community as usize].field]
    }
}

fn weighted_field(rng: &mut Rng) -> usize {
    let total: usize = FIELDS.iter().map(|f| f.weight as usize).sum();
    let mut target = rng.below(total);
    for (index, field) in FIELDS.iter().enumerate() {
        if target < field.weight as usize {
            return index;
        }
        target -= field.weight as usize;
    }
    0
}

/// Creates a community of `size` new people, mostly from one or two naming traditions and
/// working at one or two institutions.
fn populate(
    rng: &mut Rng,
    people: &mut Vec<Person>,
    field: usize,
    home: &'static str,
    size: usize,
    large: bool,
) -> Community {
    let main = rng.below(CULTURES.len());
    let second = rng.below(CULTURES.len());
    let institutions = [*rng.pick(INSTITUTIONS), *rng.pick(INSTITUTIONS)];
    let mut members = Vec::with_capacity(size);
    for _ in 0..size {
        let culture = match rng.below(100) {
            0..=59 if !large => main,
            60..=84 if !large => second,
            _ => rng.below(CULTURES.len()),
        };
        let culture = &CULTURES[culture];
        let middle = rng
            .chance(150)
            .then(|| char::from(b'A' + rng.below(26) as u8));
        members.push(people.len() as u32);
        people.push(Person {
            given: rng.pick_str(culture.given),
            middle,
            family: rng.pick_str(culture.family),
            institution: if large {
                rng.pick_str(INSTITUTIONS)
            } else {
                institutions[rng.below(2)]
            },
        });
    }
    Community {
        field,
        home,
        members,
        large,
    }
}

/// Gives every paper a unique id: numbers grow with submission time within each month, as
/// arXiv's do, with small random gaps (other papers of the month are not in the feed).
fn assign_ids(papers: &mut [Skeleton], seed: u64) {
    let mut rng = Rng::stream(seed, STREAM_IDS, 0);
    let mut order: Vec<usize> = (0..papers.len()).collect();
    order.sort_by_key(|&i| (papers[i].published, i));
    let mut counters: std::collections::HashMap<(&'static str, i64, i64), usize> =
        std::collections::HashMap::new();
    for index in order {
        let paper = &mut papers[index];
        let (year, month) = year_month(paper.published);
        let archive = paper.old_archive.map_or("", |(archive, _)| archive);
        let step = 1 + rng.below(3);
        let first = if archive.is_empty() {
            rng.between(1, 900)
        } else {
            1
        };
        let counter = counters
            .entry((archive, year, month))
            .and_modify(|n| *n += step)
            .or_insert(first);
        paper.id = if archive.is_empty() {
            format!("{:02}{month:02}.{:05}", year % 100, *counter)
        } else {
            format!("{archive}/{:02}{month:02}{:03}", year % 100, *counter)
        };
    }
}

/// Seconds in `days` days, for revision gaps.
pub fn days(days: usize) -> i64 {
    days as i64 * DAY
}
