//! The seeds' cases, table by table: each programme's rule at and just below its thresholds.

use super::*;
use crate::domain::programmes::tests::{d, preset};
use crate::domain::programmes::{CriteriaTemplate, ValueType};

fn all_met(t: &CriteriaTemplate) -> Vec<Observation> {
    t.eligibility
        .iter()
        .chain(&t.scored)
        .map(|i| match i.value_type {
            ValueType::Boolean => Observation::bool(&i.key, true),
            ValueType::Text => Observation::new(&i.key, ObservedValue::Text("有".into())),
            _ => Observation::number(&i.key, i.threshold.unwrap()),
        })
        .collect()
}

/// `all_met` with some values replaced; `None` removes the observation.
fn observe(t: &CriteriaTemplate, changes: &[(&str, Option<ObservedValue>)]) -> Vec<Observation> {
    let mut obs = all_met(t);
    for (key, value) in changes {
        assert!(obs.iter().any(|o| o.key == *key), "no item {key}");
        match value {
            Some(v) => obs
                .iter_mut()
                .filter(|o| o.key == *key)
                .for_each(|o| o.value = v.clone()),
            None => obs.retain(|o| o.key != *key),
        }
    }
    obs
}

fn num(s: &str) -> Option<ObservedValue> {
    Some(ObservedValue::Number(d(s)))
}

fn yes(b: bool) -> Option<ObservedValue> {
    Some(ObservedValue::Bool(b))
}

const NA: Option<ObservedValue> = Some(ObservedValue::NotApplicable);

