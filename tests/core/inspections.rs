//! Site inspections against the demonstration-shop template, with values measured from the
//! records; photos; re-check samples.

use fieldbook::domain::agreements::{LedgerInput, LinkageMode, RosterInput};
use fieldbook::domain::inspections::{InspectionInput, Inspector, Stage};
use fieldbook::domain::programmes::{Conclusion, Observation, ObservedValue};
use fieldbook::Store;
use rust_decimal::Decimal;

use crate::records::{agreement, household, places_only, shop};

pub(crate) struct Setup {
    pub store: Store,
    pub programme: String,
    pub operator: String,
}

/// A demonstration shop with `households` on its 2019 roster and one purchase of `quantity` 斤
/// at 12.50 元 from the first of them.
pub(crate) fn shop_with(households: u32, quantity: &str) -> Setup {
    shop_in(places_only(), households, quantity)
}

/// `shop_with` in a store of the caller's (a database file, for the CLI).
pub(crate) fn shop_in(mut store: Store, households: u32, quantity: &str) -> Setup {
    let programme = store
        .add_programme_from_preset("chengxian-2019-demo-shop", None)
        .unwrap()
        .id;
    let operator = store.add_operator(&shop(&store)).unwrap().record.id;
    let agreement_id = store
        .add_agreement(&agreement(&operator, "CX2019-I1"))
        .unwrap()
        .record
        .id;
    let mut first = None;
    for i in 0..households {
        let id = store
            .add_household(&household(&store, 700 + i, &format!("户{i}")))
            .unwrap()
            .record
            .id;
        store
            .add_to_roster(&RosterInput {
                agreement_id: agreement_id.clone(),
                household_id: id.clone(),
                mode: LinkageMode::ProtectivePurchase,
                content: String::new(),
            })
            .unwrap();
        first.get_or_insert(id);
    }
    store
        .add_ledger_entry(&LedgerInput {
            agreement_id,
            household_id: first.unwrap(),
            date: "2019-10-01".into(),
            product: "核桃".into(),
            quantity: quantity.into(),
            unit: "斤".into(),
            unit_price: "12.50".into(),
            market_price: "11.00".into(),
            payment_method: String::new(),
            voucher_no: String::new(),
            delivered_date: String::new(),
        })
        .unwrap();
    Setup {
        store,
        programme,
        operator,
    }
}

/// The id of an inspection of the setup's shop at `stage`, saved with the usual input.
pub(crate) fn saved(setup: &mut Setup, stage: Stage) -> String {
    let inspection = input(setup, stage);
    setup.store.add_inspection(&inspection).unwrap().record.id
}

pub(crate) fn input(setup: &Setup, stage: Stage) -> InspectionInput {
    let yes = |key: &str| Observation::new(key, ObservedValue::Bool(true));
    InspectionInput {
        operator_id: setup.operator.clone(),
        programme_id: setup.programme.clone(),
        stage,
        date: "2019-11-20".into(),
        inspectors: ["王芳", "李明", "赵刚"]
            .iter()
            .map(|n| Inspector {
                name: n.to_string(),
                unit: "县商务局".into(),
            })
            .collect(),
        observations: vec![
            yes("office"),
            yes("plaque"),
            yes("operator_shop"),
            yes("records"),
            yes("services"),
            // Typed by mistake; the rosters say otherwise and win.
            Observation::new(
                "linked_households",
                ObservedValue::Number(Decimal::from(50)),
            ),
        ],
        problems: String::new(),
        rectification: vec![],
        investment: String::new(),
        recheck_sample_id: None,
    }
}

#[test]
fn a_shop_with_ten_households_and_enough_sales_passes_with_values_from_the_records() {
    let mut setup = shop_with(10, "1000");
    let saved = setup
        .store
        .add_inspection(&input(&setup, Stage::Acceptance))
        .unwrap();
    assert!(saved.warnings.is_empty());
    let inspection = saved.record;
    assert_eq!(
        inspection.evaluation.conclusion,
        Conclusion::Pass,
        "{:?}",
        inspection.evaluation
    );
    let households = inspection
        .computed
        .iter()
        .find(|c| c.key == "linked_households")
        .unwrap();
    assert_eq!(households.value, ObservedValue::Number(Decimal::from(10)));
    assert!(
        households.source.contains("花名册"),
        "{}",
        households.source
    );
    let sales = inspection
        .computed
        .iter()
        .find(|c| c.key == "annual_sales")
        .unwrap();
    assert_eq!(sales.value, ObservedValue::Number(Decimal::new(1250000, 2)));
    assert_eq!(
        setup.store.list_inspections(None).unwrap()[0].conclusion_label,
        "合格"
    );
}

