//! Applications (申报), their reviews and the county's decision, the chosen-list notice, bans and
//! the county's fund settings — in 托里县, with 霍邱's station and logistics presets adopted, and
//! an injected clock for the dates.

use std::sync::Arc;

use fieldbook::domain::funds::{
    ApplicationDocument, ApplicationInput, BanInput, Decision, DecisionFilter, DecisionInput,
    DocumentKind, FundSettings, LiftBanInput, Opinion, Overcommit, ReviewInput, ReviewStep,
};
use fieldbook::domain::notices::ListSource;
use fieldbook::domain::operators::{OperatorInput, OperatorKind};
use fieldbook::store::hlc::ManualClock;
use fieldbook::{Error, Store};

use crate::county::{tori, TORI_TOWN};
use crate::sheets::log_len;

pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\nlicence scan";

/// Noon in China on `date` (04:00 UTC), so the local date is `date` in either zone.
fn ms(date: &str) -> u64 {
    let day = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
    let at = day.and_hms_opt(4, 0, 0).unwrap().and_utc();
    at.timestamp_millis() as u64
}

struct County {
    store: Store,
    clock: Arc<ManualClock>,
    stations: String,
    logistics: String,
    villages: Vec<String>,
}

impl County {
    fn at(&self, date: &str) {
        self.clock.set(ms(date));
    }

    fn operator(&mut self, village: usize, name: &str) -> String {
        let input = OperatorInput {
            kind: OperatorKind::ServiceStation,
            name: name.into(),
            credit_code: String::new(),
            person_in_charge: "努尔兰".into(),
            phone: "13909901234".into(),
            village_id: Some(self.villages[village].clone()),
            platform: String::new(),
            shop_url: String::new(),
        };
        self.store.add_operator(&input).unwrap().record.id
    }
}

fn tori_funds() -> County {
    let mut store = tori(None);
    let stations = store
        .add_programme_from_preset("huoqiu-2019-service-station", None)
        .unwrap()
        .id;
    let logistics = store
        .add_programme_from_preset("huoqiu-2019-logistics", None)
        .unwrap()
        .id;
    let clock = Arc::new(ManualClock::at(ms("2019-06-10")));
    store.set_clock(clock.clone());
    let villages = store
        .list_villages(None)
        .unwrap()
        .into_iter()
        .map(|v| v.id)
        .collect();
    County {
        store,
        clock,
        stations,
        logistics,
        villages,
    }
}

fn application(programme: &str, operator: &str, class: &str) -> ApplicationInput {
    ApplicationInput {
        programme_id: programme.into(),
        operator_id: operator.into(),
        class_key: class.into(),
        applied_date: "2019-06-01".into(),
        documents: Vec::new(),
        investment: None,
        notes: String::new(),
    }
}

fn review(id: &str, step: ReviewStep, opinion: Opinion) -> ReviewInput {
    ReviewInput {
        application_id: id.into(),
        step,
        reviewer: "托里镇审核组".into(),
        review_date: "2019-06-05".into(),
        opinion,
        comment: String::new(),
        score: None,
    }
}

fn decision(id: &str, decision: Decision, reason: &str) -> DecisionInput {
    DecisionInput {
        application_id: id.into(),
        decision,
        reason: reason.into(),
        decided_by: "县电商领导小组".into(),
        decided_date: "2019-06-08".into(),
    }
}

fn ban(operator: &str, start: &str) -> BanInput {
    BanInput {
        operator_id: operator.into(),
        reason: "弄虚作假骗取补助资金".into(),
        start_date: start.into(),
        officer: "县办阿依古丽".into(),
        recovery_id: None,
    }
}

/// Every code of a refusal, in order.
fn codes(error: &Error) -> Vec<String> {
    error
        .problems()
        .iter()
        .map(|p| p.code.to_string())
        .collect()
}

