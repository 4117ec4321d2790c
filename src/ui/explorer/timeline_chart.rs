use leptos::prelude::*;

use crate::core::filter::{bar_layout, bin_under_pointer, brush_range, timeline};
use crate::ui::explorer::use_explorer;
use crate::web::viewport::horizontal_fraction;

/// Chart size in SVG user units; it scales to the width of its box.
const WIDTH: f64 = 1000.0;
const HEIGHT: f64 = 64.0;
/// A few bins should not become slabs.
const MAX_BAR_WIDTH: f64 = 40.0;

/// The current result over time; drag across it (or click a bar) to set the date range.
///
/// The chart changes with every keystroke, so its bars are one path (one attribute to set);
/// the elements per bin, which take the pointer, change only when the number of bins does.
#[component]
pub fn TimelineChart() -> impl IntoView {
    let explorer = use_explorer();
    let chart = Memo::new(move |_| {
        let result = explorer.result.get();
        let field = explorer.filter.with(|f| f.date_field);
        explorer
            .collection
            .with(|c| timeline(&c.index, &result.matches, field))
    });
    let bins = Memo::new(move |_| chart.with(|c| c.as_ref().map_or(0, |t| t.bins.len())));
    let svg = NodeRef::<leptos::svg::Svg>::new();
    // The bins under the pointer while dragging: (where it started, where it is now).
    let (brush, set_brush) = signal(None::<(usize, usize)>);
    let (hovered, set_hovered) = signal(None::<usize>);
    let bin_under = move |client_x: i32| {
        let bins = bins.get_untracked();
        let element = svg.get_untracked()?;
        (bins > 0).then(|| {
            let fraction = horizontal_fraction(&element, f64::from(client_x));
            bin_under_pointer(fraction, bins, WIDTH, MAX_BAR_WIDTH)
        })
    };
    let apply = move |a: usize, b: usize| {
        let range = chart.with_untracked(|c| c.as_ref().and_then(|t| brush_range(t, a, b)));
        if let Some((from, to)) = range {
            explorer.update_filter(|f| {
                f.from = Some(from);
                f.to = Some(to);
            });
        }
    };
    let path = move |range: Option<(usize, usize)>| {
        chart.with(|c| {
            c.as_ref()
                .map(|t| t.bars_path(WIDTH, HEIGHT, MAX_BAR_WIDTH, range))
                .unwrap_or_default()
        })
    };
    let bars = move || path(None);
    let brushed = move || {
        brush
            .get()
            .map(|range| path(Some(range)))
            .unwrap_or_default()
    };
    let under_pointer = move || {
        hovered
            .get()
            .filter(|_| brush.with(Option::is_none))
            .map(|i| path(Some((i, i))))
            .unwrap_or_default()
    };
    // The brushed bins' background: one rectangle across them.
    let brush_area = move || {
        let (a, b) = brush.get()?;
        let (bar, offset) = bar_layout(bins.get(), WIDTH, MAX_BAR_WIDTH);
        Some((
            offset + a.min(b) as f64 * bar,
            (a.abs_diff(b) + 1) as f64 * bar,
        ))
    };
    let span = Memo::new(move |_| chart.with(|c| c.as_ref().map(|t| t.span_labels())));
    let current = move || {
        let i = hovered.get()?;
        chart.with(|c| c.as_ref()?.bin_label(i))
    };
    let summary = move || chart.with(|c| c.as_ref().map(|t| t.summary()));
    let hit_layout = move |i: usize| {
        let (bar, offset) = bar_layout(bins.get(), WIDTH, MAX_BAR_WIDTH);
        (offset + i as f64 * bar, bar)
    };

    view! {
        <Show when=move || bins.get() != 0>
            <figure class="timeline" data-testid="timeline">
                <svg
                    node_ref=svg
                    class="timeline__chart"
                    viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                    preserveAspectRatio="none"
                    role="img"
                    aria-label=summary
                    on:pointerdown=move |ev| {
                        if let Some(bin) = bin_under(ev.client_x()) {
                            set_brush.set(Some((bin, bin)));
                        }
                    }
                    on:pointermove=move |ev| {
                        let bin = bin_under(ev.client_x());
                        if bin != hovered.get_untracked() {
                            set_hovered.set(bin);
                        }
                        if let (Some((start, _)), Some(bin)) = (brush.get_untracked(), bin) {
                            set_brush.set(Some((start, bin)));
                        }
                    }
                    on:pointerup=move |ev| {
                        if let (Some((start, _)), Some(bin)) = (brush.get_untracked(), bin_under(ev.client_x())) {
                            apply(start, bin);
                        }
                        set_brush.set(None);
                    }
                    on:pointerleave=move |_| {
                        set_brush.set(None);
                        set_hovered.set(None);
                    }
                >
                    {move || brush_area().map(|(x, width)| view! {
                        <rect class="timeline__brush" x=x y=0 width=width height=HEIGHT />
                    })}
                    <For
                        each=move || 0..bins.get()
                        key=|i| *i
                        children=move |i| view! {
                            <rect
                                class="timeline__bin"
                                x=move || hit_layout(i).0
                                y=0
                                width=move || hit_layout(i).1
                                height=HEIGHT
                            />
                        }
                    />
                    <path class="timeline__bar" d=bars />
                    <path class="timeline__bar timeline__bar--strong" d=brushed />
                    <path class="timeline__bar timeline__bar--strong" d=under_pointer />
                </svg>
                <figcaption class="timeline__axis">
                    <span>{move || span.get().map(|s| s.0)}</span>
                    <span class="timeline__current">{current}</span>
                    <span>{move || span.get().map(|s| s.1)}</span>
                </figcaption>
            </figure>
        </Show>
    }
}
