//! arXiv identifiers: new style (`2604.07839`), old style (`astro-ph/0601001`,
//! `math.GT/0309136`), each with an optional version suffix (`v2`).

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArxivId {
    /// The identifier without version, e.g. `2604.07839` or `astro-ph/0601001`.
    pub id: String,
    pub version: Option<u32>,
}

impl ArxivId {
    /// Extracts an arXiv id from the forms feeds use: `http://arxiv.org/abs/<id>v<n>`,
    /// `https://arxiv.org/pdf/<id>v<n>`, `oai:arXiv.org:<id>v<n>`, `arXiv:<id>v<n>`, or the bare id.
    pub fn parse(raw: &str) -> Option<ArxivId> {
        let (id, version) = ArxivId::find(raw)?;
        Some(ArxivId {
            id: id.to_string(),
            version,
        })
    }

    /// What [`ArxivId::parse`] reads, as the slice of `raw` that is the id, so a caller that
    /// owns `raw` can keep the id without copying it.
    pub(super) fn find(raw: &str) -> Option<(&str, Option<u32>)> {
        let raw = raw.trim();
        let tail = strip_known_prefix(raw);
        let tail = tail.trim_end_matches('/');
        let tail = tail.strip_suffix(".pdf").unwrap_or(tail);
        let (base, version) = split_version(tail);
        (is_new_style(base) || is_old_style(base)).then_some((base, version))
    }

    /// `2604.07839v1`, or the bare id when the version is unknown.
    pub fn versioned(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for ArxivId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.version {
            Some(version) => write!(f, "{}v{}", self.id, version),
            None => f.write_str(&self.id),
        }
    }
}

fn strip_known_prefix(raw: &str) -> &str {
    // The form of every id in an API feed, read without searching; the search below would
    // find the same `/abs/` after the same host.
    for prefix in ["http://arxiv.org/abs/", "https://arxiv.org/abs/"] {
        if let Some(rest) = raw.strip_prefix(prefix) {
            return rest;
        }
    }
    for marker in ["/abs/", "/pdf/", "/html/"] {
        if let Some(index) = raw.find(marker) {
            if raw[..index].contains("arxiv.org") {
                return &raw[index + marker.len()..];
            }
        }
    }
    for prefix in ["oai:arXiv.org:", "arXiv:", "arxiv:"] {
        if let Some(rest) = raw.strip_prefix(prefix) {
            return rest;
        }
    }
    raw
}

fn split_version(raw: &str) -> (&str, Option<u32>) {
    if let Some(index) = raw.rfind('v') {
        let digits = &raw[index + 1..];
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            if let Ok(version) = digits.parse::<u32>() {
                if version > 0 {
                    return (&raw[..index], Some(version));
                }
            }
        }
    }
    (raw, None)
}

/// `YYMM.NNNN` (2007–2014) or `YYMM.NNNNN` (2015 on).
fn is_new_style(id: &str) -> bool {
    let Some((yymm, number)) = id.split_once('.') else {
        return false;
    };
    yymm.len() == 4
        && yymm.bytes().all(|b| b.is_ascii_digit())
        && matches!(number.len(), 4 | 5)
        && number.bytes().all(|b| b.is_ascii_digit())
}

/// `archive(.SC)?/YYMMNNN`, e.g. `hep-th/9901001`, `math.GT/0309136`.
fn is_old_style(id: &str) -> bool {
    let Some((archive, number)) = id.split_once('/') else {
        return false;
    };
    let (name, subject_class) = match archive.split_once('.') {
        Some((name, class)) => (name, Some(class)),
        None => (archive, None),
    };
    !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
        && subject_class
            .is_none_or(|class| !class.is_empty() && class.bytes().all(|b| b.is_ascii_alphabetic()))
        && number.len() == 7
        && number.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The id and version a string should parse to, or `None`.
    type Expected = Option<(&'static str, Option<u32>)>;

    #[test]
    fn parse_cases() {
        let cases: [(&str, Expected); 15] = [
            (
                "http://arxiv.org/abs/2604.07839v1",
                Some(("2604.07839", Some(1))),
            ),
            (
                "https://arxiv.org/abs/2604.07839v12",
                Some(("2604.07839", Some(12))),
            ),
            (
                "https://arxiv.org/pdf/2604.07839v2",
                Some(("2604.07839", Some(2))),
            ),
            ("oai:arXiv.org:2604.07839v1", Some(("2604.07839", Some(1)))),
            ("arXiv:0704.0001", Some(("0704.0001", None))),
            ("2604.07839", Some(("2604.07839", None))),
            (
                "http://arxiv.org/abs/astro-ph/0601001v1",
                Some(("astro-ph/0601001", Some(1))),
            ),
            ("math.GT/0309136v2", Some(("math.GT/0309136", Some(2)))),
            ("hep-th/9901001", Some(("hep-th/9901001", None))),
            (
                "https://arxiv.org/api/errors#incorrect_id_format_for_1234",
                None,
            ),
            ("2604.078", None),
            ("0704.0001v1", Some(("0704.0001", Some(1)))),
            ("2604.07839v0", None),
            ("tag:example.com,2026:post-1", None),
            ("", None),
        ];
        for (input, expected) in cases {
            let parsed = ArxivId::parse(input);
            let parsed = parsed.as_ref().map(|id| (id.id.as_str(), id.version));
            assert_eq!(parsed, expected, "input {input:?}");
        }
    }

    #[test]
    fn display_includes_version_when_known() {
        let id = ArxivId::parse("astro-ph/0601001v3").expect("valid id");
        assert_eq!(id.to_string(), "astro-ph/0601001v3");
        assert_eq!(
            ArxivId::parse("2604.07839").expect("valid").versioned(),
            "2604.07839"
        );
    }
}
