//! The next animation frame, also in a window that gets none.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::{request_animation_frame, set_timeout};

/// How long work waits for a frame before it runs without one.
const UNPAINTED_FALLBACK: Duration = Duration::from_millis(250);

/// Runs `work` once: at the next animation frame, or after 250 ms in a window the browser
/// does not paint (hidden, or covered by another), whichever comes first. Work that waits for
/// the layout to settle still happens where no frame ever comes.
pub fn next_frame(work: impl FnOnce() + 'static) {
    let work = Rc::new(Cell::new(Some(work)));
    let at_frame = work.clone();
    request_animation_frame(move || {
        if let Some(work) = at_frame.take() {
            work();
        }
    });
    set_timeout(
        move || {
            if let Some(work) = work.take() {
                work();
            }
        },
        UNPAINTED_FALLBACK,
    );
}
