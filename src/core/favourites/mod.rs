//! The favourites library: model, merging, and transfer formats. Storage itself is the browser
//! adapter's job (`web::storage`).

pub mod library;
pub mod transfer;

pub use library::{Favourite, Library, LibraryError, Millis, PaperSnapshot, LIBRARY_SCHEMA};
pub use transfer::{
    import_into, library_to_bibtex, library_to_csv, merge_import, read_import, ImportError,
    ImportReport,
};

/// The local-storage key of the library (one key, schema inside the value).
pub const STORAGE_KEY: &str = "arxiv-explorer:favourites";

/// Where unreadable stored text is kept before anything else is written.
pub const BACKUP_KEY: &str = "arxiv-explorer:favourites:unreadable-backup";
