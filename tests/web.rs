//! Components mounted in a real browser (wasm-bindgen-test in headless Chromium).
#![cfg(target_arch = "wasm32")]

use std::sync::Arc;

use arxiv_explorer::core::embedded::EMBEDDED_FEED_XML;
use arxiv_explorer::core::feed::parse_feed;
use arxiv_explorer::ui::feed::{PaperList, PaperRows};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element attached to the document, for one test to mount into.
fn container() -> web_sys::HtmlElement {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    let element = document
        .create_element("div")
        .expect("create div")
        .dyn_into::<web_sys::HtmlElement>()
        .expect("div is an HtmlElement");
    document
        .body()
        .expect("a body")
        .append_child(&element)
        .expect("attach");
    element
}

#[wasm_bindgen_test]
fn paper_list_renders_every_seed_paper() {
    let parsed = parse_feed(EMBEDDED_FEED_XML.as_bytes()).expect("seed parses");
    let expected: Vec<String> = parsed.feed.papers.iter().map(|p| p.id.clone()).collect();
    let papers: Vec<_> = parsed.feed.papers.into_iter().map(Arc::new).collect();
    let parent = container();
    let _mounted = leptos::mount::mount_to(
        parent.clone(),
        move || view! { <PaperList papers=PaperRows::from(papers.clone()) /> },
    );

    let rendered = parent
        .query_selector_all("[data-paper-id]")
        .expect("valid selector");
    assert_eq!(rendered.length(), 15);
    let ids: Vec<String> = (0..rendered.length())
        .filter_map(|i| rendered.item(i))
        .filter_map(|node| node.dyn_into::<web_sys::Element>().ok())
        .filter_map(|element| element.get_attribute("data-paper-id"))
        .collect();
    assert_eq!(ids, expected);
}

/// Lets the reactive system run the effects a DOM event scheduled.
async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        web_sys::window()
            .expect("a window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
            .expect("setTimeout");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("timer resolves");
}

#[wasm_bindgen_test]
async fn long_author_lists_fold_and_expand() {
    use arxiv_explorer::core::feed::Author;
    use arxiv_explorer::ui::feed::AuthorList;

    let authors: Vec<Author> = (1..=20)
        .map(|i| Author {
            name: format!("Author {i}"),
            affiliations: Vec::new(),
        })
        .collect();
    let parent = container();
    let _mounted = leptos::mount::mount_to(
        parent.clone(),
        move || view! { <AuthorList authors=authors /> },
    );
    let hidden = || {
        parent
            .query_selector_all(".author--hidden")
            .expect("valid selector")
            .length()
    };
    assert_eq!(hidden(), 8);
    let button = parent
        .query_selector("button")
        .expect("valid selector")
        .expect("a toggle")
        .dyn_into::<web_sys::HtmlElement>()
        .expect("button is an HtmlElement");
    assert_eq!(button.text_content().as_deref(), Some("and 8 more"));
    button.click();
    next_tick().await;
    assert_eq!(hidden(), 0);
    assert_eq!(button.text_content().as_deref(), Some("show fewer"));
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
}

#[wasm_bindgen_test]
fn fatal_error_banner_is_an_alert_with_text() {
    arxiv_explorer::web::panic::show_fatal_banner("<b>boom</b>");
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    let banner = document
        .get_element_by_id("fatal-error")
        .expect("the banner is shown");
    assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
    let text = banner.text_content().unwrap_or_default();
    assert!(
        text.contains("<b>boom</b>"),
        "the detail is text, not markup: {text}"
    );
    assert!(banner
        .query_selector("b")
        .expect("valid selector")
        .is_none());
}

/// The page's own stylesheet, so rows are sized as on the page.
fn with_site_styles() {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    if document.get_element_by_id("site-styles").is_some() {
        return;
    }
    let style = document.create_element("style").expect("create style");
    style.set_id("site-styles");
    style.set_text_content(Some(include_str!("../style/main.css")));
    document
        .head()
        .expect("a head")
        .append_child(&style)
        .expect("attach");
}

/// Waits for the browser to lay out and for the list's measurements to arrive.
async fn settle() {
    for _ in 0..4 {
        next_tick().await;
    }
}

/// The papers as a list in a fresh container, laid out and measured.
async fn mount_list(
    papers: Vec<Arc<arxiv_explorer::core::feed::Paper>>,
) -> (web_sys::HtmlElement, impl Drop) {
    let parent = container();
    let mounted = leptos::mount::mount_to(
        parent.clone(),
        move || view! { <PaperList papers=PaperRows::from(papers.clone()) /> },
    );
    settle().await;
    (parent, mounted)
}

fn rows_of(parent: &web_sys::HtmlElement) -> Vec<web_sys::Element> {
    let rows = parent
        .query_selector_all("[data-paper-id]")
        .expect("valid selector");
    (0..rows.length())
        .filter_map(|i| rows.item(i))
        .filter_map(|row| row.dyn_into::<web_sys::Element>().ok())
        .collect()
}

