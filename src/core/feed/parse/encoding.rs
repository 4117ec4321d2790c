//! Bytes to text: UTF-8, UTF-16 with a BOM, and Latin-1 or Windows-1252 by the XML declaration.

use std::borrow::Cow;

use super::error::{line_and_column, ParseError};

/// Turns the bytes into text: UTF-8 (with or without BOM), UTF-16 with a BOM, and the
/// single-byte encodings feeds are still saved in, by their XML declaration.
pub(super) fn decode_document(input: &[u8]) -> Result<Cow<'_, str>, ParseError> {
    if let Some(rest) = input.strip_prefix(b"\xEF\xBB\xBF") {
        return decode_utf8(rest);
    }
    if let Some(rest) = input.strip_prefix(b"\xFF\xFE") {
        return decode_utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = input.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(rest, u16::from_be_bytes);
    }
    let declared = declared_encoding(input).map(|name| name.to_ascii_lowercase());
    match declared.as_deref() {
        None | Some("utf-8" | "utf8" | "us-ascii" | "ascii") => decode_utf8(input),
        Some("iso-8859-1" | "latin1" | "latin-1" | "iso8859-1") => {
            Ok(Cow::Owned(input.iter().map(|&b| char::from(b)).collect()))
        }
        Some("windows-1252" | "cp1252") => {
            Ok(Cow::Owned(input.iter().map(|&b| windows_1252(b)).collect()))
        }
        Some(other) => Err(ParseError::UnsupportedEncoding {
            encoding: other.to_ascii_uppercase(),
        }),
    }
}

fn decode_utf8(input: &[u8]) -> Result<Cow<'_, str>, ParseError> {
    std::str::from_utf8(input)
        .map(Cow::Borrowed)
        .map_err(|err| {
            let valid = &input[..err.valid_up_to()];
            let (line, column) = line_and_column(&String::from_utf8_lossy(valid), valid.len());
            ParseError::InvalidText {
                encoding: "UTF-8",
                line,
                column,
            }
        })
}

fn decode_utf16(input: &[u8], to_unit: fn([u8; 2]) -> u16) -> Result<Cow<'_, str>, ParseError> {
    let units = input.chunks(2).map(|pair| match pair {
        [a, b] => to_unit([*a, *b]),
        _ => 0xFFFF,
    });
    let mut text = String::with_capacity(input.len() / 2);
    for unit in char::decode_utf16(units) {
        match unit {
            Ok(ch) if ch != '\u{FFFF}' => text.push(ch),
            _ => {
                let (line, column) = line_and_column(&text, text.len());
                return Err(ParseError::InvalidText {
                    encoding: "UTF-16",
                    line,
                    column,
                });
            }
        }
    }
    Ok(Cow::Owned(text))
}

/// The `encoding` pseudo-attribute of the XML declaration, if there is one.
fn declared_encoding(input: &[u8]) -> Option<String> {
    let head = &input[..input.len().min(256)];
    let head = String::from_utf8_lossy(head);
    let decl = head.strip_prefix("<?xml")?;
    let decl = &decl[..decl.find("?>")?];
    let after = &decl[decl.find("encoding")? + "encoding".len()..];
    let after = after.trim_start().strip_prefix('=')?.trim_start();
    let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &after[1..];
    Some(value[..value.find(quote)?].to_string())
}

/// Windows-1252 differs from Latin-1 only in 0x80–0x9F.
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}