#[test]
fn an_application_is_reviewed_in_order_decided_once_and_lists_the_chosen() {
    let mut c = tori_funds();
    let station = c.operator(1, "克孜勒吐村电商服务站");
    let other = c.operator(2, "庙尔沟村电商服务站");
    let licence = c.store.store_fund_document("营业执照.png", PNG).unwrap();
    let mut input = application(&c.stations, &station, "station");
    input.documents = vec![ApplicationDocument {
        kind: DocumentKind::Licence,
        sha256: licence.clone(),
        name: "营业执照".into(),
    }];
    let saved = c.store.apply_for_funds(&input).unwrap();
    let id = saved.record.id.clone();
    assert_eq!(saved.record.class_label, "服务站点");
    assert_eq!(saved.record.place, "托里镇克孜勒吐村");
    assert_eq!(saved.record.decision, None);
    assert_eq!(saved.record.documents[0].sha256, licence);

    // Undecided, it may be edited.
    input.notes = "站点已运营两年".into();
    let edited = c.store.update_fund_application(&id, &input).unwrap();
    assert_eq!(edited.record.notes, "站点已运营两年");

    for step in [
        ReviewStep::Village,
        ReviewStep::Township,
        ReviewStep::County,
    ] {
        c.store
            .review_fund_application(&review(&id, step, Opinion::Disagree))
            .unwrap();
    }
    // The county scores again: the latest review of a step counts.
    let mut rescored = review(&id, ReviewStep::County, Opinion::Agree);
    rescored.score = Some("86.5".into());
    c.store.review_fund_application(&rescored).unwrap();
    let decided = c
        .store
        .decide_fund_application(&decision(&id, Decision::Approved, ""))
        .unwrap();
    assert_eq!(decided.record.reviews.len(), 4);
    assert_eq!(decided.record.reviews[3].score.as_deref(), Some("86.5"));
    assert_eq!(decided.record.decision, Some(Decision::Approved));
    assert_eq!(decided.record.decided_date.as_deref(), Some("2019-06-08"));
    // Village and township disagreed and were not reviewed again: the county is told.
    let warned: Vec<String> = decided
        .warnings
        .iter()
        .map(|w| w.code.to_string())
        .collect();
    assert_eq!(warned, ["FUND_REVIEW_DISAGREED"]);
    assert!(decided.warnings[0].message.contains("村推荐"));

    // Decided: no second decision, no review, no edit.
    let before = log_len(&c.store);
    let refusals = [
        c.store
            .decide_fund_application(&decision(&id, Decision::Rejected, "材料不全"))
            .unwrap_err(),
        c.store
            .review_fund_application(&review(&id, ReviewStep::County, Opinion::Agree))
            .unwrap_err(),
        c.store.update_fund_application(&id, &input).unwrap_err(),
    ];
    for refused in &refusals {
        assert_eq!(refused.code(), "FUND_APPLICATION_DECIDED", "{refused}");
    }
    assert_eq!(log_len(&c.store), before);

    // Another is rejected with its reason, after no reviews at all (warned of them).
    let rejected = c
        .store
        .apply_for_funds(&application(&c.stations, &other, "station"))
        .unwrap()
        .record
        .id;
    let no_reason = c
        .store
        .decide_fund_application(&decision(&rejected, Decision::Rejected, " "))
        .unwrap_err();
    assert_eq!(codes(&no_reason), ["FUND_DECISION_REASON"]);
    let saved = c
        .store
        .decide_fund_application(&decision(&rejected, Decision::Rejected, "站点未运营"))
        .unwrap();
    assert_eq!(saved.warnings[0].code, "FUND_REVIEW_MISSING");

    let approved = c
        .store
        .fund_applications(Some(&c.stations), Some(DecisionFilter::Approved))
        .unwrap();
    assert_eq!(approved.len(), 1);
    assert_eq!(approved[0].award_id, None);
    assert_eq!(c.store.fund_applications(None, None).unwrap().len(), 2);
    let undecided = c
        .store
        .fund_applications(None, Some(DecisionFilter::Undecided))
        .unwrap();
    assert!(undecided.is_empty());

    // The chosen list: the approved only, name, 镇村 and what it is to be supported in.
    let rows = c
        .store
        .notice_list_from(&ListSource::Applications {
            programme_id: c.stations.clone(),
        })
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].name, "克孜勒吐村电商服务站");
    assert_eq!(rows[0].place, "托里镇克孜勒吐村");
    assert_eq!(rows[0].benefit, "拟扶持：服务站点");
    assert!(rows[0].id_number.is_empty() && rows[0].phone.is_empty());
    let none = c
        .store
        .notice_list_from(&ListSource::Applications {
            programme_id: c.logistics.clone(),
        })
        .unwrap_err();
    assert_eq!(none.code(), "NOTICE_LIST_SOURCE");
}

