use leptos::prelude::*;

use crate::web::frame::next_frame;

/// A copy of `source` that follows it one animation frame later, taking only the latest of
/// the values in between.
///
/// Typing changes the result on every keystroke. The input, the count and the facets follow
/// in the keystroke's own frame; the long list, the costliest part to redraw, in the next
/// one. A keystroke never waits for the list, and when keys come faster than frames the list
/// is redrawn once for all of them.
pub fn deferred<T>(source: Signal<T>) -> Signal<T>
where
    T: Clone + Default + Send + Sync + 'static,
{
    let shown = RwSignal::new(T::default());
    let scheduled = StoredValue::new(false);
    let show_latest = move || {
        if scheduled.get_value() {
            scheduled.set_value(false);
            shown.set(source.get_untracked());
        }
    };
    Effect::new(move |earlier: Option<()>| {
        if earlier.is_none() {
            // The first value is shown at once (effects run before the page is painted).
            shown.set(source.get());
            return;
        }
        source.track();
        if scheduled.get_value() {
            return;
        }
        scheduled.set_value(true);
        // In a window that gets no frames the list still follows, a little later.
        next_frame(show_latest);
    });
    shown.into()
}
