//! The fund exports (issue 14, item 8) as `.xlsx`: the disbursement list one row per award ×
//! tranche with the gate as on paper and amounts as numbers that add up to the awards, the
//! fund status by township, sub-budget and total; both with the stamp sheet naming the
//! programme. Built from 托里县's synthetic records (`print_funds`).

use calamine::{open_workbook_auto_from_rs, Data, Reader};
use fieldbook::domain::funds::FundStatus;
use fieldbook::domain::funds::RecoveryGrounds;
use fieldbook::domain::notices::NoticeEntry;
use fieldbook::sheets::funds::{
    allocation_rows, disbursement_rows, fund_book, fund_status_rows, recovery_rows,
};
use fieldbook::sheets::{export_xlsx, ExportKind};
use fieldbook::Code;

use crate::print_funds::{awards, ban, line, recovery, PROGRAMME};

fn sheets(bytes: &[u8]) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut book = open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            (name, range.rows().map(|r| r.to_vec()).collect())
        })
        .collect()
}

fn date() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2019, 8, 1).unwrap()
}

fn s(text: &str) -> Data {
    Data::String(text.into())
}

#[test]
fn the_disbursement_export_has_a_row_per_tranche_its_gate_and_totals_that_add_up() {
    let (bytes, summary) = fund_book(
        ExportKind::Disbursements,
        "p-tuoli",
        PROGRAMME,
        date(),
        disbursement_rows(&awards()),
    )
    .unwrap();
    assert_eq!(summary.rows, 8);
    assert_eq!(summary.file_name, format!("{PROGRAMME}资金拨付明细表.xlsx"));
    let books = sheets(&bytes);
    let (name, rows) = &books[0];
    assert_eq!(name, "资金拨付明细表");
    assert_eq!(rows[0][0], s(&format!("{PROGRAMME}资金拨付明细表")));
    let header: Vec<String> = rows[2].iter().map(|c| c.to_string()).collect();
    let col = |title: &str| header.iter().position(|h| h == title).expect(title);
    assert_eq!(
        rows[3][col("实施主体")..=col("已拨金额（元）")],
        [
            s("托里镇团结村电商扶贫示范店"),
            s("团结村"),
            s("贫困村"),
            Data::Float(5400.0),
            Data::Float(1.0),
            s("80"),
            Data::Float(4320.0),
            Data::Float(4320.0),
        ]
    );
    assert_eq!(
        rows[3][col("拨付日期")..],
        [s("2019-05-10"), s("记-0012"), s("已拨付"), Data::Empty]
    );
    assert_eq!(rows[4][col("补助金额（元）")], Data::Empty);
    assert_eq!(
        rows[4][col("拨付条件")],
        s("不可拨付：公示未结束、异议未处理")
    );
    assert_eq!(
        rows[5][col("备注")],
        s("特批：合同原件在县档案室核对无误，高建华，2019年5月11日")
    );
    // The 合计 row: 8 rows, awards 18,660, tranches 18,660, paid 7,856.
    let totals = &rows[11];
    assert_eq!(totals[0], s("合计（8 条）"));
    assert_eq!(totals[col("补助金额（元）")], Data::Float(18660.0));
    assert_eq!(totals[col("应拨金额（元）")], Data::Float(18660.0));
    assert_eq!(totals[col("已拨金额（元）")], Data::Float(7856.0));
    // The stamp sheet names the kind and the programme.
    let (meta_name, meta) = &books[1];
    assert_eq!(meta_name, "fieldbook");
    let value = |key: &str| {
        meta.iter()
            .find(|r| r[0] == s(key))
            .map(|r| r[1].to_string())
            .unwrap_or_else(|| panic!("{key} missing"))
    };
    assert_eq!(value("kind"), "disbursements");
    assert_eq!(value("programme"), "p-tuoli");
    assert_eq!(value("checksum"), summary.checksum);
}

