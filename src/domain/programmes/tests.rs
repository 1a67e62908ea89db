use std::str::FromStr;

use super::*;
use crate::Code;

pub(super) fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

pub(super) fn preset(code: &str) -> Preset {
    presets()
        .unwrap()
        .into_iter()
        .find(|p| p.code == code)
        .unwrap_or_else(|| panic!("no preset {code}"))
}

/// Observations meeting every item, numbers exactly at their threshold.

#[test]
fn every_preset_parses_and_validates() {
    let all = presets().unwrap();
    let codes: Vec<(&str, ProgrammeKind)> = all
        .iter()
        .map(|p| (p.code.as_str(), p.kind.clone()))
        .collect();
    assert_eq!(
        codes,
        [
            ("chengxian-2019-demo-shop", ProgrammeKind::DemoShop),
            ("chengxian-2019-enterprise-1", ProgrammeKind::Enterprise),
            ("chengxian-2019-enterprise-2", ProgrammeKind::Enterprise),
            ("chengxian-2019-enterprise-3", ProgrammeKind::Enterprise),
            ("chengxian-2019-supply-centre", ProgrammeKind::SupplyCentre),
            ("chengxian-2019-online-shop", ProgrammeKind::OnlineShop),
            ("chengxian-2019-training", ProgrammeKind::Training),
            ("huoqiu-2019-service-station", ProgrammeKind::ServiceStation),
            ("huoqiu-2019-training", ProgrammeKind::Training),
            ("huoqiu-2019-logistics", ProgrammeKind::Logistics),
            ("huoqiu-2019-poverty-demo", ProgrammeKind::PovertyDemo),
            ("tuoli-2019-training", ProgrammeKind::Training),
            ("tuoli-2019-service-station", ProgrammeKind::ServiceStation),
            (
                "tuoli-2019-public-service-centre",
                ProgrammeKind::PublicServiceCentre
            ),
            ("tuoli-2019-logistics", ProgrammeKind::Logistics),
            ("yuepuhu-2020-training", ProgrammeKind::Training),
            ("yuepuhu-2020-leader", ProgrammeKind::Leader),
            (
                "yuepuhu-2020-service-station",
                ProgrammeKind::ServiceStation
            ),
            ("yuepuhu-2020-quality", ProgrammeKind::Quality),
            ("gansu-2018-service-station", ProgrammeKind::ServiceStation),
            ("gansu-2018-upward", ProgrammeKind::Promotion),
            (
                "gansu-2018-public-service-centre",
                ProgrammeKind::PublicServiceCentre
            ),
        ]
    );
    for p in &all {
        assert_eq!(p.validate(), Ok(()), "{}", p.code);
        let source = p.source.as_ref().unwrap_or_else(|| panic!("{}", p.code));
        assert!(
            p.name
                .starts_with(&format!("{}{}年", source.county_name, p.year)),
            "{}: the name starts with its county and year",
            p.code
        );
        assert!(!source.section.is_empty() && source.seed_file.ends_with(".txt"));
        // Every target names a metric of the vocabulary (no legacy key lookup).
        for t in &p.targets {
            assert!(Metric::parse(&t.metric).is_some(), "{}: {}", p.code, t.key);
        }
    }
    // The plans that split payment pay the balance after acceptance.
    for p in all.iter().filter(|p| p.tranches.len() > 1) {
        let (first, last) = (&p.tranches[0], p.tranches.last().unwrap());
        assert!(!first.on_acceptance && last.on_acceptance, "{}", p.code);
    }
    // The demo county's agreements name this programme (`demo::records::DEMO_PROGRAMME`).
    assert_eq!(all[0].name, "成县2019年电商扶贫示范店");
    // Round trip: what the UI sends back parses to the same presets.
    assert_eq!(
        parse_presets(&serde_json::to_string(&all).unwrap()),
        Ok(all)
    );
}

