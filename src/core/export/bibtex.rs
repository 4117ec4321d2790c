//! BibTeX entries in the shape arXiv itself exports (`@misc` with `eprint`, `archivePrefix`,
//! `primaryClass`), plus the DOI and journal reference when known.

use crate::core::feed::Paper;
use crate::core::search::fold;

/// `mannella2026experimental`: first author's surname, year, first significant title word,
/// folded to ASCII letters and digits.
pub fn bibtex_key(paper: &Paper) -> String {
    let surname = paper
        .authors
        .first()
        .and_then(|a| a.name.split_whitespace().last())
        .map(ascii_word)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "anonymous".to_string());
    let year = paper
        .published
        .or(paper.updated)
        .map(|t| t.date().year.to_string())
        .unwrap_or_default();
    const SKIP: [&str; 12] = [
        "a", "an", "the", "on", "of", "for", "in", "and", "to", "with", "towards", "toward",
    ];
    let word = paper
        .title
        .split(|c: char| c.is_whitespace() || c == '-' || c == ':')
        .map(ascii_word)
        .find(|w| !w.is_empty() && !SKIP.contains(&w.as_str()))
        .unwrap_or_default();
    format!("{surname}{year}{word}")
}

fn ascii_word(word: &str) -> String {
    fold(word)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// One complete entry, ending with a newline.
pub fn bibtex_entry(paper: &Paper, key: &str) -> String {
    let mut fields: Vec<(&str, String)> = vec![
        ("title", escape(&paper.title)),
        (
            "author",
            paper
                .authors
                .iter()
                .map(|a| escape(&a.name))
                .collect::<Vec<_>>()
                .join(" and "),
        ),
    ];
    if let Some(stamp) = paper.published.or(paper.updated) {
        fields.push(("year", stamp.date().year.to_string()));
    }
    if paper.is_arxiv() {
        fields.push(("eprint", paper.versioned_id()));
        fields.push(("archivePrefix", "arXiv".to_string()));
        if let Some(primary) = &paper.primary_category {
            fields.push(("primaryClass", escape(primary)));
        }
    }
    if let Some(doi) = &paper.doi {
        fields.push(("doi", escape(doi)));
    }
    if let Some(journal) = &paper.journal_ref {
        fields.push(("note", escape(journal)));
    }
    if let Some(url) = &paper.links.abs {
        fields.push(("url", escape(url)));
    }
    let mut entry = format!("@misc{{{key},\n");
    for (name, value) in fields {
        entry.push_str(&format!("  {name} = {{{value}}},\n"));
    }
    entry.push_str("}\n");
    entry
}

/// Escapes BibTeX/LaTeX specials outside `$…$` math. Balanced braces are kept (they protect
/// capitalisation); unbalanced ones are escaped so the entry stays readable by BibTeX.
fn escape(raw: &str) -> String {
    let balanced = braces_balance(raw);
    let mut out = String::with_capacity(raw.len() + 8);
    let mut in_math = false;
    let mut previous_backslash = false;
    for ch in raw.chars() {
        let escaped_here = previous_backslash;
        previous_backslash = ch == '\\' && !escaped_here;
        if ch == '$' && !escaped_here {
            in_math = !in_math;
            out.push(ch);
            continue;
        }
        if escaped_here || in_math {
            out.push(ch);
            continue;
        }
        match ch {
            '&' | '%' | '#' | '_' => {
                out.push('\\');
                out.push(ch);
            }
            '{' | '}' if !balanced => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(ch),
        }
    }
    if in_math {
        // An unclosed `$` would swallow the rest of the entry.
        out = out.replace('$', "\\$");
    }
    out
}

fn braces_balance(raw: &str) -> bool {
    let mut depth: i32 = 0;
    for ch in raw.chars() {
        match ch {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_cases() {
        let cases = [
            ("Tom & Jerry", "Tom \\& Jerry"),
            ("100% of #1 in a_b", "100\\% of \\#1 in a\\_b"),
            ("keeps $a_b$ math", "keeps $a_b$ math"),
            ("{GPU} kernels", "{GPU} kernels"),
            ("broken } brace {", "broken \\} brace \\{"),
            ("already \\& escaped", "already \\& escaped"),
            ("unclosed $x_1", "unclosed \\$x_1"),
            ("Dejan Kostić", "Dejan Kostić"),
        ];
        for (input, expected) in cases {
            assert_eq!(escape(input), expected, "input {input:?}");
        }
    }
}
