//! The filters in force as removable chips: a label per filter, and what removing it takes
//! out of the [`FilterSpec`].

use super::author_lookup::{unmatched_author_hint, AuthorHint};
use super::index::FeedIndex;
use super::spec::{AuthorMode, FilterSpec, Flag};
use crate::core::taxonomy::category_label;
use crate::core::text::{capitalise, truncate_chars};

/// What a chip stands for, and so what removing it removes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChipTarget {
    Text,
    Author(String),
    Category(String),
    /// The date range (both ends).
    Dates,
    Tag(String),
    Flag(Flag),
    /// The ranking by likeness to a paper.
    Similar,
}

impl ChipTarget {
    pub fn remove_from(&self, spec: &mut FilterSpec) {
        match self {
            ChipTarget::Text => spec.text.clear(),
            ChipTarget::Author(name) => spec.authors.retain(|a| a != name),
            ChipTarget::Category(code) => spec.categories.retain(|c| c != code),
            ChipTarget::Dates => {
                spec.from = None;
                spec.to = None;
            }
            ChipTarget::Tag(tag) => spec.tags.retain(|t| t != tag),
            ChipTarget::Flag(flag) => spec.flags.retain(|f| f != flag),
            ChipTarget::Similar => spec.similar = None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilterChip {
    pub label: String,
    pub target: ChipTarget,
    /// Why the filter finds nothing, and what might have been meant.
    pub hint: Option<AuthorHint>,
}

impl FilterChip {
    /// The remove button's accessible name.
    pub fn remove_label(&self) -> String {
        format!("Remove filter {}", self.label)
    }
}

/// One chip per narrowing filter, in the order the filter controls show them, then the
/// ranking by likeness to a paper (named by `paper_title` when it knows the paper); an
/// author no paper of `index` has gets a hint with the closest names.
pub fn filter_chips(
    spec: &FilterSpec,
    index: &FeedIndex,
    paper_title: &dyn Fn(&str) -> Option<String>,
) -> Vec<FilterChip> {
    let mut chips = Vec::new();
    let mut push = |label: String, target: ChipTarget| {
        let hint = match &target {
            ChipTarget::Author(name) => unmatched_author_hint(index, name, spec.loose_authors),
            _ => None,
        };
        chips.push(FilterChip {
            label,
            target,
            hint,
        })
    };
    if !spec.text.trim().is_empty() {
        push(format!("Text: {}", spec.text.trim()), ChipTarget::Text);
    }
    let joiner = match spec.author_mode {
        AuthorMode::Any => "",
        AuthorMode::All => " (all)",
    };
    for author in &spec.authors {
        push(
            format!("Author{joiner}: {author}"),
            ChipTarget::Author(author.clone()),
        );
    }
    let scope = if spec.primary_only { " (primary)" } else { "" };
    for category in &spec.categories {
        push(
            format!("Category{scope}: {}", category_label(category)),
            ChipTarget::Category(category.clone()),
        );
    }
    if spec.from.is_some() || spec.to.is_some() {
        let end = |day: Option<crate::core::feed::Date>| {
            day.map_or_else(|| "…".to_string(), |d| d.short_label())
        };
        push(
            format!(
                "{}: {} – {}",
                capitalise(spec.date_field.label()),
                end(spec.from),
                end(spec.to)
            ),
            ChipTarget::Dates,
        );
    }
    for tag in &spec.tags {
        push(format!("Tag: {tag}"), ChipTarget::Tag(tag.clone()));
    }
    for &flag in &spec.flags {
        push(flag.label().to_string(), ChipTarget::Flag(flag));
    }
    if let Some(id) = &spec.similar {
        let name = paper_title(id).map_or_else(
            || id.clone(),
            |title| truncate_chars(&title, 60).into_owned(),
        );
        push(format!("Similar to: {name}"), ChipTarget::Similar);
    }
    chips
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::feed::{Author, Date, Paper};

    fn index() -> FeedIndex {
        let paper = Paper {
            authors: vec![Author {
                name: "Lichao Sun".into(),
                ..Author::default()
            }],
            ..Paper::default()
        };
        FeedIndex::build(&[paper])
    }

    fn spec() -> FilterSpec {
        FilterSpec {
            text: "  kernel  ".into(),
            authors: vec!["Lichao Sun".into(), "Ana Kostić".into()],
            author_mode: AuthorMode::All,
            categories: vec!["cs.OS".into()],
            primary_only: true,
            from: Date::parse_iso("2026-04-01"),
            to: None,
            flags: vec![Flag::HasDoi],
            tags: vec!["read".into()],
            similar: Some("2604.00001".into()),
            ..FilterSpec::default()
        }
    }

    #[test]
    fn one_chip_per_filter_with_its_label() {
        let labels: Vec<String> = filter_chips(&spec(), &index(), &|_| None)
            .into_iter()
            .map(|c| c.label)
            .collect();
        assert_eq!(
            labels,
            [
                "Text: kernel",
                "Author (all): Lichao Sun",
                "Author (all): Ana Kostić",
                "Category (primary): cs.OS — Operating Systems",
                "First submitted: 1 Apr 2026 – …",
                "Tag: read",
                "Has DOI",
                "Similar to: 2604.00001",
            ]
        );
        assert!(filter_chips(&FilterSpec::default(), &index(), &|_| None).is_empty());
        let titled = filter_chips(&spec(), &index(), &|id| Some(format!("Paper {id}")));
        assert_eq!(
            titled.last().map(|c| c.label.as_str()),
            Some("Similar to: Paper 2604.00001")
        );
        let chips = filter_chips(&spec(), &index(), &|_| None);
        assert_eq!(chips[0].remove_label(), "Remove filter Text: kernel");
        let hints: Vec<Option<String>> = chips
            .iter()
            .map(|c| c.hint.as_ref().map(AuthorHint::sentence))
            .collect();
        assert_eq!(
            hints,
            [
                None,
                None,
                Some("No papers by “Ana Kostić” here.".to_string()),
                None,
                None,
                None,
                None,
                None
            ]
        );
    }

    #[test]
    fn removing_a_chip_removes_only_its_filter() {
        for chip in filter_chips(&spec(), &index(), &|_| None) {
            let mut changed = spec();
            chip.target.remove_from(&mut changed);
            let left: Vec<ChipTarget> = filter_chips(&changed, &index(), &|_| None)
                .into_iter()
                .map(|c| c.target)
                .collect();
            let expected: Vec<ChipTarget> = filter_chips(&spec(), &index(), &|_| None)
                .into_iter()
                .map(|c| c.target)
                .filter(|t| *t != chip.target)
                .collect();
            assert_eq!(left, expected, "{}", chip.label);
        }
        // Every chip removed: nothing narrows any more.
        let mut all = spec();
        for chip in filter_chips(&spec(), &index(), &|_| None) {
            chip.target.remove_from(&mut all);
        }
        assert!(!all.is_narrowing(), "{all:?}");
    }
}
