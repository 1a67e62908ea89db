//! Targets, subsidy shares, the judge and the presets as a county sees them.

use super::tests::{d, preset};
use super::*;
use crate::Code;

fn problems(p: &Preset) -> Vec<(Code, &'static str)> {
    match p.validate() {
        Ok(()) => Vec::new(),
        Err(e) => e.all().iter().map(|i| (i.code, i.field)).collect(),
    }
}

#[test]
fn an_unknown_or_missing_metric_and_a_share_over_100_are_refused_by_their_json_path() {
    let mut p = preset("huoqiu-2019-service-station");
    p.targets[0].quantity = 120;
    p.targets[1].metric = "stations_happy".into();
    p.targets[2].metric = String::new();
    assert_eq!(
        problems(&p),
        [
            (Code::PROGRAMME_TARGET_SHARE, "targets[0].quantity"),
            (Code::PROGRAMME_TARGET_METRIC, "targets[1].metric"),
            (Code::PROGRAMME_TARGET_METRIC, "targets[2].metric"),
        ]
    );
    let e = p.validate().unwrap_err();
    assert!(
        e.all()[1].message.contains("“stations_happy”无法识别"),
        "{e}"
    );
    assert!(e.all()[2].message.contains("缺少计算指标"), "{e}");
}

#[test]
fn a_metric_gets_the_parameters_it_needs_and_no_others() {
    let mut p = preset("huoqiu-2019-service-station");
    p.targets[1].params.threshold = None;
    p.targets[2].params.category = None;
    p.targets[0].params.poor_only = true;
    assert_eq!(
        problems(&p),
        [
            (Code::PROGRAMME_TARGET_PARAMS, "targets[0].params"),
            (Code::PROGRAMME_TARGET_PARAMS, "targets[1].params.threshold"),
            (Code::PROGRAMME_TARGET_PARAMS, "targets[2].params.category"),
        ]
    );
}

#[test]
fn an_investment_share_over_100_percent_is_refused_by_its_json_path() {
    let mut p = preset("huoqiu-2019-logistics");
    let SubsidyRule::InvestmentShare { classes, cap, .. } = &mut p.subsidy else {
        panic!("霍邱 logistics is a share of the investment");
    };
    assert_eq!(*cap, Some(d("3000000")));
    let percents: Vec<Decimal> = classes.iter().map(|c| c.percent).collect();
    assert_eq!(percents, [d("40"), d("50")]);
    classes[1].percent = d("150");
    assert_eq!(
        problems(&p),
        [(Code::PROGRAMME_SUBSIDY_SHARE, "subsidy.classes[1].percent")]
    );
    let json = serde_json::to_string(&vec![p]).unwrap();
    let refused = parse_presets(&json).unwrap_err();
    assert_eq!(refused.code, Code::PROGRAMME_SUBSIDY_SHARE);
}

#[test]
fn the_station_subsidy_is_per_village_per_year_with_the_plan_cap() {
    let p = preset("huoqiu-2019-service-station");
    let SubsidyRule::PerVillageYear { amount, cap, .. } = p.subsidy else {
        panic!("per village per year");
    };
    assert_eq!((amount, cap), (d("2000"), Some(d("1600000"))));
    let mut broken = preset("huoqiu-2019-service-station");
    broken.subsidy = SubsidyRule::PerVillageYear {
        amount: d("2000"),
        amount_max: None,
        cap: Some(d("1000")),
        requirement: String::new(),
    };
    assert_eq!(problems(&broken), [(Code::PROGRAMME_SUBSIDY, "subsidy")]);
}

#[test]
fn a_target_is_met_at_its_goal_or_under_its_ceiling_and_an_informational_one_never_judged() {
    let p = preset("huoqiu-2019-service-station");
    let at = |i: usize, v: &str| judge(&p.targets[i], Some(Measured::new(d(v), "x")));
    let coverage = at(0, "60");
    assert_eq!(
        (
            coverage.done.as_deref(),
            coverage.share.as_deref(),
            coverage.met
        ),
        (Some("60"), Some("100"), Some(true))
    );
    assert_eq!(at(0, "59.9").met, Some(false));
    // 公共服务 ≤ 15 %: a ceiling.
    assert_eq!(at(2, "15").met, Some(true));
    assert_eq!(at(2, "15.1").met, Some(false));
    let uncounted = judge(&p.targets[0], None);
    assert_eq!((uncounted.done, uncounted.met), (None, None));
    let info = preset("huoqiu-2019-poverty-demo");
    let products = info.targets.iter().find(|t| t.key == "products").unwrap();
    let judged = judge(products, Some(Measured::new(99, "x")));
    assert_eq!(
        (judged.metric.as_str(), judged.met),
        ("informational", None)
    );
}

#[test]
fn targets_stored_before_metrics_are_read_by_their_key() {
    let mut old = preset("chengxian-2019-training");
    for t in &mut old.targets {
        t.metric = String::new();
        t.params = TargetParams::default();
    }
    let metrics: Vec<Option<Metric>> = old
        .targets
        .iter()
        .map(|t| t.measure().map(|(m, _)| m))
        .collect();
    assert_eq!(
        metrics,
        [
            Some(Metric::PersonTimes),
            Some(Metric::TownshipsTrained),
            Some(Metric::SessionsHeld),
            Some(Metric::ShortestSessionDays),
            Some(Metric::SessionsHeld),
        ]
    );
}

#[test]
fn a_county_sees_its_own_presets_first_and_the_others_as_labelled_templates() {
    let listed = presets_for(presets().unwrap(), Some("654224"));
    let own: Vec<&str> = listed
        .iter()
        .take_while(|l| l.own)
        .map(|l| l.preset.code.as_str())
        .collect();
    assert_eq!(
        own,
        [
            "tuoli-2019-training",
            "tuoli-2019-service-station",
            "tuoli-2019-public-service-centre",
            "tuoli-2019-logistics"
        ]
    );
    assert!(listed[0].label.starts_with("本县方案：托里县《"));
    let station = listed
        .iter()
        .find(|l| l.preset.code == "huoqiu-2019-service-station")
        .unwrap();
    assert!(!station.own);
    assert_eq!(
        station.label,
        "模板：来自霍邱县《霍邱县2019年电子商务进农村综合示范项目专项资金使用管理办法(试行)》第五条（二）"
    );
    // No county yet: every preset is a template.
    assert!(presets_for(presets().unwrap(), None).iter().all(|l| !l.own));
}

#[test]
fn an_adopted_preset_takes_the_county_and_the_year_into_its_name() {
    let station = preset("huoqiu-2019-service-station");
    let adopted = station.clone().adopted(Some("托里县"), 2021);
    assert_eq!(
        (adopted.name.as_str(), adopted.year),
        ("托里县2021年村级电商服务站点", 2021)
    );
    let own = preset("chengxian-2019-demo-shop").adopted(Some("成县"), 2020);
    assert_eq!(own.name, "成县2020年电商扶贫示范店");
    let same = preset("chengxian-2019-demo-shop").adopted(Some("成县"), 2019);
    assert_eq!(same.name, "成县2019年电商扶贫示范店");
    let mut own_words = station;
    own_words.name = "村站2019年补助".into();
    assert_eq!(own_words.adopted(Some("徽县"), 2022).name, "村站2022年补助");
}