#[test]
fn bad_applications_are_refused_with_every_problem_and_nothing_written() {
    let mut c = tori_funds();
    let station = c.operator(1, "克孜勒吐村电商服务站");
    let before = log_len(&c.store);

    let mut bad = application(&c.stations, &station, "I");
    bad.applied_date = "2019-06-11".into(); // tomorrow
    bad.investment = Some("12.345".into());
    bad.documents = vec![ApplicationDocument {
        kind: DocumentKind::Form,
        sha256: "0".repeat(64),
        name: "申报表".into(),
    }];
    let refused = c.store.apply_for_funds(&bad).unwrap_err();
    assert_eq!(
        codes(&refused),
        [
            "FUND_CLASS",
            "DATE_INVALID",
            "MONEY_PRECISION",
            "FUND_DOCUMENT"
        ]
    );
    assert!(refused.problems()[0]
        .message
        .contains("服务站点（station）"));
    assert_eq!(refused.problems()[3].field, "documents[0].sha256");
    assert!(refused.problems()[3].message.contains("申报表"));

    let unknown = c
        .store
        .apply_for_funds(&application("no-such", "no-such", "station"))
        .unwrap_err();
    assert_eq!(codes(&unknown), ["FUND_PROGRAMME", "FUND_OPERATOR"]);

    // 霍邱 logistics pays a share of the investment: the investment is required.
    let share = c
        .store
        .apply_for_funds(&application(&c.logistics, &station, "new_build"))
        .unwrap_err();
    assert_eq!(codes(&share), ["FUND_INVESTMENT_MISSING"]);
    assert_eq!(log_len(&c.store), before);

    let mut logistics = application(&c.logistics, &station, "new_build");
    logistics.investment = Some("1,200,000".into());
    let saved = c.store.apply_for_funds(&logistics).unwrap().record;
    assert_eq!(saved.investment.as_deref(), Some("1200000.00"));
    assert_eq!(saved.class_label, "新建");

    // One live application per operator and programme; a voided one frees the place.
    let twice = c.store.apply_for_funds(&logistics).unwrap_err();
    assert_eq!(codes(&twice), ["FUND_APPLICATION_DUPLICATE"]);
    let void_without_reason = c.store.void_fund_application(&saved.id, "").unwrap_err();
    assert_eq!(void_without_reason.code(), "VOID_REASON_REQUIRED");
    c.store
        .void_fund_application(&saved.id, "重复申报")
        .unwrap();
    assert_eq!(
        c.store.fund_application(&saved.id).unwrap_err().code(),
        "NOT_FOUND"
    );
    c.store.apply_for_funds(&logistics).unwrap();

    // Reviews in order, with a valid score.
    let id = c
        .store
        .apply_for_funds(&application(&c.stations, &station, "station"))
        .unwrap()
        .record
        .id;
    let before = log_len(&c.store);
    let early = c
        .store
        .review_fund_application(&review(&id, ReviewStep::County, Opinion::Agree))
        .unwrap_err();
    assert_eq!(codes(&early), ["FUND_REVIEW_ORDER"]);
    assert!(early.to_string().contains("村推荐、乡镇审核"), "{early}");
    let mut bad_review = review(&id, ReviewStep::Village, Opinion::Agree);
    bad_review.reviewer = " ".into();
    bad_review.review_date = "2019-05-01".into(); // before the application
    bad_review.score = Some("120".into());
    let refused = c.store.review_fund_application(&bad_review).unwrap_err();
    assert_eq!(
        codes(&refused),
        ["NAME_EMPTY", "DATE_INVALID", "FUND_REVIEW_SCORE"]
    );
    assert_eq!(log_len(&c.store), before);
}

