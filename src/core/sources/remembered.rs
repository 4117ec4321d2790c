//! The sources of the last visit, as stored on the device, to offer them again.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{is_fetchable, SourceKind, LINK_FEED};
use crate::core::api::{LINK_MAX, LINK_ORDER, LINK_QUERY, LINK_SORT};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum RememberedSource {
    Url {
        url: String,
    },
    Query {
        aq: String,
        #[serde(default)]
        asort: Option<String>,
        #[serde(default)]
        aorder: Option<String>,
        #[serde(default)]
        amax: Option<u32>,
    },
}

impl RememberedSource {
    /// What a loaded source is remembered as (`None` for the embedded sample, files and
    /// pasted text).
    pub fn of(kind: &SourceKind) -> Option<RememberedSource> {
        match kind {
            SourceKind::Url { url } => Some(RememberedSource::Url { url: url.clone() }),
            SourceKind::Query { query } => Some(RememberedSource::Query {
                aq: query.search_query.clone(),
                asort: query.sort_by.map(|s| s.as_str().to_string()),
                aorder: query.sort_order.map(|o| o.as_str().to_string()),
                amax: Some(query.max_results),
            }),
            _ => None,
        }
    }

    /// The link parameters that load it.
    pub fn link_pairs(&self) -> Vec<(String, String)> {
        match self {
            RememberedSource::Url { url } => vec![(LINK_FEED.to_string(), url.clone())],
            RememberedSource::Query {
                aq,
                asort,
                aorder,
                amax,
            } => {
                let mut pairs = vec![(LINK_QUERY.to_string(), aq.clone())];
                pairs.extend(asort.iter().map(|v| (LINK_SORT.to_string(), v.clone())));
                pairs.extend(aorder.iter().map(|v| (LINK_ORDER.to_string(), v.clone())));
                pairs.extend(amax.iter().map(|v| (LINK_MAX.to_string(), v.to_string())));
                pairs
            }
        }
    }

    pub fn label(&self) -> String {
        match self {
            RememberedSource::Url { url } => url.clone(),
            RememberedSource::Query { aq, .. } => format!("arXiv query {aq}"),
        }
    }

    /// "Last time you had: <a>, <b>."
    pub fn offer_message(sources: &[RememberedSource]) -> String {
        let names: Vec<String> = sources.iter().map(RememberedSource::label).collect();
        format!("Last time you had: {}.", names.join(", "))
    }
}

/// The sources of the last visit, as stored on the device.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastSources {
    pub schema: u32,
    pub sources: Vec<RememberedSource>,
}

/// Why the stored list of last sources was not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LastSourcesError {
    Unreadable(String),
    NewerSchema(u32),
}

impl fmt::Display for LastSourcesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LastSourcesError::Unreadable(detail) => write!(
                f,
                "The list of feeds from your last visit could not be read ({detail}); it was set aside unchanged."
            ),
            LastSourcesError::NewerSchema(schema) => write!(
                f,
                "The list of feeds from your last visit was saved by a newer version of this page (format {schema}); it was left as it is."
            ),
        }
    }
}

impl LastSources {
    pub const SCHEMA: u32 = 1;

    pub fn of(kinds: &[SourceKind]) -> LastSources {
        let mut sources: Vec<RememberedSource> = Vec::new();
        for remembered in kinds.iter().filter_map(RememberedSource::of) {
            if !sources.contains(&remembered) {
                sources.push(remembered);
            }
        }
        LastSources {
            schema: Self::SCHEMA,
            sources,
        }
    }

    /// Why the sources loaded now will not be offered next time.
    pub fn not_saved_message(storage_error: &str) -> String {
        format!("The feeds loaded now will not be offered next time: {storage_error}")
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads the stored text; what cannot be used is dropped entry by entry only when the
    /// list itself is sound (an unknown kind of source from a newer page is skipped).
    pub fn from_json(text: &str) -> Result<LastSources, LastSourcesError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| LastSourcesError::Unreadable(e.to_string()))?;
        let schema = value
            .get("schema")
            .and_then(serde_json::Value::as_u64)
            .ok_or_else(|| LastSourcesError::Unreadable("no format number".into()))?;
        if schema > u64::from(Self::SCHEMA) {
            return Err(LastSourcesError::NewerSchema(schema as u32));
        }
        let entries = value
            .get("sources")
            .and_then(serde_json::Value::as_array)
            .ok_or_else(|| LastSourcesError::Unreadable("no list of sources".into()))?;
        let sources = entries
            .iter()
            .filter_map(|entry| serde_json::from_value::<RememberedSource>(entry.clone()).ok())
            .filter(|source| match source {
                RememberedSource::Url { url } => is_fetchable(url),
                RememberedSource::Query { aq, .. } => !aq.trim().is_empty(),
            })
            .collect();
        Ok(LastSources {
            schema: Self::SCHEMA,
            sources,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::api::ApiQuery;

    #[test]
    fn last_sources_round_trip_and_refuse_what_they_cannot_use() {
        let (query, _) = ApiQuery::from_link(&[
            ("aq".to_string(), "cat:cs.OS".to_string()),
            ("asort".to_string(), "submittedDate".to_string()),
        ]);
        let kinds = vec![
            SourceKind::Embedded,
            SourceKind::Url {
                url: "https://rss.arxiv.org/rss/cs.OS".into(),
            },
            SourceKind::Pasted,
            SourceKind::Query {
                query: query.expect("query"),
            },
            SourceKind::Url {
                url: "https://rss.arxiv.org/rss/cs.OS".into(),
            },
        ];
        let last = LastSources::of(&kinds);
        assert_eq!(last.sources.len(), 2, "{last:?}");
        let back = LastSources::from_json(&last.to_json()).expect("round trip");
        assert_eq!(back, last);
        let pairs: Vec<(String, String)> =
            back.sources.iter().flat_map(|s| s.link_pairs()).collect();
        assert_eq!(
            pairs,
            [
                ("feed", "https://rss.arxiv.org/rss/cs.OS"),
                ("aq", "cat:cs.OS"),
                ("asort", "submittedDate"),
                ("amax", "2000"),
            ]
            .map(|(k, v)| (k.to_string(), v.to_string()))
        );
        // Unknown kinds and unsafe addresses are skipped; the rest is kept.
        let mixed = r#"{"schema":1,"sources":[{"kind":"url","url":"javascript:alert(1)"},{"kind":"mystery"},{"kind":"url","url":"feeds/a.xml"}]}"#;
        assert_eq!(
            LastSources::from_json(mixed).map(|l| l.sources),
            Ok(vec![RememberedSource::Url {
                url: "feeds/a.xml".into()
            }])
        );
        assert!(matches!(
            LastSources::from_json("{not json"),
            Err(LastSourcesError::Unreadable(_))
        ));
        assert_eq!(
            LastSources::from_json(r#"{"schema":7,"sources":[]}"#),
            Err(LastSourcesError::NewerSchema(7))
        );
        assert_eq!(
            RememberedSource::offer_message(&back.sources),
            "Last time you had: https://rss.arxiv.org/rss/cs.OS, arXiv query cat:cs.OS."
        );
        assert!(LastSources::not_saved_message("Storage is full.").ends_with("Storage is full."));
    }
}
