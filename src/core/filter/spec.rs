//! What the person asked for: the filter and sort of the explorer, as plain data. It is what
//! the URL encodes (see `core::view_state`) and what the engine evaluates.

use crate::core::feed::{Date, Paper, Timestamp};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilterSpec {
    /// The search box, verbatim (see `search::TextQuery` for its syntax).
    pub text: String,
    /// Author names as typed or clicked.
    pub authors: Vec<String>,
    pub author_mode: AuthorMode,
    /// Also match by initials ("L. Sun" ~ "Lichao Sun").
    pub loose_authors: bool,
    pub categories: Vec<String>,
    /// Match categories against the primary category only.
    pub primary_only: bool,
    /// Inclusive first day (UTC).
    pub from: Option<Date>,
    /// Inclusive last day (UTC).
    pub to: Option<Date>,
    pub date_field: DateField,
    /// Each flag narrows the result; kept in a fixed order so URLs are canonical.
    pub flags: Vec<Flag>,
    /// Favourites' tags: a paper matches when it carries any of them.
    pub tags: Vec<String>,
    pub sort: SortKey,
    /// Rank the result by likeness to this paper (arXiv id), leaving the paper out.
    pub similar: Option<String>,
    /// With [`SortKey::Recommended`]: learn from the favourites with this tag only.
    pub like: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum AuthorMode {
    /// A paper by any of the authors.
    #[default]
    Any,
    /// A paper by all of the authors together.
    All,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum DateField {
    /// When version 1 was submitted.
    #[default]
    Published,
    /// When the latest version was submitted.
    Updated,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Flag {
    HasDoi,
    HasJournalRef,
    Revised,
    Favourite,
    /// First shown in this visit (see `core::reading`).
    New,
    /// Not marked as read.
    Unread,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SortKey {
    /// The order of the feed itself (what the source chose).
    #[default]
    Feed,
    PublishedNewest,
    PublishedOldest,
    UpdatedNewest,
    UpdatedOldest,
    Title,
    /// Most authors first.
    AuthorCount,
    /// Best text matches first; the feed order when there is no text.
    Relevance,
    /// Most like the favourites first (see `core::recommend`).
    Recommended,
}

impl AuthorMode {
    pub const ALL: [AuthorMode; 2] = [AuthorMode::Any, AuthorMode::All];

    pub fn as_str(self) -> &'static str {
        match self {
            AuthorMode::Any => "any",
            AuthorMode::All => "all",
        }
    }
}

impl DateField {
    pub const ALL: [DateField; 2] = [DateField::Published, DateField::Updated];

    pub fn as_str(self) -> &'static str {
        match self {
            DateField::Published => "published",
            DateField::Updated => "updated",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DateField::Published => "first submitted",
            DateField::Updated => "last revised",
        }
    }
}

/// When `paper` happened by `field`: what date ranges, date sorts and the timeline go by.
pub(crate) fn date_of(paper: &Paper, field: DateField) -> Option<Timestamp> {
    match field {
        DateField::Published => paper.published,
        // A first version's update time is its submission time.
        DateField::Updated => paper.updated.or(paper.published),
    }
}

impl Flag {
    pub const ALL: [Flag; 6] = [
        Flag::HasDoi,
        Flag::HasJournalRef,
        Flag::Revised,
        Flag::Favourite,
        Flag::New,
        Flag::Unread,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Flag::HasDoi => "doi",
            Flag::HasJournalRef => "jref",
            Flag::Revised => "revised",
            Flag::Favourite => "fav",
            Flag::New => "new",
            Flag::Unread => "unread",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Flag::HasDoi => "Has DOI",
            Flag::HasJournalRef => "Has journal ref",
            Flag::Revised => "Revised",
            Flag::Favourite => "Favourites only",
            Flag::New => "New since last visit",
            Flag::Unread => "Hide read",
        }
    }
}

impl SortKey {
    pub const ALL: [SortKey; 9] = [
        SortKey::Feed,
        SortKey::PublishedNewest,
        SortKey::PublishedOldest,
        SortKey::UpdatedNewest,
        SortKey::UpdatedOldest,
        SortKey::Title,
        SortKey::AuthorCount,
        SortKey::Relevance,
        SortKey::Recommended,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Feed => "feed",
            SortKey::PublishedNewest => "published",
            SortKey::PublishedOldest => "published-asc",
            SortKey::UpdatedNewest => "updated",
            SortKey::UpdatedOldest => "updated-asc",
            SortKey::Title => "title",
            SortKey::AuthorCount => "authors",
            SortKey::Relevance => "relevance",
            SortKey::Recommended => "recommended",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortKey::Feed => "Feed order",
            SortKey::PublishedNewest => "Newest first",
            SortKey::PublishedOldest => "Oldest first",
            SortKey::UpdatedNewest => "Recently revised",
            SortKey::UpdatedOldest => "Least recently revised",
            SortKey::Title => "Title A–Z",
            SortKey::AuthorCount => "Most authors",
            SortKey::Relevance => "Relevance",
            SortKey::Recommended => "Recommended for you",
        }
    }
}

