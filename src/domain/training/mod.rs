//! Training sessions (培训) and their attendance (签到): inputs and their validation, the
//! half-day slots a session runs in, the age rule for trainees, and the programme totals
//! (person-times, poor person-times, per township, per kind, against the programme's targets,
//! and the cost at the programme's per-person-day rates). Pure: the store gathers the facts.
//!
//! Rate mapping (yuan per person per day, the rate's `min`): a township on-site session is
//! general popularisation training (`general`); a county session is capacity building
//! (`skills`); a field trip is a study trip (`study_trip`). A programme without the mapped rate
//! falls back to `general`; without `general` either, the cost is 0 and the rate is shown as
//! missing. The cost is person-days × that rate.
//!
//! Counting (DOMAIN.md "Counting rules"): an attendance row is one person in one half-day slot.
//! 人次 (person-times) counts each person once per session attended, however many slots they
//! signed in at; 人天 (person-days) counts the dates a person signed in at any slot of, per
//! session; 人数 (distinct persons) counts each ID number once across the programme. A person
//! counts as poor in a session when any of their rows there is poor. One person at a 3-day
//! session signed in at all 6 half-days is 1 人次 and 3 人天.

mod audience;
mod dto;
mod inputs;
mod kind;
mod slots;
mod totals;

#[cfg(test)]
mod tests;

pub use audience::*;
pub use dto::*;
pub use inputs::*;
pub use kind::*;
pub use slots::*;
pub use totals::*;

/// Trainees must be of working age: 16 to 75 on the day of the slot (fabrication check 7).
pub const MIN_AGE: u32 = 16;
pub const MAX_AGE: u32 = 75;
/// A session longer than this is almost certainly a mistyped date.
pub const MAX_SESSION_DAYS: i64 = 31;
pub const MAX_HEADCOUNT: u32 = 10_000;
/// What an attendee outside the household register is labelled, instead of a poor flag.
pub const NOT_IN_REGISTER: &str = "不在登记册";
/// What the register column says of a registered ID signed in under another name, until a
/// person confirms it is the registered person.
pub const NAME_MISMATCH_LABEL: &str = "姓名与登记册不符（待核实）";