#[test]
fn enterprise_class_ii_needs_all_conditions_and_3_of_5() {
    let t = preset("chengxian-2019-enterprise-2").criteria;
    type Changes = Vec<(&'static str, Option<ObservedValue>)>;
    let cases: &[(&str, Changes, Conclusion, u32, &[&str])] = &[
        ("5 of 5", vec![], Conclusion::Pass, 5, &[]),
        (
            "exactly 3 of 5",
            vec![("turnover", num("2999999.99")), ("income_increase", num("2499.99"))],
            Conclusion::Pass,
            3,
            &[],
        ),
        (
            "2 of 5",
            vec![("poor_employees", num("9")), ("production_line", yes(false)), ("income_increase", num("2000"))],
            Conclusion::Fail,
            2,
            &["评选标准达标 2 项，少于要求的 3 项（共 5 项；未达标：吸纳贫困人口稳定就业、网货生产线及SC认证、带动贫困户年均增收）"],
        ),
        (
            "3 of 5 but online share short",
            vec![("online_share", num("39.99")), ("turnover", num("1")), ("income_increase", num("1"))],
            Conclusion::Fail,
            3,
            &["“线上销售额占比”未达标：39.99%，少于要求的 40%"],
        ),
        (
            "2 met, a third still unverified",
            vec![("turnover", None), ("income_increase", num("1")), ("seasonal_workers", num("199"))],
            Conclusion::Rectify,
            2,
            &["评选标准目前达标 2 项，要求至少 3 项", "待核验：年营业额"],
        ),
        (
            "1 met, 1 unverified: cannot reach 3",
            vec![("turnover", None), ("income_increase", num("1")), ("seasonal_workers", num("199")), ("poor_employees", num("0"))],
            Conclusion::Fail,
            1,
            &["评选标准达标 1 项，少于要求的 3 项（共 5 项；未达标：吸纳贫困人口稳定就业、季节性临时务工、年营业额、带动贫困户年均增收）", "待核验：年营业额"],
        ),
        ("3 met, 2 not applicable", vec![("turnover", NA), ("income_increase", NA)], Conclusion::Pass, 3, &[]),
        (
            "2 met, 1 not applicable",
            vec![("turnover", NA), ("income_increase", num("1")), ("production_line", yes(false))],
            Conclusion::Fail,
            2,
            &["评选标准达标 2 项，少于要求的 3 项（共 5 项；未达标：网货生产线及SC认证、年营业额（不适用）、带动贫困户年均增收）"],
        ),
        (
            "3 met, 1 unverified does not matter",
            vec![("turnover", None), ("income_increase", num("1"))],
            Conclusion::Pass,
            3,
            &["未核验（不影响结论）：年营业额"],
        ),
    ];
    for (name, changes, conclusion, met, reasons) in cases {
        let e = evaluate(&t, &observe(&t, changes));
        assert_eq!(
            (e.conclusion, e.scored_met),
            (*conclusion, *met),
            "{name}: {:?}",
            e.reasons
        );
        assert_eq!(e.reasons, *reasons, "{name}");
        assert_eq!(e.items.len(), 13, "{name}");
    }
}

#[test]
fn demonstration_shop_households_and_sales() {
    let t = preset("chengxian-2019-demo-shop").criteria;
    for (households, sales, conclusion, reason) in [
        (
            "9",
            "10000.00",
            Conclusion::Fail,
            Some("“带动建档立卡贫困户”未达标：9 户，少于要求的 10 户"),
        ),
        ("10", "10000.00", Conclusion::Pass, None),
        (
            "12",
            "9999.99",
            Conclusion::Fail,
            Some("“年销售额”未达标：9999.99 元，少于要求的 10000.00 元"),
        ),
        ("10", "10000", Conclusion::Pass, None),
    ] {
        let obs = observe(
            &t,
            &[
                ("linked_households", num(households)),
                ("annual_sales", num(sales)),
            ],
        );
        let e = evaluate(&t, &obs);
        assert_eq!(e.conclusion, conclusion, "{households} {sales}");
        assert_eq!(e.eligibility_met, conclusion == Conclusion::Pass);
        assert_eq!(
            e.reasons,
            reason.into_iter().collect::<Vec<_>>(),
            "{households} {sales}"
        );
    }
    let e = evaluate(&t, &observe(&t, &[("linked_households", num("10"))]));
    let item = e
        .items
        .iter()
        .find(|i| i.key == "linked_households")
        .unwrap();
    assert_eq!(
        (item.result, item.reason.as_str()),
        (Outcome::Met, "10 户，达到要求（不少于 10 户）")
    );
    // A yes/no where a number belongs is not evidence: verify it.
    let e = evaluate(&t, &observe(&t, &[("annual_sales", yes(true))]));
    assert_eq!(e.conclusion, Conclusion::Rectify);
    assert_eq!(e.items[3].reason, "记录的值类型不符，应为金额");
}

#[test]
fn supply_centre_needs_5_of_6() {
    let t = preset("chengxian-2019-supply-centre").criteria;
    for (changes, conclusion, met) in [
        (vec![], Conclusion::Pass, 6),
        (vec![("sales_team", num("4999"))], Conclusion::Pass, 5),
        (
            vec![
                ("sales_team", num("4999")),
                ("warehouse_area", num("399.5")),
            ],
            Conclusion::Fail,
            4,
        ),
        (
            vec![("employment", yes(false)), ("turnover", num("0"))],
            Conclusion::Fail,
            4,
        ),
    ] {
        let e = evaluate(&t, &observe(&t, &changes));
        assert_eq!(
            (e.conclusion, e.scored_met),
            (conclusion, met),
            "{changes:?}"
        );
        if conclusion == Conclusion::Fail {
            assert!(
                e.reasons[0].starts_with("评选标准达标 4 项，少于要求的 5 项（共 6 项"),
                "{:?}",
                e.reasons
            );
        }
    }
}

#[test]
fn service_station_needs_all_five_functions() {
    let t = preset("huoqiu-2019-service-station").criteria;
    let e = evaluate(&t, &all_met(&t));
    assert_eq!((e.conclusion, e.eligibility_met), (Conclusion::Pass, true));
    let e = evaluate(&t, &observe(&t, &[("parcels", yes(false))]));
    assert_eq!(e.conclusion, Conclusion::Fail);
    assert_eq!(e.reasons, ["“物流快递”未达标：不符合"]);
    // Not yet looked at: a missing observation asks for verification, not a verdict.
    let e = evaluate(&t, &observe(&t, &[("parcels", None), ("reporting", None)]));
    assert_eq!(
        (e.conclusion, e.eligibility_met),
        (Conclusion::Rectify, false)
    );
    assert_eq!(e.reasons, ["待核验：物流快递、信息上报"]);
    let missing: Vec<Outcome> = e.items.iter().map(|i| i.result).collect();
    use Outcome::{Met, Missing};
    assert_eq!(missing, [Met, Missing, Met, Met, Missing]);
    // A failure outweighs what is still unverified.
    let e = evaluate(
        &t,
        &observe(&t, &[("parcels", None), ("reporting", yes(false))]),
    );
    assert_eq!(e.conclusion, Conclusion::Fail);
    assert_eq!(e.reasons, ["“信息上报”未达标：不符合", "待核验：物流快递"]);
    assert_eq!(evaluate(&t, &[]).conclusion, Conclusion::Rectify);
    assert_eq!(Conclusion::Rectify.label(), "限期整改");
}

#[test]
fn economic_indicators_must_reach_80_percent_of_the_contract() {
    let min = preset("chengxian-2019-enterprise-1")
        .contract_share_min
        .unwrap();
    for (actual, contracted, ok) in [
        ("7999.00", "10000.00", false), // 79.99%
        ("8000.00", "10000.00", true),  // 80%
        ("8000.01", "10000.00", true),
        ("10000000", "10000000", true),
        ("3999999.99", "5000000", false),
        ("4000000", "5000000", true),
        ("0", "0", true),
    ] {
        assert_eq!(
            contract_share_ok(d(actual), d(contracted), min),
            ok,
            "{actual} / {contracted}"
        );
    }
}

#[test]
fn observations_travel_as_tagged_json_with_decimal_text() {
    let json = r#"[{"key":"annual_sales","value":{"kind":"number","value":"9999.99"}},
        {"key":"office","value":{"kind":"bool","value":true}},
        {"key":"services","value":{"kind":"not_applicable"}}]"#;
    let obs: Vec<Observation> = serde_json::from_str(json).unwrap();
    assert_eq!(
        obs,
        [
            Observation::number("annual_sales", d("9999.99")),
            Observation::bool("office", true),
            Observation::new("services", ObservedValue::NotApplicable),
        ]
    );
    let float = r#"{"key":"annual_sales","value":{"kind":"number","value":9999.99}}"#;
    assert!(serde_json::from_str::<Observation>(float).is_err());
    let e = evaluate(&preset("chengxian-2019-demo-shop").criteria, &obs);
    let out = serde_json::to_value(&e).unwrap();
    assert_eq!(out["conclusion"], "fail");
    assert_eq!(out["items"][3]["result"], "not_met");
    assert_eq!(out["scoredMet"], 0);
}

