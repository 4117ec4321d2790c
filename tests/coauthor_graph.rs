//! The co-author graph and its layout, natively.

mod common;

use std::collections::HashMap;

use arxiv_explorer::core::embedded::EMBEDDED_FEED_XML;
use arxiv_explorer::core::feed::{parse_feed, Author, Paper};
use arxiv_explorer::core::graph::{
    cluster_names, detect_communities, label_candidates, modularity, overlapping_pairs, scene,
    to_gexf, to_gexf_with, to_graphml, to_graphml_with, CoauthorGraph, ExportExtras, GraphOptions,
    Layout, SceneFocus, Viewport, LABEL_FONT_PX, MAX_LABELS,
};
use quick_xml::events::Event;
use quick_xml::Reader;

fn explorer_papers() -> Vec<Paper> {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/atom/explorer.xml"
    ))
    .expect("fixture");
    parse_feed(&bytes).expect("parses").feed.papers
}

fn all(papers: &[Paper]) -> Vec<usize> {
    (0..papers.len()).collect()
}

fn labels(graph: &CoauthorGraph, nodes: &[usize]) -> Vec<String> {
    nodes
        .iter()
        .map(|&i| graph.nodes[i].label.clone())
        .collect()
}

fn edge_labels(graph: &CoauthorGraph) -> Vec<(String, String, u32)> {
    let mut edges: Vec<(String, String, u32)> = graph
        .edges
        .iter()
        .map(|e| {
            let (a, b) = (
                &graph.nodes[e.a as usize].label,
                &graph.nodes[e.b as usize].label,
            );
            let (a, b) = if a < b { (a, b) } else { (b, a) };
            (a.clone(), b.clone(), e.weight)
        })
        .collect();
    edges.sort();
    edges
}

#[test]
fn nodes_edges_and_components_of_the_fixture() {
    let papers = explorer_papers();
    let graph = CoauthorGraph::build(&papers, &all(&papers), GraphOptions::default());
    let mut names: Vec<String> = graph
        .nodes
        .iter()
        .map(|n| format!("{} ({})", n.label, n.papers.len()))
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "Ana Šimić (2)",
            "Bob Stone (1)",
            "Dejan Kostić (2)",
            "Gerald Q. Maguire (2)",
            "Jane Doe (1)",
            "L. Sun (1)",
            "Lichao Sun (1)",
            "Zoë Müller (1)"
        ]
    );
    let one = |a: &str, b: &str| (a.to_string(), b.to_string(), 1);
    assert_eq!(
        edge_labels(&graph),
        [
            one("Ana Šimić", "Bob Stone"),
            one("Ana Šimić", "Gerald Q. Maguire"),
            one("Ana Šimić", "L. Sun"),
            one("Bob Stone", "Gerald Q. Maguire"),
            one("Dejan Kostić", "Gerald Q. Maguire"),
            one("Dejan Kostić", "Lichao Sun"),
        ]
    );
    assert_eq!((graph.components, graph.largest_component), (3, 6));
    assert_eq!(graph.hyper_papers, 0);
    assert_eq!(
        labels(&graph, &graph.top_by_degree(2)),
        ["Ana Šimić", "Gerald Q. Maguire"]
    );
    assert_eq!(
        labels(&graph, &graph.top_by_papers(3)),
        ["Ana Šimić", "Dejan Kostić", "Gerald Q. Maguire"]
    );
    let kostic = graph.find("dejan kostic").expect("node");
    let mut ego = labels(&graph, &graph.ego(kostic, 1));
    ego.sort();
    assert_eq!(ego, ["Dejan Kostić", "Gerald Q. Maguire", "Lichao Sun"]);
    assert_eq!(graph.ego(kostic, 2).len(), 5);
}

#[test]
fn thresholds() {
    let papers = explorer_papers();
    let two_papers = GraphOptions {
        min_papers: 2,
        ..GraphOptions::default()
    };
    let graph = CoauthorGraph::build(&papers, &all(&papers), two_papers);
    assert_eq!(graph.nodes.len(), 3);
    assert_eq!(edge_labels(&graph).len(), 2);
    let two_joint = GraphOptions {
        min_joint: 2,
        ..GraphOptions::default()
    };
    let graph = CoauthorGraph::build(&papers, &all(&papers), two_joint);
    assert_eq!(
        (graph.nodes.len(), graph.edges.len(), graph.components),
        (8, 0, 8)
    );
    let only_first_two = CoauthorGraph::build(&papers, &[0, 1], GraphOptions::default());
    assert_eq!(
        only_first_two.nodes.len(),
        3,
        "the graph follows the filtered result"
    );
}

