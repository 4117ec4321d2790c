//! Leptos components, one per file under `ui/<feature>/`. Components draw what `core`
//! computed; they do not parse, filter or lay out.

pub mod app;
pub mod controls;
pub mod digest;
pub mod explorer;
pub mod favourites;
pub mod feed;
pub mod graph;
pub mod parts;
pub mod sources;
