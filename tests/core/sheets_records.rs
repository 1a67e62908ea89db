//! Imports of places (a county setting itself up), operators, a roster into an agreement and a
//! sign-in list into a training session.

use fieldbook::domain::training::{HalfDays, TrainingKind, TrainingSessionInput};
use fieldbook::sheets::{import, ImportKind, ImportMode, ImportReport};
use fieldbook::Store;

use crate::records::{agreement, household, id_number, places_only, shop};
use crate::sheets::{csv_text, log_len, options, t, xlsx};

fn run(
    store: &mut Store,
    kind: ImportKind,
    into: Option<&str>,
    bytes: &[u8],
    mode: ImportMode,
) -> ImportReport {
    let mut opts = options(kind, mode);
    opts.into = into.map(str::to_string);
    import(store, bytes, "f.xlsx", &opts).unwrap()
}

fn error_of(report: &ImportReport, row: u32) -> (String, Option<String>) {
    let r = report.rows.iter().find(|r| r.row == row).unwrap();
    let p = r
        .problems
        .iter()
        .find(|p| p.severity == "error")
        .unwrap_or_else(|| panic!("row {row}: {r:?}"));
    (p.code.to_string(), p.column.clone())
}

#[test]
fn a_new_county_imports_its_townships_and_villages() {
    let mut store = Store::open_in_memory().unwrap();
    let file = csv_text(&[
        vec!["统计用区划代码", "名称", "乡镇", "是否贫困村", "县"],
        vec!["621299100000", "新城镇", "", "", "新县"],
        vec!["621299100201", "东村", "新城镇", "是", "新县"],
        vec!["６２１２９９１００２０２", "西村", "新城镇", "否", "新县"],
        vec!["621299101203", "南村", "", "否", "新县"],
        vec!["621299100201", "东村", "新城镇", "是", "新县"],
        vec!["621299100204", "东村", "新城镇", "否", "新县"],
        vec!["621299100205", "北村", "新城镇", "也许", "新县"],
    ]);
    let report = run(
        &mut store,
        ImportKind::Places,
        None,
        file.as_bytes(),
        ImportMode::ValidOnly,
    );
    assert_eq!(report.counts.new, 3, "{:#?}", report.rows);
    assert_eq!(
        error_of(&report, 5),
        ("PLACE_TOWNSHIP_UNKNOWN".into(), Some("C".into()))
    );
    assert_eq!(
        error_of(&report, 6),
        ("DUPLICATE_IN_FILE".into(), Some("A".into()))
    );
    assert_eq!(
        error_of(&report, 7),
        ("DUPLICATE_IN_DB".into(), Some("B".into()))
    );
    assert_eq!(
        error_of(&report, 8),
        ("PLACE_POOR_FLAG".into(), Some("D".into()))
    );
    let county = store.county().unwrap().unwrap();
    assert_eq!(
        (county.code.as_str(), county.name.as_str()),
        ("621299", "新县")
    );
    let villages = store.list_villages(Some("621299100")).unwrap();
    let names: Vec<(&str, bool)> = villages.iter().map(|v| (v.name.as_str(), v.poor)).collect();
    assert_eq!(names, vec![("东村", true), ("西村", false)]);

    // The same list again changes nothing; a corrected flag updates the village.
    let log = log_len(&store);
    let again = run(
        &mut store,
        ImportKind::Places,
        None,
        file.as_bytes(),
        ImportMode::ValidOnly,
    );
    assert_eq!(
        (
            again.counts.new,
            again.counts.updated,
            again.counts.unchanged
        ),
        (0, 0, 3)
    );
    assert_eq!(log_len(&store), log);
    let fix = csv_text(&[
        vec!["村代码", "村名", "贫困村"],
        vec!["621299100202", "西村", "是"],
    ]);
    let fixed = run(
        &mut store,
        ImportKind::Places,
        None,
        fix.as_bytes(),
        ImportMode::All,
    );
    assert_eq!(fixed.counts.updated, 1, "{:?}", fixed.rows);
    assert!(store.list_villages(Some("621299100")).unwrap()[1].poor);
}

#[test]
fn operators_are_matched_by_credit_code_or_name_and_village() {
    let mut store = places_only();
    let file = xlsx(
        Some("实施主体名单"),
        &[
            vec![
                t("名称"),
                t("类型"),
                t("统一社会信用代码"),
                t("负责人"),
                t("乡镇"),
                t("村"),
                t("网店平台"),
                t("网店地址"),
            ],
            vec![
                t("长沟村示范店"),
                t("电商扶贫示范店"),
                t(""),
                t("李明"),
                t("鸡峰镇"),
                t("长沟村"),
                t("拼多多"),
                t("https://a.cn"),
            ],
            vec![
                t("鸡峰镇合作社"),
                t("合作社"),
                t(""),
                t("王红"),
                t("鸡峰镇"),
                t("长沟村"),
                t(""),
                t(""),
            ],
            vec![
                t("怪主体"),
                t("飞船"),
                t(""),
                t(""),
                t("鸡峰镇"),
                t("长沟村"),
                t(""),
                t(""),
            ],
        ],
    );
    let report = run(
        &mut store,
        ImportKind::Operators,
        None,
        &file,
        ImportMode::ValidOnly,
    );
    assert_eq!(report.counts.new, 2, "{:?}", report.rows);
    assert_eq!(
        error_of(&report, 5),
        ("OPERATOR_KIND".into(), Some("B".into()))
    );
    let again = run(
        &mut store,
        ImportKind::Operators,
        None,
        &file,
        ImportMode::DryRun,
    );
    assert_eq!((again.counts.new, again.counts.unchanged), (0, 2));
    let ops = store.list_operators(None, None).unwrap();
    let shop = ops.iter().find(|o| o.name == "长沟村示范店").unwrap();
    assert_eq!(
        (shop.platform.as_str(), shop.person_in_charge.as_str()),
        ("拼多多", "李明")
    );
}

