//! The morning digest in a real browser: the list ranked by likeness to one paper
//! (`similar=`) or by the favourites (`sort=recommended`, `like=`), each paper saying why,
//! similar papers in the details, and what is new since the last visit, read marks and
//! "hide read", with the reading log in real local storage.

use std::time::Duration;

use e2e::{Harness, Result, SEED_IDS};
use serde_json::json;

const FAVOURITES_KEY: &str = "arxiv-explorer:favourites";
const READING_KEY: &str = "arxiv-explorer:reading";
const WAIT: Duration = Duration::from_secs(20);
const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// The FreeRTOS fault-injection paper of the sample.
const FREERTOS: &str = "2603.25666";

/// Waits until the list's ranking is computed and shown.
fn wait_ranked(harness: &Harness) -> Result<()> {
    harness.browser.wait_until(
        "the list's ranking",
        "const b = document.querySelector('[data-testid=digest-bar]'); return !!b && b.dataset.ranking === 'ready';",
        WAIT,
    )?;
    // The list is drawn from the ranking in the same tick; give it a frame.
    std::thread::sleep(Duration::from_millis(150));
    Ok(())
}

/// Opens `query` with nothing stored but `stored` (key, value pairs).
fn open_with_storage(harness: &Harness, query: &str, stored: &[(&str, String)]) -> Result<()> {
    harness.open("")?;
    harness
        .browser
        .execute("localStorage.clear();", json!([]))?;
    for (key, value) in stored {
        harness.browser.execute(
            "localStorage.setItem(arguments[0], arguments[1]);",
            json!([key, value]),
        )?;
    }
    harness.open(query)
}

/// A favourites library: each (id, title, tags); ids of the sample keep only their id and
/// title here, so what trains for them is the feed's own text.
fn library(favourites: &[(&str, &str, &[&str])]) -> String {
    let mut entries = serde_json::Map::new();
    for (number, (id, title, tags)) in favourites.iter().enumerate() {
        entries.insert(
            id.to_string(),
            json!({
                "paper": {"id": id, "version": 1, "title": title},
                "added": number + 1, "modified": number + 1, "note": "", "tags": tags
            }),
        );
    }
    json!({"schema": 1, "favourites": entries}).to_string()
}

fn texts(harness: &Harness, css: &str) -> Result<Vec<String>> {
    let value = harness.browser.execute(
        "return [...document.querySelectorAll(arguments[0])].map(e => e.textContent.trim());",
        json!([css]),
    )?;
    Ok(serde_json::from_value(value)?)
}

fn now_ms(harness: &Harness) -> Result<i64> {
    let value = harness.browser.execute("return Date.now();", json!([]))?;
    Ok(value.as_i64().unwrap_or_default())
}

