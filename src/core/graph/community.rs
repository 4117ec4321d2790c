//! Communities of the co-author map: groups of people who write more with each other than
//! chance would predict (weighted modularity, edge weight = joint papers).
//!
//! The algorithm is Leiden (Traag, Waltman and van Eck, 2019): nodes move greedily between
//! communities as in Louvain, then each community is refined into sub-communities that are
//! well connected inside it, and the graph is aggregated on the refined partition (with the
//! unrefined one as the starting point), level after level, and whole passes repeat until
//! nothing moves. Louvain alone can leave a community held together only by a node that has
//! since moved away, so a colour on the map could cover two unrelated groups; Leiden's
//! refinement (and a final split of any community into its connected pieces, which only
//! raises modularity) rules that out. Everything is deterministic: nodes are visited in
//! index order, the refinement takes the best merge rather than a random one, and gain ties
//! go to the lowest community id.

use super::model::CoauthorGraph;

/// The resolution of modularity: above 1 gives more, smaller communities.
pub const RESOLUTION: f64 = 1.0;

/// A move must gain more than this: floating-point noise must not move nodes back and forth.
const GAIN_EPSILON: f64 = 1e-12;

/// Leiden passes stop when nothing moves; this only bounds pathological inputs.
const MAX_PASSES: usize = 32;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Communities {
    /// Each node's community, numbered by size: 0 is the largest (ties: the community with
    /// the smallest node index first).
    pub of_node: Vec<u32>,
    /// Nodes per community, by id (so non-increasing).
    pub sizes: Vec<usize>,
    /// Newman modularity of the partition (resolution 1).
    pub modularity: f64,
}

impl Communities {
    pub fn len(&self) -> usize {
        self.sizes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sizes.is_empty()
    }

    /// The nodes of community `id`, in index order.
    pub fn members(&self, id: u32) -> Vec<usize> {
        (0..self.of_node.len())
            .filter(|&i| self.of_node[i] == id)
            .collect()
    }
}

/// The co-author graph's edges as `(a, b, joint papers)`.
pub fn weighted_edges(graph: &CoauthorGraph) -> Vec<(u32, u32, f64)> {
    graph
        .edges
        .iter()
        .map(|e| (e.a, e.b, f64::from(e.weight)))
        .collect()
}

/// The communities of the co-author graph, weighted by joint papers.
pub fn detect_communities(graph: &CoauthorGraph) -> Communities {
    detect_on_edges(graph.nodes.len(), &weighted_edges(graph))
}

/// Communities of `nodes` nodes joined by `(a, b, weight)` edges at resolution 1. Edges with
/// an endpoint out of range or a weight that is not a positive number are ignored; repeated
/// edges add up; `(a, a, w)` is a self-loop.
pub fn detect_on_edges(nodes: usize, edges: &[(u32, u32, f64)]) -> Communities {
    detect_with_resolution(nodes, edges, RESOLUTION)
}

/// As [`detect_on_edges`] at another resolution (a non-positive or non-finite one counts as 1).
pub fn detect_with_resolution(
    nodes: usize,
    edges: &[(u32, u32, f64)],
    resolution: f64,
) -> Communities {
    let resolution = if resolution.is_finite() && resolution > 0.0 {
        resolution
    } else {
        RESOLUTION
    };
    let base = Level::from_edges(nodes, edges);
    let mut partition = leiden(&base, resolution);
    split_disconnected(&base, &mut partition);
    let (of_node, sizes) = number_by_size(&partition);
    let modularity = base.modularity(&of_node, RESOLUTION);
    Communities {
        of_node,
        sizes,
        modularity,
    }
}

/// Newman modularity (weighted, resolution 1) of the partition `of_node`, with the edges read
/// as [`detect_on_edges`] reads them. A node without an entry counts as a community of its
/// own; a graph without edges has modularity 0.
pub fn modularity(nodes: usize, edges: &[(u32, u32, f64)], of_node: &[u32]) -> f64 {
    // Labels may be any u32 (and missing): make them dense before indexing by them.
    let label = |v: usize| -> u64 {
        of_node
            .get(v)
            .map_or((1 << 32) + v as u64, |&c| u64::from(c))
    };
    let mut distinct: Vec<u64> = (0..nodes).map(label).collect();
    distinct.sort_unstable();
    distinct.dedup();
    let dense: Vec<u32> = (0..nodes)
        .map(|v| distinct.binary_search(&label(v)).unwrap_or(0) as u32)
        .collect();
    Level::from_edges(nodes, edges).modularity(&dense, RESOLUTION)
}

