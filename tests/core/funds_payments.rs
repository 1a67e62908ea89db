//! Awards, tranches, payments, reversals and recovery in 托里县, 霍邱县 and 成县's preset: the
//! amounts of the issue, awards kept to the rule and the budget, bad input refused with its code
//! and nothing written, paid tranches reversed (never edited), recovery orders and their bans.

use fieldbook::domain::funds::{RecoveredInput, RecoveryGrounds, RecoveryInput, ReversalInput};
use fieldbook::domain::operators::OperatorKind;
use fieldbook::store::entities::{COUNTY, FUND_DISBURSEMENT};
use fieldbook::store::write::{self, Op};
use fieldbook::{Code, Store};
use rusqlite::types::Value as SqlValue;

use crate::funds_setup::{
    approved, award_input, ban, huoqiu, online_shop, payment, sign, tuoli, turnover,
};
use crate::records::places_only;
use crate::sheets::log_len;
use crate::targets::County;

fn chengxian() -> County {
    let store = places_only();
    let villages = store
        .list_villages(None)
        .unwrap()
        .into_iter()
        .map(|v| (v.id, v.poor))
        .collect();
    County {
        store,
        townships: Vec::new(),
        villages,
    }
}

fn codes_of(error: &fieldbook::Error) -> Vec<Code> {
    error.problems().iter().map(|p| p.code).collect()
}

fn tranche_amounts(store: &Store, award: &str) -> Vec<String> {
    let award = store.fund_award(award).unwrap();
    award.tranches.into_iter().map(|t| t.amount).collect()
}

/// A shop awarded in the demonstration-shop programme, class `class`, the standard amount.
fn demo_shop_award(c: &mut County, village: usize, class: &str) -> String {
    let programme = match c.store.list_programmes().unwrap().first() {
        Some(p) => p.id.clone(),
        None => c.programme("chengxian-2019-demo-shop", None),
    };
    let shop = c.operator(OperatorKind::DemoShop, village, &format!("示范店{village}"));
    let application = approved(&mut c.store, &programme, &shop, class);
    c.store
        .award_funds(&award_input(&application, ""))
        .unwrap()
        .record
        .id
}

#[test]
fn the_issues_amounts_in_three_counties() {
    for mut c in [tuoli(), chengxian()] {
        let poor = demo_shop_award(&mut c, 0, "poor");
        let non_poor = demo_shop_award(&mut c, 1, "non_poor");
        assert_eq!(tranche_amounts(&c.store, &poor), ["4320.00", "1080.00"]);
        assert_eq!(tranche_amounts(&c.store, &non_poor), ["3536.00", "884.00"]);
        let award = c.store.fund_award(&non_poor).unwrap();
        assert_eq!(
            (award.amount.as_str(), award.class_label.as_str()),
            ("4420.00", "非贫困村")
        );
        assert_eq!(award.tranches[1].percent, "20");
        assert!(award.tranches[1].on_acceptance);
    }
    // 霍邱's service stations: 2,000 a village, 90 / 10.
    let mut c = huoqiu();
    let stations = c.programme("huoqiu-2019-service-station", None);
    let station = c.operator(OperatorKind::ServiceStation, 0, "城关镇一村服务站");
    let application = approved(&mut c.store, &stations, &station, "station");
    let award = c
        .store
        .award_funds(&award_input(&application, ""))
        .unwrap()
        .record;
    assert_eq!(award.amount, "2000.00");
    assert_eq!(tranche_amounts(&c.store, &award.id), ["1800.00", "200.00"]);
    let awards = c.store.fund_awards(&stations).unwrap();
    assert_eq!(awards.len(), 1);
    assert_eq!(awards[0].township_name, "第1镇");
}