#[test]
fn similar_ranks_the_whole_list_by_one_paper_and_composes_with_filters() -> Result<()> {
    let harness = Harness::start()?;
    harness.open_fresh(&format!("?similar={FREERTOS}"))?;
    wait_ranked(&harness)?;
    let ranked = harness.browser.paper_ids()?;
    let mut expected: Vec<String> = SEED_IDS
        .iter()
        .filter(|id| **id != FREERTOS)
        .map(|id| id.to_string())
        .collect();
    let mut as_set = ranked.clone();
    as_set.sort();
    expected.sort();
    assert_eq!(
        as_set, expected,
        "every other paper, the paper itself left out"
    );
    harness.wait_text(
        "[data-testid=ranking-status]",
        "Ranked by likeness to “Experimental Analysis of FreeRTOS",
        WAIT,
    )?;
    let chips = texts(&harness, ".chips .chip span")?;
    assert!(
        chips
            .iter()
            .any(|c| c.starts_with("Similar to: Experimental Analysis of FreeRTOS")),
        "{chips:?}"
    );
    // Every ranked paper says what it shares with the one it is ranked by.
    let why = texts(&harness, "[data-testid=paper-why]")?;
    assert_eq!(why.len(), ranked.len(), "{why:?}");
    assert!(why[0].starts_with("Why: "), "{why:?}");
    // The sort select says what the list is ordered by, not the order it would have without.
    let order = harness.browser.execute(
        "const s = document.querySelector('#sort-select');
         return [s.value, s.selectedOptions[0].textContent.trim()];",
        json!([]),
    )?;
    assert_eq!(order, json!(["similar", "Likeness to one paper"]));

    // With a text filter too: the same papers the filter alone finds, in the ranking's order.
    harness.open("?q=system")?;
    std::thread::sleep(Duration::from_millis(300));
    let matching = harness.browser.paper_ids()?;
    assert!(
        matching.len() >= 3,
        "the filter should find a few: {matching:?}"
    );
    harness.open(&format!("?q=system&similar={FREERTOS}"))?;
    wait_ranked(&harness)?;
    let combined = harness.browser.paper_ids()?;
    let expected: Vec<String> = ranked
        .iter()
        .filter(|id| matching.contains(id))
        .cloned()
        .collect();
    assert_eq!(combined, expected);

    // Removing the chip leaves the filter and the feed's order.
    harness
        .browser
        .click(".chips .chip:last-child .chip__remove")?;
    harness.browser.wait_until(
        "the ranking to go",
        "return !location.search.includes('similar=');",
        WAIT,
    )?;
    assert_eq!(harness.browser.query()?, "?q=system");

    // Choosing an order leaves the likeness for it.
    harness.open(&format!("?similar={FREERTOS}"))?;
    wait_ranked(&harness)?;
    harness.set_value("#sort-select", "published", "change")?;
    harness.browser.wait_until(
        "the order chosen",
        "return location.search === '?sort=published';",
        WAIT,
    )?;
    let chips = texts(&harness, ".chips .chip span")?;
    assert!(
        !chips.iter().any(|c| c.starts_with("Similar to")),
        "{chips:?}"
    );
    Ok(())
}

#[test]
fn details_list_the_ten_most_similar_papers_and_rank_the_list_by_it() -> Result<()> {
    let harness = Harness::start()?;
    harness.open_fresh(&format!("?similar={FREERTOS}"))?;
    wait_ranked(&harness)?;
    let ranked = harness.browser.paper_ids()?;

    harness.open(&format!("?paper={FREERTOS}"))?;
    harness.browser.wait_until(
        "ten similar papers",
        "return document.querySelectorAll('[data-testid=similar-papers] [data-similar-id]').length === 10;",
        WAIT,
    )?;
    let similar = harness.browser.execute(
        "return [...document.querySelectorAll('[data-testid=similar-papers] [data-similar-id]')].map(e => e.dataset.similarId);",
        json!([]),
    )?;
    let similar: Vec<String> = serde_json::from_value(similar)?;
    assert_eq!(similar, ranked[..10], "the details and the list agree");
    let shared = texts(&harness, "[data-testid=similar-papers] .similar__terms")?;
    assert!(
        shared.first().is_some_and(|s| s.starts_with("Shares: ")),
        "{shared:?}"
    );
    harness
        .browser
        .screenshot(&harness.shot("similar-papers"))?;

    // A similar paper's title opens its details.
    harness.browser.click(&format!(
        "[data-testid=similar-papers] [data-similar-id='{}'] a",
        similar[0]
    ))?;
    harness.browser.wait_until(
        "the similar paper's details",
        &format!("return location.search === '?paper={}';", similar[0]),
        WAIT,
    )?;
    // And the button ranks the whole list by the paper shown.
    harness.browser.wait_until(
        "the new paper's similar list",
        "return document.querySelectorAll('[data-testid=similar-papers] [data-similar-id]').length === 10;",
        WAIT,
    )?;
    harness.browser.click("[data-testid=similar-show-all]")?;
    harness.browser.wait_until(
        "the list ranked by it",
        &format!("return location.search.includes('similar={}');", similar[0]),
        WAIT,
    )?;
    wait_ranked(&harness)?;
    let ids = harness.browser.paper_ids()?;
    assert_eq!(ids.len(), 14);
    assert!(!ids.contains(&similar[0]));
    Ok(())
}

