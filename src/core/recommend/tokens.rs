//! From text to terms: folding, the token pattern, stop words and bigrams.

use crate::core::feed::Paper;
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
    STOP_WORDS.binary_search(&word).is_ok()
}

/// The text a paper is vectorised from: title, abstract and author names.
pub fn document_text(paper: &Paper) -> String {
    let names: usize = paper.authors.iter().map(|a| a.name.len() + 1).sum();
    let mut text = String::with_capacity(paper.title.len() + paper.summary.len() + names + 1);
    text.push_str(&paper.title);
    text.push(' ');
    text.push_str(&paper.summary);
    text.push(' ');
    for (i, author) in paper.authors.iter().enumerate() {
        if i > 0 {
            text.push(' ');
        }
        text.push_str(&author.name);
    }
    text
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
    folded: String,
    spans: Vec<(usize, usize)>,
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

/// Folds `text` into `folded` and fills `spans` with the byte ranges of the matches of the
/// token pattern that are not stop words.
fn unigram_spans(text: &str, folded: &mut String, spans: &mut Vec<(usize, usize)>) {
    folded.clear();
    spans.clear();
    fold_into(text, folded);
    let bytes = folded.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let starts = bytes[at].is_ascii_alphabetic() || bytes[at] == b'_';
        if !starts {
            at += 1;
            continue;
        }
        let end = bytes[at..]
            .iter()
            .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_'))
            .map_or(bytes.len(), |p| at + p);
        // The pattern needs two characters; a lone letter matches nothing, and the next
        // candidate start lies past it.
        if end - at >= 2 && !is_stop_word(&folded[at..end]) {
            spans.push((at, end));
        }
        at = end;
    }
}
