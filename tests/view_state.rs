//! The URL contract: decoding is total and reports what it ignored; encoding is canonical; any
//! state survives a round trip through its URL.

mod common;

use arxiv_explorer::core::feed::Date;
use arxiv_explorer::core::filter::{AuthorMode, DateField, FilterSpec, Flag, SortKey};
use arxiv_explorer::core::view_state::{decode, encode, GraphView, UrlNotice, View, ViewState};
use common::Rng;

#[test]
fn empty_query_is_the_default_view() {
    for query in ["", "?", "&&", "?&"] {
        let (state, notices) = decode(query);
        assert_eq!(state, ViewState::default(), "{query:?}");
        assert!(notices.is_empty());
        assert_eq!(encode(&state), "");
    }
}

#[test]
fn every_parameter_decodes() {
    let (state, notices) = decode(
        "?q=%22fault+injection%22+-llm&author=Dejan+Kosti%C4%87&author=L.+Sun&amode=all&loose=1\
         &cat=cs.OS&cat=astro-ph.CO&primary=1&from=2026-01-01&to=2026-03-31&date=updated\
         &flag=revised&flag=doi&tag=to+read&sort=published-asc&paper=2603.25666&view=graph&feed=feeds/os.xml&gmin=2",
    );
    assert!(notices.is_empty(), "{notices:?}");
    let expected = ViewState {
        filter: FilterSpec {
            text: "\"fault injection\" -llm".to_string(),
            authors: vec!["Dejan Kostić".to_string(), "L. Sun".to_string()],
            author_mode: AuthorMode::All,
            loose_authors: true,
            categories: vec!["cs.OS".to_string(), "astro-ph.CO".to_string()],
            primary_only: true,
            from: Date::parse_iso("2026-01-01"),
            to: Date::parse_iso("2026-03-31"),
            date_field: DateField::Updated,
            flags: vec![Flag::HasDoi, Flag::Revised],
            tags: vec!["to read".to_string()],
            sort: SortKey::PublishedOldest,
            similar: None,
            like: None,
        },
        paper: Some("2603.25666".to_string()),
        view: View::Graph,
        graph: GraphView {
            author: None,
            ego: None,
            min_papers: 2,
            cluster: None,
            main_only: false,
        },
        passthrough: vec![("feed".to_string(), "feeds/os.xml".to_string())],
    };
    assert_eq!(state, expected);
    assert_eq!(
        encode(&state),
        "q=%22fault+injection%22+-llm&author=Dejan+Kosti%C4%87&author=L.+Sun&amode=all&loose=1\
         &cat=cs.OS&cat=astro-ph.CO&primary=1&from=2026-01-01&to=2026-03-31&date=updated\
         &flag=doi&flag=revised&tag=to+read&sort=published-asc&paper=2603.25666&view=graph&gmin=2&feed=feeds/os.xml"
    );
}

#[test]
fn malformed_values_are_ignored_with_notices() {
    let cases: [(&str, &str); 14] = [
        ("from=2026-13-01", "The link's “from” value “2026-13-01” is not a date (YYYY-MM-DD); it was ignored."),
        ("to=yesterday", "The link's “to” value “yesterday” is not a date (YYYY-MM-DD); it was ignored."),
        ("amode=some", "The link's “amode” value “some” is not “any” or “all”; it was ignored."),
        ("loose=maybe", "The link's “loose” value “maybe” is not 1 or 0; it was ignored."),
        ("cat=%3Cscript%3E", "The link's “cat” value “<script>” is not an arXiv category such as cs.OS; it was ignored."),
        ("date=tomorrow", "The link's “date” value “tomorrow” is not “published” or “updated”; it was ignored."),
        ("flag=shiny", "The link's “flag” value “shiny” is not one of doi, jref, revised, fav, new, unread; it was ignored."),
        ("sort=random", "The link's “sort” value “random” is not a sort order; it was ignored."),
        ("view=map", "The link's “view” value “map” is not list, graph or favourites; it was ignored."),
        ("gmain=yes", "The link's “gmain” value “yes” is not 1 (the largest component only) or 0; it was ignored."),
        ("author=+", "The link's “author” value “” is not an author name; it was ignored."),
        ("utm_source=x", "The link has a parameter “utm_source” this page does not know; it was ignored."),
        ("gmin=0", "The link's “gmin” value “0” is not a number of papers from 1 to 1000; it was ignored."),
        ("from=2026-03-01&to=2026-01-01", "The link's “from” date is after its “to” date; the two were swapped."),
    ];
    for (query, message) in cases {
        let (_, notices) = decode(query);
        let messages: Vec<String> = notices.iter().map(ToString::to_string).collect();
        assert_eq!(messages, [message], "{query}");
    }
    let (state, notices) = decode("from=2026-03-01&to=2026-01-01");
    assert_eq!(notices, [UrlNotice::DatesSwapped]);
    assert_eq!(state.filter.from, Date::parse_iso("2026-01-01"));
    assert_eq!(state.filter.to, Date::parse_iso("2026-03-01"));
}

#[test]
fn good_parameters_survive_bad_neighbours() {
    let (state, notices) = decode("author=Hao+Ke&sort=bogus&cat=cs.OS&from=nope");
    assert_eq!(notices.len(), 2);
    assert_eq!(state.filter.authors, ["Hao Ke"]);
    assert_eq!(state.filter.categories, ["cs.OS"]);
    assert_eq!(state.filter.sort, SortKey::Feed);
}

