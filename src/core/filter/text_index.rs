//! A word index over the folded text of every paper, so a keystroke in the search box looks up
//! words instead of scanning tens of megabytes of abstracts.
//!
//! Search terms match anywhere inside the text ("ransf" finds "transformer"). Text is split
//! into words, maximal runs of alphanumeric characters; a term that is itself one such run can
//! only occur inside a single word, so "the paper contains the term" is exactly "one of its
//! words contains the term". The vocabulary is small (a few megabytes at most), so finding the
//! words that contain a term is a fast substring scan over it, and each word lists its papers.
//! Single characters, which nearly every word contains, use a per-paper character signature.
//! Terms with spaces or punctuation get the papers that hold all their words, to be checked
//! against the text itself.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use memchr::memmem;

use super::paper_text::PaperText;
use crate::core::feed::Paper;
use std::borrow::Borrow;

/// A set of paper positions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaperSet {
    words: Vec<u64>,
}

impl PaperSet {
    pub fn empty(papers: usize) -> PaperSet {
        PaperSet {
            words: vec![0; papers.div_ceil(64)],
        }
    }

    pub fn full(papers: usize) -> PaperSet {
        let mut set = PaperSet {
            words: vec![u64::MAX; papers.div_ceil(64)],
        };
        if !papers.is_multiple_of(64) {
            if let Some(last) = set.words.last_mut() {
                *last = (1u64 << (papers % 64)) - 1;
            }
        }
        set
    }

    pub fn insert(&mut self, paper: usize) {
        if let Some(word) = self.words.get_mut(paper / 64) {
            *word |= 1 << (paper % 64);
        }
    }

    pub fn contains(&self, paper: usize) -> bool {
        self.words
            .get(paper / 64)
            .is_some_and(|word| word & (1 << (paper % 64)) != 0)
    }

    pub fn intersect(&mut self, other: &PaperSet) {
        for (mine, theirs) in self.words.iter_mut().zip(&other.words) {
            *mine &= theirs;
        }
    }

    pub fn len(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|w| *w == 0)
    }

    /// The positions in the set, in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(i, &word)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                if rest == 0 {
                    return None;
                }
                let bit = rest.trailing_zeros() as usize;
                rest &= rest - 1;
                Some(i * 64 + bit)
            })
        })
    }
}

/// The papers that may contain a term; when `exact`, exactly those that do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidates {
    pub papers: PaperSet,
    pub exact: bool,
}

/// FxHash: word lookups during indexing dominate its cost, and the keys are not attacker
/// chosen in any way that matters (a slow index only slows the page that loaded the feed).
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// The signature bit of a character: one per ASCII letter and digit, the rest share 28 bits.
fn signature_bit(c: char) -> u64 {
    let bit = match c {
        'a'..='z' => c as u32 - 'a' as u32,
        '0'..='9' => 26 + c as u32 - '0' as u32,
        _ => 36 + c as u32 % 28,
    };
    1 << bit
}

/// Calls `visit` with each word (maximal alphanumeric run) of `text` and adds the words'
/// characters to `signature`. ASCII, nearly all of any feed, is classified byte by byte.
fn for_each_word<'a>(text: &'a str, signature: &mut u64, mut visit: impl FnMut(&'a str)) {
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut start = None;
    while at < bytes.len() {
        let byte = bytes[at];
        let (c, width) = if byte.is_ascii() {
            (byte as char, 1)
        } else {
            let c = text[at..].chars().next().unwrap_or(' ');
            (c, c.len_utf8())
        };
        if c.is_alphanumeric() {
            *signature |= signature_bit(c);
            start.get_or_insert(at);
        } else if let Some(from) = start.take() {
            visit(&text[from..at]);
        }
        at += width;
    }
    if let Some(from) = start {
        visit(&text[from..]);
    }
}

#[derive(Clone, Debug, Default)]
pub struct TextIndex {
    papers: usize,
    /// Every word once, each followed by `\n`.
    vocabulary: String,
    /// Byte offset of each word in `vocabulary`.
    word_starts: Vec<u32>,
    /// Papers of word `w`: `postings[posting_starts[w]..posting_starts[w + 1]]`, ascending,
    /// each as the distance from the one before (the first from -1) in LEB128: a word's
    /// papers are mostly close together, so this takes a third of the space of `u32`s.
    posting_starts: Vec<u32>,
    postings: Vec<u8>,
    /// Per paper, which characters its words contain ([`signature_bit`]).
    signatures: Vec<u64>,
}

