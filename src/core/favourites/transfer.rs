//! Taking the library elsewhere and bringing it back: BibTeX, JSON and CSV out; JSON and
//! BibTeX in, merged, with a report of what changed.

use std::collections::BTreeMap;
use std::fmt;

use super::library::{AuthorSnapshot, Favourite, Library, LibraryError, Millis, PaperSnapshot};
use crate::core::export::{bibtex_entry, bibtex_key};
use crate::core::feed::ArxivId;

/// BibTeX for every favourite, keys unique (`doe2026a`, `doe2026b` on collision) and stable
/// (ordered by key, then id).
pub fn library_to_bibtex(library: &Library) -> String {
    let mut entries: Vec<(String, String, crate::core::feed::Paper)> = library
        .favourites
        .values()
        .map(|f| {
            let paper = f.paper.to_paper();
            (bibtex_key(&paper), paper.id.clone(), paper)
        })
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (key, _, _) in &entries {
        *counts.entry(key.clone()).or_default() += 1;
    }
    let mut used: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = String::new();
    for (key, _, paper) in &entries {
        let unique = if counts.get(key).copied().unwrap_or(0) > 1 {
            let n = used.entry(key.clone()).or_default();
            *n += 1;
            format!("{key}{}", suffix(*n))
        } else {
            key.clone()
        };
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&bibtex_entry(paper, &unique));
    }
    out
}

/// a, b, …, z, aa, ab, …
fn suffix(n: usize) -> String {
    let mut n = n;
    let mut letters = Vec::new();
    while n > 0 {
        n -= 1;
        letters.push(char::from(b'a' + (n % 26) as u8));
        n /= 26;
    }
    letters.iter().rev().collect()
}

/// CSV (RFC 4180) with one row per favourite, newest first.
pub fn library_to_csv(library: &Library) -> String {
    let mut out = String::from(
        "id,version,title,authors,published,updated,primary_category,categories,doi,journal_ref,abs_url,added,note,tags\r\n",
    );
    let mut favourites: Vec<&Favourite> = library.favourites.values().collect();
    favourites.sort_by(|a, b| {
        b.added
            .cmp(&a.added)
            .then_with(|| a.paper.id.cmp(&b.paper.id))
    });
    for favourite in favourites {
        let p = &favourite.paper;
        let fields = [
            p.id.clone(),
            p.version.map(|v| v.to_string()).unwrap_or_default(),
            p.title.clone(),
            p.authors
                .iter()
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            p.published.clone().unwrap_or_default(),
            p.updated.clone().unwrap_or_default(),
            p.primary_category.clone().unwrap_or_default(),
            p.categories.join(" "),
            p.doi.clone().unwrap_or_default(),
            p.journal_ref.clone().unwrap_or_default(),
            p.abs_url.clone().unwrap_or_default(),
            crate::core::feed::Timestamp(favourite.added.div_euclid(1000)).to_rfc3339(),
            favourite.note.clone(),
            favourite.tags.join("; "),
        ];
        let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

fn csv_field(raw: &str) -> String {
    // A leading =, +, - or @ would run as a formula in spreadsheets.
    let guarded = if raw.starts_with(['=', '+', '-', '@']) {
        format!("'{raw}")
    } else {
        raw.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) || guarded != raw {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub added: usize,
    pub updated: usize,
    pub skipped: usize,
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Import finished: {} added, {} updated, {} already up to date.",
            self.added, self.updated, self.skipped
        )
    }
}

/// Why an import file could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    Library(LibraryError),
    UnknownFormat,
    NothingFound,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Library(error) => error.fmt(f),
            ImportError::UnknownFormat => f.write_str(
                "This file is neither a favourites export (JSON) nor BibTeX. Choose a file exported from this page or a .bib file.",
            ),
            ImportError::NothingFound => f.write_str(
                "The file has no arXiv papers to import (BibTeX entries need an eprint or arXiv id).",
            ),
        }
    }
}

