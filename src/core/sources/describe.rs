//! What is loaded, in words for the first screen: a human title for an arXiv query
//! ("cs.OS — Operating Systems" rather than `cat:cs.OS`), the months the papers span, and the
//! page heading for one source, several, or none.

use std::sync::Arc;

use super::{Source, SourceKind};
use crate::core::feed::{Date, Paper};
use crate::core::taxonomy::category_name;
use crate::core::text::count;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_name(date: Date) -> &'static str {
    MONTHS[usize::from(date.month.clamp(1, 12)) - 1]
}

/// A human title for an arXiv `search_query`: categories by name, authors and title words in
/// plain words; anything more involved is shown as it was written.
pub fn query_title(query: &str) -> String {
    let query = query.trim();
    let terms: Vec<&str> = query.split(" OR ").map(str::trim).collect();
    let categories: Option<Vec<&str>> = terms
        .iter()
        .map(|term| {
            term.strip_prefix("cat:")
                .filter(|c| !c.is_empty() && !c.contains([' ', '(', '"']))
        })
        .collect();
    match categories.as_deref() {
        Some([one]) => match category_name(one) {
            Some(name) => format!("{one} — {name}"),
            None => (*one).to_string(),
        },
        Some(several) => several.join(", "),
        None => match query.split_once(':') {
            Some(("au", name)) if !name.contains([':', '(']) => {
                format!("Papers by {}", name.trim_matches('"').replace('_', " "))
            }
            Some(("ti", words)) if !words.contains([':', '(']) => {
                format!("Titles with “{}”", words.trim_matches('"'))
            }
            _ => format!("arXiv search: {query}"),
        },
    }
}

/// The months of the papers' latest versions (a listing announces revisions too): "April
/// 2026", "March – April 2026", "December 2025 – January 2026"; `None` without dates.
pub fn month_span(papers: &[Arc<Paper>]) -> Option<String> {
    let days = papers
        .iter()
        .filter_map(|p| p.updated.or(p.published).map(|t| t.date()));
    let (first, last) = days.fold(None, |span: Option<(Date, Date)>, day| match span {
        None => Some((day, day)),
        Some((a, b)) => Some((a.min(day), b.max(day))),
    })?;
    let same_month = (first.year, first.month) == (last.year, last.month);
    Some(if same_month {
        format!("{} {}", month_name(first), first.year)
    } else if first.year == last.year {
        format!("{} – {} {}", month_name(first), month_name(last), last.year)
    } else {
        format!(
            "{} {} – {} {}",
            month_name(first),
            first.year,
            month_name(last),
            last.year
        )
    })
}

/// The first screen's heading: what is loaded, and the next step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourcesHeading {
    /// Where it came from ("Feed address: …"), above the title.
    pub kicker: Option<String>,
    pub title: String,
    /// How many papers, from when, and what they are.
    pub summary: String,
    /// Only the embedded sample is loaded: the page invites loading one's own.
    pub sample: bool,
    /// The button that opens the sources panel.
    pub action: String,
}

/// The heading for what is loaded.
pub fn sources_heading(sources: &[Source]) -> SourcesHeading {
    match sources {
        [] => SourcesHeading {
            kicker: None,
            title: "No feed loaded".into(),
            summary: "Open a saved feed file, paste one, or load a feed address. Your favourites are still here.".into(),
            sample: false,
            action: "Load a feed".into(),
        },
        [only] => one_heading(only),
        several => {
            let papers: usize = several.iter().map(|s| s.papers.len()).sum();
            SourcesHeading {
                kicker: Some(count(several.len(), "source")),
                title: "Merged feeds".into(),
                summary: format!("{} before removing duplicates", count(papers, "paper")),
                sample: false,
                action: format!("Sources ({}) · add more", several.len()),
            }
        }
    }
}

