use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::sources::{validate_proxy, SourceKind};
use crate::core::text::group_thousands;
use crate::ui::explorer::use_explorer;
use crate::ui::sources::{use_sources, SourcesState};
use crate::web::files::{on_files_dropped, take_chosen_files, PickedFile};
use crate::web::url::HistoryMode;

const FILE_INPUT: &str = "source-file";

/// Loads picked or dropped files one after the other.
fn load_files(sources: SourcesState, files: Vec<PickedFile>) {
    spawn_local(async move {
        for file in files {
            let name = file.name();
            match file.bytes().await {
                Ok(bytes) => {
                    let _ = sources.add(SourceKind::File { name }, &bytes);
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
    // Links carry the URL sources as `feed=` parameters.
    let sync_link = move || {
        let urls = sources.urls();
        explorer.navigate(HistoryMode::Push, |view| {
            view.passthrough.retain(|(key, _)| key != "feed");
            view.passthrough
                .extend(urls.into_iter().map(|url| ("feed".to_string(), url)));
        });
    };
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
                let is_url = matches!(source.kind, SourceKind::Url { .. });
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
                                if is_url {
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
        if template.trim().is_empty() {
            sources.set_proxy(String::new());
            set_proxy_note.set(Some("No proxy: addresses are fetched directly.".into()));
            return;
        }
        match validate_proxy(&template) {
            Ok(()) => {
                sources.set_proxy(template);
                set_proxy_note.set(Some(
                    "Saved. Feed addresses are now fetched through it; it can see what you load."
                        .into(),
                ));
            }
            Err(error) => set_proxy_note.set(Some(error.to_string())),
        }
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
                        <summary>"CORS proxy"</summary>
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
                        <p class="source-add__hint" role="status">{proxy_note}</p>
                    </details>
                </div>
                <p class="share-status" role="status" data-testid="sources-busy">{move || sources.busy.get()}</p>
                <p class="share-status" role="status" data-testid="sources-status">{move || sources.status.get()}</p>
                {move || sources.error.get().map(|message| view! {
                    <div class="alert alert--error" role="alert" data-testid="sources-error">
                        <p>{message}</p>
                    </div>
                })}
            </details>
        </section>
    }
}
