//! Force-directed layout with a Barnes–Hut quadtree (O(n log n) repulsion per tick), computed in
//! small ticks so the page never freezes. Seeded by the authors' names, so the same graph gives
//! the same picture; warm-started from earlier positions when the filter changes; finite for
//! every input (one node, coincident nodes, disconnected pieces, thousands of nodes).
//!
//! Coordinates are in layout units around the origin; the canvas maps them to pixels.
//!
//! Structure shows in two ways. Each connected component has a home its nodes are pulled
//! to: the largest at the origin, the others packed in rows beside it (not flung into a ring
//! around it by repulsion). And when communities are known, each starts around its own
//! centre and its members are pulled gently towards their community's centroid, so clusters
//! read as clusters.

use std::collections::HashMap;

use super::model::CoauthorGraph;

/// Barnes–Hut opening angle: larger is faster and coarser; 1.2 is what Gephi's ForceAtlas2
/// uses by default, and the picture is indistinguishable from 0.9 at a third less work.
const THETA: f64 = 1.2;
const REPULSION: f64 = 400.0;
const SPRING: f64 = 0.02;
const SPRING_LENGTH: f64 = 30.0;
const GRAVITY: f64 = 0.01;
/// Softening, so coincident nodes push apart with a finite force.
const EPSILON: f64 = 1.0;
const COOLING: f64 = 0.96;
const START_TEMPERATURE: f64 = 40.0;
/// Below this the layout counts as settled.
const SETTLED_TEMPERATURE: f64 = 0.3;
/// Deeper quadtree cells hold several bodies (coincident points) instead of splitting forever.
const MAX_DEPTH: u32 = 32;
/// The pull towards the centroid of a node's community.
const GROUP_PULL: f64 = 0.004;
/// Room between packed components, in spring lengths.
const COMPONENT_GAP: f64 = 1.5;
/// No community.
const NO_GROUP: u32 = u32::MAX;
/// Every this many ticks the components are packed again by the room they take.
const REPACK_EVERY: u32 = 5;

#[derive(Clone, Debug)]
pub struct Layout {
    pub positions: Vec<(f64, f64)>,
    /// The node keys, in node order, so positions outlive the graph they were made for.
    keys: Vec<String>,
    /// Nodes the user pinned by dragging.
    pub pinned: Vec<bool>,
    temperature: f64,
    /// Ticks run, to pack the components again every [`REPACK_EVERY`].
    ticks: u32,
    /// Where gravity pulls each node: its component's home.
    homes: Vec<(f64, f64)>,
    /// Each node's community (`NO_GROUP` without), and how many there are.
    groups: Vec<u32>,
    group_count: usize,
}

impl Layout {
    /// Fresh positions seeded by each node's key; nodes in `previous` keep their positions.
    pub fn new(graph: &CoauthorGraph, previous: Option<&HashMap<String, (f64, f64)>>) -> Layout {
        Layout::with_groups(graph, previous, None)
    }

    /// [`Layout::new`] with each node's community (`groups[node]`, as numbered by
    /// `detect_communities`): communities start around their own centres and hold together.
    pub fn with_groups(
        graph: &CoauthorGraph,
        previous: Option<&HashMap<String, (f64, f64)>>,
        groups: Option<&[u32]>,
    ) -> Layout {
        let homes = component_homes(graph);
        let groups: Vec<u32> = match groups {
            Some(groups) if groups.len() == graph.nodes.len() => groups.to_vec(),
            _ => vec![NO_GROUP; graph.nodes.len()],
        };
        let group_count = groups
            .iter()
            .filter(|&&g| g != NO_GROUP)
            .map(|&g| g as usize + 1)
            .max()
            .unwrap_or(0);
        let centres = group_centres(&groups, group_count, &homes);
        let mut warm = 0usize;
        let positions: Vec<(f64, f64)> = graph
            .nodes
            .iter()
            .enumerate()
            .map(|(i, node)| {
                if let Some(&position) = previous.and_then(|p| p.get(&node.key)) {
                    warm += 1;
                    return position;
                }
                // Around the node's community centre, or its component's home.
                let (centre, members) = match centres.get(groups[i] as usize) {
                    Some(&(centre, members)) => (centre, members),
                    None => (homes[i], component_size(graph, node.component)),
                };
                let spread = (members as f64).sqrt() * SPRING_LENGTH * 0.5;
                let hash = fnv1a(node.key.as_bytes());
                let angle = (hash & 0xFFFF) as f64 / 65_536.0 * std::f64::consts::TAU;
                let radius = ((hash >> 16) & 0xFFFF) as f64 / 65_536.0 * spread + 1.0;
                (
                    centre.0 + radius * angle.cos(),
                    centre.1 + radius * angle.sin(),
                )
            })
            .collect();
        // Mostly known positions need only a short settle.
        let temperature = if !graph.nodes.is_empty() && warm * 2 > graph.nodes.len() {
            START_TEMPERATURE / 4.0
        } else {
            START_TEMPERATURE
        };
        Layout {
            pinned: vec![false; positions.len()],
            positions,
            keys: graph.nodes.iter().map(|n| n.key.clone()).collect(),
            temperature,
            ticks: 0,
            homes,
            groups,
            group_count,
        }
    }

