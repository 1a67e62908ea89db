//! The unified social credit code validator from any string. An accepted code is 18 characters
//! and is accepted again as it was normalised, with the same warning or none.
#![no_main]

use fieldbook::domain::credit_code::check;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|raw: &str| {
    match check(raw, "creditCode") {
        Ok((code, warning)) => {
            assert_eq!(code.chars().count(), 18, "{code}");
            let (again, again_warning) = check(&code, "creditCode").expect("stays valid");
            assert_eq!(again, code);
            assert_eq!(again_warning.is_some(), warning.is_some());
        }
        Err(invalid) => assert!(!invalid.message.is_empty()),
    }
});