#[test]
fn presets_carry_the_seeds_numbers() {
    let total = |p: &Preset| match &p.subsidy {
        SubsidyRule::PerVillageClass { classes } | SubsidyRule::PerOperatorClass { classes } => {
            classes
                .iter()
                .map(|c| c.amount * Decimal::from(c.count.unwrap_or(0)))
                .sum()
        }
        SubsidyRule::PerVillageYear { .. }
        | SubsidyRule::InvestmentShare { .. }
        | SubsidyRule::NotSet { .. } => Decimal::ZERO,
        SubsidyRule::Budget { total, .. } => *total,
    };
    let shop = preset("chengxian-2019-demo-shop");
    assert_eq!(total(&shop), d("650000"));
    assert_eq!(shop.targets[0].quantity, 124);
    let tranches: Vec<Decimal> = shop.tranches.iter().map(|t| t.percent).collect();
    assert_eq!(tranches, [d("80"), d("20")]);
    // Enterprise classes: thresholds and money per class (I / II / III), 510万 in all.
    let mut enterprise_total = Decimal::ZERO;
    for (class, employees, seasonal, turnover, income, amount) in [
        (1, "15", "300", "10000000", "3000", "800000"),
        (2, "10", "200", "3000000", "2500", "500000"),
        (3, "10", "100", "1000000", "2000", "200000"),
    ] {
        let p = preset(&format!("chengxian-2019-enterprise-{class}"));
        let threshold = |key: &str| {
            let item = p.criteria.scored.iter().find(|i| i.key == key).unwrap();
            item.threshold.unwrap()
        };
        assert_eq!(threshold("poor_employees"), d(employees), "class {class}");
        assert_eq!(threshold("seasonal_workers"), d(seasonal), "class {class}");
        assert_eq!(threshold("turnover"), d(turnover), "class {class}");
        assert_eq!(threshold("income_increase"), d(income), "class {class}");
        assert_eq!((p.criteria.scored.len(), p.criteria.scored_min), (5, 3));
        assert_eq!(p.contract_share_min, Some(d("0.8")));
        let SubsidyRule::PerOperatorClass { classes } = &p.subsidy else {
            panic!("class {class}");
        };
        assert_eq!(classes[0].amount, d(amount));
        enterprise_total += total(&p);
    }
    assert_eq!(enterprise_total, d("5100000"));
    let centre = preset("chengxian-2019-supply-centre");
    assert_eq!(
        (centre.criteria.scored.len(), centre.criteria.scored_min),
        (6, 5)
    );
    let station = preset("huoqiu-2019-service-station");
    assert_eq!(station.criteria.eligibility.len(), 5);
    let tranches: Vec<Decimal> = station.tranches.iter().map(|t| t.percent).collect();
    assert_eq!(tranches, [d("90"), d("10")]);
    let training = preset("chengxian-2019-training");
    let SubsidyRule::Budget { total, parts } = &training.subsidy else {
        panic!("training budget");
    };
    let parts: Vec<(&str, Decimal)> = parts.iter().map(|p| (p.label.as_str(), p.amount)).collect();
    assert_eq!(*total, d("350000"));
    assert_eq!(
        parts,
        [
            ("下沉式培训", d("85000")),
            ("能力提升培训", d("193000")),
            ("现场教学培训", d("72000"))
        ]
    );
    let rates: Vec<(&str, Decimal, Decimal)> = training
        .rates
        .as_ref()
        .unwrap()
        .iter()
        .map(|r| (r.key.as_str(), r.min, r.max))
        .collect();
    assert_eq!(
        rates,
        [
            ("general", d("100"), d("100")),
            ("skills", d("200"), d("300")),
            ("study_trip", d("300"), d("500"))
        ]
    );
    let target = |key: &str| {
        training
            .targets
            .iter()
            .find(|t| t.key == key)
            .unwrap()
            .quantity
    };
    assert_eq!(
        [
            "person_times",
            "township_sessions",
            "county_sessions",
            "county_session_days",
            "field_trips"
        ]
        .map(target),
        [1000, 17, 2, 3, 2]
    );
}

#[test]
fn tranche_shares_sum_to_exactly_100() {
    let tranches = |shares: &[&str]| -> Vec<Tranche> {
        shares
            .iter()
            .enumerate()
            .map(|(i, s)| Tranche {
                label: format!("第{}次", i + 1),
                percent: d(s),
                on_acceptance: i > 0,
            })
            .collect()
    };
    for (shares, ok) in [
        (&["80", "20"][..], true),
        (&["90", "10"], true),
        (&["100"], true),
        (&["33.33", "33.33", "33.34"], true),
        (&["80", "30"], false),
        (&["80", "19.99"], false),
        (&["120", "-20"], false),
        (&["100", "0"], false),
        (&[], false),
    ] {
        let got = validate_tranches(&tranches(shares));
        assert_eq!(got.is_ok(), ok, "{shares:?}: {got:?}");
        if let Err(e) = got {
            assert_eq!(e.code, Code::PROGRAMME_TRANCHES, "{shares:?}");
            assert!(e.field.starts_with("tranches"), "{shares:?}: {}", e.field);
        }
    }
    let mut p = preset("chengxian-2019-demo-shop");
    p.tranches[1].percent = d("30");
    let e = p.validate().unwrap_err().first().clone();
    assert_eq!(e.code, Code::PROGRAMME_TRANCHES);
    assert!(e.message.contains("80% + 30% = 110%"), "{}", e.message);
    assert!(
        e.message.starts_with("成县2019年电商扶贫示范店："),
        "{}",
        e.message
    );
}

