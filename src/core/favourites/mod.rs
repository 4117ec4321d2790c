//! The favourites library: model, merging, and transfer formats. Storage itself is the browser
//! adapter's job (`web::storage`).

pub mod library;
pub mod transfer;

pub use library::{Favourite, Library, LibraryError, Millis, PaperSnapshot, LIBRARY_SCHEMA};
pub use transfer::{import_into, library_to_bibtex, library_to_csv, ImportError, ImportReport};
