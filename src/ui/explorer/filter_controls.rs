use leptos::prelude::*;

use crate::core::feed::Date;
use crate::core::filter::spec::parse_keyword;
use crate::core::filter::{AuthorMode, DateField, DatePreset, Flag};
use crate::ui::controls::CheckField;
use crate::ui::explorer::use_explorer;

/// Date range with presets, flags and matching options.
#[component]
pub fn FilterControls() -> impl IntoView {
    let explorer = use_explorer();
    let filter = explorer.filter;

    let date_input = move |label: &'static str, id: &'static str, is_from: bool| {
        let value = move || {
            filter
                .with(|f| if is_from { f.from } else { f.to })
                .map(|d| d.to_string())
                .unwrap_or_default()
        };
        view! {
            <label class="field" for=id>
                <span class="field__label">{label}</span>
                <input
                    id=id
                    type="date"
                    prop:value=value
                    on:change=move |ev| {
                        let date = Date::parse_iso(&event_target_value(&ev));
                        explorer.update_filter(|f| {
                            if is_from { f.from = date } else { f.to = date }
                        });
                    }
                />
            </label>
        }
    };

    let presets = move || {
        let newest = explorer.collection.with(|c| c.index.newest)?;
        Some(
            DatePreset::ALL
                .into_iter()
                .map(|preset| {
                    let (from, to) = preset.range(newest);
                    let active = move || filter.with(|f| f.from == Some(from) && f.to == Some(to));
                    view! {
                        <button
                            type="button"
                            class="chip-button"
                            aria-pressed=move || active().to_string()
                            title=format!("{from} to {to}, counted back from the newest paper")
                            on:click=move |_| {
                                explorer.update_filter(|f| {
                                    f.from = Some(from);
                                    f.to = Some(to);
                                })
                            }
                        >
                            {preset.label()}
                        </button>
                    }
                })
                .collect_view(),
        )
    };

    let flags = Flag::ALL
        .into_iter()
        .map(|flag| {
            view! {
                <CheckField
                    label=flag.label()
                    checked=Signal::derive(move || filter.with(|f| f.flags.contains(&flag)))
                    on_change=Callback::new(move |_| explorer.update_filter(|f| f.toggle_flag(flag)))
                />
            }
        })
        .collect_view();

    view! {
        <div class="filter-controls">
            <fieldset class="filter-group">
                <legend>"Dates"</legend>
                <label class="field" for="date-field">
                    <span class="field__label">"By"</span>
                    <select
                        id="date-field"
                        prop:value=move || filter.with(|f| f.date_field.as_str())
                        on:change=move |ev| {
                            if let Some(field) = parse_keyword(&DateField::ALL, DateField::as_str, &event_target_value(&ev)) {
                                explorer.update_filter(|f| f.date_field = field);
                            }
                        }
                    >
                        {DateField::ALL
                            .into_iter()
                            .map(|field| view! { <option value=field.as_str()>{field.label()}</option> })
                            .collect_view()}
                    </select>
                </label>
                {date_input("From", "date-from", true)}
                {date_input("To", "date-to", false)}
                <div class="presets" role="group" aria-label="Date presets">{presets}</div>
            </fieldset>
            <fieldset class="filter-group">
                <legend>"Only"</legend>
                {flags}
            </fieldset>
            <fieldset class="filter-group">
                <legend>"Matching"</legend>
                <CheckField
                    label="Papers by all chosen authors together"
                    checked=Signal::derive(move || filter.with(|f| f.author_mode == AuthorMode::All))
                    on_change=Callback::new(move |all: bool| {
                        explorer.update_filter(|f| {
                            f.author_mode = if all { AuthorMode::All } else { AuthorMode::Any }
                        })
                    })
                />
                <CheckField
                    label="Match authors by initials (L. Sun ~ Lichao Sun)"
                    checked=Signal::derive(move || filter.with(|f| f.loose_authors))
                    on_change=Callback::new(move |loose| explorer.update_filter(|f| f.loose_authors = loose))
                />
                <CheckField
                    label="Categories: primary only"
                    checked=Signal::derive(move || filter.with(|f| f.primary_only))
                    on_change=Callback::new(move |primary| explorer.update_filter(|f| f.primary_only = primary))
                />
            </fieldset>
        </div>
    }
}