impl CoauthorGraph {
    /// Modularity of a partition of this graph's nodes, weighted by joint papers.
    pub fn modularity(&self, of_node: &[u32]) -> f64 {
        modularity(self.nodes.len(), &weighted_edges(self), of_node)
    }
}

/// A weighted undirected graph in compressed rows: `targets[starts[v]..starts[v + 1]]` are
/// `v`'s neighbours (each edge stored at both ends, sorted, so the input's edge order cannot
/// change the result); self-loops apart, counted once in `self_loops` and twice in `strength`.
#[derive(Clone, Debug, Default)]
struct Level {
    starts: Vec<usize>,
    targets: Vec<u32>,
    weights: Vec<f64>,
    self_loops: Vec<f64>,
    strength: Vec<f64>,
    /// The sum of all strengths: twice the total edge weight.
    two_m: f64,
}

impl Level {
    fn from_edges(nodes: usize, edges: &[(u32, u32, f64)]) -> Level {
        let mut self_loops = vec![0.0; nodes];
        let mut directed: Vec<(u32, u32, f64)> = Vec::with_capacity(edges.len() * 2);
        for &(a, b, w) in edges {
            if (a as usize) >= nodes || (b as usize) >= nodes || !(w.is_finite() && w > 0.0) {
                continue;
            }
            if a == b {
                self_loops[a as usize] += w;
            } else {
                directed.push((a, b, w));
                directed.push((b, a, w));
            }
        }
        directed.sort_unstable_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)).then(x.2.total_cmp(&y.2)));
        let mut starts = vec![0usize; nodes + 1];
        for &(a, _, _) in &directed {
            starts[a as usize + 1] += 1;
        }
        for v in 0..nodes {
            starts[v + 1] += starts[v];
        }
        let targets = directed.iter().map(|e| e.1).collect();
        let weights = directed.iter().map(|e| e.2).collect();
        Level::finish(starts, targets, weights, self_loops)
    }

    fn finish(
        starts: Vec<usize>,
        targets: Vec<u32>,
        weights: Vec<f64>,
        self_loops: Vec<f64>,
    ) -> Level {
        let strength: Vec<f64> = (0..self_loops.len())
            .map(|v| weights[starts[v]..starts[v + 1]].iter().sum::<f64>() + 2.0 * self_loops[v])
            .collect();
        let two_m = strength.iter().sum();
        Level {
            starts,
            targets,
            weights,
            self_loops,
            strength,
            two_m,
        }
    }

    fn len(&self) -> usize {
        self.self_loops.len()
    }

    #[inline(always)]
    fn neighbours(&self, v: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let range = self.starts[v]..self.starts[v + 1];
        self.targets[range.clone()]
            .iter()
            .zip(&self.weights[range])
            .map(|(&u, &w)| (u as usize, w))
    }

    /// Σ over communities of internal weight / m − γ (strength / 2m)²; `of_node` dense.
    fn modularity(&self, of_node: &[u32], resolution: f64) -> f64 {
        if self.two_m <= 0.0 {
            return 0.0;
        }
        let count = of_node.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
        let mut internal = vec![0.0; count];
        let mut total = vec![0.0; count];
        for v in 0..self.len() {
            let c = of_node[v] as usize;
            total[c] += self.strength[v];
            internal[c] += 2.0 * self.self_loops[v];
            for (u, w) in self.neighbours(v) {
                if of_node[u] as usize == c {
                    internal[c] += w;
                }
            }
        }
        // `internal` holds twice the internal weight (each edge seen from both ends).
        internal
            .iter()
            .zip(&total)
            .map(|(&i, &k)| i / self.two_m - resolution * (k / self.two_m).powi(2))
            .sum()
    }
}