#[test]
fn recommended_order_learns_from_favourites_and_says_why() -> Result<()> {
    let harness = Harness::start()?;
    // The order by likeness to the FreeRTOS paper alone.
    harness.open_fresh(&format!("?similar={FREERTOS}"))?;
    wait_ranked(&harness)?;
    let by_freertos = harness.browser.paper_ids()?;

    let favourites = library(&[
        (FREERTOS, "Experimental Analysis of FreeRTOS", &["rtos"]),
        ("2604.07839", "", &["other"]),
    ]);
    open_with_storage(
        &harness,
        "?sort=recommended&like=rtos",
        &[(FAVOURITES_KEY, favourites)],
    )?;
    wait_ranked(&harness)?;
    let ids = harness.browser.paper_ids()?;
    // One favourite tagged "rtos": the same order as likeness to it, the favourite last.
    let mut expected = by_freertos.clone();
    expected.push(FREERTOS.to_string());
    assert_eq!(ids, expected);
    harness.wait_text(
        "[data-testid=ranking-status]",
        "Ranked by likeness to 1 favourite tagged “rtos”",
        WAIT,
    )?;
    let why = texts(&harness, "[data-testid=paper-why]")?;
    assert_eq!(why.len(), 15);
    assert!(why[0].starts_with("Why: "), "{why:?}");
    assert_eq!(why[14], "In your favourites: ranked from it");
    let like = harness.browser.execute(
        "return document.querySelector('[data-testid=like-select]').value;",
        json!([]),
    )?;
    assert_eq!(like, json!("rtos"));
    // What it learnt, both ways: the favourite's own words for, others' against.
    let learnt = harness.text_of("[data-testid=ranking-learnt]")?;
    assert!(
        learnt.starts_with("Leans towards ")
            && learnt.contains("freertos")
            && learnt.contains("; away from "),
        "{learnt}"
    );
    harness.browser.screenshot(&harness.shot("recommended"))?;

    // All favourites: both train, and both go last.
    harness.set_value("[data-testid=like-select]", "", "change")?;
    harness.browser.wait_until(
        "all favourites",
        "return location.search === '?sort=recommended';",
        WAIT,
    )?;
    harness.wait_text(
        "[data-testid=ranking-status]",
        "Ranked by likeness to 2 favourites",
        WAIT,
    )?;
    wait_ranked(&harness)?;
    let ids = harness.browser.paper_ids()?;
    let mut last_two = ids[13..].to_vec();
    last_two.sort();
    assert_eq!(last_two, [FREERTOS, "2604.07839"]);
    Ok(())
}

#[test]
fn a_favourite_from_another_feed_trains_the_ranking() -> Result<()> {
    let harness = Harness::start()?;
    // A paper that is not in the sample, about what one of the sample's papers is about.
    let mut entries = serde_json::Map::new();
    entries.insert(
        "2401.00001".into(),
        json!({
            "paper": {
                "id": "2401.00001", "version": 1,
                "title": "Fault injection campaigns for FreeRTOS dependability",
                "summary": "Targeted fault injection into FreeRTOS kernels: dependability, soft errors and fault injection campaigns on embedded real-time operating systems.",
                "authors": [{"name": "Luca Mannella", "affiliations": []}],
                "primary_category": "cs.OS", "categories": ["cs.OS"]
            },
            "added": 1, "modified": 1, "note": "", "tags": []
        }),
    );
    let favourites = json!({"schema": 1, "favourites": entries}).to_string();
    open_with_storage(
        &harness,
        "?sort=recommended",
        &[(FAVOURITES_KEY, favourites)],
    )?;
    wait_ranked(&harness)?;
    harness.wait_text(
        "[data-testid=ranking-status]",
        "Ranked by likeness to 1 favourite",
        WAIT,
    )?;
    let ids = harness.browser.paper_ids()?;
    assert_eq!(ids.len(), 15);
    assert_eq!(
        ids[0], FREERTOS,
        "the paper most like the favourite comes first"
    );
    Ok(())
}

