//! Names for the map's communities, from what their papers are about: the title words that set
//! a cluster apart from the rest of the graph (tf-idf) and its most frequent category, e.g.
//! "scheduling · serverless (cs.DC)".

use std::borrow::Borrow;
use std::collections::HashMap;

use super::community::Communities;
use super::model::CoauthorGraph;
use crate::core::feed::Paper;
use crate::core::search::fold;

/// Distinctive terms kept per cluster; the label names the first [`LABEL_TERMS`].
pub const CLUSTER_TERMS: usize = 3;
pub const LABEL_TERMS: usize = 2;

/// Words too common in any title to say what a cluster is about: English function words and
/// the filler of paper titles. Checked on the folded word and its singular.
const STOP_WORDS: &[&str] = &[
    "about",
    "across",
    "after",
    "against",
    "all",
    "along",
    "also",
    "among",
    "and",
    "any",
    "are",
    "around",
    "based",
    "before",
    "between",
    "beyond",
    "both",
    "but",
    "can",
    "does",
    "each",
    "for",
    "from",
    "has",
    "have",
    "how",
    "into",
    "its",
    "more",
    "most",
    "new",
    "non",
    "not",
    "one",
    "onto",
    "other",
    "our",
    "over",
    "per",
    "such",
    "than",
    "that",
    "the",
    "their",
    "then",
    "these",
    "this",
    "those",
    "three",
    "through",
    "toward",
    "towards",
    "two",
    "under",
    "upon",
    "using",
    "versus",
    "very",
    "via",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "why",
    "with",
    "within",
    "without",
    "yet",
    "you",
    "your",
    // Titles' filler: says how, not what about.
    "analysis",
    "approach",
    "approaches",
    "efficient",
    "framework",
    "improved",
    "improving",
    "method",
    "model",
    "novel",
    "paper",
    "result",
    "study",
    "use",
];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClusterName {
    /// The community id (0 = the largest).
    pub id: u32,
    /// Its authors.
    pub size: usize,
    /// Up to [`CLUSTER_TERMS`] distinctive title words, most distinctive first.
    pub terms: Vec<String>,
    /// The most frequent primary category of its papers.
    pub category: Option<String>,
    /// "terms · joined (category)", the category alone, or "Cluster N" (N = id + 1).
    pub label: String,
}

/// Names for the `limit` largest communities. A cluster's papers are those of its authors
/// (`AuthorNode::papers`, positions in `papers`); a paper by authors of two clusters counts
/// for both. A term stands out when it is in at least two of the cluster's papers (or in its
/// only one) and not in every paper of the graph.
pub fn cluster_names<P: Borrow<Paper>>(
    papers: &[P],
    graph: &CoauthorGraph,
    communities: &Communities,
    limit: usize,
) -> Vec<ClusterName> {
    let count = communities.sizes.len().min(limit);
    if count == 0 {
        return Vec::new();
    }
    let paper = |p: usize| -> &Paper { papers[p].borrow() };
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (node, &c) in communities.of_node.iter().enumerate() {
        if (c as usize) < count && node < graph.nodes.len() {
            members[c as usize].push(node);
        }
    }
    let vocabulary = Vocabulary::of_graph(papers, graph);
    let graph_papers = vocabulary.papers as f64;
    let mut stamp = vec![usize::MAX; papers.len()];
    let mut names = Vec::with_capacity(count);
    for (c, nodes) in members.iter().enumerate() {
        let mut own: Vec<usize> = Vec::new();
        for &node in nodes {
            for &p in &graph.nodes[node].papers {
                if p < papers.len() && stamp[p] != c {
                    stamp[p] = c;
                    own.push(p);
                }
            }
        }
        // term → (occurrences, papers containing it)
        let mut counts: HashMap<u32, (u32, u32)> = HashMap::new();
        for &p in &own {
            let terms = &vocabulary.of_paper[p];
            for (i, &t) in terms.iter().enumerate() {
                let entry = counts.entry(t).or_default();
                entry.0 += 1;
                if !terms[..i].contains(&t) {
                    entry.1 += 1;
                }
            }
        }
        let needed = own.len().min(2) as u32;
        let mut scored: Vec<(f64, u32, &str, u32)> = counts
            .into_iter()
            .filter(|&(t, (_, docs))| {
                docs >= needed && vocabulary.documents[t as usize] < vocabulary.papers
            })
            .map(|(t, (tf, _))| {
                let idf = (graph_papers / f64::from(vocabulary.documents[t as usize])).ln();
                (
                    f64::from(tf) * idf,
                    tf,
                    vocabulary.keys[t as usize].as_str(),
                    t,
                )
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)));
        let terms: Vec<String> = scored
            .iter()
            .take(CLUSTER_TERMS)
            .map(|&(_, _, _, t)| vocabulary.display(t))
            .collect();
        let category = dominant_category(own.iter().map(|&p| paper(p)));
        let label = match (terms.is_empty(), &category) {
            (false, Some(category)) => format!("{} ({category})", join_terms(&terms)),
            (false, None) => join_terms(&terms),
            (true, Some(category)) => category.clone(),
            (true, None) => format!("Cluster {}", c + 1),
        };
        names.push(ClusterName {
            id: c as u32,
            size: communities.sizes[c],
            terms,
            category,
            label,
        });
    }
    names
}

