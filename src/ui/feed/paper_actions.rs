use leptos::prelude::*;

use crate::ui::favourites::FavouritesState;

/// What a paper row can do in the explorer; without it rows are plain, read-only text.
#[derive(Clone, Copy)]
pub struct PaperActions {
    /// Narrow the list to this author.
    pub filter_author: Callback<String>,
    /// Narrow the list to the favourites with this tag.
    pub filter_tag: Callback<String>,
    /// Open this paper's details (by arXiv id).
    pub open: Callback<String>,
    /// The link that opens this paper's details in the current view (for new tabs).
    pub link_to: Callback<String, String>,
    /// The paper the keyboard cursor or the detail panel is on.
    pub highlighted: Signal<Option<String>>,
    /// The paper the keyboard cursor is on: its row takes focus.
    pub focused: Signal<Option<String>>,
    /// A row took focus (by Tab or a click): the cursor moves to its position.
    pub focused_row: Callback<usize>,
    /// Stars and their storage.
    pub favourites: FavouritesState,
    /// Whether a paper is marked read (reactive).
    pub is_read: Callback<String, bool>,
    /// Whether a paper is new since the last visit (reactive).
    pub is_new: Callback<String, bool>,
    /// Marks a paper read, or unread again.
    pub toggle_read: Callback<String>,
    /// Why the paper ranks where it does, when the list is ranked (reactive).
    pub why: Callback<String, Option<String>>,
}
