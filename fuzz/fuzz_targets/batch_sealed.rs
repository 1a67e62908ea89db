//! A sealed batch file as the county's import reads it before writing (size, age header,
//! decryption, container, signature, manifest, payloads, changes), with the fixed county key.
//! The register knows every device by the fixed laptop key, in the fixed township.
#![no_main]

use fieldbook::sync::keys::Keys;
use fieldbook::sync::sql::{read_sealed_batch, RegisteredDevice};
use fieldbook_fuzz::*;
use libfuzzer_sys::fuzz_target;

fn register(_: &str) -> fieldbook::Result<Option<RegisteredDevice>> {
    let device = Keys::from_stored(DEVICE_SIGNING, DEVICE_AGE).expect("fixed keys parse");
    Ok(Some(RegisteredDevice {
        signing_key: device.public().signing_key,
        revoked: false,
        township_id: TOWNSHIP_ID.into(),
    }))
}

fuzz_target!(|data: &[u8]| {
    let county = Keys::from_stored(COUNTY_SIGNING, COUNTY_AGE).expect("fixed keys parse");
    if let Err(e) = read_sealed_batch(&county.identity, data, register, COUNTY_ID) {
        // Every refusal carries a stable code and a message for the clerk.
        assert!(!e.to_string().is_empty(), "{e:?}");
        let _ = e.code();
    }
});
