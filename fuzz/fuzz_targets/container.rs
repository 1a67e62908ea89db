//! The container inside the encryption (`sync::container::read`). What it accepts, written back,
//! is the same bytes: nothing is skipped or padded.
#![no_main]

use fieldbook::sync::container;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(entries) = container::read(data) {
        assert_eq!(container::write(&entries), data);
    }
});
