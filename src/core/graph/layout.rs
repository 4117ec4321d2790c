//! Force-directed layout with a Barnes–Hut quadtree (O(n log n) repulsion per tick), computed in
//! small ticks so the page never freezes. Seeded by the authors' names, so the same graph gives
//! the same picture; warm-started from earlier positions when the filter changes; finite for
//! every input (one node, coincident nodes, disconnected pieces, thousands of nodes).
//!
//! Coordinates are in layout units around the origin; the canvas maps them to pixels.

use std::collections::HashMap;

use super::model::CoauthorGraph;

/// Barnes–Hut opening angle: larger is faster and coarser.
const THETA: f64 = 0.9;
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

#[derive(Clone, Debug)]
pub struct Layout {
    pub positions: Vec<(f64, f64)>,
    /// The node keys, in node order, so positions outlive the graph they were made for.
    keys: Vec<String>,
    /// Nodes the user pinned by dragging.
    pub pinned: Vec<bool>,
    temperature: f64,
}

impl Layout {
    /// Fresh positions seeded by each node's key; nodes in `previous` keep their positions.
    pub fn new(graph: &CoauthorGraph, previous: Option<&HashMap<String, (f64, f64)>>) -> Layout {
        let spread = (graph.nodes.len() as f64).sqrt() * SPRING_LENGTH;
        let mut warm = 0usize;
        let positions: Vec<(f64, f64)> = graph
            .nodes
            .iter()
            .map(|node| {
                if let Some(&position) = previous.and_then(|p| p.get(&node.key)) {
                    warm += 1;
                    return position;
                }
                let hash = fnv1a(node.key.as_bytes());
                let angle = (hash & 0xFFFF) as f64 / 65_536.0 * std::f64::consts::TAU;
                let radius = ((hash >> 16) & 0xFFFF) as f64 / 65_536.0 * spread + 1.0;
                (radius * angle.cos(), radius * angle.sin())
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
        for (i, force) in forces.iter_mut().enumerate() {
            let (fx, fy) = tree.repulsion(&self.positions, i);
            force.0 += fx;
            force.1 += fy;
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
        for (i, (x, y)) in self.positions.iter_mut().enumerate() {
            if self.pinned[i] {
                continue;
            }
            let (mut fx, mut fy) = forces[i];
            fx -= GRAVITY * *x;
            fy -= GRAVITY * *y;
            let magnitude = (fx * fx + fy * fy).sqrt();
            if !magnitude.is_finite() || magnitude == 0.0 {
                continue;
            }
            let step = magnitude.min(self.temperature);
            *x += fx / magnitude * step;
            *y += fy / magnitude * step;
        }
        self.temperature *= COOLING;
        !self.is_settled()
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
        for i in 0..self.positions.len() {
            energy += tree.potential(&self.positions, i);
            let (x, y) = self.positions[i];
            energy += 0.5 * GRAVITY * (x * x + y * y);
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

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A quadtree cell: its square, total mass and centre of mass, and either children or bodies.
struct Cell {
    cx: f64,
    cy: f64,
    half: f64,
    mass: f64,
    mx: f64,
    my: f64,
    children: Option<[usize; 4]>,
    bodies: Vec<usize>,
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
            children: None,
            bodies: Vec::new(),
            depth,
        }
    }
}

struct QuadTree {
    cells: Vec<Cell>,
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
        let mut tree = QuadTree {
            cells: vec![Cell::empty((x0 + x1) / 2.0, (y0 + y1) / 2.0, half, 0)],
        };
        for (i, &position) in positions.iter().enumerate() {
            tree.insert(0, i, position, positions);
        }
        tree
    }

    fn insert(
        &mut self,
        mut cell: usize,
        body: usize,
        (x, y): (f64, f64),
        positions: &[(f64, f64)],
    ) {
        loop {
            {
                let c = &mut self.cells[cell];
                c.mx = (c.mx * c.mass + x) / (c.mass + 1.0);
                c.my = (c.my * c.mass + y) / (c.mass + 1.0);
                c.mass += 1.0;
            }
            if let Some(children) = self.cells[cell].children {
                cell = children[self.quadrant(cell, x, y)];
                continue;
            }
            if self.cells[cell].bodies.is_empty() || self.cells[cell].depth >= MAX_DEPTH {
                self.cells[cell].bodies.push(body);
                return;
            }
            // Split: move the resident bodies down, then continue with this one.
            let residents = std::mem::take(&mut self.cells[cell].bodies);
            let children = self.split(cell);
            self.cells[cell].children = Some(children);
            for resident in residents {
                let (rx, ry) = positions[resident];
                let child = children[self.quadrant(cell, rx, ry)];
                self.insert(child, resident, (rx, ry), positions);
            }
            cell = children[self.quadrant(cell, x, y)];
        }
    }

    fn quadrant(&self, cell: usize, x: f64, y: f64) -> usize {
        let c = &self.cells[cell];
        usize::from(x >= c.cx) + 2 * usize::from(y >= c.cy)
    }

    fn split(&mut self, cell: usize) -> [usize; 4] {
        let (cx, cy, half, depth) = {
            let c = &self.cells[cell];
            (c.cx, c.cy, c.half / 2.0, c.depth + 1)
        };
        let mut children = [0; 4];
        for (q, child) in children.iter_mut().enumerate() {
            let dx = if q & 1 == 1 { half } else { -half };
            let dy = if q & 2 == 2 { half } else { -half };
            *child = self.cells.len();
            self.cells.push(Cell::empty(cx + dx, cy + dy, half, depth));
        }
        children
    }

    /// Visits the cells that act on body `i` as one mass, calling `act(dx, dy, distance², mass)`.
    fn visit(&self, positions: &[(f64, f64)], i: usize, act: &mut impl FnMut(f64, f64, f64, f64)) {
        let (x, y) = positions[i];
        let mut stack = vec![0usize];
        while let Some(index) = stack.pop() {
            let cell = &self.cells[index];
            if cell.mass == 0.0 {
                continue;
            }
            let (dx, dy) = (x - cell.mx, y - cell.my);
            let distance2 = dx * dx + dy * dy + EPSILON;
            // A cell whose centre of mass sits on the body gives no direction: open it.
            let on_body = dx * dx + dy * dy < 1e-12;
            match cell.children {
                Some(children)
                    if on_body || (2.0 * cell.half).powi(2) >= THETA * THETA * distance2 =>
                {
                    stack.extend(children);
                }
                Some(_) => act(dx, dy, distance2, cell.mass),
                None => {
                    for &other in &cell.bodies {
                        if other == i {
                            continue;
                        }
                        let (ox, oy) = positions[other];
                        let (mut dx, mut dy) = (x - ox, y - oy);
                        if dx == 0.0 && dy == 0.0 {
                            // Coincident: push apart along a direction fixed by the indices.
                            let angle = (i.wrapping_mul(2_654_435_761) ^ other) as f64;
                            dx = angle.cos() * 0.01;
                            dy = angle.sin() * 0.01;
                        }
                        act(dx, dy, dx * dx + dy * dy + EPSILON, 1.0);
                    }
                }
            }
        }
    }

    fn repulsion(&self, positions: &[(f64, f64)], i: usize) -> (f64, f64) {
        let (mut fx, mut fy) = (0.0, 0.0);
        self.visit(positions, i, &mut |dx, dy, distance2, mass| {
            let distance = distance2.sqrt();
            let strength = REPULSION * mass / distance2;
            fx += dx / distance * strength;
            fy += dy / distance * strength;
        });
        (fx, fy)
    }

    fn potential(&self, positions: &[(f64, f64)], i: usize) -> f64 {
        let mut energy = 0.0;
        self.visit(positions, i, &mut |_, _, distance2, mass| {
            energy += 0.5 * REPULSION * mass / distance2.sqrt();
        });
        energy
    }
}
