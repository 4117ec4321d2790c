use leptos::prelude::*;

use crate::ui::sources::use_sources;

/// The arXiv query run: a progress bar with pages and papers so far, what it is doing, a
/// cancel button while it runs, and resume after it stopped early.
#[component]
pub fn QueryProgressView() -> impl IntoView {
    let runner = use_sources().query;
    let progress = runner.progress();
    move || {
        progress.get().map(|progress| {
            let fraction = progress.fraction();
            let running = progress.running;
            let resumable = progress.resumable();
            view! {
                <section
                    class="query-progress"
                    aria-label="arXiv query"
                    data-testid="query-progress"
                    data-running=running.to_string()
                    data-pages=progress.run.pages_done.to_string()
                    data-papers=progress.papers.to_string()
                >
                    <p class="query-progress__label">{progress.label.clone()}</p>
                    {match fraction {
                        Some(f) => view! { <progress max="1" value=f.to_string()></progress> }.into_any(),
                        None if running => view! { <progress></progress> }.into_any(),
                        None => ().into_any(),
                    }}
                    <p class="query-progress__summary" role="status" data-testid="query-summary">
                        {progress.status_line()}
                    </p>
                    {progress.stopped.as_ref().map(|stop| view! {
                        <p
                            class="alert alert--error"
                            role="alert"
                            data-testid="query-stopped"
                            data-stop-kind=stop.kind.as_str()
                        >
                            {stop.kind.headline().map(|headline| view! {
                                <strong class="query-progress__headline">{headline}</strong>
                                " "
                            })}
                            {stop.to_string()}
                        </p>
                    })}
                    <div class="query-progress__actions">
                        {running.then(|| view! {
                            <button type="button" class="button" data-testid="query-cancel" on:click=move |_| runner.cancel()>
                                "Cancel"
                            </button>
                        })}
                        {resumable.then(|| view! {
                            <button type="button" class="button" data-testid="query-resume" on:click=move |_| runner.resume()>
                                "Resume"
                            </button>
                        })}
                        {(!running).then(|| view! {
                            <button type="button" class="button button--quiet" on:click=move |_| runner.dismiss()>
                                "Dismiss"
                            </button>
                        })}
                    </div>
                </section>
            }
        })
    }
}