/// Looks a value up by its URL spelling.
pub fn parse_keyword<T: Copy>(all: &[T], as_str: fn(T) -> &'static str, raw: &str) -> Option<T> {
    all.iter().copied().find(|item| as_str(*item) == raw)
}

impl FilterSpec {
    /// Whether anything narrows the feed (sorting does not).
    pub fn is_narrowing(&self) -> bool {
        !self.text.trim().is_empty()
            || !self.authors.is_empty()
            || !self.categories.is_empty()
            || self.from.is_some()
            || self.to.is_some()
            || !self.flags.is_empty()
            || !self.tags.is_empty()
    }

    /// Adds an author unless already present (compared by name key).
    pub fn add_author(&mut self, name: &str) {
        let key = crate::core::search::name_key(name);
        if key.is_empty() {
            return;
        }
        if !self
            .authors
            .iter()
            .any(|existing| crate::core::search::name_key(existing) == key)
        {
            self.authors.push(name.trim().to_string());
        }
    }

    pub fn add_category(&mut self, category: &str) {
        let category = category.trim();
        if !category.is_empty() && !self.categories.iter().any(|c| c == category) {
            self.categories.push(category.to_string());
        }
    }

    pub fn add_tag(&mut self, tag: &str) {
        let tag = tag.trim();
        if !tag.is_empty() && !self.tags.iter().any(|t| t == tag) {
            self.tags.push(tag.to_string());
        }
    }

    pub fn toggle_flag(&mut self, flag: Flag) {
        if let Some(index) = self.flags.iter().position(|f| *f == flag) {
            self.flags.remove(index);
        } else {
            self.flags.push(flag);
            self.flags.sort();
        }
    }

    /// Clears every narrowing filter and the similarity ranking, keeping the sort order.
    pub fn clear(&mut self) {
        *self = FilterSpec {
            sort: self.sort,
            like: self.like.take(),
            ..FilterSpec::default()
        };
    }

    /// Whether the order comes from a trained ranking (similar papers or recommendations).
    pub fn is_ranked(&self) -> bool {
        self.similar.is_some() || self.sort == SortKey::Recommended
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_version_was_updated_when_it_was_published() {
        let (published, updated) = (Timestamp(1_000), Timestamp(2_000));
        let revised = Paper {
            published: Some(published),
            updated: Some(updated),
            ..Paper::default()
        };
        assert_eq!(date_of(&revised, DateField::Published), Some(published));
        assert_eq!(date_of(&revised, DateField::Updated), Some(updated));
        let first = Paper {
            published: Some(published),
            ..Paper::default()
        };
        assert_eq!(date_of(&first, DateField::Updated), Some(published));
        let undated = Paper {
            updated: Some(updated),
            ..Paper::default()
        };
        assert_eq!(date_of(&undated, DateField::Published), None);
        assert_eq!(date_of(&undated, DateField::Updated), Some(updated));
        assert_eq!(date_of(&Paper::default(), DateField::Updated), None);
    }
}