#[test]
fn an_award_keeps_to_the_rule_the_decision_and_one_per_operator() {
    let mut c = huoqiu();
    let programme = c.programme("chengxian-2019-online-shop", None);
    let shop = c.operator(OperatorKind::OnlineShop, 0, "网店甲");
    let application = approved(&mut c.store, &programme, &shop, "online_shop");
    let before = log_len(&c.store);
    // A range must be chosen; above it and bad targets are named at once, by their paths.
    let empty = c
        .store
        .award_funds(&award_input(&application, ""))
        .unwrap_err();
    assert_eq!(empty.code(), Code::FUND_AMOUNT);
    assert!(
        empty.to_string().contains("10000.00 至 30000.00"),
        "{empty}"
    );
    let mut input = award_input(&application, "30000.01");
    input.targets = vec![turnover("100000"), turnover("很多")];
    input.targets[1].label = String::new();
    let refused = c.store.award_funds(&input).unwrap_err();
    let fields: Vec<&str> = refused.problems().iter().map(|p| p.field).collect();
    assert_eq!(
        fields,
        ["amount", "targets[1].label", "targets[1].quantity"]
    );
    assert_eq!(
        codes_of(&refused),
        [
            Code::FUND_AMOUNT_ABOVE_RULE,
            Code::FUND_TARGET,
            Code::FUND_TARGET
        ]
    );
    assert_eq!(log_len(&c.store), before, "nothing written");

    // An application the county has not approved.
    let other = c.operator(OperatorKind::OnlineShop, 1, "网店乙");
    let undecided = approved(&mut c.store, &programme, &other, "online_shop");
    crate::funds_setup::reject(&mut c.store, &undecided);
    let refused = c
        .store
        .award_funds(&award_input(&undecided, "20000"))
        .unwrap_err();
    assert_eq!(refused.code(), Code::FUND_APPLICATION_NOT_APPROVED);

    let award = c
        .store
        .award_funds(&award_input(&application, "25,000"))
        .unwrap()
        .record;
    assert_eq!(award.amount, "25000.00");
    let twice = approved(&mut c.store, &programme, &shop, "online_shop");
    let duplicate = c
        .store
        .award_funds(&award_input(&twice, "20000"))
        .unwrap_err();
    assert_eq!(duplicate.code(), Code::FUND_AWARD_DUPLICATE);

    // Editable until the first payment, then refused.
    let edited = c
        .store
        .edit_award(&award.id, &award_input(&application, "22000"))
        .unwrap()
        .record;
    assert_eq!(edited.amount, "22000.00");
    sign(&mut c.store, &award.id);
    c.store.pay_tranche(&payment(&award.id, 1)).unwrap();
    let paid = c
        .store
        .edit_award(&award.id, &award_input(&application, "23000"))
        .unwrap_err();
    assert_eq!(paid.code(), Code::FUND_AWARD_PAID);
    let void = c.store.void_award(&award.id, "重复确定").unwrap_err();
    assert_eq!(void.code(), Code::FUND_AWARD_PAID);
}

#[test]
fn an_award_beyond_the_budget_is_refused_or_warned_as_the_county_says() {
    let mut c = tuoli();
    // 个体网商: a budget of 200,000.00; six awards of 30,000 fit, the seventh does not.
    let programme = c.programme("chengxian-2019-online-shop", None);
    for i in 0..6 {
        let shop = c.operator(OperatorKind::OnlineShop, i % 3, &format!("网店{i}"));
        let application = approved(&mut c.store, &programme, &shop, "online_shop");
        c.store
            .award_funds(&award_input(&application, "30000"))
            .unwrap();
    }
    let shop = c.operator(OperatorKind::OnlineShop, 0, "网店7");
    let application = approved(&mut c.store, &programme, &shop, "online_shop");
    let before = log_len(&c.store);
    let refused = c
        .store
        .award_funds(&award_input(&application, "30000"))
        .unwrap_err();
    assert_eq!(refused.code(), Code::FUND_OVER_BUDGET);
    assert!(
        refused.to_string().contains("超出预算 10,000.00 元"),
        "{refused}"
    );
    assert_eq!(log_len(&c.store), before);
    let county = c.store.county().unwrap().unwrap().id;
    c.store
        .write(|tx, w| {
            write::record(
                tx,
                w,
                &COUNTY,
                &county,
                Op::Update,
                &[("fund_overcommit", SqlValue::Text("warn".into()))],
            )
        })
        .unwrap();
    let warned = c
        .store
        .award_funds(&award_input(&application, "30000"))
        .unwrap();
    assert_eq!(warned.warnings.len(), 1);
    assert_eq!(warned.warnings[0].code, Code::FUND_OVER_BUDGET);
}