impl TextIndex {
    /// Indexes the folded text of each paper (`texts[i]` belongs to `papers[i]`).
    pub fn build<P: Borrow<Paper>>(papers: &[P], texts: &[PaperText]) -> TextIndex {
        let mut ids: FxMap<Box<str>, u32> = FxMap::default();
        // Per word: its papers so far, encoded, and the last paper added (+1; 0: none yet).
        let mut lists: Vec<Vec<u8>> = Vec::new();
        let mut last_paper: Vec<u32> = Vec::new();
        let mut signatures = Vec::with_capacity(texts.len());
        let mut scratch = String::new();
        for (position, (text, paper)) in texts.iter().zip(papers).enumerate() {
            let marker = position as u32 + 1;
            let mut signature = 0u64;
            text.for_each_field(paper.borrow(), &mut scratch, |field| {
                for_each_word(field, &mut signature, |word| {
                    let id = match ids.get(word) {
                        Some(&id) => id,
                        None => {
                            let id = lists.len() as u32;
                            ids.insert(word.into(), id);
                            lists.push(Vec::new());
                            last_paper.push(0);
                            id
                        }
                    };
                    let word = id as usize;
                    let last = last_paper[word];
                    // Papers are visited in order, so a repeat is always the last entry.
                    if last != marker {
                        last_paper[word] = marker;
                        push_varint(&mut lists[word], marker - last);
                    }
                });
            });
            signatures.push(signature);
        }
        drop(last_paper);
        let mut words: Vec<(Box<str>, u32)> = ids.into_iter().collect();
        words.sort_unstable_by_key(|(_, id)| *id);
        let mut vocabulary = String::with_capacity(words.iter().map(|(w, _)| w.len() + 1).sum());
        let mut word_starts = Vec::with_capacity(words.len());
        for (word, _) in words {
            word_starts.push(vocabulary.len() as u32);
            vocabulary.push_str(&word);
            vocabulary.push('\n');
        }
        let mut posting_starts = Vec::with_capacity(lists.len() + 1);
        let mut postings = Vec::with_capacity(lists.iter().map(Vec::len).sum());
        for list in lists {
            posting_starts.push(postings.len() as u32);
            postings.extend_from_slice(&list);
        }
        posting_starts.push(postings.len() as u32);
        TextIndex {
            papers: texts.len(),
            vocabulary,
            word_starts,
            posting_starts,
            postings,
            signatures,
        }
    }

    /// The papers whose text may contain the folded `term`.
    pub fn candidates(&self, term: &str) -> Candidates {
        let tokens: Vec<&str> = term
            .split(|c: char| !c.is_alphanumeric())
            .filter(|t| !t.is_empty())
            .collect();
        let single = tokens.len() == 1 && tokens[0].len() == term.len();
        let mut papers = PaperSet::full(self.papers);
        let mut exact = single;
        for token in &tokens {
            let mut chars = token.chars();
            let found = match (chars.next(), chars.next()) {
                (Some(c), None) => {
                    exact &= c.is_ascii_alphanumeric();
                    self.with_character(c)
                }
                _ => self.containing(token),
            };
            papers.intersect(&found);
        }
        Candidates { papers, exact }
    }

    fn with_character(&self, c: char) -> PaperSet {
        let bit = signature_bit(c);
        let mut set = PaperSet::empty(self.papers);
        for (paper, signature) in self.signatures.iter().enumerate() {
            if signature & bit != 0 {
                set.insert(paper);
            }
        }
        set
    }

