//! BibTeX golden tests on real entries.

use arxiv_explorer::core::embedded::EMBEDDED_FEED_XML;
use arxiv_explorer::core::export::{bibtex_entry, bibtex_key};
use arxiv_explorer::core::feed::{parse_feed, Paper};

fn paper_from(bytes: &[u8], id: &str) -> Paper {
    parse_feed(bytes)
        .expect("feed parses")
        .feed
        .papers
        .into_iter()
        .find(|p| p.id == id)
        .expect("paper present")
}

#[test]
fn seed_paper_with_doi_and_journal_ref() {
    let paper = paper_from(EMBEDDED_FEED_XML.as_bytes(), "2603.25666");
    let key = bibtex_key(&paper);
    assert_eq!(key, "mannella2026experimental");
    assert_eq!(
        bibtex_entry(&paper, &key),
        "@misc{mannella2026experimental,
  title = {Experimental Analysis of FreeRTOS Dependability through Targeted Fault Injection Campaigns},
  author = {Luca Mannella and Stefano Di Carlo and Alessandro Savino},
  year = {2026},
  eprint = {2603.25666v1},
  archivePrefix = {arXiv},
  primaryClass = {cs.OS},
  doi = {10.1109/DDECS69233.2026.11520990},
  note = {Proceeding of the 2026 IEEE 29th International Symposium on Design and Diagnostics of Electronic Circuits and Systems (DDECS)},
  url = {https://arxiv.org/abs/2603.25666v1},
}
"
    );
}

#[test]
fn old_style_id_and_diacritics() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/atom/prefixes-and-order.xml"
    ))
    .expect("fixture");
    let paper = paper_from(&bytes, "2601.00003");
    assert_eq!(bibtex_key(&paper), "bobtom");
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/atom/legacy.xml"
    ))
    .expect("fixture");
    let paper = paper_from(&bytes, "astro-ph/0601001");
    let key = bibtex_key(&paper);
    assert_eq!(key, "doe2006electron");
    let entry = bibtex_entry(&paper, &key);
    assert!(
        entry.contains("  author = {Jane Q. Doe and Zoë Müller},\n"),
        "{entry}"
    );
    assert!(
        entry.contains("  eprint = {astro-ph/0601001v1},\n"),
        "{entry}"
    );
    assert!(entry.contains("  primaryClass = {astro-ph},\n"), "{entry}");
}
