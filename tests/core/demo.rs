//! The demo county matches the plan it comes from.

use std::collections::HashSet;

use fieldbook::demo::{demo_villages, load_demo};
use fieldbook::Store;

use crate::temp_db;

/// Per-township poor / non-poor counts from the plan's appendix (fixtures' plan CSV).
const PLAN: &[(&str, u32, u32)] = &[
    ("鸡峰镇", 27, 0),
    ("宋坪乡", 16, 0),
    ("镡河乡", 12, 0),
    ("二郎乡", 10, 0),
    ("陈院镇", 4, 2),
    ("王磨镇", 3, 0),
    ("黄陈镇", 4, 1),
    ("沙坝镇", 5, 1),
    ("苏元乡", 3, 1),
    ("纸坊镇", 4, 2),
    ("小川镇", 5, 2),
    ("索池乡", 2, 2),
    ("红川镇", 2, 2),
    ("店村镇", 2, 2),
    ("抛沙镇", 2, 2),
    ("城关镇", 2, 2),
    ("黄渚镇", 1, 1),
];

#[test]
fn demo_county_has_the_plans_townships_and_village_classes() {
    let mut store = Store::open_in_memory().unwrap();
    let report = load_demo(&mut store).unwrap();
    assert_eq!((report.townships_added, report.villages_added), (17, 124));
    let townships = store.list_townships().unwrap();
    let got: Vec<_> = townships
        .iter()
        .map(|t| {
            (
                t.name.as_str(),
                t.poor_village_count,
                t.village_count - t.poor_village_count,
            )
        })
        .collect();
    assert_eq!(got, PLAN);
}

#[test]
fn synthetic_codes_have_the_right_shape_are_unique_and_stable() {
    let villages = demo_villages().unwrap();
    assert_eq!(villages.len(), 124);
    let codes: HashSet<_> = villages.iter().map(|v| v.code.clone()).collect();
    assert_eq!(codes.len(), 124);
    for v in &villages {
        assert_eq!(v.code.len(), 12);
        assert!(v.code.starts_with(&v.township_code) && v.township_code.starts_with("621221"));
        let committee: u32 = v.code[9..].parse().unwrap();
        assert!((201..=399).contains(&committee), "{}", v.code);
    }
    assert_eq!(villages[0].code, "621221101201");
    assert_eq!(villages[0].name, "长沟村");
    assert_eq!(villages.last().unwrap().township_code, "621221117");
    assert_eq!(demo_villages().unwrap(), villages);
}

#[test]
fn loading_twice_changes_nothing() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    load_demo(&mut store).unwrap();
    let before = store.list_villages(None).unwrap();
    let again = load_demo(&mut store).unwrap();
    assert!(again.already_loaded);
    assert_eq!(again.villages_added, 0);
    assert_eq!(store.list_villages(None).unwrap(), before);
}

#[test]
fn demo_refuses_a_database_of_another_county() {
    let (_dir, path) = temp_db();
    Store::open(&path).unwrap();
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute(
            "INSERT INTO county (id, code, name) VALUES ('x', '110105', '朝阳区')",
            [],
        )
        .unwrap();
    let mut store = Store::open(&path).unwrap();
    let error = load_demo(&mut store).unwrap_err();
    assert!(error.to_string().contains("朝阳区"), "{error}");
    assert!(store.list_townships().unwrap().is_empty());
}

// ---- Demo records: households, shops, agreements, rosters, ledgers ----

mod records {
    use std::collections::{BTreeMap, HashSet};
    use std::str::FromStr;
    use std::time::Instant;

    use chrono::NaiveDate;
    use fieldbook::demo::records::{demo_records, DemoShopRecords, SHORT_ROSTER_TOWNSHIP};
    use fieldbook::demo::{demo_villages, load_demo, load_demo_places, DemoReport};
    use fieldbook::domain::agreements::{Term, DEMO_SHOP_MIN_HOUSEHOLDS};
    use fieldbook::domain::households::HouseholdQuery;
    use fieldbook::domain::resident_id::ResidentId;
    use fieldbook::Store;
    use rust_decimal::Decimal;

    use crate::temp_db;

