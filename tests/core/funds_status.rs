//! Budgets and fund status: 成县's demo shops awarded to the fen of their 65万 budget, 托里县's
//! stations without a budget, 霍邱县's category caps broken by its real awards, over-commitment,
//! and the command line. Fund rows are written straight through the write path with the
//! FUND_* entities (`fund_rows`): the status reads the tables, whoever wrote them.

use fieldbook::domain::operators::OperatorKind;
use fieldbook::Code;
use fieldbook::Store;

use crate::targets::{county, County};
use crate::{fieldbook_cli, succeeded, temp_db};

/// Writing fund rows directly (not a store API): awards, payments, reversals, recovery orders
/// and amounts recovered.
pub(crate) mod fund_rows {
    use fieldbook::store::entities::Entity;
    use fieldbook::store::entities::{
        FUND_AWARD, FUND_DISBURSEMENT, FUND_RECOVERED, FUND_RECOVERY,
    };
    use fieldbook::store::new_id;
    use fieldbook::store::write::{self, Op};
    use fieldbook::Store;
    use rusqlite::types::Value as SqlValue;

    fn text(s: &str) -> SqlValue {
        SqlValue::Text(s.to_string())
    }

    fn create(store: &mut Store, entity: &'static Entity, values: Vec<(&str, SqlValue)>) -> String {
        let id = new_id();
        store
            .write(|tx, w| write::record(tx, w, entity, &id, Op::Create, &values))
            .unwrap();
        id
    }

    pub fn award(
        store: &mut Store,
        programme: &str,
        operator: &str,
        class: &str,
        amount: &str,
    ) -> String {
        create(
            store,
            &FUND_AWARD,
            vec![
                ("programme_id", text(programme)),
                ("operator_id", text(operator)),
                ("class_key", text(class)),
                ("amount", text(amount)),
                ("decided_date", text("2019-09-01")),
            ],
        )
    }

    pub fn pay(store: &mut Store, award: &str, tranche: i64, amount: &str) -> String {
        create(
            store,
            &FUND_DISBURSEMENT,
            vec![
                ("award_id", text(award)),
                ("tranche", SqlValue::Integer(tranche)),
                ("amount", text(amount)),
                ("paid_date", text("2019-10-01")),
            ],
        )
    }

    /// The reversing row of `payment`: its negative amount.
    pub fn reverse(store: &mut Store, award: &str, payment: &str, amount: &str) -> String {
        create(
            store,
            &FUND_DISBURSEMENT,
            vec![
                ("award_id", text(award)),
                ("tranche", SqlValue::Integer(1)),
                ("amount", text(&format!("-{amount}"))),
                ("paid_date", text("2019-10-02")),
                ("reverses_id", text(payment)),
            ],
        )
    }

    pub fn recovery(store: &mut Store, award: &str, amount: &str) -> String {
        create(
            store,
            &FUND_RECOVERY,
            vec![
                ("award_id", text(award)),
                ("grounds", text("failed_acceptance")),
                ("reason", text("验收不合格")),
                ("amount", text(amount)),
                ("decided_date", text("2019-12-20")),
                ("due_date", text("2020-01-20")),
            ],
        )
    }

    pub fn recovered(store: &mut Store, recovery: &str, amount: &str) -> String {
        create(
            store,
            &FUND_RECOVERED,
            vec![
                ("recovery_id", text(recovery)),
                ("amount", text(amount)),
                ("received_date", text("2020-01-05")),
            ],
        )
    }
}

/// 成县 from the demo places (104 poor and 20 non-poor villages), its demo-shop programme
/// added, and one shop per village.
pub(crate) fn chengxian_shops() -> (County, String, Vec<(String, bool)>) {
    let store = crate::records::places_only();
    let townships = store
        .list_townships()
        .unwrap()
        .into_iter()
        .map(|t| (t.id, t.code))
        .collect();
    let villages: Vec<(String, bool)> = store
        .list_villages(None)
        .unwrap()
        .into_iter()
        .map(|v| (v.id, v.poor))
        .collect();
    let mut c = County {
        store,
        townships,
        villages,
    };
    let programme = c.programme("chengxian-2019-demo-shop", None);
    let shops = (0..c.villages.len())
        .map(|v| {
            let poor = c.villages[v].1;
            (
                c.operator(OperatorKind::DemoShop, v, &format!("示范店{v}")),
                poor,
            )
        })
        .collect();
    (c, programme, shops)
}

