//! The page's first screen as static HTML: what the page shows of a feed before its module
//! has arrived. `cargo xtask dist` writes it into `index.html` for the embedded sample and
//! `cargo xtask site` for a site's default feed, so even a slow network paints papers within
//! a second; the app replaces it when it starts (see `web::first_screen`).
//!
//! It is drawn with the app's own classes, sentences and counts (the heading, the result
//! count, the facets), so the app takes its place without the page jumping. Nothing in it needs
//! a script: titles and the abs/pdf links go to arXiv, and the controls wait, disabled, for
//! the app.

use std::collections::{HashMap, HashSet};

use crate::core::collection::Collection;
use crate::core::feed::Paper;
use crate::core::filter::{apply, FilterContext, FilterSpec, SortKey, SHOWN_CATEGORIES};
use crate::core::sources::{sources_heading, Source};
use crate::core::taxonomy::{category_label, category_name};
use crate::core::text::{count, group_thousands};

/// Where the first screen starts and ends in `index.html`, so a site build can put another
/// feed's in its place.
pub const START_MARK: &str = "<!-- first-screen -->";
pub const END_MARK: &str = "<!-- /first-screen -->";

/// Rows drawn: more than the tallest first screen shows, few enough to keep the page small.
pub const FIRST_SCREEN_ROWS: usize = 12;
/// Authors per row, as the app's rows show them.
const ROW_AUTHORS: usize = 10;
/// Top authors listed.
const SHOWN_AUTHORS: usize = 10;

