use std::sync::Arc;

use leptos::prelude::*;

use crate::core::feed::Paper;
use crate::core::taxonomy::category_label;
use crate::ui::favourites::FavToggle;
use crate::ui::feed::{AuthorList, MathText, PaperActions, PaperNotes};
use crate::web::viewport::focus_unless_within;

/// Authors shown in a row before "and N more"; the detail panel lists them all.
const ROW_AUTHORS: usize = 10;

/// One paper as a row that is as tall as it needs: title, authors, a line with id, dates,
/// categories and the comment, and optionally the abstract's first two lines.
#[component]
pub fn PaperCard(
    paper: Arc<Paper>,
    /// 0-based position in the result, for assistive technology.
    #[prop(into, default = Signal::stored(0))]
    position: Signal<usize>,
    #[prop(into, default = Signal::stored(0))] set_size: Signal<usize>,
    #[prop(default = None)] actions: Option<PaperActions>,
    /// Whether the row previews its abstract.
    #[prop(into, default = Signal::stored(false))]
    abstract_preview: Signal<bool>,
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
    // The keyboard cursor moves focus, not only a highlight: the row it lands on takes focus
    // (also when it is drawn only once the list scrolled to it).
    let article = NodeRef::<leptos::html::Article>::new();
    if let Some(actions) = actions {
        let focus_id = id.clone();
        Effect::new(move |_| {
            let here = actions
                .focused
                .with(|f| f.as_deref() == Some(focus_id.as_str()));
            if here {
                if let Some(element) = article.get() {
                    focus_unless_within(&element);
                }
            }
        });
    }
    let on_focus = move |_| {
        if let Some(actions) = actions {
            actions.focused_row.run(position.get_untracked());
        }
    };
    let (read_id, new_id, why_id, toggle_id) = (id.clone(), id.clone(), id.clone(), id.clone());
    let is_read = move || actions.is_some_and(|a| a.is_read.run(read_id.clone()));
    let is_new = move || actions.is_some_and(|a| a.is_new.run(new_id.clone()));
    let why = move || {
        actions
            .and_then(|a| a.why.run(why_id.clone()))
            .map(|line| view! { <p class="paper__why" data-testid="paper-why">{line}</p> })
    };
    let read_toggle = actions.map(|a| {
        let is_read = is_read.clone();
        let label = is_read.clone();
        view! {
            <button
                type="button"
                class="fav-toggle paper__read-toggle"
                data-testid="read-toggle"
                aria-pressed=move || is_read().to_string()
                title=move || if label() { "Mark as unread (r)" } else { "Mark as read (r)" }
                on:click=move |_| a.toggle_read.run(toggle_id.clone())
            >
                <span aria-hidden="true">{let is_read = is_read.clone(); move || if is_read() { "●" } else { "○" }}</span>
                <span class="visually-hidden">"Read"</span>
            </button>
        }
    });
    let notes = actions.map(|actions| view! { <PaperNotes id=id.clone() actions=actions /> });
    let summary = paper.summary.clone();
    let preview_id = id.clone();
    // Two lines of the abstract, and an honest "more": the whole of it is in the details.
    let preview = move || {
        (abstract_preview.get() && !summary.is_empty()).then(|| {
            let more = actions.map(|a| {
                let open_id = preview_id.clone();
                view! {
                    <button
                        type="button"
                        class="link-button paper__more"
                        aria-label="The whole abstract: open the paper's details"
                        on:click=move |_| a.open.run(open_id.clone())
                    >
                        "more"
                    </button>
                }
            });
            view! {
                <div class="paper__preview">
                    <p class="paper__abstract" data-clamp="2"><MathText text=summary.clone() /></p>
                    {more}
                </div>
            }
        })
    };
    view! {
        <article
            class="paper"
            class:paper--highlighted=highlighted
            class:paper--read=is_read.clone()
            data-read=move || is_read().to_string()
            node_ref=article
            tabindex="-1"
            data-paper-id=id
            aria-labelledby=labelled_by
            aria-posinset=move || position.get() + 1
            aria-setsize=set_size
            on:focusin=on_focus
        >
            <div class="paper__head">
                <h2 class="paper__title" id=heading_id>{title_view}</h2>
                {read_toggle}
                {actions.map(|a| view! { <FavToggle paper=paper.clone() favourites=a.favourites /> })}
            </div>
            <AuthorList
                authors=paper.authors.iter().take(ROW_AUTHORS).cloned().collect()
                total=Some(paper.authors.len())
                on_author=actions.map(|a| a.filter_author)
                shown=ROW_AUTHORS
                foldable=false
            />
            <p class="paper__meta">
                {move || is_new().then(|| view! { <span class="paper__new" data-testid="paper-new">"New"</span> })}
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
                {paper.comment.clone().map(|c| view! { <span class="paper__comment">{c}</span> })}
                <span class="paper__quick-links">{quick_links}</span>
            </p>
            {notes}
            {why}
            {preview}
        </article>
    }
}