/// Scratch space for summing a node's edge weights per community without a map: a flat
/// array indexed by community and the list of the entries in use.
struct Tally {
    weight: Vec<f64>,
    seen: Vec<bool>,
    touched: Vec<u32>,
}

impl Tally {
    fn new(size: usize) -> Tally {
        Tally {
            weight: vec![0.0; size],
            seen: vec![false; size],
            touched: Vec::new(),
        }
    }

    #[inline(always)]
    fn add(&mut self, c: u32, w: f64) {
        let i = c as usize;
        if !self.seen[i] {
            self.seen[i] = true;
            self.touched.push(c);
        }
        self.weight[i] += w;
    }

    #[inline(always)]
    fn clear(&mut self) {
        for &c in &self.touched {
            self.weight[c as usize] = 0.0;
            self.seen[c as usize] = false;
        }
        self.touched.clear();
    }
}

/// Keeps `best` or takes `(c, gain)`: the larger gain, ties (within the tolerance) to the
/// lower community id.
#[inline(always)]
fn better(best: Option<(u32, f64)>, c: u32, gain: f64) -> Option<(u32, f64)> {
    match best {
        Some((b, g)) if gain <= g + GAIN_EPSILON && (gain < g - GAIN_EPSILON || b < c) => best,
        _ => Some((c, gain)),
    }
}

/// Leiden on `base` from singletons; returns each node's community.
fn leiden(base: &Level, resolution: f64) -> Vec<u32> {
    let n = base.len();
    let mut partition: Vec<u32> = (0..n as u32).collect();
    if base.two_m <= 0.0 {
        return partition;
    }
    for _ in 0..MAX_PASSES {
        let mut moves = 0;
        // Which aggregate node each original node is part of, at the current level.
        let mut membership: Vec<u32> = (0..n as u32).collect();
        let mut communities = partition.clone();
        let mut aggregated: Option<Level> = None;
        loop {
            let level = aggregated.as_ref().unwrap_or(base);
            moves += move_nodes(level, &mut communities, resolution);
            if renumber(&mut communities) == level.len() {
                break;
            }
            let (refined, count) = refine(level, &communities, resolution);
            if count == level.len() {
                break;
            }
            let mut next = vec![0u32; count];
            for (v, &r) in refined.iter().enumerate() {
                next[r as usize] = communities[v];
            }
            for m in &mut membership {
                *m = refined[*m as usize];
            }
            aggregated = Some(aggregate(level, &refined, count));
            communities = next;
        }
        for (p, &m) in partition.iter_mut().zip(&membership) {
            *p = communities[m as usize];
        }
        if moves == 0 {
            break;
        }
    }
    partition
}

/// Louvain's local moving with Leiden's queue: every node once in index order, then only the
/// neighbours of nodes that moved. Returns the number of moves; ids stay below `level.len()`.
fn move_nodes(level: &Level, communities: &mut [u32], resolution: f64) -> usize {
    let n = level.len();
    let mut total = vec![0.0; n];
    let mut count = vec![0u32; n];
    for v in 0..n {
        total[communities[v] as usize] += level.strength[v];
        count[communities[v] as usize] += 1;
    }
    // Popped from the end: the lowest free id first.
    let mut empty: Vec<u32> = (0..n as u32)
        .rev()
        .filter(|&c| count[c as usize] == 0)
        .collect();
    let mut queue: std::collections::VecDeque<u32> = (0..n as u32).collect();
    let mut queued = vec![true; n];
    let mut tally = Tally::new(n);
    let mut moves = 0;
    while let Some(v) = queue.pop_front() {
        let v = v as usize;
        queued[v] = false;
        let k = level.strength[v];
        if k <= 0.0 {
            continue;
        }
        let old = communities[v];
        for (u, w) in level.neighbours(v) {
            tally.add(communities[u], w);
        }
        total[old as usize] -= k;
        count[old as usize] -= 1;
        let scale = resolution * k / level.two_m;
        let stay = tally.weight[old as usize] - scale * total[old as usize];
        let mut best = None;
        for &c in &tally.touched {
            if c != old {
                best = better(
                    best,
                    c,
                    tally.weight[c as usize] - scale * total[c as usize],
                );
            }
        }
        // Alone, a node can always start a community of its own (gain 0); alone already,
        // its old community is that.
        if count[old as usize] > 0 {
            if let Some(&free) = empty.last() {
                best = better(best, free, 0.0);
            }
        }
        let target = match best {
            Some((c, gain)) if gain > stay + GAIN_EPSILON => c,
            _ => old,
        };
        total[target as usize] += k;
        count[target as usize] += 1;
        tally.clear();
        if target == old {
            continue;
        }
        moves += 1;
        communities[v] = target;
        if empty.last() == Some(&target) {
            empty.pop();
        }
        if count[old as usize] == 0 {
            empty.push(old);
        }
        for (u, _) in level.neighbours(v) {
            if !queued[u] && communities[u] != target {
                queued[u] = true;
                queue.push_back(u as u32);
            }
        }
    }
    moves
}

