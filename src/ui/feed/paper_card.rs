use std::sync::Arc;

use leptos::prelude::*;

use crate::core::feed::Paper;
use crate::ui::feed::AuthorList;

/// One paper: title, authors, date, categories and its links.
#[component]
pub fn PaperCard(
    paper: Arc<Paper>,
    /// Makes each author a button that filters by that author.
    #[prop(default = None)]
    on_author: Option<Callback<String>>,
) -> impl IntoView {
    let heading_id = format!("paper-{}", paper.id.replace(['/', '.'], "-"));
    let labelled_by = heading_id.clone();
    let published = paper.published.map(|t| {
        let date = t.date();
        view! { <time datetime=date.to_string()>{date.short_label()}</time> }
    });
    // A later version's date says the paper changed since it was first announced.
    let revised = paper
        .updated
        .filter(|_| paper.version.is_some_and(|v| v > 1))
        .map(|t| {
            let date = t.date();
            view! {
                <span class="paper__revised">
                    "revised " <time datetime=date.to_string()>{date.short_label()}</time>
                </span>
            }
        });
    let primary = paper.primary_category.clone();
    let others: Vec<String> = paper
        .categories
        .iter()
        .filter(|c| Some(*c) != primary.as_ref())
        .cloned()
        .collect();
    let links = &paper.links;
    let link_items = [
        (links.abs.clone(), "Abstract", "abs"),
        (links.pdf.clone(), "PDF", "pdf"),
        (links.html.clone(), "HTML", "html"),
        (links.doi.clone(), "DOI", "doi"),
    ]
    .into_iter()
    .filter_map(|(href, label, kind)| {
        href.map(|href| {
            view! {
                <li>
                    <a class=format!("paper-link paper-link--{kind}") href=href rel="noopener noreferrer" target="_blank">
                        {label}
                    </a>
                </li>
            }
        })
    })
    .collect_view();
    view! {
        <article class="paper" data-paper-id=paper.id.clone() aria-labelledby=labelled_by>
            <header class="paper__header">
                <h2 class="paper__title" id=heading_id>
                    <a href=paper.links.abs.clone() rel="noopener noreferrer" target="_blank">
                        {paper.display_title().to_string()}
                    </a>
                </h2>
                <p class="paper__meta">
                    <span class="paper__id">{paper.versioned_id()}</span>
                    {published}
                    {revised}
                    {primary.map(|c| view! { <span class="category category--primary">{c}</span> })}
                    {others.into_iter().map(|c| view! { <span class="category">{c}</span> }).collect_view()}
                </p>
            </header>
            <AuthorList authors=paper.authors.clone() on_author=on_author />
            {paper.comment.clone().map(|c| view! { <p class="paper__comment">{c}</p> })}
            {paper.journal_ref.clone().map(|j| view! { <p class="paper__journal">{j}</p> })}
            <details class="paper__abstract">
                <summary>"Abstract"</summary>
                <p>{paper.summary.clone()}</p>
            </details>
            <ul class="paper__links" aria-label="Links">{link_items}</ul>
        </article>
    }
}
