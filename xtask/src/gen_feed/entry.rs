//! One paper's text (title, abstract, authors, categories, notes) and its Atom entry, written in
//! the element order the arXiv API uses since Nov 2025.

use std::fmt::Write as _;

use super::corpus::{days, Corpus, Skeleton, STREAM_ENTRY};
use super::pools::{
    Field, ADJECTIVES, CLASS_CODES, CODE_HOSTS, CULTURES, EMPHASES, RESOURCES, TITLE_NOUNS, VERBS,
};
use super::rng::Rng;
use super::time::rfc3339;

const ARXIV_SCHEME: &str = "http://arxiv.org/schemas/atom";
const SUMMARY_MIN_CHARS: usize = 600;
const SUMMARY_MAX_CHARS: usize = 2000;
const MAX_AUTHORS: usize = 1000;

pub struct PaperText {
    pub versioned_id: String,
    pub title: String,
    pub summary: String,
    pub authors: Vec<(String, Vec<&'static str>)>,
    pub published: i64,
    pub updated: i64,
    pub primary: &'static str,
    pub categories: Vec<&'static str>,
    pub comment: Option<String>,
    pub journal_ref: Option<String>,
    pub doi: Option<String>,
}

impl PaperText {
    /// The paper at `position` in feed order; its text comes from its own random stream.
    pub fn new(corpus: &Corpus, position: usize) -> PaperText {
        let skeleton = &corpus.papers[position];
        let mut rng = Rng::stream(corpus.seed, STREAM_ENTRY, position as u64);
        let field = corpus.field_of(skeleton.community);

        let version = *rng.weighted(&[(1u32, 74), (2, 17), (3, 6), (4, 2), (5, 1)]);
        let (version, updated) = revision(&mut rng, corpus, skeleton, version);

        let (primary, categories) = categories(&mut rng, corpus, skeleton, field);
        let people = choose_people(&mut rng, corpus, skeleton);
        let authors = names(&mut rng, corpus, &people);
        let method = method_name(&mut rng);
        let title = title(&mut rng, field, &method);
        let summary = summary(&mut rng, field, &method);

        let comment = rng.chance(550).then(|| comment(&mut rng, field, version));
        let journal = (!field.journals.is_empty()).then(|| *rng.pick(field.journals));
        let (journal_ref, doi) = match journal {
            Some((reference, doi_template)) if rng.chance(120) => {
                let year = 2025 + rng.below(2);
                let volume = rng.between(10, 130);
                let number = rng.between(10_000, 999_999);
                let doi = (!doi_template.is_empty() && rng.chance(750))
                    .then(|| fill(doi_template, volume, number, year));
                (Some(fill(reference, volume, number, year)), doi)
            }
            Some((_, doi_template)) if !doi_template.is_empty() && rng.chance(50) => {
                let doi = fill(
                    doi_template,
                    rng.between(10, 130),
                    rng.between(10_000, 999_999),
                    2026,
                );
                (None, Some(doi))
            }
            _ => (None, None),
        };

        PaperText {
            versioned_id: format!("{}v{version}", skeleton.id),
            title,
            summary,
            authors,
            published: skeleton.published,
            updated,
            primary,
            categories,
            comment,
            journal_ref,
            doi,
        }
    }

