//! Storing and reviewing findings (issue 15) in 托里县 (654224), not the demo county: a run's
//! findings are stored once by their stable key, found again without a new row, closed with the
//! change that removed their cause, and reviewed through the write path with the officer.

use fieldbook::checks::{
    CheckCode, Finding, FindingFilter, FindingStatus, RecordRef, RunReport, Scope,
};
use fieldbook::Code;
use fieldbook::Store;

use crate::targets::county;

/// 托里县 with two townships of one village each, and a household in each village.
pub(crate) fn toli() -> (Store, Vec<String>, Vec<String>) {
    let c = county("654224", "托里县", &[&[true], &[false]]);
    let mut store = c.store;
    store.set_officer("县办马丽");
    let townships: Vec<String> = c.townships.iter().map(|(id, _)| id.clone()).collect();
    let households = c
        .villages
        .iter()
        .enumerate()
        .map(|(i, (village, _))| {
            crate::sync::add_household(
                &mut store,
                village,
                &format!("户主{i}"),
                &format!("65422419800101{:03}X", i),
            )
        })
        .collect();
    (store, townships, households)
}

fn shared_phone(townships: &[String], households: &[String]) -> Finding {
    Finding::new(
        CheckCode::F5_SHARED_PHONE,
        households
            .iter()
            .zip(townships)
            .map(|(h, t)| RecordRef::new("household", h, format!("户 {h}"), Some(t.clone())))
            .collect(),
        "两户共用一个手机号",
    )
    .compare("手机号", "138****0000")
    .threshold("3 人及以上")
}

fn err_code(e: fieldbook::Error) -> Code {
    e.code()
}

#[test]
fn a_finding_is_stored_once_found_again_in_place_and_closed_by_the_change_that_fixed_it() {
    let (mut store, townships, households) = toli();
    let finding = shared_phone(&townships, &households);
    // The key does not depend on the order of the records.
    let mut reversed = finding.clone();
    reversed.records.reverse();
    assert_eq!(finding.key(), reversed.key());

    let first = store
        .record_findings(std::slice::from_ref(&finding), "2026-03-01T08:00:00Z")
        .unwrap();
    assert_eq!(
        first,
        RunReport {
            new: 1,
            still_open: 0,
            closed: 0,
            total: 1
        }
    );
    let stored = store.findings(&FindingFilter::default()).unwrap();
    assert_eq!(stored.len(), 1);
    let id = stored[0].id.clone();
    assert_eq!(stored[0].status, FindingStatus::Open);
    assert_eq!(stored[0].rule, "F5");
    assert_eq!(stored[0].townships.len(), 2);
    assert_eq!(stored[0].townships[1].name, "第2镇");
    assert_eq!(
        stored[0].township_id.as_deref(),
        Some(townships[0].as_str())
    );

    let again = store
        .record_findings(&[reversed], "2026-03-02T08:00:00Z")
        .unwrap();
    assert_eq!((again.new, again.still_open, again.closed), (0, 1, 0));
    let after = store.findings(&FindingFilter::default()).unwrap();
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].id, id);
    assert_eq!(after[0].first_seen, "2026-03-01T08:00:00Z");
    assert_eq!(after[0].last_seen, "2026-03-02T08:00:00Z");

    // The fix: one household's record changes, and the next run no longer finds the cause.
    crate::sync::set(
        &mut store,
        &households[1],
        "phone",
        serde_json::json!("13900000001"),
    );
    let fixing_change = store
        .history("household", &households[1])
        .unwrap()
        .pop()
        .unwrap();
    let closed = store.record_findings(&[], "2026-03-03T08:00:00Z").unwrap();
    assert_eq!((closed.new, closed.still_open, closed.closed), (0, 0, 1));
    let finding_now = store.finding(&id).unwrap();
    assert_eq!(finding_now.status, FindingStatus::Closed);
    assert_eq!(
        finding_now.closed_by.as_deref(),
        Some(fixing_change.change_id.as_str())
    );

    // Found again after it was closed: the same row, open again, counted as new.
    let back = store
        .record_findings(&[finding], "2026-03-04T08:00:00Z")
        .unwrap();
    assert_eq!(back.new, 1);
    assert_eq!(store.finding(&id).unwrap().status, FindingStatus::Open);
    assert_eq!(store.findings(&FindingFilter::default()).unwrap().len(), 1);
}