/// Every shipped preset, at its thresholds and just below them: all met passes; any one
/// eligibility item failing fails; exactly k of n scored items passes, k − 1 fails.
#[test]
fn every_preset_passes_at_its_thresholds_and_fails_just_below() {
    use rust_decimal::Decimal;
    let below = |i: &crate::domain::programmes::Item| match i.value_type {
        ValueType::Boolean => Some(ObservedValue::Bool(false)),
        ValueType::Text => None,
        _ => Some(ObservedValue::Number(
            i.threshold.unwrap() - Decimal::new(1, 2),
        )),
    };
    for preset in crate::domain::programmes::presets().unwrap() {
        let t = &preset.criteria;
        let name = &preset.name;
        assert_eq!(
            evaluate(t, &all_met(t)).conclusion,
            Conclusion::Pass,
            "{name}"
        );
        for item in &t.eligibility {
            let Some(value) = below(item) else { continue };
            let obs = observe(t, &[(item.key.as_str(), Some(value))]);
            let e = evaluate(t, &obs);
            assert_eq!(
                e.conclusion,
                Conclusion::Fail,
                "{name}: {} just below",
                item.key
            );
            assert!(
                e.reasons.iter().any(|r| r.contains(&item.label)),
                "{name}: {:?}",
                e.reasons
            );
        }
        if t.scored.is_empty() {
            continue;
        }
        let failing = t.scored.len() - t.scored_min as usize;
        let at_k: Vec<(&str, Option<ObservedValue>)> = t.scored[..failing]
            .iter()
            .map(|i| (i.key.as_str(), below(i)))
            .collect();
        assert_eq!(
            evaluate(t, &observe(t, &at_k)).conclusion,
            Conclusion::Pass,
            "{name}: k of n"
        );
        let below_k: Vec<(&str, Option<ObservedValue>)> = t.scored[..=failing]
            .iter()
            .map(|i| (i.key.as_str(), below(i)))
            .collect();
        let e = evaluate(t, &observe(t, &below_k));
        assert_eq!(e.conclusion, Conclusion::Fail, "{name}: k − 1 of n");
        assert_eq!(e.scored_met, t.scored_min - 1, "{name}");
    }
}