    /// Appends the `<entry>` element, indented as the API indents it.
    pub fn write_entry(&self, out: &mut String) {
        let id = &self.versioned_id;
        out.push_str("  <entry>\n");
        let _ = writeln!(out, "    <id>http://arxiv.org/abs/{id}</id>");
        element(out, "title", &self.title);
        element(out, "updated", &rfc3339(self.updated));
        let _ = writeln!(
            out,
            "    <link href=\"https://arxiv.org/abs/{id}\" rel=\"alternate\" type=\"text/html\"/>"
        );
        let _ = writeln!(
            out,
            "    <link href=\"https://arxiv.org/pdf/{id}\" rel=\"related\" type=\"application/pdf\" title=\"pdf\"/>"
        );
        element(out, "summary", &self.summary);
        for category in &self.categories {
            let _ = writeln!(
                out,
                "    <category term=\"{}\" scheme=\"{ARXIV_SCHEME}\"/>",
                escape(category, true)
            );
        }
        element(out, "published", &rfc3339(self.published));
        if let Some(comment) = &self.comment {
            element(out, "arxiv:comment", comment);
        }
        let _ = writeln!(
            out,
            "    <arxiv:primary_category term=\"{}\"/>",
            self.primary
        );
        if let Some(journal_ref) = &self.journal_ref {
            element(out, "arxiv:journal_ref", journal_ref);
        }
        for (name, affiliations) in &self.authors {
            out.push_str("    <author>\n      <name>");
            out.push_str(&escape(name, false));
            out.push_str("</name>\n");
            for affiliation in affiliations {
                out.push_str("      <arxiv:affiliation>");
                out.push_str(&escape(affiliation, false));
                out.push_str("</arxiv:affiliation>\n");
            }
            out.push_str("    </author>\n");
        }
        if let Some(doi) = &self.doi {
            element(out, "arxiv:doi", doi);
            let _ = writeln!(
                out,
                "    <link rel=\"related\" href=\"https://doi.org/{}\" title=\"doi\"/>",
                escape(doi, true)
            );
        }
        out.push_str("  </entry>\n");
    }
}

fn element(out: &mut String, name: &str, text: &str) {
    let _ = writeln!(out, "    <{name}>{}</{name}>", escape(text, false));
}

/// XML escaping for text (`&`, `<`, `>`) and attribute values (also `"`).
pub fn escape(text: &str, attribute: bool) -> std::borrow::Cow<'_, str> {
    let needs = |c: char| matches!(c, '&' | '<' | '>') || (attribute && c == '"');
    if !text.contains(needs) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The version and the date of the version the feed shows: a quarter of papers were revised,
/// days to months after the first submission (old papers up to years later).
fn revision(rng: &mut Rng, corpus: &Corpus, skeleton: &Skeleton, version: u32) -> (u32, i64) {
    if version == 1 {
        return (1, skeleton.published);
    }
    let gap = if skeleton.old_archive.is_some() {
        days(rng.between(30, 8 * 365))
    } else {
        days(rng.between(1, 240))
    } + rng.below(86_400) as i64;
    let updated = (skeleton.published + gap).min(corpus.end - 1);
    if updated <= skeleton.published {
        (1, skeleton.published)
    } else {
        (version, updated)
    }
}

fn categories(
    rng: &mut Rng,
    corpus: &Corpus,
    skeleton: &Skeleton,
    field: &'static Field,
) -> (&'static str, Vec<&'static str>) {
    let primary = match skeleton.old_archive {
        Some((_, primary)) => primary,
        None if rng.chance(800) => corpus.communities[skeleton.community as usize].home,
        None => *rng.weighted(field.primaries),
    };
    let mut categories = vec![primary];
    let extra = *rng.weighted(&[(0usize, 40), (1, 30), (2, 18), (3, 9), (4, 3)]);
    for _ in 0..extra {
        let category = *rng.pick(field.cross);
        if !categories.contains(&category) {
            categories.push(category);
        }
    }
    if rng.chance(25) {
        categories.push(*rng.pick(CLASS_CODES));
    }
    (primary, categories)
}

/// 1–15 authors for almost every paper, mostly from the paper's community with some from
/// elsewhere (the cross links of a co-author graph); rare consortium papers with dozens and
/// collaboration papers with hundreds, up to 1,000.
pub(super) fn choose_people(rng: &mut Rng, corpus: &Corpus, skeleton: &Skeleton) -> Vec<u32> {
    let count = match rng.below(10_000) {
        0..=9_739 => *rng.weighted(&[
            (1usize, 80),
            (2, 140),
            (3, 170),
            (4, 160),
            (5, 130),
            (6, 90),
            (7, 60),
            (8, 45),
            (9, 30),
            (10, 25),
            (11, 15),
            (12, 12),
            (13, 10),
            (14, 8),
            (15, 6),
        ]),
        9_740..=9_949 => rng.between(16, 50),
        9_950..=9_989 => rng.between(51, 200),
        _ => rng.between(201, MAX_AUTHORS),
    };
    let community = &corpus.communities[skeleton.community as usize];
    let mut chosen: Vec<u32> = Vec::with_capacity(count);
    if count > 50 {
        let collaboration = &corpus.communities[*rng.pick(&corpus.large) as usize];
        // A partial shuffle: `count` distinct members in random order.
        let mut members = collaboration.members.clone();
        let take = count.min(members.len());
        for i in 0..take {
            let j = i + rng.below(members.len() - i);
            members.swap(i, j);
        }
        chosen.extend_from_slice(&members[..take]);
    } else {
        let same_field = &corpus.by_field[community.field];
        let mut attempts = 0;
        while chosen.len() < count && attempts < count * 20 {
            attempts += 1;
            let person = if rng.chance(880) && chosen.len() < community.members.len() {
                *rng.pick(&community.members)
            } else if rng.chance(700) {
                // A colleague from a neighbouring group of the same field.
                let other = &corpus.communities[*rng.pick(same_field) as usize];
                *rng.pick(&other.members)
            } else {
                rng.below(corpus.people.len()) as u32
            };
            if !chosen.contains(&person) {
                chosen.push(person);
            }
        }
    }
    chosen
}

/// Names as printed (now and then initialled) and, in about a fifth of papers, affiliations.
fn names(rng: &mut Rng, corpus: &Corpus, people: &[u32]) -> Vec<(String, Vec<&'static str>)> {
    let with_affiliations = rng.chance(180);
    people
        .iter()
        .copied()
        .map(|index| {
            let person = &corpus.people[index as usize];
            let name = if rng.chance(30) {
                person.initialled_name()
            } else {
                person.full_name()
            };
            let mut affiliations = Vec::new();
            if with_affiliations && rng.chance(750) {
                affiliations.push(person.institution);
                if rng.chance(100) {
                    affiliations.push(*rng.pick(super::pools::INSTITUTIONS));
                }
            }
            (name, affiliations)
        })
        .collect()
}

/// A system or method name such as "KRONOS" or "GateNet".
fn method_name(rng: &mut Rng) -> String {
    const PARTS: &[&str] = &[
        "KRO", "NOS", "Gate", "ANN", "Flux", "Spar", "Ta", "Lex", "Mira", "Zen", "Vox", "Ora",
        "Quil", "Prism", "Hel", "Ix", "Tau", "Nova", "Orbit", "Cal",
    ];
    const SUFFIXES: &[&str] = &["", "", "", "Net", "Former", "-X", "++", "2", "Bench"];
    let mut name = rng.pick(PARTS).to_string();
    if rng.chance(600) {
        name.push_str(rng.pick_str(PARTS));
    }
    name.push_str(rng.pick_str(SUFFIXES));
    name
}

fn title(rng: &mut Rng, field: &Field, method: &str) -> String {
    // The API returns such titles literally (the legacy API used to drop them).
    if rng.below(5000) == 0 {
        return "0".to_string();
    }
    let topic = rng.pick(field.topics);
    let technique = rng.pick(field.techniques);
    let adjective = rng.pick(ADJECTIVES);
    let noun = rng.pick(TITLE_NOUNS);
    let math = rng.pick(field.math);
    let text = match rng.below(9) {
        0 => format!("{method}: {adjective} {technique} for {topic}"),
        1 => format!("On {topic} and {}", rng.pick(field.topics)),
        2 => format!("{adjective} {technique} for {topic}"),
        3 => format!("Towards {adjective} {topic} via {technique}"),
        4 => format!("A Note on {topic}"),
        5 => format!(
            "{topic} with {technique}: {} {adjective} {noun}",
            article(adjective)
        ),
        6 => format!("{adjective} {noun} for {topic} beyond {math}"),
        7 => format!("{method}: {topic} at Scale"),
        _ => format!("Revisiting {topic}: {adjective} {noun} and Open Problems"),
    };
    title_case(&text)
}

/// Capitalises words as arXiv titles usually are, leaving LaTeX and short words alone.
fn title_case(text: &str) -> String {
    const SMALL: &[&str] = &[
        "a", "an", "and", "at", "for", "in", "of", "on", "the", "to", "via", "with", "beyond",
    ];
    let mut out = String::with_capacity(text.len());
    let mut in_math = false;
    for (index, word) in text.split(' ').enumerate() {
        if index > 0 {
            out.push(' ');
        }
        let starts_math = word.starts_with('$') || word.starts_with('\\');
        let keep = in_math || starts_math || (index > 0 && SMALL.contains(&word));
        if word.matches('$').count() % 2 == 1 {
            in_math = !in_math;
        }
        let mut chars = word.chars();
        match chars.next() {
            Some(first) if !keep => {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
            _ => out.push_str(word),
        }
    }
    out
}

/// 600–2,000 characters of abstract: an opening, the contribution, results in random order
/// (each kind of sentence at most once) and a closing line, with inline LaTeX, `\emph{}`,
/// characters that need escaping and, in a quarter of papers, line breaks.
fn summary(rng: &mut Rng, field: &Field, method: &str) -> String {
    // The last sentence overshoots the target by ~150 characters, so abstracts average about
    // 1,100 characters, as arXiv's do.
    let target = SUMMARY_MIN_CHARS + rng.below(330) + rng.below(330);
    let newlines = rng.chance(250);
    let mut middle: Vec<usize> = (0..MIDDLE_SENTENCES).collect();
    for i in 0..middle.len() {
        let j = i + rng.below(middle.len() - i);
        middle.swap(i, j);
    }
    let mut plan = vec![OPENINGS[rng.below(OPENINGS.len())], PROPOSAL];
    plan.extend(middle.iter().map(|m| FIRST_MIDDLE + m));
    let mut text = String::with_capacity(SUMMARY_MAX_CHARS + 8);
    let mut chars = 0;
    for kind in plan.into_iter().chain([CLOSING]) {
        if chars >= target && kind != CLOSING {
            continue;
        }
        let sentence = sentence(rng, field, method, kind);
        let length = sentence.chars().count() + 1;
        if chars + length > SUMMARY_MAX_CHARS {
            continue;
        }
        if !text.is_empty() {
            text.push(if newlines && rng.chance(300) {
                '\n'
            } else {
                ' '
            });
        }
        text.push_str(&sentence);
        chars += length;
    }
    text
}

/// Account names in code links (URLs stay ASCII).
const HANDLES: &[&str] = &[
    "kostic-lab",
    "mueller",
    "oster-group",
    "nguyen",
    "wchen",
    "lefevre",
    "qml-lab",
    "sysgroup",
];

const OPENINGS: [usize; 2] = [0, 1];
const PROPOSAL: usize = 2;
const FIRST_MIDDLE: usize = 3;
const MIDDLE_SENTENCES: usize = 14;
const CLOSING: usize = FIRST_MIDDLE + MIDDLE_SENTENCES;

/// "a" or "an" before `word` (by its first letter, which is good enough for the pools).
fn article(word: &str) -> &'static str {
    match word.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u' | 'A' | 'E' | 'I' | 'O' | 'U') => "an",
        _ => "a",
    }
}

