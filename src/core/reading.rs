//! What this browser has seen and read: the visits, the first visit that showed each paper,
//! and the papers marked as read. It is what "new since your last visit" and "hide read"
//! go by, kept in local storage as a compact text (see [`ReadingLog::to_text`]).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use rustc_hash::FxHashMap;

/// A visit ends after this long without the page being opened or used.
pub const VISIT_GAP_MS: f64 = 30.0 * 60.0 * 1000.0;
/// Papers remembered as seen (about 1 MB stored); the oldest visits' papers are forgotten
/// first, and a visit that shows more than this remembers the first this many.
pub const MAX_SEEN: usize = 100_000;
/// Papers remembered as read; the earliest marked are forgotten first.
pub const MAX_READ: usize = 50_000;
/// Visits remembered.
pub const MAX_VISITS: usize = 100;

const HEADER: &str = "arxiv-explorer reading 1";

/// One visit: a number that never repeats, and when it began (ms since the epoch).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Visit {
    pub number: u32,
    pub started: f64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReadingLog {
    /// Oldest first; the last one is the current visit.
    visits: Vec<Visit>,
    last_active: f64,
    /// Paper id → the number of the visit that first showed it.
    seen: FxHashMap<Box<str>, u32>,
    /// In the order they were marked, so the earliest go first when the log is full.
    read: Vec<String>,
    read_set: BTreeSet<String>,
}

/// Why a stored log could not be read in full; what could be read is kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadingLogError {
    NotALog,
    BadLines(usize),
}

impl fmt::Display for ReadingLogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotALog => f.write_str(
                "The record of papers seen and read in this browser could not be read; \
                 it starts afresh (favourites are not affected).",
            ),
            Self::BadLines(n) => write!(
                f,
                "{n} damaged line(s) in the record of papers seen and read were skipped."
            ),
        }
    }
}

impl ReadingLog {
    /// Opens or continues a visit at `now`: a new one begins when the last use was more
    /// than [`VISIT_GAP_MS`] ago. Returns whether a new visit began.
    pub fn begin(&mut self, now: f64) -> bool {
        let fresh = self.visits.is_empty() || now - self.last_active > VISIT_GAP_MS;
        if fresh {
            let number = self.visits.last().map_or(1, |v| v.number.saturating_add(1));
            self.visits.push(Visit {
                number,
                started: now,
            });
            if self.visits.len() > MAX_VISITS {
                self.visits.remove(0);
            }
        }
        self.last_active = self.last_active.max(now);
        fresh
    }

    /// Notes that the page is in use, so the visit goes on.
    pub fn touch(&mut self, now: f64) {
        self.last_active = self.last_active.max(now);
    }

    /// The visit under way.
    pub fn current(&self) -> Option<Visit> {
        self.visits.last().copied()
    }

    /// The visit before this one, if any: what "new since your last visit" counts from.
    pub fn previous(&self) -> Option<Visit> {
        self.visits.iter().rev().nth(1).copied()
    }

