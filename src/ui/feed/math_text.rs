use leptos::prelude::*;

use crate::core::math::{render_text_with, MathNode, RenderedSegment};
use crate::ui::parts::Formulas;
use crate::web::math::append_math;

/// Text with its `$…$` math rendered as MathML; LaTeX that does not parse, is beyond the
/// rendering limits, or waits for the renderer (a part fetched on demand) shows as source.
#[component]
pub fn MathText(#[prop(into)] text: String) -> impl IntoView {
    let formulas = Formulas::get();
    move || {
        formulas.track();
        render_text_with(&text, |latex, display| formulas.lookup(latex, display))
            .into_iter()
            .map(|segment| match segment {
                RenderedSegment::Text(text) => text.into_any(),
                RenderedSegment::Math(node) => view! { <MathNodeView node=node /> }.into_any(),
                RenderedSegment::Source(source) => {
                    view! { <code class="latex">{source}</code> }.into_any()
                }
            })
            .collect_view()
    }
}

/// The MathML is built node by node by the browser adapter once the span exists.
#[component]
fn MathNodeView(node: MathNode) -> impl IntoView {
    let span = NodeRef::<leptos::html::Span>::new();
    span.on_load(move |element| append_math(&element, &node));
    view! { <span class="math" node_ref=span></span> }
}