fn join_terms(terms: &[String]) -> String {
    terms
        .iter()
        .take(LABEL_TERMS)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The most frequent primary category (the first listed when a feed names none); ties go to
/// the alphabetically first.
fn dominant_category<'a>(papers: impl Iterator<Item = &'a Paper>) -> Option<String> {
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for paper in papers {
        let primary = paper
            .primary_category
            .as_deref()
            .or(paper.categories.first().map(String::as_str));
        if let Some(category) = primary.filter(|c| !c.is_empty()) {
            *counts.entry(category).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(category, _)| category.to_string())
}

/// The title words of the graph's papers, each term once by its singular key.
struct Vocabulary {
    keys: Vec<String>,
    /// Each spelling of a term with how often it occurs.
    spellings: Vec<Vec<(String, u32)>>,
    /// Papers of the graph containing each term.
    documents: Vec<u32>,
    /// Each paper's terms in title order (empty for papers outside the graph).
    of_paper: Vec<Vec<u32>>,
    /// Papers in the graph.
    papers: u32,
}

impl Vocabulary {
    fn of_graph<P: Borrow<Paper>>(papers: &[P], graph: &CoauthorGraph) -> Vocabulary {
        let mut vocabulary = Vocabulary {
            keys: Vec::new(),
            spellings: Vec::new(),
            documents: Vec::new(),
            of_paper: vec![Vec::new(); papers.len()],
            papers: 0,
        };
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut in_graph = vec![false; papers.len()];
        for node in &graph.nodes {
            for &p in &node.papers {
                if p >= papers.len() || in_graph[p] {
                    continue;
                }
                in_graph[p] = true;
                vocabulary.papers += 1;
                let mut terms = Vec::new();
                for word in title_words(&papers[p].borrow().title) {
                    let key = singular(&word);
                    if STOP_WORDS.contains(&key.as_str()) || STOP_WORDS.contains(&word.as_str()) {
                        continue;
                    }
                    let next = ids.len() as u32;
                    let t = *ids.entry(key.clone()).or_insert_with(|| {
                        vocabulary.keys.push(key);
                        vocabulary.spellings.push(Vec::new());
                        vocabulary.documents.push(0);
                        next
                    });
                    let spellings = &mut vocabulary.spellings[t as usize];
                    match spellings.iter_mut().find(|(s, _)| *s == word) {
                        Some((_, n)) => *n += 1,
                        None => spellings.push((word, 1)),
                    }
                    if !terms.contains(&t) {
                        vocabulary.documents[t as usize] += 1;
                    }
                    terms.push(t);
                }
                vocabulary.of_paper[p] = terms;
            }
        }
        vocabulary
    }

    /// The term as it is most often written (ties: the shorter, then alphabetical).
    fn display(&self, t: u32) -> String {
        self.spellings[t as usize]
            .iter()
            .max_by(|a, b| {
                a.1.cmp(&b.1)
                    .then(b.0.len().cmp(&a.0.len()))
                    .then(b.0.cmp(&a.0))
            })
            .map_or_else(|| self.keys[t as usize].clone(), |(s, _)| s.clone())
    }
}

/// The folded words of a title with at least three letters, leaving out LaTeX: `$…$` math and
/// the names of `\commands`.
pub fn title_words(title: &str) -> Vec<String> {
    let folded = fold(title);
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_math = false;
    let mut in_command = false;
    let mut flush = |word: &mut String, skip: bool| {
        if !skip && word.chars().count() >= 3 {
            words.push(std::mem::take(word));
        }
        word.clear();
    };
    for ch in folded.chars() {
        if ch.is_alphabetic() {
            if !in_math {
                word.push(ch);
            }
            continue;
        }
        flush(&mut word, in_command);
        in_command = false;
        match ch {
            '$' => in_math = !in_math,
            '\\' => in_command = true,
            _ => {}
        }
    }
    flush(&mut word, in_command);
    words
}

/// A light singular, so "networks" and "network" count as one term: "-ies" → "-y", a final
/// "s" dropped except after "s", "u" or "i" ("process", "status", "analysis").
fn singular(word: &str) -> String {
    if word.chars().count() < 5 {
        return word.to_string();
    }
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    match word.strip_suffix('s') {
        Some(stem) if !(stem.ends_with('s') || stem.ends_with('u') || stem.ends_with('i')) => {
            stem.to_string()
        }
        _ => word.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_words_skip_math_commands_and_short_words() {
        assert_eq!(
            title_words("Über $O(n \\log n)$ Sorting of \\emph{Large} Graphs, 3D"),
            ["uber", "sorting", "large", "graphs"]
        );
    }

    #[test]
    fn singulars() {
        assert_eq!(singular("networks"), "network");
        assert_eq!(singular("strategies"), "strategy");
        assert_eq!(singular("process"), "process");
        assert_eq!(singular("status"), "status");
        assert_eq!(singular("analysis"), "analysis");
        assert_eq!(singular("gas"), "gas");
    }
}