    /// Records papers as seen in the current visit (those seen before keep their visit).
    /// Returns how many were seen for the first time. Past [`MAX_SEEN`] the oldest visits
    /// are forgotten; when this visit alone fills the log, the rest is not remembered (a
    /// feed of a million papers costs the same as one of [`MAX_SEEN`]).
    pub fn saw<'a>(&mut self, ids: impl IntoIterator<Item = &'a str>) -> usize {
        let Some(visit) = self.current() else {
            return 0;
        };
        let mut added = 0;
        for id in ids {
            if self.seen.len() >= MAX_SEEN && !self.forget_oldest_seen(visit.number) {
                break;
            }
            if !self.seen.contains_key(id) {
                self.seen.insert(id.into(), visit.number);
                added += 1;
            }
        }
        added
    }

    /// Whether a paper was first shown in this visit (or has never been shown).
    pub fn is_new(&self, id: &str) -> bool {
        match (self.seen.get(id), self.current()) {
            (Some(&number), Some(visit)) => number >= visit.number,
            (Some(_), None) => false,
            (None, _) => true,
        }
    }

    pub fn is_read(&self, id: &str) -> bool {
        self.read_set.contains(id)
    }

    /// Marks a paper read or unread; returns whether anything changed.
    pub fn set_read(&mut self, id: &str, read: bool) -> bool {
        if read == self.is_read(id) || id.is_empty() {
            return false;
        }
        if read {
            self.read_set.insert(id.to_string());
            self.read.push(id.to_string());
            if self.read.len() > MAX_READ {
                let drop = self.read.len() - MAX_READ;
                for gone in self.read.drain(..drop) {
                    self.read_set.remove(&gone);
                }
            }
        } else {
            self.read_set.remove(id);
            self.read.retain(|other| other != id);
        }
        true
    }

    pub fn read_count(&self) -> usize {
        self.read.len()
    }

    pub fn seen_count(&self) -> usize {
        self.seen.len()
    }

    /// Forgets the papers of the oldest visits before `current`, a tenth of the log or more
    /// at once (so a long visit does not forget one paper at a time); `false` when only
    /// this visit's papers are left.
    fn forget_oldest_seen(&mut self, current: u32) -> bool {
        let mut per_visit: BTreeMap<u32, usize> = BTreeMap::new();
        for &number in self.seen.values() {
            *per_visit.entry(number).or_default() += 1;
        }
        let target = MAX_SEEN - MAX_SEEN / 10;
        let mut remaining = self.seen.len();
        let mut limit = None;
        for (&number, &count) in &per_visit {
            if remaining <= target || number >= current {
                break;
            }
            remaining -= count;
            limit = Some(number);
        }
        let Some(limit) = limit else {
            return false;
        };
        self.seen.retain(|_, number| *number > limit);
        true
    }

    /// The stored form: a header, then a line per visit, per visit's seen papers and for
    /// the read papers.
    pub fn to_text(&self) -> String {
        let mut text = String::from(HEADER);
        text.push('\n');
        for visit in &self.visits {
            text.push_str(&format!(
                "visit {} {}\n",
                visit.number, visit.started as i64
            ));
        }
        text.push_str(&format!("active {}\n", self.last_active as i64));
        let mut by_visit: Vec<(u32, &str)> = self
            .seen
            .iter()
            .map(|(id, &number)| (number, &**id))
            .collect();
        by_visit.sort_unstable();
        for group in by_visit.chunk_by(|a, b| a.0 == b.0) {
            text.push_str(&format!("seen {}", group[0].0));
            for (_, id) in group {
                text.push(' ');
                text.push_str(id);
            }
            text.push('\n');
        }
        if !self.read.is_empty() {
            text.push_str("read");
            for id in &self.read {
                text.push(' ');
                text.push_str(id);
            }
            text.push('\n');
        }
        text
    }

    /// Reads the stored form; damaged lines are skipped and counted.
    pub fn from_text(text: &str) -> (ReadingLog, Option<ReadingLogError>) {
        let mut log = ReadingLog::default();
        let mut lines = text.lines();
        if lines.next().map(str::trim) != Some(HEADER) {
            let error = (!text.trim().is_empty()).then_some(ReadingLogError::NotALog);
            return (log, error);
        }
        let mut bad = 0;
        for line in lines {
            let mut words = line.split_whitespace();
            let ok = match words.next() {
                Some("visit") => match (parse_u32(words.next()), parse_ms(words.next())) {
                    (Some(number), Some(started))
                        if log.visits.last().is_none_or(|v| v.number < number) =>
                    {
                        log.visits.push(Visit { number, started });
                        true
                    }
                    _ => false,
                },
                Some("active") => match parse_ms(words.next()) {
                    Some(ms) => {
                        log.last_active = ms;
                        true
                    }
                    None => false,
                },
                Some("seen") => match parse_u32(words.next()) {
                    Some(number) => {
                        for id in words.filter(|id| is_paper_id(id)) {
                            log.seen.insert(id.into(), number);
                        }
                        true
                    }
                    None => false,
                },
                Some("read") => {
                    for id in words.filter(|id| is_paper_id(id)) {
                        log.set_read(id, true);
                    }
                    true
                }
                None => true,
                Some(_) => false,
            };
            if !ok {
                bad += 1;
            }
        }
        if log.visits.len() > MAX_VISITS {
            let drop = log.visits.len() - MAX_VISITS;
            log.visits.drain(..drop);
        }
        let error = (bad > 0).then_some(ReadingLogError::BadLines(bad));
        (log, error)
    }
}

fn parse_u32(word: Option<&str>) -> Option<u32> {
    word?.parse().ok()
}

fn parse_ms(word: Option<&str>) -> Option<f64> {
    let ms: i64 = word?.parse().ok()?;
    (ms >= 0).then_some(ms as f64)
}

/// Ids are stored space-separated, so anything with a space or control character in it
/// cannot be one.
fn is_paper_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 200 && !id.chars().any(|c| c.is_whitespace() || c.is_control())
}
