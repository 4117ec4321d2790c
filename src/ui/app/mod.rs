//! The application shell: page landmarks, the loaded feed, app-wide alerts.

mod app_root;
mod site_footer;
mod site_header;

pub use app_root::App;
pub use site_footer::SiteFooter;
pub use site_header::SiteHeader;
