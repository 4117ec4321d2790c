//! The application shell: page landmarks, the explorer's layout (list or map beside the
//! facets, details on top), app-wide alerts. It is where the features meet, so it is the one
//! folder that may use all of them.

mod app_root;
mod explorer_view;
mod site_footer;
mod site_header;
mod update_notice;

pub use app_root::App;
pub use explorer_view::ExplorerView;
pub use site_footer::SiteFooter;
pub use site_header::SiteHeader;
pub use update_notice::UpdateNotice;