#[test]
fn a_township_run_closes_only_that_townships_findings() {
    let (mut store, townships, households) = toli();
    let only_second = Finding::new(
        CheckCode::F1_ID_INVALID,
        vec![RecordRef::new(
            "household",
            &households[1],
            "户主1",
            Some(townships[1].clone()),
        )],
        "身份证号无效",
    );
    store
        .record_findings(&[only_second], "2026-03-01T08:00:00Z")
        .unwrap();
    let report = store
        .record_findings_in(
            &Scope::Township(townships[0].clone()),
            &[],
            "2026-03-02T08:00:00Z",
        )
        .unwrap();
    assert_eq!(report.closed, 0);
    let filter = FindingFilter {
        township_id: Some(townships[1].clone()),
        ..FindingFilter::default()
    };
    assert_eq!(
        store.findings(&filter).unwrap()[0].status,
        FindingStatus::Open
    );
    let other = FindingFilter {
        township_id: Some(townships[0].clone()),
        ..FindingFilter::default()
    };
    assert!(store.findings(&other).unwrap().is_empty());
}

#[test]
fn reviews_need_their_note_and_officer_go_through_the_change_log_and_follow_the_allowed_steps() {
    let (mut store, townships, households) = toli();
    let finding = shared_phone(&townships, &households);
    store
        .record_findings(&[finding], "2026-03-01T08:00:00Z")
        .unwrap();
    let id = store.findings(&FindingFilter::default()).unwrap()[0]
        .id
        .clone();

    let no_note = store.dismiss_finding(&id, "  ", "县办马丽").unwrap_err();
    assert_eq!(err_code(no_note), Code::FINDING_NOTE_REQUIRED);
    let no_officer = store.confirm_finding(&id, "", "").unwrap_err();
    assert_eq!(err_code(no_officer), Code::FINDING_OFFICER_REQUIRED);
    let missing = store
        .confirm_finding("no-such-id", "", "县办马丽")
        .unwrap_err();
    assert_eq!(err_code(missing), Code::FINDING_NOT_FOUND);
    // Refused reviews wrote nothing.
    assert_eq!(store.history("finding", &id).unwrap().len(), 1);

    let explained = store
        .explain_finding(
            &id,
            "乡镇回访：两户是父子，共用一部手机",
            None,
            "托里镇王强",
        )
        .unwrap();
    assert_eq!(explained.status, FindingStatus::Explained);
    assert_eq!(explained.decided_by, "托里镇王强");
    let dismissed = store
        .dismiss_finding(&id, "核实属实，父子共用手机", "县办马丽")
        .unwrap();
    assert_eq!(dismissed.status, FindingStatus::Dismissed);

    let history = store.history("finding", &id).unwrap();
    assert_eq!(history.len(), 3);
    assert_eq!(history[1].officer, "托里镇王强");
    assert_eq!(history[2].officer, "县办马丽");
    assert_eq!(
        history[2].fields["review_status"].1,
        serde_json::json!("dismissed")
    );
    // The device's own officer is back for the next writes.
    assert_eq!(store.officer(), "县办马丽");

    let decided = store.confirm_finding(&id, "", "县办马丽").unwrap_err();
    assert_eq!(err_code(decided), Code::FINDING_STATUS);
    // A dismissed finding not found again stays dismissed.
    let report = store.record_findings(&[], "2026-03-02T08:00:00Z").unwrap();
    assert_eq!(report.closed, 0);
    assert_eq!(store.finding(&id).unwrap().status, FindingStatus::Dismissed);
    let counts = store.finding_counts().unwrap();
    assert_eq!(counts.len(), 1);
    assert_eq!(counts[0].status, FindingStatus::Dismissed);
    assert_eq!(counts[0].township_name.as_deref(), Some("第1镇"));
}