#[test]
fn limits_are_enforced_with_notices() {
    let long = "x".repeat(5_000);
    let (state, notices) = decode(&format!("q={long}"));
    assert_eq!(state.filter.text, "");
    assert!(matches!(notices.as_slice(), [UrlNotice::TooLong { .. }]));
    let many = (0..500)
        .map(|i| format!("author=a{i}"))
        .collect::<Vec<_>>()
        .join("&");
    let (state, notices) = decode(&many);
    assert_eq!(state.filter.authors.len(), 200);
    assert!(notices.contains(&UrlNotice::TooManyParameters { limit: 200 }));
}

/// Words for the generated states (see [`Rng`] in `common`).
impl Rng {
    fn word(&mut self) -> String {
        const PIECES: [&str; 16] = [
            "kernel", "Kostić", "&", "=", "+", "%", "#", "\"", "-", "数据", "L.", "a b", "?", "/",
            "ß", "'",
        ];
        (0..1 + self.below(3)).map(|_| self.pick(&PIECES)).collect()
    }

    fn date(&mut self) -> Date {
        Date::from_days_since_epoch(self.below(30_000) as i64 - 5_000)
    }
}

fn random_state(rng: &mut Rng) -> ViewState {
    let mut filter = FilterSpec::default();
    if rng.chance(60) {
        filter.text = format!("{} {}", rng.word(), rng.word());
    }
    for _ in 0..rng.below(4) {
        filter.add_author(&format!("{} {}", rng.word(), rng.word()));
    }
    filter.author_mode = rng.pick(&AuthorMode::ALL);
    filter.loose_authors = rng.chance(30);
    for _ in 0..rng.below(3) {
        filter.add_category(rng.pick(&["cs.OS", "hep-th", "astro-ph.CO", "math.AG", "q-bio.NC"]));
    }
    filter.primary_only = rng.chance(30);
    if rng.chance(50) {
        let (a, b) = (rng.date(), rng.date());
        filter.from = Some(a.min(b));
        if rng.chance(70) {
            filter.to = Some(a.max(b));
        }
    }
    filter.date_field = rng.pick(&DateField::ALL);
    for flag in Flag::ALL {
        if rng.chance(25) {
            filter.toggle_flag(flag);
        }
    }
    for _ in 0..rng.below(3) {
        filter.add_tag(&rng.word());
    }
    filter.sort = rng.pick(&SortKey::ALL);
    ViewState {
        filter,
        paper: rng.chance(40).then(|| {
            rng.pick(&["2603.25666", "astro-ph/0601001", "x&y=z"])
                .to_string()
        }),
        view: rng.pick(&View::ALL),
        graph: GraphView {
            author: rng
                .chance(30)
                .then(|| format!("{} {}", rng.word(), rng.word()))
                .filter(|n| !arxiv_explorer::core::search::name_key(n).is_empty()),
            ego: rng.chance(20).then(|| "Dejan Kostić".to_string()),
            min_papers: 1 + rng.below(5) as u32,
            cluster: rng.chance(20).then(|| "Lichao Sun".to_string()),
            main_only: rng.chance(20),
        },
        passthrough: if rng.chance(30) {
            vec![(
                "feed".to_string(),
                "https://example.org/a.xml?x=1&y=2".to_string(),
            )]
        } else {
            Vec::new()
        },
    }
}

#[test]
fn property_any_state_round_trips_through_its_url() {
    for seed in 1..=3_000u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let state = random_state(&mut rng);
        let query = encode(&state);
        let (decoded, notices) = decode(&query);
        assert!(notices.is_empty(), "seed {seed}: {query} → {notices:?}");
        assert_eq!(decoded, state, "seed {seed}: {query}");
        assert_eq!(encode(&decoded), query, "seed {seed}: canonical");
    }
}

#[test]
fn property_any_query_string_decodes_without_panic() {
    const ALPHABET: &[u8] =
        b"qauthorcatfromtosortviewflagpaper=&%+?#-._~:/\"'0123456789ABCDEFxyz \xC4\x87\xFF";
    for seed in 1..=5_000u64 {
        let mut rng = Rng(seed.wrapping_mul(0xD1B5_4A32_D192_ED03) | 1);
        let bytes: Vec<u8> = (0..rng.below(120)).map(|_| rng.pick(ALPHABET)).collect();
        let query = String::from_utf8_lossy(&bytes);
        let (state, _) = decode(&query);
        // Whatever came in, what goes out is canonical and stable.
        let encoded = encode(&state);
        assert_eq!(
            encode(&decode(&encoded).0),
            encoded,
            "seed {seed}: {query:?}"
        );
    }
}

#[test]
fn similar_like_and_the_digest_flags_round_trip() {
    let (state, notices) =
        decode("?sort=recommended&like=to+read&similar=2604.00012&flag=unread&flag=new");
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(state.filter.sort, SortKey::Recommended);
    assert_eq!(state.filter.like.as_deref(), Some("to read"));
    assert_eq!(state.filter.similar.as_deref(), Some("2604.00012"));
    assert_eq!(state.filter.flags, vec![Flag::New, Flag::Unread]);
    let query = encode(&state);
    assert_eq!(
        query,
        "flag=new&flag=unread&sort=recommended&like=to+read&similar=2604.00012"
    );
    assert_eq!(decode(&query).0, state);
    let (_, notices) = decode("similar=&like=");
    assert_eq!(notices.len(), 2, "{notices:?}");
}
