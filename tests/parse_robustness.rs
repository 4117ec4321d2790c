//! The parser is total: random bytes and mutations of real feeds give a feed or a typed error,
//! never a panic, and whatever parses has only http(s) links.

mod common;

use arxiv_explorer::core::embedded::EMBEDDED_FEED_XML;
use arxiv_explorer::core::feed::parse_feed;
use common::Rng;

/// Deletes, duplicates, swaps or overwrites a few spans of `input`.
fn mutate(input: &[u8], rng: &mut Rng) -> Vec<u8> {
    const INSERTS: [&[u8]; 10] = [
        b"<",
        b">",
        b"&",
        b"&amp;",
        b"<![CDATA[",
        b"]]>",
        b"<!DOCTYPE x>",
        b"\xFF",
        b"javascript:",
        b"</entry>",
    ];
    let mut bytes = input.to_vec();
    for _ in 0..1 + rng.below(6) {
        if bytes.is_empty() {
            break;
        }
        let at = rng.below(bytes.len());
        match rng.below(4) {
            0 => {
                let end = (at + rng.below(200)).min(bytes.len());
                bytes.drain(at..end);
            }
            1 => {
                let end = (at + rng.below(200)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                bytes.splice(at..at, copy);
            }
            2 => {
                let insert = INSERTS[rng.below(INSERTS.len())];
                bytes.splice(at..at, insert.iter().copied());
            }
            _ => bytes[at] = rng.next() as u8,
        }
    }
    bytes
}

fn check(bytes: &[u8]) {
    if let Ok(parsed) = parse_feed(bytes) {
        for paper in &parsed.feed.papers {
            for link in [
                &paper.links.abs,
                &paper.links.pdf,
                &paper.links.doi,
                &paper.links.html,
            ]
            .into_iter()
            .flatten()
            {
                assert!(
                    link.starts_with("http://") || link.starts_with("https://"),
                    "{link}"
                );
            }
        }
    }
}

#[test]
fn mutated_real_feeds_never_panic() {
    let fixtures: Vec<Vec<u8>> = [
        "atom/legacy.xml",
        "atom/interim.xml",
        "rss/arxiv-cs-os.rss",
        "rss/arxiv-cs-os.atom",
    ]
    .iter()
    .map(|name| {
        std::fs::read(format!(
            "{}/tests/fixtures/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("fixture")
    })
    .chain(std::iter::once(EMBEDDED_FEED_XML.as_bytes().to_vec()))
    .collect();
    for seed in 1..=1_500u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let base = &fixtures[rng.below(fixtures.len())];
        check(&mutate(base, &mut rng));
    }
}

#[test]
fn random_bytes_never_panic() {
    for seed in 1..=3_000u64 {
        let mut rng = Rng(seed.wrapping_mul(0xD1B5_4A32_D192_ED03) | 1);
        let len = rng.below(300);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        check(&bytes);
        // Random text shaped like markup reaches deeper into the parser.
        let alphabet = b"<>/=\"' &;#x:abcdefentryfeedidtitle\n";
        let markup: Vec<u8> = (0..len)
            .map(|_| alphabet[rng.below(alphabet.len())])
            .collect();
        check(
            &[
                b"<feed xmlns=\"http://www.w3.org/2005/Atom\">".as_slice(),
                &markup,
            ]
            .concat(),
        );
    }
}
