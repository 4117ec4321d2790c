//! The page's first screen written into `index.html` (drawn by `core::first_screen`): the
//! embedded sample's for `cargo xtask dist`, a site's default feed's for `cargo xtask site`,
//! with the one-line script that hides it when the address names a view of its own.

use std::path::Path;

use arxiv_explorer::core::embedded::EMBEDDED_FEED_XML;
use arxiv_explorer::core::feed::parse_feed;
use arxiv_explorer::core::first_screen::{first_screen_html, END_MARK, START_MARK};
use arxiv_explorer::core::sources::{Source, SourceKind};

use crate::precompress::cannot;
use crate::process::Failure;

/// Runs before the body is parsed: an address with a query is a shared view, which the
/// sample's papers would misrepresent until the app has applied it.
const OPENING_SCRIPT: &str =
    r#"<script>if(location.search)document.documentElement.classList.add("opening-view")</script>"#;

/// The embedded sample's first screen.
pub fn embedded() -> Result<String, Failure> {
    screen(EMBEDDED_FEED_XML.as_bytes(), SourceKind::Embedded, None)
}

/// The first screen of the feed in `file`, which the page loads from `address`.
pub fn of_feed(file: &Path, address: &str, site_name: &str) -> Result<String, Failure> {
    let bytes = std::fs::read(file).map_err(|err| cannot("read", file, err))?;
    screen(
        &bytes,
        SourceKind::Url {
            url: address.to_string(),
        },
        Some(site_name),
    )
}

fn screen(bytes: &[u8], kind: SourceKind, site_name: Option<&str>) -> Result<String, Failure> {
    let parsed =
        parse_feed(bytes).map_err(|err| Failure::new(format!("the first screen's feed: {err}")))?;
    let source = Source {
        id: 0,
        kind,
        meta: parsed.feed.meta,
        papers: parsed.feed.papers.into_iter().map(Into::into).collect(),
        warnings: parsed.warnings,
    };
    Ok(first_screen_html(&source, site_name))
}

/// The page with `screen` as its first screen: in place of the one it has, or first in its
/// body, with the script in its head.
pub fn write_into_page(html: &str, screen: &str) -> Result<String, Failure> {
    if let (Some(start), Some(end)) = (html.find(START_MARK), html.find(END_MARK)) {
        if start < end {
            let end = end + END_MARK.len();
            return Ok(format!("{}{screen}{}", &html[..start], &html[end..]));
        }
    }
    let head = html
        .find("</head>")
        .ok_or_else(|| Failure::new("index.html has no </head>"))?;
    let mut page = html.to_string();
    page.insert_str(head, OPENING_SCRIPT);
    let body = page
        .find("<body>")
        .ok_or_else(|| Failure::new("index.html has no <body>"))?
        + "<body>".len();
    page.insert_str(body, screen);
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_screen_goes_in_once_and_is_replaced_in_place() {
        let html = "<html><head><title>t</title></head><body><noscript>x</noscript></body></html>";
        let first = format!("{START_MARK}<div>one</div>{END_MARK}");
        let page = write_into_page(html, &first).expect("written");
        assert_eq!(
            page,
            format!("<html><head><title>t</title>{OPENING_SCRIPT}</head><body>{first}<noscript>x</noscript></body></html>")
        );
        let second = format!("{START_MARK}<div>two</div>{END_MARK}");
        let again = write_into_page(&page, &second).expect("replaced");
        assert_eq!(again, page.replace(&first, &second));
        assert_eq!(again.matches("<script>").count(), 1);
    }

    #[test]
    fn the_samples_first_screen_lists_its_papers_with_their_links() {
        let screen = embedded().expect("the sample parses");
        assert!(screen.starts_with(START_MARK) && screen.ends_with(END_MARK));
        assert!(screen.contains("cs.OS — Operating Systems"));
        assert!(screen.contains("15 papers from cs.OS"));
        assert_eq!(
            screen.matches(r#"<li class="paper-list__item">"#).count(),
            12
        );
        assert!(screen.contains(r#"href="https://arxiv.org/abs/2604.07839v1""#));
        // No hook the app's tests wait for: the app's own rows carry those.
        assert!(!screen.contains("data-paper-id"));
    }
}
