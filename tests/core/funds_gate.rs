//! The payment gate through the records, in 霍邱县 and 托里县: the balance (20 %) of an award in
//! the 个体网商 programme with every condition met is paid; each condition missing alone is
//! refused with its code and nothing is written; an override lets it through and is recorded.

use fieldbook::domain::funds::OverrideInput;
use fieldbook::domain::inspections::Stage;
use fieldbook::domain::notices::ObjectionInput;
use fieldbook::{Code, Store};
use rust_decimal::Decimal;

use crate::funds_setup::{
    ban, huoqiu, lock_inspections, online_shop, payment, reject, results_notice, sign, tuoli, Loop,
    SHOP,
};
use crate::sheets::log_len;
use crate::targets::County;

/// What to leave out of (or add to) the full set-up.
#[derive(Clone, Copy, Default)]
struct Breaks {
    rejected: bool,
    no_contract: bool,
    recovery: bool,
    banned: bool,
    first_unpaid: bool,
    no_acceptance: bool,
    acceptance_failed: bool,
    no_recheck: bool,
    recheck_failed: bool,
    short_turnover: bool,
    no_notice: bool,
    notice_running: bool,
    objection: bool,
    unlocked: bool,
}

/// The 个体网商 balance tranche set up with every record the gate reads, but for `b`.
fn set_up(c: County, b: Breaks) -> Loop {
    // Acceptance measures a turnover of 100,000.00: enough for 120,000 (≥ 80 %), not 200,000.
    let mut l = online_shop(c, if b.short_turnover { "200000" } else { "120000" });
    let store = &mut l.c.store;
    if !b.no_contract {
        sign(store, &l.award);
    }
    if !b.first_unpaid {
        if b.no_contract {
            // The first tranche too needs the contract: the county waived it.
            store
                .override_gate(&OverrideInput {
                    award_id: l.award.clone(),
                    tranche: 1,
                    reason: "合同原件送审中，先行拨付".into(),
                    officer: "县商务局张局长".into(),
                    date: "2019-05-10".into(),
                })
                .unwrap();
        }
        let mut first = payment(&l.award, 1);
        first.paid_date = "2019-05-10".into();
        store.pay_tranche(&first).unwrap();
    }
    if !b.no_acceptance {
        l.c.inspect(
            &l.operator,
            &l.programme,
            Stage::Preliminary,
            "2019-11-20",
            true,
        );
        l.c.store
            .draw_recheck_sample(&l.programme, Decimal::ONE, Some(7))
            .unwrap();
        if !b.no_recheck {
            let pass = !b.recheck_failed;
            l.c.inspect(
                &l.operator,
                &l.programme,
                Stage::Recheck,
                "2019-11-25",
                pass,
            );
        }
        if b.acceptance_failed {
            l.c.inspect(
                &l.operator,
                &l.programme,
                Stage::Acceptance,
                "2019-11-26",
                false,
            );
        }
        if !b.unlocked {
            for stage in [Stage::Preliminary, Stage::Acceptance, Stage::Recheck] {
                lock_inspections(&mut l.c.store, &l.operator, stage);
            }
        }
    }
    let store = &mut l.c.store;
    if !b.no_notice {
        let end = if b.notice_running {
            "2019-12-25"
        } else {
            "2019-12-10"
        };
        let notice = results_notice(store, &l.programme, &[SHOP], "2019-11-28", end);
        if b.objection {
            store
                .save_objection(&ObjectionInput {
                    notice_id: notice,
                    id: None,
                    received_date: "2019-12-01".into(),
                    objector: "村民".into(),
                    content: "交易额有水分".into(),
                    handling: String::new(),
                    handled_date: None,
                })
                .unwrap();
        }
    }
    if b.recovery {
        store
            .order_recovery(&fieldbook::domain::funds::RecoveryInput {
                award_id: l.award.clone(),
                grounds: fieldbook::domain::funds::RecoveryGrounds::Other,
                reason: "经营主体注销".into(),
                amount: "1000".into(),
                decided_date: "2019-12-15".into(),
                due_date: "2020-01-15".into(),
                officer: "王芳".into(),
            })
            .unwrap();
    }
    if b.banned {
        ban(store, &l.operator, "2019-12-01", "2022-12-01");
    }
    if b.rejected {
        reject(store, &l.application);
    }
    l
}

fn codes_of(error: &fieldbook::Error) -> Vec<Code> {
    error.problems().iter().map(|p| p.code).collect()
}

type Breaker = fn(&mut Breaks);

