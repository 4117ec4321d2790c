//! LaTeX math in abstracts, rendered as MathML. Text outside `$…$` stays text. The MathML is
//! returned as a tree of allow-listed elements and attributes (no links, no event handlers, no
//! styles, no foreign content), which the browser adapter builds node by node, never through
//! HTML parsing.

use pulldown_latex::{push_mathml, Parser, ParserError, RenderConfig, Storage};
use quick_xml::events::Event;
use quick_xml::Reader;

/// A piece of text that may contain math.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Text(String),
    /// LaTeX source between delimiters; `display` for `$$…$$` and `\[…\]`.
    Math {
        latex: String,
        display: bool,
    },
}

/// An allow-listed MathML node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MathNode {
    Element {
        tag: &'static str,
        attributes: Vec<(&'static str, String)>,
        children: Vec<MathNode>,
    },
    Text(String),
}

/// MathML Core presentation elements. Everything else is dropped with its subtree, except
/// that the text of unknown elements is kept.
const ELEMENTS: [&str; 31] = [
    "math",
    "mi",
    "mn",
    "mo",
    "ms",
    "mtext",
    "mspace",
    "mrow",
    "mfrac",
    "msqrt",
    "mroot",
    "mstyle",
    "merror",
    "mpadded",
    "mphantom",
    "msub",
    "msup",
    "msubsup",
    "munder",
    "mover",
    "munderover",
    "mmultiscripts",
    "mprescripts",
    "none",
    "mtable",
    "mtr",
    "mtd",
    "semantics",
    "annotation",
    "menclose",
    "maction",
];

const ATTRIBUTES: [&str; 22] = [
    "display",
    "mathvariant",
    "displaystyle",
    "scriptlevel",
    "stretchy",
    "fence",
    "separator",
    "symmetric",
    "lspace",
    "rspace",
    "minsize",
    "maxsize",
    "movablelimits",
    "accent",
    "accentunder",
    "linethickness",
    "width",
    "height",
    "depth",
    "columnalign",
    "rowalign",
    "notation",
];

/// Splits text at `$…$`, `$$…$$`, `\(…\)` and `\[…\]`. An unclosed delimiter and `\$` stay text.
pub fn split_math(text: &str) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("\\$") {
            plain.push('$');
            rest = after;
            continue;
        }
        let opening = [
            ("$$", "$$", true),
            ("$", "$", false),
            ("\\(", "\\)", false),
            ("\\[", "\\]", true),
        ]
        .into_iter()
        .find(|(open, _, _)| rest.starts_with(open));
        if let Some((open, close, display)) = opening {
            let body = &rest[open.len()..];
            if let Some(end) = find_closing(body, close) {
                let latex = body[..end].trim();
                if !latex.is_empty() {
                    if !plain.is_empty() {
                        segments.push(Segment::Text(std::mem::take(&mut plain)));
                    }
                    segments.push(Segment::Math {
                        latex: latex.to_string(),
                        display,
                    });
                    rest = &body[end + close.len()..];
                    continue;
                }
            }
        }
        let mut chars = rest.chars();
        if let Some(ch) = chars.next() {
            plain.push(ch);
        }
        rest = chars.as_str();
    }
    if !plain.is_empty() {
        segments.push(Segment::Text(plain));
    }
    segments
}

