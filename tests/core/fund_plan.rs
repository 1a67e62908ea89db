//! The fund plan from the programme: 霍邱县's stations planned from its villages (站点数, 2,000
//! yuan each) and from the awards made, 成县's demo shops from the awards equal to the plan from
//! the places, a rule the places cannot plan, the printed form and the command line.

use fieldbook::domain::fund_plan::PlanSource;
use fieldbook::domain::operators::OperatorKind;
use fieldbook::print::FormKind;

use crate::funds_status::{award_every_shop, chengxian_shops, fund_rows};
use crate::print::save_and_read;
use crate::targets::county;
use crate::{fieldbook_cli, succeeded, temp_db};

fn squeezed(text: &str) -> String {
    text.split_whitespace().collect()
}

#[test]
fn huoqiu_stations_from_places_and_from_awards_print_their_own_columns() {
    let mut c = county("341522", "霍邱县", &[&[true, false, true], &[false, true]]);
    let stations = c.programme("huoqiu-2019-service-station", None);

    let plan = c
        .store
        .fund_plan_from(&stations, PlanSource::Places)
        .unwrap();
    assert_eq!(
        (plan.unit.as_str(), plan.units_header.as_str()),
        ("站点", "站点数")
    );
    assert_eq!(plan.columns.len(), 1);
    assert_eq!(plan.columns[0].amount.as_deref(), Some("2000.00"));
    let rows: Vec<(&str, u32, &str, &str)> = plan
        .rows
        .iter()
        .chain([&plan.total])
        .map(|r| {
            (
                r.township.as_str(),
                r.units,
                r.amount.as_str(),
                r.planned_wan_yuan.as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("第1镇", 3, "6000.00", "0.600"),
            ("第2镇", 2, "4000.00", "0.400"),
            ("合计", 5, "10000.00", "1.000"),
        ]
    );
    let printed = c.store.print_form(FormKind::FundPlan, &stations).unwrap();
    let text = save_and_read("fund-plan-huoqiu-stations", &printed.pdf);
    assert!(text.contains("站点数"), "{text}");
    assert!(!text.contains("示范店"), "{text}");
    assert!(!text.contains("贫困村数"), "{text}");
    assert!(squeezed(&text).contains("合计51.000"), "{text}");

    // Two stations awarded, both in the second township: the plan the county committed.
    for v in [3, 4] {
        let op = c.operator(OperatorKind::ServiceStation, v, &format!("站点{v}"));
        fund_rows::award(&mut c.store, &stations, &op, "station", "2000.00");
    }
    let plan = c
        .store
        .fund_plan_from(&stations, PlanSource::Awards)
        .unwrap();
    assert_eq!(plan.source, PlanSource::Awards);
    assert_eq!(plan.units_header, "站点数");
    let rows: Vec<(&str, u32, &str)> = plan
        .rows
        .iter()
        .chain([&plan.total])
        .map(|r| (r.township.as_str(), r.units, r.planned_wan_yuan.as_str()))
        .collect();
    assert_eq!(rows, [("第2镇", 2, "0.400"), ("合计", 2, "0.400")]);
    let printed = c
        .store
        .print_form(FormKind::FundPlanAwards, &stations)
        .unwrap();
    assert_eq!(printed.stamp.form, FormKind::FundPlanAwards);
    let text = save_and_read("fund-plan-huoqiu-stations-awards", &printed.pdf);
    assert!(text.contains("按已确定的扶持对象汇总"), "{text}");
    assert!(squeezed(&text).contains("第2镇20.400"), "{text}");
    assert!(!text.contains("第1镇"), "{text}");
}

#[test]
fn chengxian_shops_awarded_as_planned_give_the_plan_of_the_places() {
    let (mut c, programme, shops) = chengxian_shops();
    award_every_shop(&mut c.store, &programme, &shops);
    let places = c
        .store
        .fund_plan_from(&programme, PlanSource::Places)
        .unwrap();
    let awards = c
        .store
        .fund_plan_from(&programme, PlanSource::Awards)
        .unwrap();
    assert_eq!(awards.rows, places.rows);
    assert_eq!(awards.total, places.total);
    assert_eq!(awards.total.planned_wan_yuan, "65.000");
    let headers = |p: &fieldbook::domain::fund_plan::FundPlan| -> Vec<String> {
        p.columns.iter().map(|c| c.header.clone()).collect()
    };
    assert_eq!(headers(&places), ["贫困村数", "非贫困村数"]);
    assert_eq!(headers(&awards), ["贫困村示范店数", "非贫困村示范店数"]);
    assert_eq!(places.units_header, "示范店数");
}

#[test]
fn enterprise_classes_are_planned_from_their_awards_not_from_places() {
    let mut c = county("654224", "托里县", &[&[true], &[false]]);
    let class_2 = c.programme("chengxian-2019-enterprise-2", None);
    let refused = c
        .store
        .fund_plan_from(&class_2, PlanSource::Places)
        .unwrap_err();
    assert_eq!(refused.code(), "FUND_PLAN_RULE");
    assert!(refused.to_string().contains("--from awards"), "{refused}");
    for v in [0, 1] {
        let op = c.operator(OperatorKind::Enterprise, v, &format!("企业{v}"));
        fund_rows::award(&mut c.store, &class_2, &op, "class_2", "500000.00");
    }
    let plan = c
        .store
        .fund_plan_from(&class_2, PlanSource::Awards)
        .unwrap();
    assert_eq!(plan.units_header, "企业数");
    assert_eq!(plan.rows.len(), 2);
    assert_eq!(plan.total.planned_wan_yuan, "100.000");
}

#[test]
fn programmes_fund_plan_and_print_take_from_on_the_command_line() {
    let (_dir, path) = temp_db();
    let programme = {
        let mut store = fieldbook::Store::open(&path).unwrap();
        store.create_county("341522", "霍邱县").unwrap();
        store.add_township("341522100", "城关镇").unwrap();
        for (i, poor) in [true, false].into_iter().enumerate() {
            store
                .add_village(&fieldbook::domain::places::VillageInput {
                    township_code: "341522100".into(),
                    code: format!("3415221002{i:02}"),
                    name: format!("{i}号村"),
                    poor,
                })
                .unwrap();
        }
        store
            .add_programme_from_preset("huoqiu-2019-service-station", None)
            .unwrap()
            .id
    };
    let out = succeeded(fieldbook_cli(
        &path,
        "县电商中心",
        &["programmes", "fund-plan", &programme],
        None,
    ));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("站点数"), "{text}");
    assert!(text.contains("合计\t2\t0.400"), "{text}");

    let out = succeeded(fieldbook_cli(
        &path,
        "县电商中心",
        &[
            "--json",
            "programmes",
            "fund-plan",
            &programme,
            "--from",
            "awards",
        ],
        None,
    ));
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(plan["source"], "awards");
    assert_eq!(plan["total"]["units"], 0);

    let pdf = path.with_file_name("plan-awards.pdf");
    let out = succeeded(fieldbook_cli(
        &path,
        "县电商中心",
        &[
            "--json",
            "print",
            "fund-plan",
            "--id",
            &programme,
            "--out",
            pdf.to_str().unwrap(),
            "--from",
            "awards",
        ],
        None,
    ));
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed["form"], "fund-plan-awards");
    assert!(pdf.exists());
    let bad = fieldbook_cli(
        &path,
        "县电商中心",
        &["programmes", "fund-plan", &programme, "--from", "budget"],
        None,
    );
    assert_eq!(bad.status.code(), Some(2));
}