#[test]
fn hyper_author_papers_add_nodes_but_no_edges() {
    let big = Paper {
        id: "2601.99999".into(),
        authors: (0..60)
            .map(|i| Author {
                name: format!("Member {i}"),
                affiliations: vec![],
            })
            .collect(),
        ..Paper::default()
    };
    let papers = [big];
    let graph = CoauthorGraph::build(&papers, &[0], GraphOptions::default());
    assert_eq!(
        (graph.nodes.len(), graph.edges.len(), graph.hyper_papers),
        (60, 0, 1)
    );
    let generous = GraphOptions {
        max_authors_per_paper: 100,
        ..GraphOptions::default()
    };
    let graph = CoauthorGraph::build(&papers, &[0], generous);
    assert_eq!(
        (graph.edges.len(), graph.hyper_papers, graph.components),
        (1_770, 0, 1)
    );
}

#[test]
fn seed_graph_counts() {
    let papers = parse_feed(EMBEDDED_FEED_XML.as_bytes())
        .expect("seed")
        .feed
        .papers;
    let graph = CoauthorGraph::build(&papers, &all(&papers), GraphOptions::default());
    let expected_nodes: std::collections::HashSet<String> = papers
        .iter()
        .flat_map(|p| p.authors.iter().map(|a| a.name.to_lowercase()))
        .collect();
    assert_eq!(graph.nodes.len(), expected_nodes.len());
    // Two pairs of papers share authors (Lichao Sun, Yanfang Ye and Zhengqing Yuan; Yiwei
    // Yang and Yusheng Zheng): 15 papers form 13 pieces.
    assert_eq!(graph.components, 13);
    let sun = graph.find("lichao sun").expect("node");
    assert_eq!(graph.nodes[sun].papers.len(), 2);
}

fn check_finite(layout: &Layout) {
    for &(x, y) in &layout.positions {
        assert!(x.is_finite() && y.is_finite(), "({x}, {y})");
    }
}

#[test]
fn layout_is_finite_for_awkward_graphs() {
    let papers = explorer_papers();
    // Empty and single-node graphs.
    let empty = CoauthorGraph::default();
    let mut layout = Layout::new(&empty, None);
    assert!(!layout.tick(&empty));
    let single = CoauthorGraph::build(&papers, &[4], GraphOptions::default());
    let mut layout = Layout::new(&single, None);
    for _ in 0..50 {
        layout.tick(&single);
    }
    check_finite(&layout);
    // Every node starting on the same point.
    let graph = CoauthorGraph::build(&papers, &all(&papers), GraphOptions::default());
    let same: HashMap<String, (f64, f64)> = graph
        .nodes
        .iter()
        .map(|n| (n.key.clone(), (5.0, 5.0)))
        .collect();
    let mut layout = Layout::new(&graph, Some(&same));
    for _ in 0..200 {
        layout.tick(&graph);
    }
    check_finite(&layout);
    let (x0, y0, x1, y1) = layout.bounds().expect("nodes");
    assert!(
        x1 - x0 > 1.0 || y1 - y0 > 1.0,
        "coincident nodes spread out"
    );
}

fn random_graph(nodes: usize, papers: usize) -> (Vec<Paper>, CoauthorGraph) {
    let mut state = 0x2545_F491_4F6C_DD1D_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let papers: Vec<Paper> = (0..papers)
        .map(|i| {
            let community = (next() % 50) as usize;
            let authors = (0..2 + next() % 4)
                .map(|_| {
                    let member = community * (nodes / 50) + (next() as usize % (nodes / 50));
                    Author {
                        name: format!("Person {member}"),
                        affiliations: vec![],
                    }
                })
                .collect();
            Paper {
                id: format!("2601.{i:05}"),
                authors,
                ..Paper::default()
            }
        })
        .collect();
    let graph = CoauthorGraph::build(
        &papers,
        &(0..papers.len()).collect::<Vec<_>>(),
        GraphOptions::default(),
    );
    (papers, graph)
}

