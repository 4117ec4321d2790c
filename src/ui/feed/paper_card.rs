use std::sync::Arc;

use leptos::prelude::*;

use crate::core::feed::Paper;
use crate::core::taxonomy::category_label;
use crate::ui::favourites::FavToggle;
use crate::ui::feed::{AuthorList, MathText, PaperActions};

/// Every row of the list is this tall (CSS pixels, the gap below the card included), so the
/// list can be windowed by arithmetic.
pub const PAPER_ROW_HEIGHT: f64 = 158.0;

/// Authors shown in a row before "and N more"; the detail panel lists them all.
const ROW_AUTHORS: usize = 10;

/// One paper as a fixed-height row: title, meta line, authors, comment.
#[component]
pub fn PaperCard(
    paper: Arc<Paper>,
    /// 0-based position in the result, for assistive technology.
    #[prop(into, default = Signal::stored(0))]
    position: Signal<usize>,
    #[prop(into, default = Signal::stored(0))] set_size: Signal<usize>,
    #[prop(default = None)] actions: Option<PaperActions>,
) -> impl IntoView {
    let id = paper.id.clone();
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
    let quick_links = [
        (paper.links.abs.clone(), "abs", "Abstract page on arXiv"),
        (paper.links.pdf.clone(), "pdf", "PDF"),
    ]
    .into_iter()
    .filter_map(|(href, label, title)| {
        href.map(|href| {
            view! {
                <a
                    class=format!("paper-link paper-link--{label}")
                    href=href
                    title=title
                    rel="noopener noreferrer"
                    target="_blank"
                >
                    {label}
                </a>
            }
        })
    })
    .collect_view();

    let title = paper.display_title().to_string();
    let title_view = match actions {
        Some(actions) => {
            let href = actions.link_to.run(id.clone());
            let open_id = id.clone();
            view! {
                <a
                    href=href
                    class="paper__open"
                    on:click=move |ev| {
                        // Modified clicks open a new tab with the same view, as links do.
                        if !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0) {
                            ev.prevent_default();
                            actions.open.run(open_id.clone());
                        }
                    }
                >
                    <MathText text=title />
                </a>
            }
            .into_any()
        }
        None => view! {
            <a href=paper.links.abs.clone() rel="noopener noreferrer" target="_blank">
                <MathText text=title />
            </a>
        }
        .into_any(),
    };
    let highlighted_id = id.clone();
    let highlighted = move || {
        actions.is_some_and(|a| {
            a.highlighted
                .with(|h| h.as_deref() == Some(highlighted_id.as_str()))
        })
    };
    view! {
        <article
            class="paper"
            class:paper--highlighted=highlighted
            data-paper-id=id
            aria-labelledby=labelled_by
            aria-posinset=move || position.get() + 1
            aria-setsize=set_size
        >
            <div class="paper__head">
                <h2 class="paper__title" id=heading_id>{title_view}</h2>
                {actions.map(|a| view! { <FavToggle paper=paper.clone() favourites=a.favourites /> })}
            </div>
            <p class="paper__meta">
                <span class="paper__id">{paper.versioned_id()}</span>
                {published}
                {revised}
                {primary.map(|c| {
                    let title = category_label(&c);
                    view! { <span class="category category--primary" title=title>{c}</span> }
                })}
                {others
                    .into_iter()
                    .map(|c| {
                        let title = category_label(&c);
                        view! { <span class="category" title=title>{c}</span> }
                    })
                    .collect_view()}
                <span class="paper__quick-links">{quick_links}</span>
            </p>
            <AuthorList
                authors=paper.authors.iter().take(ROW_AUTHORS).cloned().collect()
                total=Some(paper.authors.len())
                on_author=actions.map(|a| a.filter_author)
                shown=ROW_AUTHORS
                foldable=false
            />
            {paper.comment.clone().map(|c| view! { <p class="paper__comment">{c}</p> })}
        </article>
    }
}
