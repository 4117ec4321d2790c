use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::sources::{validate_proxy, SourceKind};
use crate::core::text::group_thousands;
use crate::ui::controls::NumberField;
use crate::ui::explorer::use_explorer;
use crate::ui::sources::state::TIMEOUT_RANGE;
use crate::ui::sources::{use_sources, QueryBuilder, QueryProgressView, SourcesState};
use crate::web::files::{on_files_dropped, take_chosen_files, PickedFile};
use crate::web::url::HistoryMode;

const FILE_INPUT: &str = "source-file";

/// Writes the loaded sources into the link; provided for parts that start loads.
#[derive(Clone, Copy)]
pub struct SyncLink(pub Callback<()>);

/// Loads picked or dropped files one after the other.
fn load_files(sources: SourcesState, files: Vec<PickedFile>) {
    spawn_local(async move {
        for file in files {
            let name = file.name();
            match file.bytes().await {
                Ok(bytes) => {
                    let _ = sources.add_owned(SourceKind::File { name }, bytes);
                }
                Err(error) => sources.error.set(Some(error)),
            }
        }
    });
}

/// What is loaded, with removal, and the ways to load more: files (picker or drop), an
/// address (with an optional CORS proxy), or pasted XML.
#[component]
pub fn SourcesPanel() -> impl IntoView {
    let sources = use_sources();
    let explorer = use_explorer();
    // Links carry the URL sources as `feed=` parameters and the arXiv query as `aq=`….
    let sync_link = move || {
        explorer.navigate(HistoryMode::Push, |view| {
            sources.write_link_pairs(&mut view.passthrough)
        });
    };
    provide_context(SyncLink(Callback::new(move |()| sync_link())));
    let (dragging, set_dragging) = signal(false);
    on_files_dropped(
        move |files| load_files(sources, files),
        move |on| set_dragging.set(on),
    );

    let (address, set_address) = signal(String::new());
    let (pasted, set_pasted) = signal(String::new());
    let (proxy_draft, set_proxy_draft) = signal(sources.proxy.get_untracked());
    let (proxy_note, set_proxy_note) = signal(None::<String>);

    let list = move || {
        sources
            .sources
            .get()
            .into_iter()
            .map(|source| {
                let id = source.id;
                let in_link = matches!(source.kind, SourceKind::Url { .. } | SourceKind::Query { .. });
                let heading = source.meta.heading();
                let count = source.papers.len();
                let warnings = source.warnings.clone();
                view! {
                    <li class="source" data-testid="source">
                        <div class="source__text">
                            <span class="source__kind">{source.kind.label()}</span>
                            <span class="source__title">{heading}</span>
                            <span class="source__count">
                                {format!("{} paper{}", group_thousands(count as u64), if count == 1 { "" } else { "s" })}
                            </span>
                        </div>
                        {(!warnings.is_empty()).then(|| view! {
                            <details class="source__warnings">
                                <summary>{format!("{} note{}", warnings.len(), if warnings.len() == 1 { "" } else { "s" })}</summary>
                                <ul>{warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                            </details>
                        })}
                        <button
                            type="button"
                            class="button"
                            data-testid="source-remove"
                            on:click=move |_| {
                                sources.remove(id);
                                if in_link {
                                    sync_link();
                                }
                            }
                        >
                            "Remove"
                        </button>
                    </li>
                }
            })
            .collect_view()
    };

    let load_address = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let target = address.get_untracked();
        spawn_local(async move {
            if sources.load_url(target).await.is_ok() {
                set_address.set(String::new());
                sync_link();
            }
        });
    };
    let load_pasted = move |_| {
        let text = pasted.get_untracked();
        if sources.add(SourceKind::Pasted, text.as_bytes()).is_ok() {
            set_pasted.set(String::new());
        }
    };
    let save_proxy = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let template = proxy_draft.get_untracked();
        let (result, saved) = if template.trim().is_empty() {
            (
                sources.set_proxy(String::new()),
                "No proxy: addresses are fetched directly.",
            )
        } else {
            match validate_proxy(&template) {
                Ok(()) => (
                    sources.set_proxy(template),
                    "Saved. Feed addresses are now fetched through it; it can see what you load.",
                ),
                Err(error) => {
                    set_proxy_note.set(Some(error.to_string()));
                    return;
                }
            }
        };
        set_proxy_note.set(Some(match result {
            Ok(()) => saved.to_string(),
            Err(warning) => warning,
        }));
    };
    let retry = move |_| {
        if let Some(address) = sources.retry_address.get_untracked() {
            spawn_local(async move {
                if sources.load_url(address).await.is_ok() {
                    sync_link();
                }
            });
        }
    };
    let restore = move |_| {
        let list = sources.restorable.get_untracked();
        sources.restorable.set(Vec::new());
        explorer.navigate(HistoryMode::Push, |view| {
            view.passthrough
                .extend(list.iter().flat_map(|s| s.link_pairs()))
        });
        sources.load_from_link(explorer.view.with_untracked(|v| v.passthrough.clone()));
    };
    let restore_offer = move || {
        let list = sources.restorable.get();
        (!list.is_empty()).then(|| {
            let names = list.iter().map(|s| s.label()).collect::<Vec<_>>().join(", ");
            view! {
                <div class="notice" role="region" aria-label="Feeds from last time" data-testid="restore-offer">
                    <p>{format!("Last time you had: {names}.")}</p>
                    <button type="button" class="button" data-testid="restore-load" on:click=restore>"Load them again"</button>
                    <button type="button" class="button button--quiet" on:click=move |_| sources.restorable.set(Vec::new())>"Not now"</button>
                </div>
            }
        })
    };
    let snapshots = move || {
        let entries = sources.snapshots.get();
        (!entries.is_empty()).then(|| {
            let items = entries
                .into_iter()
                .map(|entry| {
                    let label = if entry.title.is_empty() {
                        entry.name.clone()
                    } else {
                        entry.title.clone()
                    };
                    let details = format!(
                        "{} papers{}",
                        group_thousands(entry.count as u64),
                        if entry.updated.is_empty() {
                            String::new()
                        } else {
                            format!(", updated {}", entry.updated)
                        }
                    );
                    let description = entry.description.clone();
                    view! {
                        <li class="snapshot">
                            <div class="source__text">
                                <span class="source__kind">{label}</span>
                                <span class="source__count">{details}</span>
                                <span class="source-add__hint">{description}</span>
                            </div>
                            <button
                                type="button"
                                class="button"
                                data-testid="snapshot-load"
                                on:click=move |_| {
                                    let entry = entry.clone();
                                    spawn_local(async move {
                                        if sources.load_snapshot(entry).await.is_ok() {
                                            sync_link();
                                        }
                                    });
                                }
                            >
                                "Load"
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="snapshots" aria-label="Feeds saved on this site">
                    <h2 class="facet-group__title">"Feeds saved on this site"</h2>
                    <ul class="source-list" data-testid="snapshots">{items}</ul>
                </section>
            }
        })
    };
    let summary = move || {
        sources.sources.with(|list| {
            let papers: usize = list.iter().map(|s| s.papers.len()).sum();
            format!(
                "Sources ({}) · {} papers · add more",
                list.len(),
                group_thousands(papers as u64)
            )
        })
    };

    view! {
        <section class="sources" aria-label="Sources" class:sources--dragging=dragging>
            {restore_offer}
            {move || sources.storage_notice.get().map(|message| view! {
                <div class="notice" role="alert" data-testid="storage-notice">
                    <p>{message}</p>
                    <button type="button" class="button button--quiet" on:click=move |_| sources.storage_notice.set(None)>"Dismiss"</button>
                </div>
            })}
            <QueryProgressView />
            <details class="sources__details" open=move || sources.sources.with(Vec::is_empty)>
                <summary data-testid="sources-summary">{summary}</summary>
                <ul class="source-list">{list}</ul>
                {snapshots}
                <div class="source-add">
                    <div class="source-add__row">
                        <label class="button" for=FILE_INPUT>"Open feed files…"</label>
                        <input
                            id=FILE_INPUT
                            class="visually-hidden"
                            type="file"
                            multiple
                            accept=".xml,.atom,.rss,.txt,application/atom+xml,application/rss+xml,application/xml,text/xml"
                            on:change=move |_| load_files(sources, take_chosen_files(FILE_INPUT))
                        />
                        <span class="source-add__hint">"or drop them anywhere on the page"</span>
                    </div>
                    <form class="source-add__row" on:submit=load_address>
                        <label class="visually-hidden" for="source-url">"Feed address"</label>
                        <input
                            id="source-url"
                            type="url"
                            class="source-add__url"
                            placeholder="https://rss.arxiv.org/rss/cs.OS or feeds/saved.xml"
                            prop:value=address
                            on:input=move |ev| set_address.set(event_target_value(&ev))
                        />
                        <button type="submit" class="button">"Load address"</button>
                    </form>
                    <QueryBuilder />
                    <details class="source-add__more">
                        <summary>"Paste a feed"</summary>
                        <label class="visually-hidden" for="source-paste">"Feed XML"</label>
                        <textarea
                            id="source-paste"
                            rows="5"
                            placeholder="Paste the XML of an arXiv API response or an Atom/RSS feed"
                            prop:value=pasted
                            on:input=move |ev| set_pasted.set(event_target_value(&ev))
                        ></textarea>
                        <button type="button" class="button" on:click=load_pasted>"Load pasted feed"</button>
                    </details>
                    <details class="source-add__more">
                        <summary>"CORS proxy and network"</summary>
                        <p class="source-add__hint">
                            "arXiv's API does not let pages on other sites read it. A CORS proxy you trust can fetch it for this page: give its address with {url} where the feed's address goes."
                        </p>
                        <form class="source-add__row" on:submit=save_proxy>
                            <label class="visually-hidden" for="source-proxy">"Proxy address"</label>
                            <input
                                id="source-proxy"
                                type="url"
                                class="source-add__url"
                                placeholder="https://proxy.example/?url={url}"
                                prop:value=proxy_draft
                                on:input=move |ev| set_proxy_draft.set(event_target_value(&ev))
                            />
                            <button type="submit" class="button">"Save proxy"</button>
                        </form>
                        <p class="source-add__hint" role="status" data-testid="proxy-note">{proxy_note}</p>
                        <NumberField
                            id="source-timeout"
                            label="Give up on a feed after (seconds)"
                            min=TIMEOUT_RANGE.0
                            max=TIMEOUT_RANGE.1
                            value=sources.timeout_s
                            on_change=Callback::new(move |seconds| {
                                if let Err(warning) = sources.set_timeout(seconds) {
                                    set_proxy_note.set(Some(warning));
                                }
                            })
                        />
                    </details>
                </div>
                <p class="share-status" role="status" data-testid="sources-busy">{move || sources.busy.get()}</p>
                <p class="share-status" role="status" data-testid="sources-status">{move || sources.status.get()}</p>
                {move || sources.error.get().map(|message| view! {
                    <div class="alert alert--error" role="alert" data-testid="sources-error">
                        <p>{message}</p>
                        {sources.retry_address.get().map(|_| view! {
                            <button type="button" class="button" data-testid="sources-retry" on:click=retry>"Try again"</button>
                        })}
                    </div>
                })}
            </details>
        </section>
    }
}
