//! Feed bytes in any encoding through `core::feed::parse_feed`: never a panic, only http(s)
//! links, allow-listed MathML, and an Atom export that reads back as the same papers.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| arxiv_explorer_fuzz::check_feed(data));
