//! Small text utilities shared by the parsers and the URL-state code.
//!
//! Kept free of other `core` modules so the build script can compile it together with the
//! feed parser to validate the embedded feed.

use std::borrow::Cow;

/// Collapses every run of whitespace (spaces, tabs, newlines) into one space and trims the ends.
///
/// arXiv titles and abstracts arrive hard-wrapped and indented; LaTeX is kept verbatim.
/// Whitespace is what [`char::is_whitespace`] says it is, as for [`str::split_whitespace`].
pub fn collapse_whitespace(raw: &str) -> String {
    // The feed parser runs every title, abstract and name through here, so this is a byte
    // loop rather than `split_whitespace`: text whose whitespace is already single spaces is
    // copied in one piece, printable ASCII is checked eight or sixteen bytes at a time, and
    // only the few lead bytes that can start a non-ASCII whitespace character are decoded.
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    const BELOW_SPACE: u64 = u64::from_le_bytes([0x20; 8]);
    const BELOW_BANG: u64 = u64::from_le_bytes([0x21; 8]);
    let bytes = raw.as_bytes();
    let mut out = String::with_capacity(raw.len());
    let mut at = skip_whitespace(raw, 0);
    // Start of the text not yet copied; it never begins with whitespace.
    let mut pending = at;
    // 0x80 when `bytes[at - 1]` is a space let through as the gap between two words.
    let mut carry = 0;
    while at < bytes.len() {
        // Abstracts are long runs of such text: sixteen bytes a step while both words pass
        // the tests explained for one word below (the second word's carry is the first's
        // last byte).
        while let Some(pair) = bytes[at..].first_chunk::<16>() {
            let pair = u128::from_le_bytes(*pair);
            // The first eight bytes and the next eight (the casts keep the low 64 bits).
            let (low, high) = (pair as u64, (pair >> 64) as u64);
            let unusual =
                (low | low.wrapping_sub(BELOW_SPACE) | high | high.wrapping_sub(BELOW_SPACE))
                    & HIGH;
            let low_spaces = low.wrapping_sub(BELOW_BANG) & HIGH;
            let high_spaces = high.wrapping_sub(BELOW_BANG) & HIGH;
            let doubled = (low_spaces & ((low_spaces >> 8) | carry))
                | (high_spaces & ((high_spaces >> 8) | (low_spaces >> 56)));
            if unusual | doubled != 0 {
                break;
            }
            carry = high_spaces >> 56;
            at += 16;
        }
        if at == bytes.len() {
            break;
        }
        if let Some(chunk) = bytes[at..].first_chunk::<8>() {
            let word = u64::from_le_bytes(*chunk);
            // A byte below 0x20 borrows into its top bit and a byte above 0x7F has it set;
            // exact, as nothing borrows across bytes unless a byte is below 0x20.
            let unusual = (word | word.wrapping_sub(BELOW_SPACE)) & HIGH;
            // Among bytes 0x20..=0x7F: the spaces, and a `!` right after one (its borrow).
            // That false alarm only ever looks like a doubled space, which is checked below.
            let spaces = word.wrapping_sub(BELOW_BANG) & HIGH;
            let doubled = spaces & ((spaces >> 8) | carry);
            if unusual | doubled == 0 {
                carry = spaces >> 56;
                at += 8;
                continue;
            }
        }
        // Something to look at in these eight bytes: go character by character through them.
        let mut after_space = carry != 0;
        carry = 0;
        let chunk_end = (at + 8).min(bytes.len());
        while at < chunk_end {
            if whitespace_len(raw, at) == 0 {
                after_space = false;
                at += 1;
                continue;
            }
            // A space let through just before belongs to this gap.
            let gap_start = if after_space { at - 1 } else { at };
            after_space = false;
            let gap_end = skip_whitespace(raw, at);
            if gap_end == bytes.len() {
                out.push_str(&raw[pending..gap_start]);
                return out;
            }
            if gap_end != gap_start + 1 || bytes[gap_start] != b' ' {
                out.push_str(&raw[pending..gap_start]);
                out.push(' ');
                pending = gap_end;
            }
            at = gap_end;
        }
    }
    // A single space let through at the very end is trailing whitespace.
    let end = if carry != 0 {
        bytes.len() - 1
    } else {
        bytes.len()
    };
    out.push_str(&raw[pending..end]);
    out
}

/// What a byte says about whether a character starting there is whitespace.
const PLAIN: u8 = 0;
const ASCII_SPACE: u8 = 1;
/// A lead byte of a multi-byte character that may be whitespace (U+0085, U+00A0, U+1680,
/// U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000): decode it to know.
const MAYBE_SPACE: u8 = 2;

