use leptos::prelude::*;

use crate::core::feed::Timestamp;
use crate::core::recommend::RankRequest;
use crate::core::text::{count, group_thousands};
use crate::ui::digest::{IndexStatus, ListStatus, ReadingState, RecommendState};

/// The morning digest's line above the list: how many papers are new since the last visit,
/// a button for the digest itself (new, unread, best first), and, when the list is ranked,
/// what it is ranked by or why it cannot be.
#[component]
pub fn DigestBar(
    new_count: Memo<usize>,
    reading: ReadingState,
    recommend: RecommendState,
    /// The ranking the view asks for.
    #[prop(into)]
    request: Signal<Option<RankRequest>>,
    /// Whether the digest (new and unread, recommended order) is what is shown.
    #[prop(into)]
    digest_on: Signal<bool>,
    /// Shows the digest, or leaves it.
    toggle_digest: Callback<bool>,
    /// The title of a paper by id, for "ranked by likeness to …".
    title_of: Callback<String, Option<String>>,
) -> impl IntoView {
    // On the first visit from this browser every paper is new: the count and the digest say
    // nothing yet, so they wait for the second visit (or for a link that asks for the digest).
    let since = move || {
        reading.with(|log| {
            log.previous().map(|visit| {
                let day = Timestamp((visit.started / 1000.0) as i64)
                    .date()
                    .short_label();
                format!("new since your last visit ({day})")
            })
        })
    };
    let has_previous = move || reading.with(|log| log.previous().is_some());
    let ranking_line = move || {
        let wanted = request.get()?;
        let line = recommend.list.with(|status| match status {
            ListStatus::Ready { ranking, .. } if ranking.request == wanted => Ok(match &wanted {
                RankRequest::Similar(id) => format!(
                    "Ranked by likeness to “{}”.",
                    title_of.run(id.clone()).unwrap_or_else(|| id.clone())
                ),
                RankRequest::Favourites { tag } => format!(
                    "Ranked by likeness to {}{}; each paper says why.",
                    count(ranking.positives, "favourite"),
                    tag.as_ref()
                        .map(|t| format!(" tagged “{t}”"))
                        .unwrap_or_default()
                ),
            }),
            ListStatus::Failed(failed, message) if *failed == wanted => Err(message.clone()),
            _ => Ok(recommend.index.with(|index| match index {
                IndexStatus::Building { percent } => {
                    format!("Ranking once the papers are indexed… {percent}%")
                }
                IndexStatus::Failed { message, .. } => message.clone(),
                _ => "Ranking…".to_string(),
            })),
        });
        Some(line)
    };
    let state = move || {
        recommend.list.with(|status| match status {
            ListStatus::Unranked => "unranked",
            ListStatus::Working(_) => "working",
            ListStatus::Ready { .. } => "ready",
            ListStatus::Failed(..) => "failed",
        })
    };
    // What the ranking leant towards and away from: the model's strongest terms.
    let learnt_line = move || {
        let wanted = request.get()?;
        recommend.list.with(|status| match status {
            ListStatus::Ready { ranking, .. } if ranking.request == wanted => {
                ranking.learnt.sentence()
            }
            _ => None,
        })
    };
    // Figures for tests and benchmarks: how the index and the ranking were computed. The
    // index: from the load to ready, the worker's part, the page's part and its longest
    // task, the vectors' memory, the papers a helper worker counted; a ranking: the worker's
    // time and the page's.
    let index_figures = move || {
        recommend.index.with(|status| match status {
            IndexStatus::Ready(index) => Some((
                format!("{:.1}", index.wall_ms),
                format!("{:.1}", index.worker_ms),
                format!("{:.1}", index.page.busy_ms),
                format!("{:.1}", index.page.longest_ms),
                index.bytes.to_string(),
                index.helped.to_string(),
            )),
            _ => None,
        })
    };
    let rank_figures = move || {
        recommend.list.with(|status| match status {
            ListStatus::Ready {
                worker_ms, page_ms, ..
            } => Some((format!("{worker_ms:.1}"), format!("{page_ms:.1}"))),
            _ => None,
        })
    };
    view! {
        <div
            class="digest-bar"
            data-testid="digest-bar"
            data-ranking=state
            data-index-ms=move || index_figures().map(|f| f.0)
            data-index-worker-ms=move || index_figures().map(|f| f.1)
            data-index-page-ms=move || index_figures().map(|f| f.2)
            data-index-longest-ms=move || index_figures().map(|f| f.3)
            data-index-bytes=move || index_figures().map(|f| f.4)
            data-index-helped=move || index_figures().map(|f| f.5)
            data-rank-ms=move || rank_figures().map(|f| f.0)
            data-rank-page-ms=move || rank_figures().map(|f| f.1)
        >
            <Show when=move || has_previous() || digest_on.get()>
                <p class="digest-bar__new" data-testid="new-count">
                    <strong>{move || group_thousands(new_count.get() as u64)}</strong>
                    " "
                    {move || since().unwrap_or_else(|| "new: this is the first visit from this browser".into())}
                </p>
                <button
                    type="button"
                    class="button"
                    data-testid="digest-toggle"
                    aria-pressed=move || digest_on.get().to_string()
                    on:click=move |_| toggle_digest.run(!digest_on.get_untracked())
                >
                    {move || if digest_on.get() { "Leave the digest" } else { "Today's digest" }}
                </button>
            </Show>
            {move || ranking_line().map(|line| match line {
                Ok(text) => view! { <p class="digest-bar__ranking" role="status" data-testid="ranking-status">{text}</p> }.into_any(),
                Err(text) => view! {
                    <p class="digest-bar__ranking digest-bar__ranking--failed" role="status" data-testid="ranking-status">
                        {text}
                        {recommend.can_retry().then(|| view! {
                            " "
                            <button
                                type="button"
                                class="link-button"
                                data-testid="recommend-retry"
                                on:click=move |_| recommend.retry()
                            >
                                "Try again"
                            </button>
                        })}
                    </p>
                }.into_any(),
            })}
            {move || learnt_line().map(|line| view! {
                <p class="digest-bar__learnt" data-testid="ranking-learnt">{line}</p>
            })}
        </div>
    }
}
