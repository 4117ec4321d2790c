//! Community detection and cluster names, natively: known partitions, known modularity, and
//! random graphs.

mod common;

use arxiv_explorer::core::feed::{Author, Paper};
use arxiv_explorer::core::graph::palette::hex;
use arxiv_explorer::core::graph::{
    cluster_chip_label, cluster_colour, cluster_names, cluster_scope, detect_communities,
    detect_on_edges, legend, map_graph, modularity, CoauthorGraph, Communities, GraphOptions,
    MapSpec, LEGEND_CLUSTERS,
};
use arxiv_explorer::core::view_state::GraphView;
use common::Rng;

fn all(papers: &[Paper]) -> Vec<usize> {
    (0..papers.len()).collect()
}

// Communities.

fn clique(first: u32, size: u32, edges: &mut Vec<(u32, u32, f64)>) {
    for a in first..first + size {
        for b in a + 1..first + size {
            edges.push((a, b, 1.0));
        }
    }
}

/// The partition as sets of nodes, each sorted, sorted: equal for equal partitions however
/// they are numbered.
fn groups(of_node: &[u32]) -> Vec<Vec<usize>> {
    let mut by_id: Vec<Vec<usize>> = Vec::new();
    for (node, &c) in of_node.iter().enumerate() {
        if by_id.len() <= c as usize {
            by_id.resize(c as usize + 1, Vec::new());
        }
        by_id[c as usize].push(node);
    }
    by_id.sort();
    by_id
}

/// What every result must satisfy: ids numbered by size, sizes adding up, the modularity the
/// partition has, and every community connected.
fn check_communities(nodes: usize, edges: &[(u32, u32, f64)], found: &Communities) {
    assert_eq!(found.of_node.len(), nodes);
    assert_eq!(found.sizes.iter().sum::<usize>(), nodes);
    assert!(
        found.sizes.windows(2).all(|w| w[0] >= w[1]),
        "{:?}",
        found.sizes
    );
    let mut first_member = vec![usize::MAX; found.sizes.len()];
    for (node, &c) in found.of_node.iter().enumerate() {
        first_member[c as usize] = first_member[c as usize].min(node);
    }
    for id in 1..found.sizes.len() {
        if found.sizes[id] == found.sizes[id - 1] {
            assert!(
                first_member[id - 1] < first_member[id],
                "ties by smallest node"
            );
        }
    }
    let q = modularity(nodes, edges, &found.of_node);
    assert!(
        (q - found.modularity).abs() < 1e-9,
        "{q} vs {}",
        found.modularity
    );
    let mut adjacency = vec![Vec::new(); nodes];
    for &(a, b, _) in edges {
        adjacency[a as usize].push(b as usize);
        adjacency[b as usize].push(a as usize);
    }
    for (id, &size) in found.sizes.iter().enumerate() {
        let start = first_member[id];
        let mut seen = vec![false; nodes];
        let mut stack = vec![start];
        seen[start] = true;
        let mut reached = 0;
        while let Some(v) = stack.pop() {
            reached += 1;
            for &u in &adjacency[v] {
                if !seen[u] && found.of_node[u] as usize == id {
                    seen[u] = true;
                    stack.push(u);
                }
            }
        }
        assert_eq!(reached, size, "community {id} is connected");
    }
}

#[test]
fn two_cliques_joined_by_a_bridge_are_two_communities() {
    let mut edges = Vec::new();
    clique(0, 5, &mut edges);
    clique(5, 5, &mut edges);
    edges.push((4, 5, 1.0));
    let found = detect_on_edges(10, &edges);
    check_communities(10, &edges, &found);
    assert_eq!(
        groups(&found.of_node),
        [vec![0, 1, 2, 3, 4], vec![5, 6, 7, 8, 9]]
    );
    assert_eq!(
        found.of_node[0], 0,
        "a tie in size goes to the smallest node"
    );
    assert!(found.modularity > 0.4, "{}", found.modularity);
}

