//! Query strings through `core::view_state::decode`: never a panic, and decode → encode →
//! decode gives the same view.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| arxiv_explorer_fuzz::check_view_state(data));