/// The first screen of `source`, with the site's own name in the banner when it has one,
/// between [`START_MARK`] and [`END_MARK`].
pub fn first_screen_html(source: &Source, site_name: Option<&str>) -> String {
    let collection = Collection::new(source.meta.clone(), source.papers.clone());
    let (favourites, tags) = (HashSet::new(), HashMap::new());
    let result = apply(
        &collection.papers,
        &collection.index,
        &FilterSpec::default(),
        &FilterContext::new(&favourites, &tags),
    );
    let heading = sources_heading(std::slice::from_ref(source));
    let total = collection.len();
    let mut html = Html::default();
    html.raw(START_MARK);
    html.raw(r#"<div class="first-screen" id="first-screen" data-testid="first-screen">"#);
    html.raw(r#"<p class="first-screen__opening" role="status">Opening the shared view…</p>"#);
    html.raw(r#"<div class="first-screen__page">"#);
    // The banner.
    html.raw(r#"<header class="site-header"><div class="site-header__inner"><a class="brand" href="./"><span class="brand__mark" aria-hidden="true">χ</span><span class="brand__name">"#);
    html.text(site_name.unwrap_or("arXiv Explorer"));
    html.raw(r#"</span></a><nav class="view-tabs" aria-label="Views"><button class="view-tab" type="button" aria-pressed="true" disabled>Feed<span class="view-tab__count">"#);
    html.text(&group_thousands(total as u64));
    html.raw(r#"</span></button><button class="view-tab" type="button" aria-pressed="false" disabled>Co-authors</button><button class="view-tab" type="button" aria-pressed="false" disabled>★ Favourites</button></nav><button class="button button--quiet site-header__help" type="button" disabled>?</button></div></header>"#);
    // What is loaded.
    html.raw(r#"<main class="page"><section class="feed-header"><div class="feed-header__text">"#);
    if let Some(kicker) = &heading.kicker {
        html.element("p", "feed-header__source", kicker);
    }
    html.element("h1", "feed-header__title", &heading.title);
    html.element("p", "feed-header__stats", &heading.summary);
    let action = if heading.sample {
        "button button--primary feed-header__action"
    } else {
        "button feed-header__action"
    };
    html.raw(&format!(
        r#"</div><button type="button" class="{action}" disabled>"#
    ));
    html.text(&heading.action);
    html.raw("</button></section>");
    // The search bar, waiting for the app.
    html.raw(r#"<div class="explorer" data-density="compact" data-filters="closed"><section class="toolbar"><div class="search-box"><input class="search-box__input" type="search" placeholder="Search titles, abstracts, authors…" aria-label="Search papers" disabled></div><form class="author-box"><div class="combobox"><input class="author-box__input" placeholder="Author…" aria-label="Filter by author" disabled></div><button type="button" class="button" disabled>Add</button></form><button type="button" class="button toolbar__filters" disabled>Filters</button></section>"#);
    html.raw(r#"<div class="explorer__body"><section class="explorer__results"><div class="result-summary"><p class="result-count"><strong>"#);
    html.text(&group_thousands(total as u64));
    html.raw("</strong> of ");
    html.text(&count(total, "paper"));
    html.raw(r#"</p><label class="sort-select"><span class="sort-select__label">Sort</span><select aria-label="Sort" disabled>"#);
    // Every order, so the select is as wide as the app's.
    for key in SortKey::ALL {
        html.element("option", "", key.label());
    }
    html.raw(r#"</select></label><div class="reading-controls"><button class="toggle-button" type="button" aria-pressed="false" disabled>Abstracts</button><button class="toggle-button" type="button" aria-pressed="false" disabled>Comfortable</button></div><button class="button" type="button" disabled>Share view</button></div>"#);
    // The papers, as the app's rows draw them.
    html.raw(r#"<ol class="paper-list" aria-label="Papers">"#);
    for &position in result.matches.iter().take(FIRST_SCREEN_ROWS) {
        if let Some(paper) = collection.papers.get(position) {
            html.row(paper);
        }
    }
    html.raw("</ol></section>");
    // The facets.
    html.raw(r#"<aside class="explorer__facets"><figure class="timeline first-screen__timeline"></figure><nav class="facet-panel" aria-label="Refine by">"#);
    let categories: Vec<(String, usize)> = result
        .facets
        .categories
        .iter()
        .take(SHOWN_CATEGORIES)
        .cloned()
        .collect();
    if !categories.is_empty() {
        html.raw(r#"<section class="facet-group"><h2 class="facet-group__title">Categories</h2><ul class="facet-list">"#);
        for (code, n) in &categories {
            html.raw(r#"<li><span class="facet" title=""#);
            html.attribute(&category_label(code));
            html.raw(r#""><span class="facet__label"><span class="facet__code">"#);
            html.text(code);
            html.raw(r#"</span> <span class="facet__name">"#);
            html.text(category_name(code).unwrap_or_default());
            html.raw(r#"</span></span><span class="facet__count">"#);
            html.text(&group_thousands(*n as u64));
            html.raw("</span></span></li>");
        }
        html.raw("</ul></section>");
    }
    let authors = &result.facets.authors;
    if !authors.is_empty() {
        html.raw(r#"<section class="facet-group"><h2 class="facet-group__title">Top authors</h2><ul class="facet-list">"#);
        for (name, n) in authors.iter().take(SHOWN_AUTHORS) {
            html.raw(r#"<li><span class="facet"><span class="facet__label">"#);
            html.text(name);
            html.raw(r#"</span><span class="facet__count">"#);
            html.text(&group_thousands(*n as u64));
            html.raw("</span></span></li>");
        }
        html.raw("</ul></section>");
    }
    html.raw("</nav></aside></div></div></main></div></div>");
    html.raw(END_MARK);
    html.out
}

/// HTML written piece by piece, every text escaped.
#[derive(Default)]
struct Html {
    out: String,
}

impl Html {
    fn raw(&mut self, markup: &str) {
        self.out.push_str(markup);
    }

    fn text(&mut self, text: &str) {
        for c in text.chars() {
            match c {
                '&' => self.out.push_str("&amp;"),
                '<' => self.out.push_str("&lt;"),
                '>' => self.out.push_str("&gt;"),
                c => self.out.push(c),
            }
        }
    }

    fn attribute(&mut self, text: &str) {
        for c in text.chars() {
            match c {
                '&' => self.out.push_str("&amp;"),
                '<' => self.out.push_str("&lt;"),
                '>' => self.out.push_str("&gt;"),
                '"' => self.out.push_str("&quot;"),
                c => self.out.push(c),
            }
        }
    }

    fn element(&mut self, tag: &str, class: &str, text: &str) {
        if class.is_empty() {
            self.raw(&format!("<{tag}>"));
        } else {
            self.raw(&format!(r#"<{tag} class="{class}">"#));
        }
        self.text(text);
        self.raw(&format!("</{tag}>"));
    }

    fn link(&mut self, class: &str, href: &str, title: Option<&str>, text: &str) {
        self.raw(&format!(r#"<a class="{class}" href=""#));
        self.attribute(href);
        self.raw("\"");
        if let Some(title) = title {
            self.raw(" title=\"");
            self.attribute(title);
            self.raw("\"");
        }
        self.raw(r#" rel="noopener noreferrer" target="_blank">"#);
        self.text(text);
        self.raw("</a>");
    }

    /// A paper as the app's row draws it (`ui::feed::PaperCard`): its title (math as its
    /// source, until the app renders it), authors, and the line with id, dates, categories,
    /// comment and links.
    fn row(&mut self, paper: &Paper) {
        self.raw(r#"<li class="paper-list__item"><article class="paper"><div class="paper__head"><h2 class="paper__title">"#);
        match paper.links.abs.as_deref() {
            Some(abs) => self.link("paper__open", abs, None, paper.display_title()),
            None => self.text(paper.display_title()),
        }
        self.raw(r#"</h2><button class="fav-toggle paper__read-toggle" type="button" disabled aria-hidden="true" tabindex="-1"><span>○</span></button><button class="fav-toggle" type="button" disabled aria-hidden="true" tabindex="-1"><span>☆</span></button></div>"#);
        self.raw(r#"<div class="authors"><ul class="author-list" aria-label="Authors">"#);
        for author in paper.authors.iter().take(ROW_AUTHORS) {
            // The app's names are buttons: each keeps its words on one line.
            self.raw(r#"<li class="author"><span class="author__filter first-screen__author">"#);
            self.text(&author.name);
            self.raw("</span></li>");
        }
        self.raw("</ul>");
        if paper.authors.len() > ROW_AUTHORS {
            self.element(
                "span",
                "authors__more",
                &format!("and {} more", paper.authors.len() - ROW_AUTHORS),
            );
        }
        self.raw(r#"</div><p class="paper__meta">"#);
        self.element("span", "paper__id", &paper.versioned_id());
        if let Some(published) = paper.published {
            let date = published.date();
            self.raw(&format!(r#"<time datetime="{date}">"#));
            self.text(&date.short_label());
            self.raw("</time>");
        }
        if let (Some(updated), true) = (paper.updated, paper.version.is_some_and(|v| v > 1)) {
            let date = updated.date();
            self.raw(&format!(
                r#"<span class="paper__revised">revised <time datetime="{date}">"#
            ));
            self.text(&date.short_label());
            self.raw("</time></span>");
        }
        let primary = paper.primary_category.as_ref();
        let others = paper.categories.iter().filter(|c| Some(*c) != primary);
        for (code, class) in primary
            .map(|c| (c, "category category--primary"))
            .into_iter()
            .chain(others.map(|c| (c, "category")))
        {
            self.raw(&format!(r#"<span class="{class}" title=""#));
            self.attribute(&category_label(code));
            self.raw("\">");
            self.text(code);
            self.raw("</span>");
        }
        if let Some(comment) = &paper.comment {
            self.element("span", "paper__comment", comment);
        }
        self.raw(r#"<span class="paper__quick-links">"#);
        if let Some(abs) = paper.links.abs.as_deref() {
            self.link(
                "paper-link paper-link--abs",
                abs,
                Some("Abstract page on arXiv"),
                "abs",
            );
        }
        if let Some(pdf) = paper.links.pdf.as_deref() {
            self.link("paper-link paper-link--pdf", pdf, Some("PDF"), "pdf");
        }
        self.raw("</span></p></article></li>");
    }
}