/// Each condition missing alone, through the records, and the codes it is refused with.
const MATRIX: &[(&str, Breaker, &[Code])] = &[
    (
        "application rejected",
        |b| b.rejected = true,
        &[Code::FUND_GATE_NOT_DECIDED],
    ),
    (
        "no contract",
        |b| b.no_contract = true,
        &[Code::FUND_GATE_NO_CONTRACT],
    ),
    (
        "recovery ordered",
        |b| b.recovery = true,
        &[Code::FUND_GATE_RECOVERY],
    ),
    (
        "operator banned",
        |b| b.banned = true,
        &[Code::FUND_GATE_BANNED],
    ),
    (
        "first tranche unpaid",
        |b| b.first_unpaid = true,
        &[Code::FUND_GATE_PREVIOUS_TRANCHE],
    ),
    (
        // Nothing inspected measures nothing either.
        "no acceptance",
        |b| b.no_acceptance = true,
        &[Code::FUND_GATE_NO_ACCEPTANCE, Code::FUND_GATE_INDICATORS],
    ),
    (
        "acceptance failed",
        |b| b.acceptance_failed = true,
        &[Code::FUND_GATE_ACCEPTANCE_FAILED],
    ),
    (
        "drawn, not re-checked",
        |b| b.no_recheck = true,
        &[Code::FUND_GATE_RECHECK_MISSING],
    ),
    (
        "re-check failed",
        |b| b.recheck_failed = true,
        &[Code::FUND_GATE_RECHECK_FAILED],
    ),
    (
        "turnover short",
        |b| b.short_turnover = true,
        &[Code::FUND_GATE_INDICATORS],
    ),
    (
        "no results notice",
        |b| b.no_notice = true,
        &[Code::FUND_GATE_NO_NOTICE],
    ),
    (
        "notice running",
        |b| b.notice_running = true,
        &[Code::FUND_GATE_NOTICE_RUNNING],
    ),
    (
        "objection open",
        |b| b.objection = true,
        &[Code::FUND_GATE_OBJECTION_OPEN],
    ),
    (
        "records not locked",
        |b| b.unlocked = true,
        &[Code::FUND_GATE_NOT_LOCKED],
    ),
];

fn balance_paid(store: &Store, award: &str) -> String {
    store.fund_award(award).unwrap().tranches[1].paid.clone()
}

#[test]
fn every_condition_met_pays_the_balance() {
    for county in [huoqiu(), tuoli()] {
        let mut l = set_up(county, Breaks::default());
        let verdict = l.c.store.fund_gate_for(&l.operator, &l.programme).unwrap();
        assert_eq!(verdict.tranche, Some(2));
        assert_eq!(verdict.amount, "4000.00");
        assert!(verdict.may_pay, "{:?}", verdict.unmet);
        assert!(verdict.unmet.is_empty());
        let paid = l.c.store.pay_tranche(&payment(&l.award, 2)).unwrap().record;
        assert_eq!((paid.amount.as_str(), paid.override_id), ("4000.00", None));
        let award = l.c.store.fund_award(&l.award).unwrap();
        assert_eq!(award.paid, "20000.00");
        assert_eq!(balance_paid(&l.c.store, &l.award), "4000.00");
        let done = l.c.store.fund_gate(&l.award).unwrap();
        assert_eq!((done.tranche, done.may_pay), (None, false));
    }
}

#[test]
fn each_condition_missing_alone_is_refused_with_its_code_and_nothing_written() {
    for (name, breaks, codes) in MATRIX {
        let mut b = Breaks::default();
        breaks(&mut b);
        let mut l = set_up(huoqiu(), b);
        let verdict = l.c.store.fund_gate(&l.award).unwrap();
        let unmet: Vec<Code> = verdict.unmet.iter().map(|p| p.code).collect();
        if b.first_unpaid {
            // The next tranche is the first: the gate judges it (met), the balance waits.
            assert_eq!(verdict.tranche, Some(1), "{name}");
            let award = l.c.store.fund_award(&l.award).unwrap();
            let waiting: Vec<Code> = award.tranches[1].unmet.iter().map(|p| p.code).collect();
            assert_eq!(waiting, codes.to_vec(), "{name}");
        } else {
            assert_eq!(unmet, codes.to_vec(), "{name}");
            assert!(!verdict.may_pay, "{name}");
        }
        let before = log_len(&l.c.store);
        let refused = l.c.store.pay_tranche(&payment(&l.award, 2)).unwrap_err();
        assert_eq!(codes_of(&refused), codes.to_vec(), "{name}: {refused}");
        assert_eq!(refused.code(), codes[0], "{name}");
        assert_eq!(log_len(&l.c.store), before, "{name}: nothing written");
        assert_eq!(balance_paid(&l.c.store, &l.award), "0.00", "{name}");
    }
}