#[test]
fn nine_households_fail_naming_the_item_and_low_sales_fail_too() {
    let mut setup = shop_with(9, "1000");
    let inspection = setup
        .store
        .add_inspection(&input(&setup, Stage::Preliminary))
        .unwrap()
        .record;
    assert_eq!(inspection.evaluation.conclusion, Conclusion::Fail);
    let reasons = inspection.evaluation.reasons.join("；");
    assert!(
        reasons.contains("9 户") && reasons.contains("10 户"),
        "{reasons}"
    );

    let mut setup = shop_with(10, "799.9");
    let inspection = setup
        .store
        .add_inspection(&input(&setup, Stage::Preliminary))
        .unwrap()
        .record;
    assert_eq!(
        inspection.evaluation.conclusion,
        Conclusion::Fail,
        "9,998.75 元 < 10,000 元"
    );
}

#[test]
fn an_unanswered_item_asks_for_rectification_and_few_inspectors_warn() {
    let mut setup = shop_with(10, "1000");
    let mut partial = input(&setup, Stage::Preliminary);
    partial.observations.retain(|o| o.key != "plaque");
    partial.inspectors.truncate(2);
    let saved = setup.store.add_inspection(&partial).unwrap();
    assert_eq!(saved.record.evaluation.conclusion, Conclusion::Rectify);
    assert_eq!(saved.warnings[0].code, "INSPECTION_FEW_INSPECTORS");
}

#[test]
fn a_submitted_inspection_refuses_edits_and_photos() {
    let mut setup = shop_with(10, "1000");
    let id = saved(&mut setup, Stage::Acceptance);
    let submitted = setup.store.submit_inspection(&id).unwrap();
    assert_eq!(submitted.status, "submitted");
    let refused = setup
        .store
        .update_inspection(&id, &input(&setup, Stage::Acceptance))
        .unwrap_err();
    assert_eq!(refused.code(), "INSPECTION_SUBMITTED");
    let photo = setup
        .store
        .add_inspection_photo(&id, "a.jpg", b"\xFF\xD8\xFFphoto", "")
        .unwrap_err();
    assert_eq!(photo.code(), "INSPECTION_SUBMITTED");
}

#[test]
fn the_same_photo_on_two_inspections_is_a_warning() {
    let mut setup = shop_with(10, "1000");
    let first = saved(&mut setup, Stage::Preliminary);
    let second = saved(&mut setup, Stage::Acceptance);
    let jpeg = b"\xFF\xD8\xFF\xE0 shop front".to_vec();
    let saved = setup
        .store
        .add_inspection_photo(&first, "门头.jpg", &jpeg, "门头")
        .unwrap();
    assert!(saved.warnings.is_empty());
    let again = setup
        .store
        .add_inspection_photo(&first, "门头.jpg", &jpeg, "")
        .unwrap_err();
    assert_eq!(again.code(), "PHOTO_DUPLICATE");
    let reused = setup
        .store
        .add_inspection_photo(&second, "门头2.jpg", &jpeg, "")
        .unwrap();
    assert_eq!(reused.warnings[0].code, "PHOTO_REUSED");
    let text = setup
        .store
        .add_inspection_photo(&second, "a.txt", b"hello", "")
        .unwrap_err();
    assert_eq!(text.code(), "PHOTO_TYPE");
    assert_eq!(setup.store.inspection(&first).unwrap().photos.len(), 1);
}

/// Another shop in `village`, with its own agreement, ten households and 12,500 元 of sales,
/// inspected by its township (初验).
fn inspected_shop(setup: &mut Setup, village: usize, n: u32) {
    let store = &mut setup.store;
    let villages = store.list_villages(None).unwrap();
    let mut op = shop(store);
    op.name = format!("示范店{n}");
    op.village_id = Some(villages[village].id.clone());
    let operator = store.add_operator(&op).unwrap().record.id;
    let agreement_id = store
        .add_agreement(&agreement(&operator, &format!("CX2019-S{n}")))
        .unwrap()
        .record
        .id;
    for i in 0..10 {
        let household = store
            .add_household(&household(store, 1000 + n * 20 + i, &format!("户{n}-{i}")))
            .unwrap()
            .record
            .id;
        store
            .add_to_roster(&RosterInput {
                agreement_id: agreement_id.clone(),
                household_id: household.clone(),
                mode: LinkageMode::ProtectivePurchase,
                content: String::new(),
            })
            .unwrap();
        if i == 0 {
            store
                .add_ledger_entry(&LedgerInput {
                    agreement_id: agreement_id.clone(),
                    household_id: household,
                    date: "2019-10-01".into(),
                    product: "核桃".into(),
                    quantity: "1000".into(),
                    unit: "斤".into(),
                    unit_price: "12.50".into(),
                    market_price: "11.00".into(),
                    payment_method: String::new(),
                    voucher_no: String::new(),
                    delivered_date: String::new(),
                })
                .unwrap();
        }
    }
    let mut preliminary = input(setup, Stage::Preliminary);
    preliminary.operator_id = operator;
    let saved = setup.store.add_inspection(&preliminary).unwrap().record;
    assert_eq!(saved.evaluation.conclusion, Conclusion::Pass);
}