#[test]
fn broken_presets_are_refused_with_a_code() {
    type Break = fn(&mut Preset);
    let cases: &[(&str, Break, Code)] = &[
        (
            "k above n",
            |p| p.criteria.scored_min = 6,
            Code::PROGRAMME_SCORED_MIN,
        ),
        (
            "duplicate key",
            |p| p.criteria.scored[0].key = "lawful".into(),
            Code::PROGRAMME_ITEM_KEY,
        ),
        (
            "count without threshold",
            |p| p.criteria.scored[0].threshold = None,
            Code::PROGRAMME_THRESHOLD,
        ),
        (
            "boolean with threshold",
            |p| p.criteria.eligibility[0].threshold = Some(d("1")),
            Code::PROGRAMME_THRESHOLD,
        ),
        (
            "money below the fen",
            |p| p.criteria.scored[3].threshold = Some(d("3000000.001")),
            Code::PROGRAMME_THRESHOLD,
        ),
        (
            "percent above 100",
            |p| p.criteria.eligibility[7].threshold = Some(d("140")),
            Code::PROGRAMME_THRESHOLD,
        ),
        (
            "unknown source",
            |p| p.criteria.scored[3].source = Some("ledger_salez".into()),
            Code::PROGRAMME_ITEM_SOURCE,
        ),
        (
            "contract share above 1",
            |p| p.contract_share_min = Some(d("80")),
            Code::PROGRAMME_CONTRACT_SHARE,
        ),
        (
            "zero subsidy",
            |p| p.subsidy = SubsidyRule::PerOperatorClass { classes: vec![] },
            Code::PROGRAMME_SUBSIDY,
        ),
        (
            "bad code",
            |p| p.code = "Enterprise 2".into(),
            Code::PROGRAMME_CODE,
        ),
        ("year", |p| p.year = 19, Code::PROGRAMME_YEAR),
    ];
    for (name, break_it, code) in cases {
        let mut p = preset("chengxian-2019-enterprise-2");
        break_it(&mut p);
        assert_eq!(p.validate().map_err(|e| e.code()), Err(*code), "{name}");
    }
    let mut training = preset("chengxian-2019-training");
    if let SubsidyRule::Budget { parts, .. } = &mut training.subsidy {
        parts[0].amount = d("86000");
    }
    assert_eq!(
        training.validate().unwrap_err().first().clone().code,
        Code::PROGRAMME_BUDGET
    );
    let mut training = preset("chengxian-2019-training");
    training.rates.as_mut().unwrap()[1].min = d("400");
    assert_eq!(
        training.validate().unwrap_err().first().clone().code,
        Code::PROGRAMME_RATES
    );

    let all = presets().unwrap();
    let twice = serde_json::to_string(&[&all[0], &all[0]]).unwrap();
    assert_eq!(
        parse_presets(&twice).unwrap_err().code,
        Code::PROGRAMME_CODE
    );
    let json = serde_json::to_string(&[&all[0]]).unwrap();
    for (from, to) in [
        ("\"10000.00\"", "\"1万\""),            // threshold not a decimal
        ("\"10000.00\"", "10000.00"),           // a JSON number would pass through f64
        ("\"scoredMin\"", "\"scoredMinimum\""), // unknown field
    ] {
        assert!(json.contains(from), "{from}");
        let e = parse_presets(&json.replacen(from, to, 1)).unwrap_err();
        assert_eq!(
            (e.code, e.field),
            (Code::PROGRAMME_PRESETS, "presets"),
            "{to}"
        );
    }
}

/// A kind is the county's code: the domain checks its shape, the store that the county's list
/// holds it (`PROGRAMME_KIND_UNKNOWN` either way).
#[test]
fn a_kind_that_cannot_be_a_code_is_refused_on_its_field() {
    let mut p = preset("chengxian-2019-demo-shop");
    p.kind = ProgrammeKind::new("Demo Shop");
    let e = p.validate().unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        (Code::PROGRAMME_KIND_UNKNOWN, "kind")
    );
    p.kind = ProgrammeKind::new("county_own_kind");
    assert!(p.validate().is_ok());
}

/// Each problem names the JSON path of the value at fault, and all come at once.
#[test]
fn problems_name_their_json_paths_all_at_once() {
    let mut p = preset("chengxian-2019-demo-shop");
    p.targets[0].key = String::new();
    p.tranches[0].percent = d("120");
    p.criteria.scored_min = 1;
    let e = p.validate().unwrap_err();
    let found: Vec<_> = e.all().iter().map(|i| (i.code, i.field)).collect();
    assert_eq!(
        found,
        [
            (Code::PROGRAMME_TRANCHES, "tranches[0].percent"),
            (Code::PROGRAMME_SCORED_MIN, "criteria.scoredMin"),
            (Code::PROGRAMME_TARGETS, "targets[0].key"),
        ]
    );
}
