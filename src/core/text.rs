//! Small text utilities shared by the parsers and the URL-state code.
//!
//! Kept free of other `core` modules so the build script can compile it together with the
//! feed parser to validate the embedded feed.

use std::borrow::Cow;

/// Collapses every run of whitespace (spaces, tabs, newlines) into one space and trims the ends.
///
/// arXiv titles and abstracts arrive hard-wrapped and indented; LaTeX is kept verbatim.
pub fn collapse_whitespace(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for word in raw.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

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