#[test]
fn a_banned_operator_may_apply_again_on_the_day_the_ban_ends() {
    let mut c = tori_funds();
    let station = c.operator(1, "克孜勒吐村电商服务站");
    // Applied before the ban, decided after it: the approval is refused.
    let applied = c
        .store
        .apply_for_funds(&application(&c.stations, &station, "station"))
        .unwrap()
        .record
        .id;

    c.at("2019-12-20");
    let banned = c.store.ban_operator(&ban(&station, "2019-12-20")).unwrap();
    assert_eq!(banned.end_date, "2022-12-20");
    assert!(banned.active);
    let mut late = decision(&applied, Decision::Approved, "");
    late.decided_date = "2019-12-20".into();
    let refused = c.store.decide_fund_application(&late).unwrap_err();
    assert_eq!(codes(&refused), ["FUND_OPERATOR_BANNED"]);

    let mut again = application(&c.logistics, &station, "upgrade");
    again.investment = Some("100000".into());
    for (today, refused) in [
        ("2019-12-20", true),
        ("2022-12-19", true),
        ("2022-12-20", false),
    ] {
        c.at(today);
        again.applied_date = today.into();
        let before = log_len(&c.store);
        let answer = c.store.apply_for_funds(&again);
        match answer {
            Err(error) if refused => {
                assert_eq!(codes(&error), ["FUND_OPERATOR_BANNED"], "{today}");
                assert!(error.to_string().contains("2022年12月20日"), "{error}");
                assert_eq!(log_len(&c.store), before);
                assert!(c.store.active_ban(&station).unwrap().is_some());
            }
            Ok(saved) if !refused => {
                assert_eq!(saved.record.operator_id, station);
                assert_eq!(c.store.active_ban(&station).unwrap(), None);
                let bans = c.store.fund_bans(Some(&station)).unwrap();
                assert_eq!(bans.len(), 1);
                assert!(!bans[0].active);
            }
            other => panic!("{today}: expected refused = {refused}, got {other:?}"),
        }
    }
}