#[test]
fn layout_energy_falls_and_it_settles() {
    let (_, graph) = random_graph(1_000, 1_500);
    assert!(
        graph.nodes.len() > 500 && graph.edges.len() > 1_000,
        "{} {}",
        graph.nodes.len(),
        graph.edges.len()
    );
    let mut layout = Layout::new(&graph, None);
    let start = layout.energy(&graph);
    let mut ticks = 0;
    while layout.tick(&graph) {
        ticks += 1;
        assert!(ticks < 1_000, "settles by itself");
    }
    check_finite(&layout);
    let end = layout.energy(&graph);
    assert!(end < start, "energy {start} → {end}");
}

#[test]
fn layout_is_deterministic_and_warm_starts() {
    let papers = explorer_papers();
    let graph = CoauthorGraph::build(&papers, &all(&papers), GraphOptions::default());
    let run = || {
        let mut layout = Layout::new(&graph, None);
        for _ in 0..30 {
            layout.tick(&graph);
        }
        layout.positions
    };
    assert_eq!(run(), run(), "same input, same picture");

    let mut layout = Layout::new(&graph, None);
    for _ in 0..30 {
        layout.tick(&graph);
    }
    let before = layout.by_key(&graph);
    let smaller = CoauthorGraph::build(&papers, &[0, 1], GraphOptions::default());
    let warm = Layout::new(&smaller, Some(&before));
    for (node, position) in smaller.nodes.iter().zip(&warm.positions) {
        assert_eq!(
            before[&node.key], *position,
            "{} keeps its place",
            node.label
        );
    }
}

/// (node labels, edge count) read back from an export.
fn read_back(
    xml: &str,
    node_tag: &[u8],
    edge_tag: &[u8],
    label_in_attribute: bool,
) -> (Vec<String>, usize) {
    let mut reader = Reader::from_str(xml);
    let mut labels = Vec::new();
    let mut edges = 0;
    let mut in_label = false;
    loop {
        match reader.read_event().expect("well-formed") {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name();
                if name.as_ref() == node_tag && label_in_attribute {
                    let label = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == b"label")
                        .map(|a| a.unescape_value().expect("value").into_owned())
                        .expect("label");
                    labels.push(label);
                }
                if name.as_ref() == edge_tag {
                    edges += 1;
                }
                in_label = name.as_ref() == b"data"
                    && e.attributes()
                        .flatten()
                        .any(|a| a.value.as_ref() == b"label");
            }
            Event::Text(t) if in_label => {
                labels.push(t.decode().expect("text").into_owned());
                in_label = false;
            }
            Event::GeneralRef(_) => {}
            Event::Eof => break,
            _ => {}
        }
    }
    (labels, edges)
}

#[test]
fn graphml_and_gexf_read_back_the_same_graph() {
    let papers = explorer_papers();
    let graph = CoauthorGraph::build(&papers, &all(&papers), GraphOptions::default());
    let expected: Vec<String> = graph.nodes.iter().map(|n| n.label.clone()).collect();
    let (labels, edges) = read_back(&to_graphml(&graph), b"node", b"edge", false);
    assert_eq!((labels, edges), (expected.clone(), graph.edges.len()));
    let (labels, edges) = read_back(&to_gexf(&graph), b"node", b"edge", true);
    assert_eq!((labels, edges), (expected, graph.edges.len()));
}

#[test]
fn ten_thousand_authors_stay_finite() {
    let (_, graph) = random_graph(10_000, 12_000);
    assert!(graph.nodes.len() > 8_000, "{}", graph.nodes.len());
    let mut layout = Layout::new(&graph, None);
    for _ in 0..5 {
        layout.tick(&graph);
    }
    check_finite(&layout);
}

/// Per node: (cluster, position, colour) read back from a GraphML or GEXF export, with the
/// GEXF `viz` elements recognised by namespace.
type NodeExtras = (Option<u32>, Option<(f64, f64)>, Option<(u8, u8, u8)>);

