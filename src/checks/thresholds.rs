//! The county's thresholds for the checks (`county.check_thresholds`, a JSON object): every key
//! is optional and takes its default, so a county sets only what it wants to change. Read with
//! `Thresholds::read(&Store)`; set with `Store::set_check_thresholds` (hub only), which refuses
//! a value a rule cannot judge by (`Thresholds::validated`: every problem at once).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::ProductSeasons;
use crate::domain::{Invalid, Invalids, Problems};
use crate::Code;

/// The 核查设置 tab: the county's thresholds and product seasons, the defaults a clerk may go
/// back to, and whether this database may change them (the hub; a township laptop follows the
/// county's reference package).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CheckSettings {
    pub thresholds: Thresholds,
    pub defaults: Thresholds,
    pub seasons: ProductSeasons,
    pub can_change: bool,
}

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

/// What one number of the thresholds may be: its JSON field, its name and unit as a clerk reads
/// them, its bounds (inclusive) and why the lower one (said in the message that refuses it).
struct Bound {
    field: &'static str,
    name: &'static str,
    unit: &'static str,
    min: u32,
    max: u32,
    why: &'static str,
    value: fn(&Thresholds) -> u32,
}

/// A count that compares at least two things (two people, two numbers): one alone is never
/// suspicious, so 1 would raise a finding on every record.
const COMPARES: &str = "至少要两个才谈得上相同或共用";
/// A plain count or length: 0 would raise a finding on everything.
const COUNTS: &str = "填 0 会使每条记录都被核查出来";
const AGES: &str = "按身份证号算出的年龄";
const NO_MAX: u32 = u32::MAX;

/// Every number of `Thresholds`, in the order of the settings form (by check family).
#[rustfmt::skip]
const BOUNDS: &[Bound] = &[
    Bound { field: "operatorsPerHousehold", name: "一户所在经营主体名单数", unit: "个", min: 2, max: NO_MAX, why: COMPARES, value: |t| t.operators_per_household },
    Bound { field: "longCourseDays", name: "长课程的天数", unit: "天", min: 1, max: NO_MAX, why: COUNTS, value: |t| t.long_course_days },
    Bound { field: "fullAttendanceMinTrainees", name: "全勤核查的最少学员数", unit: "人", min: 1, max: NO_MAX, why: COUNTS, value: |t| t.full_attendance_min_trainees },
    Bound { field: "identicalRosterMin", name: "相同签到名单的最少人数", unit: "人", min: 2, max: NO_MAX, why: COMPARES, value: |t| t.identical_roster_min },
    Bound { field: "traineesPerPhone", name: "共用一个电话的学员数", unit: "人", min: 2, max: NO_MAX, why: COMPARES, value: |t| t.trainees_per_phone },
    Bound { field: "phoneRunMin", name: "连号电话的个数", unit: "个", min: 2, max: NO_MAX, why: COMPARES, value: |t| t.phone_run_min },
    Bound { field: "idOrderMin", name: "按身份证号顺序签到的人数", unit: "人", min: 2, max: NO_MAX, why: COMPARES, value: |t| t.id_order_min },
    Bound { field: "sharedBirthdayMin", name: "同一天生日的学员数", unit: "人", min: 2, max: NO_MAX, why: COMPARES, value: |t| t.shared_birthday_min },
    Bound { field: "traineeAgeMin", name: "学员最小年龄", unit: "岁", min: 1, max: 120, why: AGES, value: |t| t.trainee_age_min },
    Bound { field: "traineeAgeMax", name: "学员最大年龄", unit: "岁", min: 1, max: 120, why: AGES, value: |t| t.trainee_age_max },
    Bound { field: "signerAgeMin", name: "签约户主最小年龄", unit: "岁", min: 1, max: 120, why: AGES, value: |t| t.signer_age_min },
    Bound { field: "roundAmountMinHouseholds", name: "同一整数金额的最少户数", unit: "户", min: 2, max: NO_MAX, why: COMPARES, value: |t| t.round_amount_min_households },
    Bound { field: "roundAmountYuan", name: "整数金额的单位", unit: "元", min: 1, max: NO_MAX, why: COUNTS, value: |t| t.round_amount_yuan },
    Bound { field: "noticeMinDays", name: "公示最少天数", unit: "天", min: 1, max: NO_MAX, why: COUNTS, value: |t| t.notice_min_days },
    Bound { field: "inspectorDistanceKm", name: "同日两处验收的距离", unit: "公里", min: 1, max: NO_MAX, why: COUNTS, value: |t| t.inspector_distance_km },
    Bound { field: "callbackShare", name: "回访抽样比例", unit: "%", min: 1, max: 100, why: "占乡镇农户数的百分比", value: |t| t.callback_share },
];

