//! The folded text of one paper that search terms are matched against.

use crate::core::feed::Paper;
use crate::core::search::{find_in_ascii, fold, fold_into};

/// Folded searchable text of one paper.
///
/// The abstract, by far the longest field, is kept folded only when it has non-ASCII
/// characters. Folding ASCII only lowercases it, so an ASCII abstract is searched in the paper
/// itself, ignoring ASCII case, which gives the same answer without a second copy of every
/// abstract in memory.
#[derive(Clone, Debug, Default)]
pub struct PaperText {
    pub title: String,
    /// Author names, folded, separated by "; ".
    pub authors: String,
    /// Comment, journal ref, DOI and the versioned id, folded, separated by " \u{1F} ".
    pub extra: String,
    /// The folded abstract, when it is not ASCII.
    summary: Option<Box<str>>,
}

impl PaperText {
    pub fn new(paper: &Paper) -> PaperText {
        let mut title = String::with_capacity(paper.title.len());
        fold_into(&paper.title, &mut title);
        let mut authors = String::new();
        for (i, author) in paper.authors.iter().enumerate() {
            if i > 0 {
                authors.push_str("; ");
            }
            fold_into(&author.name, &mut authors);
        }
        let mut extra = String::new();
        for field in [&paper.comment, &paper.journal_ref, &paper.doi]
            .into_iter()
            .flatten()
        {
            fold_into(field, &mut extra);
            extra.push_str(" \u{1F} ");
        }
        fold_into(&paper.versioned_id(), &mut extra);
        title.shrink_to_fit();
        authors.shrink_to_fit();
        extra.shrink_to_fit();
        let summary = (!paper.summary.is_ascii()).then(|| fold(&paper.summary).into_boxed_str());
        PaperText {
            title,
            authors,
            extra,
            summary,
        }
    }

    /// Whether the folded text of `paper` (this text's paper) contains the folded `term`.
    pub fn contains(&self, paper: &Paper, term: &str) -> bool {
        self.title.contains(term)
            || self.authors.contains(term)
            || self.extra.contains(term)
            || match &self.summary {
                Some(folded) => folded.contains(term),
                None => find_in_ascii(&paper.summary, term).next().is_some(),
            }
    }

    /// Occurrences of `term` in the title, the authors and the rest.
    pub fn occurrences(&self, paper: &Paper, term: &str) -> (usize, usize, usize) {
        let count = |field: &str| field.matches(term).count();
        let summary = match &self.summary {
            Some(folded) => count(folded),
            None => find_in_ascii(&paper.summary, term).count(),
        };
        (
            count(&self.title),
            count(&self.authors),
            count(&self.extra) + summary,
        )
    }

    /// Calls `visit` with each folded field; `scratch` holds an ASCII abstract while it is
    /// folded.
    pub fn for_each_field(&self, paper: &Paper, scratch: &mut String, mut visit: impl FnMut(&str)) {
        visit(&self.title);
        visit(&self.authors);
        visit(&self.extra);
        match &self.summary {
            Some(folded) => visit(folded),
            None => {
                scratch.clear();
                fold_into(&paper.summary, scratch);
                visit(scratch);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::feed::Author;

    fn paper(summary: &str) -> Paper {
        Paper {
            id: "2604.07839".into(),
            version: Some(2),
            title: "Über Graph Networks".into(),
            summary: summary.into(),
            authors: ["José Núñez", "Ada LOVELACE"]
                .map(|name| Author {
                    name: name.into(),
                    affiliations: Vec::new(),
                })
                .to_vec(),
            comment: Some("12 pages".into()),
            doi: Some("10.1000/XYZ".into()),
            ..Paper::default()
        }
    }

    #[test]
    fn fields_are_folded_and_an_ascii_abstract_is_not_copied() {
        let ascii = paper("Message Passing on GRAPHS");
        let text = PaperText::new(&ascii);
        assert_eq!(text.title, "uber graph networks");
        assert_eq!(text.authors, "jose nunez; ada lovelace");
        assert_eq!(
            text.extra,
            "12 pages \u{1F} 10.1000/xyz \u{1F} 2604.07839v2"
        );
        assert_eq!(text.summary, None);
        let accented = PaperText::new(&paper("Naïve GRAPHS"));
        assert_eq!(accented.summary.as_deref(), Some("naive graphs"));
    }

    #[test]
    fn every_field_is_searched_whether_or_not_the_abstract_is_kept() {
        for summary in ["Message passing on graphs", "Message passing on gräphs"] {
            let paper = paper(summary);
            let text = PaperText::new(&paper);
            for term in ["uber", "nunez; ada", "10.1000/xyz", "v2", "passing"] {
                assert!(text.contains(&paper, term), "{summary:?}: {term}");
            }
            assert!(!text.contains(&paper, "transformer"), "{summary:?}");
            assert_eq!(text.occurrences(&paper, "graph"), (1, 0, 1), "{summary:?}");
            assert_eq!(text.occurrences(&paper, "a"), (1, 3, 4), "{summary:?}");
            let mut fields = Vec::new();
            let mut scratch = String::new();
            text.for_each_field(&paper, &mut scratch, |field| fields.push(field.to_string()));
            assert_eq!(fields.len(), 4, "{summary:?}");
            assert_eq!(fields[3], "message passing on graphs", "{summary:?}");
        }
    }
}
