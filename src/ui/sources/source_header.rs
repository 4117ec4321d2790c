use leptos::prelude::*;

use crate::core::sources::sources_heading;
use crate::ui::sources::use_sources;
use crate::web::frame::next_frame;
use crate::web::viewport::focus_first;

/// Says what is loaded in a person's words — the sample as a sample, a query by what it asks
/// for — and offers the next step: the sources panel, one click away.
#[component]
pub fn SourceHeader() -> impl IntoView {
    let sources = use_sources();
    let list = sources.list.sources();
    let heading = Memo::new(move |_| list.with(|list| sources_heading(list)));
    let open = sources.panel_open();
    let toggle = move |_| {
        let opening = !open.get_untracked();
        sources.set_panel_open(opening);
        if opening {
            next_frame(|| {
                focus_first(
                    "#sources-panel .source-add button, #sources-panel .source-add label.button",
                );
            });
        }
    };
    view! {
        <section class="feed-header" aria-labelledby="feed-heading" data-testid="feed-header">
            <div class="feed-header__text">
                {move || heading.with(|h| h.kicker.clone()).map(|k| view! { <p class="feed-header__source">{k}</p> })}
                <h1 id="feed-heading" class="feed-header__title">{move || heading.with(|h| h.title.clone())}</h1>
                <p class="feed-header__stats" data-testid="feed-summary">{move || heading.with(|h| h.summary.clone())}</p>
            </div>
            <button
                type="button"
                class=move || if heading.with(|h| h.sample) { "button button--primary feed-header__action" } else { "button feed-header__action" }
                data-testid="sources-summary"
                aria-expanded=move || open.get().to_string()
                aria-controls="sources-panel"
                on:click=toggle
            >
                {move || heading.with(|h| h.action.clone())}
            </button>
        </section>
    }
}
