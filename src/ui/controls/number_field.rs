use leptos::prelude::*;

/// A labelled whole-number input; values outside `min..=max` are clamped, text that is not a
/// number is ignored.
#[component]
pub fn NumberField(
    id: &'static str,
    label: &'static str,
    min: u32,
    max: u32,
    #[prop(into)] value: Signal<u32>,
    on_change: Callback<u32>,
) -> impl IntoView {
    view! {
        <label class="field" for=id>
            <span class="field__label">{label}</span>
            <input
                id=id
                type="number"
                min=min
                max=max
                prop:value=move || value.get().to_string()
                on:change=move |ev| {
                    if let Ok(n) = event_target_value(&ev).trim().parse::<u32>() {
                        on_change.run(n.clamp(min, max));
                    }
                }
            />
        </label>
    }
}