#[test]
fn a_ring_of_cliques_gives_one_community_per_clique() {
    let mut edges = Vec::new();
    for c in 0..8 {
        clique(c * 5, 5, &mut edges);
        edges.push((c * 5 + 4, ((c + 1) % 8) * 5, 1.0));
    }
    let found = detect_on_edges(40, &edges);
    check_communities(40, &edges, &found);
    let expected: Vec<Vec<usize>> = (0..8).map(|c| (c * 5..c * 5 + 5).collect()).collect();
    assert_eq!(groups(&found.of_node), expected);
    assert_eq!(found.sizes, [5; 8]);
}

fn karate() -> Vec<(u32, u32, f64)> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/graph/karate.txt"
    ))
    .expect("fixture");
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let mut ends = line
                .split_whitespace()
                .map(|n| n.parse::<u32>().expect("number"));
            let (a, b) = (ends.next().expect("a"), ends.next().expect("b"));
            // The file numbers members from 1.
            (a - 1, b - 1, 1.0)
        })
        .collect()
}

#[test]
fn zacharys_karate_club() {
    let edges = karate();
    assert_eq!(edges.len(), 78);
    let found = detect_on_edges(34, &edges);
    check_communities(34, &edges, &found);
    assert!(found.modularity >= 0.41, "{}", found.modularity);
    assert!((3..=5).contains(&found.len()), "{:?}", found.sizes);
    // The instructor (1) and the administrator (34) end up apart.
    assert_ne!(found.of_node[0], found.of_node[33]);
}

#[test]
fn graphs_without_structure() {
    let empty = detect_on_edges(0, &[]);
    assert_eq!(empty, Communities::default());
    let single = detect_on_edges(1, &[]);
    assert_eq!((single.of_node, single.sizes), (vec![0], vec![1]));
    assert_eq!(single.modularity, 0.0);
    let isolated = detect_on_edges(5, &[]);
    assert_eq!(isolated.of_node, [0, 1, 2, 3, 4]);
    assert_eq!(isolated.sizes, [1; 5]);
    // Isolated nodes stay alone next to a community; bad edges are ignored.
    let edges = [
        (1, 2, 1.0),
        (2, 3, 1.0),
        (1, 3, 2.0),
        (0, 9, 1.0),
        (0, 4, f64::NAN),
        (4, 0, -1.0),
    ];
    let found = detect_on_edges(5, &edges);
    assert_eq!(groups(&found.of_node), [vec![0], vec![1, 2, 3], vec![4]]);
    assert_eq!(found.sizes, [3, 1, 1]);
    assert_eq!(found.modularity, 0.0, "one community holding every edge");
    let graph = detect_communities(&CoauthorGraph::default());
    assert!(graph.is_empty());
}

/// A graph with planted groups and noise: `nodes` in groups of 20, `edges` edges of which
/// about four in five fall inside a group, weights 1–3.
fn planted(rng: &mut Rng, nodes: usize, edges: usize) -> Vec<(u32, u32, f64)> {
    (0..edges)
        .map(|_| {
            let a = rng.below(nodes);
            let b = if rng.chance(80) {
                (a / 20) * 20 + rng.below(20)
            } else {
                rng.below(nodes)
            };
            (a as u32, b.min(nodes - 1) as u32, 1.0 + rng.below(3) as f64)
        })
        .collect()
}

#[test]
fn communities_are_deterministic_and_ignore_edge_order() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let edges = planted(&mut rng, 400, 1_500);
    let first = detect_on_edges(400, &edges);
    assert_eq!(first, detect_on_edges(400, &edges));
    let mut shuffled: Vec<(u32, u32, f64)> = edges.iter().map(|&(a, b, w)| (b, a, w)).collect();
    for i in (1..shuffled.len()).rev() {
        shuffled.swap(i, rng.below(i + 1));
    }
    let again = detect_on_edges(400, &shuffled);
    assert_eq!(groups(&again.of_node), groups(&first.of_node));
    assert!((again.modularity - first.modularity).abs() < 1e-12);
}

#[test]
fn communities_of_random_graphs_are_connected_and_good() {
    for seed in 1..=12u64 {
        let mut rng = Rng(seed.wrapping_mul(0x2545_F491_4F6C_DD1D));
        let nodes = 30 + rng.below(600);
        let edges = if seed % 3 == 0 {
            // No planted structure, and sparse: many small pieces.
            (0..nodes)
                .map(|_| (rng.below(nodes) as u32, rng.below(nodes) as u32, 1.0))
                .collect()
        } else {
            planted(&mut rng, nodes, nodes * 4)
        };
        let found = detect_on_edges(nodes, &edges);
        check_communities(nodes, &edges, &found);
        let singletons: Vec<u32> = (0..nodes as u32).collect();
        assert!(found.modularity > modularity(nodes, &edges, &singletons));
        if seed % 3 != 0 {
            assert!(found.modularity > 0.5, "seed {seed}: {}", found.modularity);
        }
    }
}

