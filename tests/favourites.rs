//! The favourites library: editing, merging across tabs, persistence format, transfer.

use arxiv_explorer::core::embedded::EMBEDDED_FEED_XML;
use arxiv_explorer::core::favourites::{
    import_into, library_to_bibtex, library_to_csv, ImportError, Library, LibraryError,
};
use arxiv_explorer::core::feed::{parse_feed, Paper};

fn seed() -> Vec<Paper> {
    parse_feed(EMBEDDED_FEED_XML.as_bytes())
        .expect("seed")
        .feed
        .papers
}

fn paper(papers: &[Paper], id: &str) -> Paper {
    papers
        .iter()
        .find(|p| p.id == id)
        .cloned()
        .expect("paper in seed")
}

fn ids(library: &Library) -> Vec<&str> {
    library.favourites.keys().map(String::as_str).collect()
}

#[test]
fn add_toggle_remove_note_tags() {
    let papers = seed();
    let mut library = Library::new();
    assert!(library.toggle(&paper(&papers, "2603.25666"), 1_000));
    library.add(&paper(&papers, "2604.07609"), 2_000);
    library.add(&paper(&papers, "2604.07609"), 3_000);
    assert_eq!(ids(&library), ["2603.25666", "2604.07609"]);
    assert_eq!(
        library.favourites["2604.07609"].added, 2_000,
        "adding twice keeps the first"
    );
    library.set_note("2603.25666", "read for the FI chapter", 4_000);
    library.set_tags("2603.25666", " rtos,  fault injection, RTOS ,", 5_000);
    let favourite = &library.favourites["2603.25666"];
    assert_eq!(favourite.note, "read for the FI chapter");
    assert_eq!(favourite.tags, ["rtos", "fault injection"]);
    assert_eq!(favourite.modified, 5_000);
    assert_eq!(
        library.tag_counts(),
        [("fault injection".to_string(), 1), ("rtos".to_string(), 1)]
    );
    assert!(!library.toggle(&paper(&papers, "2603.25666"), 6_000));
    assert_eq!(ids(&library), ["2604.07609"]);
    assert_eq!(library.removed["2603.25666"], 6_000);
    let listed: Vec<String> = library.papers().into_iter().map(|p| p.id).collect();
    assert_eq!(listed, ["2604.07609"]);
}

#[test]
fn snapshots_keep_every_field() {
    let papers = seed();
    for original in &papers {
        let mut library = Library::new();
        library.add(original, 1);
        let restored = &library.papers()[0];
        assert_eq!(restored, original, "{}", original.id);
    }
}

#[test]
fn merge_keeps_every_favourite_from_both_tabs() {
    let papers = seed();
    let mut tab_a = Library::new();
    let mut tab_b = Library::new();
    tab_a.add(&paper(&papers, "2603.25666"), 10);
    tab_b.add(&paper(&papers, "2604.07609"), 11);
    tab_b.add(&paper(&papers, "2603.25666"), 12);
    tab_b.set_note("2603.25666", "from b", 20);
    tab_a.set_note("2603.25666", "from a, later", 30);
    let mut merged = tab_a.clone();
    merged.merge(&tab_b);
    assert_eq!(ids(&merged), ["2603.25666", "2604.07609"]);
    assert_eq!(merged.favourites["2603.25666"].note, "from a, later");
    let mut other_way = tab_b.clone();
    other_way.merge(&tab_a);
    assert_eq!(other_way, merged, "merging is order-independent");
}

#[test]
fn merge_honours_removals_only_when_later() {
    let papers = seed();
    let mut base = Library::new();
    base.add(&paper(&papers, "2603.25666"), 10);
    let mut removed_later = base.clone();
    removed_later.remove("2603.25666", 50);
    let mut edited_earlier = base.clone();
    edited_earlier.set_note("2603.25666", "note", 40);
    let mut merged = edited_earlier.clone();
    merged.merge(&removed_later);
    assert!(merged.is_empty(), "removal at 50 beats the edit at 40");

    let mut edited_later = base.clone();
    edited_later.set_note("2603.25666", "note", 60);
    let mut merged = removed_later.clone();
    merged.merge(&edited_later);
    assert_eq!(
        ids(&merged),
        ["2603.25666"],
        "the edit at 60 beats the removal at 50"
    );
    assert!(merged.removed.is_empty());
}

