//! Spreadsheet imports of the household register: files generated here (xlsx with
//! rust_xlsxwriter, CSV in UTF-8 with and without BOM and in GBK), every problem kind with its
//! row and column, the three modes, and one transaction.

use fieldbook::sheets::{import, ImportKind, ImportMode, ImportOptions, ImportReport};
use fieldbook::{Error, Store};
use rust_xlsxwriter::{Format, FormatAlign, Workbook};

use crate::records::{id_number, places_only};

/// A cell of a generated sheet: text, or a number (as Excel stores a mistyped ID).
#[derive(Clone)]
pub enum C {
    T(String),
    N(f64),
}

pub fn t(s: &str) -> C {
    C::T(s.to_string())
}

/// An xlsx file: an optional merged title row, then the rows.
pub fn xlsx(title: Option<&str>, rows: &[Vec<C>]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let mut r = 0;
    if let Some(title) = title {
        let f = Format::new().set_bold().set_align(FormatAlign::Center);
        sheet.merge_range(0, 0, 0, 6, title, &f).unwrap();
        r = 1;
    }
    for row in rows {
        for (c, cell) in row.iter().enumerate() {
            match cell {
                C::T(s) => sheet.write_string(r, c as u16, s).unwrap(),
                C::N(n) => sheet.write_number(r, c as u16, *n).unwrap(),
            };
        }
        r += 1;
    }
    book.save_to_buffer().unwrap()
}

