//! A CSV file as an import reads it: encoding detection (`decode`: UTF-8 with or without BOM,
//! UTF-16, GB18030) and the grid (`read`). Decoding never invents text: a UTF-8 file decodes to
//! itself.
#![no_main]

use fieldbook::sheets::read::{decode, read};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Zip and OLE files go to the workbook reader (the xlsx target).
    if data.starts_with(b"PK\x03\x04") || data.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return;
    }
    if let Ok((text, _)) = decode(data) {
        if let Ok(plain) = std::str::from_utf8(data) {
            if !plain.starts_with('\u{feff}') {
                assert_eq!(text, plain);
            }
        }
    }
    let _ = read(data, "fuzz.csv");
});