const BYTE_CLASS: [u8; 256] = {
    let mut table = [PLAIN; 256];
    let mut byte = 0x09;
    while byte <= 0x0D {
        table[byte] = ASCII_SPACE;
        byte += 1;
    }
    table[b' ' as usize] = ASCII_SPACE;
    table[0xC2] = MAYBE_SPACE;
    table[0xE1] = MAYBE_SPACE;
    table[0xE2] = MAYBE_SPACE;
    table[0xE3] = MAYBE_SPACE;
    table
};

/// The length of the whitespace character starting at byte `at` of `text`, or 0.
#[inline]
fn whitespace_len(text: &str, at: usize) -> usize {
    match text.as_bytes().get(at).map(|&b| BYTE_CLASS[usize::from(b)]) {
        Some(ASCII_SPACE) => 1,
        Some(MAYBE_SPACE) => match text.get(at..).and_then(|rest| rest.chars().next()) {
            Some(ch) if ch.is_whitespace() => ch.len_utf8(),
            _ => 0,
        },
        _ => 0,
    }
}

/// The end of the whitespace run starting at `at`.
#[inline]
fn skip_whitespace(text: &str, mut at: usize) -> usize {
    loop {
        match whitespace_len(text, at) {
            0 => return at,
            len => at += len,
        }
    }
}

/// Decodes `%XX` escapes and, in query strings, `+` as a space. Invalid escapes are kept as
/// they are and invalid UTF-8 is replaced, so decoding never fails.
pub fn percent_decode(raw: &str, plus_is_space: bool) -> Cow<'_, str> {
    if !(raw.contains('%') || plus_is_space && raw.contains('+')) {
        return Cow::Borrowed(raw);
    }
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                match (hex_value(bytes[i + 1]), hex_value(bytes[i + 2])) {
                    (Some(hi), Some(lo)) => {
                        out.push(hi * 16 + lo);
                        i += 3;
                        continue;
                    }
                    _ => out.push(b'%'),
                }
            }
            b'+' if plus_is_space => out.push(b' '),
            byte => out.push(byte),
        }
        i += 1;
    }
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

/// Encodes a query-string component: unreserved characters and `:`, `/`, `,`, `@` stay
/// readable, a space becomes `+`, everything else `%XX` (UTF-8).
pub fn percent_encode_component(raw: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(raw.len());
    for &byte in raw.as_bytes() {
        match byte {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b':'
            | b'/'
            | b','
            | b'@' => out.push(char::from(byte)),
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 0x0F)]));
            }
        }
    }
    out
}

fn hex_value(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

/// Splits a query string (with or without a leading `?`) into decoded key/value pairs, in
/// order. A pair without `=` has an empty value.
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (
                percent_decode(key, true).into_owned(),
                percent_decode(value, true).into_owned(),
            )
        })
        .collect()
}

/// Returns at most `max_chars` characters of `text`, ending in `…` when shortened.
pub fn truncate_chars(text: &str, max_chars: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max_chars) {
        None => Cow::Borrowed(text),
        Some((cut, _)) => Cow::Owned(format!("{}…", &text[..cut])),
    }
}

/// `1379` → `1,379`: counts in the interface are read at a glance.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A number the interface counts things with.
pub trait Countable: Copy {
    fn as_count(self) -> u64;
}

impl Countable for usize {
    fn as_count(self) -> u64 {
        self as u64
    }
}

impl Countable for u32 {
    fn as_count(self) -> u64 {
        u64::from(self)
    }
}

impl Countable for u64 {
    fn as_count(self) -> u64 {
        self
    }
}

/// "1 paper", "2 papers", "1,379 papers": a count and its noun, made plural with an "s".
/// Nouns that change otherwise use [`count_of`].
pub fn count(n: impl Countable, noun: &str) -> String {
    let n = n.as_count();
    format!("{} {}", group_thousands(n), plural(n, noun))
}

/// [`count`] for nouns with their own plural: `count_of(2, "entry", "entries")`.
pub fn count_of(n: impl Countable, singular: &str, plural: &str) -> String {
    let n = n.as_count();
    format!(
        "{} {}",
        group_thousands(n),
        if n == 1 { singular } else { plural }
    )
}

/// The noun as it goes with `n`: `plural(1, "day")` is "day", `plural(3, "day")` "days".
pub fn plural(n: impl Countable, noun: &str) -> String {
    if n.as_count() == 1 {
        noun.to_string()
    } else {
        format!("{noun}s")
    }
}