/// Awards every shop its village class's standard: 104 × 5,400 + 20 × 4,420.
pub(crate) fn award_every_shop(
    store: &mut Store,
    programme: &str,
    shops: &[(String, bool)],
) -> Vec<String> {
    shops
        .iter()
        .map(|(shop, poor)| {
            let (class, amount) = if *poor {
                ("poor", "5400.00")
            } else {
                ("non_poor", "4420.00")
            };
            fund_rows::award(store, programme, shop, class, amount)
        })
        .collect()
}

#[test]
fn chengxian_demo_shops_award_the_whole_65_wan_budget() {
    let (mut c, programme, shops) = chengxian_shops();
    assert_eq!(shops.iter().filter(|(_, poor)| *poor).count(), 104);
    let awards = award_every_shop(&mut c.store, &programme, &shops);
    // The first tranche (80 %) paid to every shop.
    for (award, (_, poor)) in awards.iter().zip(&shops) {
        let first = if *poor { "4320.00" } else { "3536.00" };
        fund_rows::pay(&mut c.store, award, 1, first);
    }

    let status = c.store.fund_status(&programme).unwrap();
    let t = &status.total;
    assert_eq!(t.budget.as_deref(), Some("650000.00"));
    assert_eq!((t.awards, t.awarded.as_str()), (124, "650000.00"));
    assert_eq!(t.remaining.as_deref(), Some("0.00"));
    assert_eq!(t.paid, "520000.00");
    assert_eq!(t.to_pay, "130000.00");
    assert_eq!(
        (t.recovered.as_str(), t.to_recover.as_str()),
        ("0.00", "0.00")
    );
    assert!(status.warnings.is_empty(), "{:?}", status.warnings);

    let classes: Vec<String> = status
        .by_class
        .iter()
        .map(|l| {
            let budget = l.budget.as_deref().unwrap_or("—");
            let remaining = l.remaining.as_deref().unwrap_or("—");
            format!("{} {budget} {} {} {remaining}", l.key, l.awards, l.awarded)
        })
        .collect();
    assert_eq!(
        classes,
        [
            "poor 561600.00 104 561600.00 0.00",
            "non_poor 88400.00 20 88400.00 0.00",
        ]
    );
    // Every township with a shop, in code order, adding up to the total.
    let codes: Vec<String> = status
        .by_township
        .iter()
        .map(|l| {
            c.townships
                .iter()
                .find(|(id, _)| *id == l.key)
                .unwrap()
                .1
                .clone()
        })
        .collect();
    let mut sorted = codes.clone();
    sorted.sort();
    assert_eq!(codes, sorted);
    assert_eq!(status.by_township.len(), c.townships.len());
    assert_eq!(
        status.by_township.iter().map(|l| l.awards).sum::<u32>(),
        124
    );
    assert_eq!(
        status.by_township[0].label,
        c.store.list_townships().unwrap()[0].name
    );

    let budgets = c.store.fund_budgets(Some(2019)).unwrap();
    assert_eq!(budgets.len(), 1);
    assert_eq!(budgets[0], status.total);
    assert!(c.store.fund_budgets(Some(2020)).unwrap().is_empty());
}

#[test]
fn one_shop_more_than_planned_is_over_budget_in_total_and_in_its_class() {
    let (mut c, programme, shops) = chengxian_shops();
    award_every_shop(&mut c.store, &programme, &shops);
    let extra = c.operator(OperatorKind::DemoShop, 0, "第二家示范店");
    fund_rows::award(&mut c.store, &programme, &extra, "poor", "5400.00");

    let status = c.store.fund_status(&programme).unwrap();
    assert_eq!(status.total.remaining.as_deref(), Some("-5400.00"));
    let warned: Vec<(Code, &str)> = status
        .warnings
        .iter()
        .map(|w| (w.code, w.field.as_str()))
        .collect();
    assert_eq!(
        warned,
        [
            (Code::FUND_OVER_BUDGET, "total"),
            (Code::FUND_OVER_BUDGET, "byClass[0]")
        ]
    );
    assert!(
        status.warnings[0]
            .message
            .contains("超出预算 650,000.00 元共 5,400.00 元"),
        "{}",
        status.warnings[0].message
    );
    let overview = c.store.fund_overview(None).unwrap();
    assert_eq!(overview.warnings.len(), 1);
    assert_eq!(overview.warnings[0].field, "programmes[0]");
    assert_eq!(overview.total.awarded, "655400.00");
}

