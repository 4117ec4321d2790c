//! Finding people by what was typed: suggestions as one types a name (any part of it, first
//! name or surname, without accents or case), whether a name asked for matches anyone, and
//! the closest names when it does not.

use super::index::{AuthorStat, FeedIndex};
use crate::core::search::{loose_match, name_key};

/// How well typed words match a name: lower is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Fit {
    /// Every typed word starts a word of the name ("sun" in "Lichao Sun").
    WordStarts,
    /// Every typed word is somewhere in the name ("chao" in "Lichao Sun").
    Inside,
}

fn fit(typed_words: &[&str], key: &str) -> Option<Fit> {
    let starts = typed_words
        .iter()
        .all(|typed| key.split(' ').any(|part| part.starts_with(typed)));
    if starts {
        Some(Fit::WordStarts)
    } else if typed_words.iter().all(|typed| key.contains(typed)) {
        Some(Fit::Inside)
    } else {
        None
    }
}

/// The number of single-character edits between two strings.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != cb))
                .min(above + 1)
                .min(row[j] + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

impl FeedIndex {
    /// Up to `limit` authors whose name matches every word of `typed`: names with a word that
    /// starts with each typed word first ("sun" offers "Lichao Sun" before "Tsung Sunho"…),
    /// then names that merely contain them; most papers first within each.
    pub fn suggest_authors(&self, typed: &str, limit: usize) -> Vec<&AuthorStat> {
        let key = name_key(typed);
        let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
        if words.is_empty() || limit == 0 {
            return Vec::new();
        }
        let mut found: Vec<(Fit, usize)> = Vec::new();
        // `authors` is sorted by papers, so the first `limit` of the best fit are final.
        for (position, author) in self.authors.iter().enumerate() {
            if let Some(fit) = fit(&words, &author.key) {
                found.push((fit, position));
                if found.iter().filter(|(f, _)| *f == Fit::WordStarts).count() == limit {
                    break;
                }
            }
        }
        found.sort();
        found
            .into_iter()
            .take(limit)
            .map(|(_, position)| &self.authors[position])
            .collect()
    }

    /// Whether any paper is by `name` (by initials too when `loose`), as the filter reads it.
    pub fn has_author(&self, name: &str, loose: bool) -> bool {
        let key = name_key(name);
        self.author(&key).is_some()
            || (loose && self.authors.iter().any(|a| loose_match(&key, &a.key)))
    }

    /// Up to `limit` names close to `name` (a typo, a missing accent is already forgiven),
    /// nearest first, for an author filter that matches nobody. A one-word name is compared
    /// with every word of each name, so a misspelt surname still finds its person.
    pub fn closest_authors(&self, name: &str, limit: usize) -> Vec<&AuthorStat> {
        let key = name_key(name);
        if key.is_empty() {
            return Vec::new();
        }
        let single_word = !key.contains(' ');
        let allowed = (key.chars().count() / 3).max(1);
        let mut scored: Vec<(usize, usize)> = self
            .authors
            .iter()
            .enumerate()
            .filter_map(|(position, author)| {
                let whole = edit_distance(&key, &author.key);
                let best = if single_word {
                    author
                        .key
                        .split(' ')
                        .map(|part| edit_distance(&key, part))
                        .min()
                        .map_or(whole, |part| part.min(whole))
                } else {
                    whole
                };
                (best <= allowed).then_some((best, position))
            })
            .collect();
        // Nearest first; among equals, the order of `authors` (most papers first).
        scored.sort();
        scored
            .into_iter()
            .take(limit)
            .map(|(_, position)| &self.authors[position])
            .collect()
    }
}

/// An author filter that matches nobody: what to say, and the closest names to offer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthorHint {
    /// "No papers by “Lichao Sn” here."
    pub message: String,
    /// Nearest first, at most three.
    pub closest: Vec<String>,
}

impl AuthorHint {
    /// The whole hint as one sentence: "… Did you mean Lichao Sun or Li Sun?".
    pub fn sentence(&self) -> String {
        match self.closest.as_slice() {
            [] => self.message.clone(),
            [one] => format!("{} Did you mean {one}?", self.message),
            [first @ .., last] => format!(
                "{} Did you mean {} or {last}?",
                self.message,
                first.join(", ")
            ),
        }
    }