pub fn csv_text(rows: &[Vec<&str>]) -> String {
    rows.iter()
        .map(|r| {
            r.iter()
                .map(|c| {
                    if c.contains(',') || c.contains('"') {
                        format!("\"{}\"", c.replace('"', "\"\""))
                    } else {
                        c.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect::<Vec<_>>()
        .join("\r\n")
}

pub fn options(kind: ImportKind, mode: ImportMode) -> ImportOptions {
    ImportOptions {
        kind,
        mode,
        into: None,
        mapping: Default::default(),
    }
}

pub fn run(store: &mut Store, bytes: &[u8], name: &str, mode: ImportMode) -> ImportReport {
    import(store, bytes, name, &options(ImportKind::Households, mode)).unwrap()
}

pub fn log_len(store: &Store) -> i64 {
    store.verify_log().unwrap().entries
}

pub fn household_count(store: &Store) -> u32 {
    store
        .search_households(&fieldbook::domain::households::HouseholdQuery {
            text: String::new(),
            township_code: None,
            village_id: None,
            offset: 0,
            limit: 1,
            status: None,
        })
        .unwrap()
        .total
}

const HEADER: [&str; 7] = [
    "户主姓名",
    "身份证号码",
    "家庭人口",
    "乡镇",
    "村",
    "村民小组",
    "联系电话",
];

/// Three clean rows in 鸡峰镇's villages.
fn clean_rows() -> Vec<Vec<String>> {
    vec![
        vec![
            "张三".into(),
            id_number(1),
            "4".into(),
            "鸡峰镇".into(),
            "长沟村".into(),
            "一组".into(),
            "13800138000".into(),
        ],
        vec![
            "李四".into(),
            id_number(2),
            "3".into(),
            "鸡峰镇".into(),
            "长沟村".into(),
            "二组".into(),
            String::new(),
        ],
        vec![
            "王五".into(),
            id_number(3),
            "５".into(),
            "鸡峰镇".into(),
            "长沟村".into(),
            "　三组 ".into(),
            "138 0013 8001".into(),
        ],
    ]
}

fn as_cells(rows: &[Vec<String>]) -> Vec<Vec<C>> {
    let mut out = vec![HEADER.iter().map(|h| t(h)).collect()];
    out.extend(rows.iter().map(|r| r.iter().map(|c| t(c)).collect()));
    out
}

fn as_csv(rows: &[Vec<String>]) -> String {
    let mut all: Vec<Vec<&str>> = vec![HEADER.to_vec()];
    all.extend(rows.iter().map(|r| r.iter().map(String::as_str).collect()));
    csv_text(&all)
}

#[test]
fn a_clean_xlsx_below_a_merged_title_dry_runs_then_imports() {
    let mut store = places_only();
    let village = &store.list_villages(Some("621221101")).unwrap()[0];
    assert_eq!(village.name, "长沟村", "the fixture's first village");
    let file = xlsx(Some("鸡峰镇建档立卡户花名册"), &as_cells(&clean_rows()));
    let (households, log) = (household_count(&store), log_len(&store));

    let dry = run(&mut store, &file, "户.xlsx", ImportMode::DryRun);
    assert_eq!(dry.format, "xlsx");
    assert_eq!(dry.header_row, 2, "found below the title row");
    assert!(dry.file_problems.is_empty(), "{:?}", dry.file_problems);
    assert_eq!(
        (dry.counts.new, dry.counts.errors, dry.written),
        (3, 0, false)
    );
    assert_eq!(dry.rows[0].row, 3);
    assert_eq!(
        household_count(&store),
        households,
        "a dry run writes nothing"
    );
    assert_eq!(log_len(&store), log);

    let done = run(&mut store, &file, "户.xlsx", ImportMode::All);
    assert!(done.written);
    assert_eq!(done.counts.new, 3);
    assert_eq!(household_count(&store), households + 3);
    assert_eq!(
        log_len(&store),
        log + 3,
        "one change-log entry per household"
    );
    let wang = store
        .household_by_id_number(&id_number(3))
        .unwrap()
        .unwrap();
    assert_eq!((wang.size, wang.village_group.as_str()), (5, "三组"));
    assert_eq!(wang.phone, "13800138001");

    // The same file again: every row matches its household and changes nothing.
    let again = run(&mut store, &file, "户.xlsx", ImportMode::All);
    assert_eq!(
        (
            again.counts.new,
            again.counts.updated,
            again.counts.unchanged
        ),
        (0, 0, 3)
    );
    assert_eq!(log_len(&store), log + 3);
}

#[test]
fn csv_in_utf8_with_and_without_bom_and_in_gbk_read_the_same() {
    let text = as_csv(&clean_rows());
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(text.as_bytes());
    let (gbk, _, lossy) = encoding_rs::GBK.encode(&text);
    assert!(!lossy);
    for (bytes, format) in [
        (text.as_bytes().to_vec(), "csv-utf8"),
        (bom, "csv-utf8-bom"),
        (gbk.into_owned(), "csv-gb18030"),
    ] {
        let mut store = places_only();
        let report = run(&mut store, &bytes, "户.csv", ImportMode::All);
        assert_eq!(report.format, format);
        assert_eq!(report.counts.new, 3, "{format}: {:?}", report.rows);
        let zhang = store
            .household_by_id_number(&id_number(1))
            .unwrap()
            .unwrap();
        assert_eq!(zhang.head_name, "张三", "{format}");
        assert_eq!(zhang.village_name, "长沟村", "{format}");
    }
}

/// The problem of a report's row (by spreadsheet row number).
fn problem(report: &ImportReport, row: u32) -> (String, Option<String>, String) {
    let r = report
        .rows
        .iter()
        .find(|r| r.row == row)
        .unwrap_or_else(|| panic!("row {row} in {:?}", report.rows));
    let p = r
        .problems
        .iter()
        .find(|p| p.severity == "error")
        .unwrap_or_else(|| panic!("row {row} has no error: {:?}", r));
    (p.code.to_string(), p.column.clone(), p.message.clone())
}

fn problem_rows() -> Vec<Vec<C>> {
    let mut bad_check = id_number(11);
    bad_check.replace_range(17.., if bad_check.ends_with('0') { "1" } else { "0" });
    let row = |name: &str, id: C, village: &str| {
        vec![
            t(name),
            id,
            t("4"),
            t("鸡峰镇"),
            t(village),
            t("一组"),
            t(""),
        ]
    };
    vec![
        HEADER.iter().map(|h| t(h)).collect(),
        row("甲", t(&id_number(10)), "长沟村"), // 2: fine
        row("乙", t(&bad_check), "长沟村"),     // 3: check digit
        row("丙", C::N(621_221_199_001_011_234.0), "长沟村"), // 4: stored as a number
        row("丁", t("621221900101123"), "长沟村"), // 5: 15 digits
        row("戊", t(&id_number(12)), "月亮村"), // 6: no such village
        row("己", t(&id_number(10)), "长沟村"), // 7: same ID as row 2
        row("庚", t("6.21221E+17"), "长沟村"),  // 8: scientific text
        row("辛", t(&id_number(13).replace('2', "２")), "长沟村"), // 9: full-width, fine
    ]
}

#[test]
fn every_problem_is_reported_with_its_row_and_column() {
    let mut store = places_only();
    let file = xlsx(None, &problem_rows());
    let report = run(&mut store, &file, "问题.xlsx", ImportMode::DryRun);
    assert_eq!(report.counts.new, 2, "{:?}", report.rows);
    assert_eq!(report.counts.errors, 6);
    let col_b = Some("B".to_string());
    assert_eq!(problem(&report, 3).0, "ID_CHECK_DIGIT");
    assert_eq!(problem(&report, 3).1, col_b);
    let (code, column, message) = problem(&report, 4);
    assert_eq!((code.as_str(), &column), ("ID_AS_NUMBER", &col_b));
    assert!(
        message.contains("把该列设置为文本格式后重新录入"),
        "{message}"
    );
    assert_eq!(problem(&report, 5).0, "ID_15_DIGITS");
    assert_eq!(problem(&report, 5).1, col_b);
    let (code, column, _) = problem(&report, 6);
    assert_eq!(
        (code.as_str(), column.as_deref()),
        ("VILLAGE_UNKNOWN", Some("E"))
    );
    let (code, column, message) = problem(&report, 7);
    assert_eq!((code.as_str(), &column), ("DUPLICATE_IN_FILE", &col_b));
    assert!(message.contains("第 2 行"), "{message}");
    let (code, _, message) = problem(&report, 8);
    assert_eq!(code, "ID_AS_NUMBER");
    assert!(
        message.contains("把该列设置为文本格式后重新录入"),
        "{message}"
    );
    assert!(report.summary.contains("全部导入"), "{}", report.summary);
}

#[test]
fn import_all_writes_nothing_when_a_row_is_refused_and_valid_only_writes_the_rest() {
    let mut store = places_only();
    let file = xlsx(None, &problem_rows());
    let (households, log) = (household_count(&store), log_len(&store));
    let all = run(&mut store, &file, "问题.xlsx", ImportMode::All);
    assert!(!all.written);
    assert!(all.summary.contains("不能进行"), "{}", all.summary);
    assert_eq!(household_count(&store), households);
    assert_eq!(log_len(&store), log);

    let valid = run(&mut store, &file, "问题.xlsx", ImportMode::ValidOnly);
    assert!(valid.written);
    assert_eq!(household_count(&store), households + 2);
    assert!(store
        .household_by_id_number(&id_number(13))
        .unwrap()
        .is_some());
    assert!(store
        .household_by_id_number(&id_number(10))
        .unwrap()
        .is_some());
}

#[test]
fn missing_and_ambiguous_columns_stop_the_file() {
    let mut store = places_only();
    let missing = xlsx(
        None,
        &[
            vec![t("户主姓名"), t("家庭人口"), t("村")],
            vec![t("张三"), t("4"), t("长沟村")],
        ],
    );
    let report = run(&mut store, &missing, "缺列.xlsx", ImportMode::DryRun);
    let p = &report.file_problems[0];
    assert_eq!(
        (p.code.as_str(), p.row, p.header.as_deref()),
        ("COLUMN_MISSING", Some(1), Some("身份证号"))
    );
    assert!(report.rows.is_empty());

    let ambiguous = xlsx(
        None,
        &[
            vec![
                t("姓名"),
                t("身份证号"),
                t("公民身份号码"),
                t("家庭人口"),
                t("村"),
            ],
            vec![
                t("张三"),
                t(&id_number(1)),
                t(&id_number(1)),
                t("4"),
                t("长沟村"),
            ],
        ],
    );
    let report = run(&mut store, &ambiguous, "两列.xlsx", ImportMode::All);
    let p = &report.file_problems[0];
    assert_eq!(
        (p.code.as_str(), p.column.as_deref()),
        ("COLUMN_AMBIGUOUS", Some("B"))
    );
    assert!(p.message.contains("B、C"), "{}", p.message);
    assert!(!report.written);

    // The mapping step settles it: 身份证号 is column C.
    let mut opts = options(ImportKind::Households, ImportMode::All);
    opts.mapping.insert("idNumber".into(), "C".into());
    let report = import(&mut store, &ambiguous, "两列.xlsx", &opts).unwrap();
    assert_eq!(report.counts.new, 1, "{:?}", report);
}

#[test]
fn an_interrupted_import_leaves_the_database_as_it_was() {
    let mut store = places_only();
    let (households, log) = (household_count(&store), log_len(&store));
    let village_id = store.list_villages(Some("621221101")).unwrap()[0]
        .id
        .clone();
    let today = store.today();
    let items: Vec<u32> = (1..=5).collect();
    let result = store.import_rows(
        &items,
        |tx, writer, n| {
            if *n == 4 {
                return Err(Error::io("import.xlsx", std::io::Error::other("断电")));
            }
            let input = fieldbook::domain::households::HouseholdInput {
                head_name: format!("户{n}"),
                id_number: id_number(*n),
                size: 3,
                village_id: village_id.clone(),
                village_group: String::new(),
                category: "general".into(),
                year_lifted: None,
                phone: String::new(),
                notes: String::new(),
            };
            fieldbook::sheets::sql::households::import_household(
                tx,
                writer,
                today,
                &fieldbook::sheets::sql::households::HouseholdImport {
                    input,
                    absent: vec![],
                },
            )
        },
        |_| true,
    );
    assert!(result.is_err());
    assert_eq!(household_count(&store), households);
    assert_eq!(log_len(&store), log);
}

/// The same problems in a CSV file, in UTF-8, UTF-8 with BOM and GBK: same codes, rows, columns.
#[test]
fn every_problem_is_reported_the_same_in_csv_in_each_encoding() {
    let rows: Vec<Vec<String>> = problem_rows()
        .into_iter()
        .map(|r| {
            r.into_iter()
                .map(|c| match c {
                    C::T(s) => s,
                    // What Excel writes into a CSV for an ID it took as a number.
                    C::N(_) => "6.21221E+17".to_string(),
                })
                .collect()
        })
        .collect();
    let text = csv_text(
        &rows
            .iter()
            .map(|r| r.iter().map(String::as_str).collect())
            .collect::<Vec<Vec<&str>>>(),
    );
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(text.as_bytes());
    let (gbk, _, lossy) = encoding_rs::GBK.encode(&text);
    assert!(!lossy);
    for bytes in [text.as_bytes().to_vec(), bom, gbk.into_owned()] {
        let mut store = places_only();
        let report = run(&mut store, &bytes, "问题.csv", ImportMode::DryRun);
        let found: Vec<(String, Option<String>)> = (3..=8)
            .map(|row| {
                let (code, column, _) = problem(&report, row);
                (code, column)
            })
            .collect();
        let b = Some("B".to_string());
        assert_eq!(
            found,
            vec![
                ("ID_CHECK_DIGIT".into(), b.clone()),
                ("ID_AS_NUMBER".into(), b.clone()),
                ("ID_15_DIGITS".into(), b.clone()),
                ("VILLAGE_UNKNOWN".into(), Some("E".into())),
                ("DUPLICATE_IN_FILE".into(), b.clone()),
                ("ID_AS_NUMBER".into(), b),
            ],
            "{}",
            report.format
        );
        assert_eq!(report.counts.new, 2, "{}", report.format);
    }
}

#[test]
fn a_column_set_to_none_in_the_mapping_step_is_not_read() {
    let mut store = places_only();
    let file = xlsx(
        None,
        &[
            vec![
                t("户主姓名"),
                t("身份证号"),
                t("家庭人口"),
                t("村"),
                t("联系电话"),
            ],
            vec![t("张三"), t(&id_number(1)), t("4"), t("长沟村"), t("12345")],
        ],
    );
    let report = run(&mut store, &file, "电话.xlsx", ImportMode::DryRun);
    assert_eq!(problem(&report, 2).0, "PHONE_INVALID");
    assert_eq!(problem(&report, 2).1.as_deref(), Some("E"));
    let mut opts = options(ImportKind::Households, ImportMode::All);
    opts.mapping.insert("phone".into(), String::new());
    let report = import(&mut store, &file, "电话.xlsx", &opts).unwrap();
    assert_eq!(report.counts.new, 1, "{:?}", report.rows);
    assert!(report
        .columns
        .iter()
        .any(|c| c.key == "phone" && c.column.is_none()));
    let again = run(&mut store, &file, "电话.xlsx", ImportMode::DryRun);
    assert_eq!(
        again.counts.errors, 1,
        "the phone column is read again without the override"
    );
}

#[test]
fn a_sheet_spanning_a_far_corner_is_refused_before_it_is_laid_out() {
    // Two cells, A1 and XFD1048576: laid out densely, 17 billion cells.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "户主姓名").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let mut store = places_only();
    let before = log_len(&store);
    let err = import(
        &mut store,
        &bytes,
        "far.xlsx",
        &options(ImportKind::Households, ImportMode::All),
    )
    .unwrap_err();
    assert!(err.to_string().contains("范围过大"), "{err}");
    assert_eq!(log_len(&store), before);
}
