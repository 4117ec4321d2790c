//! Drawing a scene (from `core::graph::scene`) on a 2D canvas, sharp on high-DPI screens, in
//! the theme's colours; and the animation frames that drive the layout.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{Clamped, JsCast};

use crate::core::graph::{
    cluster_colour, palette::hex, rasterize, text_box, Raster, RasterPalette, Rgb, Scene,
    LABEL_FONT_PX,
};

/// Theme colours, read from the page's custom properties so light and dark both work.
pub struct Palette {
    /// The background is dark: clusters take their colours for dark backgrounds.
    pub dark: bool,
    raster: RasterPalette,
    label: String,
    halo: String,
}

fn property(style: &web_sys::CssStyleDeclaration, name: &str, fallback: &str) -> String {
    let value = style.get_property_value(name).unwrap_or_default();
    let value = value.trim();
    if value.is_empty() {
        fallback.to_string()
    } else {
        value.to_string()
    }
}

/// The palette of the canvas's theme.
pub fn palette(canvas: &web_sys::HtmlCanvasElement) -> Palette {
    let style = web_sys::window().and_then(|w| w.get_computed_style(canvas).ok().flatten());
    let get = |name: &str, fallback: &str| {
        style
            .as_ref()
            .map_or(fallback.to_string(), |s| property(s, name, fallback))
    };
    let defaults = RasterPalette::default();
    let colour = |name: &str, fallback: Rgb| Rgb::parse_css(&get(name, "")).unwrap_or(fallback);
    let background = colour("--surface", defaults.background);
    Palette {
        dark: background.is_dark(),
        raster: RasterPalette {
            background,
            edge: colour("--graph-edge", defaults.edge),
            edge_highlight: colour("--accent", defaults.edge_highlight),
            node: colour("--link", defaults.node),
            node_faded: colour("--border", defaults.node_faded),
            selected: colour("--accent", defaults.selected),
        },
        label: get("--text", "#1d1d1f"),
        halo: get("--surface", "#ffffff"),
    }
}

fn context_2d(canvas: &web_sys::HtmlCanvasElement) -> Option<web_sys::CanvasRenderingContext2d> {
    canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
}

/// How much wider the canvas draws label text than `core::graph::text_box` estimates, from a
/// sample of names in the canvas's own font.
pub fn text_scale(canvas: &web_sys::HtmlCanvasElement) -> f64 {
    const SAMPLE: &str = "Abigail Eisenklam, Lichao Sun, Zhengqing Yuan, Mitsumasa Kondo";
    let Some(context) = context_2d(canvas) else {
        return 1.0;
    };
    context.set_font(&format!("{LABEL_FONT_PX}px system-ui, sans-serif"));
    let measured = context.measure_text(SAMPLE).map_or(0.0, |m| m.width());
    let estimated = text_box(SAMPLE, LABEL_FONT_PX).0;
    if measured > 0.0 && estimated > 0.0 {
        measured / estimated
    } else {
        1.0
    }
}

/// Sizes the canvas's backing store to its CSS size × device pixel ratio; returns the CSS
/// size (width, height).
pub fn fit_canvas(canvas: &web_sys::HtmlCanvasElement) -> (f64, f64) {
    let ratio = device_pixel_ratio();
    let width = f64::from(canvas.client_width()).max(1.0);
    let height = f64::from(canvas.client_height()).max(1.0);
    let (pixels_w, pixels_h) = (
        (width * ratio).round() as u32,
        (height * ratio).round() as u32,
    );
    if canvas.width() != pixels_w || canvas.height() != pixels_h {
        canvas.set_width(pixels_w);
        canvas.set_height(pixels_h);
    }
    (width, height)
}

fn device_pixel_ratio() -> f64 {
    web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .max(1.0)
}

thread_local! {
    /// The frame's pixels, kept between frames so drawing does not allocate megabytes each time.
    static RASTER: RefCell<Raster> = RefCell::new(Raster::default());
}

