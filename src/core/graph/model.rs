//! The co-author graph of a set of papers: one node per person (names folded), edges weighted
//! by joint papers, with the numbers a reader wants (components, degree, top authors).

use std::borrow::Borrow;
use std::collections::HashMap;

use crate::core::feed::Paper;
use crate::core::search::{name_key, Spellings};

/// Papers with more authors than this add their authors but no edges: a 3,000-author
/// collaboration would otherwise turn the map into one clique.
pub const DEFAULT_MAX_AUTHORS: usize = 50;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GraphOptions {
    pub max_authors_per_paper: usize,
    /// Authors with fewer papers (in the result) are left out.
    pub min_papers: u32,
    /// Edges with fewer joint papers are left out.
    pub min_joint: u32,
}

impl Default for GraphOptions {
    fn default() -> Self {
        GraphOptions {
            max_authors_per_paper: DEFAULT_MAX_AUTHORS,
            min_papers: 1,
            min_joint: 1,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthorNode {
    /// The folded name key.
    pub key: String,
    /// The most frequent spelling.
    pub label: String,
    /// Positions (in the paper slice) of this author's papers.
    pub papers: Vec<usize>,
    pub degree: u32,
    pub component: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edge {
    pub a: u32,
    pub b: u32,
    /// Joint papers.
    pub weight: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CoauthorGraph {
    pub nodes: Vec<AuthorNode>,
    pub edges: Vec<Edge>,
    /// Papers whose authors were added without edges (above the author limit).
    pub hyper_papers: usize,
    /// Number of connected components.
    pub components: u32,
    /// Nodes in the largest component.
    pub largest_component: usize,
}

impl CoauthorGraph {
    /// Builds the graph of `matches` (positions in `papers`).
    pub fn build<P: Borrow<Paper>>(
        papers: &[P],
        matches: &[usize],
        options: GraphOptions,
    ) -> CoauthorGraph {
        let mut people: HashMap<String, (Spellings, Vec<usize>)> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        let mut pairs: HashMap<(String, String), u32> = HashMap::new();
        let mut hyper_papers = 0;
        for &position in matches {
            let Some(paper) = papers.get(position) else {
                continue;
            };
            let paper: &Paper = paper.borrow();
            let mut keys: Vec<String> = Vec::with_capacity(paper.authors.len());
            for author in &paper.authors {
                let key = name_key(&author.name);
                if key.is_empty() || keys.contains(&key) {
                    continue;
                }
                let entry = people.entry(key.clone()).or_insert_with(|| {
                    order.push(key.clone());
                    (Spellings::default(), Vec::new())
                });
                entry.0.add(&author.name);
                entry.1.push(position);
                keys.push(key);
            }
            if keys.len() > options.max_authors_per_paper {
                hyper_papers += 1;
                continue;
            }
            for (i, a) in keys.iter().enumerate() {
                for b in &keys[i + 1..] {
                    let pair = if a < b {
                        (a.clone(), b.clone())
                    } else {
                        (b.clone(), a.clone())
                    };
                    *pairs.entry(pair).or_default() += 1;
                }
            }
        }
        let mut nodes: Vec<AuthorNode> = order
            .into_iter()
            .filter_map(|key| {
                let (spellings, papers) = people.remove(&key)?;
                if (papers.len() as u32) < options.min_papers {
                    return None;
                }
                Some(AuthorNode {
                    label: spellings.most_frequent()?.to_string(),
                    key,
                    papers,
                    degree: 0,
                    component: 0,
                })
            })
            .collect();
        let index: HashMap<&str, u32> = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.key.as_str(), i as u32))
            .collect();
        let mut edges: Vec<Edge> = pairs
            .into_iter()
            .filter(|(_, weight)| *weight >= options.min_joint)
            .filter_map(|((a, b), weight)| {
                Some(Edge {
                    a: *index.get(a.as_str())?,
                    b: *index.get(b.as_str())?,
                    weight,
                })
            })
            .collect();
        // A stable order, so equal inputs give equal graphs (and pictures).
        edges.sort_unstable_by_key(|e| (e.a, e.b));
        for edge in &edges {
            nodes[edge.a as usize].degree += 1;
            nodes[edge.b as usize].degree += 1;
        }
        let (components, largest_component) = label_components(&mut nodes, &edges);
        CoauthorGraph {
            nodes,
            edges,
            hyper_papers,
            components,
            largest_component,
        }
    }

    /// The graph of its largest component alone (the first of equals), for a map of the
    /// main community of co-authors without the scatter of small groups around it.
    pub fn largest_component(&self) -> CoauthorGraph {
        let mut sizes = vec![0usize; self.components as usize];
        for node in &self.nodes {
            if let Some(size) = sizes.get_mut(node.component as usize) {
                *size += 1;
            }
        }
        let Some(main) = (0..sizes.len()).max_by(|&a, &b| sizes[a].cmp(&sizes[b]).then(b.cmp(&a)))
        else {
            return self.clone();
        };
        let mut renumber = vec![u32::MAX; self.nodes.len()];
        let mut nodes = Vec::with_capacity(sizes[main]);
        for (i, node) in self.nodes.iter().enumerate() {
            if node.component as usize == main {
                renumber[i] = nodes.len() as u32;
                nodes.push(AuthorNode {
                    component: 0,
                    ..node.clone()
                });
            }
        }
        let edges = self
            .edges
            .iter()
            .filter(|e| renumber[e.a as usize] != u32::MAX)
            .map(|e| Edge {
                a: renumber[e.a as usize],
                b: renumber[e.b as usize],
                weight: e.weight,
            })
            .collect();
        CoauthorGraph {
            largest_component: nodes.len(),
            nodes,
            edges,
            hyper_papers: self.hyper_papers,
            components: 1,
        }
    }

    /// The node with this name key.
    pub fn find(&self, key: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.key == key)
    }

    /// Node indices, most papers first (then label).
    pub fn top_by_papers(&self, limit: usize) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.nodes.len()).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (&self.nodes[a], &self.nodes[b]);
            y.papers
                .len()
                .cmp(&x.papers.len())
                .then_with(|| x.label.cmp(&y.label))
        });
        order.truncate(limit);
        order
    }

    /// Node indices, most co-authors first (then label).
    pub fn top_by_degree(&self, limit: usize) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.nodes.len()).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (&self.nodes[a], &self.nodes[b]);
            y.degree.cmp(&x.degree).then_with(|| x.label.cmp(&y.label))
        });
        order.truncate(limit);
        order
    }

    /// Neighbours of `node` with edge weights.
    pub fn neighbours(&self, node: usize) -> Vec<(usize, u32)> {
        self.edges
            .iter()
            .filter_map(|e| {
                if e.a as usize == node {
                    Some((e.b as usize, e.weight))
                } else if e.b as usize == node {
                    Some((e.a as usize, e.weight))
                } else {
                    None
                }
            })
            .collect()
    }

    /// The nodes within `steps` edges of `node` (itself included): the ego network.
    pub fn ego(&self, node: usize, steps: u32) -> Vec<usize> {
        let mut adjacency: Vec<Vec<usize>> = vec![Vec::new(); self.nodes.len()];
        for e in &self.edges {
            adjacency[e.a as usize].push(e.b as usize);
            adjacency[e.b as usize].push(e.a as usize);
        }
        let mut seen = vec![false; self.nodes.len()];
        let mut frontier = vec![node];
        if node < seen.len() {
            seen[node] = true;
        }
        for _ in 0..steps {
            let mut next = Vec::new();
            for &current in &frontier {
                for &neighbour in adjacency.get(current).into_iter().flatten() {
                    if !seen[neighbour] {
                        seen[neighbour] = true;
                        next.push(neighbour);
                    }
                }
            }
            frontier = next;
        }
        (0..seen.len()).filter(|&i| seen[i]).collect()
    }
}

