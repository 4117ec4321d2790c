//! Pure logic: no I/O, no browser APIs, no UI framework. Everything here runs and is tested
//! natively with `cargo test`.

pub mod api;
pub mod collection;
pub mod embedded;
pub mod export;
pub mod favourites;
pub mod feed;
pub mod filter;
pub mod first_screen;
pub mod graph;
pub mod history;
pub mod list_window;
pub mod math;
pub mod reading;
pub mod recommend;
pub mod search;
pub mod snapshots;
pub mod sources;
pub mod taxonomy;
pub mod text;
pub mod view_state;
