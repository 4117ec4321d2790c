//! Author names: one key per person however the feed spells them, and the opt-in loose match
//! that lets "L. Sun" find "Lichao Sun".

use super::fold::fold;

/// The normalised key of a name: folded, initials spaced ("G.Q." → "g. q."), whitespace
/// collapsed. Two spellings with the same key are the same author.
pub fn name_key(name: &str) -> String {
    let folded = fold(name);
    let spaced = folded.replace('.', ". ");
    let mut key = String::with_capacity(spaced.len());
    for word in spaced.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    key.trim_end_matches([',', ';']).to_string()
}

/// The spellings one person's name takes in a feed, to label them by the most frequent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Spellings {
    counts: Vec<(String, u32)>,
}

impl Spellings {
    pub fn add(&mut self, spelling: &str) {
        match self.counts.iter_mut().find(|(name, _)| name == spelling) {
            Some((_, count)) => *count += 1,
            None => self.counts.push((spelling.to_string(), 1)),
        }
    }

    /// The most frequent spelling; the first seen among equals.
    pub fn most_frequent(&self) -> Option<&str> {
        let mut best: Option<&(String, u32)> = None;
        for candidate in &self.counts {
            if best.is_none_or(|b| candidate.1 > b.1) {
                best = Some(candidate);
            }
        }
        best.map(|(name, _)| name.as_str())
    }
}

/// Loose matching by initials: the surnames (last words) must be equal, and each given name
/// the query spells must agree with the candidate's at the same position, an initial agreeing
/// with any name that starts with it. Both arguments are [`name_key`]s.
pub fn loose_match(query_key: &str, candidate_key: &str) -> bool {
    let query: Vec<&str> = query_key.split(' ').collect();
    let candidate: Vec<&str> = candidate_key.split(' ').collect();
    let (Some((query_surname, query_given)), Some((candidate_surname, candidate_given))) =
        (query.split_last(), candidate.split_last())
    else {
        return false;
    };
    if query_surname.is_empty() || query_surname != candidate_surname {
        return false;
    }
    query_given
        .iter()
        .zip(candidate_given)
        .all(|(q, c)| given_names_agree(q, c))
}

fn given_names_agree(query: &str, candidate: &str) -> bool {
    let query = query.trim_end_matches('.');
    let candidate = candidate.trim_end_matches('.');
    let is_initial = |word: &str| word.chars().count() == 1;
    if is_initial(query) || is_initial(candidate) {
        query.chars().next() == candidate.chars().next()
    } else {
        query == candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_key_cases() {
        let cases = [
            ("Dejan Kostić", "dejan kostic"),
            ("  Gerald  Q.  Maguire ", "gerald q. maguire"),
            ("G.Q. Maguire", "g. q. maguire"),
            ("Jane Doe,", "jane doe"),
        ];
        for (input, expected) in cases {
            assert_eq!(name_key(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn most_frequent_spelling_first_seen_on_ties() {
        let mut spellings = Spellings::default();
        assert_eq!(spellings.most_frequent(), None);
        for name in ["Dejan Kostić", "Dejan Kostic", "Dejan Kostic"] {
            spellings.add(name);
        }
        assert_eq!(spellings.most_frequent(), Some("Dejan Kostic"));
        let mut tie = Spellings::default();
        tie.add("Ana Šimić");
        tie.add("Ana Simic");
        assert_eq!(tie.most_frequent(), Some("Ana Šimić"));
    }

    #[test]
    fn loose_match_cases() {
        let cases = [
            ("L. Sun", "Lichao Sun", true),
            ("Lichao Sun", "L. Sun", true),
            ("Sun", "Lichao Sun", true),
            ("L. Sun", "Lina Sun", true),
            ("M. Sun", "Lichao Sun", false),
            ("L. Sun", "Lichao Suny", false),
            ("G. Q. Maguire", "Gerald Q. Maguire", true),
            ("G. R. Maguire", "Gerald Q. Maguire", false),
            ("Dejan Kostic", "Dejan Kostić", true),
            ("Dejan Kostic", "Dario Kostić", false),
            ("", "Lichao Sun", false),
        ];
        for (query, candidate, expected) in cases {
            assert_eq!(
                loose_match(&name_key(query), &name_key(candidate)),
                expected,
                "{query} ~ {candidate}"
            );
        }
    }
}