    /// The papers with a word containing `token` (alphanumeric only, so never `\n`).
    fn containing(&self, token: &str) -> PaperSet {
        let mut set = PaperSet::empty(self.papers);
        let mut last_word = None;
        for at in memmem::find_iter(self.vocabulary.as_bytes(), token.as_bytes()) {
            let word = self
                .word_starts
                .partition_point(|&start| start as usize <= at)
                - 1;
            if last_word == Some(word) {
                continue;
            }
            last_word = Some(word);
            let (from, to) = (
                self.posting_starts[word] as usize,
                self.posting_starts[word + 1] as usize,
            );
            for paper in papers_of(&self.postings[from..to]) {
                set.insert(paper);
            }
        }
        set
    }

    /// Bytes held by the index, for memory accounting.
    pub fn heap_bytes(&self) -> usize {
        self.vocabulary.capacity()
            + 4 * (self.word_starts.capacity() + self.posting_starts.capacity())
            + self.postings.capacity()
            + 8 * self.signatures.capacity()
    }
}

/// Appends `value` in LEB128: seven bits a byte, low bits first, the high bit set on all but
/// the last byte.
fn push_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7F) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// The paper positions of one encoded posting list.
fn papers_of(encoded: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let mut bytes = encoded.iter();
    // One before the first paper, so the first distance is at least 1.
    let mut previous: i64 = -1;
    std::iter::from_fn(move || {
        let mut value = 0u32;
        let mut shift = 0;
        loop {
            let byte = *bytes.next()?;
            value |= u32::from(byte & 0x7F) << shift;
            if byte & 0x80 == 0 {
                break;
            }
            shift += 7;
            if shift > 28 {
                return None;
            }
        }
        previous += i64::from(value);
        Some(previous as usize)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paper(title: &str, summary: &str) -> Paper {
        Paper {
            title: title.into(),
            summary: summary.into(),
            ..Paper::default()
        }
    }

    #[test]
    fn candidates_are_exact_for_words_and_a_superset_otherwise() {
        let papers = vec![
            paper("Deep Transformers", "We study attention"),
            paper("graph neural networks", "Message passing on GRAPHS"),
            paper("kernel scheduling", "linux cfs; o(n log n)"),
            paper("naïve αβ", "x"),
        ];
        let texts: Vec<PaperText> = papers.iter().map(PaperText::new).collect();
        let index = TextIndex::build(&papers, &texts);
        // (term, papers, exact)
        let cases: [(&str, &[usize], bool); 9] = [
            ("ransf", &[0], true),
            ("graph", &[1], true),
            ("n", &[0, 1, 2, 3], true),
            ("x", &[2, 3], true),
            ("α", &[3], false),
            ("neural networks", &[1], false),
            ("graph kernel", &[], false),
            ("o(n", &[0, 1, 2], false),
            ("zz", &[], true),
        ];
        for (term, papers, exact) in cases {
            let found = index.candidates(term);
            assert_eq!(found.papers.iter().collect::<Vec<_>>(), papers, "{term}");
            assert_eq!(found.exact, exact, "{term}");
        }
        assert_eq!(index.candidates("-").papers.len(), 4);
    }

    #[test]
    fn posting_lists_round_trip() {
        let papers = [0u32, 1, 2, 130, 131, 20_000, 3_000_000];
        let mut encoded = Vec::new();
        let mut last = 0;
        for paper in papers {
            push_varint(&mut encoded, paper + 1 - last);
            last = paper + 1;
        }
        // Close papers take a byte each; a distance of 128 or more takes two or more.
        assert_eq!(encoded.len(), 1 + 1 + 1 + 2 + 1 + 3 + 4);
        let decoded: Vec<usize> = papers_of(&encoded).collect();
        assert_eq!(decoded, papers.map(|p| p as usize));
        assert_eq!(papers_of(&[]).count(), 0);
        // A list cut inside a number ends there.
        assert_eq!(papers_of(&[0x81]).count(), 0);
    }

    #[test]
    fn paper_sets() {
        let mut set = PaperSet::empty(130);
        for p in [0, 63, 64, 129, 500] {
            set.insert(p);
        }
        assert_eq!(set.iter().collect::<Vec<_>>(), [0, 63, 64, 129]);
        assert_eq!(PaperSet::full(130).len(), 130);
        assert_eq!(PaperSet::full(128).len(), 128);
        let mut full = PaperSet::full(130);
        full.intersect(&set);
        assert_eq!(full, set);
        assert!(PaperSet::empty(0).is_empty());
    }
}
