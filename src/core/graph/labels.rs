//! Which node labels the map draws: as many as fit without overlapping each other or the
//! discs of more important nodes, most important first. Callers offer more candidates as the
//! view zooms in (nodes move apart on screen, so more fit) and pin the selected author and its
//! co-authors by giving them the highest priorities.
//!
//! Placement is greedy over a uniform grid of buckets, so each test looks only at the boxes
//! near it: linear in the candidates (after sorting them), not quadratic.

/// A label that could be drawn: the node's centre and disc radius on screen, the size of its
/// text box, and how much it matters (higher first).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelCandidate {
    pub node: usize,
    pub x: f64,
    pub y: f64,
    pub radius: f64,
    pub width: f64,
    pub height: f64,
    pub priority: f64,
}

/// A label to draw: its box's top-left corner and size, in screen coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlacedLabel {
    pub node: usize,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// Space between a disc and its label.
pub const LABEL_GAP: f64 = 2.0;

/// Line height over font size for [`text_box`].
const LINE_HEIGHT: f64 = 1.2;

/// Advance widths over font size: the average of Latin text in a sans-serif, and the square
/// of a full-width (CJK) character.
const LATIN_ADVANCE: f64 = 0.56;
const WIDE_ADVANCE: f64 = 1.0;

/// Enough buckets for any screen; a larger view gets larger buckets instead of more memory.
const MAX_CELLS: f64 = 65_536.0;

/// The estimated box (width, height) of `label` at `font_px`, where the canvas cannot
/// measure text.
pub fn text_box(label: &str, font_px: f64) -> (f64, f64) {
    if !(font_px.is_finite() && font_px > 0.0) {
        return (0.0, 0.0);
    }
    let advance: f64 = label.chars().map(advance).sum();
    (advance * font_px, LINE_HEIGHT * font_px)
}

fn advance(ch: char) -> f64 {
    let code = ch as u32;
    let wide = matches!(code,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x2_0000..=0x3_FFFD);
    if wide {
        WIDE_ADVANCE
    } else if ch.is_control() || (0x0300..0x0370).contains(&code) || code == 0x200B {
        0.0
    } else {
        LATIN_ADVANCE
    }
}

/// Places up to `max_labels` labels inside a `view_width` × `view_height` view, by priority
/// (ties by node index): each tries the right of its disc, then the left, above and below, and
/// takes the first spot inside the view that overlaps no placed label and no disc of a
/// candidate before it. Candidates with non-finite coordinates or an empty box are skipped.
pub fn place_labels(
    candidates: &[LabelCandidate],
    view_width: f64,
    view_height: f64,
    max_labels: usize,
) -> Vec<PlacedLabel> {
    let view_ok = |v: f64| v.is_finite() && v > 0.0;
    if !view_ok(view_width) || !view_ok(view_height) || max_labels == 0 {
        return Vec::new();
    }
    let usable = |c: &LabelCandidate| {
        c.x.is_finite()
            && c.y.is_finite()
            && c.width.is_finite()
            && c.height.is_finite()
            && c.width > 0.0
            && c.height > 0.0
    };
    let mut order: Vec<usize> = (0..candidates.len())
        .filter(|&i| usable(&candidates[i]))
        .collect();
    let priority = |i: usize| {
        let p = candidates[i].priority;
        if p.is_nan() {
            f64::NEG_INFINITY
        } else {
            p
        }
    };
    order.sort_by(|&a, &b| {
        priority(b)
            .total_cmp(&priority(a))
            .then(candidates[a].node.cmp(&candidates[b].node))
            .then(a.cmp(&b))
    });
    let typical = if order.is_empty() {
        1.0
    } else {
        order
            .iter()
            .map(|&i| candidates[i].width.max(candidates[i].height))
            .sum::<f64>()
            / order.len() as f64
    };
    let mut grid = Grid::new(view_width, view_height, typical);
    let mut placed = Vec::new();
    for i in order {
        if placed.len() >= max_labels {
            break;
        }
        let c = &candidates[i];
        let radius = if c.radius.is_finite() {
            c.radius.max(0.0)
        } else {
            0.0
        };
        let reach = radius + LABEL_GAP;
        let spots = [
            (c.x + reach, c.y - c.height / 2.0),
            (c.x - reach - c.width, c.y - c.height / 2.0),
            (c.x - c.width / 2.0, c.y - reach - c.height),
            (c.x - c.width / 2.0, c.y + reach),
        ];
        for (x, y) in spots {
            let rect = Rect {
                x,
                y,
                width: c.width,
                height: c.height,
            };
            let inside =
                x >= 0.0 && y >= 0.0 && x + c.width <= view_width && y + c.height <= view_height;
            if inside && !grid.hits(&rect) {
                grid.insert(Shape::Rect(rect));
                placed.push(PlacedLabel {
                    node: c.node,
                    x,
                    y,
                    width: c.width,
                    height: c.height,
                });
                break;
            }
        }
        grid.insert(Shape::Disc {
            x: c.x,
            y: c.y,
            radius,
        });
    }
    placed
}

