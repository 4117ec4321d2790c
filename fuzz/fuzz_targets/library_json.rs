//! Stored library text through `Library::from_json`: never a panic, and what reads stores and
//! reads back unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| arxiv_explorer_fuzz::check_library_json(data));
