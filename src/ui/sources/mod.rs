//! Sources: what is loaded (and from where), and the ways to load more.

mod query_builder;
mod query_progress;
mod query_run;
mod source_header;
mod sources_panel;
mod state;

pub use query_builder::QueryBuilder;
pub use query_progress::QueryProgressView;
pub use query_run::QueryProgress;
pub use source_header::SourceHeader;
pub use sources_panel::{SourcesPanel, SyncLink};
pub use state::{use_sources, SourcesState, LAST_SOURCES_BACKUP_KEY, LAST_SOURCES_KEY, PROXY_KEY};
