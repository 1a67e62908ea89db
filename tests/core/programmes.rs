//! Programmes set up from the presets, on the one write path.

use fieldbook::domain::programmes::presets;

use crate::records::places_only;

#[test]
fn a_preset_becomes_a_programme_of_a_year_once() {
    let mut store = places_only();
    let programme = store
        .add_programme_from_preset("chengxian-2019-enterprise-2", Some(2020))
        .unwrap();
    assert_eq!(programme.year, 2020);
    assert_eq!(programme.settings.criteria.scored_min, 3);
    assert_eq!(programme.settings.criteria.scored.len(), 5);
    let again = store
        .add_programme_from_preset("chengxian-2019-enterprise-2", Some(2020))
        .unwrap_err();
    assert_eq!(again.code(), "PROGRAMME_DUPLICATE");
    let unknown = store.add_programme_from_preset("nope", None).unwrap_err();
    assert_eq!(
        (unknown.code().as_str(), unknown.field()),
        ("PROGRAMME_PRESET_UNKNOWN", Some("preset"))
    );
    let history = store.history("programme", &programme.id).unwrap();
    assert_eq!(history[0].op, "create");
    let list = store.list_programmes().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].tranches, "80% / 20%");
    assert!(list[0].rule.contains("至少 3 项"), "{}", list[0].rule);
}

#[test]
fn the_demo_county_runs_its_own_plan_and_the_station_template_in_2019() {
    let mut store = fieldbook::Store::open_in_memory().unwrap();
    let report = fieldbook::demo::load_demo(&mut store).unwrap();
    // 成县's seven presets and 霍邱's stations, adopted under 成县's name.
    let count = fieldbook::demo::demo_programme_count().unwrap();
    assert_eq!(count, 8);
    assert_eq!(report.programmes_added, count);
    let list = store.list_programmes().unwrap();
    assert_eq!(list.len(), count);
    assert!(list
        .iter()
        .all(|p| p.year == 2019 && p.name.starts_with("成县2019年")));
    assert!(list.iter().any(|p| p.name == "成县2019年村级电商服务站点"));
    assert_eq!(
        fieldbook::demo::load_demo(&mut store)
            .unwrap()
            .programmes_added,
        0
    );
}

#[test]
fn a_county_configures_its_own_programme_checked_like_the_presets() {
    let mut store = places_only();
    let mut own = presets()
        .unwrap()
        .into_iter()
        .find(|p| p.code == "chengxian-2019-enterprise-3")
        .unwrap();
    own.code = "county-2021-enterprise".into();
    own.name = "本县2021年电商企业扶持".into();
    own.year = 2021;
    own.criteria.scored_min = 2;
    own.tranches[0].percent = "70".parse().unwrap();
    own.tranches[1].percent = "30".parse().unwrap();
    let programme = store.add_programme(&own).unwrap();
    assert_eq!(programme.settings.criteria.scored_min, 2);
    assert_eq!(store.list_programmes().unwrap()[0].tranches, "70% / 30%");

    own.name = "本县2021年另一项目".into();
    own.tranches[1].percent = "40".parse().unwrap();
    let refused = store.add_programme(&own).unwrap_err();
    assert_eq!(refused.code(), "PROGRAMME_TRANCHES");
    own.tranches[1].percent = "30".parse().unwrap();
    own.criteria.scored_min = 9;
    assert_eq!(
        store.add_programme(&own).unwrap_err().code(),
        "PROGRAMME_SCORED_MIN"
    );
    assert_eq!(
        store.list_programmes().unwrap().len(),
        1,
        "refusals write nothing"
    );
}

/// The appendix of 成县's 2019 plan, copied from `../shared/fixtures/`: per township poor and
/// non-poor villages, shops and 万元 with 3 decimals, and the 合计 row.
const PLAN_APPENDIX: &str = include_str!("../../assets/demo/chengxian-2019-demo-shops-plan.csv");

#[test]
fn the_demo_shop_fund_plan_reproduces_the_appendix_exactly() {
    let mut store = places_only();
    let programme = store
        .add_programme_from_preset("chengxian-2019-demo-shop", None)
        .unwrap();
    let plan = store.fund_plan(&programme.id).unwrap();
    let ours: Vec<String> = plan
        .rows
        .iter()
        .chain([&plan.total])
        .map(|r| {
            format!(
                "{},{},{},{},{}",
                r.township, r.poor_villages, r.non_poor_villages, r.units, r.planned_wan_yuan
            )
        })
        .collect();
    let appendix: Vec<&str> = PLAN_APPENDIX
        .lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(ours, appendix);
    assert_eq!(plan.total.amount, "650000.00");

    let training = store
        .add_programme_from_preset("chengxian-2019-training", None)
        .unwrap();
    assert_eq!(
        store.fund_plan(&training.id).unwrap_err().code(),
        "FUND_PLAN_RULE"
    );
}