/// Renumbers ids densely in order of first appearance; returns how many there are.
fn renumber(ids: &mut [u32]) -> usize {
    let mut map = vec![u32::MAX; ids.len()];
    let mut next = 0u32;
    for id in ids.iter_mut() {
        let slot = &mut map[*id as usize];
        if *slot == u32::MAX {
            *slot = next;
            next += 1;
        }
        *id = *slot;
    }
    next as usize
}

/// Leiden's refinement: inside each community, from singletons, a well-connected node that
/// is still alone joins the well-connected sub-community it gains most by joining (if any
/// gains). Sub-communities grow only along edges, so each is connected. Returns dense ids and
/// their number.
fn refine(level: &Level, communities: &[u32], resolution: f64) -> (Vec<u32>, usize) {
    let n = level.len();
    let mut refined: Vec<u32> = (0..n as u32).collect();
    let mut refined_total = level.strength.clone();
    let mut refined_size = vec![1u32; n];
    let mut community_total = vec![0.0; n];
    for v in 0..n {
        community_total[communities[v] as usize] += level.strength[v];
    }
    // Weight from each sub-community to the rest of its community.
    let mut outward = vec![0.0; n];
    for (v, out) in outward.iter_mut().enumerate() {
        *out = level
            .neighbours(v)
            .filter(|&(u, _)| communities[u] == communities[v])
            .map(|(_, w)| w)
            .sum();
    }
    let well_connected = |outward: f64, total: f64, community: f64| {
        outward + GAIN_EPSILON >= resolution * total * (community - total) / level.two_m
    };
    let candidates: Vec<bool> = (0..n)
        .map(|v| {
            let c = communities[v] as usize;
            well_connected(outward[v], level.strength[v], community_total[c])
        })
        .collect();
    let mut tally = Tally::new(n);
    for v in 0..n {
        let own = refined[v];
        if !candidates[v] || refined_size[own as usize] != 1 || level.strength[v] <= 0.0 {
            continue;
        }
        let c = communities[v];
        for (u, w) in level.neighbours(v) {
            if communities[u] == c {
                tally.add(refined[u], w);
            }
        }
        let scale = resolution * level.strength[v] / level.two_m;
        let mut best = None;
        for &s in &tally.touched {
            let si = s as usize;
            if s == own
                || !well_connected(outward[si], refined_total[si], community_total[c as usize])
            {
                continue;
            }
            best = better(best, s, tally.weight[si] - scale * refined_total[si]);
        }
        if let Some((s, gain)) = best {
            if gain > GAIN_EPSILON {
                let si = s as usize;
                outward[si] += outward[v] - 2.0 * tally.weight[si];
                refined_total[si] += level.strength[v];
                refined_size[si] += 1;
                refined_size[own as usize] = 0;
                refined[v] = s;
            }
        }
        tally.clear();
    }
    let count = renumber(&mut refined);
    (refined, count)
}

