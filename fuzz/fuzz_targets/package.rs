//! A reference package or a bare receipt as a laptop reads it before writing (size, age header,
//! decryption, envelope, the county's signature, the documents), with the fixed laptop key and
//! the fixed county key pinned.
#![no_main]

use fieldbook::sync::keys::Keys;
use fieldbook::sync::sql::read_package;
use fieldbook_fuzz::*;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let device = Keys::from_stored(DEVICE_SIGNING, DEVICE_AGE).expect("fixed keys parse");
    let county = Keys::from_stored(COUNTY_SIGNING, COUNTY_AGE).expect("fixed keys parse");
    let pinned = county.public().signing_key;
    if let Ok(contents) = read_package(&device.identity, data, &pinned, COUNTY_ID, DEVICE_ID) {
        for receipt in &contents.receipts {
            assert_eq!(receipt.device_id, DEVICE_ID);
        }
        if let Some(package) = &contents.package {
            assert_eq!(package.device_id, DEVICE_ID);
        }
    }
});
