use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::export::{bibtex_entry, bibtex_key};
use crate::core::feed::Paper;
use crate::core::taxonomy::category_name;
use crate::ui::digest::SimilarPapers;
use crate::ui::explorer::use_explorer;
use crate::ui::favourites::FavToggle;
use crate::ui::feed::{AuthorList, MathText};
use crate::web::clipboard::copy_text;
use crate::web::url::{current_href, HistoryMode};
use crate::web::viewport::focus_without_scrolling;

/// The selected paper (`paper=` in the URL) in full: abstract with math, authors with
/// affiliations, every category, links, and copy actions.
#[component]
pub fn DetailPanel() -> impl IntoView {
    let explorer = use_explorer();
    let selected = Memo::new(move |_| {
        let id = explorer.view().with(|v| v.paper.clone())?;
        explorer.find_paper(&id)
    });
    let missing = Memo::new(move |_| {
        explorer
            .view()
            .with(|v| v.paper.clone())
            .filter(|_| selected.with(Option::is_none))
    });
    move || {
        if let Some(paper) = selected.get() {
            view! { <PaperDetail paper=paper /> }.into_any()
        } else if let Some(id) = missing.get() {
            view! {
                <aside class="detail-panel" aria-label="Paper details">
                    <div class="detail-panel__bar">
                        <button type="button" class="button" on:click=move |_| explorer.close_paper()>
                            "Close"
                        </button>
                    </div>
                    <p role="status" class="notice">
                        {format!("The link selects paper {id}, which is not in the loaded feed.")}
                    </p>
                </aside>
            }
            .into_any()
        } else {
            ().into_any()
        }
    }
}

#[component]
fn PaperDetail(paper: Arc<Paper>) -> impl IntoView {
    let explorer = use_explorer();
    let (status, set_status) = signal(None::<String>);
    let copy = move |text: String, done: &'static str| {
        spawn_local(async move {
            let message = match copy_text(&text).await {
                Ok(()) => done.to_string(),
                Err(error) => error.to_string(),
            };
            set_status.set(Some(message));
        });
    };
    let bibtex = bibtex_entry(&paper, &bibtex_key(&paper));
    let dates = paper.dates_line();
    let links = [
        (paper.links.abs.clone(), "Abstract page"),
        (paper.links.pdf.clone(), "PDF"),
        (paper.links.html.clone(), "HTML version"),
        (paper.links.doi.clone(), "Publisher (DOI)"),
    ]
    .into_iter()
    .filter_map(|(href, label)| {
        href.map(|href| {
            view! {
                <li>
                    <a class="paper-link" href=href rel="noopener noreferrer" target="_blank">{label}</a>
                </li>
            }
        })
    })
    .collect_view();
    // Which loaded sources hold this paper.
    let sources = explorer
        .feed
        .with_untracked(|feed| feed.provenance(&paper.id));
    let affiliations: Vec<(String, String)> = paper
        .authors
        .iter()
        .filter(|a| !a.affiliations.is_empty())
        .map(|a| (a.name.clone(), a.affiliations.join("; ")))
        .collect();
    let on_author = Callback::new(move |name: String| {
        explorer.update_filter(|f| f.add_author(&name));
    });
    // Opening a paper moves the focus into its details; Esc or Close brings it back.
    let heading = NodeRef::<leptos::html::H2>::new();
    heading.on_load(move |element| focus_without_scrolling(&element));
    let read_id = paper.id.clone();
    let is_read = Signal::derive(move || explorer.reading.is_read(&read_id));
    let toggle_id = paper.id.clone();
    let similar = view! {
        <SimilarPapers
            id=paper.id.clone()
            recommend=explorer.recommend
            open=Callback::new(move |id: String| explorer.open_paper(id))
            link_to=Callback::new(move |id: String| explorer.link_to_paper(&id))
            show_all=Callback::new(move |id: String| {
                explorer.navigate(HistoryMode::Push, |view| {
                    view.filter.similar = Some(id);
                    view.paper = None;
                })
            })
        />
    };
    view! {
        <div class="detail-backdrop" aria-hidden="true" on:click=move |_| explorer.close_paper()></div>
        <aside class="detail-panel" aria-labelledby="detail-title" data-testid="detail-panel">
            <div class="detail-panel__bar">
                <span class="paper__id">{paper.versioned_id()}</span>
                <FavToggle paper=paper.clone() favourites=explorer.favourites />
                <button
                    type="button"
                    class="button"
                    data-testid="detail-read-toggle"
                    aria-pressed=move || is_read.get().to_string()
                    on:click=move |_| explorer.reading.toggle_read(&toggle_id)
                >
                    {move || if is_read.get() { "Mark as unread" } else { "Mark as read" }}
                </button>
                <button
                    type="button"
                    class="button detail-panel__close"
                    aria-label="Close details"
                    on:click=move |_| explorer.close_paper()
                >
                    "×"
                </button>
            </div>
            <h2 id="detail-title" class="detail-panel__title" tabindex="-1" node_ref=heading>
                <MathText text=paper.display_title().to_string() />
            </h2>
            <AuthorList authors=paper.authors.clone() on_author=Some(on_author) />
            {(!affiliations.is_empty()).then(|| view! {
                <ul class="detail-panel__affiliations">
                    // Names and affiliations are isolated, so direction controls in one cannot
                    // reorder the text around it.
                    {affiliations.into_iter().map(|(name, places)| view! {
                        <li><bdi>{name}</bdi>": "<bdi>{places}</bdi></li>
                    }).collect_view()}
                </ul>
            })}
            <p class="detail-panel__dates">{dates}</p>
            {sources.map(|from| view! { <p class="detail-panel__dates" data-testid="detail-sources">{from}</p> })}
            <p class="detail-panel__categories">
                {paper
                    .categories
                    .iter()
                    .map(|c| {
                        let primary = paper.primary_category.as_ref() == Some(c);
                        let name = category_name(c).map(|n| format!(" {n}"));
                        view! {
                            <span class="category" class:category--primary=primary>
                                {c.clone()}
                                {name.map(|n| view! { <span class="category__name">{n}</span> })}
                            </span>
                        }
                    })
                    .collect_view()}
            </p>
            {paper.comment.clone().map(|c| view! { <p class="detail-panel__comment">{c}</p> })}
            {paper.journal_ref.clone().map(|j| view! { <p class="paper__journal">{j}</p> })}
            {paper.doi.clone().map(|doi| view! { <p class="detail-panel__doi">"DOI " {doi}</p> })}
            <section class="detail-panel__abstract" aria-label="Abstract">
                <p><MathText text=paper.summary.clone() /></p>
            </section>
            <ul class="paper__links" aria-label="Links">{links}</ul>
            <div class="detail-panel__actions">
                <button
                    type="button"
                    class="button"
                    on:click=move |_| copy(bibtex.clone(), "BibTeX copied.")
                >
                    "Copy BibTeX"
                </button>
                <button
                    type="button"
                    class="button"
                    on:click=move |_| copy(current_href(), "Link copied: it reopens this paper in this view.")
                >
                    "Copy link"
                </button>
            </div>
            <p class="share-status" role="status">{status}</p>
            <FavouriteDetails paper=paper.clone() />
            {similar}
        </aside>
    }
}

