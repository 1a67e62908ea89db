//! The 核查设置 tab's core: the county's thresholds are refused when a rule could not judge by
//! them (every problem at once, each on its field), saved with the product seasons in one change
//! at the hub, and read-only on a township laptop.

use fieldbook::checks::{ProductSeason, ProductSeasons, Thresholds};
use fieldbook::Code;

use crate::sync::Setup;
use crate::targets::county;

fn season(product: &str, from: &str, to: &str) -> ProductSeason {
    ProductSeason {
        product: product.into(),
        from: from.into(),
        to: to.into(),
    }
}

/// Each case: one change from the defaults, and the field (with its code) that refuses it.
#[allow(clippy::type_complexity)]
#[rustfmt::skip]
const INVALID: &[(&str, fn(&mut Thresholds), &str, Code)] = &[
    ("one operator is not many", |t| t.operators_per_household = 1, "operatorsPerHousehold", Code::CHECK_THRESHOLD_RANGE),
    ("a course of no days", |t| t.long_course_days = 0, "longCourseDays", Code::CHECK_THRESHOLD_RANGE),
    ("full attendance of nobody", |t| t.full_attendance_min_trainees = 0, "fullAttendanceMinTrainees", Code::CHECK_THRESHOLD_RANGE),
    ("a roster of one is not identical", |t| t.identical_roster_min = 1, "identicalRosterMin", Code::CHECK_THRESHOLD_RANGE),
    ("one trainee shares no phone", |t| t.trainees_per_phone = 1, "traineesPerPhone", Code::CHECK_THRESHOLD_RANGE),
    ("a run of one phone", |t| t.phone_run_min = 1, "phoneRunMin", Code::CHECK_THRESHOLD_RANGE),
    ("an order of one", |t| t.id_order_min = 0, "idOrderMin", Code::CHECK_THRESHOLD_RANGE),
    ("a birthday shared by one", |t| t.shared_birthday_min = 1, "sharedBirthdayMin", Code::CHECK_THRESHOLD_RANGE),
    ("a trainee aged 0", |t| t.trainee_age_min = 0, "traineeAgeMin", Code::CHECK_THRESHOLD_RANGE),
    ("a trainee aged 200", |t| t.trainee_age_max = 200, "traineeAgeMax", Code::CHECK_THRESHOLD_RANGE),
    ("the oldest younger than the youngest", |t| { t.trainee_age_min = 40; t.trainee_age_max = 30 }, "traineeAgeMax", Code::CHECK_THRESHOLD_RANGE),
    ("a signer aged 0", |t| t.signer_age_min = 0, "signerAgeMin", Code::CHECK_THRESHOLD_RANGE),
    ("a round amount of one household", |t| t.round_amount_min_households = 1, "roundAmountMinHouseholds", Code::CHECK_THRESHOLD_RANGE),
    ("a round unit of 0 yuan", |t| t.round_amount_yuan = 0, "roundAmountYuan", Code::CHECK_THRESHOLD_RANGE),
    ("a notice of 0 days", |t| t.notice_min_days = 0, "noticeMinDays", Code::CHECK_THRESHOLD_RANGE),
    ("sites 0 km apart", |t| t.inspector_distance_km = 0, "inspectorDistanceKm", Code::CHECK_THRESHOLD_RANGE),
    ("a call-back share of 0 %", |t| t.callback_share = 0, "callbackShare", Code::CHECK_THRESHOLD_RANGE),
    ("a call-back share of 101 %", |t| t.callback_share = 101, "callbackShare", Code::CHECK_THRESHOLD_RANGE),
    ("a venue without a name", |t| { t.venue_capacity.insert("  ".into(), 40); }, "venueCapacity", Code::CHECK_VENUE),
    ("a venue without seats", |t| { t.venue_capacity.insert("村委会".into(), 0); }, "venueCapacity", Code::CHECK_VENUE),
    ("a venue twice, once with spaces", |t| { t.venue_capacity.insert("礼堂".into(), 80); t.venue_capacity.insert(" 礼堂".into(), 60); }, "venueCapacity", Code::CHECK_VENUE),
];

