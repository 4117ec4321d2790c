//! What the canvas draws, computed here: the mapping between layout and screen coordinates,
//! node sizes, which labels to show, hit testing, and an SVG rendering of the same scene.

use super::labels::{place_labels, text_box, LabelCandidate, PlacedLabel};
use super::layout::Layout;
use super::model::CoauthorGraph;
use super::palette::{cluster_colour, hex, Rgb};
use quick_xml::escape::escape;

/// Screen (CSS pixel) = layout × scale + offset.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    pub scale: f64,
    pub offset_x: f64,
    pub offset_y: f64,
}

impl Viewport {
    /// Fits the layout's bounds into `width` × `height` with a margin.
    pub fn fit(layout: &Layout, width: f64, height: f64) -> Viewport {
        let Some((x0, y0, x1, y1)) = layout.bounds() else {
            return Viewport {
                scale: 1.0,
                offset_x: width / 2.0,
                offset_y: height / 2.0,
            };
        };
        let margin = 40.0;
        let span_x = (x1 - x0).max(1.0);
        let span_y = (y1 - y0).max(1.0);
        let scale = ((width - 2.0 * margin).max(10.0) / span_x)
            .min((height - 2.0 * margin).max(10.0) / span_y)
            .clamp(0.01, 4.0);
        Viewport {
            scale,
            offset_x: width / 2.0 - (x0 + x1) / 2.0 * scale,
            offset_y: height / 2.0 - (y0 + y1) / 2.0 * scale,
        }
    }

    pub fn to_screen(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (
            x * self.scale + self.offset_x,
            y * self.scale + self.offset_y,
        )
    }

    pub fn to_layout(&self, (sx, sy): (f64, f64)) -> (f64, f64) {
        (
            (sx - self.offset_x) / self.scale,
            (sy - self.offset_y) / self.scale,
        )
    }

    /// Zooms by `factor` keeping the screen point `(sx, sy)` fixed.
    pub fn zoom_at(&self, factor: f64, sx: f64, sy: f64) -> Viewport {
        let scale = (self.scale * factor).clamp(0.01, 20.0);
        let (lx, ly) = self.to_layout((sx, sy));
        Viewport {
            scale,
            offset_x: sx - lx * scale,
            offset_y: sy - ly * scale,
        }
    }

    pub fn pan(&self, dx: f64, dy: f64) -> Viewport {
        Viewport {
            offset_x: self.offset_x + dx,
            offset_y: self.offset_y + dy,
            ..*self
        }
    }

    /// Centres layout point `p` in a `width` × `height` view.
    pub fn centre_on(&self, p: (f64, f64), width: f64, height: f64) -> Viewport {
        Viewport {
            offset_x: width / 2.0 - p.0 * self.scale,
            offset_y: height / 2.0 - p.1 * self.scale,
            ..*self
        }
    }
}

/// A node's radius in screen pixels: area grows with its papers.
pub fn node_radius(papers: usize) -> f64 {
    3.0 + 2.2 * (papers as f64).sqrt()
}

/// The node under the screen point, if any (the nearest within its radius plus a little).
pub fn hit_test(
    graph: &CoauthorGraph,
    layout: &Layout,
    view: &Viewport,
    point: (f64, f64),
) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (i, node) in graph.nodes.iter().enumerate() {
        let (x, y) = view.to_screen(*layout.positions.get(i)?);
        let d2 = (x - point.0).powi(2) + (y - point.1).powi(2);
        let reach = node_radius(node.papers.len()) + 3.0;
        if d2 <= reach * reach && best.is_none_or(|(_, b)| d2 < b) {
            best = Some((i, d2));
        }
    }
    best.map(|(i, _)| i)
}

/// How a node is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeStyle {
    Normal,
    /// Neither selected nor next to the selection, while something is selected; or outside
    /// the cluster the list is narrowed to.
    Faded,
    /// A neighbour of the selected author.
    Neighbour,
    Selected,
}

/// A node as drawn: centre, radius, style, and its cluster's colour (none: the theme's).
pub type Circle = (f64, f64, f64, NodeStyle, Option<Rgb>);

/// The display list: everything in screen coordinates.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    /// (x1, y1, x2, y2, width, highlighted)
    pub lines: Vec<(f64, f64, f64, f64, f64, bool)>,
    pub circles: Vec<Circle>,
    /// (x, baseline y, text), inside the boxes of `label_boxes`.
    pub labels: Vec<(f64, f64, String)>,
    pub label_boxes: Vec<PlacedLabel>,
}