#[test]
fn the_recheck_sample_is_reproducible_and_covers_half_of_each_townships_results() {
    let mut setup = shop_with(10, "1000");
    let half = Decimal::new(5, 1);
    setup
        .store
        .add_inspection(&input(&setup, Stage::Acceptance))
        .unwrap();
    let none = setup
        .store
        .draw_recheck_sample(&setup.programme, half, Some(1))
        .unwrap_err();
    assert_eq!(
        none.code(),
        "SAMPLE_EMPTY",
        "no township result (初验) yet: an acceptance alone does not count"
    );
    // Three shops with a 初验 in 鸡峰镇 (villages 1–3), two in 宋坪乡 (villages 27, 28); the
    // setup's own shop (鸡峰镇) only has the county's acceptance and is a gap.
    for (village, n) in [(1, 1), (2, 2), (3, 3), (27, 4), (28, 5)] {
        inspected_shop(&mut setup, village, n);
    }
    let sample = setup
        .store
        .draw_recheck_sample(&setup.programme, half, Some(2019))
        .unwrap();
    let counts: Vec<_> = sample
        .townships
        .iter()
        .map(|t| (t.township.as_str(), t.accepted, t.drawn.len()))
        .collect();
    assert_eq!(
        counts,
        [("鸡峰镇", 3, 2), ("宋坪乡", 2, 1)],
        "⌈50%⌉ of each township"
    );
    assert_eq!(sample.gaps.len(), 1, "{:?}", sample.gaps);
    assert_eq!(sample.gaps[0].id, setup.operator);
    let again = setup
        .store
        .draw_recheck_sample(&setup.programme, half, Some(2019))
        .unwrap();
    assert_eq!(
        again.townships, sample.townships,
        "the same seed draws the same shops"
    );
    let shown = setup.store.recheck_samples(&setup.programme).unwrap();
    assert_eq!(shown.len(), 2);
    assert_eq!(
        (shown[1].seed.as_str(), &shown[1].townships),
        ("2019", &sample.townships),
        "kept as drawn, for an auditor"
    );
    let kept = setup.store.history("recheck_sample", &sample.id).unwrap();
    assert_eq!(kept[0].fields["seed"].1, "2019");
    let bad = setup
        .store
        .draw_recheck_sample(&setup.programme, Decimal::from(2), None)
        .unwrap_err();
    assert_eq!(bad.code(), "SAMPLE_SHARE");
    let below = setup
        .store
        .draw_recheck_sample(&setup.programme, Decimal::new(3, 1), None)
        .unwrap_err();
    assert_eq!(
        below.code(),
        "SAMPLE_SHARE_BELOW_RULE",
        "成县: at least 50 %"
    );
}

#[test]
fn the_list_and_the_history_carry_codes_and_name_the_records_they_point_to() {
    let mut setup = shop_with(10, "1000");
    let id = saved(&mut setup, Stage::Acceptance);
    let row = &setup.store.list_inspections(None).unwrap()[0];
    assert_eq!(row.stage, Stage::Acceptance);
    assert_eq!(row.conclusion, Some(Conclusion::Pass));
    // The labels stay for the CLI's --json and its tables.
    assert_eq!(
        (row.stage_label.as_str(), row.conclusion_label.as_str()),
        ("县级验收", "合格")
    );

    let history = setup.store.readable_history("inspection", &id).unwrap();
    assert_eq!(history[0].entity, "inspection");
    let fields = &history[0].fields;
    assert_eq!(fields["stage"].1, "acceptance", "a code: the UI labels it");
    assert_eq!(fields["conclusion"].1, "pass");
    let operator = setup.store.operator(&setup.operator).unwrap().name;
    assert_eq!(
        fields["operator_id"].1,
        operator.as_str(),
        "a name, not an id"
    );
    let programme = setup.store.programme(&setup.programme).unwrap();
    assert_eq!(
        fields["programme_id"].1,
        format!("{} {}", programme.year, programme.name).as_str()
    );
}
