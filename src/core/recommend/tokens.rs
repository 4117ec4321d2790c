//! From text to terms: folding, the token pattern, stop words and bigrams.

use crate::core::feed::Paper;
use std::sync::OnceLock;

use crate::core::search::fold_into;

/// scikit-learn's classic `ENGLISH_STOP_WORDS` (from the Glasgow IR group), sorted for
/// binary search. The misspelt `amoungst` and the apostrophe-free `couldnt`, `hasnt` and
/// `noone` are in that list too.
pub const STOP_WORDS: [&str; 318] = [
    "a",
    "about",
    "above",
    "across",
    "after",
    "afterwards",
    "again",
    "against",
    "all",
    "almost",
    "alone",
    "along",
    "already",
    "also",
    "although",
    "always",
    "am",
    "among",
    "amongst",
    "amoungst",
    "amount",
    "an",
    "and",
    "another",
    "any",
    "anyhow",
    "anyone",
    "anything",
    "anyway",
    "anywhere",
    "are",
    "around",
    "as",
    "at",
    "back",
    "be",
    "became",
    "because",
    "become",
    "becomes",
    "becoming",
    "been",
    "before",
    "beforehand",
    "behind",
    "being",
    "below",
    "beside",
    "besides",
    "between",
    "beyond",
    "bill",
    "both",
    "bottom",
    "but",
    "by",
    "call",
    "can",
    "cannot",
    "cant",
    "co",
    "con",
    "could",
    "couldnt",
    "cry",
    "de",
    "describe",
    "detail",
    "do",
    "done",
    "down",
    "due",
    "during",
    "each",
    "eg",
    "eight",
    "either",
    "eleven",
    "else",
    "elsewhere",
    "empty",
    "enough",
    "etc",
    "even",
    "ever",
    "every",
    "everyone",
    "everything",
    "everywhere",
    "except",
    "few",
    "fifteen",
    "fifty",
    "fill",
    "find",
    "fire",
    "first",
    "five",
    "for",
    "former",
    "formerly",
    "forty",
    "found",
    "four",
    "from",
    "front",
    "full",
    "further",
    "get",
    "give",
    "go",
    "had",
    "has",
    "hasnt",
    "have",
    "he",
    "hence",
    "her",
    "here",
    "hereafter",
    "hereby",
    "herein",
    "hereupon",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "hundred",
    "i",
    "ie",
    "if",
    "in",
    "inc",
    "indeed",
    "interest",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "keep",
    "last",
    "latter",
    "latterly",
    "least",
    "less",
    "ltd",
    "made",
    "many",
    "may",
    "me",
    "meanwhile",
    "might",
    "mill",
    "mine",
    "more",
    "moreover",
    "most",
    "mostly",
    "move",
    "much",
    "must",
    "my",
    "myself",
    "name",
    "namely",
    "neither",
    "never",
    "nevertheless",
    "next",
    "nine",
    "no",
    "nobody",
    "none",
    "noone",
    "nor",
    "not",
    "nothing",
    "now",
    "nowhere",
    "of",
    "off",
    "often",
    "on",
    "once",
    "one",
    "only",
    "onto",
    "or",
    "other",
    "others",
    "otherwise",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "part",
    "per",
    "perhaps",
    "please",
    "put",
    "rather",
    "re",
    "same",
    "see",
    "seem",
    "seemed",
    "seeming",
    "seems",
    "serious",
    "several",
    "she",
    "should",
    "show",
    "side",
    "since",
    "sincere",
    "six",
    "sixty",
    "so",
    "some",
    "somehow",
    "someone",
    "something",
    "sometime",
    "sometimes",
    "somewhere",
    "still",
    "such",
    "system",
    "take",
    "ten",
    "than",
    "that",
    "the",
    "their",
    "them",
    "themselves",
    "then",
    "thence",
    "there",
    "thereafter",
    "thereby",
    "therefore",
    "therein",
    "thereupon",
    "these",
    "they",
    "thick",
    "thin",
    "third",
    "this",
    "those",
    "though",
    "three",
    "through",
    "throughout",
    "thru",
    "thus",
    "to",
    "together",
    "too",
    "top",
    "toward",
    "towards",
    "twelve",
    "twenty",
    "two",
    "un",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "via",
    "was",
    "we",
    "well",
    "were",
    "what",
    "whatever",
    "when",
    "whence",
    "whenever",
    "where",
    "whereafter",
    "whereas",
    "whereby",
    "wherein",
    "whereupon",
    "wherever",
    "whether",
    "which",
    "while",
    "whither",
    "who",
    "whoever",
    "whole",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

/// Whether `word` (already folded) is one of [`STOP_WORDS`].
pub fn is_stop_word(word: &str) -> bool {
    is_stop_word_bytes(word.as_bytes())
}

/// [`is_stop_word`] for a token as bytes.
pub fn is_stop_word_bytes(word: &[u8]) -> bool {
    // Asked of every token, so without hashing: the stop words are grouped by their shape
    // (length, first and last letter), and a word is compared with the few of its shape.
    struct StopWords {
        /// `words[starts[shape]..starts[shape + 1]]` have that shape.
        starts: Vec<u16>,
        words: Vec<&'static [u8]>,
    }
    static WORDS: OnceLock<StopWords> = OnceLock::new();
    if word.len() > LONGEST_STOP_WORD || word.is_empty() {
        return false;
    }
    let stop = WORDS.get_or_init(|| {
        let mut words: Vec<&'static [u8]> = STOP_WORDS.iter().map(|w| w.as_bytes()).collect();
        words.sort_by_key(|w| shape_of(w));
        let mut starts = vec![0u16; SHAPES + 1];
        for w in &words {
            starts[shape_of(w) + 1] += 1;
        }
        for shape in 0..SHAPES {
            starts[shape + 1] += starts[shape];
        }
        StopWords { starts, words }
    });
    let shape = shape_of(word);
    let (from, to) = (stop.starts[shape], stop.starts[shape + 1]);
    stop.words[usize::from(from)..usize::from(to)].contains(&word)
}

/// Shapes of words up to the longest stop word: (length, first letter, last letter), where a
/// letter is one of 26 or "other".
const SHAPES: usize = (LONGEST_STOP_WORD + 1) * 27 * 27;

/// The shape of a non-empty word no longer than [`LONGEST_STOP_WORD`].
fn shape_of(bytes: &[u8]) -> usize {
    let letter = |byte: u8| match byte {
        b'a'..=b'z' => usize::from(byte - b'a'),
        _ => 26,
    };
    let (first, last) = (bytes[0], bytes[bytes.len() - 1]);
    (bytes.len().min(LONGEST_STOP_WORD) * 27 + letter(first)) * 27 + letter(last)
}

/// A word of at most 16 bytes as one number: its bytes, zero-padded, little-endian. No token
/// holds a zero byte, so two tokens have the same key only if they are the same.
#[inline]
pub(super) fn short_key(word: &[u8]) -> Option<u128> {
    let mut bytes = [0u8; KEY_BYTES];
    bytes.get_mut(..word.len())?.copy_from_slice(word);
    Some(u128::from_le_bytes(bytes))
}

/// The bytes of a [`short_key`].
pub(super) const KEY_BYTES: usize = 16;

/// The length of the longest stop word ("nevertheless"), in bytes.
const LONGEST_STOP_WORD: usize = 12;

/// The text a paper is vectorised from: title, abstract and author names.
pub fn document_text(paper: &Paper) -> String {
    let mut text = String::with_capacity(document_parts(paper).map(str::len).sum());
    document_parts(paper).for_each(|part| text.push_str(part));
    text
}

/// The pieces [`document_text`] is made of, in order.
pub(super) fn document_parts(paper: &Paper) -> impl Iterator<Item = &str> {
    let names = paper
        .authors
        .iter()
        .enumerate()
        .flat_map(|(i, author)| [if i > 0 { " " } else { "" }, author.name.as_str()]);
    [paper.title.as_str(), " ", paper.summary.as_str(), " "]
        .into_iter()
        .chain(names)
}

/// The unigrams of `text` that survive stop-word removal, in order.
pub fn tokens(text: &str) -> Vec<String> {
    let mut folded = String::new();
    let mut spans = Vec::new();
    unigram_spans(text, &mut folded, &mut spans);
    spans
        .iter()
        .map(|&(start, end)| folded[start..end].to_string())
        .collect()
}

/// Every term of `text` in scikit-learn's order: the unigrams, then the bigrams of
/// neighbouring unigrams (neighbours once stop words are gone), joined by a space.
pub fn terms(text: &str) -> Vec<String> {
    let mut scratch = Scratch::default();
    let mut found = Vec::new();
    for_each_term(text, &mut scratch, |term| found.push(term.to_string()));
    found
}

/// Buffers reused from one document to the next.
#[derive(Default)]
pub struct Scratch {
    pub(super) folded: String,
    pub(super) spans: Vec<(usize, usize)>,
    bigram: String,
}

/// Calls `visit` with every term of `text`, in the order of [`terms`], without allocating
/// once `scratch` has grown.
pub fn for_each_term(text: &str, scratch: &mut Scratch, mut visit: impl FnMut(&str)) {
    let Scratch {
        folded,
        spans,
        bigram,
    } = scratch;
    unigram_spans(text, folded, spans);
    for &(start, end) in spans.iter() {
        visit(&folded[start..end]);
    }
    for pair in spans.windows(2) {
        bigram.clear();
        bigram.push_str(&folded[pair[0].0..pair[0].1]);
        bigram.push(' ');
        bigram.push_str(&folded[pair[1].0..pair[1].1]);
        visit(bigram);
    }
}

/// What a byte is to the token pattern `[a-zA-Z_][a-zA-Z0-9_]+`: one table lookup per byte.
pub(super) const BYTE_CLASS: [u8; 256] = {
    let mut table = [OUTSIDE; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = if b.is_ascii_alphabetic() || b == b'_' {
            STARTS
        } else if b.is_ascii_digit() {
            CONTINUES
        } else {
            OUTSIDE
        };
        byte += 1;
    }
    table
};
pub(super) const OUTSIDE: u8 = 0;
const CONTINUES: u8 = 1;
pub(super) const STARTS: u8 = 2;

/// Whether `word` is something the tokeniser can produce: a match of the token pattern,
/// lowercased.
pub(super) fn is_token(word: &[u8]) -> bool {
    let class = |b: &u8| BYTE_CLASS[usize::from(*b)];
    word.len() >= 2
        && word.first().map(class) == Some(STARTS)
        && word
            .iter()
            .all(|b| class(b) != OUTSIDE && !b.is_ascii_uppercase())
}

/// Folds `text` into `folded` and fills `spans` with the byte ranges of the matches of the
/// token pattern that are not stop words.
pub(super) fn unigram_spans(text: &str, folded: &mut String, spans: &mut Vec<(usize, usize)>) {
    folded.clear();
    fold_into(text, folded);
    token_spans(folded, spans);
}

/// Fills `spans` with the byte ranges of the matches of the token pattern in `folded` (text
/// already folded) that are not stop words.
pub(super) fn token_spans(folded: &str, spans: &mut Vec<(usize, usize)>) {
    pattern_spans(folded, spans, |token| !is_stop_word(token));
}

/// Fills `spans` with the byte ranges of the matches of the token pattern in `folded` that
/// `keep` keeps.
pub(super) fn pattern_spans(
    folded: &str,
    spans: &mut Vec<(usize, usize)>,
    keep: impl Fn(&str) -> bool,
) {
    spans.clear();
    let bytes = folded.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if BYTE_CLASS[usize::from(bytes[at])] != STARTS {
            at += 1;
            continue;
        }
        let start = at;
        at += 1;
        while at < bytes.len() && BYTE_CLASS[usize::from(bytes[at])] != OUTSIDE {
            at += 1;
        }
        // The pattern needs two characters; a lone letter matches nothing, and the next
        // candidate start lies past it.
        if at - start >= 2 && keep(&folded[start..at]) {
            spans.push((start, at));
        }
    }
}
