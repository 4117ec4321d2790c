//! The map's numbers in words, for its panel, hover line and screen readers.

use super::model::{AuthorNode, CoauthorGraph};
use crate::core::text::{count, count_of, group_thousands};

impl CoauthorGraph {
    /// "55 authors · 120 links · 3 components (largest 40)".
    pub fn stats_line(&self) -> String {
        format!(
            "{} · {} · {} (largest {})",
            count(self.nodes.len(), "author"),
            count(self.edges.len(), "link"),
            count(self.components, "component"),
            group_thousands(self.largest_component as u64)
        )
    }

    /// Why some papers add no links, when some do not.
    pub fn hyper_note(&self, max_authors: u32) -> Option<String> {
        let n = self.hyper_papers;
        (n > 0).then(|| {
            format!(
                "{} with more than {max_authors} authors {} their authors without links.",
                count(n, "paper"),
                if n == 1 { "adds" } else { "add" }
            )
        })
    }

    /// The canvas's text alternative.
    pub fn canvas_label(&self) -> String {
        format!(
            "Co-author map: {}, {}. The table below lists them.",
            count(self.nodes.len(), "author"),
            count(self.edges.len(), "link")
        )
    }
}

impl AuthorNode {
    /// "3 papers · 2 co-authors".
    pub fn counts_line(&self) -> String {
        format!(
            "{} · {}",
            count(self.papers.len(), "paper"),
            count_of(self.degree, "co-author", "co-authors")
        )
    }

    /// "Ana Kostić: 3 papers, 2 co-authors", for the hover line.
    pub fn hover_line(&self) -> String {
        format!(
            "{}: {}, {}",
            self.label,
            count(self.papers.len(), "paper"),
            count_of(self.degree, "co-author", "co-authors")
        )
    }
}

/// The button that leaves an ego view.
pub fn leave_ego_label(ego: &str) -> String {
    format!("Whole map (leave {ego})")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::graph::Edge;

    fn node(label: &str, papers: usize, degree: u32) -> AuthorNode {
        AuthorNode {
            key: label.to_lowercase(),
            label: label.to_string(),
            papers: (0..papers).collect(),
            degree,
            component: 0,
        }
    }

    #[test]
    fn graph_numbers_in_words() {
        let graph = CoauthorGraph {
            nodes: vec![node("A", 1, 1), node("B", 2, 1), node("C", 1, 0)],
            edges: vec![Edge {
                a: 0,
                b: 1,
                weight: 1,
            }],
            hyper_papers: 1,
            components: 2,
            largest_component: 2,
        };
        assert_eq!(
            graph.stats_line(),
            "3 authors · 1 link · 2 components (largest 2)"
        );
        assert_eq!(
            graph.hyper_note(50).as_deref(),
            Some("1 paper with more than 50 authors adds their authors without links.")
        );
        assert_eq!(
            graph.canvas_label(),
            "Co-author map: 3 authors, 1 link. The table below lists them."
        );
        let empty = CoauthorGraph::default();
        assert_eq!(
            empty.stats_line(),
            "0 authors · 0 links · 0 components (largest 0)"
        );
        assert_eq!(empty.hyper_note(50), None);
        let many = CoauthorGraph {
            hyper_papers: 1_200,
            components: 1,
            largest_component: 1,
            ..CoauthorGraph::default()
        };
        assert_eq!(
            many.hyper_note(8).as_deref(),
            Some("1,200 papers with more than 8 authors add their authors without links.")
        );
        assert_eq!(
            many.stats_line(),
            "0 authors · 0 links · 1 component (largest 1)"
        );
    }

    #[test]
    fn author_numbers_in_words() {
        assert_eq!(node("Ana", 1, 1).counts_line(), "1 paper · 1 co-author");
        assert_eq!(
            node("Ana Kostić", 3, 2).hover_line(),
            "Ana Kostić: 3 papers, 2 co-authors"
        );
        assert_eq!(leave_ego_label("Bo Li"), "Whole map (leave Bo Li)");
    }
}