    fn plan() -> Vec<DemoShopRecords> {
        demo_records(&demo_villages().unwrap())
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 11, 21).unwrap()
    }

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn all_households(store: &Store) -> u32 {
        let query = HouseholdQuery {
            text: String::new(),
            township_code: None,
            village_id: None,
            offset: 0,
            limit: 1,
            status: None,
        };
        store.search_households(&query).unwrap().total
    }

    /// What `load_demo` must add to a database without the demo county.
    fn expected(plan: &[DemoShopRecords]) -> DemoReport {
        DemoReport {
            county: "成县".into(),
            already_loaded: false,
            townships_added: 17,
            villages_added: 124,
            households_added: plan.iter().map(|s| s.households.len()).sum(),
            operators_added: plan.len(),
            agreements_added: plan.len(),
            roster_rows_added: plan.iter().map(|s| s.roster.len()).sum(),
            ledger_entries_added: plan.iter().map(|s| s.ledger.len()).sum(),
            programmes_added: fieldbook::demo::demo_programme_count().unwrap(),
            inspections_added: 27 + 10,
            training_sessions_added: 4,
            attendance_added: 3 * 2 * 25 + 6 * 30,
            fund_awards_added: 124,
            // The first tranche to all, the balance to ten accepted shops and one overridden.
            fund_payments_added: 124 + 10 + 1,
            fund_recoveries_added: 1,
        }
    }

    #[test]
    fn the_plan_is_stable_and_within_its_bounds() {
        let plan = plan();
        assert_eq!(plan, self::plan(), "identical on every run");
        assert_eq!(plan.len(), 124);
        let mut ids = HashSet::new();
        for shop in &plan {
            assert!(
                (12..=16).contains(&shop.households.len()),
                "{}",
                shop.village_code
            );
            let names: HashSet<_> = shop.households.iter().map(|h| &h.head_name).collect();
            assert_eq!(
                names.len(),
                shop.households.len(),
                "head names unique per village"
            );
            for h in &shop.households {
                assert!(h.id_number.starts_with("621221"));
                assert!(ids.insert(h.id_number.clone()), "{} twice", h.id_number);
                assert!((1..=7).contains(&h.size));
                assert!(["一组", "二组", "三组", "四组", "五组", "六组"]
                    .contains(&h.village_group.as_str()));
                assert!(h.year_lifted.is_none_or(|y| (2017..=2020).contains(&y)));
            }
            let households: HashSet<_> = shop.roster.iter().map(|r| r.household).collect();
            assert_eq!(households.len(), shop.roster.len());
            for r in &shop.roster {
                let n = shop
                    .ledger
                    .iter()
                    .filter(|l| l.household == r.household)
                    .count();
                assert!((2..=4).contains(&n), "{} entries", n);
            }
            assert_eq!(
                shop.agreement.number,
                format!("CX2019-{}", shop.village_code)
            );
            assert_eq!(
                shop.operator.shop_url,
                format!("https://shop.example.cn/{}", shop.village_code)
            );
        }
        let total: usize = plan.iter().map(|s| s.households.len()).sum();
        let count = |category: &str| {
            plan.iter()
                .flat_map(|s| &s.households)
                .filter(|h| h.category == category)
                .count()
        };
        assert!(count("general") * 100 / total >= 60, "mostly general");
        assert!(count("dibao") > 0 && count("tekun") > 0);
        let lifted = plan
            .iter()
            .flat_map(|s| &s.households)
            .filter(|h| h.year_lifted.is_some())
            .count();
        let phones = plan
            .iter()
            .flat_map(|s| &s.households)
            .filter(|h| !h.phone.is_empty())
            .count();
        assert!(
            (35..=65).contains(&(lifted * 100 / total)),
            "about half lifted"
        );
        assert!(
            (35..=65).contains(&(phones * 100 / total)),
            "about half with a phone"
        );
        let short: Vec<usize> = plan
            .iter()
            .map(|s| s.roster.len())
            .filter(|&n| n < 10)
            .collect();
        assert_eq!(short, [8, 9]);
        assert!(plan
            .iter()
            .all(|s| s.roster.len() >= 8 && s.roster.len() <= 12));
    }

    /// The demo shows what the rules accept: no input raises a warning, every ledger price is at
    /// least 10 % above the market price and inside the term.
    #[test]
    fn demo_inputs_pass_validation_without_warnings() {
        for shop in plan() {
            for h in &shop.households {
                let mut h = h.clone();
                h.village_id = "filled in on loading".into();
                let valid = h.validated(today()).unwrap();
                assert!(valid.warnings.is_empty(), "{:?}", valid.warnings);
            }
            assert!(shop.operator.validated(true).unwrap().warnings.is_empty());
            let mut agreement = shop.agreement.clone();
            agreement.operator_id = "filled in on loading".into();
            let agreement = agreement.validated().unwrap();
            assert!(agreement.warnings.is_empty());
            let term = Term {
                start: agreement.term_start,
                end: agreement.term_end,
                price_rule: agreement.input.price_rule,
                price_value: agreement.price_value,
            };
            for line in &shop.ledger {
                let today = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
                let valid = line.entry.validated(&term, today).unwrap();
                assert!(valid.warnings.is_empty(), "{:?}", valid.warnings);
                let ratio = valid.unit_price / valid.market_price.unwrap();
                assert!(ratio >= dec("1.09") && ratio <= dec("1.16"), "{ratio}");
            }
        }
    }

    #[test]
    fn full_demo_load_counts_ids_rule_income_and_log() {
        let plan = plan();
        let (_dir, path) = temp_db();
        let mut store = Store::open(&path).unwrap();
        let started = Instant::now();
        let report = load_demo(&mut store).unwrap();
        let took = started.elapsed();
        eprintln!(
            "load_demo (file, WAL, {} build): {:.2?} for {report:?}",
            if cfg!(debug_assertions) {
                "debug"
            } else {
                "release"
            },
            took
        );
        assert_eq!(report, expected(&plan));

        // Counts as generated, in the store.
        assert_eq!(all_households(&store) as usize, report.households_added);
        assert_eq!(store.list_operators(None, None).unwrap().len(), 124);
        let agreements = store.list_agreements(None, None).unwrap();
        assert_eq!(agreements.len(), 124);

        // Every demo ID is stored, normalised, and parses.
        for h in plan.iter().flat_map(|s| &s.households) {
            let stored = store.household_by_id_number(&h.id_number).unwrap().unwrap();
            ResidentId::parse(&stored.id_number, "idNumber", today()).unwrap();
            assert_eq!(stored.head_name, h.head_name);
        }

        // The ≥ 10 households rule, and the two deliberately short rosters.
        let mut short = Vec::new();
        let mut ledger_entries = 0;
        for summary in &agreements {
            let agreement = store.agreement(&summary.id).unwrap();
            if agreement.roster_count >= DEMO_SHOP_MIN_HOUSEHOLDS {
                assert!(agreement.meets_demo_shop_rule, "{}", agreement.number);
            } else {
                assert!(!agreement.meets_demo_shop_rule);
                short.push(summary.place.clone());
            }
            // Income is derived from the ledger: per household and in total.
            let ledger = store.ledger(&summary.id).unwrap();
            ledger_entries += ledger.len();
            let mut by_household: BTreeMap<&str, Decimal> = BTreeMap::new();
            for entry in &ledger {
                *by_household.entry(&entry.household_id).or_default() += dec(&entry.amount);
                assert!(dec(&entry.unit_price) > dec(&entry.market_price));
            }
            let total: Decimal = by_household.values().sum();
            assert_eq!(dec(&agreement.total_income), total, "{}", agreement.number);
            assert_eq!(dec(&summary.total_income), total);
            for row in store.roster(&summary.id).unwrap() {
                let sum = by_household
                    .get(row.household_id.as_str())
                    .copied()
                    .unwrap_or_default();
                assert_eq!(dec(&row.income), sum);
                assert!((2..=4).contains(&row.entries));
            }
        }
        assert_eq!(ledger_entries, report.ledger_entries_added);
        assert_eq!(short.len(), 2);
        assert!(
            short.iter().all(|p| p.starts_with(SHORT_ROSTER_TOWNSHIP)),
            "{short:?}"
        );

        // One chained log entry per record, and the chain holds.
        let check = store.verify_log().unwrap();
        assert_eq!(check.first_broken, None);
        let records = report.townships_added
            + report.villages_added
            + report.households_added
            + report.operators_added
            + report.agreements_added
            + report.roster_rows_added
            + report.ledger_entries_added
            + report.programmes_added
            + report.inspections_added
            + report.training_sessions_added
            + report.attendance_added
            // the demo notice (src/demo_notices.rs)
            + store.list_notices(None).unwrap().len()
            // the money (src/demo/funds.rs): per award its application, three reviews, the
            // decision, the award and the contract; every payment; the failed acceptance,
            // its recovery order, ban and amount recovered; the override.
            + report.fund_awards_added * 7
            + report.fund_payments_added
            + 4 * report.fund_recoveries_added
            + 1;
        // The ten accepted acceptances, submitted and locked; the county's product seasons.
        let records = records + 2 * 10 + 1;
        // + the county, the five household categories and the 21 default kinds the schema ships.
        assert_eq!(check.entries as usize, 1 + 5 + 21 + records);

        // Loading again changes nothing.
        let again = load_demo(&mut store).unwrap();
        let nothing = DemoReport {
            county: "成县".into(),
            already_loaded: true,
            townships_added: 0,
            villages_added: 0,
            households_added: 0,
            operators_added: 0,
            agreements_added: 0,
            roster_rows_added: 0,
            ledger_entries_added: 0,
            programmes_added: 0,
            inspections_added: 0,
            training_sessions_added: 0,
            attendance_added: 0,
            fund_awards_added: 0,
            fund_payments_added: 0,
            fund_recoveries_added: 0,
        };
        assert_eq!(again, nothing);
        assert_eq!(store.verify_log().unwrap().entries, check.entries);
    }

    #[test]
    fn an_interrupted_load_is_completed_and_places_can_load_alone() {
        let plan = plan();
        let mut store = Store::open_in_memory().unwrap();
        let places = load_demo_places(&mut store).unwrap();
        assert_eq!(
            (
                places.townships_added,
                places.villages_added,
                places.households_added
            ),
            (17, 124, 0)
        );
        assert_eq!(all_households(&store), 0);
        // As if the first load had stopped after a few households and the first shop.
        let village = &store.list_villages(None).unwrap()[0];
        assert_eq!(village.code, plan[0].village_code);
        let first: Vec<_> = plan[0].households[..5]
            .iter()
            .map(|h| fieldbook::domain::households::HouseholdInput {
                village_id: village.id.clone(),
                ..h.clone()
            })
            .collect();
        store.add_households(&first).unwrap();
        let report = load_demo(&mut store).unwrap();
        let full = expected(&plan);
        assert!(!report.already_loaded);
        assert_eq!((report.townships_added, report.villages_added), (0, 0));
        assert_eq!(report.households_added, full.households_added - 5);
        assert_eq!(report.ledger_entries_added, full.ledger_entries_added);
        assert_eq!(all_households(&store) as usize, full.households_added);
        assert!(load_demo(&mut store).unwrap().already_loaded);
        assert_eq!(store.verify_log().unwrap().first_broken, None);
    }
}