#[test]
fn bad_payments_are_refused_with_their_codes_and_nothing_written() {
    let mut l = online_shop(tuoli(), "120000");
    let store = &mut l.c.store;
    sign(store, &l.award);
    let cases: Vec<(&str, fieldbook::domain::funds::PaymentInput, Vec<Code>)> = vec![
        (
            "negative",
            with_amount(&l.award, 1, "-16000"),
            vec![Code::FUND_AMOUNT],
        ),
        (
            "fractional fen",
            with_amount(&l.award, 1, "16000.005"),
            vec![Code::FUND_AMOUNT],
        ),
        (
            "not the tranche's",
            with_amount(&l.award, 1, "15000"),
            vec![Code::FUND_TRANCHE_AMOUNT],
        ),
        (
            "tranche 0",
            payment(&l.award, 0),
            vec![Code::FUND_TRANCHE_RANGE],
        ),
        (
            "tranche 3",
            payment(&l.award, 3),
            vec![Code::FUND_TRANCHE_RANGE],
        ),
        (
            "no award",
            payment("no-such-award", 1),
            vec![Code::FUND_AWARD_MISSING],
        ),
        (
            "bad date and range at once",
            fieldbook::domain::funds::PaymentInput {
                paid_date: "2019-13-01".into(),
                ..payment(&l.award, 5)
            },
            vec![Code::FUND_TRANCHE_RANGE, Code::DATE_INVALID],
        ),
    ];
    for (name, input, codes) in cases {
        let before = log_len(store);
        let refused = store.pay_tranche(&input).unwrap_err();
        let got = match refused.problems() {
            [] => vec![refused.code()],
            _ => codes_of(&refused),
        };
        assert_eq!(got, codes, "{name}: {refused}");
        assert_eq!(log_len(store), before, "{name}: nothing written");
    }
    let paid = store
        .pay_tranche(&with_amount(&l.award, 1, "16,000.00"))
        .unwrap()
        .record;
    assert_eq!(paid.amount, "16000.00");
    let again = store.pay_tranche(&payment(&l.award, 1)).unwrap_err();
    assert_eq!(again.code(), Code::FUND_TRANCHE_PAID);
}

fn with_amount(award: &str, tranche: u32, amount: &str) -> fieldbook::domain::funds::PaymentInput {
    fieldbook::domain::funds::PaymentInput {
        amount: Some(amount.into()),
        ..payment(award, tranche)
    }
}

#[test]
fn a_paid_tranche_is_never_edited_only_reversed() {
    let mut l = online_shop(huoqiu(), "120000");
    let store = &mut l.c.store;
    sign(store, &l.award);
    let paid = store.pay_tranche(&payment(&l.award, 1)).unwrap().record;
    let edit = store
        .write(|tx, w| {
            write::record(
                tx,
                w,
                &FUND_DISBURSEMENT,
                &paid.id,
                Op::Update,
                &[("amount", SqlValue::Text("1.00".into()))],
            )
        })
        .unwrap_err();
    assert_eq!(edit.code(), Code::RECORD_APPEND_ONLY);
    let reverse = |id: &str| ReversalInput {
        disbursement_id: id.into(),
        date: "2019-12-21".into(),
        reason: "凭证号录错".into(),
    };
    let reversal = store.reverse_disbursement(&reverse(&paid.id)).unwrap();
    assert_eq!(reversal.amount, "-16000.00");
    assert_eq!(reversal.reverses_id.as_deref(), Some(paid.id.as_str()));
    let award = store.fund_award(&l.award).unwrap();
    assert_eq!(
        (award.paid.as_str(), award.tranches[0].paid.as_str()),
        ("0.00", "0.00")
    );
    assert_eq!(award.disbursements.len(), 2);
    assert_eq!(
        award.disbursements[0].reversed_by.as_deref(),
        Some(reversal.id.as_str())
    );
    let before = log_len(store);
    let twice = store.reverse_disbursement(&reverse(&paid.id)).unwrap_err();
    assert_eq!(twice.code(), Code::FUND_ALREADY_REVERSED);
    let of_reversal = store
        .reverse_disbursement(&reverse(&reversal.id))
        .unwrap_err();
    assert_eq!(of_reversal.code(), Code::FUND_REVERSE_REVERSAL);
    assert_eq!(log_len(store), before);
    // Reversed, the tranche is paid again, correctly.
    let repaid = store.pay_tranche(&payment(&l.award, 1)).unwrap().record;
    assert_eq!(repaid.amount, "16000.00");
    assert_eq!(store.fund_award(&l.award).unwrap().paid, "16000.00");
}

