//! The shareable view ⇄ URL query. Decoding is total: any query string gives a valid state plus
//! notices for what was ignored; encoding is canonical, so equal states give equal URLs.
//!
//! The parameters are a public contract, documented in README.md.

use std::fmt;

use crate::core::feed::Date;
use crate::core::filter::spec::parse_keyword;
use crate::core::filter::{AuthorMode, DateField, FilterSpec, Flag, SortKey};
use crate::core::search::name_key;
use crate::core::text::{percent_encode_component, query_pairs, truncate_chars};

/// Longest value accepted for one parameter; longer ones are ignored with a notice.
pub const MAX_VALUE_CHARS: usize = 2_000;
/// Most parameters read from one URL.
pub const MAX_PARAMETERS: usize = 200;

/// Parameters that belong to other features (sources, the graph). They are kept verbatim and
/// in order so that a link carries them, and are not reported as unknown.
pub const PASSTHROUGH_KEYS: [&str; 5] = ["feed", "aq", "asort", "aorder", "amax"];

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum View {
    #[default]
    List,
    Graph,
    Favourites,
}

impl View {
    pub const ALL: [View; 3] = [View::List, View::Graph, View::Favourites];

    pub fn as_str(self) -> &'static str {
        match self {
            View::List => "list",
            View::Graph => "graph",
            View::Favourites => "favourites",
        }
    }
}

/// The co-author map's part of the view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GraphView {
    /// The selected author (`gauthor`), as named in the link.
    pub author: Option<String>,
    /// The author whose ego network is shown (`ego`).
    pub ego: Option<String>,
    /// Authors with fewer papers are left out (`gmin`).
    pub min_papers: u32,
    /// The cluster the list is narrowed to (`gcluster`), named by its anchor author: the
    /// author with most co-authors in it (a name stays the same cluster as the map changes
    /// around it, a number would not).
    pub cluster: Option<String>,
    /// The map shows its largest component only (`gmain=1`).
    pub main_only: bool,
}

impl Default for GraphView {
    fn default() -> Self {
        GraphView {
            author: None,
            ego: None,
            min_papers: 1,
            cluster: None,
            main_only: false,
        }
    }
}

/// Everything a shared link reproduces.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ViewState {
    pub filter: FilterSpec,
    /// The selected paper (arXiv id without version).
    pub paper: Option<String>,
    pub view: View,
    pub graph: GraphView,
    pub passthrough: Vec<(String, String)>,
}

/// Something in a URL that was ignored, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UrlNotice {
    UnknownParameter {
        key: String,
    },
    InvalidValue {
        key: String,
        value: String,
        expected: &'static str,
    },
    TooLong {
        key: String,
    },
    TooManyParameters {
        limit: usize,
    },
    DatesSwapped,
}

impl fmt::Display for UrlNotice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlNotice::UnknownParameter { key } => write!(
                f,
                "The link has a parameter “{}” this page does not know; it was ignored.",
                truncate_chars(key, 40)
            ),
            UrlNotice::InvalidValue { key, value, expected } => write!(
                f,
                "The link's “{key}” value “{}” is not {expected}; it was ignored.",
                truncate_chars(value, 40)
            ),
            UrlNotice::TooLong { key } => write!(
                f,
                "The link's “{}” value is longer than {MAX_VALUE_CHARS} characters; it was ignored.",
                truncate_chars(key, 40)
            ),
            UrlNotice::TooManyParameters { limit } => write!(
                f,
                "The link has more than {limit} parameters; the rest were ignored."
            ),
            UrlNotice::DatesSwapped => f.write_str(
                "The link's “from” date is after its “to” date; the two were swapped.",
            ),
        }
    }
}

