//! Sessions and attendance rows as the pages and lists show them.

use serde::{Deserialize, Serialize};

use super::{Audience, HalfDays, TrainingKind};

/// A session as its page shows it, with attendance counted per slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TrainingSession {
    pub id: String,
    pub programme_id: String,
    pub programme_name: String,
    pub kind: TrainingKind,
    pub kind_label: String,
    pub title: String,
    pub organiser: String,
    pub provider: String,
    pub venue: String,
    pub township_id: Option<String>,
    /// Empty for a session without a township.
    pub township_name: String,
    pub start_date: String,
    pub end_date: String,
    pub days: u32,
    pub slots: Vec<SlotTally>,
    /// The half-days setting the slots were made with from the dates; `None` when they were
    /// picked one by one.
    pub half_days: Option<HalfDays>,
    pub trainers: Vec<String>,
    pub outline: String,
    pub planned_headcount: u32,
    /// SHA-256 of the photographed sign-in sheets (in `attachment`).
    pub sheet_photos: Vec<String>,
    /// The audience the sign-in form offers by default.
    pub audience: Audience,
    /// 人次: persons signed in at least once (each once, however many slots).
    pub person_times: u32,
    /// The same as `person_times` within one session; kept for the pages that show both.
    pub distinct_persons: u32,
    pub poor_person_times: u32,
    /// 人天: each person's dates attended, summed.
    pub person_days: u32,
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SlotTally {
    /// `2019-06-03 am`
    pub slot: String,
    /// `2019年6月3日上午`
    pub label: String,
    /// People signed in at this half-day (签到人数; not 人次, which counts a person once per
    /// session).
    pub person_times: u32,
    pub poor_person_times: u32,
}

/// One line of the sessions list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TrainingSessionSummary {
    pub id: String,
    pub programme_id: String,
    pub kind: TrainingKind,
    pub kind_label: String,
    pub title: String,
    pub township_name: String,
    pub start_date: String,
    pub end_date: String,
    pub slot_count: u32,
    pub planned_headcount: u32,
    /// 人次: persons signed in at least once.
    pub person_times: u32,
    pub poor_person_times: u32,
    pub status: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    pub fn from_male(male: bool) -> Sex {
        if male {
            Sex::Male
        } else {
            Sex::Female
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Sex::Male => "male",
            Sex::Female => "female",
        }
    }
    pub fn from_code(code: &str) -> Sex {
        if code == "male" {
            Sex::Male
        } else {
            Sex::Female
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Sex::Male => "男",
            Sex::Female => "女",
        }
    }
}

/// One attendance row (a person in a slot). A list row: the ID number is masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AttendanceRow {
    pub id: String,
    pub session_id: String,
    pub slot: String,
    pub slot_label: String,
    pub name: String,
    /// Derived from the ID number.
    pub sex: Sex,
    pub sex_label: String,
    pub id_masked: String,
    /// On the slot's date, from the ID number.
    pub age: u32,
    pub phone: String,
    pub township_id: Option<String>,
    pub township_name: String,
    pub village_id: Option<String>,
    pub village_name: String,
    /// The ID is in the household register (head or member) under this name, or a person
    /// confirmed the name (derived, never typed).
    pub poor: bool,
    pub household_id: Option<String>,
    /// The household's category label, 不在登记册, or 姓名与登记册不符 (待核实).
    pub register_label: String,
    /// The registered ID was signed in under another name and nobody confirmed it yet.
    pub name_mismatch: bool,
    pub audience: Audience,
    pub signed: bool,
    pub sheet_page: String,
    pub status: String,
}