#[test]
fn recovery_never_exceeds_what_was_paid_and_falsified_materials_ban_for_the_countys_years() {
    let mut l = online_shop(tuoli(), "120000");
    let store = &mut l.c.store;
    sign(store, &l.award);
    store.pay_tranche(&payment(&l.award, 1)).unwrap();
    let order = |amount: &str, grounds| RecoveryInput {
        award_id: l.award.clone(),
        grounds,
        reason: "验收时发现交易额造假".into(),
        amount: amount.into(),
        decided_date: "2019-12-20".into(),
        due_date: "2020-01-20".into(),
        officer: "王芳".into(),
    };
    let before = log_len(store);
    let too_much = store
        .order_recovery(&order("16000.01", RecoveryGrounds::Falsified))
        .unwrap_err();
    assert_eq!(too_much.code(), Code::FUND_RECOVERY_EXCEEDS);
    let mut early = order("", RecoveryGrounds::Falsified);
    early.due_date = "2019-12-01".into();
    assert_eq!(
        store.order_recovery(&early).unwrap_err().code(),
        Code::FUND_DUE_DATE
    );
    assert_eq!(log_len(store), before, "nothing written, no ban");

    let recovery = store
        .order_recovery(&order("", RecoveryGrounds::Falsified))
        .unwrap();
    assert_eq!(
        (recovery.amount.as_str(), recovery.outstanding.as_str()),
        ("16000.00", "16000.00")
    );
    let ban_id = recovery.ban_id.clone().expect("falsified materials ban");
    // Ordered and banned: the balance is refused for both.
    let verdict = store.fund_gate(&l.award).unwrap();
    let codes: Vec<Code> = verdict.unmet.iter().map(|p| p.code).collect();
    assert!(codes.contains(&Code::FUND_GATE_RECOVERY), "{codes:?}");
    assert!(codes.contains(&Code::FUND_GATE_BANNED), "{codes:?}");
    // Nothing more to order back.
    let more = store
        .order_recovery(&order("", RecoveryGrounds::Other))
        .unwrap_err();
    assert_eq!(more.code(), Code::FUND_RECOVERY_EXCEEDS);

    let received = |amount: &str| RecoveredInput {
        recovery_id: recovery.id.clone(),
        amount: amount.into(),
        received_date: "2020-01-10".into(),
        voucher_no: "收-1".into(),
        notes: String::new(),
    };
    let partly = store.record_recovered(&received("6000")).unwrap();
    assert_eq!(
        (partly.recovered.as_str(), partly.outstanding.as_str()),
        ("6000.00", "10000.00")
    );
    let before = log_len(store);
    let over = store.record_recovered(&received("10000.01")).unwrap_err();
    assert_eq!(over.code(), Code::FUND_RECOVERED_EXCEEDS);
    assert_eq!(log_len(store), before);
    let listed = store.fund_recoveries(Some(&l.programme)).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].ban_id.as_deref(), Some(ban_id.as_str()));
    assert_eq!(store.fund_award(&l.award).unwrap().recovered, "6000.00");

    // The operator may not be awarded again while banned (three years from the decision).
    let programme = l.c.programme("huoqiu-2019-service-station", None);
    let application = approved(&mut l.c.store, &programme, &l.operator, "station");
    let banned =
        l.c.store
            .award_funds(&award_input(&application, ""))
            .unwrap_err();
    assert_eq!(banned.code(), Code::FUND_OPERATOR_BANNED);
    assert!(banned.to_string().contains("2022年12月20日"), "{banned}");
}

