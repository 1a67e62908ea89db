//! The home dashboard (首页): every figure equals the list its drill opens (a test per panel),
//! in 托里县 set up from scratch; the county hub's and a township laptop's dashboards; bad
//! filters refused with their codes; the command line.

use chrono::{Duration, Utc};
use fieldbook::domain::dashboard::{Dashboard, DashboardFilter, Drill};
use fieldbook::domain::inspections::Stage;
use fieldbook::domain::operators::OperatorKind;
use fieldbook::domain::training::TrainingKind;
use rust_decimal::Decimal;
use serde_json::json;

use crate::funds_status::fund_rows;
use crate::sync::{export, import, set, Setup, T1};
use crate::targets::{county, trainees, County};
use crate::{fieldbook_cli, succeeded, temp_db};

/// 托里县, two townships (villages 0–1 in 第1镇, 2 in 第2镇): a station programme with three
/// stations inspected and funded, a training programme with a session in 第2镇 and one at the
/// county, an agreement in each township with its ledger.
struct Tuoli {
    c: County,
    stations: String,
    training: String,
}

fn tuoli() -> Tuoli {
    let mut c = county("654224", "托里县", &[&[true, false], &[true]]);
    let stations = c.programme("tuoli-2019-service-station", None);
    let training = c.programme("tuoli-2019-training", None);
    let station_name = c.store.programme(&stations).unwrap().name;
    let a = c.operator(OperatorKind::ServiceStation, 0, "托里镇站点");
    let b = c.operator(OperatorKind::ServiceStation, 1, "一镇二村站点");
    let d = c.operator(OperatorKind::ServiceStation, 2, "二镇站点");
    c.inspect(&a, &stations, Stage::Acceptance, "2019-11-01", true);
    c.inspect(&b, &stations, Stage::Acceptance, "2019-11-02", false);
    c.inspect(&d, &stations, Stage::Preliminary, "2019-08-01", true);
    c.inspect(&d, &stations, Stage::Acceptance, "2019-11-03", true);

    let award_a = fund_rows::award(&mut c.store, &stations, &a, "station", "3000.00");
    let award_d = fund_rows::award(&mut c.store, &stations, &d, "station", "2000.00");
    fund_rows::pay(&mut c.store, &award_a, 1, "2400.00");
    fund_rows::pay(&mut c.store, &award_d, 1, "1600.00");
    let order = fund_rows::recovery(&mut c.store, &award_d, "1600.00");
    fund_rows::recovered(&mut c.store, &order, "600.00");

    let h1 = c.household(0, 4100);
    let h2 = c.household(2, 4200);
    let first = c.agreement(&a, "TL-1", &station_name, 2019, std::slice::from_ref(&h1));
    let second = c.agreement(&d, "TL-2", &station_name, 2019, std::slice::from_ref(&h2));
    c.purchase(&first, &h1, "2019-03-05", "100", "12.50");
    c.purchase(&first, &h1, "2019-10-01", "200", "10.00");
    c.purchase(&second, &h2, "2019-10-09", "50", "8.00");

    let people = trainees(&mut c, &[4300], &[4301, 4302]);
    c.session(
        &training,
        TrainingKind::TownshipOnsite,
        Some(1),
        ("2019-07-01", "2019-07-01"),
        &people,
    );
    c.session(
        &training,
        TrainingKind::County,
        None,
        ("2019-09-10", "2019-09-10"),
        &people[..2],
    );
    Tuoli {
        c,
        stations,
        training,
    }
}

/// The filter a drill's list applies (what the UI reads from the route's query), and the
/// conclusion it adds for inspections.
fn list_filter(drill: &Drill) -> (DashboardFilter, Option<String>) {
    let q = &drill.query;
    (
        DashboardFilter {
            year: q.get("year").map(|y| y.parse().unwrap()),
            programme_id: q.get("programme").cloned(),
            township_id: q.get("township").cloned(),
        },
        q.get("conclusion").cloned(),
    )
}

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn board(t: &Tuoli, filter: DashboardFilter) -> Dashboard {
    t.c.store.dashboard(&filter).unwrap()
}

fn township(t: &Tuoli, i: usize) -> String {
    t.c.townships[i].0.clone()
}