#[test]
fn json_round_trip_and_schema() {
    let papers = seed();
    let mut library = Library::new();
    for p in &papers[..4] {
        library.add(p, 7);
    }
    library.set_tags(&papers[0].id, "a, b", 8);
    library.remove(&papers[3].id, 9);
    let text = library.to_json();
    assert!(text.starts_with("{\"schema\":1,"), "{}", &text[..40]);
    assert_eq!(Library::from_json(&text), Ok(library.clone()));
    assert_eq!(Library::from_json(&library.to_json_pretty()), Ok(library));
}

#[test]
fn unreadable_and_newer_libraries_are_refused() {
    assert!(matches!(
        Library::from_json("{\"schema\":1,"),
        Err(LibraryError::Unreadable { .. })
    ));
    assert!(matches!(
        Library::from_json("[1,2]"),
        Err(LibraryError::Unreadable { .. })
    ));
    assert!(matches!(
        Library::from_json("{\"schema\":1,\"favourites\":{\"x\":{\"paper\":5}}}"),
        Err(LibraryError::Unreadable { .. })
    ));
    assert_eq!(
        Library::from_json("{\"schema\":7,\"favourites\":{}}"),
        Err(LibraryError::NewerSchema { found: 7 })
    );
    let message = LibraryError::NewerSchema { found: 7 }.to_string();
    assert!(message.contains("newer version"), "{message}");
}

#[test]
fn newer_versions_are_noticed_and_refreshed() {
    let papers = seed();
    let mut old = paper(&papers, "2604.05505");
    old.version = Some(1);
    let mut library = Library::new();
    library.add(&old, 1);
    library.set_note("2604.05505", "keep me", 2);
    let current = paper(&papers, "2604.05505");
    assert!(library.has_newer_version(&current));
    library.refresh(&current, 3);
    assert!(!library.has_newer_version(&current));
    assert_eq!(library.favourites["2604.05505"].paper.version, Some(2));
    assert_eq!(library.favourites["2604.05505"].note, "keep me");
}

#[test]
fn bibtex_export_has_unique_stable_keys() {
    let papers = seed();
    let mut library = Library::new();
    let mut twin = paper(&papers, "2603.25666");
    twin.id = "2603.25667".to_string();
    library.add(&paper(&papers, "2603.25666"), 1);
    library.add(&twin, 2);
    library.add(&paper(&papers, "2604.07609"), 3);
    let bibtex = library_to_bibtex(&library);
    let keys: Vec<&str> = bibtex
        .lines()
        .filter_map(|l| l.strip_prefix("@misc{"))
        .map(|l| l.trim_end_matches(','))
        .collect();
    assert_eq!(
        keys,
        [
            "mannella2026experimentala",
            "mannella2026experimentalb",
            "siavashi2026blink"
        ]
    );
    assert!(bibtex.contains("author = {Mohammad Siavashi and Mariano Scazzariello and Gerald Q. Maguire and Dejan Kostić and Marco Chiesa}"));
    assert_eq!(library_to_bibtex(&library), bibtex, "stable");
}

#[test]
fn csv_export() {
    let papers = seed();
    let mut library = Library::new();
    library.add(&paper(&papers, "2603.25666"), 1_700_000_000_000);
    library.set_note("2603.25666", "=SUM(A1), \"quoted\"", 1_700_000_000_001);
    let csv = library_to_csv(&library);
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert!(lines[0].starts_with("id,version,title,authors,"));
    assert!(
        lines[1].starts_with("2603.25666,1,Experimental Analysis of FreeRTOS"),
        "{}",
        lines[1]
    );
    assert!(lines[1].contains("Luca Mannella; Stefano Di Carlo; Alessandro Savino"));
    assert!(lines[1].contains(",2023-11-14T22:13:20Z,"), "{}", lines[1]);
    assert!(
        lines[1].contains("\"'=SUM(A1), \"\"quoted\"\"\""),
        "{}",
        lines[1]
    );
}

