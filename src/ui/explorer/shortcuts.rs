use leptos::prelude::*;

use crate::core::view_state::View;
use crate::ui::explorer::{use_explorer, ExplorerState};
use crate::web::keys::{on_key_press, KeyPress};
use crate::web::viewport::focus_element;

const SHORTCUTS: [(&str, &str); 9] = [
    ("/", "Search"),
    ("j / k", "Next / previous paper"),
    ("Enter", "Open the paper's details"),
    ("f", "Star or unstar the paper"),
    ("r", "Mark the paper read or unread"),
    ("g", "Switch between the list and the co-author map"),
    ("Esc", "Close details or this help"),
    ("?", "Show or hide these shortcuts"),
    ("Tab", "Move between controls"),
];

/// Handles one key press; `true` when it was a shortcut.
fn handle(explorer: ExplorerState, press: &KeyPress) -> bool {
    if press.with_modifier {
        return false;
    }
    if press.key == "Escape" {
        if explorer.shortcuts_open.get_untracked() {
            explorer.shortcuts_open.set(false);
        } else {
            explorer.close_paper();
        }
        return true;
    }
    if press.in_text_field {
        return false;
    }
    let count = explorer.result.with_untracked(|r| r.matches.len());
    match press.key.as_str() {
        "/" => {
            focus_element("search-input");
            true
        }
        "?" => {
            explorer.shortcuts_open.update(|open| *open = !*open);
            true
        }
        "j" | "k" if count > 0 => {
            let next = match (explorer.cursor.get_untracked(), press.key.as_str()) {
                (None, _) => 0,
                (Some(i), "j") => (i + 1).min(count - 1),
                (Some(i), _) => i.saturating_sub(1),
            };
            explorer.cursor.set(Some(next));
            explorer.reveal.set(Some(next));
            true
        }
        "g" => {
            let target = if explorer.view().with_untracked(|v| v.view == View::Graph) {
                View::List
            } else {
                View::Graph
            };
            explorer.show(target);
            true
        }
        "r" => {
            let id = explorer
                .cursor
                .get_untracked()
                .and_then(|i| explorer.id_at(i))
                .or_else(|| explorer.view().with_untracked(|v| v.paper.clone()));
            match id {
                Some(id) => {
                    explorer.reading.toggle_read(&id);
                    true
                }
                None => false,
            }
        }
        "f" => {
            let id = explorer
                .cursor
                .get_untracked()
                .and_then(|i| explorer.id_at(i))
                .or_else(|| explorer.view().with_untracked(|v| v.paper.clone()));
            match id.and_then(|id| explorer.find_paper(&id)) {
                Some(paper) => {
                    explorer.favourites.toggle(&paper);
                    true
                }
                None => false,
            }
        }
        "Enter" if !press.on_control => match explorer
            .cursor
            .get_untracked()
            .and_then(|i| explorer.id_at(i))
        {
            Some(id) => {
                explorer.open_paper(id);
                true
            }
            None => false,
        },
        _ => false,
    }
}

/// Keyboard shortcuts for the whole page, and their help (`?`).
#[component]
pub fn Shortcuts() -> impl IntoView {
    let explorer = use_explorer();
    on_key_press(move |press| handle(explorer, press));
    move || {
        if !explorer.shortcuts_open.get() {
            return ().into_any();
        }
        view! {
            <aside class="shortcuts" role="dialog" aria-labelledby="shortcuts-title" data-testid="shortcuts">
                <h2 id="shortcuts-title">"Keyboard shortcuts"</h2>
                <dl>
                    {SHORTCUTS
                        .into_iter()
                        .map(|(key, action)| view! { <dt><kbd>{key}</kbd></dt><dd>{action}</dd> })
                        .collect_view()}
                </dl>
                <button type="button" class="button" on:click=move |_| explorer.shortcuts_open.set(false)>
                    "Close"
                </button>
            </aside>
        }
        .into_any()
    }
}