/// Pairs of labels whose boxes overlap (with a positive area): zero for any placement
/// [`place_labels`] makes. The map reports it on its canvas, checked from what was drawn.
pub fn overlapping_pairs(labels: &[PlacedLabel]) -> usize {
    let rect = |l: &PlacedLabel| Rect {
        x: l.x,
        y: l.y,
        width: l.width,
        height: l.height,
    };
    let mut pairs = 0;
    for (i, a) in labels.iter().enumerate() {
        for b in &labels[i + 1..] {
            if rect(a).overlaps(&rect(b)) {
                pairs += 1;
            }
        }
    }
    pairs
}

#[derive(Clone, Copy, Debug)]
struct Rect {
    x: f64,
    y: f64,
    width: f64,
    height: f64,
}

impl Rect {
    /// Overlap with a positive area: boxes that only touch do not collide.
    fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.x + other.width
            && other.x < self.x + self.width
            && self.y < other.y + other.height
            && other.y < self.y + self.height
    }

    fn overlaps_disc(&self, x: f64, y: f64, radius: f64) -> bool {
        let dx = x - x.clamp(self.x, self.x + self.width);
        let dy = y - y.clamp(self.y, self.y + self.height);
        dx * dx + dy * dy < radius * radius
    }
}

#[derive(Clone, Copy, Debug)]
enum Shape {
    Rect(Rect),
    Disc { x: f64, y: f64, radius: f64 },
}

impl Shape {
    fn bounds(&self) -> Rect {
        match *self {
            Shape::Rect(rect) => rect,
            Shape::Disc { x, y, radius } => Rect {
                x: x - radius,
                y: y - radius,
                width: 2.0 * radius,
                height: 2.0 * radius,
            },
        }
    }

    fn hits(&self, rect: &Rect) -> bool {
        match *self {
            Shape::Rect(other) => other.overlaps(rect),
            Shape::Disc { x, y, radius } => rect.overlaps_disc(x, y, radius),
        }
    }
}

const NONE: u32 = u32::MAX;

/// Buckets over the view, each a linked list in flat arrays: a shape is listed in every
/// bucket its bounds touch (clamped to the view, as nothing outside it is ever tested).
struct Grid {
    cell: f64,
    columns: usize,
    rows: usize,
    heads: Vec<u32>,
    /// (shape, next entry in the same bucket)
    entries: Vec<(u32, u32)>,
    shapes: Vec<Shape>,
    /// The query that last tested each shape, so a shape in several buckets is tested once.
    tested: Vec<u32>,
    query: u32,
}

impl Grid {
    fn new(width: f64, height: f64, typical: f64) -> Grid {
        let mut cell = typical.clamp(8.0, 1.0e6);
        if (width / cell).ceil() * (height / cell).ceil() > MAX_CELLS {
            cell = (width * height / MAX_CELLS).sqrt().max(cell);
        }
        let columns = ((width / cell).ceil() as usize).max(1);
        let rows = ((height / cell).ceil() as usize).max(1);
        Grid {
            cell,
            columns,
            rows,
            heads: vec![NONE; columns * rows],
            entries: Vec::new(),
            shapes: Vec::new(),
            tested: Vec::new(),
            query: 0,
        }
    }

    /// The buckets (column range, row range) under `rect`, or none when it is off the view.
    fn span(&self, rect: &Rect) -> Option<(usize, usize, usize, usize)> {
        let index = |v: f64, limit: usize| (v / self.cell).floor().clamp(0.0, limit as f64 - 1.0);
        let (x1, y1) = (rect.x + rect.width, rect.y + rect.height);
        let off = x1 < 0.0
            || y1 < 0.0
            || rect.x > self.columns as f64 * self.cell
            || rect.y > self.rows as f64 * self.cell
            || !(rect.x.is_finite() && rect.y.is_finite() && x1.is_finite() && y1.is_finite());
        if off {
            return None;
        }
        Some((
            index(rect.x, self.columns) as usize,
            index(x1, self.columns) as usize,
            index(rect.y, self.rows) as usize,
            index(y1, self.rows) as usize,
        ))
    }

    fn insert(&mut self, shape: Shape) {
        let Some((c0, c1, r0, r1)) = self.span(&shape.bounds()) else {
            return;
        };
        let id = self.shapes.len() as u32;
        self.shapes.push(shape);
        self.tested.push(self.query);
        for row in r0..=r1 {
            for column in c0..=c1 {
                let bucket = row * self.columns + column;
                self.entries.push((id, self.heads[bucket]));
                self.heads[bucket] = (self.entries.len() - 1) as u32;
            }
        }
    }