fn one_heading(source: &Source) -> SourcesHeading {
    let papers = source.papers.len();
    let span = month_span(&source.papers);
    let title = match &source.meta.search_query {
        Some(query) => query_title(query),
        None => source.meta.heading(),
    };
    if source.kind == SourceKind::Embedded {
        let topic = source
            .meta
            .search_query
            .as_deref()
            .and_then(|q| q.strip_prefix("cat:"))
            .unwrap_or("arXiv");
        let when = span.map(|s| format!(", {s}")).unwrap_or_default();
        return SourcesHeading {
            // The summary says it is a sample; a kicker would take a line to say it again.
            kicker: None,
            title,
            summary: format!(
                "{} from {topic}{when} — a sample; load your own feed to read yours.",
                count(papers, "paper")
            ),
            sample: true,
            action: "Load your own feed".into(),
        };
    }
    let mut summary = source.meta.results_label(papers);
    if let Some(span) = span {
        summary.push_str(&format!(" · {span}"));
    }
    if let Some(updated) = source.meta.updated {
        summary.push_str(&format!(" · feed updated {}", updated.date().short_label()));
    }
    SourcesHeading {
        kicker: Some(source.kind.label()),
        title,
        summary,
        sample: false,
        action: "Sources (1) · add more".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::feed::{FeedMeta, Timestamp};

    #[test]
    fn queries_get_human_titles() {
        let cases = [
            ("cat:cs.OS", "cs.OS — Operating Systems"),
            ("cat:cs.OS OR cat:cs.DC", "cs.OS, cs.DC"),
            ("cat:xx.YY", "xx.YY"),
            ("au:Lichao_Sun", "Papers by Lichao Sun"),
            ("au:\"Dejan Kostić\"", "Papers by Dejan Kostić"),
            ("ti:kernel", "Titles with “kernel”"),
            (
                "(cat:cs.OS) AND ti:\"fault injection\"",
                "arXiv search: (cat:cs.OS) AND ti:\"fault injection\"",
            ),
        ];
        for (query, title) in cases {
            assert_eq!(query_title(query), title, "{query}");
        }
    }

    /// A paper first submitted on `day`, or on the first day of `first@latest` and revised
    /// on the second.
    fn paper(day: &str) -> Arc<Paper> {
        let (first, latest) = day.split_once('@').unwrap_or((day, day));
        let at = |d: &str| Timestamp::parse_rfc3339(&format!("{d}T10:00:00Z"));
        Arc::new(Paper {
            published: at(first),
            updated: at(latest),
            ..Paper::default()
        })
    }

    #[test]
    fn month_spans() {
        let cases: [(&[&str], Option<&str>); 5] = [
            (&["2026-04-07", "2026-04-09"], Some("April 2026")),
            (&["2026-04-07", "2026-03-30"], Some("March – April 2026")),
            (&["2026-04-07", "2026-02-04@2026-04-09"], Some("April 2026")),
            (
                &["2026-01-02", "2025-12-30"],
                Some("December 2025 – January 2026"),
            ),
            (&[], None),
        ];
        for (days, expected) in cases {
            let papers: Vec<Arc<Paper>> = days.iter().map(|d| paper(d)).collect();
            assert_eq!(month_span(&papers).as_deref(), expected, "{days:?}");
        }
    }

    fn source(kind: SourceKind, query: Option<&str>, papers: Vec<Arc<Paper>>) -> Source {
        Source {
            id: 1,
            kind,
            meta: FeedMeta {
                search_query: query.map(str::to_string),
                ..FeedMeta::default()
            },
            papers,
            warnings: Vec::new(),
        }
    }

    #[test]
    fn the_sample_says_what_it_is_and_what_to_do() {
        let papers: Vec<Arc<Paper>> = (0..15).map(|_| paper("2026-04-08")).collect();
        let heading = sources_heading(&[source(SourceKind::Embedded, Some("cat:cs.OS"), papers)]);
        assert!(heading.sample);
        assert_eq!(heading.title, "cs.OS — Operating Systems");
        assert_eq!(
            heading.summary,
            "15 papers from cs.OS, April 2026 — a sample; load your own feed to read yours."
        );
        assert_eq!(heading.action, "Load your own feed");
    }

    #[test]
    fn other_headings() {
        let url = SourceKind::Url {
            url: "https://x.test/feed".into(),
        };
        let heading = sources_heading(&[source(url, None, vec![paper("2026-04-08")])]);
        assert!(!heading.sample);
        assert_eq!(heading.kicker.as_deref(), Some("URL: https://x.test/feed"));
        assert_eq!(heading.title, "Untitled feed");
        assert_eq!(heading.summary, "1 result · April 2026");
        let two = [
            source(SourceKind::Pasted, None, vec![paper("2026-04-08")]),
            source(SourceKind::Pasted, None, vec![paper("2026-04-08")]),
        ];
        let heading = sources_heading(&two);
        assert_eq!(heading.title, "Merged feeds");
        assert_eq!(heading.kicker.as_deref(), Some("2 sources"));
        assert_eq!(heading.summary, "2 papers before removing duplicates");
        assert_eq!(heading.action, "Sources (2) · add more");
        assert_eq!(sources_heading(&[]).title, "No feed loaded");
    }
}
