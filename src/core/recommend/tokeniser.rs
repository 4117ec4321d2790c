//! The tokens of one document at a time, for counting: the text is folded into one buffer
//! and the token pattern matched eight bytes at a time (see [`Tokeniser`]).

#[cfg(doc)]
use super::tokens::document_text;
use super::tokens::{document_parts, short_key, BYTE_CLASS, KEY_BYTES, STARTS};
use crate::core::feed::Paper;
use crate::core::search::fold::fold_char;
#[cfg(doc)]
use crate::core::search::fold_into;

/// The tokens of a paper's [`document_text`]: the same tokens as [`fold_into`] followed by
/// `token_spans` (stop words included; the caller drops them), as spans of the folded text.
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

    /// Reads the tokens of `text`, as `unigram_spans` finds them (stop words included).
    pub fn document(&mut self, text: &str) {
        self.text.clear();
        self.push_folded(text);
        self.find_tokens();
    }

    /// Appends `part` folded as [`fold_into`] folds it, except that ASCII capitals are left
    /// for `find_tokens` to lowercase with the rest. Runs of ASCII (nearly all of a paper's
    /// text, even when its authors' names are not) are copied as they are; only the other
    /// characters go through the folding table, one at a time.
    fn push_folded(&mut self, part: &str) {
        let mut rest = part;
        while !rest.is_empty() {
            let ascii = ascii_prefix(rest.as_bytes());
            self.text.extend_from_slice(&rest.as_bytes()[..ascii]);
            rest = &rest[ascii..];
            let mut chars = rest.chars();
            if let Some(ch) = chars.next() {
                self.folded.clear();
                fold_char(ch, &mut self.folded);
                self.text.extend_from_slice(self.folded.as_bytes());
                rest = chars.as_str();
            }
        }
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
                    // In halves: a shift of a `u128` by a variable amount is a call in wasm.
                    let half = |at: usize, length: usize| {
                        let mut bytes = [0; 8];
                        bytes.copy_from_slice(&chunk[at..at + 8]);
                        let keep = match length {
                            0..=7 => (1u64 << (8 * length)) - 1,
                            _ => u64::MAX,
                        };
                        u64::from_le_bytes(bytes) & keep
                    };
                    let length = token.len();
                    let (low, high) = (half(0, length), half(8, length.saturating_sub(8)));
                    Some(u128::from(high) << 64 | u128::from(low))
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

/// The top bit of each of eight bytes: set in a byte outside ASCII.
const TOP: u64 = 0x8080_8080_8080_8080;

/// Eight bytes of text with their ASCII capitals lowercased, and bit `i` set where byte `i`
/// is a letter, a digit or `_` (non-ASCII bytes are outside the pattern).
///
/// Each test adds to the low seven bits of every byte a constant that carries into its top
/// bit exactly when the byte is at least some value; no sum leaves its byte.
#[inline]
pub(super) fn inside_bits(word: u64) -> (u64, u64) {
    const LOW: u64 = 0x0101_0101_0101_0101;
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

/// How many bytes `bytes` starts with that are ASCII, eight at a time: the text of one
/// document is about a kilobyte, and the library's own scans go a byte (or, in wasm, four)
/// at a time.
#[inline]
fn ascii_prefix(bytes: &[u8]) -> usize {
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in words.by_ref() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let high = u64::from_le_bytes(word) & TOP;
        if high != 0 {
            return at + (high.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    at + words
        .remainder()
        .iter()
        .position(|b| !b.is_ascii())
        .unwrap_or(words.remainder().len())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::recommend::tokens::{pattern_spans, OUTSIDE};
    use crate::core::search::fold_into;

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
    fn the_ascii_prefix_ends_at_the_first_byte_outside_ascii_wherever_it_lies() {
        for length in 0..40 {
            let ascii = "a".repeat(length);
            assert_eq!(ascii_prefix(ascii.as_bytes()), length);
            for at in 0..length {
                let mut text = ascii.clone();
                text.replace_range(at..at + 1, "é");
                assert_eq!(ascii_prefix(text.as_bytes()), at, "{text}");
            }
        }
        assert_eq!(ascii_prefix("\u{7f}\u{80}".as_bytes()), 1);
    }

    #[test]
    fn a_document_folds_as_fold_into_folds_it_with_accents_anywhere() {
        let mut tokeniser = Tokeniser::default();
        for text in [
            "Małgorzata Kowalczyk and Ádám Tóth, Zürich",
            "ÆTHER ﬁne Straße ǅemal ø",
            "plain ascii only, Capitals Too",
            "é",
            "",
        ] {
            tokeniser.document(text);
            let mut folded = String::new();
            fold_into(text, &mut folded);
            let mut expected = Vec::new();
            // Every match of the token pattern, stop words included.
            pattern_spans(&folded, &mut expected, |_| true);
            let found: Vec<&[u8]> = tokeniser.tokens().collect();
            let expected: Vec<&[u8]> = expected
                .iter()
                .map(|&(start, end)| &folded.as_bytes()[start..end])
                .collect();
            assert_eq!(found, expected, "{text}");
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