#[test]
fn the_inspection_figures_equal_the_inspections_they_click_through_to() {
    let t = tuoli();
    let d = board(&t, DashboardFilter::default());
    assert_eq!(d.filter.year, Some(2019), "the latest programme year");
    assert_eq!(d.scope, "standalone");
    let p = &d.inspections;
    assert_eq!(
        (p.done.count, p.passed.count),
        (4, 3),
        "every live inspection; 合格 ones"
    );
    for figure in [&p.done, &p.passed, &p.rectifying] {
        assert_eq!(figure.drill.route, "inspections");
        let (scope, conclusion) = list_filter(&figure.drill);
        let list =
            t.c.store
                .inspections_in(&scope, conclusion.as_deref())
                .unwrap();
        assert_eq!(figure.count as usize, list.len(), "{:?}", figure.drill);
    }
    let passed: Vec<(&str, u32)> = d
        .townships
        .iter()
        .map(|b| (b.township_name.as_str(), b.inspections_passed.count))
        .collect();
    assert_eq!(passed, [("第1镇", 1), ("第2镇", 2)]);
    for bar in &d.townships {
        let (scope, conclusion) = list_filter(&bar.inspections_passed.drill);
        assert_eq!(conclusion.as_deref(), Some("pass"));
        let list =
            t.c.store
                .inspections_in(&scope, conclusion.as_deref())
                .unwrap();
        assert_eq!(bar.inspections_passed.count as usize, list.len());
    }
}

#[test]
fn the_training_figures_equal_the_sessions_they_click_through_to() {
    let t = tuoli();
    let d = board(&t, DashboardFilter::default());
    let totals = t.c.store.training_totals(&t.training).unwrap();
    assert_eq!(d.training.person_times.count, totals.person_times);
    assert_eq!(
        (d.training.person_times.count, d.training.sessions.count),
        (5, 2)
    );
    assert_eq!(d.training.poor_person_times.count, totals.poor_person_times);
    let sum_of = |drill: &Drill| -> (u32, u32, usize) {
        let sessions =
            t.c.store
                .training_sessions_in(&list_filter(drill).0)
                .unwrap();
        (
            sessions.iter().map(|s| s.person_times).sum(),
            sessions.iter().map(|s| s.poor_person_times).sum(),
            sessions.len(),
        )
    };
    assert_eq!(
        sum_of(&d.training.person_times.drill),
        (
            d.training.person_times.count,
            d.training.poor_person_times.count,
            d.training.sessions.count as usize
        )
    );
    let by_township: Vec<u32> = d.townships.iter().map(|b| b.person_times.count).collect();
    assert_eq!(
        by_township,
        [0, 3],
        "the county session belongs to no township"
    );
    for bar in &d.townships {
        assert_eq!(sum_of(&bar.person_times.drill).0, bar.person_times.count);
    }
    // One township: only its sessions, the same as its list.
    let second = board(
        &t,
        DashboardFilter {
            township_id: Some(township(&t, 1)),
            ..DashboardFilter::default()
        },
    );
    assert_eq!(second.training.person_times.count, 3);
    assert_eq!(
        sum_of(&second.training.person_times.drill).0,
        second.training.person_times.count
    );
    // The monthly line adds up to the panel: July's session and September's.
    let months: Vec<(&str, u32)> = d
        .months
        .iter()
        .filter(|m| m.person_times > 0)
        .map(|m| (m.month.as_str(), m.person_times))
        .collect();
    assert_eq!(months, [("2019-07", 3), ("2019-09", 2)]);
}

#[test]
fn the_fund_figures_equal_the_fund_status_they_click_through_to() {
    let t = tuoli();
    let d = board(&t, DashboardFilter::default());
    let overview = t.c.store.fund_overview(Some(2019)).unwrap();
    let f = &d.funds;
    assert_eq!(f.awarded.amount, overview.total.awarded);
    assert_eq!(f.paid.amount, overview.total.paid);
    assert_eq!(f.to_recover.amount, overview.total.to_recover);
    assert_eq!(
        (
            f.awarded.amount.as_str(),
            f.paid.amount.as_str(),
            f.to_recover.amount.as_str()
        ),
        ("5000.00", "4000.00", "1000.00")
    );
    assert_eq!(f.awards.count, overview.total.awards);
    assert_eq!(f.budget, overview.total.budget);
    assert_eq!(f.awarded.drill.route, "funds");
    // A township's bar equals that township's line of the programme's fund status.
    let status = t.c.store.fund_status(&t.stations).unwrap();
    for bar in &d.townships {
        let line = status
            .by_township
            .iter()
            .find(|l| l.key == bar.township_id)
            .unwrap();
        assert_eq!(bar.awarded.amount, line.awarded);
        assert_eq!(
            list_filter(&bar.awarded.drill).0.township_id.as_deref(),
            Some(line.key.as_str())
        );
    }
    // The programme filter: the training programme has no awards.
    let training = board(
        &t,
        DashboardFilter {
            programme_id: Some(t.training.clone()),
            ..DashboardFilter::default()
        },
    );
    assert_eq!(training.funds.awarded.amount, "0.00");
    assert_eq!(training.programmes.len(), 1);
    assert_eq!(training.inspections.done.count, 0);
}