/// Reads a query string (with or without `?`).
pub fn decode(query: &str) -> (ViewState, Vec<UrlNotice>) {
    let mut state = ViewState::default();
    let mut notices = Vec::new();
    let mut pairs = query_pairs(query);
    if pairs.len() > MAX_PARAMETERS {
        pairs.truncate(MAX_PARAMETERS);
        notices.push(UrlNotice::TooManyParameters {
            limit: MAX_PARAMETERS,
        });
    }
    let filter = &mut state.filter;
    for (key, value) in pairs {
        if value.chars().count() > MAX_VALUE_CHARS {
            notices.push(UrlNotice::TooLong { key });
            continue;
        }
        // The search text is kept as typed (a trailing space matters while typing).
        let value = if key == "q" {
            value
        } else {
            value.trim().to_string()
        };
        match key.as_str() {
            "q" => filter.text = value,
            "author" => {
                if name_key(&value).is_empty() {
                    notices.push(invalid(&key, &value, "an author name"));
                } else {
                    filter.add_author(&value);
                }
            }
            "amode" => match parse_keyword(&AuthorMode::ALL, AuthorMode::as_str, &value) {
                Some(mode) => filter.author_mode = mode,
                None => notices.push(invalid(&key, &value, "“any” or “all”")),
            },
            "loose" => match parse_bool(&value) {
                Some(on) => filter.loose_authors = on,
                None => notices.push(invalid(&key, &value, "1 or 0")),
            },
            "cat" => {
                if is_category(&value) {
                    filter.add_category(&value);
                } else {
                    notices.push(invalid(&key, &value, "an arXiv category such as cs.OS"));
                }
            }
            "primary" => match parse_bool(&value) {
                Some(on) => filter.primary_only = on,
                None => notices.push(invalid(&key, &value, "1 or 0")),
            },
            "from" | "to" => match Date::parse_iso(&value) {
                Some(date) if key == "from" => filter.from = Some(date),
                Some(date) => filter.to = Some(date),
                None => notices.push(invalid(&key, &value, "a date (YYYY-MM-DD)")),
            },
            "date" => match parse_keyword(&DateField::ALL, DateField::as_str, &value) {
                Some(field) => filter.date_field = field,
                None => notices.push(invalid(&key, &value, "“published” or “updated”")),
            },
            "flag" => match parse_keyword(&Flag::ALL, Flag::as_str, &value) {
                Some(flag) if !filter.flags.contains(&flag) => filter.toggle_flag(flag),
                Some(_) => {}
                None => notices.push(invalid(
                    &key,
                    &value,
                    "one of doi, jref, revised, fav, new, unread",
                )),
            },
            "tag" => {
                if value.is_empty() {
                    notices.push(invalid(&key, &value, "a tag"));
                } else {
                    filter.add_tag(&value);
                }
            }
            "sort" => match parse_keyword(&SortKey::ALL, SortKey::as_str, &value) {
                Some(sort) => filter.sort = sort,
                None => notices.push(invalid(&key, &value, "a sort order")),
            },
            "paper" | "similar" => {
                if value.is_empty() || value.chars().any(char::is_control) {
                    notices.push(invalid(&key, &value, "a paper id"));
                } else if key == "paper" {
                    state.paper = Some(value);
                } else {
                    filter.similar = Some(value);
                }
            }
            "like" => {
                if value.is_empty() {
                    notices.push(invalid(&key, &value, "a tag"));
                } else {
                    filter.like = Some(value);
                }
            }
            "view" => match parse_keyword(&View::ALL, View::as_str, &value) {
                Some(view) => state.view = view,
                None => notices.push(invalid(&key, &value, "list, graph or favourites")),
            },
            "gauthor" | "ego" | "gcluster" => {
                if name_key(&value).is_empty() {
                    notices.push(invalid(&key, &value, "an author name"));
                } else if key == "gauthor" {
                    state.graph.author = Some(value);
                } else if key == "ego" {
                    state.graph.ego = Some(value);
                } else {
                    state.graph.cluster = Some(value);
                }
            }
            "gmain" => match value.as_str() {
                "1" => state.graph.main_only = true,
                "0" => state.graph.main_only = false,
                _ => notices.push(invalid(&key, &value, "1 (the largest component only) or 0")),
            },
            "gmin" => match value.parse::<u32>() {
                Ok(n) if (1..=1_000).contains(&n) => state.graph.min_papers = n,
                _ => notices.push(invalid(&key, &value, "a number of papers from 1 to 1000")),
            },
            passthrough if PASSTHROUGH_KEYS.contains(&passthrough) => {
                state.passthrough.push((key, value));
            }
            _ => notices.push(UrlNotice::UnknownParameter { key }),
        }
    }
    if let (Some(from), Some(to)) = (filter.from, filter.to) {
        if from > to {
            filter.from = Some(to);
            filter.to = Some(from);
            notices.push(UrlNotice::DatesSwapped);
        }
    }
    (state, notices)
}