#[test]
fn the_fund_status_export_lists_townships_sub_budgets_and_the_total() {
    let status = FundStatus {
        programme_id: "p-tuoli".into(),
        programme_name: PROGRAMME.into(),
        year: 2019,
        total: line(
            "p-tuoli",
            PROGRAMME,
            Some("18000.00"),
            4,
            "18660.00",
            "7856.00",
        ),
        by_township: vec![
            line("t-tuoli", "托里镇", None, 2, "9820.00", "7856.00"),
            line("t-miaoergou", "庙尔沟镇", None, 2, "8840.00", "0.00"),
        ],
        by_class: vec![line(
            "poor",
            "贫困村",
            Some("18000.00"),
            4,
            "18660.00",
            "7856.00",
        )],
        warnings: vec![],
    };
    let (bytes, summary) = fund_book(
        ExportKind::FundStatus,
        "p-tuoli",
        PROGRAMME,
        date(),
        fund_status_rows(&status),
    )
    .unwrap();
    assert_eq!(summary.rows, 4);
    let books = sheets(&bytes);
    let rows = &books[0].1;
    assert_eq!(
        rows[3][..6],
        [
            s("乡镇"),
            s("托里镇"),
            Data::Empty,
            Data::Float(2.0),
            Data::Float(9820.0),
            Data::Float(7856.0)
        ]
    );
    assert_eq!(rows[5][..3], [s("类别"), s("贫困村"), Data::Float(18000.0)]);
    assert_eq!(
        rows[6][..3],
        [s("合计"), s(PROGRAMME), Data::Float(18000.0)]
    );
    // Overlapping rows are not added up again under them.
    assert_eq!(rows[7][0], s("合计（4 条）"));
    assert!(
        rows[7][1..].iter().all(|c| *c == Data::Empty),
        "{:?}",
        rows[7]
    );
}

#[test]
fn a_fund_export_asked_by_township_is_refused_with_its_code() {
    let store = crate::records::places_only();
    for kind in [ExportKind::Disbursements, ExportKind::FundStatus] {
        let err = export_xlsx(&store, kind, None, None).unwrap_err();
        assert_eq!(err.code(), Code::SHEET_PROGRAMME_REQUIRED);
    }
    assert!(store.export_audit().unwrap().is_empty());
}

#[test]
fn a_saved_fund_export_is_noted_in_the_audit_under_its_programme_without_ids() {
    let store = crate::records::places_only();
    let dir = tempfile::tempdir().unwrap();
    let (path, summary) = fieldbook::sheets::funds::save_fund_book(
        &store,
        ExportKind::Disbursements,
        "p-tuoli",
        PROGRAMME,
        disbursement_rows(&awards()),
        fieldbook::sheets::Destination::NewFileIn(dir.path()),
    )
    .unwrap();
    assert_eq!(path, dir.path().join(&summary.file_name));
    assert!(!sheets(&std::fs::read(&path).unwrap()).is_empty());
    let audit = store.export_audit().unwrap();
    assert_eq!(audit.len(), 1);
    let entry = &audit[0];
    assert_eq!(
        (
            entry.kind.as_str(),
            entry.scope.as_str(),
            entry.rows,
            entry.full_ids
        ),
        ("disbursements", "p-tuoli", 8, false)
    );
    assert_eq!(entry.checksum, summary.checksum);
}