#[test]
fn the_ledger_income_equals_the_agreements_it_clicks_through_to() {
    let t = tuoli();
    let d = board(&t, DashboardFilter::default());
    let incomes: Vec<&str> = d
        .townships
        .iter()
        .map(|b| b.ledger_income.amount.as_str())
        .collect();
    assert_eq!(incomes, ["3250.00", "400.00"]);
    for bar in &d.townships {
        assert_eq!(bar.ledger_income.drill.route, "agreements");
        let agreements =
            t.c.store
                .agreements_in(&list_filter(&bar.ledger_income.drill).0)
                .unwrap();
        let sum: Decimal = agreements.iter().map(|a| dec(&a.total_income)).sum();
        assert_eq!(dec(&bar.ledger_income.amount), sum);
    }
    let months: Vec<(&str, &str)> = d
        .months
        .iter()
        .filter(|m| m.ledger_income != "0.00")
        .map(|m| (m.month.as_str(), m.ledger_income.as_str()))
        .collect();
    assert_eq!(months, [("2019-03", "1250.00"), ("2019-10", "2400.00")]);
    assert_eq!(d.months.len(), 12);
}

#[test]
fn every_target_is_the_progress_engines_own() {
    let t = tuoli();
    let d = board(&t, DashboardFilter::default());
    let names: Vec<&str> = d
        .programmes
        .iter()
        .map(|p| p.programme_name.as_str())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    for panel in &d.programmes {
        let progress = t.c.store.programme_progress(&panel.programme_id).unwrap();
        assert_eq!(panel.targets, progress.targets);
        assert_eq!(panel.drill.route, "programmes");
        assert_eq!(
            panel.drill.query.get("programme"),
            Some(&panel.programme_id)
        );
    }
    assert_eq!(
        d.findings_open, None,
        "wired when the checks' findings land"
    );
}

#[test]
fn an_unknown_programme_or_township_is_refused() {
    let t = tuoli();
    for filter in [
        DashboardFilter {
            programme_id: Some("no-such-programme".into()),
            ..DashboardFilter::default()
        },
        DashboardFilter {
            township_id: Some("no-such-township".into()),
            ..DashboardFilter::default()
        },
    ] {
        let err = t.c.store.dashboard(&filter).unwrap_err();
        assert_eq!(err.code(), "NOT_FOUND", "{err}");
    }
    // A year without programmes is empty, not an error.
    let empty = board(
        &t,
        DashboardFilter {
            year: Some(2030),
            ..DashboardFilter::default()
        },
    );
    assert!(empty.programmes.is_empty());
    assert_eq!(empty.inspections.done.count, 0);
}