#[test]
fn import_json_reports_added_updated_skipped() {
    let papers = seed();
    let mut mine = Library::new();
    mine.add(&paper(&papers, "2603.25666"), 10);
    mine.add(&paper(&papers, "2604.07609"), 10);
    let mut theirs = Library::new();
    theirs.add(&paper(&papers, "2603.25666"), 5);
    theirs.add(&paper(&papers, "2604.07609"), 5);
    theirs.set_note("2604.07609", "newer note", 20);
    theirs.add(&paper(&papers, "2604.05505"), 6);
    let report = import_into(&mut mine, &theirs.to_json_pretty(), 100).expect("imports");
    assert_eq!((report.added, report.updated, report.skipped), (1, 1, 1));
    assert_eq!(ids(&mine), ["2603.25666", "2604.05505", "2604.07609"]);
    assert_eq!(mine.favourites["2604.07609"].note, "newer note");
    assert_eq!(
        report.to_string(),
        "Import finished: 1 added, 1 updated, 1 already up to date."
    );
}

#[test]
fn import_bibtex_round_trips_our_export() {
    let papers = seed();
    let mut exported = Library::new();
    exported.add(&paper(&papers, "2603.25666"), 1);
    exported.add(&paper(&papers, "2604.07609"), 1);
    let bibtex = library_to_bibtex(&exported);
    let mut fresh = Library::new();
    let report = import_into(&mut fresh, &bibtex, 5).expect("imports");
    assert_eq!(report.added, 2);
    let imported = &fresh.favourites["2604.07609"].paper;
    assert_eq!(
        imported.title,
        "Blink: CPU-Free LLM Inference by Delegating the Serving Stack to GPU and SmartNIC"
    );
    assert_eq!(imported.version, Some(1));
    assert_eq!(imported.authors[3].name, "Dejan Kostić");
    assert_eq!(imported.primary_category.as_deref(), Some("cs.DC"));
    assert_eq!(
        fresh.favourites["2603.25666"].paper.doi.as_deref(),
        Some("10.1109/DDECS69233.2026.11520990")
    );
}

#[test]
fn import_bibtex_from_other_tools() {
    let text = "@article{doe06,\n  author = {Doe, Jane Q. and M{\\\"u}ller, Zo{\\\"e}},\n  title = \"{Electron} Acceleration\",\n  year = 2006,\n  eprint = {astro-ph/0601001},\n  archivePrefix = {arXiv}\n}\n@book{nothing, title={No arXiv id}}\n";
    let mut library = Library::new();
    let report = import_into(&mut library, text, 1).expect("imports");
    assert_eq!(report.added, 1);
    let paper = &library.favourites["astro-ph/0601001"].paper;
    assert_eq!(paper.title, "Electron Acceleration");
    assert_eq!(paper.authors[0].name, "Jane Q. Doe");
    assert_eq!(paper.published.as_deref(), Some("2006-01-01T00:00:00Z"));
    assert_eq!(
        import_into(&mut library, "@misc{x, title={none}}", 1),
        Err(ImportError::NothingFound)
    );
    assert_eq!(
        import_into(&mut library, "hello", 1),
        Err(ImportError::UnknownFormat)
    );
}

#[test]
fn unfinished_and_brace_escaped_bibtex_imports_without_panicking() {
    // (input, papers expected): entries cut off at the end of the file, unbalanced braces.
    let cases: [(&str, usize); 6] = [
        ("@misc{x,", 0),
        ("@misc{x, eprint = {2601.00001}", 1),
        ("@misc{x, eprint = {2601.00001},", 1),
        ("@misc{x, title = {a \\{ b}, eprint = {2601.00001}}", 1),
        ("@misc{x, title = \"open {\", eprint", 0),
        ("@@@{{{,,,===", 0),
    ];
    for (input, expected) in cases {
        let mut library = Library::new();
        let added = import_into(&mut library, input, 1).map_or(0, |r| r.added);
        assert_eq!(added, expected, "{input:?}");
    }
    // A title with an unbalanced brace survives our own export and import.
    let mut paper = paper(&seed(), "2603.25666");
    paper.title = "Odd { title } with } braces {".to_string();
    let mut exported = Library::new();
    exported.add(&paper, 1);
    let mut fresh = Library::new();
    let report = import_into(&mut fresh, &library_to_bibtex(&exported), 2).expect("imports");
    assert_eq!(report.added, 1);
    assert_eq!(
        fresh.favourites["2603.25666"].paper.title,
        "Odd { title } with } braces {"
    );
}
