use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::api::{id_list_url, API_ENDPOINT};
use crate::core::collection::Collection;
use crate::core::favourites::{
    library_to_bibtex, library_to_csv, merge_import, read_import, ImportError, Library, Millis,
};
use crate::core::text::{self, count_of, percent_encode_component};
use crate::ui::favourites::use_favourites;
use crate::ui::parts::PartFailure;
use crate::web::clipboard::copy_text;
use crate::web::files::{download, take_chosen_files};
use crate::web::parts::on_demand;
use crate::web::storage::now_millis;
use crate::web::url::page_address;

const IMPORT_INPUT: &str = "favourites-import";

on_demand! {
    import:
    /// Reading an imported file (an export of this page, or BibTeX), a part of its own.
    fn read_import_part(text: String, now: Millis) -> Result<Library, ImportError> {
        read_import(&text, now)
    }
}

/// Export and import of the library, and updates when the loaded `feed` has newer versions.
#[component]
pub fn FavouritesBar(feed: Memo<Arc<Collection>>) -> impl IntoView {
    let favourites = use_favourites();
    let (status, set_status) = signal(None::<String>);
    let export = move |name: &'static str, mime: &'static str, render: fn(&Library) -> String| {
        let text = favourites.library.with_untracked(render);
        if let Err(error) = download(name, mime, &text) {
            set_status.set(Some(format!("Export failed: {error}.")));
        }
    };
    // A file whose import waits for the importer (it could not be fetched): its name and text.
    let waiting_import = RwSignal::new(None::<(String, String)>);
    let run_import = move |name: String, text: String| {
        spawn_local(async move {
            let message = match read_import_part(text.clone(), now_millis()).await {
                Err(_) => {
                    waiting_import.set(Some((name, text)));
                    return;
                }
                Ok(Err(error)) => format!("{name}: {error}"),
                Ok(Ok(incoming)) => {
                    let mut report = None;
                    favourites.change(|library, _| report = Some(merge_import(library, incoming)));
                    report
                        .map(|report| format!("{name}: {report}"))
                        .unwrap_or_default()
                }
            };
            waiting_import.set(None);
            set_status.set(Some(message));
        });
    };
    let import = move |_| {
        let Some(file) = take_chosen_files(IMPORT_INPUT).into_iter().next() else {
            return;
        };
        spawn_local(async move {
            let name = file.name();
            match file.bytes().await {
                Ok(bytes) => run_import(name, String::from_utf8_lossy(&bytes).into_owned()),
                Err(error) => set_status.set(Some(error)),
            }
        });
    };
    let import_failed = move || {
        waiting_import.with(Option::is_some).then(|| {
            view! {
                <PartFailure
                    what="The importer"
                    meanwhile="The chosen file is kept for it."
                    on_retry=Callback::new(move |()| {
                        if let Some((name, text)) = waiting_import.get_untracked() {
                            run_import(name, text);
                        }
                    })
                />
            }
        })
    };
    // Favourites whose paper the loaded feed has in a newer version.
    let newer = Memo::new(move |_| {
        favourites.library.with(|library| {
            feed.with(|feed| {
                library
                    .favourites
                    .keys()
                    .filter_map(|id| feed.paper(id))
                    .filter(|paper| library.has_newer_version(paper))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    });
    let update_all = move |_| {
        let papers = newer.get_untracked();
        let now = now_millis();
        favourites.change(|library, _| {
            for paper in &papers {
                library.refresh(paper, now);
            }
        });
        set_status.set(Some(format!(
            "Updated {}.",
            count_of(papers.len(), "saved copy", "saved copies")
        )));
    };
    // A link that loads the starred papers from arXiv by id (through the proxy where one is
    // needed); notes and tags travel only in an export.
    let (share_link, set_share_link) = signal(None::<String>);
    let share = move |_| {
        let ids: Vec<String> = favourites
            .library
            .with_untracked(|l| l.favourites.keys().cloned().collect());
        if ids.is_empty() {
            set_status.set(Some("Star some papers first.".into()));
            return;
        }
        let feed = id_list_url(API_ENDPOINT, &ids);
        let link = format!(
            "{}?feed={}",
            page_address(),
            percent_encode_component(&feed)
        );
        set_share_link.set(Some(link.clone()));
        spawn_local(async move {
            let message = match copy_text(&link).await {
                Ok(()) => "Link copied. It loads these papers from arXiv (where the browser can reach it, e.g. with a CORS proxy); notes and tags travel only in an export.".to_string(),
                Err(error) => error.to_string(),
            };
            set_status.set(Some(message));
        });
    };
    view! {
        <section class="favourites-bar" aria-label="Favourites library">
            <div class="favourites-bar__actions">
                <span class="favourites-bar__label">"Export"</span>
                <button type="button" class="button" on:click=move |_| export("favourites.bib", "application/x-bibtex", library_to_bibtex)>
                    "BibTeX"
                </button>
                <button type="button" class="button" on:click=move |_| export("favourites.json", "application/json", Library::to_json_pretty)>
                    "JSON"
                </button>
                <button type="button" class="button" on:click=move |_| export("favourites.csv", "text/csv", library_to_csv)>
                    "CSV"
                </button>
                <label class="button favourites-bar__import" for=IMPORT_INPUT>
                    "Import JSON or BibTeX…"
                </label>
                <button type="button" class="button" data-testid="favourites-share" on:click=share>
                    "Link to these papers"
                </button>
                <input
                    id=IMPORT_INPUT
                    class="visually-hidden"
                    type="file"
                    accept=".json,.bib,.bibtex,application/json,text/plain"
                    on:change=import
                />
            </div>
            {move || {
                let count = newer.with(Vec::len);
                (count > 0).then(|| view! {
                    <p class="notice" role="status" data-testid="newer-versions">
                        {format!(
                            "The loaded feed has newer versions of {}.",
                            text::count(count, "favourite")
                        )}
                        " "
                        <button type="button" class="link-button" on:click=update_all>"Update the saved copies"</button>
                    </p>
                })
            }}
            {move || share_link.get().map(|link| view! {
                <label class="field favourites-bar__link" for="favourites-link">
                    <span class="field__label">"Link to your favourites"</span>
                    <input id="favourites-link" readonly prop:value=link data-testid="favourites-link" />
                </label>
            })}
            {import_failed}
            <p class="share-status" role="status">{status}</p>
        </section>
    }
}