fn sentence(rng: &mut Rng, field: &Field, method: &str, kind: usize) -> String {
    let topic = *rng.pick(field.topics);
    let other_topic = *rng.pick(field.topics);
    let technique = *rng.pick(field.techniques);
    let other_technique = *rng.pick(field.techniques);
    let math = *rng.pick(field.math);
    let other_math = *rng.pick(field.math);
    let adjective = *rng.pick(ADJECTIVES);
    let an = article(adjective);
    let metric = *rng.pick(field.metrics);
    match kind {
        0 => format!(
            "The study of {topic} is a central problem in {}, with applications ranging from {other_topic} to {}.",
            field.area,
            rng.pick(field.topics)
        ),
        1 => format!(
            "Existing approaches to {topic} either rely on {technique} or require {}, which limits their applicability in practice.",
            rng.pick(RESOURCES)
        ),
        2 => format!(
            "In this paper, we propose {method}, {an} {adjective} {} for {topic} based on {technique}.",
            rng.pick(TITLE_NOUNS).to_lowercase()
        ),
        3 => format!(
            "We prove that {method} achieves a bound of {math}, improving on the best previously known result by a logarithmic factor."
        ),
        4 => format!(
            "Our key insight is that {} can be exploited to {} the analysis of {topic}.",
            rng.pick(EMPHASES),
            rng.pick(VERBS)
        ),
        5 => format!(
            "Experiments on {} benchmarks show that our approach reduces {metric} by up to {}{} while remaining competitive in {}.",
            rng.between(3, 14),
            rng.between(5, 70),
            if rng.chance(500) { "\\%" } else { "%" },
            rng.pick(field.metrics)
        ),
        6 => format!("Moreover, we show that the problem of {topic} remains tractable under {technique} whenever {math}."),
        7 => format!("We further establish {math} for all {other_math}, which is tight up to logarithmic factors."),
        8 => format!("Numerical simulations confirm the theoretical predictions and reveal a transition at {math}."),
        9 => {
            let culture = rng.pick(CULTURES);
            format!(
                "This answers a question raised by {} and {} for the case {other_math}.",
                rng.pick(culture.family),
                rng.pick(culture.family)
            )
        }
        10 => format!(
            "Our analysis combines {technique} with {other_technique} and yields {an} {adjective} algorithm with {math} complexity."
        ),
        11 => format!(
            "We also release a benchmark of {} examples that captures the trade-off between accuracy & cost (with $k < n$ labelled samples).",
            rng.between(1_000, 90_000)
        ),
        12 => format!(
            "Compared with {technique}, {method} is up to {}.{}$\\times$ faster and uses {}% less memory.",
            rng.between(1, 9),
            rng.below(10),
            rng.between(10, 80)
        ),
        13 => format!(
            "We identify {} failure modes in {topic} and show that each of them can be mitigated with {technique}.",
            rng.between(2, 6)
        ),
        14 => format!(
            "The resulting estimates hold uniformly in {math} and do not depend on {}.",
            rng.pick(RESOURCES)
        ),
        15 => format!(
            "Code and data are available at {}/{}/{}.",
            rng.pick(CODE_HOSTS),
            rng.pick(HANDLES),
            method.to_lowercase()
        ),
        16 => format!(
            "In the regime {math}, the behaviour of {other_topic} is governed by \\emph{{{}}} effects.",
            rng.pick(&["boundary", "finite-size", "nonlocal", "collective"])
        ),
        _ => format!("Finally, we discuss implications for {other_topic} and outline directions for future work."),
    }
}

fn comment(rng: &mut Rng, field: &Field, version: u32) -> String {
    let pages = rng.between(4, 60);
    let figures = rng.between(1, 15);
    let venue = rng.pick(field.venues);
    match rng.below(8) {
        0 => format!("{pages} pages, {figures} figures"),
        1 => format!(
            "{pages} pages, {figures} figures, {} tables",
            rng.between(1, 8)
        ),
        2 => format!("Accepted at {venue}"),
        3 => format!("{pages} pages; to appear in {venue}"),
        4 if version > 1 => format!("v{version}: revised after referee comments; {pages} pages"),
        5 => format!("Comments welcome! {pages} pages"),
        6 => format!(
            "{pages} pages, {figures} figures. Code: {}/{}",
            rng.pick(CODE_HOSTS),
            rng.between(1_000_000, 9_999_999)
        ),
        _ => format!("Extended version of a paper at {venue}"),
    }
}

fn fill(template: &str, volume: usize, number: usize, year: usize) -> String {
    template
        .replace("{v}", &volume.to_string())
        .replace("{n}", &number.to_string())
        .replace("{y}", &year.to_string())
}