/// Merges an exported JSON library or a BibTeX file into `library`.
pub fn import_into(
    library: &mut Library,
    text: &str,
    now: Millis,
) -> Result<ImportReport, ImportError> {
    let incoming = read_import(text, now)?;
    Ok(merge_import(library, incoming))
}

/// Reads an exported JSON library or a BibTeX file, for [`merge_import`].
pub fn read_import(text: &str, now: Millis) -> Result<Library, ImportError> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') {
        Library::from_json(trimmed).map_err(ImportError::Library)
    } else if trimmed.contains('@') {
        let library = library_from_bibtex(trimmed, now);
        if library.is_empty() {
            return Err(ImportError::NothingFound);
        }
        Ok(library)
    } else {
        Err(ImportError::UnknownFormat)
    }
}

/// Merges a library [read](read_import) from a file into `library`.
pub fn merge_import(library: &mut Library, incoming: Library) -> ImportReport {
    let mut report = ImportReport::default();
    for (id, theirs) in &incoming.favourites {
        match library.favourites.get(id) {
            None => report.added += 1,
            Some(ours) if ours.modified < theirs.modified => report.updated += 1,
            Some(_) => report.skipped += 1,
        }
    }
    // An import is an explicit wish to have these papers: it overrides older removals.
    for id in incoming.favourites.keys() {
        library.removed.remove(id);
    }
    library.merge(&Library {
        removed: BTreeMap::new(),
        ..incoming
    });
    report
}

