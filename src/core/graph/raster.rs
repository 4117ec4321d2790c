//! Draws a [`Scene`]'s links and nodes into an RGBA pixel buffer, anti-aliased, so the page
//! hands the canvas one image per frame instead of tens of thousands of strokes.
//!
//! A browser without a GPU (and many with one) rasterises each `stroke()` of a 2D canvas on
//! its own, with a fixed cost per call far above the cost of the pixels; a map with 20,000
//! links then takes over 100 ms a frame. Here a link costs only the pixels it covers. Labels
//! are text and stay with the canvas (`fillText` is fast for the few that are shown).
//!
//! The buffer is opaque: it starts from the theme's surface colour, so blending is a plain
//! mix of two colours and the image needs no un-premultiplying before it is shown.

use super::palette::Rgb;
use super::scene::{NodeStyle, Scene};

/// The colours of the map, from the theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RasterPalette {
    pub background: Rgb,
    pub edge: Rgb,
    pub edge_highlight: Rgb,
    pub node: Rgb,
    pub node_faded: Rgb,
    pub selected: Rgb,
}

impl Default for RasterPalette {
    /// The light theme's colours.
    fn default() -> Self {
        RasterPalette {
            background: Rgb::new(0xff, 0xff, 0xff),
            edge: Rgb::new(0x8d, 0x8d, 0x98),
            edge_highlight: Rgb::new(0xb3, 0x1b, 0x1b),
            node: Rgb::new(0x1a, 0x56, 0xa8),
            node_faded: Rgb::new(0xdc, 0xda, 0xd3),
            selected: Rgb::new(0xb3, 0x1b, 0x1b),
        }
    }
}

/// Opacity of links and nodes, as on the SVG export.
const EDGE_ALPHA: f64 = 0.35;
const EDGE_HIGHLIGHT_ALPHA: f64 = 0.9;

fn node_paint(style: NodeStyle, colour: Option<Rgb>, palette: &RasterPalette) -> (Rgb, f64) {
    let node = colour.unwrap_or(palette.node);
    match style {
        NodeStyle::Normal => (node, 0.85),
        NodeStyle::Faded => (palette.node_faded, 0.6),
        NodeStyle::Neighbour => (node, 1.0),
        NodeStyle::Selected => (palette.selected, 1.0),
    }
}

/// An image of `width` × `height` device pixels, row by row, each a little-endian RGBA word:
/// as bytes ([`Raster::bytes`]), the layout `ImageData` expects.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Raster {
    pub width: usize,
    pub height: usize,
    pixels: Vec<u32>,
}

/// Mixes `colour` into `under` with `alpha` in 0..=256. Always inlined: it runs for every
/// pixel drawn, and the size-optimised build would otherwise call it.
#[inline(always)]
fn mix(under: u32, colour: u32, alpha: u32) -> u32 {
    let keep = 256 - alpha;
    // Red and blue in one multiply, green in another: each channel × ≤ 256 fits its lane.
    let red_blue =
        (((under & 0x00FF_00FF) * keep + (colour & 0x00FF_00FF) * alpha) >> 8) & 0x00FF_00FF;
    let green =
        (((under & 0x0000_FF00) * keep + (colour & 0x0000_FF00) * alpha) >> 8) & 0x0000_FF00;
    red_blue | green | 0xFF00_0000
}

impl Raster {
    pub fn new(width: usize, height: usize) -> Raster {
        Raster {
            width,
            height,
            pixels: vec![0; width * height],
        }
    }

    /// Resizes (keeping the allocation when it is big enough) and fills with `colour`.
    pub fn clear(&mut self, width: usize, height: usize, colour: Rgb) {
        self.width = width;
        self.height = height;
        self.pixels.clear();
        self.pixels.resize(width * height, colour.word());
    }

    /// The pixels as R, G, B, A bytes.
    pub fn bytes(&self) -> &[u8] {
        bytemuck::cast_slice(&self.pixels)
    }

    /// The colour at (x, y), for tests and hit checks.
    pub fn pixel(&self, x: usize, y: usize) -> Option<Rgb> {
        if x >= self.width || y >= self.height {
            return None;
        }
        let [r, g, b, _] = self.pixels.get(y * self.width + x)?.to_le_bytes();
        Some(Rgb::new(r, g, b))
    }

    /// Mixes `colour` into pixel (x, y) with `alpha` in 0..=256.
    #[inline]
    fn blend(&mut self, x: i64, y: i64, colour: u32, alpha: u32) {
        if x < 0 || y < 0 || x as usize >= self.width {
            return;
        }
        self.blend_at(y as usize * self.width + x as usize, colour, alpha);
    }

