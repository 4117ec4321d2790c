use leptos::prelude::*;

use leptos::task::spawn_local;

use crate::core::sources::{validate_proxy, RememberedSource, SourceKind};
use crate::core::text::count;
use crate::ui::controls::NumberField;
use crate::ui::sources::{
    use_sources, QueryBuilder, QueryProgressView, SourcesState, TIMEOUT_RANGE,
};
use crate::web::files::{on_files_dropped, take_chosen_files, PickedFile};

const FILE_INPUT: &str = "source-file";

/// Loads picked or dropped files one after the other.
fn load_files(sources: SourcesState, files: Vec<PickedFile>) {
    spawn_local(async move {
        for file in files {
            let name = file.name();
            match file.bytes().await {
                Ok(bytes) => {
                    let _ = sources.loader.add_owned(SourceKind::File { name }, bytes);
                }
                Err(error) => sources.loader.report_error(error),
            }
        }
    });
}

/// What is loaded, with removal, and the ways to load more: files (picker or drop), an
/// address (with an optional CORS proxy), or pasted XML.
#[component]
pub fn SourcesPanel() -> impl IntoView {
    let sources = use_sources();
    let loader = sources.loader;
    let loaded = sources.list.sources();
    let (dragging, set_dragging) = signal(false);
    on_files_dropped(
        move |files| load_files(sources, files),
        move |on| set_dragging.set(on),
    );

    let (address, set_address) = signal(String::new());
    let (pasted, set_pasted) = signal(String::new());
    let (proxy_draft, set_proxy_draft) = signal(sources.settings.proxy().get_untracked());
    let (proxy_note, set_proxy_note) = signal(None::<String>);

    let list = move || {
        loaded
            .get()
            .into_iter()
            .map(|source| {
                let id = source.id;
                let heading = source.meta.heading();
                let papers = source.papers.len();
                let warnings: Vec<String> = source.warnings.iter().map(ToString::to_string).collect();
                view! {
                    <li class="source" data-testid="source">
                        <div class="source__text">
                            <span class="source__kind">{source.kind.label()}</span>
                            <span class="source__title">{heading}</span>
                            <span class="source__count">
                                {count(papers, "paper")}
                            </span>
                        </div>
                        {(!warnings.is_empty()).then(|| view! {
                            <details class="source__warnings">
                                <summary>{count(warnings.len(), "note")}</summary>
                                <ul>{warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                            </details>
                        })}
                        <button
                            type="button"
                            class="button"
                            data-testid="source-remove"
                            on:click=move |_| sources.remove(id)
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
            if sources.load_address(target).await {
                set_address.set(String::new());
            }
        });
    };
    let load_pasted = move |_| {
        let text = pasted.get_untracked();
        if loader.add(SourceKind::Pasted, text.as_bytes()).is_ok() {
            set_pasted.set(String::new());
        }
    };
    let save_proxy = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let template = proxy_draft.get_untracked();
        let (result, saved) = if template.trim().is_empty() {
            (
                sources.settings.set_proxy(String::new()),
                "No proxy: addresses are fetched directly.",
            )
        } else {
            match validate_proxy(&template) {
                Ok(()) => (
                    sources.settings.set_proxy(template),
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
    let retry = move |_| spawn_local(sources.retry());
    let restorable = sources.list.restorable();
    let restore_offer = move || {
        let list = restorable.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="notice" role="region" aria-label="Feeds from last time" data-testid="restore-offer">
                    <p>{RememberedSource::offer_message(&list)}</p>
                    <button type="button" class="button" data-testid="restore-load" on:click=move |_| sources.restore_last()>"Load them again"</button>
                    <button type="button" class="button button--quiet" on:click=move |_| { sources.list.take_restorable(); }>"Not now"</button>
                </div>
            }
        })
    };
    let snapshots = move || {
        let entries = loader.snapshots().get();
        (!entries.is_empty()).then(|| {
            let items = entries
                .into_iter()
                .map(|entry| {
                    let label = entry.label().to_string();
                    let details = entry.details();
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
                                on:click=move |_| spawn_local(sources.load_snapshot(entry.clone()))
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
    let storage_notice = sources.list.storage_notice();
    let busy = loader.busy();
    let status = loader.status();
    let error = loader.error();
    let can_retry = loader.can_retry();
    let open = sources.panel_open();
    let from_builder = sources.query.from_builder();

    view! {
        <section class="sources" aria-label="Sources" class:sources--dragging=dragging class:sources--open=move || open.get()>
            {restore_offer}
            {move || storage_notice.get().map(|message| view! {
                <div class="notice" role="alert" data-testid="storage-notice">
                    <p>{message}</p>
                    <button type="button" class="button button--quiet" on:click=move |_| sources.list.dismiss_storage_notice()>"Dismiss"</button>
                </div>
            })}
            <Show when=move || !(open.get() && from_builder.get())>
                <QueryProgressView />
            </Show>
            <div id="sources-panel" class="sources__panel" hidden=move || !open.get()>
                <h2 class="visually-hidden">"Sources"</h2>
                <ul class="source-list" data-testid="source-list">{list}</ul>
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
                                // Not `url`: `{url}` in a template is invalid there for some
                                // engines, which would refuse to submit; the page checks it.
                                type="text"
                                inputmode="url"
                                spellcheck="false"
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
                            value=sources.settings.timeout_s()
                            on_change=Callback::new(move |seconds| {
                                if let Err(warning) = sources.settings.set_timeout(seconds) {
                                    set_proxy_note.set(Some(warning));
                                }
                            })
                        />
                    </details>
                </div>
                <div class="sources__close">
                    <button type="button" class="button button--quiet" on:click=move |_| sources.set_panel_open(false)>
                        "Close"
                    </button>
                </div>
            </div>
            <p class="share-status" role="status" data-testid="sources-busy">{move || busy.get()}</p>
            <p class="share-status" role="status" data-testid="sources-status">{move || status.get()}</p>
            {move || error.get().map(|message| view! {
                <div class="alert alert--error" role="alert" data-testid="sources-error">
                    <p>{message}</p>
                    {can_retry.get().then(|| view! {
                        <button type="button" class="button" data-testid="sources-retry" on:click=retry>"Try again"</button>
                    })}
                </div>
            })}
        </section>
    }
}
