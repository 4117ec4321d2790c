"""Reads a GEXF export of the co-author map and prints two lines: the modularity of the
clusters the page wrote into it (the `cluster` node attribute), and the modularity of the
communities networkx's Louvain finds on the same weighted graph (best of a few seeds)."""

import sys

import networkx as nx
from networkx.algorithms import community


def main(path):
    graph = nx.read_gexf(path)
    graph = nx.Graph(graph)
    clusters = {}
    for node, data in graph.nodes(data=True):
        clusters.setdefault(int(data["cluster"]), set()).add(node)
    exported = community.modularity(graph, clusters.values(), weight="weight")
    best = max(
        community.modularity(
            graph,
            community.louvain_communities(graph, weight="weight", seed=seed),
            weight="weight",
        )
        for seed in range(5)
    )
    print(f"exported {exported:.6f}")
    print(f"networkx {best:.6f}")


if __name__ == "__main__":
    main(sys.argv[1])