    pub fn is_settled(&self) -> bool {
        self.temperature < SETTLED_TEMPERATURE
    }

    /// Restarts the cooling (after a drag, say).
    pub fn reheat(&mut self) {
        self.temperature = self.temperature.max(START_TEMPERATURE / 4.0);
    }

    /// Positions by node key when there are any (an empty layout gives nothing to keep).
    pub fn by_key_if_any(&self) -> Option<HashMap<String, (f64, f64)>> {
        (!self.keys.is_empty()).then(|| {
            self.keys
                .iter()
                .cloned()
                .zip(self.positions.iter().copied())
                .collect()
        })
    }

    /// Positions by node key, to warm-start the next layout.
    pub fn by_key(&self, graph: &CoauthorGraph) -> HashMap<String, (f64, f64)> {
        graph
            .nodes
            .iter()
            .zip(&self.positions)
            .map(|(node, position)| (node.key.clone(), *position))
            .collect()
    }

    /// One step; returns whether the layout is still moving.
    pub fn tick(&mut self, graph: &CoauthorGraph) -> bool {
        let n = self.positions.len();
        if n == 0 || self.is_settled() {
            return false;
        }
        let mut forces = vec![(0.0_f64, 0.0_f64); n];
        let tree = QuadTree::build(&self.positions);
        let mut stack = Vec::with_capacity(64);
        // Bodies in the tree's order: neighbours in space open the same cells one after the
        // other, which keeps those cells in the cache.
        for i in tree.bodies_in_order() {
            let (fx, fy) = tree.repulsion(&self.positions, i, &mut stack);
            forces[i].0 += fx;
            forces[i].1 += fy;
        }
        for edge in &graph.edges {
            let (a, b) = (edge.a as usize, edge.b as usize);
            let (dx, dy) = (
                self.positions[b].0 - self.positions[a].0,
                self.positions[b].1 - self.positions[a].1,
            );
            let distance = (dx * dx + dy * dy).sqrt().max(EPSILON);
            let strength = SPRING * (1.0 + (edge.weight as f64).ln()) * (distance - SPRING_LENGTH);
            let (fx, fy) = (dx / distance * strength, dy / distance * strength);
            forces[a].0 += fx;
            forces[a].1 += fy;
            forces[b].0 -= fx;
            forces[b].1 -= fy;
        }
        let centroids = self.group_centroids();
        for (i, (x, y)) in self.positions.iter_mut().enumerate() {
            if self.pinned[i] {
                continue;
            }
            let (mut fx, mut fy) = forces[i];
            let home = self.homes.get(i).copied().unwrap_or_default();
            fx -= GRAVITY * (*x - home.0);
            fy -= GRAVITY * (*y - home.1);
            if let Some(&(cx, cy)) = centroids.get(self.groups[i] as usize) {
                fx -= GROUP_PULL * (*x - cx);
                fy -= GROUP_PULL * (*y - cy);
            }
            let magnitude = (fx * fx + fy * fy).sqrt();
            if !magnitude.is_finite() || magnitude == 0.0 {
                continue;
            }
            let step = magnitude.min(self.temperature);
            *x += fx / magnitude * step;
            *y += fy / magnitude * step;
        }
        self.temperature *= COOLING;
        self.ticks = self.ticks.wrapping_add(1);
        if self.ticks.is_multiple_of(REPACK_EVERY) || self.is_settled() {
            self.repack(graph);
        }
        !self.is_settled()
    }

