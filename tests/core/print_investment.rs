//! The operator's investment (投资额) on an inspection: on the acceptance report as
//! "12,345.00 元", 未填报 for an inspection recorded without one, and synced to the county.

use fieldbook::domain::inspections::{InspectionInput, Inspector, Stage};
use fieldbook::domain::programmes::{Observation, ObservedValue};
use fieldbook::print::FormKind;
use fieldbook::sync::classes::{FieldClass, FieldClasses};

use crate::print::{acceptance_id, demo_store, pdf_text, samples_dir, save_and_read, squeezed};
use crate::records::shop;
use crate::sync::{county_at, device_at, export, import, T1};

fn acceptance(operator: &str, programme: &str, investment: &str) -> InspectionInput {
    InspectionInput {
        operator_id: operator.into(),
        programme_id: programme.into(),
        stage: Stage::Acceptance,
        date: "2019-12-02".into(),
        inspectors: ["王芳", "李明", "赵刚"]
            .iter()
            .map(|n| Inspector {
                name: n.to_string(),
                unit: "县商务局".into(),
            })
            .collect(),
        observations: ["office", "plaque", "operator_shop", "records", "services"]
            .into_iter()
            .map(|key| Observation::new(key, ObservedValue::Bool(true)))
            .collect(),
        problems: String::new(),
        rectification: vec![],
        investment: investment.into(),
        recheck_sample_id: None,
    }
}

#[test]
fn the_demo_acceptance_report_prints_the_shops_investment() {
    let (_dir, mut store) = demo_store();
    let id = acceptance_id(&store);
    let inspection = store.inspection(&id).unwrap();
    let investment = inspection
        .investment
        .clone()
        .expect("the demo's acceptances carry an investment");
    let yuan: rust_decimal::Decimal = investment.parse().unwrap();
    assert!(yuan >= rust_decimal::Decimal::from(5_000), "{investment}");
    let printed = store.print_form(FormKind::Acceptance, &id).unwrap();
    let text = save_and_read("acceptance-investment", &printed.pdf);
    let flat = squeezed(&text);
    let want = format!("投资额{}元", fieldbook::domain::money::yuan_grouped(yuan));
    assert!(want.contains(','), "{want}: a demo figure above a thousand");
    assert!(flat.contains(&want), "{want} in {text}");
    assert!(flat.contains("补助标准"), "the subsidy line stays");
}

#[test]
fn an_inspection_without_investment_prints_not_reported_and_a_typed_one_is_kept_to_the_fen() {
    let (_dir, mut store) = demo_store();
    let id = acceptance_id(&store);
    let before = store.inspection(&id).unwrap();
    // A new shop of the demo programme, inspected once without the figure and once with it.
    let operator = store.add_operator(&shop(&store)).unwrap().record.id;
    let old = store
        .add_inspection(&acceptance(&operator, &before.programme_id, " "))
        .unwrap()
        .record;
    assert_eq!(old.investment, None);
    let printed = store.print_form(FormKind::Acceptance, &old.id).unwrap();
    let path = samples_dir().join("acceptance-no-investment.pdf");
    std::fs::write(&path, &printed.pdf).unwrap();
    let flat = squeezed(&pdf_text(&path));
    assert!(flat.contains("投资额未填报"), "{flat}");
    assert!(
        !flat.contains("投资额0"),
        "never 0 for a figure nobody gave"
    );

    let typed = store
        .update_inspection(
            &old.id,
            &acceptance(&operator, &before.programme_id, "１２３４５６．７"),
        )
        .unwrap()
        .record;
    assert_eq!(typed.investment.as_deref(), Some("123456.70"));
    let printed = store.print_form(FormKind::Acceptance, &old.id).unwrap();
    std::fs::write(&path, &printed.pdf).unwrap();
    assert!(squeezed(&pdf_text(&path)).contains("投资额123,456.70元"));

    // A refusal names the field and writes nothing.
    let err = store
        .update_inspection(&old.id, &acceptance(&operator, &before.programme_id, "-1"))
        .unwrap_err();
    assert_eq!(
        (err.code().as_str(), err.field()),
        ("INSPECTION_INVESTMENT_NEGATIVE", Some("investment"))
    );
    assert_eq!(
        store.inspection(&old.id).unwrap().investment.as_deref(),
        Some("123456.70")
    );
}

#[test]
fn the_investment_is_money_reviewed_by_the_county_and_syncs_from_a_laptop() {
    assert_eq!(
        FieldClasses::built_in().class("inspection", "investment"),
        FieldClass::Review
    );
    let dir = tempfile::tempdir().unwrap();
    let mut county = county_at(dir.path());
    let programme = county
        .add_programme_from_preset("chengxian-2019-demo-shop", None)
        .unwrap()
        .id;
    let mut laptop = device_at(&mut county, &dir.path().join("laptop.db"), T1, "鸡峰镇王芳");
    let operator = laptop.add_operator(&shop(&laptop)).unwrap().record.id;
    let id = laptop
        .add_inspection(&acceptance(&operator, &programme, "12,345.5"))
        .unwrap()
        .record
        .id;
    let report = import(&mut county, &export(&mut laptop));
    assert_eq!(report.outcome, "applied", "{report:?}");
    assert!(report.refused.is_empty(), "{report:?}");
    assert_eq!(
        county.inspection(&id).unwrap().investment.as_deref(),
        Some("12345.50")
    );
    // A correction on the laptop follows.
    laptop
        .update_inspection(&id, &acceptance(&operator, &programme, "13000"))
        .unwrap();
    let report = import(&mut county, &export(&mut laptop));
    assert!(report.conflicts.is_empty(), "{report:?}");
    assert_eq!(
        county.inspection(&id).unwrap().investment.as_deref(),
        Some("13000.00")
    );
}