#[test]
fn an_operator_banned_without_a_recovery_is_not_awarded_and_a_lifted_or_ended_ban_does_not_block() {
    let mut c = huoqiu();
    let programme = c.programme("huoqiu-2019-service-station", None);
    let station = c.operator(OperatorKind::ServiceStation, 2, "三村服务站");
    ban(&mut c.store, &station, "2016-12-20", "2019-12-20");
    let application = approved(&mut c.store, &programme, &station, "station");
    // The ban ended today: awarded.
    c.store.award_funds(&award_input(&application, "")).unwrap();
    let other = c.operator(OperatorKind::ServiceStation, 1, "二村服务站");
    ban(&mut c.store, &other, "2019-12-01", "2022-12-01");
    let application = approved(&mut c.store, &programme, &other, "station");
    let refused = c
        .store
        .award_funds(&award_input(&application, ""))
        .unwrap_err();
    assert_eq!(refused.code(), Code::FUND_OPERATOR_BANNED);
}

#[test]
fn the_fund_allocation_notice_lists_each_award_with_its_amount_and_no_numbers() {
    use fieldbook::domain::notices::ListSource;
    let mut c = tuoli();
    let poor = demo_shop_award(&mut c, 0, "poor");
    demo_shop_award(&mut c, 1, "non_poor");
    let programme = c.store.fund_award(&poor).unwrap().programme_id;
    let rows = c
        .store
        .notice_list_from(&ListSource::Awards {
            programme_id: programme.clone(),
        })
        .unwrap();
    let shown: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| (r.name.as_str(), r.place.as_str(), r.benefit.as_str()))
        .collect();
    assert_eq!(
        shown,
        [
            ("示范店0", "1镇1村", "补助 5,400.00 元"),
            ("示范店1", "1镇2村", "补助 4,420.00 元"),
        ]
    );
    assert!(rows
        .iter()
        .all(|r| r.id_number.is_empty() && r.phone.is_empty()));
    // A programme with no awards yet: NOTICE_LIST_SOURCE.
    let other = c.programme("huoqiu-2019-service-station", None);
    let none = c
        .store
        .notice_list_from(&ListSource::Awards {
            programme_id: other,
        })
        .unwrap_err();
    assert_eq!(none.code(), Code::NOTICE_LIST_SOURCE);
}

#[test]
fn an_unpaid_award_is_voided_with_its_reason_and_the_operator_awarded_again() {
    let mut c = huoqiu();
    let programme = c.programme("huoqiu-2019-service-station", None);
    let station = c.operator(OperatorKind::ServiceStation, 0, "一村服务站");
    let application = approved(&mut c.store, &programme, &station, "station");
    let first = c
        .store
        .award_funds(&award_input(&application, ""))
        .unwrap()
        .record
        .id;
    let no_reason = c.store.void_award(&first, " ").unwrap_err();
    assert_eq!(no_reason.code(), Code::VOID_REASON_REQUIRED);
    // A scan that was never uploaded is refused on its field.
    let before = log_len(&c.store);
    let scan = c
        .store
        .sign_fund_contract(&fieldbook::domain::funds::ContractInput {
            award_id: first.clone(),
            contract_no: "HQ-1".into(),
            contract_date: "2019-05-01".into(),
            scan_sha256: Some("ab".repeat(32)),
        })
        .unwrap_err();
    assert_eq!(
        (scan.code(), scan.field()),
        (Code::FUND_DOCUMENT, Some("scanSha256"))
    );
    assert_eq!(log_len(&c.store), before);
    c.store.void_award(&first, "站点合并").unwrap();
    assert_eq!(
        c.store.fund_award(&first).unwrap_err().code(),
        Code::NOT_FOUND
    );
    assert!(c.store.fund_awards(&programme).unwrap().is_empty());
    let again = c
        .store
        .award_funds(&award_input(&application, ""))
        .unwrap()
        .record;
    assert_eq!(again.amount, "2000.00");
    let paid_on_void = c.store.pay_tranche(&payment(&first, 1)).unwrap_err();
    assert_eq!(paid_on_void.code(), Code::FUND_AWARD_MISSING);
}
