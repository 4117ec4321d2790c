//! Reading the few attributes the parser wants from a tag, with a fast path for plain tags.

use std::borrow::Cow;

use quick_xml::events::attributes::Attributes;

/// The wanted unprefixed attributes of a tag (at most four, in the order of `wanted`),
/// trimmed, and borrowed from the document unless they hold references.
pub(super) type WantedValues<'a> = [Option<Cow<'a, str>>; 4];

/// Reads the attributes of a tag that are plain `name="value"` or `name='value'` pairs, each
/// name once, exactly as quick-xml's checked attribute iterator reads them, but without its
/// allocation and without checking the text again. Returns `None` for anything else (a name
/// without a value, an unquoted or unterminated value, a repeated name, more than eight
/// attributes): such tags are read by that iterator.
pub(super) fn simple_attributes<'i>(raw: &'i str, wanted: &[&[u8]]) -> Option<WantedValues<'i>> {
    // Whitespace as the attribute iterator knows it.
    let is_space = |b: u8| matches!(b, b' ' | b'\r' | b'\n' | b'\t');
    let bytes = raw.as_bytes();
    let mut values = WantedValues::default();
    let mut keys: [&[u8]; 8] = [&[]; 8];
    let mut count = 0;
    let mut at = 0;
    loop {
        while bytes.get(at).copied().is_some_and(is_space) {
            at += 1;
        }
        let Some(&first) = bytes.get(at) else {
            return Some(values);
        };
        if matches!(first, b'=' | b'"' | b'\'') {
            return None;
        }
        let key_start = at;
        at += 1;
        while bytes.get(at).is_some_and(|&b| b != b'=' && !is_space(b)) {
            at += 1;
        }
        let key = &bytes[key_start..at];
        while bytes.get(at).copied().is_some_and(is_space) {
            at += 1;
        }
        if bytes.get(at) != Some(&b'=') {
            return None;
        }
        at += 1;
        if count == keys.len() || keys[..count].contains(&key) {
            return None;
        }
        keys[count] = key;
        count += 1;
        while bytes.get(at).copied().is_some_and(is_space) {
            at += 1;
        }
        let quote = match bytes.get(at) {
            Some(&quote @ (b'"' | b'\'')) => quote,
            _ => return None,
        };
        let value_start = at + 1;
        // The closing quote, noting on the way whether there is a reference to resolve.
        let mut value_end = value_start + find_byte(&bytes[value_start..], quote, b'&')?;
        let has_reference = bytes[value_end] == b'&';
        if has_reference {
            value_end += find_byte(&bytes[value_end..], quote, quote)?;
        }
        at = value_end + 1;
        // Prefixed names (`xml:lang`) are never wanted.
        if key.contains(&b':') {
            continue;
        }
        let Some(slot) = wanted_slot(wanted, key) else {
            continue;
        };
        let value = raw.get(value_start..value_end)?;
        let value = if has_reference {
            // As `Attribute::unescape_value`: a value whose references cannot be resolved is
            // kept as written.
            quick_xml::escape::unescape(value).unwrap_or(Cow::Borrowed(value))
        } else {
            Cow::Borrowed(value)
        };
        values[slot] = Some(trimmed_value(value));
    }
}

/// Where `key` stands in `wanted`. The names are a few bytes long: comparing them in line is
/// cheaper than a call to compare memory for each.
fn wanted_slot(wanted: &[&[u8]], key: &[u8]) -> Option<usize> {
    wanted
        .iter()
        .position(|name| name.len() == key.len() && name.iter().zip(key).all(|(a, b)| a == b))
}

/// Reads the wanted attributes with quick-xml's checked iterator, which reports a repeated
/// name as an error, so each slot is filled once.
pub(super) fn checked_attributes<'a>(
    attributes: Attributes<'a>,
    wanted: &[&[u8]],
) -> WantedValues<'a> {
    let mut values = WantedValues::default();
    for attribute in attributes.flatten() {
        let key = attribute.key;
        if key.prefix().is_some() {
            continue;
        }
        let Some(slot) = wanted.iter().position(|w| *w == key.local_name().as_ref()) else {
            continue;
        };
        let value = match attribute.unescape_value() {
            Ok(value) => value,
            Err(_) => Cow::Owned(String::from_utf8_lossy(&attribute.value).into_owned()),
        };
        values[slot] = Some(trimmed_value(value));
    }
    values
}

