//! A site's kept history of one feed: each day's fetch merged into what was kept before (by
//! id, the newest version winning), newest first, pruned by what the site's configuration
//! keeps (so many days, so many papers).

use std::collections::HashMap;

use crate::core::feed::{Paper, Timestamp};

const DAY_SECONDS: i64 = 24 * 60 * 60;

/// The shard of papers without a date.
pub const UNDATED: &str = "undated";

/// How much of a feed's history a site keeps; `None` keeps everything.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KeepPolicy {
    /// Papers whose latest date is at most this many days before the fetch.
    pub days: Option<u32>,
    /// The newest this many papers.
    pub papers: Option<usize>,
}

/// The merged history and what the merge did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MergedHistory {
    /// Newest first (by the later of published and updated), then by id.
    pub papers: Vec<Paper>,
    /// Papers the history did not have.
    pub added: usize,
    /// Papers the history had in an older version (or the same one, refreshed).
    pub updated: usize,
    /// Papers dropped by the policy.
    pub pruned: usize,
}

impl MergedHistory {
    /// "12 new, 3 updated, 40 dropped as older than the site keeps; 1,200 kept".
    pub fn summary(&self) -> String {
        let mut parts = vec![
            format!("{} new", self.added),
            format!("{} updated", self.updated),
        ];
        if self.pruned > 0 {
            parts.push(format!("{} dropped by the keep limits", self.pruned));
        }
        format!(
            "{}; {} kept",
            parts.join(", "),
            crate::core::text::count(self.papers.len(), "paper")
        )
    }
}

