//! The graph for other tools: GraphML and GEXF with paper counts and weights, readable by Gephi
//! and VOSviewer, and optionally each node's cluster, the map's positions and (GEXF) the
//! cluster's colour, so the picture opens as it was drawn.

use quick_xml::escape::escape;

use super::model::CoauthorGraph;
use super::palette::cluster_colour;

/// What an export may carry beyond the graph itself, by node index. Either slice may be empty
/// or shorter than the nodes: a node without an entry (or with a non-finite position) is
/// written without it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ExportExtras<'a> {
    /// Community ids (`Communities::of_node`).
    pub clusters: &'a [u32],
    /// Layout coordinates (`Layout::positions`), y downwards as on screen.
    pub positions: &'a [(f64, f64)],
}

impl ExportExtras<'_> {
    fn cluster(&self, node: usize) -> Option<u32> {
        self.clusters.get(node).copied()
    }

    fn position(&self, node: usize) -> Option<(f64, f64)> {
        self.positions
            .get(node)
            .copied()
            .filter(|(x, y)| x.is_finite() && y.is_finite())
    }
}

pub fn to_graphml(graph: &CoauthorGraph) -> String {
    to_graphml_with(graph, &ExportExtras::default())
}

/// GraphML with `cluster` (int) and `x`/`y` (double) node data when `extras` has them.
pub fn to_graphml_with(graph: &CoauthorGraph, extras: &ExportExtras) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n  <key id=\"papers\" for=\"node\" attr.name=\"papers\" attr.type=\"int\"/>\n",
    );
    if !extras.clusters.is_empty() {
        out.push_str(
            "  <key id=\"cluster\" for=\"node\" attr.name=\"cluster\" attr.type=\"int\"/>\n",
        );
    }
    if !extras.positions.is_empty() {
        out.push_str("  <key id=\"x\" for=\"node\" attr.name=\"x\" attr.type=\"double\"/>\n  <key id=\"y\" for=\"node\" attr.name=\"y\" attr.type=\"double\"/>\n");
    }
    out.push_str("  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"int\"/>\n  <graph id=\"coauthors\" edgedefault=\"undirected\">\n");
    for (i, node) in graph.nodes.iter().enumerate() {
        out.push_str(&format!(
            "    <node id=\"n{i}\"><data key=\"label\">{}</data><data key=\"papers\">{}</data>",
            escape(node.label.as_str()),
            node.papers.len()
        ));
        if let Some(cluster) = extras.cluster(i) {
            out.push_str(&format!("<data key=\"cluster\">{cluster}</data>"));
        }
        if let Some((x, y)) = extras.position(i) {
            out.push_str(&format!(
                "<data key=\"x\">{x:.3}</data><data key=\"y\">{y:.3}</data>"
            ));
        }
        out.push_str("</node>\n");
    }
    for (i, edge) in graph.edges.iter().enumerate() {
        out.push_str(&format!(
            "    <edge id=\"e{i}\" source=\"n{}\" target=\"n{}\"><data key=\"weight\">{}</data></edge>\n",
            edge.a, edge.b, edge.weight
        ));
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

pub fn to_gexf(graph: &CoauthorGraph) -> String {
    to_gexf_with(graph, &ExportExtras::default())
}

/// GEXF 1.2 (the version both Gephi and networkx read) with a `cluster`
/// (integer) node attribute, and with `viz:color` (the cluster's
/// light-theme colour) and `viz:position` when `extras` has them.
pub fn to_gexf_with(graph: &CoauthorGraph, extras: &ExportExtras) -> String {
    let viz = if extras.clusters.is_empty() && extras.positions.is_empty() {
        ""
    } else {
        " xmlns:viz=\"http://www.gexf.net/1.2draft/viz\""
    };
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://www.gexf.net/1.2draft\"{viz} version=\"1.2\">\n  <graph defaultedgetype=\"undirected\">\n    <attributes class=\"node\">\n      <attribute id=\"papers\" title=\"papers\" type=\"integer\"/>\n",
    );
    if !extras.clusters.is_empty() {
        out.push_str("      <attribute id=\"cluster\" title=\"cluster\" type=\"integer\"/>\n");
    }
    out.push_str("    </attributes>\n    <nodes>\n");
    for (i, node) in graph.nodes.iter().enumerate() {
        let cluster = extras.cluster(i);
        out.push_str(&format!(
            "      <node id=\"n{i}\" label=\"{}\"><attvalues><attvalue for=\"papers\" value=\"{}\"/>",
            escape(node.label.as_str()),
            node.papers.len()
        ));
        if let Some(cluster) = cluster {
            out.push_str(&format!("<attvalue for=\"cluster\" value=\"{cluster}\"/>"));
        }
        out.push_str("</attvalues>");
        if let Some(cluster) = cluster {
            let c = cluster_colour(cluster, false);
            out.push_str(&format!(
                "<viz:color r=\"{}\" g=\"{}\" b=\"{}\"/>",
                c.r, c.g, c.b
            ));
        }
        if let Some((x, y)) = extras.position(i) {
            out.push_str(&format!(
                "<viz:position x=\"{x:.3}\" y=\"{y:.3}\" z=\"0.0\"/>"
            ));
        }
        out.push_str("</node>\n");
    }
    out.push_str("    </nodes>\n    <edges>\n");
    for (i, edge) in graph.edges.iter().enumerate() {
        out.push_str(&format!(
            "      <edge id=\"e{i}\" source=\"n{}\" target=\"n{}\" weight=\"{}\"/>\n",
            edge.a, edge.b, edge.weight
        ));
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out
}
