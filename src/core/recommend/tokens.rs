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
const KEY_BYTES: usize = 16;

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
const BYTE_CLASS: [u8; 256] = {
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
const OUTSIDE: u8 = 0;
const CONTINUES: u8 = 1;
const STARTS: u8 = 2;

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

/// The tokens of a paper's [`document_text`]: the same tokens as [`fold_into`] followed by
/// [`token_spans`] (stop words included; the caller drops them), as spans of the folded text.
///
/// The token pattern is matched eight bytes at a time: each word of the text gives the bits
/// of the bytes the pattern takes ([`inside_bits`]), and tokens are read from those bits a
/// run at a time, so the work goes by tokens rather than by bytes.
#[derive(Default)]
pub struct Tokeniser {
    /// The document's folded text, then [`KEY_BYTES`] zero bytes, so that every token's
    /// first 16 bytes can be read at once ([`Tokeniser::keyed_tokens`]).
    text: Vec<u8>,
    /// Bit `i % 64` of `inside[i / 64]`: byte `i` of `text` is a letter, a digit or `_`.
    inside: Vec<u64>,
    /// Each token's start and end in `text`.
    spans: Vec<(u32, u32)>,
    /// One part of the text outside ASCII, folded.
    folded: String,
}

impl Tokeniser {
    /// Reads the tokens of `paper`'s document text.
    pub fn paper(&mut self, paper: &Paper) {
        self.text.clear();
        for part in document_parts(paper) {
            self.push_folded(part);
        }
        self.find_tokens();
    }

    /// Reads the tokens of `text`, as [`unigram_spans`] finds them (stop words included).
    pub fn document(&mut self, text: &str) {
        self.text.clear();
        self.push_folded(text);
        self.find_tokens();
    }

    fn push_folded(&mut self, part: &str) {
        if part.is_ascii() {
            // Lowercased with the rest in `find_tokens`.
            self.text.extend_from_slice(part.as_bytes());
            return;
        }
        self.folded.clear();
        fold_into(part, &mut self.folded);
        self.text.extend_from_slice(self.folded.as_bytes());
    }

    /// Lowercases the text and finds its tokens: runs of letters, digits and `_`, each from
    /// its first letter or `_` on, of at least two bytes.
    fn find_tokens(&mut self) {
        let Tokeniser {
            text,
            inside,
            spans,
            ..
        } = self;
        let length = text.len();
        inside.clear();
        spans.clear();
        // Whole words of eight bytes, then the rest zero-padded (zero is outside the pattern).
        text.resize(length.next_multiple_of(8), 0);
        let mut bits = 0u64;
        for (i, chunk) in text.chunks_exact_mut(8).enumerate() {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let (lowered, chunk_bits) = inside_bits(u64::from_le_bytes(word));
            chunk.copy_from_slice(&lowered.to_le_bytes());
            bits |= chunk_bits << (8 * (i % 8));
            if i % 8 == 7 {
                inside.push(bits);
                bits = 0;
            }
        }
        // At least one word with a clear bit past the text, so every run ends.
        inside.push(bits);
        text.truncate(length);
        text.extend_from_slice(&[0; KEY_BYTES]);
        let mut at = 0;
        while let Some(start) = next_bit(inside, at, false) {
            let end = next_bit(inside, start, true).unwrap_or(length);
            at = end;
            // Digits before a letter or `_` start nothing.
            let Some(first) = text[start..end]
                .iter()
                .position(|&b| BYTE_CLASS[usize::from(b)] == STARTS)
            else {
                continue;
            };
            // The pattern needs two characters: a lone letter is dropped.
            if end - (start + first) >= 2 {
                spans.push(((start + first) as u32, end as u32));
            }
        }
    }

    /// The tokens read, in order, each with its [`short_key`].
    pub fn keyed_tokens(&self) -> impl Iterator<Item = (&[u8], Option<u128>)> + '_ {
        self.spans.iter().map(move |&(start, end)| {
            let (start, end) = (start as usize, end as usize);
            let token = &self.text[start..end];
            // The token's bytes and what follows, cut to the token's length: one load
            // instead of a copy of a length known only now.
            let key = match self.text.get(start..start + KEY_BYTES) {
                Some(chunk) if token.len() <= KEY_BYTES => {
                    let mut bytes = [0; KEY_BYTES];
                    bytes.copy_from_slice(chunk);
                    let all = u128::from_le_bytes(bytes);
                    Some(match token.len() {
                        KEY_BYTES => all,
                        length => all & ((1 << (8 * length)) - 1),
                    })
                }
                _ => short_key(token),
            };
            (token, key)
        })
    }

    /// The tokens read, in order, as folded ASCII.
    pub fn tokens(&self) -> impl Iterator<Item = &[u8]> + '_ {
        self.spans
            .iter()
            .map(move |&(start, end)| &self.text[start as usize..end as usize])
    }
}

