//! Builds allow-listed MathML (from `core::math`) as DOM nodes, one by one: no markup is ever
//! parsed, so nothing in a feed can become a script, a link or a handler.

use crate::core::math::MathNode;

const MATHML_NAMESPACE: &str = "http://www.w3.org/1998/Math/MathML";

/// Appends `node` to `parent`.
pub fn append_math(parent: &web_sys::Element, node: &MathNode) {
    let Some(document) = parent.owner_document() else {
        return;
    };
    if let Some(child) = build(&document, node) {
        let _ = parent.append_child(&child);
    }
}

fn build(document: &web_sys::Document, node: &MathNode) -> Option<web_sys::Node> {
    match node {
        MathNode::Text(text) => Some(document.create_text_node(text).into()),
        MathNode::Element {
            tag,
            attributes,
            children,
        } => {
            let element = document
                .create_element_ns(Some(MATHML_NAMESPACE), tag)
                .ok()?;
            for (name, value) in attributes {
                let _ = element.set_attribute(name, value);
            }
            for child in children {
                if let Some(built) = build(document, child) {
                    let _ = element.append_child(&built);
                }
            }
            Some(element.into())
        }
    }
}