    /// Mixes `colour` into the pixel at index `at` (row by row) with `alpha` in 0..=256.
    #[inline(always)]
    fn blend_at(&mut self, at: usize, colour: u32, alpha: u32) {
        if alpha == 0 {
            return;
        }
        if let Some(pixel) = self.pixels.get_mut(at) {
            *pixel = mix(*pixel, colour, alpha);
        }
    }

    /// A link from (x1, y1) to (x2, y2) of `width` pixels. It is walked a pixel at a time along
    /// its major axis; at each step it covers a span of the minor axis centred on the line
    /// (`width` over the cosine of its slope), and each pixel of the span gets the share of it
    /// that is covered: the two end pixels in part, those between in full. Lines thinner than
    /// a pixel are drawn a pixel wide with their ink (width × opacity) spread over it. Fixed
    /// point (16.16) inside the walk: a large map blends millions of pixels a frame.
    pub fn line(&mut self, from: (f64, f64), to: (f64, f64), width: f64, colour: Rgb, alpha: f64) {
        let Some(((x1, y1), (x2, y2))) = self.clip(from, to, width) else {
            return;
        };
        let colour = colour.word();
        let x_major = (x2 - x1).abs() >= (y2 - y1).abs();
        let (a1, b1, a2, b2) = if x_major {
            (x1, y1, x2, y2)
        } else {
            (y1, x1, y2, x2)
        };
        let (a1, b1, a2, b2) = if a1 <= a2 {
            (a1, b1, a2, b2)
        } else {
            (a2, b2, a1, b1)
        };
        let (first, last) = (a1.round() as i64, a2.round() as i64);
        if first >= last {
            return;
        }
        let slope = (b2 - b1) / (a2 - a1);
        // Faint lines up to a few pixels wide look the same drawn a pixel wide with the ink of
        // their width (width × opacity, while that stays ≤ 1), at half the pixels or fewer: a
        // dense map's links are nearly all such lines.
        let spread = alpha * width.max(0.0);
        if width < 1.0 || (width <= 3.0 && spread <= 1.0) {
            let strength = (spread.clamp(0.0, 1.0) * 256.0) as u32;
            self.hairline((first, last), (a1, b1), slope, x_major, colour, strength);
            return;
        }
        let strength = (alpha.clamp(0.0, 1.0) * 256.0) as i64;
        const ONE: i64 = 1 << 16;
        let half = (0.5 * width * (1.0 + slope * slope).sqrt() * ONE as f64) as i64;
        let start = ((b1 + slope * (first as f64 + 0.5 - a1)) * ONE as f64) as i64;
        let step = (slope * ONE as f64) as i64;
        let axes = Axes::of(self, x_major);
        for a in first.max(0)..last.min(axes.a_limit) {
            let centre = start + step * (a - first);
            let (low, high) = (centre - half, centre + half);
            let (first_b, last_b) = (low >> 16, high >> 16);
            for b in first_b.max(0)..=last_b.min(axes.b_limit - 1) {
                // The covered part of [b, b + 1], in 1/65536ths of a pixel.
                let cover = (high.min((b + 1) << 16) - low.max(b << 16)).clamp(0, ONE);
                let level = (cover * strength) >> 16;
                self.blend_at(axes.index(a, b), colour, level as u32);
            }
        }
    }

    /// A one-pixel line by Wu's method: at each step along the major axis, the two pixels the
    /// line's centre falls between share `strength` (0..=256) by its distance to each.
    fn hairline(
        &mut self,
        (first, last): (i64, i64),
        (a1, b1): (f64, f64),
        slope: f64,
        x_major: bool,
        colour: u32,
        strength: u32,
    ) {
        // The minor coordinate at the first pixel centre, less half a pixel: its integer part
        // is the nearer of the two pixels, its fraction the farther one's share. 16.16.
        let start = b1 + slope * (first as f64 + 0.5 - a1) - 0.5;
        let b = (start * 65_536.0) as i64;
        let step = (slope * 65_536.0) as i64;
        let axes = Axes::of(self, x_major);
        for a in first.max(0)..last.min(axes.a_limit) {
            let position = b + step * (a - first);
            let row = position >> 16;
            let far = (strength * ((position & 0xFFFF) >> 8) as u32) >> 8;
            for (b, level) in [(row, strength - far), (row + 1, far)] {
                if (0..axes.b_limit).contains(&b) {
                    self.blend_at(axes.index(a, b), colour, level);
                }
            }
        }
    }

