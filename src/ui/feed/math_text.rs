use leptos::prelude::*;

use crate::core::math::{render_math, split_math, MathNode, Segment};
use crate::web::math::append_math;

/// Text with its `$…$` math rendered as MathML; LaTeX that does not parse stays visible as
/// source.
#[component]
pub fn MathText(#[prop(into)] text: String) -> impl IntoView {
    split_math(&text)
        .into_iter()
        .map(|segment| match segment {
            Segment::Text(text) => text.into_any(),
            Segment::Math { latex, display } => match render_math(&latex, display) {
                Some(node) => view! { <MathNodeView node=node /> }.into_any(),
                None => {
                    let delimiter = if display { "$$" } else { "$" };
                    let source = format!("{delimiter}{latex}{delimiter}");
                    view! { <code class="latex">{source}</code> }.into_any()
                }
            },
        })
        .collect_view()
}

/// The MathML is built node by node by the browser adapter once the span exists.
#[component]
fn MathNodeView(node: MathNode) -> impl IntoView {
    let span = NodeRef::<leptos::html::Span>::new();
    span.on_load(move |element| append_math(&element, &node));
    view! { <span class="math" node_ref=span></span> }
}