/// What a scene shows beyond the graph and its layout.
#[derive(Clone, Copy, Debug, Default)]
pub struct SceneFocus<'a> {
    pub selected: Option<usize>,
    pub hovered: Option<usize>,
    /// Each node's cluster (`Communities::of_node`); empty: one colour for all.
    pub clusters: &'a [u32],
    /// The cluster the list is narrowed to; the others fade while nothing is selected.
    pub cluster: Option<u32>,
    /// Colours for a dark background.
    pub dark: bool,
    /// The page's font width over [`text_box`]'s estimate (0 or less: the estimate), so boxes
    /// fit the text as drawn.
    pub text_scale: f64,
}

/// The labels' font size in CSS pixels, as the canvas and the SVG draw them.
pub const LABEL_FONT_PX: f64 = 12.0;
/// At most this many labels, however far the view is zoomed in.
pub const MAX_LABELS: usize = 200;

/// Builds the scene of a `width` × `height` view: links, nodes in their clusters' colours,
/// and as many labels as fit without overlapping (see [`place_labels`]): the selection and
/// its co-authors first, then by papers and co-authors; zooming in spreads nodes apart, so
/// more fit.
pub fn scene(
    graph: &CoauthorGraph,
    layout: &Layout,
    view: &Viewport,
    focus: &SceneFocus,
    size: (f64, f64),
) -> Scene {
    let selected = focus.selected;
    let neighbours: Vec<usize> = selected
        .map(|s| graph.neighbours(s).into_iter().map(|(n, _)| n).collect())
        .unwrap_or_default();
    let mut scene = Scene::default();
    for edge in &graph.edges {
        let (a, b) = (edge.a as usize, edge.b as usize);
        let (Some(&pa), Some(&pb)) = (layout.positions.get(a), layout.positions.get(b)) else {
            continue;
        };
        let (x1, y1) = view.to_screen(pa);
        let (x2, y2) = view.to_screen(pb);
        let highlighted = selected.is_some_and(|s| s == a || s == b);
        let width = (0.6 + (edge.weight as f64).ln_1p()).min(4.0);
        scene.lines.push((x1, y1, x2, y2, width, highlighted));
    }
    for (i, node) in graph.nodes.iter().enumerate() {
        let Some(&p) = layout.positions.get(i) else {
            continue;
        };
        let (x, y) = view.to_screen(p);
        let cluster = focus.clusters.get(i).copied();
        let style = match selected {
            Some(s) if s == i => NodeStyle::Selected,
            Some(_) if neighbours.contains(&i) => NodeStyle::Neighbour,
            Some(_) => NodeStyle::Faded,
            None if focus.cluster.is_some() && cluster != focus.cluster => NodeStyle::Faded,
            None => NodeStyle::Normal,
        };
        let colour = cluster.map(|c| cluster_colour(c, focus.dark));
        scene
            .circles
            .push((x, y, node_radius(node.papers.len()), style, colour));
    }
    let mut candidates = label_candidates(
        graph,
        layout,
        view,
        selected,
        focus.hovered,
        size,
        LABEL_FONT_PX,
    );
    if focus.text_scale.is_finite() && focus.text_scale > 0.0 {
        for candidate in &mut candidates {
            candidate.width *= focus.text_scale.clamp(0.5, 2.0);
        }
    }
    scene.label_boxes = place_labels(&candidates, size.0, size.1, MAX_LABELS);
    for placed in &scene.label_boxes {
        // The box is a line of text: its baseline sits about a third of a font size below
        // the middle.
        let baseline = placed.y + placed.height / 2.0 + LABEL_FONT_PX * 0.35;
        scene
            .labels
            .push((placed.x, baseline, graph.nodes[placed.node].label.clone()));
    }
    scene
}

/// Priority of the hovered and selected nodes' labels, then of the selection's co-authors:
/// above any count of papers, so they are placed first.
const PINNED_PRIORITY: f64 = 1e12;
const NEIGHBOUR_PRIORITY: f64 = 1e9;

