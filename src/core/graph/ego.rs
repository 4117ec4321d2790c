//! The papers of an ego view: those of one author and, further out, of their co-authors.

use std::borrow::Borrow;
use std::collections::HashSet;

use crate::core::feed::Paper;
use crate::core::search::name_key;

/// The positions in `matches` (positions in `papers`, kept in their order) of the papers of
/// `ego` (any spelling that folds to the same name key) and, for each step beyond the first,
/// of the co-authors found so far. `steps` is clamped to 1–2: three steps out is most of a
/// field.
pub fn ego_papers<P: Borrow<Paper>>(
    papers: &[P],
    matches: &[usize],
    ego: &str,
    steps: u32,
) -> Vec<usize> {
    let mut people = HashSet::from([name_key(ego)]);
    let mut found: Vec<usize> = Vec::new();
    for _ in 0..steps.clamp(1, 2) {
        found = matches
            .iter()
            .copied()
            .filter(|&i| {
                papers.get(i).is_some_and(|paper| {
                    paper
                        .borrow()
                        .authors
                        .iter()
                        .any(|a| people.contains(&name_key(&a.name)))
                })
            })
            .collect();
        for paper in found.iter().filter_map(|&i| papers.get(i)) {
            people.extend(paper.borrow().authors.iter().map(|a| name_key(&a.name)));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::feed::paper_by as paper;

    #[test]
    fn one_and_two_steps_out() {
        let papers = [
            paper(&["Ana Kostić", "Bo Li"]),
            paper(&["Bo Li", "Cy Ng"]),
            paper(&["Cy Ng", "Di Wu"]),
            paper(&["Eve Ray"]),
            paper(&["ANA KOSTIC"]),
        ];
        let all: Vec<usize> = (0..papers.len()).collect();
        let cases: [(&str, u32, &[usize]); 6] = [
            ("Ana Kostić", 1, &[0, 4]),
            // Spellings fold to one person.
            ("ana kostic", 1, &[0, 4]),
            ("Ana Kostić", 2, &[0, 1, 4]),
            // More than two steps is two.
            ("Ana Kostić", 9, &[0, 1, 4]),
            // Zero steps is one.
            ("Di Wu", 0, &[2]),
            ("Nobody", 1, &[]),
        ];
        for (ego, steps, expected) in cases {
            assert_eq!(
                ego_papers(&papers, &all, ego, steps),
                expected,
                "{ego} {steps}"
            );
        }
    }

    #[test]
    fn only_matches_count_and_bad_positions_are_skipped() {
        let papers = [paper(&["Ana", "Bo"]), paper(&["Bo", "Cy"])];
        assert_eq!(ego_papers(&papers, &[1, 7], "Bo", 1), [1]);
        assert_eq!(ego_papers(&papers, &[0], "Ana", 2), [0]);
    }
}