#[test]
fn an_override_lets_a_refused_tranche_through_and_is_recorded() {
    let b = Breaks {
        notice_running: true,
        objection: true,
        ..Breaks::default()
    };
    let mut l = set_up(tuoli(), b);
    let store = &mut l.c.store;
    let refused = store.pay_tranche(&payment(&l.award, 2)).unwrap_err();
    assert_eq!(
        codes_of(&refused),
        vec![
            Code::FUND_GATE_NOTICE_RUNNING,
            Code::FUND_GATE_OBJECTION_OPEN
        ]
    );
    // An override needs its reason and its officer, both named at once.
    let before = log_len(store);
    let missing = store
        .override_gate(&OverrideInput {
            award_id: l.award.clone(),
            tranche: 2,
            reason: " ".into(),
            officer: String::new(),
            date: "2019-12-20".into(),
        })
        .unwrap_err();
    assert_eq!(codes_of(&missing), vec![Code::FUND_OVERRIDE_REASON; 2]);
    assert_eq!(log_len(store), before);
    let granted = store
        .override_gate(&OverrideInput {
            award_id: l.award.clone(),
            tranche: 2,
            reason: "异议经核查不属实，年底前须结清".into(),
            officer: "县商务局张局长".into(),
            date: "2019-12-20".into(),
        })
        .unwrap();
    assert_eq!(
        granted.waived,
        vec![
            Code::FUND_GATE_NOTICE_RUNNING,
            Code::FUND_GATE_OBJECTION_OPEN
        ]
    );
    let verdict = store.fund_gate(&l.award).unwrap();
    assert!(verdict.may_pay);
    assert_eq!(verdict.override_id.as_deref(), Some(granted.id.as_str()));
    let paid = store.pay_tranche(&payment(&l.award, 2)).unwrap().record;
    assert_eq!(paid.override_id.as_deref(), Some(granted.id.as_str()));
    let award = store.fund_award(&l.award).unwrap();
    let note = award.tranches[1].override_note.clone().unwrap();
    assert!(
        note.contains("县商务局张局长") && note.contains("不属实"),
        "{note}"
    );
    assert_eq!(award.paid, "20000.00");
}

#[test]
fn the_gates_of_a_programme_judge_every_award() {
    let mut l = set_up(huoqiu(), Breaks::default());
    let verdicts = l.c.store.fund_gates(&l.programme).unwrap();
    assert_eq!(verdicts.len(), 1);
    assert!(verdicts[0].may_pay);
    // An operator of the programme with no award: FUND_AWARD_MISSING, by operator and programme.
    let other = l.c.operator(
        fieldbook::domain::operators::OperatorKind::OnlineShop,
        1,
        "另一家网店",
    );
    let missing = l.c.store.fund_gate_for(&other, &l.programme).unwrap_err();
    assert_eq!(missing.code(), Code::FUND_AWARD_MISSING);
    let before = log_len(&l.c.store);
    let unpaid =
        l.c.store
            .pay_tranche_of(&other, &l.programme, &payment("", 1))
            .unwrap_err();
    assert_eq!(unpaid.code(), Code::FUND_AWARD_MISSING);
    assert_eq!(log_len(&l.c.store), before);
}

#[test]
fn an_override_waives_only_the_conditions_unmet_when_it_was_granted() {
    let b = Breaks {
        notice_running: true,
        ..Breaks::default()
    };
    let mut l = set_up(huoqiu(), b);
    let store = &mut l.c.store;
    let granted = store
        .override_gate(&OverrideInput {
            award_id: l.award.clone(),
            tranche: 2,
            reason: "年底前结清".into(),
            officer: "县商务局张局长".into(),
            date: "2019-12-20".into(),
        })
        .unwrap();
    assert_eq!(granted.waived, vec![Code::FUND_GATE_NOTICE_RUNNING]);
    // A ban decided afterwards is not waived by it.
    ban(store, &l.operator, "2019-12-20", "2022-12-20");
    let verdict = store.fund_gate(&l.award).unwrap();
    assert!(!verdict.may_pay);
    assert_eq!(verdict.override_id, None);
    let before = log_len(store);
    let refused = store.pay_tranche(&payment(&l.award, 2)).unwrap_err();
    assert_eq!(
        codes_of(&refused),
        vec![Code::FUND_GATE_BANNED, Code::FUND_GATE_NOTICE_RUNNING]
    );
    assert_eq!(log_len(store), before);
}
