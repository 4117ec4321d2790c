use leptos::prelude::*;

use crate::ui::digest::{IndexStatus, RecommendState, SimilarStatus};
use crate::ui::feed::MathText;

/// The papers most like one paper (an SVM with it as the only positive, trained by the
/// recommendation worker), each with the terms they share, and a link to rank the whole list
/// by it.
#[component]
pub fn SimilarPapers(
    id: String,
    recommend: RecommendState,
    open: Callback<String>,
    link_to: Callback<String, String>,
    /// Ranks the list by likeness to this paper (`similar=`).
    show_all: Callback<String>,
) -> impl IntoView {
    let paper_id = id.clone();
    // Asked again whenever a new index is ready (another feed, or after "Try again").
    Effect::new(move |_| {
        if recommend.ready_index().is_some() {
            recommend.find_similar(paper_id.clone());
        }
    });
    let status = move || {
        recommend.index.with(|status| match status {
            IndexStatus::Building { percent } => {
                Some(format!("Indexing the papers to compare them… {percent}%"))
            }
            IndexStatus::Failed { message, .. } => Some(message.clone()),
            IndexStatus::Waiting => Some("No papers loaded to compare with.".to_string()),
            IndexStatus::Ready(_) => None,
        })
    };
    let shown_id = id.clone();
    let found = move || {
        recommend.similar.with(|similar| match similar {
            SimilarStatus::Ready(of, entries) if *of == shown_id => Some(Ok(entries.clone())),
            SimilarStatus::Failed(of, message) if *of == shown_id => Some(Err(message.clone())),
            _ => None,
        })
    };
    let show_id = id.clone();
    view! {
        <section class="similar" data-testid="similar-papers" aria-labelledby="similar-heading">
            <div class="similar__head">
                <h3 id="similar-heading" class="detail__subheading">"Similar papers"</h3>
                <button
                    type="button"
                    class="link-button"
                    data-testid="similar-show-all"
                    on:click=move |_| show_all.run(show_id.clone())
                >
                    "Rank the list by this paper"
                </button>
            </div>
            {move || match (status(), found()) {
                (Some(message), _) => view! {
                    <p class="similar__status" role="status">
                        {message}
                        {recommend.can_retry().then(|| view! {
                            " "
                            <button type="button" class="link-button" on:click=move |_| recommend.retry()>"Try again"</button>
                        })}
                    </p>
                }.into_any(),
                (None, None) => view! { <p class="similar__status" role="status">"Finding similar papers…"</p> }.into_any(),
                (None, Some(Err(message))) => view! { <p class="similar__status" role="status">{message}</p> }.into_any(),
                (None, Some(Ok(entries))) if entries.is_empty() => view! {
                    <p class="similar__status" role="status">"No other paper to compare with."</p>
                }.into_any(),
                (None, Some(Ok(entries))) => view! {
                    <ol class="similar__list">
                        {entries.into_iter().map(|entry| {
                            let href = link_to.run(entry.id.clone());
                            let open_id = entry.id.clone();
                            let shared = (!entry.shared.is_empty())
                                .then(|| format!("Shares: {}", entry.shared.join(", ")));
                            view! {
                                <li class="similar__item" data-similar-id=entry.id.clone()>
                                    <a
                                        href=href
                                        on:click=move |ev| {
                                            if !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0) {
                                                ev.prevent_default();
                                                open.run(open_id.clone());
                                            }
                                        }
                                    >
                                        <MathText text=entry.title />
                                    </a>
                                    {shared.map(|line| view! { <span class="similar__terms">{line}</span> })}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any(),
            }}
        </section>
    }
}