#[test]
fn whats_new_since_the_last_visit_read_marks_and_hide_read() -> Result<()> {
    let harness = Harness::start()?;
    harness.open("")?;
    // The last visit, two days ago, showed every paper of the sample but three.
    let two_days_ago = now_ms(&harness)? - 2 * DAY_MS;
    let fresh = ["2604.07839", "2604.06970", "2603.21466"];
    let seen: Vec<&str> = SEED_IDS
        .iter()
        .copied()
        .filter(|id| !fresh.contains(id))
        .collect();
    let log = format!(
        "arxiv-explorer reading 1\nvisit 1 {two_days_ago}\nactive {two_days_ago}\nseen 1 {}\n",
        seen.join(" ")
    );
    open_with_storage(&harness, "?flag=new", &[(READING_KEY, log)])?;
    let in_feed_order: Vec<&str> = SEED_IDS
        .iter()
        .copied()
        .filter(|id| fresh.contains(id))
        .collect();
    harness.browser.wait_for_papers(&in_feed_order)?;
    harness.wait_text(
        "[data-testid=new-count]",
        "3 new since your last visit",
        WAIT,
    )?;
    assert_eq!(texts(&harness, "[data-testid=paper-new]")?.len(), 3);
    harness.browser.screenshot(&harness.shot("new-papers"))?;

    // Marked read with the keyboard, then hidden.
    harness.press("j")?;
    harness.browser.wait_until(
        "the first paper highlighted",
        &format!(
            "const h = document.querySelector('.paper--highlighted'); return !!h && h.dataset.paperId === '{}';",
            in_feed_order[0]
        ),
        WAIT,
    )?;
    harness.press("r")?;
    harness.browser.wait_until(
        "the read mark",
        &format!(
            "return document.querySelector(\"[data-paper-id='{}']\").dataset.read === 'true';",
            in_feed_order[0]
        ),
        WAIT,
    )?;
    let stored = harness.browser.execute(
        "return localStorage.getItem(arguments[0]);",
        json!([READING_KEY]),
    )?;
    let stored = stored.as_str().unwrap_or_default();
    assert!(
        stored.contains(&format!("read {}", in_feed_order[0])),
        "{stored}"
    );
    assert!(
        stored.contains("visit 2 "),
        "this visit is recorded: {stored}"
    );

    // The digest: new and unread, and the mark survives a reload.
    harness.open("")?;
    harness.browser.wait_for_paper_count(15, WAIT)?;
    harness.browser.click("[data-testid=digest-toggle]")?;
    harness.browser.wait_for_papers(&in_feed_order[1..])?;
    let query = harness.browser.query()?;
    assert!(
        query.contains("flag=new") && query.contains("flag=unread"),
        "{query}"
    );
    // Marking it unread again brings it back.
    harness.open("?flag=new")?;
    harness.browser.wait_for_papers(&in_feed_order)?;
    harness.browser.click(&format!(
        "[data-paper-id='{}'] [data-testid=read-toggle]",
        in_feed_order[0]
    ))?;
    harness.open("?flag=new&flag=unread")?;
    harness.browser.wait_for_papers(&in_feed_order)?;
    Ok(())
}

#[test]
fn the_first_visit_shows_no_new_badges_and_no_digest() -> Result<()> {
    let harness = Harness::start()?;
    harness.open_fresh("")?;
    harness.browser.wait_for_paper_count(15, WAIT)?;
    assert!(texts(&harness, "[data-testid=paper-new]")?.is_empty());
    assert!(texts(&harness, "[data-testid=digest-toggle]")?.is_empty());
    // Every paper was seen in this visit: the log says so.
    harness.browser.wait_until(
        "the reading log",
        "const t = localStorage.getItem('arxiv-explorer:reading'); return !!t && t.includes('seen 1 ');",
        WAIT,
    )?;
    Ok(())
}

#[test]
fn a_recommender_that_cannot_load_says_so_and_tries_again() -> Result<()> {
    let harness = Harness::start()?;
    // The first worker the page starts points at a file that is not there, as when the
    // network drops between the page and its worker.
    harness.run_before_every_page(
        "(() => {
            const Real = window.Worker;
            let first = true;
            window.Worker = function (url, options) {
                if (first) { first = false; return new Real('no-such-worker.js', options); }
                return new Real(url, options);
            };
            window.Worker.prototype = Real.prototype;
        })();",
    )?;
    harness.open_fresh(&format!("?similar={FREERTOS}"))?;
    harness.browser.wait_until(
        "the failure",
        "const b = document.querySelector('[data-testid=digest-bar]'); return !!b && b.dataset.ranking === 'failed';",
        WAIT,
    )?;
    let status = harness.text_of("[data-testid=ranking-status]")?;
    assert!(
        status.contains("could not be loaded") && status.ends_with("Try again"),
        "{status}"
    );
    // The papers stay, in the feed's order (the paper the view is about left out).
    let unranked: Vec<String> = SEED_IDS
        .iter()
        .filter(|id| **id != FREERTOS)
        .map(|id| id.to_string())
        .collect();
    assert_eq!(harness.browser.paper_ids()?, unranked);
    harness.browser.click("[data-testid=recommend-retry]")?;
    wait_ranked(&harness)?;
    let ranked = harness.browser.paper_ids()?;
    assert_eq!(ranked.len(), unranked.len());
    assert_ne!(ranked, unranked, "ranked by likeness now");
    Ok(())
}

