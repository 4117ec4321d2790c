//! The floor of the browser parse benchmark: the raw quick-xml scan of `tools/bench`, compiled
//! for wasm with the explorer's release profile and target features, as a module with no
//! imports. The page instantiates it from its bytes; JavaScript writes the feed into the
//! buffer [`input_buffer`] returns and times [`scan`], which reads it, so the copy into wasm
//! memory is not timed (as the app's `feed:parse` does not time it either).

use std::cell::RefCell;

#[allow(dead_code)]
#[path = "../../bench/src/scan.rs"]
mod scan_code;

thread_local! {
    static INPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// A buffer of `len` bytes for the input; its address in the module's memory.
#[no_mangle]
pub extern "C" fn input_buffer(len: usize) -> *mut u8 {
    INPUT.with_borrow_mut(|input| {
        *input = vec![0; len];
        input.as_mut_ptr()
    })
}

/// Scans the input: the entries found, or `u32::MAX` when it is not well-formed.
#[no_mangle]
pub extern "C" fn scan() -> u32 {
    INPUT.with_borrow(|input| match scan_code::scan(input) {
        Ok(scanned) => {
            // Keeps the decoding from being optimised away.
            std::hint::black_box(scanned.text_bytes);
            scanned.entries as u32
        }
        Err(_) => u32::MAX,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_what_it_is_given() {
        let feed = b"<feed><entry><author></author>a &amp; b</entry><entry></entry></feed>";
        let buffer = input_buffer(feed.len());
        assert!(!buffer.is_null());
        INPUT.with_borrow_mut(|input| input.copy_from_slice(feed));
        assert_eq!(scan(), 2);
        input_buffer(4);
        INPUT.with_borrow_mut(|input| input.copy_from_slice(b"<a><"));
        assert_eq!(scan(), u32::MAX);
    }
}
