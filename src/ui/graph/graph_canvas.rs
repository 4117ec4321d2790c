use leptos::prelude::*;

use crate::core::graph::{hit_test, overlapping_pairs, scene, SceneFocus, Viewport};
use crate::ui::graph::GraphState;
use crate::web::canvas::{draw, fit_canvas, now_ms, palette, run_frames, text_scale};
use crate::web::perf;

/// Layout work per animation frame, so the page stays responsive.
const FRAME_BUDGET_MS: f64 = 10.0;
/// While the layout settles by itself, drawing may take at most this share of the time: a map
/// of thousands of links takes tens of milliseconds to draw, and drawing it on every frame
/// would stretch the settling many times over. Small maps still draw on every frame.
const DRAW_SHARE: f64 = 0.25;

/// What a pointer is doing on the canvas.
#[derive(Clone, Copy)]
enum Drag {
    Node { node: usize, moved: bool },
    Pan { x: f64, y: f64, moved: bool },
}

/// The map: a 2D canvas, zoom with the wheel, pan by dragging the background, drag a node to
/// pin it, click to select, double-click for the author's ego network.
#[component]
pub fn GraphCanvas(state: GraphState) -> impl IntoView {
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let drag = StoredValue::new(None::<Drag>);
    // Pointers currently down (touch), for pinch zoom: id → position.
    let touches = StoredValue::new(Vec::<(i32, (f64, f64))>::new());
    let running = StoredValue::new(false);
    // When the animation last drew, and how long that took (ms).
    let last_draw = StoredValue::new((f64::NEG_INFINITY, 0.0_f64));
    // Measured once: the font does not change under the map.
    let font_scale = StoredValue::new(0.0_f64);

    let render = move || {
        let Some(element) = canvas.get_untracked() else {
            return;
        };
        let (width, height) = fit_canvas(&element);
        state.size.set_value((width, height));
        let graph = state.graph.get_untracked();
        let communities = state.communities.get_untracked();
        let selected = state.selected();
        let hovered = state.hovered.get_untracked();
        let cluster = state.focused_cluster();
        let colours = palette(&element);
        if font_scale.get_value() <= 0.0 {
            font_scale.set_value(text_scale(&element));
        }
        let scale = font_scale.get_value();
        state.layout.with_value(|layout| {
            if !state.user_moved.get_value() || state.viewport.get_value().is_none() {
                state
                    .viewport
                    .set_value(Some(Viewport::fit(layout, width, height)));
            }
            let view = state
                .viewport
                .get_value()
                .unwrap_or(Viewport::fit(layout, width, height));
            let start = now_ms();
            let focus = SceneFocus {
                selected,
                hovered,
                clusters: &communities.of_node,
                cluster,
                dark: colours.dark,
                text_scale: scale,
            };
            let labels = perf::measure("graph:draw", || {
                let picture = scene(&graph, layout, &view, &focus, (width, height));
                draw(&element, &picture, &colours);
                (
                    picture.label_boxes.len(),
                    overlapping_pairs(&picture.label_boxes),
                )
            });
            if state.labels_drawn.get_untracked() != labels {
                state.labels_drawn.set(labels);
            }
            last_draw.set_value((start, now_ms() - start));
        });
    };
    // Runs the layout on animation frames until it settles (or is paused), drawing each frame.
    let animate = move || {
        if running.get_value() {
            return;
        }
        running.set_value(true);
        state.moving.set(true);
        run_frames(move |_| {
            let moving = state.advance(FRAME_BUDGET_MS, now_ms);
            let (drawn_at, took) = last_draw.get_value();
            if !moving || now_ms() - drawn_at >= took / DRAW_SHARE {
                render();
            }
            if !moving {
                running.set_value(false);
                state.moving.set(false);
            }
            moving && canvas.get_untracked().is_some()
        });
    };
    Effect::new(move |_| {
        state.redraw.track();
        let _ = state.selected();
        if canvas.get().is_some() {
            render();
            animate();
        }
    });

    // A new window size is a new canvas size: draw again at it (and fit the map to it).
    let resize = window_event_listener(leptos::ev::resize, move |_| state.request_redraw());
    on_cleanup(move || resize.remove());

    let point =
        |ev: &leptos::ev::PointerEvent| (f64::from(ev.offset_x()), f64::from(ev.offset_y()));
    let node_at = move |p: (f64, f64)| {
        let view = state.viewport.get_value()?;
        let graph = state.graph.get_untracked();
        state
            .layout
            .with_value(|layout| hit_test(&graph, layout, &view, p))
    };
    let on_down = move |ev: leptos::ev::PointerEvent| {
        let p = point(&ev);
        touches.update_value(|t| {
            t.retain(|(id, _)| *id != ev.pointer_id());
            t.push((ev.pointer_id(), p));
        });
        if touches.with_value(Vec::len) > 1 {
            // A second finger: this is a pinch, not a drag.
            drag.set_value(None);
            return;
        }
        drag.set_value(Some(match node_at(p) {
            Some(node) => Drag::Node { node, moved: false },
            None => Drag::Pan {
                x: p.0,
                y: p.1,
                moved: false,
            },
        }));
    };
    let on_move = move |ev: leptos::ev::PointerEvent| {
        let p = point(&ev);
        let pinch = touches.with_value(|t| {
            if t.len() != 2 {
                return None;
            }
            let other = t.iter().find(|(id, _)| *id != ev.pointer_id())?.1;
            let before = t.iter().find(|(id, _)| *id == ev.pointer_id())?.1;
            Some((other, before))
        });
        if let Some((other, before)) = pinch {
            let distance = |a: (f64, f64), b: (f64, f64)| {
                ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt().max(1.0)
            };
            let factor = distance(other, p) / distance(other, before);
            if let Some(view) = state.viewport.get_value() {
                let centre = ((other.0 + p.0) / 2.0, (other.1 + p.1) / 2.0);
                state
                    .viewport
                    .set_value(Some(view.zoom_at(factor, centre.0, centre.1)));
                state.user_moved.set_value(true);
                render();
            }
            touches.update_value(|t| {
                if let Some(entry) = t.iter_mut().find(|(id, _)| *id == ev.pointer_id()) {
                    entry.1 = p;
                }
            });
            return;
        }
        match drag.get_value() {
            Some(Drag::Node { node, .. }) => {
                let Some(view) = state.viewport.get_value() else {
                    return;
                };
                state.user_moved.set_value(true);
                state.layout.update_value(|layout| {
                    if let Some(position) = layout.positions.get_mut(node) {
                        *position = view.to_layout(p);
                        layout.pinned[node] = true;
                        layout.reheat();
                    }
                });
                drag.set_value(Some(Drag::Node { node, moved: true }));
                animate();
                render();
            }
            Some(Drag::Pan { x, y, .. }) => {
                if let Some(view) = state.viewport.get_value() {
                    state.viewport.set_value(Some(view.pan(p.0 - x, p.1 - y)));
                    state.user_moved.set_value(true);
                }
                drag.set_value(Some(Drag::Pan {
                    x: p.0,
                    y: p.1,
                    moved: true,
                }));
                render();
            }
            None => {
                let hovered = node_at(p);
                if hovered != state.hovered.get_untracked() {
                    state.hovered.set(hovered);
                    render();
                }
            }
        }
    };
    let end_drag = move || match drag.get_value() {
        Some(Drag::Node { node, moved: false }) => {
            drag.set_value(None);
            state.select(Some(node));
        }
        Some(Drag::Pan { moved: false, .. }) => {
            drag.set_value(None);
            state.select(None);
        }
        _ => drag.set_value(None),
    };
    let on_up = move |ev: leptos::ev::PointerEvent| {
        touches.update_value(|t| t.retain(|(id, _)| *id != ev.pointer_id()));
        end_drag()
    };
    let on_wheel = move |ev: leptos::ev::WheelEvent| {
        ev.prevent_default();
        if let Some(view) = state.viewport.get_value() {
            let factor = (-ev.delta_y() * 0.0015).exp();
            let p = (f64::from(ev.offset_x()), f64::from(ev.offset_y()));
            state
                .viewport
                .set_value(Some(view.zoom_at(factor, p.0, p.1)));
            state.user_moved.set_value(true);
            render();
        }
    };
    let on_double = move |ev: leptos::ev::MouseEvent| {
        let p = (f64::from(ev.offset_x()), f64::from(ev.offset_y()));
        if let Some(node) = node_at(p) {
            state.ego(Some(node));
        }
    };
    let counts = move || state.graph.with(|g| (g.nodes.len(), g.edges.len()));
    let label = move || state.graph.with(|g| g.canvas_label());
    view! {
        <canvas
            node_ref=canvas
            class="graph__canvas"
            data-testid="author-graph"
            data-node-count=move || counts().0
            data-edge-count=move || counts().1
            data-cluster-count=move || state.communities.with(|c| c.len())
            data-label-count=move || state.labels_drawn.get().0
            data-layout=move || if state.moving.get() { "moving" } else { "still" }
            data-label-overlaps=move || state.labels_drawn.get().1
            role="img"
            aria-label=label
            on:pointerdown=on_down
            on:pointermove=on_move
            on:pointerup=on_up
            on:pointercancel=move |ev: leptos::ev::PointerEvent| {
                touches.update_value(|t| t.retain(|(id, _)| *id != ev.pointer_id()));
                drag.set_value(None);
            }
            on:pointerleave=move |_| {
                drag.set_value(None);
                touches.update_value(Vec::clear);
                state.hovered.set(None);
                render();
            }
            on:wheel=on_wheel
            on:dblclick=on_double
        ></canvas>
    }
}