/// Union-find over the edges; writes each node's component (numbered by first node) and
/// returns (components, size of the largest).
fn label_components(nodes: &mut [AuthorNode], edges: &[Edge]) -> (u32, usize) {
    let mut parent: Vec<usize> = (0..nodes.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for edge in edges {
        let (a, b) = (
            root(&mut parent, edge.a as usize),
            root(&mut parent, edge.b as usize),
        );
        if a != b {
            parent[a.max(b)] = a.min(b);
        }
    }
    let mut numbers: HashMap<usize, u32> = HashMap::new();
    let mut sizes: Vec<usize> = Vec::new();
    for (i, node) in nodes.iter_mut().enumerate() {
        let r = root(&mut parent, i);
        let next = numbers.len() as u32;
        let number = *numbers.entry(r).or_insert(next);
        if number as usize == sizes.len() {
            sizes.push(0);
        }
        sizes[number as usize] += 1;
        node.component = number;
    }
    (numbers.len() as u32, sizes.into_iter().max().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::feed::paper_by;

    #[test]
    fn the_largest_component_alone() {
        let papers = [
            paper_by(&["A", "B", "C"]),
            paper_by(&["C", "D"]),
            paper_by(&["X", "Y"]),
            paper_by(&["Solo"]),
        ];
        let all: Vec<usize> = (0..papers.len()).collect();
        let graph = CoauthorGraph::build(&papers, &all, GraphOptions::default());
        assert_eq!(graph.components, 3);
        let main = graph.largest_component();
        let labels: Vec<&str> = main.nodes.iter().map(|n| n.label.as_str()).collect();
        assert_eq!(labels, ["A", "B", "C", "D"]);
        assert_eq!((main.components, main.largest_component), (1, 4));
        assert_eq!(main.edges.len(), 4);
        assert!(main
            .edges
            .iter()
            .all(|e| (e.a as usize) < main.nodes.len() && (e.b as usize) < main.nodes.len()));
        assert!(main.nodes.iter().all(|n| n.component == 0));
        assert_eq!(
            CoauthorGraph::default().largest_component(),
            CoauthorGraph::default()
        );
    }
}
