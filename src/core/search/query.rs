//! The search box's little language: words that must all appear, "quoted phrases", and
//! `-word` or `-"phrase"` to exclude. Everything is folded, so matching ignores case and accents.

use super::fold::fold;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextQuery {
    /// Folded words and phrases that must all appear.
    pub required: Vec<String>,
    /// Folded words and phrases that must not appear.
    pub excluded: Vec<String>,
}

impl TextQuery {
    pub fn parse(raw: &str) -> TextQuery {
        let mut query = TextQuery::default();
        let mut chars = raw.chars().peekable();
        loop {
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
            let Some(&first) = chars.peek() else {
                break;
            };
            let negated = first == '-';
            if negated {
                chars.next();
            }
            let mut term = String::new();
            if chars.next_if_eq(&'"').is_some() {
                for ch in chars.by_ref() {
                    if ch == '"' {
                        break;
                    }
                    term.push(ch);
                }
            } else {
                while let Some(ch) = chars.next_if(|c| !c.is_whitespace()) {
                    term.push(ch);
                }
            }
            let term = fold(&term).split_whitespace().collect::<Vec<_>>().join(" ");
            if term.is_empty() {
                continue;
            }
            let list = if negated {
                &mut query.excluded
            } else {
                &mut query.required
            };
            if !list.contains(&term) {
                list.push(term);
            }
        }
        query
    }

    pub fn is_empty(&self) -> bool {
        self.required.is_empty() && self.excluded.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_cases() {
        let cases: [(&str, &[&str], &[&str]); 9] = [
            ("", &[], &[]),
            ("  Kernel  scheduling ", &["kernel", "scheduling"], &[]),
            (
                "\"fault  injection\" freertos",
                &["fault injection", "freertos"],
                &[],
            ),
            ("llm -quantum", &["llm"], &["quantum"]),
            (
                "-\"large language\" agents",
                &["agents"],
                &["large language"],
            ),
            ("\"unclosed phrase", &["unclosed phrase"], &[]),
            ("- lone", &["lone"], &[]),
            ("Kostić kostic", &["kostic"], &[]),
            ("\"\" -", &[], &[]),
        ];
        for (input, required, excluded) in cases {
            let query = TextQuery::parse(input);
            assert_eq!(query.required, required, "input {input:?}");
            assert_eq!(query.excluded, excluded, "input {input:?}");
        }
    }
}
