//! Training sessions (培训) and their attendance (签到): inputs and their validation, the
//! half-day slots a session runs in, the age rule for trainees, and the programme totals
//! (person-times, poor person-times, per township, per kind, against the programme's targets,
//! and the cost at the programme's per-person-day rates). Pure: the store gathers the facts.
//!
//! Rate mapping (yuan per person per day, the rate's `min`): a township on-site session is
//! general popularisation training (`general`); a county session is capacity building
//! (`skills`); a field trip is a study trip (`study_trip`). A programme without the mapped rate
//! falls back to `general`; without `general` either, the cost is 0 and the rate is shown as
//! missing. Each attendance row is one half-day slot, so person-days = person-times ÷ 2.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::money::round_fen;
use super::places::{check_name, check_optional_text, check_text};
use super::programmes::Preset;
use super::resident_id::{ParsedId, ResidentId};
use super::{parse_date, phone, Invalid};

/// Trainees must be of working age: 16 to 75 on the day of the slot (fabrication check 7).
pub const MIN_AGE: u32 = 16;
pub const MAX_AGE: u32 = 75;
/// A session longer than this is almost certainly a mistyped date.
pub const MAX_SESSION_DAYS: i64 = 31;
pub const MAX_HEADCOUNT: u32 = 10_000;
/// What an attendee outside the household register is labelled, instead of a poor flag.
pub const NOT_IN_REGISTER: &str = "不在登记册";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TrainingKind {
    /// 乡镇下沉式培训: one in each township.
    TownshipOnsite,
    /// 县级集中培训 (能力提升).
    County,
    /// 实地考察观摩 / 现场教学.
    FieldTrip,
}

impl TrainingKind {
    pub const ALL: [TrainingKind; 3] = [
        TrainingKind::TownshipOnsite,
        TrainingKind::County,
        TrainingKind::FieldTrip,
    ];

    pub fn label(self) -> &'static str {
        match self {
            TrainingKind::TownshipOnsite => "乡镇下沉式培训",
            TrainingKind::County => "县级集中培训",
            TrainingKind::FieldTrip => "实地考察观摩培训",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            TrainingKind::TownshipOnsite => "township_onsite",
            TrainingKind::County => "county",
            TrainingKind::FieldTrip => "field_trip",
        }
    }

    pub fn from_code(code: &str) -> Option<TrainingKind> {
        TrainingKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The key of the programme rate (`Preset::rates`) this kind of session is paid at.
    pub fn rate_key(self) -> &'static str {
        match self {
            TrainingKind::TownshipOnsite => "general",
            TrainingKind::County => "skills",
            TrainingKind::FieldTrip => "study_trip",
        }
    }

    /// Whether the session must name its township (county sessions and field trips are run by
    /// the county and may not belong to one).
    pub fn needs_township(self) -> bool {
        self == TrainingKind::TownshipOnsite
    }
}

/// Which half-days of each date a session runs, when its slots are generated from its dates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum HalfDays {
    #[default]
    Both,
    Am,
    Pm,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Half {
    Am,
    Pm,
}

/// A half-day: `2019-06-03 am`. Stored and compared as that text (sorts by time); two
/// attendance rows in the same slot text overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Slot {
    pub date: NaiveDate,
    pub half: Half,
}

impl Slot {
    pub fn new(date: NaiveDate, half: Half) -> Slot {
        Slot { date, half }
    }

    /// Reads a slot as typed: `2019-06-03 am`, `2019-6-3 PM`, `2019年6月3日上午`, `2019/6/3 下午`.
    pub fn parse(raw: &str, code: &'static str, field: &'static str) -> Result<Slot, Invalid> {
        let text: String = raw
            .chars()
            .map(super::resident_id::half_width)
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase();
        let (date, half) = if let Some(d) = text.strip_suffix("am") {
            (d, Half::Am)
        } else if let Some(d) = text.strip_suffix("上午") {
            (d, Half::Am)
        } else if let Some(d) = text.strip_suffix("pm") {
            (d, Half::Pm)
        } else if let Some(d) = text.strip_suffix("下午") {
            (d, Half::Pm)
        } else {
            return Err(Invalid::new(
                code,
                field,
                format!(
                    "时段“{}”应写成日期加上午或下午，例如 2019-06-03 am 或 2019年6月3日上午。",
                    raw.trim()
                ),
            ));
        };
        let date = parse_date(date, field, "时段日期")
            .map_err(|e| Invalid::new(code, field, e.message))?;
        Ok(Slot { date, half })
    }