#[wasm_bindgen_test]
async fn long_lists_render_only_the_rows_in_view() {
    use arxiv_explorer::core::feed::Paper;

    with_site_styles();

    let papers: Vec<Arc<Paper>> = (0..30_000)
        .map(|i| {
            Arc::new(Paper {
                id: format!("2601.{i:05}"),
                title: format!("Paper number {i}"),
                ..Paper::default()
            })
        })
        .collect();
    let (parent, _mounted) = mount_list(papers).await;
    let rendered = rows_of(&parent).len();
    assert!(
        (5..60).contains(&rendered),
        "rendered {rendered} of 30,000 rows"
    );
    let first = rows_of(&parent)
        .first()
        .and_then(|e| e.get_attribute("data-paper-id"));
    assert_eq!(first.as_deref(), Some("2601.00000"));
    let list = parent
        .query_selector("ol")
        .expect("valid selector")
        .expect("the list")
        .dyn_into::<web_sys::HtmlElement>()
        .expect("an HtmlElement");
    // The measured rows set the estimate for the rest: the list is as tall as 30,000 of them.
    let item = parent
        .query_selector(".paper-list__item")
        .expect("valid selector")
        .expect("a row")
        .get_bounding_client_rect()
        .height();
    let height = f64::from(list.offset_height());
    assert!(
        (height - 30_000.0 * item).abs() < item * 2.0,
        "the list keeps the full height for the scrollbar: {height} for rows of {item}"
    );
    // Deep in the list, the rows drawn are the ones in view.
    let window = web_sys::window().expect("a window");
    let top = list.get_bounding_client_rect().top() + window.scroll_y().unwrap_or(0.0);
    window.scroll_to_with_x_and_y(0.0, top + 20_000.0 * item);
    settle().await;
    let viewport = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(600.0);
    let in_view = rows_of(&parent)
        .iter()
        .filter(|row| {
            let rect = row.get_bounding_client_rect();
            rect.bottom() > 0.0 && rect.top() < viewport
        })
        .count();
    assert!(
        in_view > 0,
        "no row is drawn where the list was scrolled to"
    );
    let first = rows_of(&parent)
        .first()
        .and_then(|e| e.get_attribute("data-paper-id"))
        .unwrap_or_default();
    assert!(
        first.as_str() > "2601.19900" && first.as_str() < "2601.20001",
        "first row drawn: {first}"
    );
    window.scroll_to_with_x_and_y(0.0, 0.0);
}

#[wasm_bindgen_test]
async fn rows_are_as_tall_as_their_content() {
    use arxiv_explorer::core::feed::{Author, Paper};

    with_site_styles();
    let long_title =
        "A title long enough to wrap onto several lines in any list of papers, ".repeat(6);
    let papers: Vec<Arc<Paper>> = [("2601.00001", "Short"), ("2601.00002", long_title.as_str())]
        .into_iter()
        .map(|(id, title)| {
            Arc::new(Paper {
                id: id.to_string(),
                title: title.to_string(),
                authors: vec![Author {
                    name: "Ana Kostić".into(),
                    affiliations: Vec::new(),
                }],
                comment: Some("12 pages".into()),
                ..Paper::default()
            })
        })
        .collect();
    let (parent, _mounted) = mount_list(papers).await;
    let rows = rows_of(&parent);
    assert_eq!(rows.len(), 2);
    let (short, long) = (
        rows[0].get_bounding_client_rect(),
        rows[1].get_bounding_client_rect(),
    );
    assert!(
        long.height() > short.height() + 30.0,
        "a long title makes its row taller ({} vs {})",
        long.height(),
        short.height()
    );
    // Nothing inside a row reaches past its edge.
    for row in &rows {
        let edge = row.get_bounding_client_rect();
        let parts = row.query_selector_all("*").expect("valid selector");
        for i in 0..parts.length() {
            let part = parts
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                .expect("an element")
                .get_bounding_client_rect();
            assert!(
                part.bottom() <= edge.bottom() + 0.5,
                "a part spills below its row"
            );
        }
    }
}

#[wasm_bindgen_test]
async fn math_in_text_becomes_mathml() {
    use arxiv_explorer::ui::feed::MathText;

    let parent = container();
    let _mounted = leptos::mount::mount_to(parent.clone(), move || {
        view! { <p><MathText text="up to 8.47$\\times$ faster, broken $x_{i$ stays" /></p> }
    });
    next_tick().await;
    let math = parent
        .query_selector("math")
        .expect("valid selector")
        .expect("a <math> element");
    assert_eq!(
        math.namespace_uri().as_deref(),
        Some("http://www.w3.org/1998/Math/MathML")
    );
    let text = parent.text_content().unwrap_or_default();
    assert!(text.starts_with("up to 8.47"), "{text}");
    assert!(text.contains("×"), "{text}");
    assert!(
        text.contains("$x_{i$ stays"),
        "unparsable math stays as typed: {text}"
    );
}
