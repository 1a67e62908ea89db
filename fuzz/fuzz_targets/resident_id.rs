//! The resident ID validator from any string. An accepted ID is 18 characters whose last is
//! the check character of the first 17, and it is accepted again as it was normalised.
#![no_main]

use chrono::NaiveDate;
use fieldbook::domain::resident_id::{check_char, ResidentId};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|raw: &str| {
    let today = NaiveDate::from_ymd_opt(2026, 12, 7).expect("a date");
    match ResidentId::parse(raw, "idNumber", today) {
        Ok(parsed) => {
            let id = parsed.id.as_str();
            assert_eq!(id.len(), 18, "{id}");
            assert_eq!(id.chars().last(), Some(check_char(&id[..17])), "{id}");
            let again = ResidentId::parse(id, "idNumber", today).expect("a valid ID stays valid");
            assert_eq!(again.id.as_str(), id);
            assert_eq!(again.birth_date, parsed.birth_date);
            assert!(parsed.birth_date <= today);
            let _ = (parsed.id.masked_for_list(), parsed.id.masked_for_notice());
        }
        Err(invalid) => assert!(!invalid.message.is_empty()),
    }
});