fn paper(id: &str, title: &str, category: &str, authors: &[&str]) -> Paper {
    Paper {
        id: id.into(),
        title: title.into(),
        primary_category: Some(category.into()),
        categories: vec![category.into()],
        authors: authors
            .iter()
            .map(|name| Author {
                name: name.to_string(),
                affiliations: vec![],
            })
            .collect(),
        ..Paper::default()
    }
}

#[test]
fn cluster_names_say_what_sets_a_cluster_apart() {
    let serverless = ["Ana Šimić", "Bob Stone", "Cleo Park"];
    let galaxies = ["Dara Quinn", "Eli Roth", "Fay Wu"];
    let papers = vec![
        paper(
            "1",
            "Scheduling Serverless Functions at the Edge",
            "cs.DC",
            &serverless[..2],
        ),
        paper(
            "2",
            "Cold starts in serverless scheduling",
            "cs.DC",
            &serverless[1..],
        ),
        paper(
            "3",
            "A Study of Serverless Scheduling Using Traces",
            "cs.OS",
            &serverless,
        ),
        paper(
            "4",
            "Dark matter halos of dwarf galaxies",
            "astro-ph.GA",
            &galaxies[..2],
        ),
        paper(
            "5",
            "Dwarf galaxies and their halos: a new model",
            "astro-ph.GA",
            &galaxies[1..],
        ),
        paper(
            "6",
            "Star formation in dwarf galaxies",
            "astro-ph.CO",
            &galaxies,
        ),
        paper("7", "Edge", "math.CO", &["Gus Lee"]),
    ];
    let graph = CoauthorGraph::build(&papers, &all(&papers), GraphOptions::default());
    let found = detect_communities(&graph);
    assert_eq!(found.sizes, [3, 3, 1]);
    let names = cluster_names(&papers, &graph, &found, 10);
    let by_label: Vec<&str> = names.iter().map(|n| n.label.as_str()).collect();
    assert_eq!(
        by_label,
        [
            "scheduling · serverless (cs.DC)",
            "dwarf · galaxies (astro-ph.GA)",
            "edge (math.CO)"
        ]
    );
    assert_eq!(names[0].terms, ["scheduling", "serverless"]);
    assert_eq!(names[1].terms, ["dwarf", "galaxies", "halos"]);
    assert_eq!(names[1].category.as_deref(), Some("astro-ph.GA"));
    assert_eq!(cluster_names(&papers, &graph, &found, 1).len(), 1);
    assert!(cluster_names(&papers, &graph, &found, 0).is_empty());
    // Terms every paper shares stand out nowhere: the category is all that is left.
    let same = vec![
        paper("1", "Serverless", "cs.DC", &["A B", "C D"]),
        paper("2", "Serverless", "cs.DC", &["C D", "E F"]),
    ];
    let graph = CoauthorGraph::build(&same, &all(&same), GraphOptions::default());
    let found = detect_communities(&graph);
    let names = cluster_names(&same, &graph, &found, 3);
    assert_eq!(names[0].label, "cs.DC");
    assert!(names[0].terms.is_empty());
}

/// Two groups of four who write among themselves, and one paper joining them through a
/// single pair: the map's two clusters.
fn two_groups() -> Vec<Paper> {
    let a = ["Ana Alves", "Ben Brook", "Cai Chen", "Dov Dahan"];
    let b = ["Eva Eder", "Femi Falade", "Gus Gray", "Hana Hoshi"];
    let mut papers = Vec::new();
    for (n, group, (title, category)) in [
        (0, a, ("Kernel scheduling for tail latency", "cs.OS")),
        (1, b, ("Graph neural networks for molecules", "cs.LG")),
    ] {
        for i in 0..4 {
            let authors = [group[i], group[(i + 1) % 4], group[(i + 2) % 4]];
            papers.push(paper(&format!("2401.0{n}{i}00"), title, category, &authors));
        }
    }
    papers.push(paper(
        "2401.09999",
        "A bridge",
        "cs.DC",
        &["Dov Dahan", "Eva Eder"],
    ));
    papers
}