    /// `2019年6月3日上午`, as sign-in sheets print it.
    pub fn label(&self) -> String {
        let half = match self.half {
            Half::Am => "上午",
            Half::Pm => "下午",
        };
        format!("{}{half}", super::format_date_zh(self.date))
    }
}

impl std::fmt::Display for Slot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let half = match self.half {
            Half::Am => "am",
            Half::Pm => "pm",
        };
        write!(f, "{} {half}", self.date.format("%Y-%m-%d"))
    }
}

/// Label of a stored slot text; the text itself when it does not parse (never for stored slots).
pub fn slot_label(stored: &str) -> String {
    Slot::parse(stored, "SLOT", "slot")
        .map(|s| s.label())
        .unwrap_or_else(|_| stored.to_string())
}

/// Every half-day from `start` to `end` (inclusive) that `half_days` selects, in time order.
pub fn slots_between(start: NaiveDate, end: NaiveDate, half_days: HalfDays) -> Vec<Slot> {
    let halves: &[Half] = match half_days {
        HalfDays::Both => &[Half::Am, Half::Pm],
        HalfDays::Am => &[Half::Am],
        HalfDays::Pm => &[Half::Pm],
    };
    start
        .iter_days()
        .take_while(|d| *d <= end)
        .flat_map(|d| halves.iter().map(move |&h| Slot::new(d, h)))
        .collect()
}

/// Number of distinct dates among stored slot texts (`2019-06-03 am` → `2019-06-03`).
pub fn days_of(slots: &[String]) -> u32 {
    let mut dates: Vec<&str> = slots.iter().filter_map(|s| s.split(' ').next()).collect();
    dates.sort_unstable();
    dates.dedup();
    dates.len() as u32
}

/// Full years between a birth date and a day.
pub fn age_on(birth: NaiveDate, day: NaiveDate) -> u32 {
    let mut age = day.year() - birth.year();
    if (day.month(), day.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age.max(0) as u32
}

/// What the officer types for a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TrainingSessionInput {
    pub programme_id: String,
    pub kind: TrainingKind,
    pub title: String,
    #[serde(default)]
    pub organiser: String,
    #[serde(default)]
    pub provider: String,
    #[serde(default)]
    pub venue: String,
    /// Required for township on-site sessions.
    #[serde(default)]
    pub township_id: Option<String>,
    pub start_date: String,
    pub end_date: String,
    /// Slots generated from the dates: both half-days (default), mornings or afternoons only.
    #[serde(default)]
    pub half_days: HalfDays,
    /// An explicit list of slots (`2019-06-03 am` …) instead of `half_days`; each within the dates.
    #[serde(default)]
    pub slots: Option<Vec<String>>,
    #[serde(default)]
    pub trainers: Vec<String>,
    #[serde(default)]
    pub outline: String,
    pub planned_headcount: u32,
}

/// A session input that passed every check that needs no database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidTrainingSession {
    pub programme_id: String,
    pub kind: TrainingKind,
    pub title: String,
    pub organiser: String,
    pub provider: String,
    pub venue: String,
    pub township_id: Option<String>,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    /// Stored texts, in time order, without duplicates.
    pub slots: Vec<String>,
    pub trainers: Vec<String>,
    pub outline: String,
    pub planned_headcount: u32,
}