/// Topics of the generated feed: paper `n` is about topic `n % TOPICS`.
const TOPICS: usize = 20;

/// A feed of `count` papers, each about one of [`TOPICS`] topics: most of its title and
/// abstract words are its topic's own, the rest shared by all; ids `2601.00000` on.
fn write_topical_feed(path: &std::path::Path, count: usize) -> Result<()> {
    use std::io::Write;
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |below: usize| {
        // xorshift64*: the same feed on every run.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        (state.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % below
    };
    let syllables = ["ka", "ro", "mi", "te", "su", "na", "lo", "vi", "de", "pa"];
    let word = |number: usize| -> String {
        let mut text = String::new();
        let mut rest = number;
        for _ in 0..3 {
            text.push_str(syllables[rest % syllables.len()]);
            rest /= syllables.len();
        }
        text
    };
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    out.write_all(b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Topics</title>\n")?;
    for n in 0..count {
        let topic = n % TOPICS;
        let words = |length: usize, next: &mut dyn FnMut(usize) -> usize| -> String {
            (0..length)
                .map(|_| match next(10) {
                    // Topic words are 200 + 30 per topic on; shared words 0..200.
                    0..=6 => word(200 + topic * 30 + next(30)),
                    _ => word(next(200)),
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        let title = words(8, &mut next);
        let summary = words(80, &mut next);
        let day = 1 + n % 28;
        writeln!(
            out,
            "<entry><id>http://arxiv.org/abs/2601.{n:05}v1</id>\
             <published>2026-01-{day:02}T00:00:00Z</published><title>{title}</title>\
             <summary>{summary}</summary><author><name>Author {a}</name></author>\
             <category term=\"cs.OS\"/></entry>",
            a = next(900),
        )?;
    }
    out.write_all(b"</feed>\n")?;
    out.flush()?;
    Ok(())
}

/// Papers of the generated feed used for the helper worker's tests: above the page's
/// threshold for one.
const GENERATED_PAPERS: usize = 4_400;
/// Paper 7 is about topic 7, as are 27, 47, …
const GENERATED_SUBJECT: &str = "2601.00007";

/// A harness whose pages see the number of cores stored under `e2e:cores`, and whose helper
/// worker (the page's second worker) stops on its second part of papers when
/// `e2e:fail-helper` is stored.
fn harness_with_cores() -> Result<Harness> {
    let harness = Harness::start()?;
    harness.run_before_every_page(
        "Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', {
           get: () => Number(localStorage.getItem('e2e:cores') || 2) });
         if (localStorage.getItem('e2e:fail-helper')) {
           const Real = window.Worker;
           let made = 0;
           window.Worker = function (url, options) {
             const worker = new Real(url, options);
             made += 1;
             if (made === 2) {
               let parts = 0;
               const post = worker.postMessage.bind(worker);
               worker.postMessage = (message, transfer) => {
                 post(message, transfer);
                 if (String(message[0]).includes('count_part') && ++parts === 2) {
                   window.e2eHelperStopped = true;
                   worker.dispatchEvent(new ErrorEvent('error', { message: 'stopped by the test' }));
                   worker.terminate();
                 }
               };
             }
             return worker;
           };
         }",
    )?;
    Ok(harness)
}

/// Loads the generated feed at `path` into a page that sees `cores` cores (with `stored`
/// besides), ranked by likeness to [`GENERATED_SUBJECT`]; returns how many papers the helper
/// counted and the ranked ids shown.
fn rank_generated(
    harness: &Harness,
    path: &std::path::Path,
    cores: usize,
    stored: &[(&str, String)],
) -> Result<(usize, Vec<String>)> {
    let mut storage = vec![("e2e:cores", cores.to_string())];
    storage.extend(stored.iter().cloned());
    open_with_storage(harness, &format!("?similar={GENERATED_SUBJECT}"), &storage)?;
    harness.browser.choose_file("#source-file", path)?;
    harness
        .browser
        .wait_patiently(
            "the generated feed's index and ranking",
            "const b = document.querySelector('[data-testid=digest-bar]');
         const first = document.querySelector('[data-paper-id]');
         return !!b && b.dataset.ranking === 'ready' && b.dataset.indexHelped !== undefined
           && !!first && first.dataset.paperId.startsWith('2601.');",
            Duration::from_secs(120),
        )
        .map_err(|error| {
            let shown = harness
                .browser
                .execute(
                    "const b = document.querySelector('[data-testid=digest-bar]');
                 return { ranking: b && b.dataset.ranking, line: b && b.textContent,
                          helperStopped: window.e2eHelperStopped === true };",
                    json!([]),
                )
                .map(|v| v.to_string())
                .unwrap_or_default();
            format!("{error}; the page: {shown}")
        })?;
    std::thread::sleep(Duration::from_millis(150));
    let counted = harness.browser.execute(
        "return document.querySelector('[data-testid=digest-bar]').dataset.indexHelped;",
        json!([]),
    )?;
    let counted: usize = counted.as_str().unwrap_or_default().parse()?;
    let ids = harness.browser.paper_ids()?;
    assert!(ids.len() >= 10, "{ids:?}");
    assert!(!ids.contains(&GENERATED_SUBJECT.to_string()), "{ids:?}");
    // The most similar papers are about the subject's topic.
    for id in &ids[..10] {
        let number: usize = id.trim_start_matches("2601.").parse()?;
        assert_eq!(number % TOPICS, 7, "{id} in {ids:?}");
    }
    Ok((counted, ids))
}

/// The generated feed, written once per test run.
fn generated_feed(name: &str) -> Result<std::path::PathBuf> {
    let path = std::env::temp_dir().join(format!("e2e-{name}-{}.xml", std::process::id()));
    write_topical_feed(&path, GENERATED_PAPERS)?;
    Ok(path)
}

#[test]
fn a_large_index_counted_by_two_workers_ranks_as_one_worker_does() -> Result<()> {
    let harness = harness_with_cores()?;
    let path = generated_feed("helped")?;
    let helped = rank_generated(&harness, &path, 4, &[]);
    let alone = rank_generated(&harness, &path, 2, &[]);
    let _ = std::fs::remove_file(&path);
    let ((helped, with_helper), (counted_alone, alone)) = (helped?, alone?);
    // Half the papers (the sample's and the file's) with a core to spare for the helper,
    // none without.
    assert_eq!(helped, (SEED_IDS.len() + GENERATED_PAPERS) / 2);
    assert_eq!(counted_alone, 0);
    // Counted by one worker or two, the index is the same, and so is the ranking.
    assert_eq!(with_helper, alone);
    Ok(())
}

#[test]
fn a_helper_that_stops_midway_leaves_the_index_to_the_worker() -> Result<()> {
    let harness = harness_with_cores()?;
    let path = generated_feed("helper-stops")?;
    let alone = rank_generated(&harness, &path, 2, &[]);
    let failing = rank_generated(&harness, &path, 4, &[("e2e:fail-helper", "1".into())]);
    let _ = std::fs::remove_file(&path);
    let ((_, alone), (counted, after_failure)) = (alone?, failing?);
    let stopped = harness
        .browser
        .execute("return window.e2eHelperStopped === true;", json!([]))?;
    assert_eq!(stopped, json!(true), "the helper was stopped midway");
    // The index was built again by the worker alone, with nothing to tell the reader.
    assert_eq!(counted, 0);
    assert_eq!(after_failure, alone);
    let status = harness.text_of("[data-testid=ranking-status]")?;
    assert!(status.starts_with("Ranked by likeness to"), "{status}");
    Ok(())
}
