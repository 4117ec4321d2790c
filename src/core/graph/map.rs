//! The map as the view asks for it: which graph it draws (ego network, largest component,
//! thresholds), its legend of named clusters, and the papers of one cluster for `gcluster=`.
//! The map and the cluster filter both come from here, so a legend entry filters the list to
//! the very cluster it names.

use std::borrow::Borrow;

use super::cluster_names::{cluster_names, ClusterName};
use super::community::{detect_communities, Communities};
use super::ego::ego_papers;
use super::model::{CoauthorGraph, GraphOptions};
use crate::core::feed::Paper;
use crate::core::search::name_key;
use crate::core::view_state::GraphView;

/// Clusters the legend names.
pub const LEGEND_CLUSTERS: usize = 8;

/// Which graph the map draws.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapSpec {
    pub options: GraphOptions,
    /// Only this author's papers (and, two steps out, their co-authors').
    pub ego: Option<String>,
    pub ego_steps: u32,
    /// The largest component alone.
    pub main_only: bool,
}

impl MapSpec {
    /// The map a link describes, with the settings a link does not carry at their defaults.
    pub fn of_view(view: &GraphView) -> MapSpec {
        MapSpec {
            options: GraphOptions {
                min_papers: view.min_papers,
                ..GraphOptions::default()
            },
            ego: view.ego.clone(),
            ego_steps: 1,
            main_only: view.main_only,
        }
    }
}

/// The graph of the map for the papers at `matches`.
pub fn map_graph<P: Borrow<Paper>>(
    papers: &[P],
    matches: &[usize],
    spec: &MapSpec,
) -> CoauthorGraph {
    let graph = match &spec.ego {
        Some(name) => {
            let ego = ego_papers(papers, matches, name, spec.ego_steps);
            CoauthorGraph::build(papers, &ego, spec.options)
        }
        None => CoauthorGraph::build(papers, matches, spec.options),
    };
    if spec.main_only {
        graph.largest_component()
    } else {
        graph
    }
}

/// The author who names cluster `id` in links: the most connected one (then most papers,
/// then first), so the same people keep the same name as the map changes around them.
pub fn cluster_anchor(graph: &CoauthorGraph, communities: &Communities, id: u32) -> Option<usize> {
    communities.members(id).into_iter().max_by(|&a, &b| {
        let (na, nb) = (&graph.nodes[a], &graph.nodes[b]);
        na.degree
            .cmp(&nb.degree)
            .then(na.papers.len().cmp(&nb.papers.len()))
            .then(b.cmp(&a))
    })
}

/// A legend line: the cluster's name and size, and the author a click puts in `gcluster=`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegendEntry {
    pub name: ClusterName,
    pub anchor: String,
}

impl LegendEntry {
    /// "34 authors".
    pub fn size_line(&self) -> String {
        crate::core::text::count(self.name.size, "author")
    }

    /// The line exported pictures show: "name · 34 authors".
    pub fn picture_line(&self) -> String {
        format!("{} · {}", self.name.label, self.size_line())
    }
}

/// The largest clusters (up to `limit`) with their names and anchors; clusters of one author
/// are not worth a line.
pub fn legend<P: Borrow<Paper>>(
    papers: &[P],
    graph: &CoauthorGraph,
    communities: &Communities,
    limit: usize,
) -> Vec<LegendEntry> {
    cluster_names(papers, graph, communities, limit)
        .into_iter()
        .filter(|name| name.size > 1)
        .filter_map(|name| {
            let anchor = cluster_anchor(graph, communities, name.id)?;
            Some(LegendEntry {
                anchor: graph.nodes[anchor].label.clone(),
                name,
            })
        })
        .collect()
}

/// The cluster of `anchor` as a filter: which papers (by position in `papers`) its authors
/// wrote, and its name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClusterScope {
    pub papers: Vec<bool>,
    pub id: u32,
    pub name: String,
    pub authors: usize,
}

/// The papers of the cluster `anchor` belongs to on the map of `matches`; `None` when the
/// map has no such author.
pub fn cluster_scope<P: Borrow<Paper>>(
    papers: &[P],
    matches: &[usize],
    spec: &MapSpec,
    anchor: &str,
) -> Option<ClusterScope> {
    let graph = map_graph(papers, matches, spec);
    let node = graph.find(&name_key(anchor))?;
    let communities = detect_communities(&graph);
    scope_of(papers, &graph, &communities, communities.of_node[node])
}

/// The papers of cluster `id` of `graph`.
pub fn scope_of<P: Borrow<Paper>>(
    papers: &[P],
    graph: &CoauthorGraph,
    communities: &Communities,
    id: u32,
) -> Option<ClusterScope> {
    let members = communities.members(id);
    if members.is_empty() {
        return None;
    }
    let mut inside = vec![false; papers.len()];
    for &member in &members {
        for &paper in &graph.nodes[member].papers {
            if let Some(slot) = inside.get_mut(paper) {
                *slot = true;
            }
        }
    }
    let name = cluster_names(papers, graph, communities, id as usize + 1)
        .into_iter()
        .find(|n| n.id == id)
        .map_or_else(|| format!("Cluster {}", id + 1), |n| n.label);
    Some(ClusterScope {
        papers: inside,
        id,
        name,
        authors: members.len(),
    })
}

/// The chip of `gcluster=`: the cluster's name, or why it narrows nothing.
pub fn cluster_chip_label(anchor: &str, scope: Option<&ClusterScope>) -> String {
    match scope {
        Some(scope) => format!(
            "Cluster: {} ({})",
            scope.name,
            crate::core::text::count(scope.authors, "author")
        ),
        None => format!("Cluster of {anchor}: not on the map of these papers"),
    }
}