/// For a starred paper: its note and tags (saved when a field is left), and an offer to update
/// the saved copy when the loaded feed has a newer version.
#[component]
fn FavouriteDetails(paper: Arc<Paper>) -> impl IntoView {
    let explorer = use_explorer();
    let favourites = explorer.favourites;
    let id = paper.id.clone();
    let saved = Memo::new(move |_| {
        favourites.library.with(|library| {
            library
                .favourites
                .get(&id)
                .map(|f| (f.note.clone(), f.tags.join(", ")))
        })
    });
    let newer = {
        let paper = paper.clone();
        Memo::new(move |_| {
            let in_feed = explorer.feed.with(|feed| feed.paper(&paper.id).cloned())?;
            favourites
                .library
                .with(|library| library.has_newer_version(&in_feed))
                .then_some(in_feed)
        })
    };
    // The fields are built once per starred paper and keep what is typed in them: following
    // the library would reset one field while the other's save is still on its way.
    let starred = Memo::new(move |_| saved.with(Option::is_some));
    move || {
        if !starred.get() {
            return None;
        }
        let (note, tags) = saved.get_untracked().unwrap_or_default();
        let id_for_note = paper.id.clone();
        let id_for_tags = paper.id.clone();
        Some(view! {
            <section class="favourite-details" aria-label="Your notes">
                {move || newer.get().map(|in_feed| view! {
                    <p class="notice" role="status">
                        {format!("The loaded feed has version {} of this paper; your saved copy is older.", in_feed.version.unwrap_or(1))}
                        " "
                        <button
                            type="button"
                            class="link-button"
                            on:click=move |_| favourites.change(|library, now| library.refresh(&in_feed, now))
                        >
                            "Update the saved copy"
                        </button>
                    </p>
                })}
                <label class="field" for="favourite-note">
                    <span class="field__label">"Note"</span>
                    <textarea
                        id="favourite-note"
                        rows="3"
                        prop:value=note
                        on:change=move |ev| {
                            let note = event_target_value(&ev);
                            favourites.change(|library, now| library.set_note(&id_for_note, &note, now));
                        }
                    ></textarea>
                </label>
                <label class="field" for="favourite-tags">
                    <span class="field__label">"Tags (comma-separated)"</span>
                    <input
                        id="favourite-tags"
                        prop:value=tags
                        on:change=move |ev| {
                            let tags = event_target_value(&ev);
                            favourites.change(|library, now| library.set_tags(&id_for_tags, &tags, now));
                        }
                    />
                </label>
            </section>
        })
    }
}
