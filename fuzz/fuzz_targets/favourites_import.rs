//! Favourites import files (JSON exports and BibTeX) through `import_into` and
//! `library_from_bibtex`: a failed import adds nothing, a repeated one changes nothing, and the
//! result stores and exports safely.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| arxiv_explorer_fuzz::check_import(data));
