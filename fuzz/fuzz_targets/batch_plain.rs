//! A decrypted batch (its container) as the county's import reads it: container, signature,
//! manifest, payloads, changes. The register knows every device by the fixed laptop key.
#![no_main]

use fieldbook::sync::keys::Keys;
use fieldbook::sync::sql::{read_batch, RegisteredDevice};
use fieldbook_fuzz::*;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let device = Keys::from_stored(DEVICE_SIGNING, DEVICE_AGE).expect("fixed keys parse");
    let register = |_: &str| {
        Ok(Some(RegisteredDevice {
            signing_key: device.public().signing_key,
            revoked: false,
            township_id: TOWNSHIP_ID.into(),
        }))
    };
    if let Ok((manifest, changes)) = read_batch(data, register, COUNTY_ID) {
        // What passes is exactly the signed range.
        assert_eq!(
            changes.len() as i64,
            manifest.seq_to - manifest.seq_from + 1
        );
    }
});
