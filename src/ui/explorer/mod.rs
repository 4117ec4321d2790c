//! The explorer: filters, facets, the result list, and the URL that reproduces them.

mod active_filters;
mod author_box;
mod deferred;
mod detail_panel;
mod facet_panel;
mod filter_controls;
mod reading_controls;
mod reading_prefs;
mod result_summary;
mod search_box;
mod shortcuts;
mod sort_select;
mod state;
mod timeline_chart;
mod url_notices;
mod view_tabs;

pub use active_filters::ActiveFilters;
pub use author_box::AuthorBox;
pub use deferred::deferred;
pub use detail_panel::DetailPanel;
pub use facet_panel::FacetPanel;
pub use filter_controls::FilterControls;
pub use reading_controls::ReadingControls;
pub use reading_prefs::{Density, ReadingPrefs};
pub use result_summary::ResultSummary;
pub use search_box::SearchBox;
pub use shortcuts::Shortcuts;
pub use sort_select::SortSelect;
pub use state::{use_explorer, ExplorerState};
pub use timeline_chart::TimelineChart;
pub use url_notices::UrlNotices;
pub use view_tabs::ViewTabs;
