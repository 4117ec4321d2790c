use leptos::prelude::*;

use crate::core::filter::{AuthorMode, FilterSpec};
use crate::core::taxonomy::category_label;
use crate::ui::explorer::use_explorer;

/// One removable chip: its label and how removing it changes the filter.
struct Chip {
    label: String,
    remove: fn(&mut FilterSpec, &str),
    /// The value `remove` acts on (an author name, a category code…).
    value: String,
}

fn chips(filter: &FilterSpec) -> Vec<Chip> {
    let mut chips = Vec::new();
    if !filter.text.trim().is_empty() {
        chips.push(Chip {
            label: format!("Text: {}", filter.text.trim()),
            remove: |f, _| f.text.clear(),
            value: String::new(),
        });
    }
    let joiner = match filter.author_mode {
        AuthorMode::Any => "",
        AuthorMode::All => " (all)",
    };
    for author in &filter.authors {
        chips.push(Chip {
            label: format!("Author{joiner}: {author}"),
            remove: |f, name| f.authors.retain(|a| a != name),
            value: author.clone(),
        });
    }
    for category in &filter.categories {
        let scope = if filter.primary_only {
            " (primary)"
        } else {
            ""
        };
        chips.push(Chip {
            label: format!("Category{scope}: {}", category_label(category)),
            remove: |f, code| f.categories.retain(|c| c != code),
            value: category.clone(),
        });
    }
    if filter.from.is_some() || filter.to.is_some() {
        let from = filter
            .from
            .map(|d| d.short_label())
            .unwrap_or_else(|| "…".into());
        let to = filter
            .to
            .map(|d| d.short_label())
            .unwrap_or_else(|| "…".into());
        chips.push(Chip {
            label: format!("{}: {from} – {to}", capitalise(filter.date_field.label())),
            remove: |f, _| {
                f.from = None;
                f.to = None;
            },
            value: String::new(),
        });
    }
    for tag in &filter.tags {
        chips.push(Chip {
            label: format!("Tag: {tag}"),
            remove: |f, value| f.tags.retain(|t| t != value),
            value: tag.clone(),
        });
    }
    for flag in &filter.flags {
        chips.push(Chip {
            label: flag.label().to_string(),
            remove: |f, value| f.flags.retain(|flag| flag.as_str() != value),
            value: flag.as_str().to_string(),
        });
    }
    chips
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The filters in force, each removable, and "Clear all".
#[component]
pub fn ActiveFilters() -> impl IntoView {
    let explorer = use_explorer();
    move || {
        let chips = explorer.filter.with(chips);
        if chips.is_empty() {
            return ().into_any();
        }
        let items = chips
            .into_iter()
            .map(|chip| {
                let Chip {
                    label,
                    remove,
                    value,
                } = chip;
                let aria = format!("Remove filter {label}");
                view! {
                    <li class="chip">
                        <span>{label}</span>
                        <button
                            type="button"
                            class="chip__remove"
                            aria-label=aria
                            on:click=move |_| explorer.update_filter(|f| remove(f, &value))
                        >
                            "×"
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="active-filters">
                <ul class="chips" aria-label="Active filters">{items}</ul>
                <button
                    type="button"
                    class="link-button"
                    on:click=move |_| explorer.update_filter(FilterSpec::clear)
                >
                    "Clear all"
                </button>
            </div>
        }
        .into_any()
    }
}
