//! The county's thresholds for the checks (`county.check_thresholds`, a JSON object): every key
//! is optional and takes its default, so a county sets only what it wants to change. Read with
//! `Thresholds::read(&Store)`; set with `Store::set_check_thresholds` (hub only).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Every threshold a rule uses. Adding one: a field with its default below (and in
/// docs/checks.md); older counties' stored JSON lacks it and reads the default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", default)]
pub struct Thresholds {
    /// F2: a household in at least this many operators' rosters in one year.
    pub operators_per_household: u32,
    /// F4: a course of at least this many days where everyone came every day…
    pub long_course_days: u32,
    /// … with at least this many trainees.
    pub full_attendance_min_trainees: u32,
    /// F4: identical rosters (same people, same order) of at least this many people.
    pub identical_roster_min: u32,
    /// F4: the county's venues and how many people each holds (venue name as typed → seats).
    pub venue_capacity: BTreeMap<String, u32>,
    /// F5: at least this many trainees sharing one phone number.
    pub trainees_per_phone: u32,
    /// F5: at least this many phone numbers of one session in an unbroken run (n, n+1, …).
    pub phone_run_min: u32,
    /// F5: a sheet of at least this many trainees typed in ascending ID-number order.
    pub id_order_min: u32,
    /// F5: at least this many trainees of one session born on the same day.
    pub shared_birthday_min: u32,
    /// F7: trainees' ages allowed (inclusive).
    pub trainee_age_min: u32,
    pub trainee_age_max: u32,
    /// F7: the youngest age that may sign an agreement.
    pub signer_age_min: u32,
    /// F8: identical round amounts across at least this many households…
    pub round_amount_min_households: u32,
    /// … where round means a multiple of this many yuan.
    pub round_amount_yuan: u32,
    /// F9: a notice shorter than this many days.
    pub notice_min_days: u32,
    /// F9: one inspector at two sites further apart than this on one day (km).
    pub inspector_distance_km: u32,
    /// F11: the household call-back sample, in percent of a township's households.
    pub callback_share: u32,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            operators_per_household: 3,
            long_course_days: 3,
            full_attendance_min_trainees: 10,
            identical_roster_min: 5,
            venue_capacity: BTreeMap::new(),
            trainees_per_phone: 3,
            phone_run_min: 5,
            id_order_min: 10,
            shared_birthday_min: 4,
            trainee_age_min: 16,
            trainee_age_max: 75,
            signer_age_min: 18,
            round_amount_min_households: 5,
            round_amount_yuan: 100,
            notice_min_days: 10,
            inspector_distance_km: 30,
            callback_share: 10,
        }
    }
}

impl Thresholds {
    /// The thresholds stored as JSON, missing keys at their defaults. `None` or an empty text:
    /// every default.
    pub fn from_json(text: Option<&str>) -> serde_json::Result<Thresholds> {
        match text.map(str::trim) {
            None | Some("") => Ok(Thresholds::default()),
            Some(text) => serde_json::from_str(text),
        }
    }
}
