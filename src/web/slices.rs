//! Long work in short slices on the main thread: a job runs until its slice is used up,
//! then yields to the browser (input, painting) and goes on in a later task.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::set_timeout;

use crate::web::fetch::now_ms;

/// How long one slice may run. Well under the 50 ms a task may take before the page feels
/// stuck, leaving room in the frame for input and painting.
pub const SLICE_MS: f64 = 12.0;

/// What a sliced job has measured of itself, for the benchmarks.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SliceStats {
    pub slices: usize,
    /// From the first slice's start to the last slice's end.
    pub wall_ms: f64,
    /// Time spent working, summed over slices.
    pub busy_ms: f64,
    /// The longest slice.
    pub longest_ms: f64,
}

/// Runs `step` in slices: each call gets a clock saying whether the slice is used up and
/// returns `Some` when done, which goes to `done` with the job's statistics. `cancelled` is
/// asked before every slice; once it says yes, the job is dropped.
///
/// The first slice runs at once, in the caller's task: a job that feeds a worker gets it
/// going before the page's other work (rendering what changed) takes the thread.
pub fn run_in_slices<T: 'static>(
    mut step: impl FnMut(&mut dyn FnMut() -> bool) -> Option<T> + 'static,
    cancelled: impl Fn() -> bool + 'static,
    done: impl FnOnce(T, SliceStats) + 'static,
) {
    let mut done = Some(done);
    let mut stats = SliceStats::default();
    let started = now_ms();
    // Returns whether the job is over (done or cancelled).
    let slice = move || {
        if cancelled() {
            return true;
        }
        let start = now_ms();
        let mut out_of_time = || now_ms() - start > SLICE_MS;
        let outcome = step(&mut out_of_time);
        let end = now_ms();
        stats.slices += 1;
        stats.busy_ms += end - start;
        stats.longest_ms = stats.longest_ms.max(end - start);
        match outcome {
            Some(result) => {
                stats.wall_ms = end - started;
                if let Some(done) = done.take() {
                    done(result, stats);
                }
                true
            }
            None => false,
        }
    };
    let slice: Slice = Rc::new(RefCell::new(Box::new(slice)));
    let over = (slice.borrow_mut())();
    if !over {
        schedule(slice);
    }
}

type Slice = Rc<RefCell<Box<dyn FnMut() -> bool>>>;

fn schedule(slice: Slice) {
    set_timeout(
        move || {
            let over = (slice.borrow_mut())();
            if !over {
                schedule(slice);
            }
        },
        Duration::ZERO,
    );
}
