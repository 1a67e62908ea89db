//! Shared builders for tests of households, operators and agreements.

use fieldbook::demo::load_demo_places;
use fieldbook::domain::agreements::{AgreementInput, LinkageMode, PriceRule};
use fieldbook::domain::households::HouseholdInput;
use fieldbook::domain::operators::{OperatorInput, OperatorKind};
use fieldbook::domain::resident_id::check_char;
use fieldbook::Store;

/// A valid 18-digit ID, unique per `n` (< 28,000). Region 621202 (武都区), so it never collides
/// with the demo county's generated IDs.
pub fn id_number(n: u32) -> String {
    let first17 = format!("621202{}{:03}", 19700101 + (n / 1000) % 28, n % 1000);
    format!("{first17}{}", check_char(&first17))
}

pub fn jifeng_village(store: &Store, index: usize) -> String {
    store.list_villages(Some("621221101")).unwrap()[index]
        .id
        .clone()
}

pub fn household(store: &Store, n: u32, name: &str) -> HouseholdInput {
    HouseholdInput {
        head_name: name.into(),
        id_number: id_number(n),
        size: 4,
        village_id: jifeng_village(store, 0),
        village_group: "一组".into(),
        category: "general".into(),
        year_lifted: Some(2019),
        phone: String::new(),
        notes: String::new(),
    }
}

pub fn shop(store: &Store) -> OperatorInput {
    OperatorInput {
        kind: OperatorKind::DemoShop,
        name: "成县鸡峰镇长沟村电商扶贫示范店（拼多多店）".into(),
        credit_code: String::new(),
        person_in_charge: "李明".into(),
        phone: "13809391234".into(),
        village_id: Some(jifeng_village(store, 0)),
        platform: "拼多多".into(),
        shop_url: "https://shop.example.cn/1".into(),
    }
}

pub fn agreement(operator_id: &str, number: &str) -> AgreementInput {
    AgreementInput {
        number: number.into(),
        year: 2019,
        programme: "成县2019年电商扶贫示范店".into(),
        programme_id: None,
        operator_id: operator_id.into(),
        witness_village_id: None,
        modes: vec![LinkageMode::ProtectivePurchase],
        price_rule: PriceRule::MarketPlus,
        price_value: "10".into(),
        min_quantity: "500斤".into(),
        pay_within_days: Some(7),
        target_households: 10,
        target_income: "1000".into(),
        term_start: "2019-03-01".into(),
        term_end: "2019-12-31".into(),
    }
}

/// The demo places with no other demo records: what these tests build on.
pub fn places_only() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    load_demo_places(&mut store).unwrap();
    store
}