/// The closing delimiter's offset in `body`, skipping escaped dollars.
fn find_closing(body: &str, close: &str) -> Option<usize> {
    let mut index = 0;
    while index < body.len() {
        let rest = &body[index..];
        if rest.starts_with("\\$") {
            index += 2;
            continue;
        }
        if rest.starts_with(close) {
            return Some(index);
        }
        index += rest.chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Deepest MathML nesting rendered. Browsers lay out deeply nested MathML in time that grows
/// steeply with depth (hundreds of levels take seconds), and real formulas stay far below this.
pub const MAX_MATH_DEPTH: usize = 32;
/// Longest LaTeX source rendered as one formula.
pub const MAX_LATEX_CHARS: usize = 2_000;
/// Most commands in one formula: commands such as `\\sqrt x` nest without braces, and the
/// renderer follows such nesting by recursion, so their number bounds its stack use.
pub const MAX_LATEX_COMMANDS: usize = 64;
/// Formulas rendered per text; the rest show as source, so an abstract of thousands of
/// formulas cannot stall the page.
pub const MAX_FORMULAS_PER_TEXT: usize = 200;

/// A piece of text ready to show: plain, rendered math, or LaTeX shown as its source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RenderedSegment {
    Text(String),
    Math(MathNode),
    /// LaTeX that does not parse or is beyond the limits, with its delimiters.
    Source(String),
}

/// Splits `text` at its math and renders each formula within the limits.
pub fn render_text(text: &str) -> Vec<RenderedSegment> {
    render_text_with(text, render_math)
}

/// [`render_text`] with formulas rendered by `render` (the page's renderer is loaded on
/// demand, and until it is there a formula shows as its source): `None` from it shows the
/// formula's source.
pub fn render_text_with(
    text: &str,
    mut render: impl FnMut(&str, bool) -> Option<MathNode>,
) -> Vec<RenderedSegment> {
    let mut formulas = 0;
    split_math(text)
        .into_iter()
        .map(|segment| match segment {
            Segment::Text(text) => RenderedSegment::Text(text),
            Segment::Math { latex, display } => {
                formulas += 1;
                let rendered = (formulas <= MAX_FORMULAS_PER_TEXT)
                    .then(|| render(&latex, display))
                    .flatten();
                match rendered {
                    Some(node) => RenderedSegment::Math(node),
                    None => {
                        let delimiter = if display { "$$" } else { "$" };
                        RenderedSegment::Source(format!("{delimiter}{latex}{delimiter}"))
                    }
                }
            }
        })
        .collect()
}

/// How deeply `latex` nests braces (`\{` and `\}` are not grouping).
fn brace_depth(latex: &str) -> usize {
    let (mut depth, mut deepest, mut escaped) = (0usize, 0usize, false);
    for ch in latex.chars() {
        let literal = escaped;
        escaped = ch == '\\' && !literal;
        match ch {
            _ if literal => {}
            '{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// Renders LaTeX to an allow-listed MathML tree; `None` when the LaTeX does not parse or is
/// beyond the limits (the caller shows the source as text instead).
pub fn render_math(latex: &str, display: bool) -> Option<MathNode> {
    if latex.chars().count() > MAX_LATEX_CHARS
        || brace_depth(latex) > MAX_MATH_DEPTH
        || latex.matches('\\').count() > MAX_LATEX_COMMANDS
    {
        return None;
    }
    let storage = Storage::new();
    let events: Result<Vec<_>, ParserError> = Parser::new(latex, &storage).collect();
    let events = events.ok()?;
    let config = RenderConfig {
        display_mode: if display {
            pulldown_latex::config::DisplayMode::Block
        } else {
            pulldown_latex::config::DisplayMode::Inline
        },
        ..RenderConfig::default()
    };
    let mut markup = String::new();
    push_mathml(
        &mut markup,
        events.into_iter().map(Ok::<_, ParserError>),
        config,
    )
    .ok()?;
    sanitize(&markup)
}

/// An element being read: tag, attributes, children, and whether it is kept (a dropped
/// element's text survives).
type OpenElement = (
    &'static str,
    Vec<(&'static str, String)>,
    Vec<MathNode>,
    bool,
);

/// Reads the renderer's MathML into a tree, keeping only allow-listed names.
fn sanitize(markup: &str) -> Option<MathNode> {
    let mut reader = Reader::from_str(markup);
    let mut stack: Vec<OpenElement> = vec![("", Vec::new(), Vec::new(), true)];
    loop {
        match reader.read_event().ok()? {
            Event::Start(start) => {
                let name = start.local_name();
                let tag = ELEMENTS
                    .iter()
                    .find(|t| t.as_bytes() == name.as_ref())
                    .copied();
                let attributes = tag.map(|_| allowed_attributes(&start)).unwrap_or_default();
                stack.push((tag.unwrap_or(""), attributes, Vec::new(), tag.is_some()));
                if stack.len() > MAX_MATH_DEPTH + 1 {
                    return None;
                }
            }
            Event::Empty(start) => {
                let name = start.local_name();
                if let Some(tag) = ELEMENTS.iter().find(|t| t.as_bytes() == name.as_ref()) {
                    let node = MathNode::Element {
                        tag,
                        attributes: allowed_attributes(&start),
                        children: Vec::new(),
                    };
                    stack.last_mut()?.2.push(node);
                }
            }
            Event::End(_) => {
                let (tag, attributes, children, kept) = stack.pop()?;
                let parent = stack.last_mut()?;
                if kept {
                    parent.2.push(MathNode::Element {
                        tag,
                        attributes,
                        children,
                    });
                } else {
                    parent.2.extend(
                        children
                            .into_iter()
                            .filter(|c| matches!(c, MathNode::Text(_))),
                    );
                }
            }
            Event::Text(text) => {
                let text = text.decode().ok()?.into_owned();
                stack.last_mut()?.2.push(MathNode::Text(text));
            }
            Event::GeneralRef(reference) => {
                let text = match reference.resolve_char_ref().ok()? {
                    Some(ch) => ch.to_string(),
                    None => {
                        quick_xml::escape::resolve_predefined_entity(&reference.decode().ok()?)?
                            .to_string()
                    }
                };
                stack.last_mut()?.2.push(MathNode::Text(text));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let (_, _, mut roots, _) = stack.pop()?;
    if roots.len() == 1 {
        roots.pop()
    } else {
        None
    }
}

fn allowed_attributes(start: &quick_xml::events::BytesStart<'_>) -> Vec<(&'static str, String)> {
    start
        .attributes()
        .flatten()
        .filter_map(|attribute| {
            let key = attribute.key.local_name();
            let name = ATTRIBUTES.iter().find(|a| a.as_bytes() == key.as_ref())?;
            let value = attribute.unescape_value().ok()?.into_owned();
            Some((*name, value))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Segment {
        Segment::Text(s.to_string())
    }

    fn math(s: &str, display: bool) -> Segment {
        Segment::Math {
            latex: s.to_string(),
            display,
        }
    }

    #[test]
    fn split_math_cases() {
        let cases: Vec<(&str, Vec<Segment>)> = vec![
            ("no math", vec![text("no math")]),
            (
                "up to 8.47$\\times$ faster",
                vec![text("up to 8.47"), math("\\times", false), text(" faster")],
            ),
            (
                "$$E=mc^2$$ shown",
                vec![math("E=mc^2", true), text(" shown")],
            ),
            (
                "\\(a\\) and \\[b\\]",
                vec![math("a", false), text(" and "), math("b", true)],
            ),
            (
                "costs \\$5 and $x$",
                vec![text("costs $5 and "), math("x", false)],
            ),
            ("unclosed $x + y", vec![text("unclosed $x + y")]),
            ("empty $$ here", vec![text("empty $$ here")]),
            (
                "48.6$\\%$.",
                vec![text("48.6"), math("\\%", false), text(".")],
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(split_math(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn render_math_gives_allow_listed_mathml() {
        let node = render_math("4.2 \\pm 1.6", false).expect("renders");
        let MathNode::Element {
            tag,
            attributes,
            children,
        } = &node
        else {
            panic!("root is an element");
        };
        assert_eq!(*tag, "math");
        assert_eq!(attributes, &[("display", "inline".to_string())]);
        assert!(!children.is_empty());
        assert!(render_math("\\frac{a}{b}", true).is_some());
    }

    #[test]
    fn math_beyond_the_limits_shows_as_source() {
        let deep = format!("{}x{}", "\\sqrt{".repeat(60), "}".repeat(60));
        assert_eq!(render_math(&deep, false), None);
        let shallow = format!("{}x{}", "\\sqrt{".repeat(5), "}".repeat(5));
        assert!(render_math(&shallow, false).is_some());
        let nested_without_braces = format!("{}x", "\\sqrt ".repeat(200));
        assert_eq!(render_math(&nested_without_braces, false), None);
        assert_eq!(render_math(&"x+".repeat(1_500), false), None);

        let many = "$x^2$ ".repeat(MAX_FORMULAS_PER_TEXT + 5);
        let rendered = render_text(&many);
        let math = rendered
            .iter()
            .filter(|s| matches!(s, RenderedSegment::Math(_)))
            .count();
        let source: Vec<_> = rendered
            .iter()
            .filter_map(|s| match s {
                RenderedSegment::Source(text) => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(math, MAX_FORMULAS_PER_TEXT);
        assert_eq!(source, ["$x^2$"; 5]);
    }

    #[test]
    fn a_formula_the_renderer_does_not_give_shows_as_its_source() {
        let text = "Cost $O(n)$ and $$x^2$$ here";
        let mut asked = Vec::new();
        let waiting = render_text_with(text, |latex, display| {
            asked.push((latex.to_string(), display));
            None
        });
        assert_eq!(
            asked,
            [("O(n)".to_string(), false), ("x^2".to_string(), true)]
        );
        assert_eq!(
            waiting,
            [
                RenderedSegment::Text("Cost ".into()),
                RenderedSegment::Source("$O(n)$".into()),
                RenderedSegment::Text(" and ".into()),
                RenderedSegment::Source("$$x^2$$".into()),
                RenderedSegment::Text(" here".into()),
            ]
        );
        assert_eq!(render_text_with(text, render_math), render_text(text));
        assert!(matches!(render_text(text)[1], RenderedSegment::Math(_)));
    }

    #[test]
    fn invalid_latex_is_refused_so_it_shows_as_text() {
        assert_eq!(render_math("x_{i", false), None);
        assert_eq!(render_math("\\href{javascript:alert(1)}{x}", false), None);
    }

    #[test]
    fn sanitize_drops_what_is_not_allowed() {
        let node = sanitize(
            "<math display=\"block\" onclick=\"x()\" style=\"color:red\"><a href=\"javascript:x\"><mi>a</mi></a><script>bad()</script><mi href=\"y\">b</mi></math>",
        )
        .expect("parses");
        let expected = MathNode::Element {
            tag: "math",
            attributes: vec![("display", "block".to_string())],
            children: vec![
                MathNode::Text("bad()".to_string()),
                MathNode::Element {
                    tag: "mi",
                    attributes: vec![],
                    children: vec![MathNode::Text("b".to_string())],
                },
            ],
        };
        assert_eq!(node, expected);
    }
}
