//! User Timing marks, so the app's speed can be read from outside (tests, benchmarks, DevTools)
//! with `performance.getEntriesByName(name)`.

/// Milliseconds from the page's clock (0 where it has none): for time-boxing work within a
/// frame, spacing requests and weighing what a piece of work costs.
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Runs `work` between two performance marks and records a `performance.measure` named `name`
/// (e.g. `feed:parse`). Where the Performance API is missing the work still runs, untimed.
pub fn measure<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else {
        return work();
    };
    let start = format!("{name}:start");
    let end = format!("{name}:end");
    // Timing is best effort: a failing mark must never cost the user the result.
    let _ = performance.mark(&start);
    let result = work();
    let _ = performance.mark(&end);
    let _ = performance.measure_with_start_mark_and_end_mark(name, &start, &end);
    performance.clear_marks_with_mark_name(&start);
    performance.clear_marks_with_mark_name(&end);
    result
}
