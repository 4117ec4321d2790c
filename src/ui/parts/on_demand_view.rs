use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

use leptos::prelude::*;
use leptos::task::spawn_local_scoped;

use crate::ui::parts::{PartFailure, PartState};
use crate::web::parts::{answer_now, PartUnavailable};

type ViewCall = Pin<Box<dyn Future<Output = Result<AnyView, PartUnavailable>>>>;

/// A view made by a part fetched on demand: a line saying it is loading until the part is
/// here (a part already here shows at once), then the view; a part that could not be fetched
/// is said with "Try again".
#[component]
pub fn OnDemandView<Load, Call>(
    /// What the part is, as a sentence's subject: "The map".
    what: &'static str,
    /// Shown while the part is fetched: "Loading the map…".
    loading: &'static str,
    /// Makes the view (in the part): called again by "Try again".
    load: Load,
) -> impl IntoView
where
    Load: Fn() -> Call + Copy + Send + Sync + 'static,
    Call: Future<Output = Result<AnyView, PartUnavailable>> + 'static,
{
    let state = RwSignal::new(PartState::Waiting);
    let made = StoredValue::new_local(None::<AnyView>);
    let settle = move |result: Result<AnyView, PartUnavailable>| match result {
        Ok(view) => {
            made.set_value(Some(view));
            state.set(PartState::Ready);
        }
        Err(_) => state.set(PartState::Failed),
    };
    // The view is made under this component, also when "Try again" (whose handler runs
    // under the failure notice, gone once the view is here) makes it.
    let owner = Owner::current();
    let fetch = move || {
        let mut call: ViewCall = match &owner {
            Some(owner) => owner.with(|| Box::pin(load())),
            None => Box::pin(load()),
        };
        // A part already here (or a build without split parts) answers at once.
        match answer_now(call.as_mut()) {
            Poll::Ready(result) => settle(result),
            Poll::Pending => {
                state.set(PartState::Waiting);
                let finish = async move { settle(call.await) };
                match &owner {
                    Some(owner) => owner.with(|| spawn_local_scoped(finish)),
                    None => spawn_local_scoped(finish),
                }
            }
        }
    };
    fetch();
    move || match state.get() {
        PartState::Waiting => view! {
            <p class="part-loading" role="status" data-testid="part-loading">{loading}</p>
        }
        .into_any(),
        PartState::Ready => made
            .try_update_value(Option::take)
            .flatten()
            .unwrap_or_else(|| ().into_any()),
        PartState::Failed => {
            let fetch = fetch.clone();
            view! { <PartFailure what=what on_retry=Callback::new(move |()| fetch()) /> }.into_any()
        }
    }
}
