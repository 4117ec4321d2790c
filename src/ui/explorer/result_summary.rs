use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::filter::{Flag, SortKey};
use crate::core::recommend::RankRequest;
use crate::core::text::group_thousands;
use crate::core::view_state::View;
use crate::ui::digest::DigestBar;
use crate::ui::explorer::{use_explorer, ReadingControls, SortSelect};
use crate::web::clipboard::copy_text;
use crate::web::url::current_href;

/// "N of M papers", the order, how rows read, and a Share button that copies the link to this exact view.
#[component]
pub fn ResultSummary() -> impl IntoView {
    let explorer = use_explorer();
    let total = explorer.total_papers();
    let shown = move || explorer.result.with(|r| r.matches.len());
    let (share_status, set_share_status) = signal(None::<String>);
    let share = move |_| {
        let link = current_href();
        let in_favourites = explorer
            .view()
            .with_untracked(|v| v.view == View::Favourites);
        let untravelled = explorer.link_is_partial.get_untracked();
        spawn_local(async move {
            let message = match copy_text(&link).await {
                Ok(()) if in_favourites => "Link copied. Favourites live in this browser, so whoever opens it sees their own: export them (BibTeX, JSON) to share the papers themselves.".to_string(),
                Ok(()) if untravelled => "Link copied. It cannot carry files or pasted text: whoever opens it sees only the feeds loaded from addresses (or the embedded sample). Send the files along, or load them from an address.".to_string(),
                Ok(()) => "Link copied: it reopens exactly this view.".to_string(),
                Err(error) => error.to_string(),
            };
            set_share_status.set(Some(message));
        });
    };
    let request: Signal<Option<RankRequest>> = explorer.rank_request.into();
    let digest_on = Signal::derive(move || {
        explorer
            .filter
            .with(|f| f.flags.contains(&Flag::New) && f.flags.contains(&Flag::Unread))
    });
    let toggle_digest = Callback::new(move |on: bool| {
        let has_favourites = explorer
            .favourites
            .library
            .with_untracked(|l| !l.favourites.is_empty());
        explorer.update_filter(|f| {
            for flag in [Flag::New, Flag::Unread] {
                if f.flags.contains(&flag) != on {
                    f.toggle_flag(flag);
                }
            }
            if on && has_favourites {
                f.sort = SortKey::Recommended;
            } else if !on && f.sort == SortKey::Recommended {
                f.sort = SortKey::default();
            }
        })
    });
    let title_of = Callback::new(move |id: String| {
        explorer
            .find_paper(&id)
            .map(|p| p.display_title().to_string())
    });
    view! {
        <div class="result-summary">
            <p class="result-count" data-testid="result-count" aria-live="polite">
                <strong>{move || group_thousands(shown() as u64)}</strong>
                {move || format!(" of {} papers", group_thousands(total.get() as u64))}
            </p>
            <Show when=move || explorer.view().with(|v| v.view != View::Favourites)>
                <DigestBar
                    new_count=explorer.new_count()
                    reading=explorer.reading
                    recommend=explorer.recommend
                    request=request
                    digest_on=digest_on
                    toggle_digest=toggle_digest
                    title_of=title_of
                />
            </Show>
            <SortSelect />
            <ReadingControls />
            <button type="button" class="button" data-testid="share-view" on:click=share>"Share view"</button>
            <p class="share-status" role="status">{share_status}</p>
        </div>
    }
}
