//! Hostile spreadsheets refused before they cost memory or time: a zip bomb `.xlsx` (its parts
//! declare more than the cap, or unpack to more than they declare), an `.ods` whose repeated
//! rows and columns span billions of cells, an `.xls` spanning a far corner, a CSV of nothing but
//! delimiters, and files larger than their cap on disk named on the command line. Each refusal
//! is coded (`SHEET_UNREADABLE`, `ATTACHMENT_SIZE`), in Chinese, and writes nothing.

use fieldbook::sheets::read::read;
use fieldbook::sheets::{import, ImportKind, ImportMode};

use crate::records::places_only;
use crate::sheets::{log_len, options, t, xlsx};

#[path = "../support/hostile_sheets.rs"]
mod hostile_sheets;
use hostile_sheets::*;

fn refusal(bytes: &[u8], name: &str) -> String {
    let err = read(bytes, name).unwrap_err();
    assert_eq!(err.code.as_str(), "SHEET_UNREADABLE", "{}", err.message);
    assert_eq!(err.field, "file");
    err.message
}

#[test]
fn an_xlsx_whose_parts_unpack_beyond_the_cap_is_refused_before_calamine_reads_it() {
    let book = xlsx(None, &[vec![t("户主姓名")], vec![t("张三")]]);
    assert!(read(&book, "ok.xlsx").is_ok());
    // Its directory announces 4 GiB for the sheet.
    let bomb = declaring(&book, "xl/worksheets/sheet1.xml", 0xFFFF_FFF0);
    let message = refusal(&bomb, "炸弹.xlsx");
    assert!(message.contains("解压后超过 256 MB"), "{message}");
    assert!(message.contains("炸弹.xlsx"), "{message}");
    // A sheet that unpacks to more than it declares is cut where it said it ends.
    let liar = declaring(&book, "xl/worksheets/sheet1.xml", 16);
    refusal(&liar, "说谎.xlsx");
    // Through the import: nothing written.
    let mut store = places_only();
    let before = log_len(&store);
    let err = import(
        &mut store,
        &bomb,
        "炸弹.xlsx",
        &options(ImportKind::Households, ImportMode::All),
    )
    .unwrap_err();
    assert_eq!(err.code().as_str(), "SHEET_UNREADABLE");
    assert_eq!(log_len(&store), before);
}

#[test]
fn an_ods_with_repeated_rows_and_columns_beyond_the_cell_cap_is_refused() {
    let message = refusal(&ods_repeated(), "重复.ods");
    assert!(message.contains("范围过大"), "{message}");
    // As LibreOffice saves a small sheet: the empty rest of the sheet as repeated empty rows and
    // cells, which lay out nothing and pass.
    let small = ods(&format!(
        r#"<table:table-row>{}{}</table:table-row><table:table-row>{}{}</table:table-row><table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#,
        ods_cell("户主姓名"),
        ods_cell("电话"),
        ods_cell("张三"),
        ods_cell("13800000000"),
    ));
    let grid = read(&small, "小表.ods").unwrap();
    assert_eq!(grid.rows.row(1).text(0), "张三");
    assert_eq!(grid.rows.row(1).text(1), "13800000000");
}

#[test]
fn an_xls_spanning_a_far_corner_is_refused_before_calamine_lays_it_out() {
    let message = refusal(&xls_far_corner(), "远角.xls");
    assert!(message.contains("范围过大"), "{message}");
    assert!(message.contains("第 1 个工作表"), "{message}");
}

#[test]
fn a_csv_of_more_cells_than_the_cap_is_refused_before_they_are_made() {
    assert!(read(&csv_of_commas(1000), "ok.csv").is_ok());
    let message = refusal(&csv_of_commas(5_000_001), "逗号.csv");
    assert!(message.contains("超过表格导入上限 5000000 个"), "{message}");
}

/// Files named on the command line are refused from their size on disk, before they are read
/// (sparse files: no disk is spent on them).
#[test]
fn the_cli_refuses_a_file_larger_than_its_cap_from_its_size_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let big_sheet = dir.path().join("大表.csv");
    std::fs::File::create(&big_sheet)
        .unwrap()
        .set_len((64 << 20) + 1)
        .unwrap();
    let out = crate::fieldbook_cli(
        &db,
        "王芳",
        &["import", "households", big_sheet.to_str().unwrap()],
        None,
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("SHEET_UNREADABLE") && err.contains("超过表格导入上限"),
        "{err}"
    );

    let big_photo = dir.path().join("大图.jpg");
    std::fs::File::create(&big_photo)
        .unwrap()
        .set_len((20 << 20) + 1)
        .unwrap();
    let out = crate::fieldbook_cli(
        &db,
        "王芳",
        &[
            "notices",
            "photo",
            "00000000-0000-4000-8000-000000000001",
            big_photo.to_str().unwrap(),
        ],
        None,
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("ATTACHMENT_SIZE") && err.contains("20 MB"),
        "{err}"
    );
}