fn read_back_extras(xml: &str) -> Vec<NodeExtras> {
    use quick_xml::name::ResolveResult;
    let mut reader = quick_xml::NsReader::from_str(xml);
    let mut nodes: Vec<NodeExtras> = Vec::new();
    let mut data_key: Option<String> = None;
    let mut x = None;
    let attr = |e: &quick_xml::events::BytesStart, name: &[u8]| {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .map(|a| a.unescape_value().expect("value").into_owned())
    };
    loop {
        let (ns, event) = reader.read_resolved_event().expect("well-formed");
        let viz = matches!(ns, ResolveResult::Bound(n) if n.as_ref() == b"http://www.gexf.net/1.2draft/viz");
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name();
                match name.as_ref() {
                    b"node" => nodes.push((None, None, None)),
                    b"data" => data_key = attr(&e, b"key"),
                    b"attvalue" if attr(&e, b"for").as_deref() == Some("cluster") => {
                        let value = attr(&e, b"value").expect("value").parse().expect("int");
                        nodes.last_mut().expect("node").0 = Some(value);
                    }
                    b"position" if viz => {
                        let coordinate =
                            |n: &[u8]| attr(&e, n).expect("coordinate").parse().expect("f64");
                        nodes.last_mut().expect("node").1 =
                            Some((coordinate(b"x"), coordinate(b"y")));
                    }
                    b"color" if viz => {
                        let channel = |n: &[u8]| attr(&e, n).expect("channel").parse().expect("u8");
                        nodes.last_mut().expect("node").2 =
                            Some((channel(b"r"), channel(b"g"), channel(b"b")));
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                let text = t.decode().expect("text").into_owned();
                let Some(node) = nodes.last_mut() else {
                    continue;
                };
                match data_key.take().as_deref() {
                    Some("cluster") => node.0 = Some(text.parse().expect("int")),
                    Some("x") => x = Some(text.parse::<f64>().expect("f64")),
                    Some("y") => {
                        node.1 = Some((x.take().expect("x first"), text.parse().expect("f64")))
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    nodes
}

#[test]
fn exports_carry_clusters_positions_and_colours() {
    let papers = explorer_papers();
    let graph = CoauthorGraph::build(&papers, &all(&papers), GraphOptions::default());
    let communities = detect_communities(&graph);
    let mut layout = Layout::new(&graph, None);
    for _ in 0..20 {
        layout.tick(&graph);
    }
    let extras = ExportExtras {
        clusters: &communities.of_node,
        positions: &layout.positions,
    };
    let close = |a: (f64, f64), b: (f64, f64)| (a.0 - b.0).abs() < 1e-3 && (a.1 - b.1).abs() < 1e-3;
    let graphml = to_graphml_with(&graph, &extras);
    assert!(graphml
        .contains("<key id=\"cluster\" for=\"node\" attr.name=\"cluster\" attr.type=\"int\"/>"));
    assert!(graphml.contains("<key id=\"x\" for=\"node\" attr.name=\"x\" attr.type=\"double\"/>"));
    let gexf = to_gexf_with(&graph, &extras);
    assert!(gexf.contains("<attribute id=\"cluster\" title=\"cluster\" type=\"integer\"/>"));
    for (xml, coloured) in [(&graphml, false), (&gexf, true)] {
        let nodes = read_back_extras(xml);
        assert_eq!(nodes.len(), graph.nodes.len());
        for (i, (cluster, position, colour)) in nodes.into_iter().enumerate() {
            assert_eq!(cluster, Some(communities.of_node[i]));
            assert!(close(position.expect("position"), layout.positions[i]));
            let expected =
                arxiv_explorer::core::graph::cluster_colour(communities.of_node[i], false);
            assert_eq!(
                colour,
                coloured.then_some((expected.r, expected.g, expected.b))
            );
        }
        // The rest of the graph is unchanged.
        let (labels, edges) = read_back(xml, b"node", b"edge", coloured);
        assert_eq!(labels.len(), graph.nodes.len());
        assert_eq!(edges, graph.edges.len());
    }
    // Without extras the exports are as before; with a partial one, only what is there.
    assert_eq!(
        to_graphml_with(&graph, &ExportExtras::default()),
        to_graphml(&graph)
    );
    assert_eq!(
        to_gexf_with(&graph, &ExportExtras::default()),
        to_gexf(&graph)
    );
    assert!(read_back_extras(&to_gexf(&graph))
        .iter()
        .all(|n| *n == (None, None, None)));
    let partial = ExportExtras {
        clusters: &communities.of_node[..1],
        positions: &[(f64::NAN, 0.0)],
    };
    let nodes = read_back_extras(&to_graphml_with(&graph, &partial));
    assert_eq!(nodes[0], (Some(communities.of_node[0]), None, None));
    assert!(nodes[1..].iter().all(|n| *n == (None, None, None)));
}

#[test]
fn communities_of_a_coauthor_graph() {
    let (papers, graph) = random_graph(1_000, 1_500);
    let found = detect_communities(&graph);
    let edges: Vec<(u32, u32, f64)> = graph
        .edges
        .iter()
        .map(|e| (e.a, e.b, f64::from(e.weight)))
        .collect();
    assert_eq!(found.of_node.len(), graph.nodes.len());
    assert_eq!(found.sizes.iter().sum::<usize>(), graph.nodes.len());
    let recomputed = modularity(graph.nodes.len(), &edges, &found.of_node);
    assert!((recomputed - found.modularity).abs() < 1e-9);
    assert!(found.modularity > 0.7, "{}", found.modularity);
    assert_eq!(graph.modularity(&found.of_node), found.modularity);
    let names = cluster_names(&papers, &graph, &found, 5);
    assert_eq!(names.len(), 5);
    for (id, name) in names.iter().enumerate() {
        assert_eq!((name.id, name.size), (id as u32, found.sizes[id]));
        // These papers have no titles or categories.
        assert_eq!(name.label, format!("Cluster {}", id + 1));
    }
}

#[test]
fn the_scene_labels_without_overlaps_and_the_selection_first() {
    for seed_nodes in [200usize, 1_000, 3_000] {
        let (_, graph) = random_graph(seed_nodes, seed_nodes * 2);
        let communities = detect_communities(&graph);
        let mut layout = Layout::with_groups(&graph, None, Some(&communities.of_node));
        for _ in 0..30 {
            layout.tick(&graph);
        }
        let size = (1_000.0, 700.0);
        let view = Viewport::fit(&layout, size.0, size.1);
        let selected = graph.top_by_degree(1)[0];
        let focus = SceneFocus {
            selected: Some(selected),
            clusters: &communities.of_node,
            ..SceneFocus::default()
        };
        let picture = scene(&graph, &layout, &view, &focus, size);
        assert!(!picture.label_boxes.is_empty());
        assert!(picture.label_boxes.len() <= MAX_LABELS);
        assert_eq!(
            overlapping_pairs(&picture.label_boxes),
            0,
            "{seed_nodes} nodes"
        );
        assert_eq!(picture.label_boxes[0].node, selected);
        // Co-authors come before anyone else.
        let neighbours: Vec<usize> = graph.neighbours(selected).iter().map(|n| n.0).collect();
        let first_other = picture
            .label_boxes
            .iter()
            .position(|l| l.node != selected && !neighbours.contains(&l.node))
            .unwrap_or(picture.label_boxes.len());
        assert!(picture.label_boxes[1..first_other]
            .iter()
            .all(|l| neighbours.contains(&l.node)));
        // Zooming in spreads the nodes apart: more of those on screen get a label.
        let zoomed = view.zoom_at(3.0, size.0 / 2.0, size.1 / 2.0);
        let share = |view: &Viewport| {
            let labelled = scene(&graph, &layout, view, &SceneFocus::default(), size)
                .label_boxes
                .len();
            let on_screen =
                label_candidates(&graph, &layout, view, None, None, size, LABEL_FONT_PX).len();
            labelled as f64 / on_screen.max(1) as f64
        };
        assert!(share(&zoomed) > share(&view), "{seed_nodes} nodes");
        let closer = scene(&graph, &layout, &zoomed, &SceneFocus::default(), size);
        assert_eq!(overlapping_pairs(&closer.label_boxes), 0);
        // Every node is coloured by its cluster.
        assert!(picture.circles.iter().all(|c| c.4.is_some()));
    }
}