    /// Packs the components again by the room each really takes (a dense component ends far
    /// smaller than its node count suggests), moving each whole, so none is left far from
    /// the others. Nothing moves while the user has pinned a node: they are arranging it.
    fn repack(&mut self, graph: &CoauthorGraph) {
        if graph.components < 2
            || graph.nodes.len() != self.positions.len()
            || self.pinned.iter().any(|&p| p)
        {
            return;
        }
        let sizes = component_sizes(graph);
        let count = sizes.len();
        let mut centroid = vec![(0.0, 0.0); count];
        for (node, &(x, y)) in graph.nodes.iter().zip(&self.positions) {
            let c = &mut centroid[node.component as usize];
            c.0 += x;
            c.1 += y;
        }
        for (c, &n) in centroid.iter_mut().zip(&sizes) {
            c.0 /= n.max(1) as f64;
            c.1 /= n.max(1) as f64;
        }
        let mut radii = vec![SPRING_LENGTH * 0.5; count];
        for (node, &(x, y)) in graph.nodes.iter().zip(&self.positions) {
            let component = node.component as usize;
            let (cx, cy) = centroid[component];
            let reach = ((x - cx).powi(2) + (y - cy).powi(2)).sqrt() + SPRING_LENGTH * 0.5;
            radii[component] = radii[component].max(reach);
        }
        if radii
            .iter()
            .chain(centroid.iter().map(|c| &c.0))
            .any(|v| !v.is_finite())
        {
            return;
        }
        let centres = pack(&sizes, &radii);
        for (i, node) in graph.nodes.iter().enumerate() {
            let component = node.component as usize;
            let (dx, dy) = (
                centres[component].0 - centroid[component].0,
                centres[component].1 - centroid[component].1,
            );
            self.positions[i].0 += dx;
            self.positions[i].1 += dy;
            self.homes[i] = centres[component];
        }
    }

    /// Each community's centre of mass now.
    fn group_centroids(&self) -> Vec<(f64, f64)> {
        if self.group_count == 0 {
            return Vec::new();
        }
        let mut sums = vec![(0.0, 0.0, 0usize); self.group_count];
        for (&(x, y), &group) in self.positions.iter().zip(&self.groups) {
            if let Some(sum) = sums.get_mut(group as usize) {
                sum.0 += x;
                sum.1 += y;
                sum.2 += 1;
            }
        }
        sums.into_iter()
            .map(|(x, y, n)| (x / n.max(1) as f64, y / n.max(1) as f64))
            .collect()
    }

    /// The home of each node's component (where gravity pulls it).
    pub fn home(&self, node: usize) -> Option<(f64, f64)> {
        self.homes.get(node).copied()
    }

    /// The total energy (springs plus a repulsion estimate): it falls as the layout settles.
    pub fn energy(&self, graph: &CoauthorGraph) -> f64 {
        let mut energy = 0.0;
        for edge in &graph.edges {
            let (a, b) = (
                self.positions[edge.a as usize],
                self.positions[edge.b as usize],
            );
            let distance = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
            energy += 0.5 * SPRING * (distance - SPRING_LENGTH).powi(2);
        }
        let tree = QuadTree::build(&self.positions);
        let mut stack = Vec::with_capacity(64);
        for i in 0..self.positions.len() {
            energy += tree.potential(&self.positions, i, &mut stack);
            let (x, y) = self.positions[i];
            let home = self.homes.get(i).copied().unwrap_or_default();
            energy += 0.5 * GRAVITY * ((x - home.0).powi(2) + (y - home.1).powi(2));
        }
        energy
    }

    /// The bounding box (min x, min y, max x, max y) of all nodes.
    pub fn bounds(&self) -> Option<(f64, f64, f64, f64)> {
        let first = *self.positions.first()?;
        Some(self.positions.iter().fold(
            (first.0, first.1, first.0, first.1),
            |(x0, y0, x1, y1), &(x, y)| (x0.min(x), y0.min(y), x1.max(x), y1.max(y)),
        ))
    }
}

