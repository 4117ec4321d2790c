//! Folding text for matching: lowercase, without diacritics, so "kostic" finds "Kostić" and
//! "muller" finds "Müller". Tables cover Latin-1 through Latin Extended-B and Latin Extended
//! Additional (Vietnamese and others) without a Unicode-normalisation dependency.

/// Appends the folded form of `text` to `out`.
pub fn fold_into(text: &str, out: &mut String) {
    let mut rest = text;
    while !rest.is_empty() {
        // Most text is ASCII: copy whole runs and lowercase them in place.
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        if ascii > 0 {
            let start = out.len();
            out.push_str(&rest[..ascii]);
            out[start..].make_ascii_lowercase();
            rest = &rest[ascii..];
        }
        let mut chars = rest.chars();
        if let Some(ch) = chars.next() {
            fold_char(ch, out);
            rest = chars.as_str();
        }
    }
}

/// Appends the folded form of one character to `out`.
pub(crate) fn fold_char(ch: char, out: &mut String) {
    let code = ch as u32;
    if ch.is_ascii() {
        out.push(ch.to_ascii_lowercase());
    } else if (0x0300..0x0370).contains(&code) {
        // Combining marks of already-decomposed text carry only the accent.
    } else if let Some(replacement) = table_entry(code) {
        if replacement.is_empty() {
            out.extend(ch.to_lowercase());
        } else {
            out.push_str(replacement);
        }
    } else {
        out.extend(ch.to_lowercase());
    }
}

/// The folded form of `text`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Byte offsets of the non-overlapping occurrences of the folded `term` in ASCII `text`, as
/// if `text` were folded: for ASCII, folding only lowercases, so this is the same as
/// searching [`fold`]`(text)` without making the copy.
pub fn find_in_ascii<'a>(text: &'a str, term: &'a str) -> impl Iterator<Item = usize> + 'a {
    let (haystack, needle) = (text.as_bytes(), term.as_bytes());
    let mut at = 0;
    std::iter::from_fn(move || {
        let (&first, rest) = needle.split_first()?;
        if !needle.is_ascii() {
            // A non-ASCII character can never match ASCII text.
            return None;
        }
        while at + needle.len() <= haystack.len() {
            let window = &haystack[at..=haystack.len() - needle.len()];
            let offset = memchr::memchr2(first, first.to_ascii_uppercase(), window)?;
            let start = at + offset;
            if haystack[start + 1..start + needle.len()].eq_ignore_ascii_case(rest) {
                at = start + needle.len();
                return Some(start);
            }
            at = start + 1;
        }
        None
    })
}

fn table_entry(code: u32) -> Option<&'static str> {
    match code {
        0x00C0..0x0250 => Some(LATIN_1_TO_EXTENDED_B[(code - 0x00C0) as usize]),
        0x1E00..0x1F00 => Some(LATIN_EXTENDED_ADDITIONAL[(code - 0x1E00) as usize]),
        _ => None,
    }
}

/// U+00C0..U+0250; "" keeps the lowercased character.
const LATIN_1_TO_EXTENDED_B: [&str; 400] = [
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", "d", "n", "o",
    "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss", "a", "a", "a", "a", "a", "a",
    "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", "", "o",
    "u", "u", "u", "u", "y", "th", "y", "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c",
    "c", "c", "d", "d", "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g",
    "g", "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i", "i", "i",
    "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l", "l", "l", "l", "n",
    "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o", "o", "o", "oe", "oe", "r", "r",
    "r", "r", "r", "r", "s", "s", "s", "s", "s", "s", "s", "s", "t", "t", "t", "t", "t", "t", "u",
    "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z",
    "z", "z", "z", "s", "b", "b", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "f",
    "f", "", "", "", "", "i", "", "", "l", "", "", "", "", "", "o", "o", "", "", "", "", "", "",
    "", "", "", "", "", "", "", "u", "u", "", "", "", "", "z", "z", "", "", "", "", "", "", "", "",
    "", "", "", "", "", "dz", "dz", "dz", "lj", "lj", "lj", "nj", "nj", "nj", "a", "a", "i", "i",
    "o", "o", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "", "a", "a", "a", "a", "ae", "ae",
    "g", "g", "g", "g", "k", "k", "o", "o", "o", "o", "", "", "j", "dz", "dz", "dz", "g", "g", "",
    "", "n", "n", "a", "a", "ae", "ae", "o", "o", "a", "a", "a", "a", "e", "e", "e", "e", "i", "i",
    "i", "i", "o", "o", "o", "o", "r", "r", "r", "r", "u", "u", "u", "u", "s", "s", "t", "t", "",
    "", "h", "h", "", "", "", "", "", "", "a", "a", "e", "e", "o", "o", "o", "o", "o", "o", "o",
    "o", "y", "y", "", "", "", "", "", "", "a", "c", "c", "", "", "", "", "", "", "", "", "", "e",
    "e", "j", "j", "", "", "r", "r", "y", "y",
];