#[test]
fn a_cluster_scope_holds_its_authors_papers_and_a_name() {
    let papers = two_groups();
    let spec = MapSpec::of_view(&GraphView::default());
    let scope = cluster_scope(&papers, &all(&papers), &spec, "ben brook").expect("on the map");
    let ids: Vec<&str> = papers
        .iter()
        .zip(&scope.papers)
        .filter(|(_, inside)| **inside)
        .map(|(p, _)| p.id.as_str())
        .collect();
    // The first group's four papers and the bridge (one of its authors is in the group).
    assert_eq!(
        ids,
        [
            "2401.00000",
            "2401.00100",
            "2401.00200",
            "2401.00300",
            "2401.09999"
        ]
    );
    assert_eq!(scope.authors, 4);
    assert!(scope.name.contains("cs.OS"), "{}", scope.name);
    assert_eq!(
        cluster_chip_label("Ben Brook", Some(&scope)),
        format!("Cluster: {} (4 authors)", scope.name)
    );
    assert!(cluster_scope(&papers, &all(&papers), &spec, "Nobody Here").is_none());
    assert_eq!(
        cluster_chip_label("Nobody Here", None),
        "Cluster of Nobody Here: not on the map of these papers"
    );
    // Only the papers the filter matched count.
    let first_four: Vec<usize> = (0..4).collect();
    let narrow = cluster_scope(&papers, &first_four, &spec, "Ben Brook").expect("on the map");
    assert_eq!(narrow.papers.iter().filter(|p| **p).count(), 4);
}

#[test]
fn the_legend_names_each_cluster_by_its_most_connected_author() {
    let papers = two_groups();
    let graph = map_graph(
        &papers,
        &all(&papers),
        &MapSpec::of_view(&GraphView::default()),
    );
    let communities = detect_communities(&graph);
    let entries = legend(&papers, &graph, &communities, LEGEND_CLUSTERS);
    assert_eq!(entries.len(), 2);
    for entry in &entries {
        // Dov Dahan and Eva Eder have one co-author more than the others: the bridge.
        assert!(
            ["Dov Dahan", "Eva Eder"].contains(&entry.anchor.as_str()),
            "{}",
            entry.anchor
        );
        assert_eq!(entry.size_line(), "4 authors");
    }
    // The same anchor finds the same cluster again.
    let spec = MapSpec::of_view(&GraphView::default());
    for entry in &entries {
        let scope = cluster_scope(&papers, &all(&papers), &spec, &entry.anchor).expect("found");
        assert_eq!(scope.name, entry.name.label);
    }
}

#[test]
fn the_largest_component_alone() {
    let mut papers = two_groups();
    papers.push(paper(
        "2402.00001",
        "Alone",
        "cs.OS",
        &["Ivo Ito", "Jo Jung"],
    ));
    let whole = map_graph(
        &papers,
        &all(&papers),
        &MapSpec::of_view(&GraphView::default()),
    );
    assert_eq!((whole.nodes.len(), whole.components), (10, 2));
    let view = GraphView {
        main_only: true,
        ..GraphView::default()
    };
    let main = map_graph(&papers, &all(&papers), &MapSpec::of_view(&view));
    assert_eq!((main.nodes.len(), main.components), (8, 1));
    assert!(main.find("ivo ito").is_none());
}

#[test]
fn the_stylesheet_has_the_palettes_colours() {
    let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/style/main.css"))
        .expect("stylesheet");
    for (dark, occurrence) in [(false, 0), (true, 1)] {
        for id in 0..10u32 {
            let property = format!("--cluster-{id}:");
            let value = css
                .match_indices(&property)
                .nth(occurrence)
                .map(|(at, _)| css[at + property.len()..].split(';').next().unwrap_or(""))
                .unwrap_or_else(|| panic!("{property} ({dark})"))
                .trim();
            assert_eq!(
                value,
                hex(cluster_colour(id, dark)),
                "{property} dark={dark}"
            );
        }
    }
}
