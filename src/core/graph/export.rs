//! The graph for other tools: GraphML and GEXF with paper counts and weights, readable by Gephi
//! and VOSviewer.

use quick_xml::escape::escape;

use super::model::CoauthorGraph;

pub fn to_graphml(graph: &CoauthorGraph) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n  <key id=\"papers\" for=\"node\" attr.name=\"papers\" attr.type=\"int\"/>\n  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"int\"/>\n  <graph id=\"coauthors\" edgedefault=\"undirected\">\n",
    );
    for (i, node) in graph.nodes.iter().enumerate() {
        out.push_str(&format!(
            "    <node id=\"n{i}\"><data key=\"label\">{}</data><data key=\"papers\">{}</data></node>\n",
            escape(node.label.as_str()),
            node.papers.len()
        ));
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
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n  <graph defaultedgetype=\"undirected\">\n    <attributes class=\"node\">\n      <attribute id=\"papers\" title=\"papers\" type=\"integer\"/>\n    </attributes>\n    <nodes>\n",
    );
    for (i, node) in graph.nodes.iter().enumerate() {
        out.push_str(&format!(
            "      <node id=\"n{i}\" label=\"{}\"><attvalues><attvalue for=\"papers\" value=\"{}\"/></attvalues></node>\n",
            escape(node.label.as_str()),
            node.papers.len()
        ));
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
