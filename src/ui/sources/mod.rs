//! Sources: what is loaded (and from where), and the ways to load more.

mod source_header;
mod sources_panel;
mod state;

pub use source_header::SourceHeader;
pub use sources_panel::SourcesPanel;
pub use state::{use_sources, SourcesState, PROXY_KEY};