    /// The part of a line (grown by its width) inside the image, Liang–Barsky style.
    fn clip(
        &self,
        (x1, y1): (f64, f64),
        (x2, y2): (f64, f64),
        width: f64,
    ) -> Option<((f64, f64), (f64, f64))> {
        if ![x1, y1, x2, y2, width].iter().all(|v| v.is_finite()) {
            return None;
        }
        let margin = width + 1.0;
        let (x_min, y_min) = (-margin, -margin);
        let (x_max, y_max) = (self.width as f64 + margin, self.height as f64 + margin);
        let (dx, dy) = (x2 - x1, y2 - y1);
        let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
        for (p, q) in [
            (-dx, x1 - x_min),
            (dx, x_max - x1),
            (-dy, y1 - y_min),
            (dy, y_max - y1),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return None;
                }
                continue;
            }
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return None;
            }
        }
        Some(((x1 + t0 * dx, y1 + t0 * dy), (x1 + t1 * dx, y1 + t1 * dy)))
    }

    /// A filled disc; edge pixels get the share of them inside it.
    pub fn disc(&mut self, (cx, cy): (f64, f64), radius: f64, colour: Rgb, alpha: f64) {
        if ![cx, cy, radius].iter().all(|v| v.is_finite()) || radius <= 0.0 {
            return;
        }
        let reach = radius + 0.5;
        if cx + reach < 0.0
            || cy + reach < 0.0
            || cx - reach > self.width as f64
            || cy - reach > self.height as f64
        {
            return;
        }
        let colour = colour.word();
        let strength = alpha.clamp(0.0, 1.0) * 256.0;
        let (y0, y1) = (
            ((cy - reach).floor() as i64).max(0),
            ((cy + reach).ceil() as i64).min(self.height as i64),
        );
        let (x0, x1) = (
            ((cx - reach).floor() as i64).max(0),
            ((cx + reach).ceil() as i64).min(self.width as i64),
        );
        let (inner, outer) = ((radius - 0.5).max(0.0), radius + 0.5);
        let full = strength as u32;
        for y in y0..y1 {
            let py = y as f64 + 0.5 - cy;
            if py.abs() >= outer {
                continue;
            }
            // Pixel centres closer than `inner` are wholly inside: one span, no distances.
            let (inside_from, inside_to) = if py.abs() < inner {
                let reach = (inner * inner - py * py).sqrt();
                (
                    ((cx - reach - 0.5).ceil() as i64).max(x0),
                    ((cx + reach - 0.5).floor() as i64 + 1).min(x1),
                )
            } else {
                (x1, x1)
            };
            let row = (y as usize) * self.width;
            let rim = |raster: &mut Raster, x: i64| {
                let px = x as f64 + 0.5 - cx;
                let d2 = px * px + py * py;
                if d2 < outer * outer {
                    // Coverage falls from 1 to 0 over the pixel straddling the rim.
                    let cover = (radius + 0.5 - d2.sqrt()).clamp(0.0, 1.0);
                    raster.blend(x, y, colour, (cover * strength) as u32);
                }
            };
            if inside_from >= inside_to {
                for x in x0..x1 {
                    rim(self, x);
                }
                continue;
            }
            for x in x0..inside_from {
                rim(self, x);
            }
            if let Some(span) = self
                .pixels
                .get_mut(row + inside_from as usize..row + inside_to as usize)
            {
                for pixel in span {
                    *pixel = mix(*pixel, colour, full);
                }
            }
            for x in inside_to..x1 {
                rim(self, x);
            }
        }
    }
}

/// A line's pixel (a, b) in the buffer: `a` along its major axis, `b` across it.
struct Axes {
    a_limit: i64,
    b_limit: i64,
    a_stride: i64,
    b_stride: i64,
}

impl Axes {
    fn of(raster: &Raster, x_major: bool) -> Axes {
        let (columns, rows) = (raster.width as i64, raster.height as i64);
        let (a_limit, b_limit, a_stride, b_stride) = if x_major {
            (columns, rows, 1, columns)
        } else {
            (rows, columns, columns, 1)
        };
        Axes {
            a_limit,
            b_limit,
            a_stride,
            b_stride,
        }
    }

    /// The index of (a, b), both within their limits.
    #[inline(always)]
    fn index(&self, a: i64, b: i64) -> usize {
        (a * self.a_stride + b * self.b_stride) as usize
    }
}

