//! The reading log: visits, papers new since the last visit, read marks, and the stored form.

use arxiv_explorer::core::reading::{ReadingLog, ReadingLogError, MAX_SEEN, VISIT_GAP_MS};

const HOUR: f64 = 3_600_000.0;

#[test]
fn papers_stay_new_for_the_visit_that_first_showed_them() {
    let mut log = ReadingLog::default();
    assert!(log.begin(0.0));
    assert_eq!(log.saw(["a", "b"]), 2);
    assert!(log.is_new("a") && log.is_new("b"));
    // A reload within the visit keeps them new.
    assert!(!log.begin(VISIT_GAP_MS / 2.0));
    assert!(log.is_new("a"));
    // The next morning: a new visit; yesterday's papers are no longer new, today's are.
    assert!(log.begin(24.0 * HOUR));
    assert_eq!(log.saw(["b", "c"]), 1);
    assert!(!log.is_new("a") && !log.is_new("b"));
    assert!(log.is_new("c"));
    assert!(log.is_new("never-shown"));
    assert_eq!(log.previous().map(|v| v.started), Some(0.0));
}

#[test]
fn read_marks_toggle_and_survive_the_stored_form() {
    let mut log = ReadingLog::default();
    log.begin(5.0 * HOUR);
    log.saw(["2604.00001", "2604.00002"]);
    assert!(log.set_read("2604.00001", true));
    assert!(
        !log.set_read("2604.00001", true),
        "marking twice changes nothing"
    );
    assert!(log.is_read("2604.00001"));
    let text = log.to_text();
    let (back, error) = ReadingLog::from_text(&text);
    assert_eq!(error, None);
    assert_eq!(back, log);
    let mut unread = back.clone();
    assert!(unread.set_read("2604.00001", false));
    assert!(!unread.is_read("2604.00001"));
    assert_eq!(unread.read_count(), 0);
}

#[test]
fn a_damaged_log_keeps_what_it_can_and_says_so() {
    let (log, error) = ReadingLog::from_text("not a log at all");
    assert_eq!(error, Some(ReadingLogError::NotALog));
    assert_eq!(log, ReadingLog::default());
    let (log, error) = ReadingLog::from_text(
        "arxiv-explorer reading 1\nvisit 1 1000\nvisit x\nseen 1 a b\nbogus\nread a\n",
    );
    assert_eq!(error, Some(ReadingLogError::BadLines(2)));
    assert_eq!(log.seen_count(), 2);
    assert!(log.is_read("a"));
    assert_eq!(ReadingLog::from_text("").1, None);
}

#[test]
fn the_oldest_visits_are_forgotten_first_and_one_huge_visit_stays_bounded() {
    let ids = |prefix: &str, n: usize| -> Vec<String> {
        (0..n).map(|i| format!("{prefix}{i}")).collect()
    };
    let mut log = ReadingLog::default();
    log.begin(0.0);
    let first = ids("first-", MAX_SEEN / 2);
    assert_eq!(log.saw(first.iter().map(String::as_str)), MAX_SEEN / 2);
    log.begin(24.0 * HOUR);
    let second = ids("second-", MAX_SEEN / 2);
    log.saw(second.iter().map(String::as_str));
    assert_eq!(log.seen_count(), MAX_SEEN);
    // A third visit's papers push out the first visit's, never the second's.
    log.begin(48.0 * HOUR);
    let third = ids("third-", 10);
    assert_eq!(log.saw(third.iter().map(String::as_str)), 10);
    assert!(log.seen_count() <= MAX_SEEN);
    assert!(log.is_new("first-0"), "the first visit was forgotten");
    assert!(!log.is_new("second-0"), "the second visit is remembered");
    assert!(log.is_new("third-0"));

    // One visit showing far more than the log holds remembers the first MAX_SEEN of them
    // (its older visits forgotten), and the stored form stays as bounded.
    let mut huge = ReadingLog::default();
    huge.begin(0.0);
    huge.saw(["old"]);
    huge.begin(24.0 * HOUR);
    let flood = ids("flood-", 3 * MAX_SEEN);
    let added = huge.saw(flood.iter().map(String::as_str));
    assert_eq!(huge.seen_count(), MAX_SEEN);
    assert_eq!(added, MAX_SEEN);
    let (back, error) = ReadingLog::from_text(&huge.to_text());
    assert_eq!(error, None);
    assert_eq!(back.seen_count(), MAX_SEEN);
}
