use leptos::prelude::*;

use crate::ui::explorer::{use_explorer, Density};

/// Abstract previews on or off, and compact or comfortable rows; remembered on this device.
#[component]
pub fn ReadingControls() -> impl IntoView {
    let prefs = use_explorer().prefs;
    let abstracts = prefs.abstracts();
    let density = prefs.density();
    view! {
        <div class="reading-controls" role="group" aria-label="Reading">
            <button
                type="button"
                class="toggle-button"
                data-testid="abstracts-toggle"
                aria-pressed=move || abstracts.get().to_string()
                on:click=move |_| prefs.toggle_abstracts()
            >
                "Abstracts"
            </button>
            <button
                type="button"
                class="toggle-button"
                data-testid="density-toggle"
                aria-pressed=move || (density.get() == Density::Comfortable).to_string()
                title="Roomier rows"
                on:click=move |_| {
                    prefs.set_density(match density.get_untracked() {
                        Density::Compact => Density::Comfortable,
                        Density::Comfortable => Density::Compact,
                    })
                }
            >
                "Comfortable"
            </button>
        </div>
    }
}
