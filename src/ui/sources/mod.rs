//! Sources: what is loaded (and from where), and the ways to load more. The state is split by
//! concern: `list` (what is loaded, the last visit's sources), `settings` (proxy, time limit),
//! `loading` (bytes, addresses, snapshots, the day-long cache) and `query_run` (the paged
//! arXiv query), joined in `state`.

mod list;
mod loading;
mod query_builder;
mod query_progress;
mod query_run;
mod settings;
mod source_header;
mod sources_panel;
mod state;

pub use list::SourceList;
pub use loading::SourceLoader;
pub use query_builder::QueryBuilder;
pub use query_progress::QueryProgressView;
pub use query_run::QueryRunner;
pub use settings::{SourceSettings, TIMEOUT_RANGE};
pub use source_header::SourceHeader;
pub use sources_panel::SourcesPanel;
pub use state::{use_sources, SourcesState};