/// How many nodes component `component` has.
fn component_size(graph: &CoauthorGraph, component: u32) -> usize {
    graph
        .nodes
        .iter()
        .filter(|n| n.component == component)
        .count()
}

/// The radius a component of `size` nodes takes once laid out, roughly.
fn component_radius(size: usize) -> f64 {
    (size as f64).sqrt() * SPRING_LENGTH * 0.9 + SPRING_LENGTH * 0.5
}

/// Each node's component home: the largest component at the origin, the others (largest
/// first) packed in columns to its right, each column as tall as the main component. Radii
/// are estimated from the sizes; [`Layout::tick`] packs again by the room each really takes.
fn component_homes(graph: &CoauthorGraph) -> Vec<(f64, f64)> {
    let sizes = component_sizes(graph);
    let radii: Vec<f64> = sizes.iter().map(|&n| component_radius(n)).collect();
    let centre = pack(&sizes, &radii);
    graph
        .nodes
        .iter()
        .map(|n| {
            centre
                .get(n.component as usize)
                .copied()
                .unwrap_or_default()
        })
        .collect()
}

fn component_sizes(graph: &CoauthorGraph) -> Vec<usize> {
    let mut sizes = vec![0usize; graph.components as usize];
    for node in &graph.nodes {
        if let Some(size) = sizes.get_mut(node.component as usize) {
            *size += 1;
        }
    }
    sizes
}

/// Centres for components of `sizes` nodes taking `radii` each: the largest at the origin,
/// the others in columns beside it, the whole picture centred.
fn pack(sizes: &[usize], radii: &[f64]) -> Vec<(f64, f64)> {
    let count = sizes.len();
    let mut order: Vec<usize> = (0..count).collect();
    order.sort_by(|&a, &b| sizes[b].cmp(&sizes[a]).then(a.cmp(&b)));
    let mut centre = vec![(0.0, 0.0); count];
    let Some(&main) = order.first() else {
        return centre;
    };
    let main_radius = radii[main];
    // Room around a component: less for small ones, so a crowd of pairs stays a crowd.
    let gap_for = |radius: f64| (COMPONENT_GAP * SPRING_LENGTH).min(radius.max(1.0));
    // The small components make a block about as tall as it is wide (and at least as tall
    // as the main component) beside it: a long band would shrink everything to fit a screen.
    let small_area: f64 = order
        .iter()
        .skip(1)
        .map(|&c| (2.0 * radii[c] + gap_for(radii[c])).powi(2))
        .sum();
    let height = (2.0 * main_radius).max(small_area.sqrt());
    let (top, bottom) = (-height / 2.0, height / 2.0);
    let mut x = main_radius + COMPONENT_GAP * SPRING_LENGTH;
    let mut y = top;
    let mut column_width: f64 = 0.0;
    for &component in order.iter().skip(1) {
        let radius = radii[component];
        if y + 2.0 * radius > bottom && y > top {
            x += column_width + gap_for(column_width / 2.0);
            y = top;
            column_width = 0.0;
        }
        centre[component] = (x + radius, y + radius);
        y += 2.0 * radius + gap_for(radius);
        column_width = column_width.max(2.0 * radius);
    }
    // The whole picture centred, rather than the main component alone.
    let right = x + column_width;
    let shift = if count > 1 {
        (right - main_radius) / 2.0 - main_radius / 2.0
    } else {
        0.0
    };
    for c in &mut centre {
        c.0 -= shift.max(0.0);
    }
    centre
}