#[inline]
fn trimmed_value(value: Cow<'_, str>) -> Cow<'_, str> {
    // Values rarely start or end with whitespace: printable ASCII at both ends needs no trim.
    let plain = |byte: Option<&u8>| byte.is_some_and(|&b| b > b' ' && b < 0x7F);
    if plain(value.as_bytes().first()) && plain(value.as_bytes().last()) {
        return value;
    }
    match value {
        Cow::Borrowed(text) => Cow::Borrowed(text.trim()),
        Cow::Owned(text) if text.trim().len() == text.len() => Cow::Owned(text),
        Cow::Owned(text) => Cow::Owned(text.trim().to_string()),
    }
}

/// The position of the first `a` or `b` in `bytes`. Eight bytes are looked at a time, as
/// attribute values and tags are mostly long runs without either.
pub(super) fn find_byte(bytes: &[u8], a: u8, b: u8) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    let mut at = 0;
    while let Some(chunk) = bytes.get(at..).and_then(|rest| rest.first_chunk::<8>()) {
        let word = u64::from_le_bytes(*chunk);
        let not_a = word ^ (ONES * u64::from(a));
        let not_b = word ^ (ONES * u64::from(b));
        // The top bit of a zero byte of `not_a` or `not_b`. Bytes above a zero byte may be
        // flagged too (the borrow), but the lowest flag is always a true match.
        let found = (not_a.wrapping_sub(ONES) & !not_a | not_b.wrapping_sub(ONES) & !not_b) & HIGH;
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    bytes[at..]
        .iter()
        .position(|&byte| byte == a || byte == b)
        .map(|found| at + found)
}

#[cfg(test)]
mod tests {
    use quick_xml::events::BytesStart;

    use super::*;

    /// The attribute fast path reads what quick-xml's checked iterator reads, or declines.
    #[test]
    fn simple_attributes_agree_with_the_checked_iterator() {
        let wanted: &[&[u8]] = &[b"href", b"rel", b"title", b"type"];
        let cases = [
            "",
            " ",
            r#" href="https://arxiv.org/abs/2604.07839v1" rel="alternate" type="text/html""#,
            " href='https://a.org/x' title='PDF'",
            " href \n=\t\"https://a.org/x\"  rel = 'x' ",
            r#" href=" https://a.org/x " title="  ""#,
            r#" href="https://a.org/?a=1&amp;b=2&#38;c""#,
            r#" href="https://a.org/&bogus;" rel="x""#,
            r#" href="https://a.org/&amp" rel="x""#,
            r#" xml:lang="en" a:href="https://p.org/" href="https://q.org/""#,
            r#" href="https://a.org/1"rel="alternate"title="pdf""#,
            r#" href="https://a.org/1" href="https://a.org/2" rel="x""#,
            r#" href="https://a.org/1" href="https://a.org/2"rel="x""#,
            r#" title href="https://a.org/""#,
            " href=https://a.org/ rel='x'",
            r#" href="https://a.org/"#,
            r#" ="x" href="https://a.org/""#,
            r#" a="1" b="2" c="3" d="4" e="5" f="6" g="7" h="8" href="https://a.org/""#,
            r#" rel="a" rel="b""#,
            " href=\"https://a.org/\u{e9}\" title=\"d\u{f6}i\"",
        ];
        for attributes in cases {
            let start = BytesStart::from_content(format!("link{attributes}"), 4);
            let checked = checked_attributes(start.attributes(), wanted);
            if let Some(simple) = simple_attributes(attributes, wanted) {
                assert_eq!(simple, checked, "attributes {attributes:?}");
            }
        }
        // Tags the fast path must leave to the checked iterator.
        for declined in [
            r#" href="https://a.org/1" href="https://a.org/2""#,
            " href=https://a.org/",
            r#" title href="https://a.org/""#,
            r#" href="https://a.org/"#,
        ] {
            assert_eq!(simple_attributes(declined, wanted), None, "{declined:?}");
        }
    }

    #[test]
    fn find_byte_finds_the_first_of_two_bytes() {
        let text = b"0123456789 abcdefghij&klmnopqrstuvwxyz\"0123456789";
        for start in 0..text.len() {
            for end in start..=text.len() {
                let bytes = &text[start..end];
                let expected = bytes.iter().position(|&b| b == b'"' || b == b'&');
                assert_eq!(find_byte(bytes, b'"', b'&'), expected, "{start}..{end}");
            }
        }
    }
}