impl TrainingSessionInput {
    pub fn validated(&self) -> Result<ValidTrainingSession, Invalid> {
        let programme_id = self.programme_id.trim().to_string();
        if programme_id.is_empty() {
            return Err(Invalid::new(
                "TRAINING_PROGRAMME",
                "programmeId",
                "请选择培训所属的项目。",
            ));
        }
        let title = self.title.trim().to_string();
        check_text(&title, "title", "培训名称", 100)?;
        let organiser = self.organiser.trim().to_string();
        check_optional_text(&organiser, "organiser", "主办单位", 60)?;
        let provider = self.provider.trim().to_string();
        check_optional_text(&provider, "provider", "承办（培训）机构", 60)?;
        let venue = self.venue.trim().to_string();
        check_optional_text(&venue, "venue", "培训地点", 100)?;
        let township_id = self
            .township_id
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string);
        if township_id.is_none() && self.kind.needs_township() {
            return Err(Invalid::new(
                "TRAINING_TOWNSHIP",
                "townshipId",
                "乡镇下沉式培训须选择举办的乡镇。",
            ));
        }
        let start_date = parse_date(&self.start_date, "startDate", "开始日期")?;
        let end_date = parse_date(&self.end_date, "endDate", "结束日期")?;
        if end_date < start_date {
            return Err(Invalid::new(
                "TRAINING_DATES",
                "endDate",
                "结束日期早于开始日期，请核对。",
            ));
        }
        let days = (end_date - start_date).num_days() + 1;
        if days > MAX_SESSION_DAYS {
            return Err(Invalid::new(
                "TRAINING_DATES",
                "endDate",
                format!("一期培训最长 {MAX_SESSION_DAYS} 天，现在是 {days} 天，请核对日期。"),
            ));
        }
        let mut slots = match &self.slots {
            None => slots_between(start_date, end_date, self.half_days),
            Some(list) => {
                let mut slots = Vec::with_capacity(list.len());
                for raw in list {
                    let slot = Slot::parse(raw, "TRAINING_SLOTS", "slots")?;
                    if slot.date < start_date || slot.date > end_date {
                        return Err(Invalid::new(
                            "TRAINING_SLOTS",
                            "slots",
                            format!("时段 {} 不在培训日期之内。", slot.label()),
                        ));
                    }
                    if slots.contains(&slot) {
                        return Err(Invalid::new(
                            "TRAINING_SLOTS",
                            "slots",
                            format!("时段 {} 填了两次。", slot.label()),
                        ));
                    }
                    slots.push(slot);
                }
                slots
            }
        };
        if slots.is_empty() {
            return Err(Invalid::new(
                "TRAINING_SLOTS",
                "slots",
                "培训至少要有一个时段（某日上午或下午）。",
            ));
        }
        slots.sort_unstable();
        let mut trainers = Vec::with_capacity(self.trainers.len());
        for raw in &self.trainers {
            let name = raw.trim().to_string();
            check_name(&name, "trainers", "授课人姓名")?;
            if !trainers.contains(&name) {
                trainers.push(name);
            }
        }
        let outline = self.outline.trim().to_string();
        if outline.chars().count() > 2000 {
            return Err(Invalid::new(
                "TRAINING_OUTLINE",
                "outline",
                "培训大纲最多 2000 个字。",
            ));
        }
        if self.planned_headcount == 0 || self.planned_headcount > MAX_HEADCOUNT {
            return Err(Invalid::new(
                "TRAINING_HEADCOUNT",
                "plannedHeadcount",
                format!(
                    "计划人数应在 1 到 {MAX_HEADCOUNT} 人之间，现在是 {}。",
                    self.planned_headcount
                ),
            ));
        }
        Ok(ValidTrainingSession {
            programme_id,
            kind: self.kind,
            title,
            organiser,
            provider,
            venue,
            township_id,
            start_date,
            end_date,
            slots: slots.iter().map(Slot::to_string).collect(),
            trainers,
            outline,
            planned_headcount: self.planned_headcount,
        })
    }
}

/// One line of a sign-in sheet as typed. The poor flag is not here: it is derived from the
/// household register by ID number, so unknown fields (such as `poor`) are refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AttendanceInput {
    pub session_id: String,
    /// `2019-06-03 am`; must be one of the session's slots.
    pub slot: String,
    pub name: String,
    pub id_number: String,
    #[serde(default)]
    pub phone: String,
    /// Taken from the register (the household's village) when left out.
    #[serde(default)]
    pub township_id: Option<String>,
    #[serde(default)]
    pub village_id: Option<String>,
    /// The person signed the paper sheet.
    #[serde(default)]
    pub signed: bool,
    /// Where on the photographed sheet: `第2页第15行`.
    #[serde(default)]
    pub sheet_page: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidAttendance {
    pub session_id: String,
    pub slot: Slot,
    pub name: String,
    pub id: ParsedId,
    pub phone: String,
    pub township_id: Option<String>,
    pub village_id: Option<String>,
    pub signed: bool,
    pub sheet_page: String,
}