/// The graph whose nodes are the parts of `parts` (dense ids, `count` of them): weights
/// between parts add up, and the weight inside a part becomes its self-loop.
fn aggregate(level: &Level, parts: &[u32], count: usize) -> Level {
    let mut starts_of_part = vec![0usize; count + 1];
    for &p in parts {
        starts_of_part[p as usize + 1] += 1;
    }
    for p in 0..count {
        starts_of_part[p + 1] += starts_of_part[p];
    }
    let mut fill = starts_of_part.clone();
    let mut members = vec![0usize; parts.len()];
    for (v, &p) in parts.iter().enumerate() {
        members[fill[p as usize]] = v;
        fill[p as usize] += 1;
    }
    let mut starts = Vec::with_capacity(count + 1);
    starts.push(0);
    let mut targets = Vec::new();
    let mut weights = Vec::new();
    let mut self_loops = vec![0.0; count];
    let mut tally = Tally::new(count);
    for a in 0..count {
        let mut inside = 0.0;
        for &v in &members[starts_of_part[a]..starts_of_part[a + 1]] {
            self_loops[a] += level.self_loops[v];
            for (u, w) in level.neighbours(v) {
                let b = parts[u];
                if b as usize == a {
                    inside += w;
                } else {
                    tally.add(b, w);
                }
            }
        }
        // Each inner edge was seen from both of its ends.
        self_loops[a] += inside / 2.0;
        // No sort: the order follows from the base level's, which is sorted already.
        for &b in &tally.touched {
            targets.push(b);
            weights.push(tally.weight[b as usize]);
        }
        starts.push(targets.len());
        tally.clear();
    }
    Level::finish(starts, targets, weights, self_loops)
}

/// Splits every community into its connected pieces. Leiden's communities are connected
/// already when its refinement merges; this keeps the promise when a deterministic pass stops
/// before that, and splitting unconnected pieces can only raise modularity.
fn split_disconnected(level: &Level, partition: &mut [u32]) {
    let n = level.len();
    let mut parent: Vec<u32> = (0..n as u32).collect();
    fn root(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            parent[x as usize] = parent[parent[x as usize] as usize];
            x = parent[x as usize];
        }
        x
    }
    for v in 0..n {
        for (u, _) in level.neighbours(v) {
            if u > v && partition[u] == partition[v] {
                let (a, b) = (root(&mut parent, v as u32), root(&mut parent, u as u32));
                if a != b {
                    parent[a.max(b) as usize] = a.min(b);
                }
            }
        }
    }
    for (v, community) in partition.iter_mut().enumerate().take(n) {
        *community = root(&mut parent, v as u32);
    }
}

/// Ids by size, largest first, ties by smallest member; and the sizes.
fn number_by_size(partition: &[u32]) -> (Vec<u32>, Vec<usize>) {
    let mut dense = partition.to_vec();
    let count = renumber(&mut dense);
    let mut size = vec![0usize; count];
    let mut first = vec![usize::MAX; count];
    for (v, &c) in dense.iter().enumerate() {
        size[c as usize] += 1;
        first[c as usize] = first[c as usize].min(v);
    }
    let mut order: Vec<usize> = (0..count).collect();
    order.sort_unstable_by_key(|&c| (std::cmp::Reverse(size[c]), first[c]));
    let mut id = vec![0u32; count];
    for (rank, &c) in order.iter().enumerate() {
        id[c] = rank as u32;
    }
    let of_node = dense.iter().map(|&c| id[c as usize]).collect();
    let sizes = order.iter().map(|&c| size[c]).collect();
    (of_node, sizes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aggregation_keeps_strengths_and_modularity() {
        let edges = [
            (0, 1, 1.0),
            (1, 2, 2.0),
            (2, 3, 1.0),
            (3, 0, 1.0),
            (2, 2, 1.5),
        ];
        let level = Level::from_edges(4, &edges);
        let parts = [0, 0, 1, 1];
        let agg = aggregate(&level, &parts, 2);
        assert_eq!(agg.two_m, level.two_m);
        assert_eq!(agg.self_loops, vec![1.0, 2.5]);
        let q = level.modularity(&[0, 0, 1, 1], 1.0);
        assert!((agg.modularity(&[0, 1], 1.0) - q).abs() < 1e-12);
    }

    #[test]
    fn modularity_of_one_community_is_zero() {
        let edges = [(0, 1, 1.0), (1, 2, 1.0)];
        assert!(modularity(3, &edges, &[7, 7, 7]).abs() < 1e-12);
        // Missing entries are communities of their own.
        assert_eq!(
            modularity(3, &edges, &[0]),
            modularity(3, &edges, &[0, 1, 2])
        );
    }
}
