//! What the officer types for a session and for a line of a sign-in sheet, and the checks
//! that need no database.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{age_on, slots_between, Audience, HalfDays, Slot, TrainingKind};
use super::{MAX_AGE, MAX_HEADCOUNT, MAX_SESSION_DAYS, MIN_AGE};
use crate::domain::places::{optional_text, required_name, required_text};
use crate::domain::resident_id::{ParsedId, ResidentId};
use crate::domain::{format_date_zh, optional_id, parse_date, phone, Invalid, Invalids, Problems};
use crate::Code;

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
    /// Who the session is for: the audience the sign-in form offers for each person (其他 when
    /// left out).
    #[serde(default)]
    pub audience: Option<Audience>,
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
    pub audience: Audience,
}

impl TrainingSessionInput {
    /// Every problem of the session at once (`Invalids`), or the session normalised.
    pub fn validated(&self) -> Result<ValidTrainingSession, Invalids> {
        let mut problems = Problems::new();
        let programme_id = self.programme_id.trim().to_string();
        problems.check(
            programme_id.is_empty(),
            Code::TRAINING_PROGRAMME,
            "programmeId",
            "请选择培训所属的项目。",
        );
        let title = problems.take(required_text(&self.title, "title", "培训名称", 100));
        let organiser = problems.take(optional_text(&self.organiser, "organiser", "主办单位", 60));
        let provider = problems.take(optional_text(
            &self.provider,
            "provider",
            "承办（培训）机构",
            60,
        ));
        let venue = problems.take(optional_text(&self.venue, "venue", "培训地点", 100));
        let township_id = optional_id(&self.township_id);
        problems.check(
            township_id.is_none() && self.kind.needs_township(),
            Code::TRAINING_TOWNSHIP,
            "townshipId",
            "乡镇下沉式培训须选择举办的乡镇。",
        );
        let start_date = problems.take(parse_date(&self.start_date, "startDate", "开始日期"));
        let end_date = problems.take(parse_date(&self.end_date, "endDate", "结束日期"));
        let slots = match (start_date, end_date) {
            (Some(start), Some(end)) => problems.take(self.dates_and_slots(start, end)),
            _ => None,
        };
        let trainers = problems.take(self.trainers());
        let outline = self.outline.trim().to_string();
        problems.check(
            outline.chars().count() > 2000,
            Code::TRAINING_OUTLINE,
            "outline",
            "培训大纲最多 2000 个字。",
        );
        problems.check(
            self.planned_headcount == 0 || self.planned_headcount > MAX_HEADCOUNT,
            Code::TRAINING_HEADCOUNT,
            "plannedHeadcount",
            format!(
                "计划人数应在 1 到 {MAX_HEADCOUNT} 人之间，现在是 {}。",
                self.planned_headcount
            ),
        );
        let taken = (|| {
            Some((
                title?,
                organiser?,
                provider?,
                venue?,
                start_date?,
                end_date?,
                slots?,
                trainers?,
            ))
        })();
        let (title, organiser, provider, venue, start_date, end_date, slots, trainers) =
            problems.done(taken)?;
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
            audience: self.audience.unwrap_or(Audience::Other),
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
    /// Who this person is (驻村队员、网商…); the session's audience when left out.
    #[serde(default)]
    pub audience: Option<Audience>,
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
    pub audience: Option<Audience>,
}

impl TrainingSessionInput {
    /// The session's half-day slots, in time order, checked against its dates.
    fn dates_and_slots(
        &self,
        start_date: NaiveDate,
        end_date: NaiveDate,
    ) -> Result<Vec<Slot>, Invalid> {
        if end_date < start_date {
            return Err(Invalid::new(
                Code::TRAINING_DATES,
                "endDate",
                "结束日期早于开始日期，请核对。",
            ));
        }
        let days = (end_date - start_date).num_days() + 1;
        if days > MAX_SESSION_DAYS {
            return Err(Invalid::new(
                Code::TRAINING_DATES,
                "endDate",
                format!("一期培训最长 {MAX_SESSION_DAYS} 天，现在是 {days} 天，请核对日期。"),
            ));
        }
        let mut slots = match &self.slots {
            None => slots_between(start_date, end_date, self.half_days),
            Some(list) => {
                let mut slots = Vec::with_capacity(list.len());
                for raw in list {
                    let slot = Slot::parse(raw, Code::TRAINING_SLOTS, "slots")?;
                    if slot.date < start_date || slot.date > end_date {
                        return Err(Invalid::new(
                            Code::TRAINING_SLOTS,
                            "slots",
                            format!("时段 {} 不在培训日期之内。", slot.label()),
                        ));
                    }
                    if slots.contains(&slot) {
                        return Err(Invalid::new(
                            Code::TRAINING_SLOTS,
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
                Code::TRAINING_SLOTS,
                "slots",
                "培训至少要有一个时段（某日上午或下午）。",
            ));
        }
        slots.sort_unstable();
        Ok(slots)
    }

    /// The trainers' names, trimmed, each once.
    fn trainers(&self) -> Result<Vec<String>, Invalid> {
        let mut trainers = Vec::with_capacity(self.trainers.len());
        for raw in &self.trainers {
            let name = required_name(raw, "trainers", "授课人姓名")?;
            if !trainers.contains(&name) {
                trainers.push(name);
            }
        }
        Ok(trainers)
    }
}

impl AttendanceInput {
    /// Every problem of the sign-in line at once (`Invalids`), or the line normalised.
    pub fn validated(&self, today: NaiveDate) -> Result<ValidAttendance, Invalids> {
        let mut problems = Problems::new();
        let session_id = self.session_id.trim().to_string();
        problems.check(
            session_id.is_empty(),
            Code::ATTENDANCE_SESSION,
            "sessionId",
            "请选择签到所属的培训。",
        );
        let slot = problems.take(Slot::parse(&self.slot, Code::ATTENDANCE_SLOT, "slot"));
        let name = problems.take(required_name(&self.name, "name", "姓名"));
        let id = problems.take(ResidentId::parse(&self.id_number, "idNumber", today));
        let phone = match self.phone.trim() {
            "" => Some(String::new()),
            raw => problems.take(phone::mobile(raw, "phone")),
        };
        let sheet_page = problems.take(optional_text(
            &self.sheet_page,
            "sheetPage",
            "签到表页码",
            20,
        ));
        let taken = (|| Some((slot?, name?, id?, phone?, sheet_page?)))();
        let (slot, name, id, phone, sheet_page) = problems.done(taken)?;
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
            audience: self.audience,
        })
    }
}

impl ValidAttendance {
    /// Fabrication check 7: a trainee younger than 16 or older than 75 on the day.
    pub fn age_warning(&self) -> Option<Invalid> {
        let age = age_on(self.id.birth_date, self.slot.date);
        (!(MIN_AGE..=MAX_AGE).contains(&age)).then(|| {
            Invalid::new(
                Code::ATTENDANCE_AGE,
                "idNumber",
                format!(
                    "按身份证号，{}在 {} 时 {age} 岁，不在 {MIN_AGE}–{MAX_AGE} 岁之间。请核对号码或是否本人参训。",
                    self.name,
                    format_date_zh(self.slot.date)
                ),
            )
        })
    }
}