/// The demo county sets its products' seasons from its generator; every demo ledger entry has a
/// delivery date a few days before payment, within its season and its agreement's 7 days, so
/// neither new F8 check finds anything in the demo.
#[test]
fn the_demo_ledger_is_in_season_and_paid_on_time() {
    use fieldbook::checks::{CheckCode, ProductSeasons, Thresholds};

    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    load_demo(&mut store).unwrap();
    let seasons = ProductSeasons::read(&store).unwrap();
    assert_eq!(
        seasons,
        fieldbook::demo::records::demo_product_seasons(),
        "{seasons:?}"
    );
    assert!(seasons
        .0
        .iter()
        .any(|s| s.product == "核桃" && s.from == "09-05"));
    let facts = fieldbook::checks::sql::ledger::gather(&store).unwrap();
    assert!(!facts.entries.is_empty());
    assert!(facts
        .entries
        .iter()
        .all(|e| e.delivered_date.is_some_and(|d| d < e.date)));
    let found = fieldbook::checks::rules::ledger::check(&facts, &Thresholds::read(&store).unwrap());
    let new_checks: Vec<_> = found
        .iter()
        .filter(|f| {
            matches!(
                f.check,
                CheckCode::F8_OUT_OF_SEASON | CheckCode::F8_LATE_PAYMENT
            )
        })
        .collect();
    assert!(new_checks.is_empty(), "{new_checks:#?}");
}