/// Eight bytes of text with their ASCII capitals lowercased, and bit `i` set where byte `i`
/// is a letter, a digit or `_` (non-ASCII bytes are outside the pattern).
///
/// Each test adds to the low seven bits of every byte a constant that carries into its top
/// bit exactly when the byte is at least some value; no sum leaves its byte.
#[inline]
pub(super) fn inside_bits(word: u64) -> (u64, u64) {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const TOP: u64 = 0x8080_8080_8080_8080;
    let seven = word & !TOP;
    // Top bit set where the byte is at least `low`.
    let at_least = |value: u64, low: u8| value + LOW * u64::from(0x80 - low);
    let in_range =
        |value: u64, low: u8, high: u8| at_least(value, low) & !at_least(value, high + 1) & TOP;
    let capital = in_range(seven, b'A', b'Z') & !word;
    let lowered = word | (capital >> 2);
    let letter = in_range(seven | (LOW * 0x20), b'a', b'z');
    let digit = in_range(seven, b'0', b'9');
    let underscore = in_range(seven, b'_', b'_');
    let inside = (letter | digit | underscore) & !word & TOP;
    // The top bit of byte `i` to bit `i`: each lands in the top byte of the product.
    let bits = ((inside >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56;
    (lowered, bits)
}

/// The first byte from `from` on whose bit in `bits` is set (or, with `clear`, is not).
#[inline]
fn next_bit(bits: &[u64], from: usize, clear: bool) -> Option<usize> {
    let flip = if clear { u64::MAX } else { 0 };
    let mut word = from / 64;
    let mut current = (bits.get(word)? ^ flip) & (u64::MAX << (from % 64));
    while current == 0 {
        word += 1;
        current = bits.get(word)? ^ flip;
    }
    Some(word * 64 + current.trailing_zeros() as usize)
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
        if at - start >= 2 && !is_stop_word(&folded[start..at]) {
            spans.push((start, at));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_bytes_at_once_classify_and_lowercase_as_one_byte_at_a_time_does() {
        // Every byte value in every lane, beside neighbours that would carry into it if a
        // test's sum left its byte.
        for byte in 0..=255u8 {
            for lane in 0..8 {
                for fill in [0x00u8, 0x7f, 0x80, 0xff, b'Z', b'_'] {
                    let mut bytes = [fill; 8];
                    bytes[lane] = byte;
                    let (lowered, bits) = inside_bits(u64::from_le_bytes(bytes));
                    let lowered = lowered.to_le_bytes();
                    for i in 0..8 {
                        let b = bytes[i];
                        assert_eq!(lowered[i], b.to_ascii_lowercase(), "{bytes:?} at {i}");
                        let inside = BYTE_CLASS[usize::from(b)] != OUTSIDE;
                        assert_eq!(bits >> i & 1 == 1, inside, "{bytes:?} at {i}");
                    }
                    assert!(bits < 256);
                }
            }
        }
    }

    #[test]
    fn runs_are_found_across_words_of_bits() {
        let bits = [0u64, 1 << 63, u64::MAX, 0b110];
        assert_eq!(next_bit(&bits, 0, false), Some(127));
        assert_eq!(next_bit(&bits, 127, true), Some(192));
        assert_eq!(next_bit(&bits, 192, false), Some(193));
        assert_eq!(next_bit(&bits, 193, true), Some(195));
        assert_eq!(next_bit(&bits, 195, false), None);
        assert_eq!(next_bit(&bits, 400, false), None);
    }
}