/// A number with its unit as a message says it: "3 人", "10%".
fn amount(value: u32, unit: &str) -> String {
    match unit {
        "%" => format!("{value}%"),
        unit => format!("{value} {unit}"),
    }
}

impl Bound {
    fn refusal(&self, value: u32, default: u32) -> Option<Invalid> {
        if (self.min..=self.max).contains(&value) {
            return None;
        }
        let wanted = match self.max {
            NO_MAX => format!("应不少于 {}", amount(self.min, self.unit)),
            max => format!("应为 {} 到 {}", self.min, amount(max, self.unit)),
        };
        Some(Invalid::new(
            Code::CHECK_THRESHOLD_RANGE,
            self.field,
            format!(
                "“{}”{wanted}（{}），填写的是 {}。请改正，或恢复默认值 {}。",
                self.name,
                self.why,
                amount(value, self.unit),
                amount(default, self.unit)
            ),
        ))
    }
}

impl Thresholds {
    /// Every problem at once, each on its own field (`CHECK_THRESHOLD_RANGE`: a number outside
    /// what its rule can judge by, or the youngest trainee age above the oldest; `CHECK_VENUE`: a
    /// venue without a name or without seats), or the thresholds with venue names trimmed (the
    /// rule matches a session's venue trimmed).
    pub fn validated(&self) -> Result<Thresholds, Invalids> {
        let defaults = Thresholds::default();
        let mut problems = Problems::new();
        for bound in BOUNDS {
            if let Some(refused) = bound.refusal((bound.value)(self), (bound.value)(&defaults)) {
                problems.push(refused);
            }
        }
        if !problems.has("traineeAgeMin") && !problems.has("traineeAgeMax") {
            problems.check(
                self.trainee_age_min > self.trainee_age_max,
                Code::CHECK_THRESHOLD_RANGE,
                "traineeAgeMax",
                format!(
                    "学员最大年龄 {} 岁小于最小年龄 {} 岁。请把最大年龄改为不小于最小年龄（默认 {} 到 {} 岁）。",
                    self.trainee_age_max, self.trainee_age_min, defaults.trainee_age_min, defaults.trainee_age_max
                ),
            );
        }
        let mut venues = BTreeMap::new();
        for (line, (name, &seats)) in self.venue_capacity.iter().enumerate() {
            let line = line + 1;
            let trimmed = name.trim();
            let venue = match trimmed {
                "" => format!("第 {line} 个场地"),
                name => format!("场地“{name}”"),
            };
            if trimmed.is_empty() {
                problems.push(Invalid::new(
                    Code::CHECK_VENUE,
                    "venueCapacity",
                    format!("第 {line} 个场地没有填写名称。请填写培训记录中的场地名称，如“鸡峰镇政府会议室”，或删去这一行。"),
                ));
            } else if venues.contains_key(trimmed) {
                problems.push(Invalid::new(
                    Code::CHECK_VENUE,
                    "venueCapacity",
                    format!("{venue}填写了两次。每个场地只能设一个座位数，请删去一行。"),
                ));
            }
            if seats < 1 {
                problems.push(Invalid::new(
                    Code::CHECK_VENUE,
                    "venueCapacity",
                    format!("{venue}的座位数应至少为 1 人，填写的是 {seats} 人。请填写场地能坐下的人数，或删去这一行。"),
                ));
            }
            venues.insert(trimmed.to_string(), seats);
        }
        problems.finish()?;
        Ok(Thresholds {
            venue_capacity: venues,
            ..self.clone()
        })
    }

    /// The thresholds stored as JSON, missing keys at their defaults. `None` or an empty text:
    /// every default.
    pub fn from_json(text: Option<&str>) -> serde_json::Result<Thresholds> {
        match text.map(str::trim) {
            None | Some("") => Ok(Thresholds::default()),
            Some(text) => serde_json::from_str(text),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn every_number_has_its_bound_and_the_defaults_pass_them() {
        let json = serde_json::to_value(Thresholds::default()).unwrap();
        let numbers: BTreeSet<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .filter(|k| *k != "venueCapacity")
            .collect();
        let bounded: BTreeSet<&str> = BOUNDS.iter().map(|b| b.field).collect();
        assert_eq!(numbers, bounded);
        assert_eq!(BOUNDS.len(), bounded.len(), "each once");
        assert_eq!(Thresholds::default().validated(), Ok(Thresholds::default()));
    }
}