#[test]
fn the_hub_flags_a_township_silent_for_three_weeks_and_a_laptop_sees_its_own() {
    let mut s = Setup::new();
    let own = s.device.dashboard(&DashboardFilter::default()).unwrap();
    assert_eq!(own.scope, "township");
    assert!(own.batches.is_none(), "no per-township panel on a laptop");
    let own_sync = own.own_sync.as_ref().unwrap();
    assert_eq!(own_sync.last_export, None);
    let t1 = s.county.find_township(T1).unwrap();
    assert_eq!(own.filter.township_id.as_deref(), Some(t1.id.as_str()));
    assert_eq!(own.townships.len(), 1, "a laptop sees its township");
    // Another township asked for on a laptop: still its own.
    let other = s.county.find_township(crate::sync::T2).unwrap();
    let forced = s
        .device
        .dashboard(&DashboardFilter {
            township_id: Some(other.id.clone()),
            ..DashboardFilter::default()
        })
        .unwrap();
    assert_eq!(forced.filter.township_id.as_deref(), Some(t1.id.as_str()));

    let never = s.county.dashboard(&DashboardFilter::default()).unwrap();
    assert_eq!(never.scope, "county");
    assert!(never.own_sync.is_none());
    let batches = never.batches.as_ref().unwrap();
    assert_eq!(batches.len(), 1, "the one township with a laptop");
    assert_eq!(
        (batches[0].last_received_at.as_ref(), batches[0].silent),
        (None, true)
    );
    assert_eq!(never.conflicts_open.as_ref().map(|c| c.count), Some(0));
    assert!(own.findings_open.is_none(), "findings live on the hub");

    // Open findings: the number equals the 核查 list it opens (one involving both townships,
    // one only the other; a dismissed one counts for nothing).
    use fieldbook::checks::{CheckCode, Finding, FindingFilter, FindingStatus, RecordRef};
    let found = [
        Finding::new(
            CheckCode::F3_TWO_TOWNSHIPS_ONE_DAY,
            vec![
                RecordRef::new("training_session", "s1", "上午", Some(t1.id.clone())),
                RecordRef::new("training_session", "s2", "下午", Some(other.id.clone())),
            ],
            "同一人同日在两个乡镇签到",
        ),
        Finding::new(
            CheckCode::F10_PHOTO_REUSED,
            vec![RecordRef::new(
                "inspection",
                "i1",
                "核验",
                Some(other.id.clone()),
            )],
            "同一张照片",
        ),
        Finding::new(
            CheckCode::F5_SHARED_PHONE,
            vec![RecordRef::new("household", "h9", "户", Some(t1.id.clone()))],
            "共用电话",
        ),
    ];
    s.county
        .record_findings(&found, "2026-12-07T08:00:00Z")
        .unwrap();
    let dismissed = s
        .county
        .findings(&FindingFilter {
            check: Some(CheckCode::F5_SHARED_PHONE),
            ..FindingFilter::default()
        })
        .unwrap()[0]
        .id
        .clone();
    s.county
        .dismiss_finding(&dismissed, "回访核实为一家人共用", "县办李娜")
        .unwrap();
    for township in [None, Some(t1.id.clone()), Some(other.id.clone())] {
        let board = s
            .county
            .dashboard(&DashboardFilter {
                township_id: township.clone(),
                ..DashboardFilter::default()
            })
            .unwrap();
        let figure = board.findings_open.unwrap();
        assert_eq!(figure.drill.route, "checks");
        assert_eq!(figure.drill.query.get("township"), township.as_ref());
        let listed = s
            .county
            .findings(&FindingFilter {
                township_id: figure.drill.query.get("township").cloned(),
                status: Some(FindingStatus::Open),
                ..FindingFilter::default()
            })
            .unwrap();
        assert_eq!(figure.count as usize, listed.len(), "{township:?}");
    }

    set(&mut s.device, &s.h1, "phone", json!("13800138000"));
    let batch = export(&mut s.device);
    import(&mut s.county, &batch);
    let now = Utc::now();
    let fresh = s
        .county
        .dashboard_at(&DashboardFilter::default(), now)
        .unwrap();
    let b = &fresh.batches.as_ref().unwrap()[0];
    assert_eq!(
        (b.township_id.as_str(), b.days_since, b.silent),
        (t1.id.as_str(), Some(0), false)
    );
    let later = s
        .county
        .dashboard_at(&DashboardFilter::default(), now + Duration::days(21))
        .unwrap();
    let b = &later.batches.as_ref().unwrap()[0];
    assert_eq!((b.days_since, b.silent), (Some(21), true));
    assert!(s
        .device
        .dashboard(&DashboardFilter::default())
        .unwrap()
        .own_sync
        .unwrap()
        .last_export
        .is_some());
}

#[test]
fn the_dashboard_on_the_command_line() {
    let (_dir, db) = temp_db();
    succeeded(fieldbook_cli(
        &db,
        "县办",
        &["county", "create", "--code", "654224", "--name", "托里县"],
        None,
    ));
    let out = succeeded(fieldbook_cli(
        &db,
        "县办",
        &["dashboard", "--year", "2019", "--json"],
        None,
    ));
    let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(answer["filter"]["year"], json!(2019));
    assert_eq!(answer["inspections"]["done"]["count"], json!(0));
    assert_eq!(
        answer["inspections"]["passed"]["drill"]["query"]["conclusion"],
        json!("pass")
    );
    let text = succeeded(fieldbook_cli(
        &db,
        "县办",
        &["dashboard", "--year", "2019"],
        None,
    ));
    assert!(
        String::from_utf8_lossy(&text.stdout).contains("核验"),
        "{}",
        String::from_utf8_lossy(&text.stdout)
    );
    let refused = fieldbook_cli(
        &db,
        "县办",
        &["dashboard", "--programme", "nope", "--json"],
        None,
    );
    assert_eq!(refused.status.code(), Some(1));
    let err: serde_json::Value = serde_json::from_slice(&refused.stdout).unwrap();
    assert_eq!(err["error"]["code"], json!("NOT_FOUND"));
}