/// Where each community starts: spread on a circle around its component's home, with its
/// member count.
fn group_centres(
    groups: &[u32],
    group_count: usize,
    homes: &[(f64, f64)],
) -> Vec<((f64, f64), usize)> {
    let mut members = vec![0usize; group_count];
    let mut home = vec![(0.0, 0.0); group_count];
    for (i, &group) in groups.iter().enumerate() {
        if let Some(m) = members.get_mut(group as usize) {
            *m += 1;
            home[group as usize] = homes[i];
        }
    }
    // Communities of one component, in id order, around that component's home.
    let mut placed_in: HashMap<(i64, i64), usize> = HashMap::new();
    (0..group_count)
        .map(|g| {
            let key = (home[g].0.round() as i64, home[g].1.round() as i64);
            let slot = placed_in.entry(key).or_insert(0);
            let k = *slot;
            *slot += 1;
            // Golden-angle spiral: even spacing without knowing how many come.
            let angle = k as f64 * 2.399_963;
            let radius = (k as f64).sqrt() * SPRING_LENGTH * 2.0;
            (
                (
                    home[g].0 + radius * angle.cos(),
                    home[g].1 + radius * angle.sin(),
                ),
                members[g],
            )
        })
        .collect()
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// No cell or body: the end of a list, or a leaf without children.
const NONE: u32 = u32::MAX;

/// A quadtree cell: its square, total mass and centre of mass, and either four children
/// (`first_child..first_child + 4`) or a list of bodies (`first_body`, then `next_body`).
#[derive(Clone, Copy)]
struct Cell {
    cx: f64,
    cy: f64,
    half: f64,
    mass: f64,
    /// While building: the sum of the bodies' coordinates; then the centre of mass.
    mx: f64,
    my: f64,
    first_child: u32,
    first_body: u32,
    depth: u32,
}

impl Cell {
    fn empty(cx: f64, cy: f64, half: f64, depth: u32) -> Cell {
        Cell {
            cx,
            cy,
            half,
            mass: 0.0,
            mx: 0.0,
            my: 0.0,
            first_child: NONE,
            first_body: NONE,
            depth,
        }
    }

    fn quadrant(&self, x: f64, y: f64) -> u32 {
        u32::from(x >= self.cx) + 2 * u32::from(y >= self.cy)
    }
}

/// Flat arrays and no allocation per cell or per visit: a tick at thousands of nodes spends
/// its time on arithmetic, not on the allocator.
struct QuadTree {
    cells: Vec<Cell>,
    /// The body after each body in its leaf's list.
    next_body: Vec<u32>,
}

impl QuadTree {
    fn build(positions: &[(f64, f64)]) -> QuadTree {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for &(x, y) in positions {
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
        }
        let half = ((x1 - x0).max(y1 - y0) / 2.0).max(1.0) + 1.0;
        let mut cells = Vec::with_capacity(positions.len() * 2 + 1);
        cells.push(Cell::empty((x0 + x1) / 2.0, (y0 + y1) / 2.0, half, 0));
        let mut tree = QuadTree {
            cells,
            next_body: vec![NONE; positions.len()],
        };
        for (i, &position) in positions.iter().enumerate() {
            tree.insert(i as u32, position, positions);
        }
        for cell in &mut tree.cells {
            if cell.mass > 0.0 {
                cell.mx /= cell.mass;
                cell.my /= cell.mass;
            }
        }
        tree
    }

    fn insert(&mut self, body: u32, (x, y): (f64, f64), positions: &[(f64, f64)]) {
        let mut cell = 0usize;
        loop {
            let c = &mut self.cells[cell];
            c.mass += 1.0;
            c.mx += x;
            c.my += y;
            if c.first_child != NONE {
                cell = (c.first_child + c.quadrant(x, y)) as usize;
                continue;
            }
            if c.first_body == NONE || c.depth >= MAX_DEPTH {
                self.next_body[body as usize] = c.first_body;
                c.first_body = body;
                return;
            }
            // Split: a leaf holds one body above the deepest level, so move that one down
            // (its mass is already counted here), then carry on with this body.
            let resident = c.first_body;
            let (rx, ry) = positions[resident as usize];
            let (resident_quadrant, body_quadrant) = (c.quadrant(rx, ry), c.quadrant(x, y));
            let (cx, cy, half, depth) = (c.cx, c.cy, c.half / 2.0, c.depth + 1);
            c.first_body = NONE;
            let first_child = self.cells.len() as u32;
            self.cells[cell].first_child = first_child;
            for q in 0..4 {
                let dx = if q & 1 == 1 { half } else { -half };
                let dy = if q & 2 == 2 { half } else { -half };
                self.cells.push(Cell::empty(cx + dx, cy + dy, half, depth));
            }
            let child = &mut self.cells[(first_child + resident_quadrant) as usize];
            child.mass += 1.0;
            child.mx += rx;
            child.my += ry;
            child.first_body = resident;
            self.next_body[resident as usize] = NONE;
            cell = (first_child + body_quadrant) as usize;
        }
    }

    /// Every body once, leaf by leaf in depth-first order.
    fn bodies_in_order(&self) -> Vec<usize> {
        let mut order = Vec::with_capacity(self.next_body.len());
        let mut stack = vec![0u32];
        while let Some(index) = stack.pop() {
            let cell = &self.cells[index as usize];
            if cell.first_child != NONE {
                let first = cell.first_child;
                stack.extend([first, first + 1, first + 2, first + 3]);
                continue;
            }
            let mut body = cell.first_body;
            while body != NONE {
                order.push(body as usize);
                body = self.next_body[body as usize];
            }
        }
        order
    }

    /// Visits the cells that act on body `i` as one mass, calling `act(dx, dy, distance², mass)`.
    /// `stack` is scratch space, reused across bodies.
    fn visit(
        &self,
        positions: &[(f64, f64)],
        i: usize,
        stack: &mut Vec<u32>,
        act: &mut impl FnMut(f64, f64, f64, f64),
    ) {
        let (x, y) = positions[i];
        stack.clear();
        stack.push(0);
        while let Some(index) = stack.pop() {
            let cell = &self.cells[index as usize];
            if cell.mass == 0.0 {
                continue;
            }
            if cell.first_child != NONE {
                let (dx, dy) = (x - cell.mx, y - cell.my);
                let distance2 = dx * dx + dy * dy + EPSILON;
                // A cell whose centre of mass sits on the body gives no direction: open it.
                let on_body = dx * dx + dy * dy < 1e-12;
                if on_body || 4.0 * cell.half * cell.half >= THETA * THETA * distance2 {
                    let first = cell.first_child;
                    for child in first..first + 4 {
                        if self.cells[child as usize].mass > 0.0 {
                            stack.push(child);
                        }
                    }
                } else {
                    act(dx, dy, distance2, cell.mass);
                }
                continue;
            }
            let mut other = cell.first_body;
            while other != NONE {
                let o = other as usize;
                other = self.next_body[o];
                if o == i {
                    continue;
                }
                let (ox, oy) = positions[o];
                let (mut dx, mut dy) = (x - ox, y - oy);
                if dx == 0.0 && dy == 0.0 {
                    // Coincident: push apart along a direction fixed by the indices.
                    let angle = (i.wrapping_mul(2_654_435_761) ^ o) as f64;
                    dx = angle.cos() * 0.01;
                    dy = angle.sin() * 0.01;
                }
                act(dx, dy, dx * dx + dy * dy + EPSILON, 1.0);
            }
        }
    }

    fn repulsion(&self, positions: &[(f64, f64)], i: usize, stack: &mut Vec<u32>) -> (f64, f64) {
        let (mut fx, mut fy) = (0.0, 0.0);
        self.visit(positions, i, stack, &mut |dx, dy, distance2, mass| {
            // REPULSION · mass / distance², along the unit vector (dx, dy) / distance.
            let strength = REPULSION * mass / (distance2 * distance2.sqrt());
            fx += dx * strength;
            fy += dy * strength;
        });
        (fx, fy)
    }

    fn potential(&self, positions: &[(f64, f64)], i: usize, stack: &mut Vec<u32>) -> f64 {
        let mut energy = 0.0;
        self.visit(positions, i, stack, &mut |_, _, distance2, mass| {
            energy += 0.5 * REPULSION * mass / distance2.sqrt();
        });
        energy
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::feed::paper_by;
    use crate::core::graph::{AuthorNode, GraphOptions};

    /// A graph of `cliques` (each a paper by all its people) of the given sizes, as
    /// separate components.
    fn components(sizes: &[usize]) -> CoauthorGraph {
        let mut papers = Vec::new();
        for (c, &size) in sizes.iter().enumerate() {
            let names: Vec<String> = (0..size).map(|i| format!("Person {c}-{i}")).collect();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            papers.push(paper_by(&names));
        }
        let all: Vec<usize> = (0..papers.len()).collect();
        CoauthorGraph::build(&papers, &all, GraphOptions::default())
    }

    #[test]
    fn small_components_are_packed_beside_the_main_one() {
        let graph = components(&[30, 3, 3, 2, 2, 2, 4, 3]);
        let homes = component_homes(&graph);
        let main = graph
            .nodes
            .iter()
            .position(|n| {
                graph
                    .nodes
                    .iter()
                    .filter(|m| m.component == n.component)
                    .count()
                    == 30
            })
            .expect("the main component");
        let main_home = homes[main];
        let main_radius = component_radius(30);
        for (i, node) in graph.nodes.iter().enumerate() {
            if node.component != graph.nodes[main].component {
                assert!(
                    homes[i].0 > main_home.0 + main_radius,
                    "a small component sits to the right of the main one, not around it"
                );
            }
        }
        // After settling, no two components' boxes overlap.
        let mut layout = Layout::new(&graph, None);
        for _ in 0..400 {
            layout.tick(&graph);
        }
        let mut boxes: Vec<(f64, f64, f64, f64)> =
            vec![(f64::MAX, f64::MAX, f64::MIN, f64::MIN); graph.components as usize];
        for (node, &(x, y)) in graph.nodes.iter().zip(&layout.positions) {
            let b = &mut boxes[node.component as usize];
            *b = (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y));
        }
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                let apart = a.2 < b.0 || b.2 < a.0 || a.3 < b.1 || b.3 < a.1;
                assert!(apart, "components overlap: {a:?} {b:?}");
            }
        }
    }

    #[test]
    fn a_dense_main_component_keeps_the_small_ones_close() {
        // One dense group of 45 (a clique is as dense as it gets) and 60 loners.
        let mut sizes = vec![45];
        sizes.extend(std::iter::repeat_n(1, 60));
        let graph = components(&sizes);
        let mut layout = Layout::new(&graph, None);
        while layout.tick(&graph) {}
        let main = |node: &AuthorNode| node.component == graph.nodes[0].component;
        let extent = |keep: &dyn Fn(&AuthorNode) -> bool| {
            graph
                .nodes
                .iter()
                .zip(&layout.positions)
                .filter(|(n, _)| keep(n))
                .fold(
                    (f64::MAX, f64::MAX, f64::MIN, f64::MIN),
                    |b, (_, &(x, y))| (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y)),
                )
        };
        let m = extent(&main);
        let all = extent(&|_| true);
        let (width, height) = (all.2 - all.0, all.3 - all.1);
        // Not a long band beside the main component, but a block about as tall as wide.
        assert!(
            width < 3.0 * height && height < 3.0 * width,
            "{all:?} around {m:?}"
        );
        // And packed: sixty loners and the group fill a good share of the picture's box.
        let room = 60.0 * (SPRING_LENGTH * 2.0).powi(2) + (m.2 - m.0) * (m.3 - m.1);
        assert!(width * height < 4.0 * room, "{all:?} around {m:?}");
    }

    #[test]
    fn communities_start_apart_and_hold_together() {
        // Two cliques joined by one edge: one component, two communities.
        let mut papers = vec![
            paper_by(&["A1", "A2", "A3", "A4", "A5"]),
            paper_by(&["B1", "B2", "B3", "B4", "B5"]),
            paper_by(&["A1", "B1"]),
        ];
        papers.push(paper_by(&["A2", "A3"]));
        let all: Vec<usize> = (0..papers.len()).collect();
        let graph = CoauthorGraph::build(&papers, &all, GraphOptions::default());
        let groups: Vec<u32> = graph
            .nodes
            .iter()
            .map(|n| u32::from(n.label.starts_with('B')))
            .collect();
        let mut layout = Layout::with_groups(&graph, None, Some(&groups));
        for _ in 0..300 {
            layout.tick(&graph);
        }
        let centroids = layout.group_centroids();
        assert_eq!(centroids.len(), 2);
        for (i, &(x, y)) in layout.positions.iter().enumerate() {
            let own = centroids[groups[i] as usize];
            let other = centroids[1 - groups[i] as usize];
            let d = |c: (f64, f64)| ((x - c.0).powi(2) + (y - c.1).powi(2)).sqrt();
            assert!(d(own) < d(other), "node {i} is nearer its own community");
        }
        // Groups that do not fit the graph are ignored, not trusted.
        let ignored = Layout::with_groups(&graph, None, Some(&[0, 1]));
        assert_eq!(ignored.group_count, 0);
        assert!(ignored
            .positions
            .iter()
            .all(|p| p.0.is_finite() && p.1.is_finite()));
    }
}