fn optional_id(raw: &Option<String>) -> Option<String> {
    raw.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

impl AttendanceInput {
    pub fn validated(&self, today: NaiveDate) -> Result<ValidAttendance, Invalid> {
        let session_id = self.session_id.trim().to_string();
        if session_id.is_empty() {
            return Err(Invalid::new(
                "ATTENDANCE_SESSION",
                "sessionId",
                "请选择签到所属的培训。",
            ));
        }
        let slot = Slot::parse(&self.slot, "ATTENDANCE_SLOT", "slot")?;
        let name = self.name.trim().to_string();
        check_name(&name, "name", "姓名")?;
        let id = ResidentId::parse(&self.id_number, "idNumber", today)?;
        let phone = match self.phone.trim() {
            "" => String::new(),
            raw => phone::mobile(raw, "phone")?,
        };
        let sheet_page = self.sheet_page.trim().to_string();
        check_optional_text(&sheet_page, "sheetPage", "签到表页码", 20)?;
        Ok(ValidAttendance {
            session_id,
            slot,
            name,
            id,
            phone,
            township_id: optional_id(&self.township_id),
            village_id: optional_id(&self.village_id),
            signed: self.signed,
            sheet_page,
        })
    }
}

impl ValidAttendance {
    /// Fabrication check 7: a trainee younger than 16 or older than 75 on the day.
    pub fn age_warning(&self) -> Option<Invalid> {
        let age = age_on(self.id.birth_date, self.slot.date);
        (!(MIN_AGE..=MAX_AGE).contains(&age)).then(|| {
            Invalid::new(
                "ATTENDANCE_AGE",
                "idNumber",
                format!(
                    "按身份证号，{}在 {} 时 {age} 岁，不在 {MIN_AGE}–{MAX_AGE} 岁之间。请核对号码或是否本人参训。",
                    self.name,
                    super::format_date_zh(self.slot.date)
                ),
            )
        })
    }
}

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
    pub trainers: Vec<String>,
    pub outline: String,
    pub planned_headcount: u32,
    /// SHA-256 of the photographed sign-in sheets (in `attachment`).
    pub sheet_photos: Vec<String>,
    pub person_times: u32,
    pub distinct_persons: u32,
    pub poor_person_times: u32,
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
    /// The ID is in the household register (derived, never typed).
    pub poor: bool,
    pub household_id: Option<String>,
    /// The household's category label, or 不在登记册.
    pub register_label: String,
    pub signed: bool,
    pub sheet_page: String,
    pub status: String,
}

/// One session's share of a programme's totals, as the store counts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionTallyInput {
    pub kind: TrainingKind,
    pub township_id: Option<String>,
    pub township_name: String,
    /// Distinct dates among its slots.
    pub days: u32,
    pub person_times: u32,
    pub poor_person_times: u32,
}