#[test]
fn a_roster_goes_into_its_agreement_and_a_second_time_changes_nothing() {
    let mut store = places_only();
    for n in 1..=3 {
        store
            .add_household(&household(&store, n, &format!("户{n}")))
            .unwrap();
    }
    let operator = store.add_operator(&shop(&store)).unwrap().record.id;
    let agreement_id = store
        .add_agreement(&agreement(&operator, "CX-2019-001"))
        .unwrap()
        .record
        .id;
    let file = xlsx(
        None,
        &[
            vec![t("户主姓名"), t("身份证号"), t("带贫方式"), t("带贫内容")],
            vec![
                t("户1"),
                t(&id_number(1)),
                t("保护价收购"),
                t("收购土豆 2000 斤"),
            ],
            vec![t("户2"), t(&id_number(2)), t("代销"), t("")],
            vec![t("外人"), t(&id_number(99)), t("代销"), t("")],
            vec![t("错名"), t(&id_number(3)), t("代销"), t("")],
            vec![t("户1"), t(&id_number(1)), t("代销"), t("")],
        ],
    );
    let report = run(
        &mut store,
        ImportKind::Roster,
        Some("CX-2019-001"),
        &file,
        ImportMode::ValidOnly,
    );
    assert_eq!(report.counts.new, 2, "{:?}", report.rows);
    assert_eq!(
        error_of(&report, 4),
        ("ROSTER_HOUSEHOLD".into(), Some("B".into()))
    );
    assert_eq!(
        error_of(&report, 5),
        ("ROSTER_NAME_MISMATCH".into(), Some("A".into()))
    );
    assert_eq!(
        error_of(&report, 6),
        ("DUPLICATE_IN_FILE".into(), Some("B".into()))
    );
    let roster = store.roster(&agreement_id).unwrap();
    assert_eq!(roster.len(), 2);
    let log = log_len(&store);
    let again = run(
        &mut store,
        ImportKind::Roster,
        Some(&agreement_id),
        &file,
        ImportMode::ValidOnly,
    );
    assert_eq!((again.counts.new, again.counts.unchanged), (0, 2));
    assert_eq!(log_len(&store), log);
}

#[test]
fn a_sign_in_list_goes_into_its_session_by_slot() {
    let mut store = places_only();
    store.add_household(&household(&store, 1, "户1")).unwrap();
    let programme = store
        .add_programme_from_preset("chengxian-2019-training", None)
        .unwrap()
        .id;
    let township = store.find_township("621221101").unwrap().id;
    let session = store
        .add_training_session(&TrainingSessionInput {
            programme_id: programme,
            kind: TrainingKind::TownshipOnsite,
            title: "鸡峰镇电商培训".into(),
            organiser: "成县商务局".into(),
            provider: "成县电商服务中心".into(),
            venue: "镇政府会议室".into(),
            township_id: Some(township),
            start_date: "2019-06-03".into(),
            end_date: "2019-06-03".into(),
            half_days: HalfDays::Both,
            slots: None,
            trainers: vec!["王老师".into()],
            outline: "网店开设".into(),
            planned_headcount: 50,
            audience: None,
        })
        .unwrap()
        .record
        .id;
    let file = xlsx(
        Some("鸡峰镇电商培训签到表"),
        &[
            vec![t("姓名"), t("身份证号"), t("时段"), t("签名")],
            vec![t("户1"), t(&id_number(1)), t("2019-06-03 上午"), t("是")],
            vec![t("户1"), t(&id_number(1)), t("2019-06-03 下午"), t("是")],
            vec![t("路人"), t(&id_number(50)), t("2019-06-03 上午"), t("")],
            vec![t("路人"), t(&id_number(50)), t(""), t("")],
            vec![t("路人"), t(&id_number(50)), t("2019-06-04 上午"), t("")],
            vec![t("户1"), t(&id_number(1)), t("2019-06-03 上午"), t("是")],
        ],
    );
    let report = run(
        &mut store,
        ImportKind::Attendance,
        Some("鸡峰镇电商培训"),
        &file,
        ImportMode::ValidOnly,
    );
    assert_eq!(report.counts.new, 3, "{:#?}", report.rows);
    assert_eq!(
        error_of(&report, 6),
        ("ATTENDANCE_SLOT".into(), Some("C".into()))
    );
    assert_eq!(
        error_of(&report, 7),
        ("ATTENDANCE_SLOT".into(), Some("C".into()))
    );
    assert_eq!(
        error_of(&report, 8),
        ("DUPLICATE_IN_FILE".into(), Some("B".into()))
    );
    let rows = store.attendance(&session).unwrap();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().filter(|r| r.name == "户1").all(|r| r.poor));

    // Again: identical rows are unchanged; a changed one is a duplicate in the database.
    let changed = xlsx(
        None,
        &[
            vec![t("姓名"), t("身份证号"), t("时段"), t("签名")],
            vec![t("户1"), t(&id_number(1)), t("2019-06-03 上午"), t("是")],
            vec![t("户1"), t(&id_number(1)), t("2019-06-03 下午"), t("")],
        ],
    );
    let again = run(
        &mut store,
        ImportKind::Attendance,
        Some(&session),
        &changed,
        ImportMode::DryRun,
    );
    assert_eq!(again.counts.unchanged, 1, "{:?}", again.rows);
    assert_eq!(
        error_of(&again, 3),
        ("DUPLICATE_IN_DB".into(), Some("B".into()))
    );
}