#[test]
fn every_check_has_a_rule_a_title_and_a_reason_and_travels_as_its_name() {
    for check in CheckCode::ALL {
        assert!(check.as_str().starts_with(check.rule()), "{check}");
        assert!(!check.title().is_empty() && !check.why().is_empty());
        assert_eq!(
            serde_json::to_value(check).unwrap(),
            serde_json::json!(check.as_str())
        );
    }
    let rules: std::collections::BTreeSet<&str> = CheckCode::ALL.iter().map(|c| c.rule()).collect();
    assert_eq!(rules.len(), 11, "F1–F11 each have a check: {rules:?}");
}

/// After an import that wrote only ledger entries, the families reading none of them are left
/// out: a stored finding of theirs is neither found nor closed.
#[test]
fn a_run_after_an_import_leaves_out_the_families_whose_tables_it_did_not_touch() {
    let (mut store, townships, households) = toli();
    let invalid = Finding::new(
        CheckCode::F1_ID_INVALID,
        vec![RecordRef::new(
            "household",
            &households[0],
            "户主0",
            Some(townships[0].clone()),
        )],
        "身份证号无效",
    );
    store
        .record_findings(&[invalid], "2026-03-01T08:00:00Z")
        .unwrap();
    let id = store.findings(&FindingFilter::default()).unwrap()[0]
        .id
        .clone();
    let ledger_only = ["ledger_entry".to_string()].into();
    let run = store
        .run_checks_touched(&Scope::All, Some(&ledger_only))
        .unwrap();
    assert_eq!(run.report.closed, 0);
    assert_eq!(store.finding(&id).unwrap().status, FindingStatus::Open);
    // A household change runs the identity family, which no longer finds the (made-up) cause.
    let households_touched = ["household".to_string()].into();
    let run = store
        .run_checks_touched(&Scope::All, Some(&households_touched))
        .unwrap();
    assert_eq!(run.report.closed, 1);
    assert_eq!(store.finding(&id).unwrap().status, FindingStatus::Closed);
}

/// A confirmed finding on an operator with a paid award orders its recovery (grounds: falsified
/// materials, so the operator is banned) and carries the recovery's id; an open finding, or one
/// already recovered on, is refused with FINDING_RECOVERY.
#[test]
fn a_confirmed_finding_orders_the_recovery_of_the_operators_award_and_links_it() {
    use crate::funds_setup::{online_shop, payment, sign, tuoli};
    use fieldbook::domain::funds::{RecoveryGrounds, RecoveryInput};

    let mut l = online_shop(tuoli(), "120000");
    let store = &mut l.c.store;
    sign(store, &l.award);
    store.pay_tranche(&payment(&l.award, 1)).unwrap();
    let finding = Finding::new(
        CheckCode::F5_SHARED_PHONE,
        vec![RecordRef::new("operator", &l.operator, "好物网店", None)],
        "培训名单 30 人共用一个手机号",
    );
    store
        .record_findings(&[finding], "2026-03-01T08:00:00Z")
        .unwrap();
    let id = store.findings(&FindingFilter::default()).unwrap()[0]
        .id
        .clone();
    let order = RecoveryInput {
        award_id: l.award.clone(),
        grounds: RecoveryGrounds::Other,
        reason: "核查确认培训名单造假".into(),
        amount: String::new(),
        decided_date: "2019-12-20".into(),
        due_date: "2020-01-20".into(),
        officer: "县办马丽".into(),
    };
    let open = store.recover_from_finding(&id, &order).unwrap_err();
    assert_eq!(open.code(), Code::FINDING_RECOVERY);

    store
        .confirm_finding(&id, "回访 30 户均否认参训", "县办马丽")
        .unwrap();
    let (linked, recovery) = store.recover_from_finding(&id, &order).unwrap();
    assert_eq!(linked.recovery_id.as_deref(), Some(recovery.id.as_str()));
    assert_eq!(recovery.grounds, RecoveryGrounds::Falsified);
    assert!(
        recovery.ban_id.is_some(),
        "falsified materials ban the operator"
    );
    let again = store.recover_from_finding(&id, &order).unwrap_err();
    assert_eq!(again.code(), Code::FINDING_RECOVERY);
}
