//! Colours for the map's clusters: Paul Tol's "muted" qualitative scheme, designed to stay
//! distinct for colour-blind readers, with each colour darkened (light theme) or lightened
//! (dark theme) just enough for a contrast of at least 3:1 against the background, as WCAG
//! asks of graphics. Clusters past the scheme share a neutral grey: more hues than nine stop
//! being told apart, and the small clusters are the least important.

/// A colour without alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Rgb {
    pub const fn new(r: u8, g: u8, b: u8) -> Rgb {
        Rgb { r, g, b }
    }

    /// Relative luminance, as WCAG defines it for contrast ratios.
    pub fn luminance(self) -> f64 {
        let channel = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.r) + 0.7152 * channel(self.g) + 0.0722 * channel(self.b)
    }

    /// Whether this is a dark background (luminance under a fifth): light text and the dark
    /// theme's cluster colours belong on it.
    pub fn is_dark(self) -> bool {
        self.luminance() < 0.2
    }

    /// Reads the CSS forms computed styles and the stylesheet use: `#rgb`, `#rrggbb`
    /// (alpha digits ignored) and `rgb(r, g, b)` / `rgba(…)`, with spaces or commas.
    pub fn parse_css(text: &str) -> Option<Rgb> {
        let text = text.trim();
        if let Some(hex) = text.strip_prefix('#') {
            let digit = |i: usize| {
                hex.as_bytes()
                    .get(i)
                    .and_then(|&b| (b as char).to_digit(16))
                    .map(|d| d as u8)
            };
            return match hex.len() {
                3 | 4 => Some(Rgb::new(digit(0)? * 17, digit(1)? * 17, digit(2)? * 17)),
                6 | 8 => Some(Rgb::new(
                    digit(0)? * 16 + digit(1)?,
                    digit(2)? * 16 + digit(3)?,
                    digit(4)? * 16 + digit(5)?,
                )),
                _ => None,
            };
        }
        let inner = text
            .strip_prefix("rgba(")
            .or_else(|| text.strip_prefix("rgb("))?
            .strip_suffix(')')?;
        let mut parts = inner
            .split(|c: char| c == ',' || c == '/' || c.is_whitespace())
            .filter(|part| !part.is_empty());
        let mut channel = || -> Option<u8> {
            let value: f64 = parts.next()?.parse().ok()?;
            value
                .is_finite()
                .then(|| value.round().clamp(0.0, 255.0) as u8)
        };
        Some(Rgb::new(channel()?, channel()?, channel()?))
    }

    /// As the little-endian RGBA word of an opaque pixel.
    pub(crate) fn word(self) -> u32 {
        u32::from(self.r) | u32::from(self.g) << 8 | u32::from(self.b) << 16 | 0xFF00_0000
    }
}

/// Clusters with a colour of their own.
pub const CLUSTER_COLOURS: usize = 9;

/// Against `#ffffff`: indigo, cyan, teal, green, olive, sand, rose, wine, purple.
const LIGHT: [Rgb; CLUSTER_COLOURS] = [
    Rgb::new(0x33, 0x22, 0x88),
    Rgb::new(0x67, 0x9b, 0xb5),
    Rgb::new(0x41, 0xa3, 0x93),
    Rgb::new(0x0e, 0x64, 0x2b),
    Rgb::new(0x99, 0x99, 0x33),
    Rgb::new(0x98, 0x8d, 0x52),
    Rgb::new(0xb1, 0x58, 0x67),
    Rgb::new(0x88, 0x22, 0x55),
    Rgb::new(0x92, 0x3a, 0x83),
];

/// The same hues against `#1b1b1f`.
const DARK: [Rgb; CLUSTER_COLOURS] = [
    Rgb::new(0xa7, 0x9f, 0xcc),
    Rgb::new(0xbe, 0xe3, 0xf6),
    Rgb::new(0x64, 0xb9, 0xab),
    Rgb::new(0x11, 0x77, 0x33),
    Rgb::new(0x99, 0x99, 0x33),
    Rgb::new(0xdd, 0xcc, 0x77),
    Rgb::new(0xcd, 0x68, 0x78),
    Rgb::new(0x9f, 0x4c, 0x75),
    Rgb::new(0xaa, 0x44, 0x99),
];

/// The later clusters' grey, above 3:1 on both backgrounds.
const OTHER: Rgb = Rgb::new(0x8a, 0x8a, 0x91);

/// The colour of cluster `id` in the light or the dark theme.
pub fn cluster_colour(id: u32, dark: bool) -> Rgb {
    let colours = if dark { &DARK } else { &LIGHT };
    colours.get(id as usize).copied().unwrap_or(OTHER)
}

/// As `#rrggbb`.
pub fn hex(colour: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", colour.r, colour.g, colour.b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contrast(a: Rgb, b: Rgb) -> f64 {
        let (x, y) = (a.luminance(), b.luminance());
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn first_colours_are_distinct_and_readable() {
        for (dark, background) in [
            (false, Rgb::new(0xff, 0xff, 0xff)),
            (true, Rgb::new(0x1b, 0x1b, 0x1f)),
        ] {
            let colours: Vec<Rgb> = (0..CLUSTER_COLOURS as u32)
                .map(|id| cluster_colour(id, dark))
                .collect();
            for (i, &a) in colours.iter().enumerate() {
                assert!(
                    contrast(a, background) >= 3.0,
                    "{} on {}",
                    hex(a),
                    hex(background)
                );
                assert_ne!(a, OTHER);
                for &b in &colours[i + 1..] {
                    let distance = (i32::from(a.r) - i32::from(b.r)).abs()
                        + (i32::from(a.g) - i32::from(b.g)).abs()
                        + (i32::from(a.b) - i32::from(b.b)).abs();
                    assert!(distance > 40, "{} and {} look alike", hex(a), hex(b));
                }
            }
            assert!(contrast(OTHER, background) >= 3.0);
            assert_eq!(cluster_colour(CLUSTER_COLOURS as u32, dark), OTHER);
            assert_eq!(background.is_dark(), dark);
            assert_eq!(cluster_colour(u32::MAX, dark), OTHER);
        }
        assert_eq!(hex(cluster_colour(0, false)), "#332288");
    }
}