/// Draws `scene` (in CSS pixels): links and nodes as one image rasterised in wasm, then the
/// labels as canvas text.
pub fn draw(canvas: &web_sys::HtmlCanvasElement, scene: &Scene, palette: &Palette) {
    let Some(context) = context_2d(canvas) else {
        return;
    };
    let ratio = device_pixel_ratio();
    let size = (canvas.width() as usize, canvas.height() as usize);
    RASTER.with_borrow_mut(|raster| {
        rasterize(scene, &palette.raster, size, ratio, raster);
        if let Ok(image) = web_sys::ImageData::new_with_u8_clamped_array_and_sh(
            Clamped(raster.bytes()),
            raster.width as u32,
            raster.height as u32,
        ) {
            let _ = context.put_image_data(&image, 0.0, 0.0);
        }
    });
    let _ = context.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0);
    context.set_global_alpha(1.0);
    context.set_font(&format!("{LABEL_FONT_PX}px system-ui, sans-serif"));
    context.set_line_width(3.0);
    context.set_stroke_style_str(&palette.halo);
    context.set_fill_style_str(&palette.label);
    for (x, y, text) in &scene.labels {
        let _ = context.stroke_text(text, *x, *y);
        let _ = context.fill_text(text, *x, *y);
    }
}

/// The canvas with this `data-testid` as a PNG data URL, for download, with `legend` (cluster
/// id, text) drawn in its top-left corner as on the SVG export.
pub fn png_data_url_of(test_id: &str, legend: &[(u32, String)]) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let source = document
        .query_selector(&format!("canvas[data-testid='{test_id}']"))
        .ok()??
        .dyn_into::<web_sys::HtmlCanvasElement>()
        .ok()?;
    if legend.is_empty() {
        return source.to_data_url_with_type("image/png").ok();
    }
    let colours = palette(&source);
    let copy = document
        .create_element("canvas")
        .ok()?
        .dyn_into::<web_sys::HtmlCanvasElement>()
        .ok()?;
    copy.set_width(source.width());
    copy.set_height(source.height());
    let context = context_2d(&copy)?;
    context
        .draw_image_with_html_canvas_element(&source, 0.0, 0.0)
        .ok()?;
    let ratio = device_pixel_ratio();
    let _ = context.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0);
    context.set_font(&format!("{LABEL_FONT_PX}px system-ui, sans-serif"));
    let line = 18.0;
    let width = legend
        .iter()
        .filter_map(|(_, text)| context.measure_text(text).ok().map(|m| m.width()))
        .fold(0.0, f64::max)
        + 36.0;
    let height = line * legend.len() as f64 + 12.0;
    context.set_global_alpha(0.9);
    context.set_fill_style_str(&colours.halo);
    context.fill_rect(8.0, 8.0, width, height);
    context.set_global_alpha(1.0);
    context.set_stroke_style_str(&hex(colours.raster.node_faded));
    context.stroke_rect(8.0, 8.0, width, height);
    for (i, (cluster, text)) in legend.iter().enumerate() {
        let middle = 14.0 + line * i as f64 + line / 2.0;
        context.begin_path();
        let _ = context.arc(22.0, middle, 5.0, 0.0, std::f64::consts::TAU);
        context.set_fill_style_str(&hex(cluster_colour(*cluster, colours.dark)));
        context.fill();
        context.set_fill_style_str(&colours.label);
        let _ = context.fill_text(text, 34.0, middle + 4.0);
    }
    copy.to_data_url_with_type("image/png").ok()
}

/// The closure requestAnimationFrame calls; it re-requests itself while there is work.
type FrameCallback = Closure<dyn FnMut(f64)>;

/// Calls `step` on every animation frame with the frame's time in milliseconds, until it
/// returns false.
pub fn run_frames(step: impl FnMut(f64) -> bool + 'static) {
    let step = Rc::new(RefCell::new(step));
    let callback: Rc<RefCell<Option<FrameCallback>>> = Rc::new(RefCell::new(None));
    let handle = callback.clone();
    *callback.borrow_mut() = Some(Closure::new(move |time: f64| {
        let keep_going = (step.borrow_mut())(time);
        if keep_going {
            if let (Some(window), Some(next)) = (web_sys::window(), handle.borrow().as_ref()) {
                let _ = window.request_animation_frame(next.as_ref().unchecked_ref());
            }
        } else {
            // Breaks the cycle so the closure is freed.
            handle.borrow_mut().take();
        }
    }));
    let Some(window) = web_sys::window() else {
        return;
    };
    let borrowed = callback.borrow();
    if let Some(first) = borrowed.as_ref() {
        let _ = window.request_animation_frame(first.as_ref().unchecked_ref());
    }
}

pub use crate::web::perf::now_ms;
