//! The explorer's filter: the spec (what was asked), the index (built once per feed) and the
//! engine (what matches, in which order, with facet counts).

pub mod author_lookup;
pub mod chips;
pub mod engine;
pub mod index;
pub mod paper_text;
pub mod spec;
pub mod text_index;
pub mod timeline;

pub use author_lookup::{unmatched_author_hint, AuthorHint};
pub use chips::{filter_chips, ChipTarget, FilterChip};
pub use engine::{apply, DatePreset, Facets, FilterContext, FilterResult, SHOWN_CATEGORIES};
pub use index::{AuthorStat, FeedIndex};
pub use spec::{AuthorMode, DateField, FilterSpec, Flag, SortKey};
pub use timeline::{
    bar_layout, bin_at, bin_under_pointer, brush_range, timeline, BinUnit, Timeline, TimelineBin,
};