/// 托里县's stations: a rule without amounts (no budget, no sub-budget), payments reversed,
/// a recovery order partly received.
#[test]
fn tuoli_stations_without_budget_with_a_reversal_and_a_recovery() {
    let mut c = county("654224", "托里县", &[&[true, false], &[true]]);
    let programme = c.programme("tuoli-2019-service-station", None);
    let a = c.operator(OperatorKind::ServiceStation, 0, "托里镇站点");
    let b = c.operator(OperatorKind::ServiceStation, 2, "二镇站点");
    let award_a = fund_rows::award(&mut c.store, &programme, &a, "station", "3000.00");
    let award_b = fund_rows::award(&mut c.store, &programme, &b, "station", "2000.00");
    let wrong = fund_rows::pay(&mut c.store, &award_a, 1, "2700.00");
    fund_rows::reverse(&mut c.store, &award_a, &wrong, "2700.00");
    fund_rows::pay(&mut c.store, &award_a, 1, "2400.00");
    fund_rows::pay(&mut c.store, &award_b, 1, "1600.00");
    let order = fund_rows::recovery(&mut c.store, &award_b, "1600.00");
    fund_rows::recovered(&mut c.store, &order, "600.00");

    let status = c.store.fund_status(&programme).unwrap();
    let t = &status.total;
    assert_eq!((t.budget.as_deref(), t.remaining.as_deref()), (None, None));
    assert_eq!(
        (t.awards, t.awarded.as_str(), t.paid.as_str()),
        (2, "5000.00", "4000.00")
    );
    // Station B is under recovery: it is owed back, not paid on.
    assert_eq!(t.to_pay, "600.00");
    assert_eq!(
        (t.recovered.as_str(), t.to_recover.as_str()),
        ("600.00", "1000.00")
    );
    let towns: Vec<(&str, &str, &str)> = status
        .by_township
        .iter()
        .map(|l| (l.label.as_str(), l.paid.as_str(), l.to_recover.as_str()))
        .collect();
    assert_eq!(
        towns,
        [
            ("第1镇", "2400.00", "0.00"),
            ("第2镇", "1600.00", "1000.00")
        ]
    );
    // A class without a sub-budget is still listed, with none.
    assert_eq!(status.by_class.len(), 1);
    assert_eq!(
        (
            status.by_class[0].key.as_str(),
            status.by_class[0].budget.as_deref()
        ),
        ("station", None)
    );
    assert!(status.warnings.is_empty());
}