/// Favourites from BibTeX entries that name an arXiv paper (`eprint`, `arxiv`, or an arXiv
/// URL); others are ignored.
pub fn library_from_bibtex(text: &str, now: Millis) -> Library {
    let mut library = Library::new();
    for fields in bibtex_entries(text) {
        let field = |name: &str| fields.get(name).map(|v| clean_bibtex(v));
        let id = ["eprint", "arxiv", "arxivid", "url"]
            .iter()
            .filter_map(|name| field(name))
            .find_map(|value| ArxivId::parse(&value));
        let Some(id) = id else {
            continue;
        };
        let authors = field("author")
            .map(|a| {
                a.split(" and ")
                    .map(|name| AuthorSnapshot {
                        name: reorder_name(name.trim()),
                        affiliations: Vec::new(),
                    })
                    .filter(|a| !a.name.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let versioned = id.to_string();
        let snapshot = PaperSnapshot {
            id: id.id.clone(),
            version: id.version,
            title: field("title").unwrap_or_default(),
            summary: field("abstract").unwrap_or_default(),
            authors,
            published: field("year")
                .filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
                .map(|y| format!("{y}-01-01T00:00:00Z")),
            primary_category: field("primaryclass"),
            categories: field("primaryclass").into_iter().collect(),
            doi: field("doi"),
            journal_ref: field("journal").or_else(|| field("note")),
            abs_url: Some(format!("https://arxiv.org/abs/{versioned}")),
            pdf_url: Some(format!("https://arxiv.org/pdf/{versioned}")),
            ..PaperSnapshot::default()
        };
        library.favourites.insert(
            id.id.clone(),
            Favourite {
                paper: snapshot,
                added: now,
                modified: now,
                note: String::new(),
                tags: Vec::new(),
            },
        );
    }
    library
}

/// "Doe, Jane Q." → "Jane Q. Doe".
fn reorder_name(name: &str) -> String {
    match name.split_once(',') {
        Some((last, first)) if !first.trim().is_empty() => {
            format!("{} {}", first.trim(), last.trim())
        }
        _ => name.to_string(),
    }
}

/// Removes BibTeX braces and common escapes, collapsing whitespace.
fn clean_bibtex(raw: &str) -> String {
    let unescaped = raw
        .replace("\\&", "&")
        .replace("\\%", "%")
        .replace("\\#", "#")
        .replace("\\_", "_")
        .replace("\\$", "\u{0}")
        .replace("\\{", "\u{1}")
        .replace("\\}", "\u{2}");
    let without_braces: String = unescaped
        .chars()
        .filter(|c| *c != '{' && *c != '}')
        .map(|c| match c {
            '\u{0}' => '$',
            '\u{1}' => '{',
            '\u{2}' => '}',
            c => c,
        })
        .collect();
    crate::core::text::collapse_whitespace(&without_braces)
}

/// The fields of every `@type{key, name = value, …}` entry; names lowercased. Values keep
/// their inner braces; quotes and outer braces are removed.
fn bibtex_entries(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut entries = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(at) = text.get(i..).and_then(|rest| rest.find('@')) {
        i += at + 1;
        let Some(open) = text[i..].find(['{', '(']) else {
            break;
        };
        let kind = text[i..i + open].trim().to_ascii_lowercase();
        i += open + 1;
        if matches!(kind.as_str(), "comment" | "preamble" | "string") {
            continue;
        }
        // Skip the citation key.
        let Some(comma) = text[i..].find(',') else {
            break;
        };
        i += comma + 1;
        let mut fields = BTreeMap::new();
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b',') {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'}' || bytes[i] == b')' {
                // An entry left open at the end of the file ends there.
                i = (i + 1).min(bytes.len());
                break;
            }
            let Some(eq) = text[i..].find('=') else {
                i = bytes.len();
                break;
            };
            let name = text[i..i + eq].trim().to_ascii_lowercase();
            i += eq + 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let (value, next) = read_value(text, i);
            i = next;
            if !name.is_empty() && !name.contains(['{', '}', '@']) {
                fields.insert(name, value);
            }
        }
        if !fields.is_empty() {
            entries.push(fields);
        }
    }
    entries
}

/// Reads a `{…}`, `"…"` or bare value starting at `start`; returns it and where it ends.
fn read_value(text: &str, start: usize) -> (String, usize) {
    let bytes = text.as_bytes();
    match bytes.get(start) {
        Some(b'{') => {
            let mut depth = 0usize;
            let mut escaped = false;
            for (offset, ch) in text[start..].char_indices() {
                // `\{` and `\}` are literal braces, not grouping.
                let literal = escaped;
                escaped = ch == '\\' && !literal;
                match ch {
                    _ if literal => {}
                    '{' => depth += 1,
                    '}' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            let end = start + offset;
                            return (text[start + 1..end].to_string(), end + 1);
                        }
                    }
                    _ => {}
                }
            }
            (text[start + 1..].to_string(), bytes.len())
        }
        Some(b'"') => {
            let mut depth = 0usize;
            let mut escaped = false;
            for (offset, ch) in text[start + 1..].char_indices() {
                let literal = escaped;
                escaped = ch == '\\' && !literal;
                match ch {
                    _ if literal => {}
                    '{' => depth += 1,
                    '}' => depth = depth.saturating_sub(1),
                    '"' if depth == 0 => {
                        let end = start + 1 + offset;
                        return (text[start + 1..end].to_string(), end + 1);
                    }
                    _ => {}
                }
            }
            (text[start + 1..].to_string(), bytes.len())
        }
        _ => {
            let end = text[start..]
                .find([',', '}', ')', '\n'])
                .map_or(bytes.len(), |e| start + e);
            (text[start..end].trim().to_string(), end)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes() {
        let got: Vec<String> = [1, 2, 26, 27, 28].into_iter().map(suffix).collect();
        assert_eq!(got, ["a", "b", "z", "aa", "ab"]);
    }

    #[test]
    fn csv_fields_are_quoted_and_guarded() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=cmd()"), "\"'=cmd()\"");
    }

    #[test]
    fn bibtex_reader_handles_braces_quotes_and_bare_values() {
        let entries = bibtex_entries(
            "@comment{ignored}\n@misc{key1,\n  title = {A {GPU} Story},\n  author = \"Doe, Jane and Bob Stone\",\n  year = 2026,\n  eprint = {2601.00001v2}\n}\n@article{key2, title={No id}}",
        );
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0]["title"], "A {GPU} Story");
        assert_eq!(entries[0]["author"], "Doe, Jane and Bob Stone");
        assert_eq!(entries[0]["year"], "2026");
        assert_eq!(entries[0]["eprint"], "2601.00001v2");
        assert_eq!(entries[1]["title"], "No id");
    }
}