#[test]
fn the_county_sets_its_ban_years_and_may_lift_a_ban_with_a_reason() {
    let mut c = tori_funds();
    let first = c.operator(1, "克孜勒吐村电商服务站");
    let second = c.operator(2, "庙尔沟村电商服务站");
    assert_eq!(
        c.store.fund_settings().unwrap(),
        FundSettings {
            ban_years: 3,
            overcommit: Overcommit::Refuse
        }
    );
    let three = c.store.ban_operator(&ban(&first, "2019-06-01")).unwrap();
    assert_eq!(three.end_date, "2022-06-01");

    let before = log_len(&c.store);
    for years in [0, 11] {
        let refused = c
            .store
            .set_fund_settings(&FundSettings {
                ban_years: years,
                overcommit: Overcommit::Warn,
            })
            .unwrap_err();
        assert_eq!(refused.code(), "FUND_SETTINGS");
    }
    assert_eq!(log_len(&c.store), before);
    let five = FundSettings {
        ban_years: 5,
        overcommit: Overcommit::Warn,
    };
    assert_eq!(c.store.set_fund_settings(&five).unwrap(), five);
    assert_eq!(c.store.fund_ban_years().unwrap(), 5);
    let later = c.store.ban_operator(&ban(&second, "2019-06-01")).unwrap();
    assert_eq!(later.end_date, "2024-06-01");
    // The ban decided earlier keeps its end.
    assert_eq!(c.store.fund_ban(&three.id).unwrap().end_date, "2022-06-01");

    let mut no_reason = ban(&second, "2019-06-01");
    no_reason.reason = String::new();
    no_reason.start_date = "2019-07-01".into(); // after today
    let refused = c.store.ban_operator(&no_reason).unwrap_err();
    assert_eq!(codes(&refused), ["FUND_BAN_REASON", "DATE_INVALID"]);

    let lift = |reason: &str| LiftBanInput {
        date: "2019-06-10".into(),
        reason: reason.into(),
    };
    let refused = c.store.lift_ban(&later.id, &lift("")).unwrap_err();
    assert_eq!(codes(&refused), ["FUND_BAN_LIFT_REASON"]);
    assert!(c.store.active_ban(&second).unwrap().is_some());
    let lifted = c
        .store
        .lift_ban(&later.id, &lift("复议撤销处理决定"))
        .unwrap();
    assert_eq!(lifted.lifted_date.as_deref(), Some("2019-06-10"));
    assert!(!lifted.active);
    assert_eq!(c.store.active_ban(&second).unwrap(), None);
    let twice = c.store.lift_ban(&later.id, &lift("再次解除")).unwrap_err();
    assert_eq!(twice.code(), "FUND_BAN_LIFTED");
    // Lifted, the operator may apply again.
    c.store
        .apply_for_funds(&application(&c.stations, &second, "station"))
        .unwrap();
    assert_eq!(c.store.fund_bans(None).unwrap().len(), 2);
}

#[test]
fn an_enrolled_laptop_writes_no_fund_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut county = tori(Some(&dir.path().join("county.db")));
    let stations = county
        .add_programme_from_preset("huoqiu-2019-service-station", None)
        .unwrap()
        .id;
    county.county_init().unwrap();
    let mut laptop = Store::open(&dir.path().join("laptop.db")).unwrap();
    laptop.save_officer("托里镇干部").unwrap();
    let (request, _) = laptop.device_request().unwrap();
    let (answer, _) = county.county_enroll(&request, TORI_TOWN).unwrap();
    laptop.device_enroll(&answer).unwrap();
    let (package, _) = county.sync_package(laptop.device_id()).unwrap();
    laptop.sync_apply(&package).unwrap();
    let village = laptop.list_villages(Some(TORI_TOWN)).unwrap()[0].id.clone();
    let operator = laptop
        .add_operator(&OperatorInput {
            kind: OperatorKind::ServiceStation,
            name: "团结社区电商服务站".into(),
            credit_code: String::new(),
            person_in_charge: "努尔兰".into(),
            phone: "13909901234".into(),
            village_id: Some(village),
            platform: String::new(),
            shop_url: String::new(),
        })
        .unwrap()
        .record
        .id;

    let before = log_len(&laptop);
    let refusals = [
        laptop
            .apply_for_funds(&application(&stations, &operator, "station"))
            .unwrap_err(),
        laptop.store_fund_document("营业执照.png", PNG).unwrap_err(),
        laptop
            .ban_operator(&ban(&operator, "2019-06-01"))
            .unwrap_err(),
        laptop
            .set_fund_settings(&FundSettings {
                ban_years: 5,
                overcommit: Overcommit::Warn,
            })
            .unwrap_err(),
    ];
    for refused in &refusals {
        assert_eq!(refused.code(), "FUND_DEVICE", "{refused}");
        assert!(refused.to_string().contains("县电商中心"), "{refused}");
    }
    assert_eq!(log_len(&laptop), before);
    // It reads the county's settings from the package.
    assert_eq!(laptop.fund_settings().unwrap().ban_years, 3);
    // The hub may.
    county
        .set_fund_settings(&FundSettings {
            ban_years: 4,
            overcommit: Overcommit::Refuse,
        })
        .unwrap();
}