    fn hits(&mut self, rect: &Rect) -> bool {
        let Some((c0, c1, r0, r1)) = self.span(rect) else {
            return false;
        };
        self.query += 1;
        for row in r0..=r1 {
            for column in c0..=c1 {
                let mut entry = self.heads[row * self.columns + column];
                while entry != NONE {
                    let (id, next) = self.entries[entry as usize];
                    entry = next;
                    if self.tested[id as usize] == self.query {
                        continue;
                    }
                    self.tested[id as usize] = self.query;
                    if self.shapes[id as usize].hits(rect) {
                        return true;
                    }
                }
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> f64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    fn random_candidates(seed: u64, n: usize, width: f64, height: f64) -> Vec<LabelCandidate> {
        let mut rng = Rng(seed);
        (0..n)
            .map(|node| {
                let (w, h) = text_box(&"x".repeat(3 + (rng.next() * 20.0) as usize), 12.0);
                LabelCandidate {
                    node,
                    // Some nodes off screen, as when zoomed in.
                    x: rng.next() * width * 1.2 - width * 0.1,
                    y: rng.next() * height * 1.2 - height * 0.1,
                    radius: 3.0 + rng.next() * 8.0,
                    width: w,
                    height: h,
                    priority: (rng.next() * 10.0).floor(),
                }
            })
            .collect()
    }

    fn rect(l: &PlacedLabel) -> Rect {
        Rect {
            x: l.x,
            y: l.y,
            width: l.width,
            height: l.height,
        }
    }

    #[test]
    fn placed_labels_never_overlap_and_stay_in_view() {
        for seed in 1..=12u64 {
            let (width, height) = (800.0 + seed as f64 * 37.0, 500.0 + seed as f64 * 11.0);
            let candidates = random_candidates(seed * 7919, 50 * seed as usize, width, height);
            let placed = place_labels(&candidates, width, height, 10_000);
            assert!(!placed.is_empty());
            for (i, a) in placed.iter().enumerate() {
                assert!(a.x >= 0.0 && a.y >= 0.0, "{a:?}");
                assert!(a.x + a.width <= width && a.y + a.height <= height, "{a:?}");
                for b in &placed[i + 1..] {
                    assert!(!rect(a).overlaps(&rect(b)), "{a:?} overlaps {b:?}");
                }
            }
            // No label covers the disc of a node that comes before it.
            let rank = |node: usize| {
                let c = &candidates[node];
                (-c.priority, c.node)
            };
            for label in &placed {
                for c in &candidates {
                    if c.node != label.node && rank(c.node) < rank(label.node) {
                        assert!(!rect(label).overlaps_disc(c.x, c.y, c.radius));
                    }
                }
            }
        }
    }

    #[test]
    fn the_first_candidate_is_placed_when_it_fits() {
        for seed in 1..=8u64 {
            let mut candidates = random_candidates(seed, 400, 640.0, 480.0);
            let pinned = 17;
            candidates[pinned].priority = 1e9;
            candidates[pinned].x = 320.0;
            candidates[pinned].y = 240.0;
            let placed = place_labels(&candidates, 640.0, 480.0, 30);
            assert_eq!(placed[0].node, pinned);
            assert!(placed.len() <= 30);
        }
        // At the right edge it goes to the left.
        let one = LabelCandidate {
            node: 0,
            x: 95.0,
            y: 50.0,
            radius: 4.0,
            width: 40.0,
            height: 14.0,
            priority: 1.0,
        };
        let placed = place_labels(&[one], 100.0, 100.0, 5);
        assert_eq!(placed.len(), 1);
        assert_eq!(placed[0].x, 95.0 - 4.0 - LABEL_GAP - 40.0);
        // Too big for the view anywhere: nothing.
        let huge = LabelCandidate {
            width: 500.0,
            ..one
        };
        assert!(place_labels(&[huge], 100.0, 100.0, 5).is_empty());
    }

    #[test]
    fn placement_is_deterministic_and_total() {
        let candidates = random_candidates(99, 2_000, 1_200.0, 900.0);
        let a = place_labels(&candidates, 1_200.0, 900.0, 200);
        assert_eq!(a, place_labels(&candidates, 1_200.0, 900.0, 200));
        let mut reversed = candidates.clone();
        reversed.reverse();
        assert_eq!(a, place_labels(&reversed, 1_200.0, 900.0, 200));
        assert!(place_labels(&[], 100.0, 100.0, 10).is_empty());
        assert!(place_labels(&candidates, 0.0, 100.0, 10).is_empty());
        assert!(place_labels(&candidates, f64::NAN, 100.0, 10).is_empty());
        assert!(place_labels(&candidates, 100.0, 100.0, 0).is_empty());
        let weird = LabelCandidate {
            node: 0,
            x: f64::NAN,
            y: 1.0,
            radius: f64::INFINITY,
            width: 10.0,
            height: 10.0,
            priority: f64::NAN,
        };
        assert!(place_labels(&[weird], 100.0, 100.0, 10).is_empty());
        let huge_view = place_labels(&candidates, 1e12, 1e12, 10);
        assert_eq!(huge_view.len(), 10);
    }

    #[test]
    fn text_boxes() {
        let (w, h) = text_box("Ana Šimić", 10.0);
        assert!((w - 9.0 * 0.56 * 10.0).abs() < 1e-9 && (h - 12.0).abs() < 1e-9);
        let (cjk, _) = text_box("王小明", 10.0);
        assert!(cjk > text_box("Wan", 10.0).0);
        assert_eq!(text_box("e\u{301}", 10.0).0, text_box("e", 10.0).0);
        assert_eq!(text_box("x", f64::NAN), (0.0, 0.0));
        assert_eq!(text_box("", 12.0).0, 0.0);
    }
}