#[test]
fn the_hub_saves_valid_thresholds_and_refuses_each_invalid_one_on_its_field() {
    let mut c = county("654224", "托里县", &[&[true]]);
    let mut valid = Thresholds {
        trainees_per_phone: 2,
        trainee_age_min: 18,
        trainee_age_max: 18,
        callback_share: 100,
        ..Thresholds::default()
    };
    valid.venue_capacity.insert(" 乡政府会议室 ".into(), 40);
    let stored = c.store.set_check_thresholds(&valid).unwrap();
    assert_eq!(
        stored.venue_capacity.get("乡政府会议室"),
        Some(&40),
        "trimmed"
    );
    assert_eq!(Thresholds::read(&c.store).unwrap(), stored);

    for (case, change, field, code) in INVALID {
        let mut thresholds = Thresholds::default();
        change(&mut thresholds);
        let refused = c.store.set_check_thresholds(&thresholds).unwrap_err();
        let problems: Vec<(&str, Code)> = refused
            .problems()
            .iter()
            .map(|p| (p.field, p.code))
            .collect();
        assert_eq!(problems, [(*field, *code)], "{case}: {refused}");
        assert!(
            refused.problems()[0].message.contains("请"),
            "{case}: says how to fix it"
        );
        assert_eq!(
            Thresholds::read(&c.store).unwrap(),
            stored,
            "{case}: nothing stored"
        );
    }
}

#[test]
fn every_problem_of_the_form_is_reported_at_once_and_nothing_is_saved() {
    let mut c = county("654224", "托里县", &[&[true]]);
    let mut thresholds = Thresholds {
        trainees_per_phone: 1,
        callback_share: 0,
        ..Thresholds::default()
    };
    thresholds.venue_capacity.insert(String::new(), 0);
    let seasons = ProductSeasons(vec![season("", "13-01", "02-28")]);
    let refused = c
        .store
        .set_check_settings(&thresholds, &seasons)
        .unwrap_err();
    let fields: Vec<&str> = refused.problems().iter().map(|p| p.field).collect();
    assert_eq!(
        fields,
        [
            "traineesPerPhone",
            "callbackShare",
            "venueCapacity",
            "venueCapacity",
            "productSeasons",
            "productSeasons"
        ],
        "{refused}"
    );
    let message = &refused.problems()[0].message;
    assert!(
        message.contains("共用一个电话的学员数") && message.contains("默认值 3 人"),
        "{message}"
    );
    let settings = c.store.check_settings().unwrap();
    assert_eq!(settings.thresholds, Thresholds::default());
    assert_eq!(settings.seasons, ProductSeasons::default());

    // Both together, in one change: the seasons written as stored.
    let thresholds = Thresholds {
        trainees_per_phone: 5,
        ..Thresholds::default()
    };
    let saved = c
        .store
        .set_check_settings(
            &thresholds,
            &ProductSeasons(vec![season("冬储白菜", "11-15", "2-28")]),
        )
        .unwrap();
    assert_eq!(saved.thresholds.trainees_per_phone, 5);
    assert_eq!(saved.defaults, Thresholds::default());
    assert_eq!(saved.seasons.0, [season("冬储白菜", "11-15", "02-28")]);
    assert!(saved.can_change);
    assert_eq!(c.store.check_settings().unwrap(), saved);
}

#[test]
fn a_township_laptop_reads_the_settings_but_cannot_change_them() {
    let mut s = Setup::new();
    let settings = s.device.check_settings().unwrap();
    assert!(!settings.can_change);
    assert!(s.county.check_settings().unwrap().can_change);
    let refused = s
        .device
        .set_check_settings(&Thresholds::default(), &ProductSeasons::default())
        .unwrap_err();
    assert_eq!(refused.code(), Code::CHECK_THRESHOLDS, "{refused}");
    assert!(
        refused.to_string().contains("乡镇电脑不能修改"),
        "{refused}"
    );
    let refused = s
        .device
        .set_check_thresholds(&Thresholds::default())
        .unwrap_err();
    assert_eq!(refused.code(), Code::CHECK_THRESHOLDS);
}