    /// What goes before each of the closest names in "Did you mean A, B or C?".
    pub fn separators(&self) -> Vec<&'static str> {
        let n = self.closest.len();
        (0..n)
            .map(|i| match i {
                0 => "",
                _ if i + 1 == n => " or ",
                _ => ", ",
            })
            .collect()
    }
}

/// The hint for an author filter that matches nobody; `None` when it matches someone.
pub fn unmatched_author_hint(index: &FeedIndex, name: &str, loose: bool) -> Option<AuthorHint> {
    if index.has_author(name, loose) {
        return None;
    }
    Some(AuthorHint {
        message: format!("No papers by “{}” here.", name.trim()),
        closest: index
            .closest_authors(name, 3)
            .into_iter()
            .map(|a| a.name.clone())
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::feed::{paper_by, Paper};

    fn index(names: &[&[&str]]) -> FeedIndex {
        let papers: Vec<Paper> = names.iter().map(|authors| paper_by(authors)).collect();
        FeedIndex::build(&papers)
    }

    fn names(found: Vec<&AuthorStat>) -> Vec<&str> {
        found.into_iter().map(|a| a.name.as_str()).collect()
    }

    #[test]
    fn suggestions_match_any_name_part_without_accents_or_case() {
        let index = index(&[
            &["Tsung Sunho", "Ana Šimić"],
            &["Tsung Sunho"],
            &["Lichao Sun", "Dejan Kostić"],
            &["Yusun Park"],
        ]);
        let cases: [(&str, &[&str]); 7] = [
            // A surname is a word start; "Yusun" only contains it, so it comes last.
            ("sun", &["Tsung Sunho", "Lichao Sun", "Yusun Park"]),
            ("SUN", &["Tsung Sunho", "Lichao Sun", "Yusun Park"]),
            ("lichao sun", &["Lichao Sun"]),
            ("sun li", &["Lichao Sun"]),
            ("simic", &["Ana Šimić"]),
            ("Kostić", &["Dejan Kostić"]),
            ("", &[]),
        ];
        for (typed, expected) in cases {
            assert_eq!(
                names(index.suggest_authors(typed, 5)),
                expected,
                "{typed:?}"
            );
        }
        assert_eq!(names(index.suggest_authors("sun", 1)), ["Tsung Sunho"]);
        assert!(index.suggest_authors("sun", 0).is_empty());
    }

    #[test]
    fn unmatched_names_get_the_closest_ones() {
        let index = index(&[
            &["Lichao Sun", "Li Sun"],
            &["Lichao Sun"],
            &["Dejan Kostić"],
            &["L. Sun"],
        ]);
        assert!(index.has_author("lichao sun", false));
        assert!(!index.has_author("Lichao Sn", false));
        // By initials, "Lichao Sun" and "L. Sun" are one person.
        assert!(!index.has_author("Liu Sun", false));
        assert!(index.has_author("L. Sun", true));
        assert_eq!(names(index.closest_authors("Lichao Sn", 3)), ["Lichao Sun"]);
        assert_eq!(names(index.closest_authors("Kostik", 3)), ["Dejan Kostić"]);
        assert!(index.closest_authors("Zzyzx Qwerty", 3).is_empty());
        let sentence =
            |name: &str| unmatched_author_hint(&index, name, false).map(|h| h.sentence());
        assert_eq!(
            sentence("Lichao Sn").as_deref(),
            Some("No papers by “Lichao Sn” here. Did you mean Lichao Sun?")
        );
        assert_eq!(
            sentence("Sunn").as_deref(),
            Some("No papers by “Sunn” here. Did you mean Lichao Sun, L. Sun or Li Sun?")
        );
        assert_eq!(
            sentence("Nobody Atall").as_deref(),
            Some("No papers by “Nobody Atall” here.")
        );
        let hint = unmatched_author_hint(&index, "Sunn", false).expect("a hint");
        assert_eq!(hint.closest, ["Lichao Sun", "L. Sun", "Li Sun"]);
        assert_eq!(hint.separators(), ["", ", ", " or "]);
        assert_eq!(unmatched_author_hint(&index, "Li Sun", false), None);
    }

    #[test]
    fn edit_distances() {
        let cases = [
            ("", "", 0),
            ("sun", "sun", 0),
            ("sun", "sn", 1),
            ("kitten", "sitting", 3),
            ("šimić", "simic", 2),
        ];
        for (a, b, expected) in cases {
            assert_eq!(edit_distance(a, b), expected, "{a} {b}");
        }
    }
}