/// 霍邱县: stations (public service ≤ 15 %) awarded 37.5 % of what the year's special fund
/// awarded: the cap broken by the real decisions, although the budgets keep it.
#[test]
fn huoqiu_public_service_share_broken_by_the_awards() {
    let mut c = county("341522", "霍邱县", &[&[true, false, true], &[false]]);
    let stations = c.programme("huoqiu-2019-service-station", None);
    let logistics = c.programme("huoqiu-2019-logistics", None);
    for v in 0..3 {
        let op = c.operator(OperatorKind::ServiceStation, v, &format!("站点{v}"));
        fund_rows::award(&mut c.store, &stations, &op, "station", "2000.00");
    }
    let centre = c.operator(OperatorKind::Enterprise, 3, "物流中心");
    let award = fund_rows::award(&mut c.store, &logistics, &centre, "upgrade", "10000.00");
    fund_rows::pay(&mut c.store, &award, 1, "9000.00");

    let status = c.store.fund_status(&stations).unwrap();
    let caps: Vec<&fieldbook::domain::Warning> = status
        .warnings
        .iter()
        .filter(|w| w.code == Code::FUND_CAP_SHARE)
        .collect();
    assert_eq!(caps.len(), 1, "{:?}", status.warnings);
    assert_eq!(caps[0].field, "caps.public_service_share");
    assert!(
        caps[0]
            .message
            .contains("公共服务体系占本年度专项资金已确定扶持资金的 37.5%"),
        "{}",
        caps[0].message
    );
    assert!(
        caps[0].message.contains("不得高于 15%"),
        "{}",
        caps[0].message
    );
    // Logistics is 62.5 % of the awards and all of the payments: its floor holds.
    let upward = c.store.fund_status(&logistics).unwrap();
    assert!(upward.warnings.is_empty(), "{:?}", upward.warnings);

    let shares = c.store.fund_shares(2019).unwrap();
    assert_eq!(
        (shares.awarded.as_str(), shares.paid.as_str()),
        ("16000.00", "9000.00")
    );
    let public = shares
        .caps
        .iter()
        .find(|c| c.target.key == "public_service_share")
        .unwrap();
    // On the budgets it is judged as before (160万 of 460万); the awards are judged beside it.
    assert_eq!(public.target.done.as_deref(), Some("34.8"));
    assert_eq!(public.awarded.done.as_deref(), Some("37.5"));
    assert_eq!(public.awarded.met, Some(false));
    assert_eq!(public.paid.done.as_deref(), Some("0"));
    assert_eq!(public.paid.met, Some(true));
    let category = shares
        .categories
        .iter()
        .find(|c| c.awarded == "6000.00")
        .unwrap();
    assert_eq!(category.awarded_share, "37.5");
    assert_eq!(shares.warnings.len(), 1);

    let overview = c.store.fund_overview(Some(2019)).unwrap();
    assert_eq!(overview.programmes.len(), 2);
    assert_eq!(
        overview.warnings.iter().map(|w| w.code).collect::<Vec<_>>(),
        [Code::FUND_CAP_SHARE]
    );
}

#[test]
fn funds_status_and_budget_on_the_command_line() {
    let (_dir, path) = temp_db();
    let programme = {
        let mut store = Store::open(&path).unwrap();
        store.create_county("341522", "霍邱县").unwrap();
        store.add_township("341522100", "城关镇").unwrap();
        let village = store
            .add_village(&fieldbook::domain::places::VillageInput {
                township_code: "341522100".into(),
                code: "341522100200".into(),
                name: "东关村".into(),
                poor: true,
            })
            .unwrap();
        let programme = store
            .add_programme_from_preset("huoqiu-2019-service-station", None)
            .unwrap()
            .id;
        let operator = store
            .add_operator(&fieldbook::domain::operators::OperatorInput {
                kind: OperatorKind::ServiceStation,
                name: "东关村服务站".into(),
                credit_code: String::new(),
                person_in_charge: "负责人".into(),
                phone: "13809391234".into(),
                village_id: Some(village.id),
                platform: String::new(),
                shop_url: String::new(),
            })
            .unwrap()
            .record
            .id;
        let award = fund_rows::award(&mut store, &programme, &operator, "station", "2000.00");
        fund_rows::pay(&mut store, &award, 1, "1800.00");
        programme
    };
    let out = succeeded(fieldbook_cli(
        &path,
        "县电商中心",
        &["--json", "funds", "status", "--programme", &programme],
        None,
    ));
    let status: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(status["total"]["budget"], "1600000.00");
    assert_eq!(status["total"]["paid"], "1800.00");
    assert_eq!(status["byTownship"][0]["label"], "城关镇");

    let out = succeeded(fieldbook_cli(
        &path,
        "县电商中心",
        &["funds", "budget", "--year", "2019"],
        None,
    ));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("1,600,000.00"), "{text}");
    assert!(text.contains("160.000"), "{text}");
    assert!(text.contains("1,598,000.00"), "{text}");

    let out = fieldbook_cli(
        &path,
        "县电商中心",
        &["--json", "funds", "status", "--programme", "无此项目"],
        None,
    );
    assert!(!out.status.success());
}