/// Writes the canonical query string, without `?`; empty for the default view.
pub fn encode(state: &ViewState) -> String {
    let filter = &state.filter;
    let mut pairs: Vec<(&str, String)> = Vec::new();
    if !filter.text.trim().is_empty() {
        pairs.push(("q", filter.text.clone()));
    }
    for author in &filter.authors {
        pairs.push(("author", author.clone()));
    }
    if filter.author_mode != AuthorMode::default() {
        pairs.push(("amode", filter.author_mode.as_str().to_string()));
    }
    if filter.loose_authors {
        pairs.push(("loose", "1".to_string()));
    }
    for category in &filter.categories {
        pairs.push(("cat", category.clone()));
    }
    if filter.primary_only {
        pairs.push(("primary", "1".to_string()));
    }
    if let Some(from) = filter.from {
        pairs.push(("from", from.to_string()));
    }
    if let Some(to) = filter.to {
        pairs.push(("to", to.to_string()));
    }
    if filter.date_field != DateField::default() {
        pairs.push(("date", filter.date_field.as_str().to_string()));
    }
    for flag in &filter.flags {
        pairs.push(("flag", flag.as_str().to_string()));
    }
    for tag in &filter.tags {
        pairs.push(("tag", tag.clone()));
    }
    if filter.sort != SortKey::default() {
        pairs.push(("sort", filter.sort.as_str().to_string()));
    }
    if let Some(like) = &filter.like {
        pairs.push(("like", like.clone()));
    }
    if let Some(similar) = &filter.similar {
        pairs.push(("similar", similar.clone()));
    }
    if let Some(paper) = &state.paper {
        pairs.push(("paper", paper.clone()));
    }
    if state.view != View::default() {
        pairs.push(("view", state.view.as_str().to_string()));
    }
    if let Some(author) = &state.graph.author {
        pairs.push(("gauthor", author.clone()));
    }
    if let Some(ego) = &state.graph.ego {
        pairs.push(("ego", ego.clone()));
    }
    if state.graph.min_papers != 1 {
        pairs.push(("gmin", state.graph.min_papers.to_string()));
    }
    if let Some(cluster) = &state.graph.cluster {
        pairs.push(("gcluster", cluster.clone()));
    }
    if state.graph.main_only {
        pairs.push(("gmain", "1".to_string()));
    }
    for (key, value) in &state.passthrough {
        pairs.push((key.as_str(), value.clone()));
    }
    pairs
        .iter()
        .map(|(key, value)| format!("{key}={}", percent_encode_component(value)))
        .collect::<Vec<_>>()
        .join("&")
}

fn invalid(key: &str, value: &str, expected: &'static str) -> UrlNotice {
    UrlNotice::InvalidValue {
        key: key.to_string(),
        value: value.to_string(),
        expected,
    }
}

fn parse_bool(raw: &str) -> Option<bool> {
    match raw {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

/// arXiv category codes: `cs.OS`, `hep-th`, `math.AG`, `astro-ph.CO`, `q-bio.NC`.
fn is_category(raw: &str) -> bool {
    let valid_part = |part: &str| {
        !part.is_empty()
            && part.len() <= 20
            && part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    let mut parts = raw.split('.');
    let archive = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    valid_part(archive) && rest.len() <= 1 && rest.iter().all(|p| valid_part(p))
}
