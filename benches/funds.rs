//! Fund status and the gate of a whole programme (issue 14 "Figures": under 100 ms): a
//! programme with 1,000 awards and 3,000 disbursements (every first tranche paid, reversed and
//! paid again) read with `fund_awards` (each award with its tranches and what each waits for)
//! and judged with `fund_gates` (the next tranche of every award).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use fieldbook::domain::funds::{AwardInput, ContractInput, PaymentInput, ReversalInput};
use fieldbook::domain::operators::{OperatorInput, OperatorKind};
use fieldbook::domain::places::VillageInput;
use fieldbook::store::entities::FUND_APPLICATION;
use fieldbook::store::write::{self, Op};
use fieldbook::Store;
use rusqlite::types::Value as SqlValue;

const AWARDS: usize = 1_000;

/// 霍邱县 with 20 villages, its training programme (a budget of 3,000,000.00, 90 / 10) and
/// 1,000 operators awarded 2,000.00 each, contracts signed, 3,000 disbursements.
fn programme_with_awards() -> (Store, String) {
    let mut store = Store::open_in_memory().unwrap();
    store.create_county("341522", "霍邱县").unwrap();
    store.add_township("341522100", "城关镇").unwrap();
    let villages: Vec<String> = (0..20)
        .map(|v| {
            store
                .add_village(&VillageInput {
                    township_code: "341522100".into(),
                    code: format!("341522100{}", 200 + v),
                    name: format!("{v}村"),
                    poor: v % 2 == 0,
                })
                .unwrap()
                .id
        })
        .collect();
    let programme = store
        .add_programme_from_preset("huoqiu-2019-training", None)
        .unwrap()
        .id;
    for i in 0..AWARDS {
        let operator = store
            .add_operator(&OperatorInput {
                kind: OperatorKind::TrainingProvider,
                name: format!("培训机构{i:04}"),
                credit_code: String::new(),
                person_in_charge: "负责人".into(),
                phone: "13809391234".into(),
                village_id: Some(villages[i % villages.len()].clone()),
                platform: String::new(),
                shop_url: String::new(),
            })
            .unwrap()
            .record
            .id;
        let application = fieldbook::store::new_id();
        let text = |s: &str| SqlValue::Text(s.to_string());
        let values = [
            ("programme_id", text(&programme)),
            ("operator_id", text(&operator)),
            ("class_key", text("budget")),
            ("applied_date", text("2019-04-01")),
            ("decision", text("approved")),
        ];
        store
            .write(|tx, w| {
                write::record(tx, w, &FUND_APPLICATION, &application, Op::Create, &values)
            })
            .unwrap();
        let award = store
            .award_funds(&AwardInput {
                application_id: application,
                amount: "2000".into(),
                investment: None,
                decided_date: "2019-04-25".into(),
                decided_by: String::new(),
                targets: vec![],
                deadline: None,
                notes: String::new(),
            })
            .unwrap()
            .record
            .id;
        store
            .sign_fund_contract(&ContractInput {
                award_id: award.clone(),
                contract_no: format!("HQ-{i:04}"),
                contract_date: "2019-05-01".into(),
                scan_sha256: None,
            })
            .unwrap();
        let payment = PaymentInput {
            award_id: award,
            tranche: 1,
            amount: None,
            paid_date: "2019-05-10".into(),
            voucher_no: format!("记-{i}"),
            payer: "县财政局".into(),
            override_id: None,
            notes: String::new(),
        };
        let paid = store.pay_tranche(&payment).unwrap().record;
        store
            .reverse_disbursement(&ReversalInput {
                disbursement_id: paid.id,
                date: "2019-05-11".into(),
                reason: "凭证号录错".into(),
            })
            .unwrap();
        store.pay_tranche(&payment).unwrap();
    }
    (store, programme)
}

fn funds(c: &mut Criterion) {
    let (store, programme) = programme_with_awards();
    let awards = store.fund_awards(&programme).unwrap();
    assert_eq!(awards.len(), AWARDS);
    let payments: usize = awards.iter().map(|a| a.disbursements.len()).sum();
    assert_eq!(payments, 3 * AWARDS);
    let started = std::time::Instant::now();
    let gates = store.fund_gates(&programme).unwrap();
    println!(
        "fund_gates of {} awards, {payments} disbursements: {:?} (one run)",
        gates.len(),
        started.elapsed()
    );
    let mut group = c.benchmark_group("funds of a programme with 1,000 awards");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5));
    group.bench_function("fund_awards (status of every award)", |b| {
        b.iter(|| black_box(store.fund_awards(&programme).unwrap()))
    });
    group.bench_function("fund_gates (the gate of every award)", |b| {
        b.iter(|| black_box(store.fund_gates(&programme).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, funds);
criterion_main!(benches);