/// A programme's training delivered so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TrainingTotals {
    pub programme_id: String,
    pub programme_name: String,
    pub sessions: u32,
    /// Sessions with at least one attendance row.
    pub held_sessions: u32,
    /// Attendance rows (one per person per half-day slot).
    pub person_times: u32,
    pub distinct_persons: u32,
    pub poor_person_times: u32,
    pub poor_persons: u32,
    /// Person-times ÷ 2, one decimal: "12.5".
    pub person_days: String,
    /// Yuan, two decimals.
    pub cost: String,
    pub by_township: Vec<TownshipTally>,
    pub by_kind: Vec<KindTally>,
    pub targets: Vec<TargetProgress>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TownshipTally {
    /// `None` for sessions without a township (county sessions, field trips).
    pub township_id: Option<String>,
    /// 县级（未指定乡镇） for those.
    pub township_name: String,
    pub sessions: u32,
    pub person_times: u32,
    pub poor_person_times: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct KindTally {
    pub kind: TrainingKind,
    pub kind_label: String,
    pub sessions: u32,
    pub held_sessions: u32,
    pub person_times: u32,
    pub poor_person_times: u32,
    pub person_days: String,
    /// The programme rate applied (see the module docs), `None` when the programme has none.
    pub rate_key: Option<String>,
    /// Yuan per person-day (the rate's minimum).
    pub rate: Option<String>,
    pub cost: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TargetProgress {
    pub key: String,
    pub label: String,
    pub unit: String,
    pub target: u32,
    /// `None` for a target key Fieldbook does not count (shown, not judged).
    pub achieved: Option<u32>,
    pub met: Option<bool>,
    pub requirement: String,
}

/// The label a session without a township is grouped under.
pub const COUNTY_LEVEL: &str = "县级（未指定乡镇）";

fn person_days(person_times: u32) -> Decimal {
    Decimal::from(person_times) / Decimal::from(2)
}

fn days_text(d: Decimal) -> String {
    format!("{:.1}", d)
}

fn yuan_text(d: Decimal) -> String {
    format!("{:.2}", d)
}

/// Totals of a training programme from its sessions' tallies and the distinct persons (all and
/// poor) the store counted across them. Targets are read by key from the programme settings:
/// `person_times`, `poor_person_times`, `persons`, `township_sessions` (distinct townships with
/// a held on-site session), `county_sessions` and `field_trips` (held sessions of that kind),
/// `county_session_days` (the shortest held county session, in days; 0 when none).
pub fn training_totals(
    programme_id: &str,
    programme_name: &str,
    settings: &Preset,
    sessions: &[SessionTallyInput],
    distinct_persons: u32,
    poor_persons: u32,
) -> TrainingTotals {
    let rates = settings.rates.as_deref().unwrap_or_default();
    let rate_for = |kind: TrainingKind| {
        rates
            .iter()
            .find(|r| r.key == kind.rate_key())
            .or_else(|| rates.iter().find(|r| r.key == "general"))
    };
    let mut by_kind = Vec::new();
    let mut cost = Decimal::ZERO;
    for kind in TrainingKind::ALL {
        let of_kind: Vec<&SessionTallyInput> = sessions.iter().filter(|s| s.kind == kind).collect();
        let person_times: u32 = of_kind.iter().map(|s| s.person_times).sum();
        let days = person_days(person_times);
        let rate = rate_for(kind);
        let kind_cost = rate.map_or(Decimal::ZERO, |r| round_fen(days * r.min));
        cost += kind_cost;
        by_kind.push(KindTally {
            kind,
            kind_label: kind.label().to_string(),
            sessions: of_kind.len() as u32,
            held_sessions: of_kind.iter().filter(|s| s.person_times > 0).count() as u32,
            person_times,
            poor_person_times: of_kind.iter().map(|s| s.poor_person_times).sum(),
            person_days: days_text(days),
            rate_key: rate.map(|r| r.key.clone()),
            rate: rate.map(|r| yuan_text(r.min)),
            cost: yuan_text(kind_cost),
        });
    }
    let mut townships: BTreeMap<(bool, String, Option<String>), TownshipTally> = BTreeMap::new();
    for s in sessions {
        let name = if s.township_id.is_some() {
            s.township_name.clone()
        } else {
            COUNTY_LEVEL.to_string()
        };
        // Sessions without a township last; townships by name.
        let key = (s.township_id.is_none(), name.clone(), s.township_id.clone());
        let tally = townships.entry(key).or_insert_with(|| TownshipTally {
            township_id: s.township_id.clone(),
            township_name: name,
            sessions: 0,
            person_times: 0,
            poor_person_times: 0,
        });
        tally.sessions += 1;
        tally.person_times += s.person_times;
        tally.poor_person_times += s.poor_person_times;
    }
    let person_times: u32 = sessions.iter().map(|s| s.person_times).sum();
    let poor_person_times: u32 = sessions.iter().map(|s| s.poor_person_times).sum();
    let held = |kind: TrainingKind| {
        sessions
            .iter()
            .filter(move |s| s.kind == kind && s.person_times > 0)
    };
    let targets = settings
        .targets
        .iter()
        .map(|t| {
            let achieved = match t.key.as_str() {
                "person_times" => Some(person_times),
                "poor_person_times" => Some(poor_person_times),
                "persons" => Some(distinct_persons),
                "township_sessions" => {
                    let mut ids: Vec<&str> = held(TrainingKind::TownshipOnsite)
                        .filter_map(|s| s.township_id.as_deref())
                        .collect();
                    ids.sort_unstable();
                    ids.dedup();
                    Some(ids.len() as u32)
                }
                "county_sessions" => Some(held(TrainingKind::County).count() as u32),
                "field_trips" => Some(held(TrainingKind::FieldTrip).count() as u32),
                "county_session_days" => Some(
                    held(TrainingKind::County)
                        .map(|s| s.days)
                        .min()
                        .unwrap_or(0),
                ),
                _ => None,
            };
            TargetProgress {
                key: t.key.clone(),
                label: t.label.clone(),
                unit: t.unit.clone(),
                target: t.quantity,
                achieved,
                met: achieved.map(|a| a >= t.quantity),
                requirement: t.requirement.clone(),
            }
        })
        .collect();
    TrainingTotals {
        programme_id: programme_id.to_string(),
        programme_name: programme_name.to_string(),
        sessions: sessions.len() as u32,
        held_sessions: sessions.iter().filter(|s| s.person_times > 0).count() as u32,
        person_times,
        distinct_persons,
        poor_person_times,
        poor_persons,
        person_days: days_text(person_days(person_times)),
        cost: yuan_text(cost),
        by_township: townships.into_values().collect(),
        by_kind,
        targets,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::programmes::presets;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn input() -> TrainingSessionInput {
        TrainingSessionInput {
            programme_id: "p".into(),
            kind: TrainingKind::TownshipOnsite,
            title: " 鸡峰镇电商培训班 ".into(),
            organiser: "成县商务局".into(),
            provider: String::new(),
            venue: "鸡峰镇政府会议室".into(),
            township_id: Some("t".into()),
            start_date: "2019-06-03".into(),
            end_date: "2019/6/4".into(),
            half_days: HalfDays::Both,
            slots: None,
            trainers: vec![" 王老师 ".into()],
            outline: String::new(),
            planned_headcount: 60,
        }
    }

    #[test]
    fn slots_are_generated_from_dates_or_listed() {
        let valid = input().validated().unwrap();
        assert_eq!(valid.title, "鸡峰镇电商培训班");
        assert_eq!(valid.trainers, ["王老师"]);
        assert_eq!(
            valid.slots,
            [
                "2019-06-03 am",
                "2019-06-03 pm",
                "2019-06-04 am",
                "2019-06-04 pm"
            ]
        );
        let mornings = TrainingSessionInput {
            half_days: HalfDays::Am,
            ..input()
        };
        assert_eq!(
            mornings.validated().unwrap().slots,
            ["2019-06-03 am", "2019-06-04 am"]
        );
        let listed = TrainingSessionInput {
            slots: Some(vec!["2019年6月4日上午".into(), "2019-6-3 PM".into()]),
            ..input()
        };
        assert_eq!(
            listed.validated().unwrap().slots,
            ["2019-06-03 pm", "2019-06-04 am"]
        );
    }

    #[test]
    fn session_refusals() {
        let cases: Vec<(TrainingSessionInput, &str, &str)> = vec![
            (
                TrainingSessionInput {
                    title: " ".into(),
                    ..input()
                },
                "NAME_EMPTY",
                "title",
            ),
            (
                TrainingSessionInput {
                    township_id: None,
                    ..input()
                },
                "TRAINING_TOWNSHIP",
                "townshipId",
            ),
            (
                TrainingSessionInput {
                    end_date: "2019-06-02".into(),
                    ..input()
                },
                "TRAINING_DATES",
                "endDate",
            ),
            (
                TrainingSessionInput {
                    end_date: "2019-08-02".into(),
                    ..input()
                },
                "TRAINING_DATES",
                "endDate",
            ),
            (
                TrainingSessionInput {
                    slots: Some(vec!["2019-06-05 am".into()]),
                    ..input()
                },
                "TRAINING_SLOTS",
                "slots",
            ),
            (
                TrainingSessionInput {
                    slots: Some(vec!["2019-06-03 am".into(), "2019年6月3日上午".into()]),
                    ..input()
                },
                "TRAINING_SLOTS",
                "slots",
            ),
            (
                TrainingSessionInput {
                    slots: Some(vec!["2019-06-03 evening".into()]),
                    ..input()
                },
                "TRAINING_SLOTS",
                "slots",
            ),
            (
                TrainingSessionInput {
                    slots: Some(vec![]),
                    ..input()
                },
                "TRAINING_SLOTS",
                "slots",
            ),
            (
                TrainingSessionInput {
                    planned_headcount: 0,
                    ..input()
                },
                "TRAINING_HEADCOUNT",
                "plannedHeadcount",
            ),
            (
                TrainingSessionInput {
                    start_date: "6月3日".into(),
                    ..input()
                },
                "DATE_INVALID",
                "startDate",
            ),
        ];
        for (input, code, field) in cases {
            let e = input.validated().expect_err(code);
            assert_eq!((e.code, e.field), (code, field), "{e}");
        }
        let county = TrainingSessionInput {
            kind: TrainingKind::County,
            township_id: None,
            ..input()
        };
        assert_eq!(county.validated().unwrap().township_id, None);
    }

    #[test]
    fn ages_count_full_years() {
        let birth = d(2003, 6, 4);
        assert_eq!(age_on(birth, d(2019, 6, 3)), 15);
        assert_eq!(age_on(birth, d(2019, 6, 4)), 16);
        assert_eq!(age_on(d(1944, 2, 29), d(2019, 2, 28)), 74);
        assert_eq!(age_on(d(1944, 2, 29), d(2019, 3, 1)), 75);
    }

    #[test]
    fn slot_labels() {
        let slot = Slot::parse("2019-06-03 pm", "X", "slot").unwrap();
        assert_eq!(slot.to_string(), "2019-06-03 pm");
        assert_eq!(slot.label(), "2019年6月3日下午");
        assert_eq!(
            days_of(&[
                "2019-06-03 am".into(),
                "2019-06-03 pm".into(),
                "2019-06-05 am".into()
            ]),
            2
        );
    }

    #[test]
    fn totals_against_the_training_preset() {
        let preset = presets()
            .unwrap()
            .into_iter()
            .find(|p| p.code == "chengxian-2019-training")
            .unwrap();
        let tally = |kind, township: Option<&str>, days, times, poor| SessionTallyInput {
            kind,
            township_id: township.map(str::to_string),
            township_name: township.map(|t| format!("{t}镇")).unwrap_or_default(),
            days,
            person_times: times,
            poor_person_times: poor,
        };
        let sessions = [
            tally(TrainingKind::TownshipOnsite, Some("a"), 1, 10, 4),
            tally(TrainingKind::TownshipOnsite, Some("a"), 1, 6, 0),
            tally(TrainingKind::TownshipOnsite, Some("b"), 1, 0, 0),
            tally(TrainingKind::County, None, 3, 5, 5),
            tally(TrainingKind::FieldTrip, None, 2, 3, 1),
        ];
        let t = training_totals("p", "培训", &preset, &sessions, 12, 6);
        assert_eq!(
            (
                t.sessions,
                t.held_sessions,
                t.person_times,
                t.poor_person_times
            ),
            (5, 4, 24, 10)
        );
        assert_eq!(t.person_days, "12.0");
        // 8 days × 100 + 2.5 × 200 + 1.5 × 300
        assert_eq!(t.cost, "1750.00");
        let kinds: Vec<(&str, Option<&str>, &str)> = t
            .by_kind
            .iter()
            .map(|k| (k.person_days.as_str(), k.rate.as_deref(), k.cost.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                ("8.0", Some("100.00"), "800.00"),
                ("2.5", Some("200.00"), "500.00"),
                ("1.5", Some("300.00"), "450.00")
            ]
        );
        let towns: Vec<(&str, u32, u32)> = t
            .by_township
            .iter()
            .map(|x| (x.township_name.as_str(), x.sessions, x.person_times))
            .collect();
        assert_eq!(towns, [("a镇", 2, 16), ("b镇", 1, 0), (COUNTY_LEVEL, 2, 8)]);
        let targets: Vec<(&str, Option<u32>, Option<bool>)> = t
            .targets
            .iter()
            .map(|x| (x.key.as_str(), x.achieved, x.met))
            .collect();
        assert_eq!(
            targets,
            [
                ("person_times", Some(24), Some(false)),
                ("township_sessions", Some(1), Some(false)),
                ("county_sessions", Some(1), Some(false)),
                ("county_session_days", Some(3), Some(true)),
                ("field_trips", Some(1), Some(false)),
            ]
        );
        // Without rates there is no cost, and the rate is shown as missing.
        let bare = Preset {
            rates: None,
            ..preset
        };
        let t = training_totals("p", "培训", &bare, &sessions, 12, 6);
        assert_eq!((t.cost.as_str(), t.by_kind[0].rate.clone()), ("0.00", None));
    }
}
