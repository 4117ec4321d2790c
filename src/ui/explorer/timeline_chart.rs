use leptos::prelude::*;

use crate::core::filter::{bar_layout, bin_under_pointer, brush_range, timeline, Timeline};
use crate::core::text::group_thousands;
use crate::ui::explorer::use_explorer;
use crate::web::viewport::horizontal_fraction;

/// Chart size in SVG user units; it scales to the width of its box.
const WIDTH: f64 = 1000.0;
const HEIGHT: f64 = 64.0;
/// A few bins should not become slabs.
const MAX_BAR_WIDTH: f64 = 40.0;

/// The current result over time; drag across it (or click a bar) to set the date range.
#[component]
pub fn TimelineChart() -> impl IntoView {
    let explorer = use_explorer();
    let chart = Memo::new(move |_| {
        let result = explorer.result.get();
        let field = explorer.filter.with(|f| f.date_field);
        explorer
            .collection
            .with(|c| timeline(&c.0.papers, &result.matches, field))
    });
    let svg = NodeRef::<leptos::svg::Svg>::new();
    // The bins under the pointer while dragging: (where it started, where it is now).
    let (brush, set_brush) = signal(None::<(usize, usize)>);
    let bin_under = move |client_x: i32, bins: usize| {
        svg.get_untracked().map(|element| {
            let fraction = horizontal_fraction(&element, f64::from(client_x));
            bin_under_pointer(fraction, bins, WIDTH, MAX_BAR_WIDTH)
        })
    };
    let apply = move |timeline: &Timeline, a: usize, b: usize| {
        if let Some((from, to)) = brush_range(timeline, a, b) {
            explorer.update_filter(|f| {
                f.from = Some(from);
                f.to = Some(to);
            });
        }
    };
    move || {
        let Some(timeline) = chart.get() else {
            return ().into_any();
        };
        let bins = timeline.bins.len();
        let (bar_width, offset) = bar_layout(bins, WIDTH, MAX_BAR_WIDTH);
        let max = timeline.max_count.max(1) as f64;
        let first = timeline
            .bins
            .first()
            .map(|b| timeline.unit.label(b.start))
            .unwrap_or_default();
        let last = timeline
            .bins
            .last()
            .map(|b| timeline.unit.label(b.start))
            .unwrap_or_default();
        let bars = timeline
            .bins
            .iter()
            .enumerate()
            .map(|(i, bin)| {
                let height = if bin.count == 0 { 0.0 } else { (bin.count as f64 / max * (HEIGHT - 4.0)).max(2.0) };
                let label = format!(
                    "{}: {} paper{}",
                    timeline.unit.label(bin.start),
                    group_thousands(bin.count as u64),
                    if bin.count == 1 { "" } else { "s" }
                );
                let in_brush = move || brush.get().is_some_and(|(a, b)| (a.min(b)..=a.max(b)).contains(&i));
                view! {
                    <g class="timeline__bin" class:timeline__bin--brushed=in_brush>
                        <rect class="timeline__hit" x=offset + i as f64 * bar_width y=0 width=bar_width height=HEIGHT />
                        <rect
                            class="timeline__bar"
                            x=offset + i as f64 * bar_width + bar_width * 0.1
                            y=HEIGHT - height
                            width=bar_width * 0.8
                            height=height
                        />
                        <title>{label}</title>
                    </g>
                }
            })
            .collect_view();
        let summary = format!(
            "{} to {}, by {}; most in one {}: {}",
            first,
            last,
            unit_name(&timeline),
            unit_name(&timeline),
            group_thousands(timeline.max_count as u64)
        );
        let down = timeline.clone();
        let up = timeline.clone();
        view! {
            <figure class="timeline" data-testid="timeline">
                <svg
                    node_ref=svg
                    class="timeline__chart"
                    viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                    preserveAspectRatio="none"
                    role="img"
                    aria-label=format!("Papers over time: {summary}. Drag across to choose dates.")
                    on:pointerdown=move |ev| {
                        if let Some(bin) = bin_under(ev.client_x(), down.bins.len()) {
                            set_brush.set(Some((bin, bin)));
                        }
                    }
                    on:pointermove=move |ev| {
                        if let (Some((start, _)), Some(bin)) = (brush.get_untracked(), bin_under(ev.client_x(), bins)) {
                            set_brush.set(Some((start, bin)));
                        }
                    }
                    on:pointerup=move |ev| {
                        if let (Some((start, _)), Some(bin)) = (brush.get_untracked(), bin_under(ev.client_x(), up.bins.len())) {
                            apply(&up, start, bin);
                        }
                        set_brush.set(None);
                    }
                    on:pointerleave=move |_| set_brush.set(None)
                >
                    {bars}
                </svg>
                <figcaption class="timeline__axis">
                    <span>{first}</span>
                    <span>{last}</span>
                </figcaption>
            </figure>
        }
        .into_any()
    }
}

fn unit_name(timeline: &Timeline) -> &'static str {
    match timeline.unit {
        crate::core::filter::BinUnit::Day => "day",
        crate::core::filter::BinUnit::Week => "week",
        crate::core::filter::BinUnit::Month => "month",
        crate::core::filter::BinUnit::Year => "year",
    }
}
