use leptos::prelude::*;

use crate::core::favourites::{Library, BACKUP_KEY};
use crate::ui::favourites::{use_favourites, StorageProblem};
use crate::web::files::download;

/// Says when favourites are not being saved, and offers the way to keep them.
#[component]
pub fn FavouritesAlert() -> impl IntoView {
    let favourites = use_favourites();
    let export = move |_| {
        let json = favourites.library.with_untracked(Library::to_json_pretty);
        let _ = download("favourites.json", "application/json", &json);
    };
    move || {
        let problem = favourites.problem.get()?;
        let (message, action) = match problem {
            StorageProblem::Unavailable => (
                "This browser does not let the page save data (private mode or a privacy setting), so favourites last only while this tab is open. Export them to keep a copy.".to_string(),
                Some(("Export favourites", None)),
            ),
            StorageProblem::Full => (
                "The browser's storage for this page is full, so your latest favourites are only in this tab. Export them to keep a copy, or free space by clearing other data of this site.".to_string(),
                Some(("Export favourites", None)),
            ),
            StorageProblem::Failed { detail } => (
                format!("Favourites could not be saved ({detail}); they are kept in this tab. Export them to keep a copy."),
                Some(("Export favourites", None)),
            ),
            StorageProblem::Unreadable { detail, original, backed_up } => (
                if backed_up {
                    format!("{detail} The original text is kept in this browser under “{BACKUP_KEY}”; download it to recover what it holds. New favourites are saved as usual.")
                } else {
                    format!("{detail} It could not be backed up, so nothing will be saved until you download it.")
                },
                Some(("Download the unreadable data", Some(original))),
            ),
            StorageProblem::Newer { message } => (message, None),
        };
        Some(view! {
            <div class="alert alert--error" role="alert" data-testid="favourites-alert">
                <p>{message}</p>
                {action.map(|(label, original)| match original {
                    Some(text) => view! {
                        <button
                            type="button"
                            class="button"
                            on:click=move |_| {
                                let _ = download("favourites-unreadable.txt", "text/plain", &text);
                            }
                        >
                            {label}
                        </button>
                    }
                    .into_any(),
                    None => view! { <button type="button" class="button" on:click=export>{label}</button> }
                        .into_any(),
                })}
            </div>
        })
    }
}