/// Label candidates for [`super::labels::place_labels`]: every node whose disc is on the
/// `width` × `height` screen, its box estimated by [`text_box`] at `font_px`. The hovered and
/// selected nodes come first, then the selection's co-authors, then by papers and co-authors.
pub fn label_candidates(
    graph: &CoauthorGraph,
    layout: &Layout,
    view: &Viewport,
    selected: Option<usize>,
    hovered: Option<usize>,
    (width, height): (f64, f64),
    font_px: f64,
) -> Vec<LabelCandidate> {
    let mut neighbour = vec![false; graph.nodes.len()];
    for (n, _) in selected.map(|s| graph.neighbours(s)).unwrap_or_default() {
        neighbour[n] = true;
    }
    let mut candidates = Vec::new();
    for (i, node) in graph.nodes.iter().enumerate() {
        let Some(&p) = layout.positions.get(i) else {
            continue;
        };
        let (x, y) = view.to_screen(p);
        let radius = node_radius(node.papers.len());
        let on_screen =
            x + radius >= 0.0 && y + radius >= 0.0 && x - radius <= width && y - radius <= height;
        if !on_screen {
            continue;
        }
        let base =
            node.papers.len() as f64 + f64::from(node.degree) / (1.0 + f64::from(node.degree));
        let priority = if Some(i) == hovered || Some(i) == selected {
            PINNED_PRIORITY + base
        } else if neighbour[i] {
            NEIGHBOUR_PRIORITY + base
        } else {
            base
        };
        let (w, h) = text_box(&node.label, font_px);
        candidates.push(LabelCandidate {
            node: i,
            x,
            y,
            radius,
            width: w,
            height: h,
            priority,
        });
    }
    candidates
}

/// The same scene as a standalone SVG document (`width` × `height` pixels, light theme), with
/// the legend's lines (colour, text) in its top-left corner.
pub fn scene_to_svg(scene: &Scene, width: f64, height: f64, legend: &[(Rgb, String)]) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\">\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n<g stroke=\"#9a9aa5\" stroke-opacity=\"0.6\">\n"
    );
    for &(x1, y1, x2, y2, w, highlighted) in &scene.lines {
        let colour = if highlighted {
            " stroke=\"#b31b1b\" stroke-opacity=\"0.9\""
        } else {
            ""
        };
        out.push_str(&format!("<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" stroke-width=\"{w:.2}\"{colour}/>\n"));
    }
    out.push_str("</g>\n<g>\n");
    for &(x, y, r, style, colour) in &scene.circles {
        let node = colour.map_or_else(|| "#1a56a8".to_string(), hex);
        let (fill, opacity) = match style {
            NodeStyle::Normal => (node, 0.85),
            NodeStyle::Faded => ("#9a9aa5".to_string(), 0.35),
            NodeStyle::Neighbour => (node, 1.0),
            NodeStyle::Selected => ("#b31b1b".to_string(), 1.0),
        };
        out.push_str(&format!("<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"{fill}\" fill-opacity=\"{opacity}\"/>\n"));
    }
    out.push_str("</g>\n<g font-family=\"sans-serif\" font-size=\"12\" fill=\"#1d1d1f\">\n");
    for (x, y, text) in &scene.labels {
        out.push_str(&format!(
            "<text x=\"{x:.1}\" y=\"{y:.1}\">{}</text>\n",
            escape(text.as_str())
        ));
    }
    out.push_str("</g>\n");
    if !legend.is_empty() {
        let line = 18.0;
        let box_width = legend
            .iter()
            .map(|(_, text)| text_box(text, LABEL_FONT_PX).0)
            .fold(0.0, f64::max)
            + 36.0;
        out.push_str(&format!(
            "<g font-family=\"sans-serif\" font-size=\"12\" fill=\"#1d1d1f\" data-legend=\"clusters\">\n<rect x=\"8\" y=\"8\" width=\"{box_width:.0}\" height=\"{:.0}\" fill=\"#ffffff\" fill-opacity=\"0.9\" stroke=\"#d5d3cc\"/>\n",
            line * legend.len() as f64 + 12.0
        ));
        for (i, (colour, text)) in legend.iter().enumerate() {
            let y = 14.0 + line * i as f64;
            out.push_str(&format!(
                "<circle cx=\"22\" cy=\"{:.1}\" r=\"5\" fill=\"{}\"/><text x=\"34\" y=\"{:.1}\">{}</text>\n",
                y + line / 2.0,
                hex(*colour),
                y + line / 2.0 + 4.0,
                escape(text.as_str())
            ));
        }
        out.push_str("</g>\n");
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viewport_round_trips_and_zooms_about_a_point() {
        let view = Viewport {
            scale: 2.0,
            offset_x: 10.0,
            offset_y: -5.0,
        };
        let p = (3.0, 4.0);
        let s = view.to_screen(p);
        assert_eq!(s, (16.0, 3.0));
        assert_eq!(view.to_layout(s), p);
        let zoomed = view.zoom_at(1.5, 100.0, 50.0);
        let before = view.to_layout((100.0, 50.0));
        let after = zoomed.to_layout((100.0, 50.0));
        assert!((before.0 - after.0).abs() < 1e-9 && (before.1 - after.1).abs() < 1e-9);
        assert_eq!(view.pan(5.0, 5.0).to_screen(p), (21.0, 8.0));
    }

    #[test]
    fn radius_grows_with_papers() {
        assert!(node_radius(1) < node_radius(4));
        assert!(node_radius(0) >= 3.0);
    }
}