/// The date a paper is kept by: its latest version's, else its first.
pub fn latest_date(paper: &Paper) -> Option<Timestamp> {
    match (paper.published, paper.updated) {
        (Some(a), Some(b)) => Some(if a.0 >= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// Merges `fresh` (today's fetch) into `kept` (the history so far). A paper in both keeps the
/// newer version; on the same version today's copy wins, since arXiv may have corrected it.
/// Papers without a date are kept by the paper limit only.
pub fn merge_history(
    kept: Vec<Paper>,
    fresh: Vec<Paper>,
    policy: &KeepPolicy,
    now: Timestamp,
) -> MergedHistory {
    let mut papers = kept;
    let mut position: HashMap<String, usize> = HashMap::with_capacity(papers.len());
    // A damaged history may repeat an id; its first copy stands for it.
    let mut index = 0;
    papers.retain(|paper| {
        let first = !position.contains_key(&paper.id);
        if first {
            position.insert(paper.id.clone(), index);
            index += 1;
        }
        first
    });
    let (mut added, mut updated) = (0, 0);
    for paper in fresh {
        match position.get(&paper.id) {
            Some(&at) => {
                if paper.version.unwrap_or(0) >= papers[at].version.unwrap_or(0) {
                    papers[at] = paper;
                    updated += 1;
                }
            }
            None => {
                position.insert(paper.id.clone(), papers.len());
                papers.push(paper);
                added += 1;
            }
        }
    }
    papers.sort_by(|a, b| {
        let (da, db) = (latest_date(a).map(|t| t.0), latest_date(b).map(|t| t.0));
        db.cmp(&da).then_with(|| a.id.cmp(&b.id))
    });
    let before = papers.len();
    if let Some(days) = policy.days {
        let oldest = now.0 - i64::from(days) * DAY_SECONDS;
        papers.retain(|paper| latest_date(paper).is_none_or(|date| date.0 >= oldest));
    }
    if let Some(limit) = policy.papers {
        papers.truncate(limit);
    }
    MergedHistory {
        pruned: before - papers.len(),
        papers,
        added,
        updated,
    }
}

/// The month a paper is kept under when a history is split: `YYYY-MM` of its latest date, or
/// [`UNDATED`].
pub fn month_of(paper: &Paper) -> String {
    latest_date(paper).map_or_else(
        || UNDATED.to_string(),
        |stamp| {
            let date = stamp.date();
            format!("{:04}-{:02}", date.year, date.month)
        },
    )
}

/// A history split by [`month_of`], newest month first, the undated last; each month keeps the
/// history's order.
pub fn shard_by_month(papers: Vec<Paper>) -> Vec<(String, Vec<Paper>)> {
    let mut shards: Vec<(String, Vec<Paper>)> = Vec::new();
    for paper in papers {
        let month = month_of(&paper);
        match shards.iter_mut().find(|(m, _)| *m == month) {
            Some((_, list)) => list.push(paper),
            None => shards.push((month, vec![paper])),
        }
    }
    shards.sort_by(|(a, _), (b, _)| {
        (a.as_str() == UNDATED)
            .cmp(&(b.as_str() == UNDATED))
            .then_with(|| b.cmp(a))
    });
    shards
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paper(id: &str, version: u32, day: i64, title: &str) -> Paper {
        Paper {
            id: id.into(),
            version: Some(version),
            title: title.into(),
            published: Some(Timestamp(day * DAY_SECONDS)),
            updated: Some(Timestamp(day * DAY_SECONDS)),
            ..Paper::default()
        }
    }

    fn ids(merged: &MergedHistory) -> Vec<(&str, Option<u32>)> {
        merged
            .papers
            .iter()
            .map(|p| (p.id.as_str(), p.version))
            .collect()
    }

    #[test]
    fn newest_versions_win_and_the_list_is_newest_first() {
        let kept = vec![paper("a", 1, 10, "A"), paper("b", 2, 11, "B v2")];
        let fresh = vec![
            paper("b", 1, 9, "B v1 (stale)"),
            paper("a", 2, 12, "A v2"),
            paper("c", 1, 13, "C"),
        ];
        let merged = merge_history(kept, fresh, &KeepPolicy::default(), Timestamp(0));
        assert_eq!(
            ids(&merged),
            [("c", Some(1)), ("a", Some(2)), ("b", Some(2))]
        );
        assert_eq!(merged.papers[2].title, "B v2");
        assert_eq!((merged.added, merged.updated, merged.pruned), (1, 1, 0));
        assert_eq!(merged.summary(), "1 new, 1 updated; 3 papers kept");
    }

    #[test]
    fn the_policy_prunes_by_days_and_by_count() {
        let kept: Vec<Paper> = (0..10).map(|d| paper(&format!("p{d}"), 1, d, "")).collect();
        let now = Timestamp(9 * DAY_SECONDS);
        let cases = [
            (KeepPolicy::default(), 10),
            (
                KeepPolicy {
                    days: Some(3),
                    papers: None,
                },
                4,
            ),
            (
                KeepPolicy {
                    days: None,
                    papers: Some(2),
                },
                2,
            ),
            (
                KeepPolicy {
                    days: Some(5),
                    papers: Some(3),
                },
                3,
            ),
        ];
        for (policy, left) in cases {
            let merged = merge_history(kept.clone(), Vec::new(), &policy, now);
            assert_eq!(merged.papers.len(), left, "{policy:?}");
            assert_eq!(merged.pruned, 10 - left, "{policy:?}");
            assert_eq!(merged.papers[0].id, "p9", "the newest stay");
        }
    }

    #[test]
    fn histories_split_by_month_newest_first() {
        let mut undated = paper("u", 1, 0, "");
        undated.published = None;
        undated.updated = None;
        // 1 Feb, 2 Mar and 31 Mar 2026 (days since the epoch).
        let (feb, mar, mar_end) = (20_485, 20_514, 20_543);
        let papers = vec![
            paper("m1", 1, mar_end, ""),
            undated,
            paper("f", 1, feb, ""),
            paper("m2", 1, mar, ""),
        ];
        let shards = shard_by_month(papers);
        let months: Vec<(&str, Vec<&str>)> = shards
            .iter()
            .map(|(m, ps)| (m.as_str(), ps.iter().map(|p| p.id.as_str()).collect()))
            .collect();
        assert_eq!(
            months,
            [
                ("2026-03", vec!["m1", "m2"]),
                ("2026-02", vec!["f"]),
                (UNDATED, vec!["u"])
            ]
        );
    }

    #[test]
    fn repeated_ids_in_a_damaged_history_count_once() {
        let kept = vec![paper("a", 1, 1, "first"), paper("a", 3, 2, "second")];
        let merged = merge_history(kept, Vec::new(), &KeepPolicy::default(), Timestamp(0));
        assert_eq!(ids(&merged), [("a", Some(1))]);
    }

    #[test]
    fn undated_papers_are_kept_by_count_only() {
        let mut undated = paper("u", 1, 0, "");
        undated.published = None;
        undated.updated = None;
        let policy = KeepPolicy {
            days: Some(1),
            papers: None,
        };
        let merged = merge_history(
            vec![undated, paper("old", 1, 0, "")],
            Vec::new(),
            &policy,
            Timestamp(100 * DAY_SECONDS),
        );
        assert_eq!(ids(&merged), [("u", Some(1))]);
    }
}