/// U+1E00..U+1F00; "" keeps the lowercased character.
const LATIN_EXTENDED_ADDITIONAL: [&str; 256] = [
    "a", "a", "b", "b", "b", "b", "b", "b", "c", "c", "d", "d", "d", "d", "d", "d", "d", "d", "d",
    "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "f", "f", "g", "g", "h", "h", "h", "h",
    "h", "h", "h", "h", "h", "h", "i", "i", "i", "i", "k", "k", "k", "k", "k", "k", "l", "l", "l",
    "l", "l", "l", "l", "l", "m", "m", "m", "m", "m", "m", "n", "n", "n", "n", "n", "n", "n", "n",
    "o", "o", "o", "o", "o", "o", "o", "o", "p", "p", "p", "p", "r", "r", "r", "r", "r", "r", "r",
    "r", "s", "s", "s", "s", "s", "s", "s", "s", "s", "s", "t", "t", "t", "t", "t", "t", "t", "t",
    "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "v", "v", "v", "v", "w", "w", "w", "w", "w",
    "w", "w", "w", "w", "w", "x", "x", "x", "x", "y", "y", "z", "z", "z", "z", "z", "z", "h", "t",
    "w", "y", "", "", "", "", "ss", "", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a",
    "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "e", "e", "e", "e", "e", "e", "e",
    "e", "e", "e", "e", "e", "e", "e", "e", "e", "i", "i", "i", "i", "o", "o", "o", "o", "o", "o",
    "o", "o", "o", "o", "o", "o", "o", "o", "o", "o", "o", "o", "o", "o", "o", "o", "o", "o", "u",
    "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "y", "y", "y", "y", "y", "y",
    "y", "y", "", "", "", "", "", "",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_cases() {
        let cases = [
            ("Dejan Kostić", "dejan kostic"),
            ("Zoë Müller", "zoe muller"),
            ("Łukasz Øster", "lukasz oster"),
            ("Straße", "strasse"),
            ("Nguyễn Đức", "nguyen duc"),
            ("Ana Šimić", "ana simic"),
            ("Kostic\u{301}", "kostic"),
            ("ΑΒΓ", "αβγ"),
            ("$\\times$ 3", "$\\times$ 3"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(fold(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn searching_ascii_text_as_if_folded() {
        let text = "Graph Neural NETWORKS for graphs; GRAPHGRAPH";
        let cases: [(&str, &[usize]); 7] = [
            ("graph", &[0, 26, 34, 39]),
            ("networks", &[13]),
            ("s f", &[20]),
            ("gg", &[]),
            ("ï", &[]),
            ("", &[]),
            ("graphgraph", &[34]),
        ];
        for (term, expected) in cases {
            let found: Vec<usize> = find_in_ascii(text, term).collect();
            assert_eq!(found, expected, "{term}");
            // The same as searching the folded copy.
            let folded: Vec<usize> = fold(text).match_indices(term).map(|(i, _)| i).collect();
            if !term.is_empty() {
                assert_eq!(found, folded, "{term}");
            }
        }
    }
}