/// The text with its first letter in upper case ("published" → "Published").
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_with_their_nouns() {
        let cases = [
            (count(0usize, "paper"), "0 papers"),
            (count(1usize, "paper"), "1 paper"),
            (count(2u32, "paper"), "2 papers"),
            (count(1_379u64, "paper"), "1,379 papers"),
            (count_of(1usize, "entry", "entries"), "1 entry"),
            (count_of(12usize, "entry", "entries"), "12 entries"),
            (plural(1usize, "day"), "day"),
            (plural(0usize, "day"), "days"),
            (capitalise("published"), "Published"),
            (capitalise("ötzi"), "Ötzi"),
            (capitalise(""), ""),
        ];
        for (got, expected) in cases {
            assert_eq!(got, expected);
        }
    }

    #[test]
    fn collapse_whitespace_cases() {
        let cases = [
            ("", ""),
            ("0", "0"),
            ("  a\n  b\t\tc  ", "a b c"),
            ("$\\times$\n  speed-up", "$\\times$ speed-up"),
            ("\n\n", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(collapse_whitespace(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn collapse_whitespace_agrees_with_split_whitespace() {
        // Every whitespace character and its neighbours, in every position that matters.
        let spaces: Vec<char> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        let others = [
            'a', 'é', '\u{a9}', '\u{2013}', '\u{3001}', '\u{1E00}', '\0', '\x1c', '\u{7f}',
        ];
        let reference = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut inputs = vec![
            "a b".to_string(),
            "a  b".to_string(),
            " a".to_string(),
            "a ".to_string(),
            "0123456789abcdef 0123456789abcdef  x".to_string(),
            "Kostić and Müller: \u{2013} on \u{a0}x\u{3000}y".to_string(),
        ];
        for &space in &spaces {
            for &other in &others {
                inputs.push(format!("{space}{other}"));
                inputs.push(format!("{other}{space}"));
                inputs.push(format!("{other}{space}{other}"));
                inputs.push(format!("{other} {space}{other}"));
                inputs.push(format!(
                    "{other}{other}{other}{other}{other}{other}{other}{space}{other}"
                ));
            }
        }
        // Random mixtures, long enough to cross the eight-byte steps in every alignment.
        let alphabet = [
            "a", "bc", " ", " ", "  ", "\n", "\t", "é", "\u{a0}", "\u{2003}", "\u{3000}",
            "\u{3001}", "\u{2013}", "defghijk", "!", " !", "\x1f", "\u{7f}",
        ];
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..20_000 {
            let mut input = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            for _ in 0..state % 24 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                input.push_str(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            inputs.push(input);
        }
        for input in inputs {
            assert_eq!(
                collapse_whitespace(&input),
                reference(&input),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn non_ascii_whitespace_starts_with_a_marked_byte() {
        for ch in (0x80..=0x10FFFF).filter_map(char::from_u32) {
            let mut buffer = [0; 4];
            let lead = ch.encode_utf8(&mut buffer).as_bytes()[0];
            if ch.is_whitespace() {
                assert_eq!(BYTE_CLASS[usize::from(lead)], MAYBE_SPACE, "{ch:?}");
            }
        }
    }

    #[test]
    fn percent_decode_cases() {
        let cases = [
            ("cat%3Acs.OS", false, "cat:cs.OS"),
            ("a+b", true, "a b"),
            ("a+b", false, "a+b"),
            ("100%", true, "100%"),
            ("%zz%4", true, "%zz%4"),
            ("Kosti%C4%87", true, "Kostić"),
            ("%FF", true, "\u{FFFD}"),
        ];
        for (input, plus, expected) in cases {
            assert_eq!(percent_decode(input, plus), expected, "input {input:?}");
        }
    }

    #[test]
    fn percent_encode_round_trips() {
        let cases = [
            ("cat:cs.OS", "cat:cs.OS"),
            ("Dejan Kostić", "Dejan+Kosti%C4%87"),
            ("a+b&c=d#e", "a%2Bb%26c%3Dd%23e"),
            ("\"fault injection\" -llm", "%22fault+injection%22+-llm"),
        ];
        for (raw, encoded) in cases {
            assert_eq!(percent_encode_component(raw), encoded);
            assert_eq!(percent_decode(encoded, true), raw);
        }
    }

    #[test]
    fn query_pairs_keep_order_and_empty_values() {
        assert_eq!(
            query_pairs("?search_query=cat:cs.OS&id_list=&start=105&flag"),
            vec![
                ("search_query".to_string(), "cat:cs.OS".to_string()),
                ("id_list".to_string(), String::new()),
                ("start".to_string(), "105".to_string()),
                ("flag".to_string(), String::new()),
            ]
        );
    }

    #[test]
    fn group_thousands_cases() {
        for (n, expected) in [
            (0, "0"),
            (15, "15"),
            (999, "999"),
            (1379, "1,379"),
            (30000, "30,000"),
            (1234567, "1,234,567"),
        ] {
            assert_eq!(group_thousands(n), expected);
        }
    }

    #[test]
    fn truncate_chars_counts_characters_not_bytes() {
        assert_eq!(truncate_chars("Kostić", 10), "Kostić");
        assert_eq!(truncate_chars("Kostić", 5), "Kosti…");
    }
}