#[test]
fn the_recovery_export_has_a_row_per_order_with_its_place_ban_end_and_totals() {
    let mut partly_recovered = recovery(None);
    partly_recovered.id = "r-1".into();
    partly_recovered.award_id = "1".into();
    partly_recovered.operator_name = "托里镇团结村电商扶贫示范店".into();
    partly_recovered.grounds = RecoveryGrounds::FailedAcceptance;
    partly_recovered.reason = "验收时网店已停止经营".into();
    partly_recovered.amount = "1000.00".into();
    partly_recovered.recovered = "400.00".into();
    partly_recovered.outstanding = "600.00".into();
    let orders = [recovery(Some("ban-4")), partly_recovered];
    let (bytes, summary) = fund_book(
        ExportKind::Recoveries,
        "p-tuoli",
        PROGRAMME,
        date(),
        recovery_rows(&orders, &awards(), &[ban()]),
    )
    .unwrap();
    assert_eq!(summary.rows, 2);
    assert_eq!(summary.file_name, format!("{PROGRAMME}追回情况表.xlsx"));
    let books = sheets(&bytes);
    let (name, rows) = &books[0];
    assert_eq!(name, "追回情况表");
    let header: Vec<String> = rows[2].iter().map(|c| c.to_string()).collect();
    let col = |title: &str| header.iter().position(|h| h == title).expect(title);
    assert_eq!(
        rows[3][col("实施主体")..],
        [
            s("庙尔沟镇塔斯特村电商服务点"),
            s("庙尔沟镇"),
            s("塔斯特村"),
            s("弄虚作假"),
            s("销售台账与平台订单不符"),
            Data::Float(3536.0),
            Data::Float(0.0),
            Data::Float(3536.0),
            s("2019年7月29日"),
            s("2019年8月12日"),
            s("2022年7月29日"),
        ]
    );
    assert_eq!(rows[4][col("乡镇")], s("托里镇"));
    assert_eq!(rows[4][col("追回原因")], s("验收不合格"));
    assert_eq!(rows[4][col("禁止申报至")], Data::Empty);
    let totals = &rows[5];
    assert_eq!(totals[0], s("合计（2 条）"));
    assert_eq!(totals[col("追回金额（元）")], Data::Float(4536.0));
    assert_eq!(totals[col("已追回（元）")], Data::Float(400.0));
    assert_eq!(totals[col("待追回（元）")], Data::Float(4136.0));
}

#[test]
fn the_fund_allocation_list_shows_name_village_and_amount_never_ids_or_phones() {
    let entry = |name: &str, place: &str, benefit: &str| NoticeEntry {
        name: name.into(),
        place: place.into(),
        benefit: benefit.into(),
        id_number: "654224198803150021".into(),
        phone: "13899012345".into(),
    };
    let entries = [
        entry("托里镇团结村电商扶贫示范店", "团结村", "补助 5,400.00 元"),
        entry("庙尔沟镇塔斯特村电商服务点", "塔斯特村", "补助 4,420.00 元"),
    ];
    let (bytes, summary) = fund_book(
        ExportKind::FundAllocation,
        "p-tuoli",
        PROGRAMME,
        date(),
        allocation_rows(&entries),
    )
    .unwrap();
    assert_eq!(summary.rows, 2);
    let books = sheets(&bytes);
    let rows = &books[0].1;
    assert_eq!(
        rows[2][..4],
        [s("序号"), s("姓名/名称"), s("村（组）"), s("补助（元）")]
    );
    assert_eq!(
        rows[3][..4],
        [
            Data::Float(1.0),
            s("托里镇团结村电商扶贫示范店"),
            s("团结村"),
            Data::Float(5400.0)
        ]
    );
    assert_eq!(rows[5][0], s("合计（2 条）"));
    assert_eq!(rows[5][3], Data::Float(9820.0));
    for (_, sheet) in &books {
        for cell in sheet.iter().flatten() {
            let text = cell.to_string();
            let longest_digit_run = text
                .split(|c: char| !c.is_ascii_digit())
                .map(str::len)
                .max()
                .unwrap_or(0);
            assert!(
                longest_digit_run < 11,
                "a number like an ID or phone: {text}"
            );
        }
    }
}

#[test]
fn the_new_fund_exports_asked_by_township_are_refused_with_its_code() {
    let store = crate::records::places_only();
    for kind in [ExportKind::Recoveries, ExportKind::FundAllocation] {
        let err = export_xlsx(&store, kind, None, None).unwrap_err();
        assert_eq!(err.code(), Code::SHEET_PROGRAMME_REQUIRED);
    }
}