/// Draws the scene's links (highlighted ones last, on top) and nodes into `raster`, at
/// `ratio` device pixels per scene pixel, on the palette's background.
pub fn rasterize(
    scene: &Scene,
    palette: &RasterPalette,
    (width, height): (usize, usize),
    ratio: f64,
    raster: &mut Raster,
) {
    raster.clear(width, height, palette.background);
    let scaled = |x: f64, y: f64| (x * ratio, y * ratio);
    for highlighted_pass in [false, true] {
        for &(x1, y1, x2, y2, line_width, highlighted) in &scene.lines {
            if highlighted != highlighted_pass {
                continue;
            }
            let (colour, alpha) = if highlighted {
                (palette.edge_highlight, EDGE_HIGHLIGHT_ALPHA)
            } else {
                (palette.edge, EDGE_ALPHA)
            };
            raster.line(
                scaled(x1, y1),
                scaled(x2, y2),
                line_width * ratio,
                colour,
                alpha,
            );
        }
    }
    for &(x, y, r, style, colour) in &scene.circles {
        let (colour, alpha) = node_paint(style, colour, palette);
        raster.disc(scaled(x, y), r * ratio, colour, alpha);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WHITE: Rgb = Rgb::new(255, 255, 255);
    const BLACK: Rgb = Rgb::new(0, 0, 0);

    fn darkness(raster: &Raster, x: usize, y: usize) -> u8 {
        255 - raster.pixel(x, y).map_or(255, |p| p.r)
    }

    #[test]
    fn css_colours() {
        let cases: [(&str, Option<Rgb>); 8] = [
            ("#fff", Some(WHITE)),
            ("#1a56a8", Some(Rgb::new(0x1a, 0x56, 0xa8))),
            (" #1A56A8 ", Some(Rgb::new(0x1a, 0x56, 0xa8))),
            ("#1a56a8cc", Some(Rgb::new(0x1a, 0x56, 0xa8))),
            ("rgb(1, 2, 3)", Some(Rgb::new(1, 2, 3))),
            ("rgba(10 20 300 / 0.5)", Some(Rgb::new(10, 20, 255))),
            ("#12", None),
            ("blue", None),
        ];
        for (text, expected) in cases {
            assert_eq!(Rgb::parse_css(text), expected, "{text}");
        }
    }

    #[test]
    fn blending_mixes_towards_the_colour() {
        let mut raster = Raster::new(2, 1);
        raster.clear(2, 1, WHITE);
        raster.blend(0, 0, BLACK.word(), 128);
        raster.blend(1, 0, BLACK.word(), 256);
        assert_eq!(raster.pixel(0, 0), Some(Rgb::new(127, 127, 127)));
        assert_eq!(raster.pixel(1, 0), Some(BLACK));
        // Outside the image: nothing happens, nothing panics.
        raster.blend(-1, 0, BLACK.word(), 256);
        raster.blend(0, 5, BLACK.word(), 256);
        assert!(raster.bytes().chunks(4).all(|p| p[3] == 255));
    }

    #[test]
    fn a_horizontal_line_covers_its_row() {
        let mut raster = Raster::new(20, 10);
        raster.clear(20, 10, WHITE);
        raster.line((2.0, 5.5), (18.0, 5.5), 1.0, BLACK, 1.0);
        for x in 2..18 {
            assert_eq!(darkness(&raster, x, 5), 255, "x = {x}");
            assert_eq!(darkness(&raster, x, 4), 0);
            assert_eq!(darkness(&raster, x, 6), 0);
        }
        assert_eq!(darkness(&raster, 0, 5), 0);
        assert_eq!(darkness(&raster, 19, 5), 0);
    }

    #[test]
    fn a_line_between_rows_is_shared_by_both() {
        let mut raster = Raster::new(20, 10);
        raster.clear(20, 10, WHITE);
        raster.line((2.0, 5.0), (18.0, 5.0), 1.0, BLACK, 1.0);
        let (upper, lower) = (darkness(&raster, 10, 4), darkness(&raster, 10, 5));
        assert!((120..=135).contains(&upper) && (120..=135).contains(&lower));
    }

    #[test]
    fn steep_and_diagonal_lines_stay_connected() {
        for (from, to) in [
            ((5.5, 1.0), (5.5, 19.0)),
            ((1.0, 1.0), (19.0, 19.0)),
            ((19.0, 2.0), (3.0, 17.0)),
        ] {
            let mut raster = Raster::new(20, 20);
            raster.clear(20, 20, WHITE);
            raster.line(from, to, 1.0, BLACK, 1.0);
            // Every row the line crosses is inked, about one pixel's worth in all.
            for y in 2..17 {
                let ink: u32 = (0..20).map(|x| u32::from(darkness(&raster, x, y))).sum();
                assert!((200..=420).contains(&ink), "{from:?}→{to:?} row {y}: {ink}");
            }
        }
    }

    #[test]
    fn wider_and_fainter_lines() {
        let mut wide = Raster::new(20, 20);
        wide.clear(20, 20, WHITE);
        wide.line((0.0, 10.0), (20.0, 10.0), 4.0, BLACK, 1.0);
        assert!((8..12).all(|y| darkness(&wide, 10, y) == 255));
        assert_eq!(darkness(&wide, 10, 7), 0);
        let mut faint = Raster::new(20, 20);
        faint.clear(20, 20, WHITE);
        faint.line((0.0, 10.5), (20.0, 10.5), 1.0, BLACK, 0.35);
        let d = darkness(&faint, 10, 10);
        assert!((85..=92).contains(&d), "{d}");
        // Hairlines are drawn one pixel wide and fainter, never skipped.
        let mut hair = Raster::new(20, 20);
        hair.clear(20, 20, WHITE);
        hair.line((0.0, 10.5), (20.0, 10.5), 0.5, BLACK, 1.0);
        let d = darkness(&hair, 10, 10);
        assert!((120..=135).contains(&d), "{d}");
    }

    #[test]
    fn lines_far_outside_are_clipped_and_odd_input_is_ignored() {
        let mut raster = Raster::new(10, 10);
        raster.clear(10, 10, WHITE);
        // A link a million pixels long across the image: only the visible part is walked.
        raster.line((-1e6, 5.5), (1e6, 5.5), 1.0, BLACK, 1.0);
        assert_eq!(darkness(&raster, 5, 5), 255);
        raster.line((-50.0, -50.0), (-20.0, -10.0), 1.0, BLACK, 1.0);
        raster.line((f64::NAN, 0.0), (5.0, 5.0), 1.0, BLACK, 1.0);
        raster.line((3.0, 3.0), (3.0, 3.0), 1.0, BLACK, 1.0);
        raster.disc((f64::INFINITY, 0.0), 3.0, BLACK, 1.0);
        raster.disc((5.0, 5.0), -1.0, BLACK, 1.0);
        assert_eq!(darkness(&raster, 5, 2), 0);
    }

    #[test]
    fn discs_are_solid_inside_and_soft_at_the_rim() {
        let mut raster = Raster::new(30, 30);
        raster.clear(30, 30, WHITE);
        raster.disc((15.0, 15.0), 6.0, BLACK, 1.0);
        assert_eq!(darkness(&raster, 15, 15), 255);
        assert_eq!(darkness(&raster, 15, 10), 255);
        assert_eq!(darkness(&raster, 15, 3), 0);
        assert_eq!(darkness(&raster, 22, 22), 0);
        // Pixel centres 5.5 and 6.4 from the centre: nearly covered, a little covered.
        assert!(darkness(&raster, 15, 20) > 240);
        let edge = darkness(&raster, 19, 19);
        assert!(edge < 100 && edge > 0, "{edge}");
        // Partly outside the image.
        raster.disc((0.0, 0.0), 4.0, BLACK, 1.0);
        assert_eq!(darkness(&raster, 0, 0), 255);
    }

    #[test]
    fn the_scene_is_drawn_in_its_palette() {
        let palette = RasterPalette::default();
        let scene = Scene {
            lines: vec![
                (0.0, 5.5, 40.0, 5.5, 1.0, false),
                (0.0, 15.5, 40.0, 15.5, 1.0, true),
            ],
            circles: vec![(30.0, 30.0, 5.0, NodeStyle::Selected, None)],
            ..Scene::default()
        };
        let mut raster = Raster::default();
        rasterize(&scene, &palette, (80, 80), 2.0, &mut raster);
        assert_eq!((raster.width, raster.height), (80, 80));
        assert_eq!(raster.pixel(79, 79), Some(palette.background));
        // Doubled: the disc sits at (60, 60) with radius 10.
        assert_eq!(raster.pixel(60, 60), Some(palette.selected));
        assert_eq!(raster.pixel(60, 71), Some(palette.background));
        let plain = raster.pixel(40, 11).expect("pixel");
        let highlighted = raster.pixel(40, 31).expect("pixel");
        assert!(plain.r < 255 && plain.r > palette.edge.r, "{plain:?}");
        assert!(highlighted.r > highlighted.g, "{highlighted:?}");
    }
}
