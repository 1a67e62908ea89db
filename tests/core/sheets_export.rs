//! Exports: IDs stay 18-digit text when the file is read again, an export imported again changes
//! nothing, totals and the footer are there, the hidden sheet recognises the file.

use calamine::{open_workbook_auto_from_rs, Data, Reader};
use fieldbook::domain::households::HouseholdInput;
use fieldbook::sheets::{export_xlsx, import, ExportKind, ImportKind, ImportMode};
use fieldbook::Store;

use crate::records::{id_number, places_only};
use crate::sheets::{log_len, options};

/// Households in two of 鸡峰镇's villages (one with every optional field) and one elsewhere.
fn store_with_households() -> Store {
    let mut store = places_only();
    let jifeng = store.list_villages(Some("621221101")).unwrap();
    let other = store
        .list_villages(None)
        .unwrap()
        .into_iter()
        .find(|v| v.township_code != "621221101")
        .unwrap();
    let mut inputs = Vec::new();
    for n in 1..=6u32 {
        inputs.push(HouseholdInput {
            head_name: format!("户{n}"),
            id_number: id_number(n),
            size: n,
            village_id: jifeng[(n % 2) as usize].id.clone(),
            village_group: format!("{n}组"),
            category: if n == 2 {
                "dibao".into()
            } else {
                "general".into()
            },
            year_lifted: (n % 3 == 0).then_some(2019),
            phone: if n == 1 {
                "13800138000".into()
            } else {
                String::new()
            },
            notes: if n == 4 {
                "外出务工（长期），\"返乡\"，Ａ组".into()
            } else {
                String::new()
            },
        });
    }
    inputs.push(HouseholdInput {
        head_name: "外乡户".into(),
        id_number: id_number(77),
        size: 2,
        village_id: other.id,
        village_group: String::new(),
        category: "general".into(),
        year_lifted: None,
        phone: String::new(),
        notes: String::new(),
    });
    store.add_households(&inputs).unwrap();
    store
}

pub(crate) fn sheet_cells(bytes: &[u8]) -> Vec<Vec<Data>> {
    let mut book = open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let first = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&first).unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

#[test]
fn an_exported_register_keeps_ids_as_18_digit_text() {
    let store = store_with_households();
    let (bytes, summary) = export_xlsx(
        &store,
        ExportKind::Households,
        Some("621221101"),
        Some("2019"),
    )
    .unwrap();
    assert_eq!(summary.rows, 6);
    assert_eq!(summary.township_code, "621221101");
    let rows = sheet_cells(&bytes);
    assert_eq!(rows[0][0], Data::String("鸡峰镇建档立卡户登记表".into()));
    let header: Vec<String> = rows[2].iter().map(|c| c.to_string()).collect();
    let id_col = header.iter().position(|h| h == "身份证号").unwrap();
    let phone_col = header.iter().position(|h| h == "联系电话").unwrap();
    let mut ids: Vec<String> = Vec::new();
    for row in &rows[3..9] {
        match &row[id_col] {
            Data::String(s) => {
                assert_eq!(s.len(), 18, "{s}");
                ids.push(s.clone());
            }
            other => panic!("ID cell is not text: {other:?}"),
        }
        assert!(matches!(row[phone_col], Data::String(_) | Data::Empty));
    }
    ids.sort();
    let mut want: Vec<String> = (1..=6).map(id_number).collect();
    want.sort();
    assert_eq!(ids, want, "every digit intact");
    assert!(matches!(
        &rows[1][phone_col - 1],
        Data::Empty | Data::String(_)
    ));
    // Totals under the data: 6 households, 1 + 2 + … + 6 = 21 people; then the footer.
    let totals = &rows[9];
    assert_eq!(totals[0], Data::String("合计（6 条）".into()));
    let size_col = header.iter().position(|h| h == "家庭人口").unwrap();
    assert_eq!(totals[size_col], Data::Float(21.0));
    let footer = rows[11][0].to_string();
    for part in ["填报单位（盖章）", "填报人", "审核人", "填报日期"] {
        assert!(footer.contains(part), "{footer}");
    }
}

#[test]
fn export_then_import_of_the_same_township_changes_nothing() {
    let mut store = store_with_households();
    let (bytes, _) = export_xlsx(&store, ExportKind::Households, Some("鸡峰镇"), None).unwrap();
    let log = log_len(&store);
    let opts = options(ImportKind::Households, ImportMode::All);
    let report = import(&mut store, &bytes, "鸡峰镇建档立卡户登记表.xlsx", &opts).unwrap();
    assert!(
        report.file_problems.is_empty(),
        "{:?}",
        report.file_problems
    );
    assert_eq!(
        (
            report.counts.new,
            report.counts.updated,
            report.counts.unchanged,
            report.counts.errors
        ),
        (0, 0, 6, 0),
        "{:#?}",
        report.rows
    );
    assert_eq!(log_len(&store), log, "no change-log entry");
    let stamp = report.stamp.expect("the hidden sheet is read");
    assert_eq!(
        (stamp.kind.as_str(), stamp.township_code.as_str()),
        ("households", "621221101")
    );
    assert!(stamp.checksum_ok);
}

#[test]
fn every_template_exports_for_the_demo_county() {
    let mut store = Store::open_in_memory().unwrap();
    fieldbook::demo::load_demo(&mut store).unwrap();
    for kind in [
        ExportKind::Households,
        ExportKind::Roster,
        ExportKind::Ledger,
        ExportKind::Attendance,
        ExportKind::Summary,
    ] {
        let (bytes, summary) = export_xlsx(&store, kind, None, None).unwrap();
        assert!(summary.rows > 0, "{kind:?}");
        let rows = sheet_cells(&bytes);
        let total_row = rows
            .iter()
            .find(|r| r[0].to_string().starts_with("合计"))
            .unwrap_or_else(|| panic!("{kind:?} has no totals row"));
        assert_eq!(
            total_row[0].to_string(),
            format!("合计（{} 条）", summary.rows)
        );
    }
    // The summary's household count adds up to the register.
    let (bytes, _) = export_xlsx(&store, ExportKind::Summary, None, None).unwrap();
    let rows = sheet_cells(&bytes);
    let total = rows
        .iter()
        .find(|r| r[0].to_string().starts_with("合计"))
        .unwrap();
    let (register, _) = export_xlsx(&store, ExportKind::Households, None, None).unwrap();
    let register_rows = sheet_cells(&register)
        .iter()
        .filter(|r| matches!(r[0], Data::Float(_)))
        .count();
    assert_eq!(total[4], Data::Float(register_rows as f64));
}

fn fieldbook(db: &std::path::Path, args: &[&std::ffi::OsStr]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_fieldbook"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("FIELDBOOK_DB")
        .output()
        .expect("run fieldbook")
}

#[test]
fn the_cli_exports_and_imports_with_json_and_exit_codes() {
    let (dir, db) = crate::temp_db();
    let os = |s: &str| std::ffi::OsString::from(s);
    crate::succeeded(fieldbook(&db, &[&os("demo")]));
    let out = dir.path().join("鸡峰镇.xlsx");
    let export = crate::succeeded(fieldbook(
        &db,
        &[
            &os("export"),
            &os("households"),
            &os("--township"),
            &os("621221101"),
            &os("--out"),
            out.as_os_str(),
            &os("--json"),
        ],
    ));
    let summary: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    assert!(summary["rows"].as_u64().unwrap() > 0);

    let import = crate::succeeded(fieldbook(
        &db,
        &[
            &os("import"),
            &os("households"),
            out.as_os_str(),
            &os("--json"),
        ],
    ));
    let report: serde_json::Value = serde_json::from_slice(&import.stdout).unwrap();
    assert_eq!(report["counts"]["unchanged"], summary["rows"]);
    assert_eq!(report["counts"]["new"], 0);

    // A file with a refused row: "all" exits 1 and writes nothing; the dry run exits 0.
    let csv = dir.path().join("bad.csv");
    std::fs::write(
        &csv,
        "户主姓名,身份证号,家庭人口,村代码\n张三,6.21221E+17,3,621221101201\n",
    )
    .unwrap();
    let all = fieldbook(
        &db,
        &[
            &os("import"),
            &os("households"),
            csv.as_os_str(),
            &os("--json"),
        ],
    );
    assert_eq!(all.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&all.stdout).unwrap();
    assert_eq!(report["written"], false);
    assert_eq!(report["rows"][0]["problems"][0]["code"], "ID_AS_NUMBER");
    assert_eq!(report["rows"][0]["problems"][0]["column"], "B");
    crate::succeeded(fieldbook(
        &db,
        &[
            &os("import"),
            &os("households"),
            csv.as_os_str(),
            &os("--dry-run"),
            &os("--json"),
        ],
    ));
}

/// A township's roster and attendance exports, imported into one agreement / one session of
/// it: that record's rows are unchanged, rows of other records are refused, nothing is written.
#[test]
fn roster_and_attendance_exports_import_back_without_change() {
    let mut store = Store::open_in_memory().unwrap();
    fieldbook::demo::load_demo(&mut store).unwrap();
    let log = log_len(&store);

    let agreement = store.list_agreements(None, None).unwrap()[0].clone();
    let operator_township = {
        let a = store.agreement(&agreement.id).unwrap();
        let op = store.operator(&a.operator_id).unwrap();
        store
            .village(op.village_id.as_deref().unwrap())
            .unwrap()
            .township_code
    };
    let (bytes, _) =
        export_xlsx(&store, ExportKind::Roster, Some(&operator_township), None).unwrap();
    let mut opts = options(ImportKind::Roster, ImportMode::ValidOnly);
    opts.into = Some(agreement.number.clone());
    let report = import(&mut store, &bytes, "花名册.xlsx", &opts).unwrap();
    let roster_len = store.roster(&agreement.id).unwrap().len() as u32;
    assert_eq!(
        report.counts.unchanged,
        roster_len,
        "{:?}",
        report.rows.iter().find(|r| r.outcome == "error")
    );
    assert_eq!((report.counts.new, report.counts.updated), (0, 0));
    assert!(report
        .rows
        .iter()
        .filter(|r| r.outcome == "error")
        .all(|r| r.problems[0].code == "ROSTER_OTHER_AGREEMENT"));

    let session = store
        .list_training_sessions(None, None)
        .unwrap()
        .into_iter()
        .find(|s| s.person_times > 0 && !s.township_name.is_empty())
        .unwrap();
    let township = store.find_township(&session.township_name).unwrap().code;
    let (bytes, _) = export_xlsx(&store, ExportKind::Attendance, Some(&township), None).unwrap();
    let mut opts = options(ImportKind::Attendance, ImportMode::ValidOnly);
    opts.into = Some(session.id.clone());
    let report = import(&mut store, &bytes, "签到表.xlsx", &opts).unwrap();
    // One exported row per person and slot: the session's sign-ins, not its 人次.
    let signed_in = store.attendance(&session.id).unwrap().len() as u32;
    assert_eq!(
        report.counts.unchanged,
        signed_in,
        "{:?}",
        report.rows.iter().find(|r| r.outcome == "error")
    );
    assert_eq!((report.counts.new, report.counts.updated), (0, 0));
    assert!(report
        .rows
        .iter()
        .filter(|r| r.outcome == "error")
        .all(|r| r.problems[0].code == "ATTENDANCE_OTHER_SESSION"));
    assert_eq!(log_len(&store), log, "no change-log entry");
}

#[test]
fn every_export_is_audited_with_whether_it_held_full_ids() {
    use fieldbook::sheets::{export_to, Destination};
    let store = store_with_households();
    let dir = tempfile::tempdir().unwrap();
    let (first, _) = export_to(
        &store,
        ExportKind::Households,
        Some("鸡峰镇"),
        None,
        Destination::NewFileIn(dir.path()),
    )
    .unwrap();
    let (second, _) = export_to(
        &store,
        ExportKind::Households,
        Some("鸡峰镇"),
        None,
        Destination::NewFileIn(dir.path()),
    )
    .unwrap();
    assert_ne!(first, second, "a second export never overwrites the first");
    let named = dir.path().join("summary.xlsx");
    export_to(
        &store,
        ExportKind::Summary,
        None,
        None,
        Destination::File(&named),
    )
    .unwrap();
    assert!(named.exists());

    let audit = store.export_audit().unwrap();
    assert_eq!(audit.len(), 3);
    assert_eq!(audit[0].kind, "summary");
    assert!(!audit[0].full_ids, "the summary holds no ID numbers");
    assert_eq!(audit[0].destination, named.display().to_string());
    assert_eq!(audit[1].kind, "households");
    assert!(audit[1].full_ids);
    assert_eq!(audit[1].scope, "621221101");
    assert_eq!(audit[1].rows, 6);
    assert_eq!(audit[2].destination, first.display().to_string());
}

/// Copies an export cell by cell into a new workbook (the hidden sheet too), changing the cell
/// at (`row`, `col`) of the first sheet when given: what a clerk editing the file in WPS does.
fn copy_export(bytes: &[u8], change: Option<(usize, usize, &str)>) -> Vec<u8> {
    let mut source = open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    for (index, name) in source.sheet_names().into_iter().enumerate() {
        let range = source.worksheet_range(&name).unwrap();
        let sheet = book.add_worksheet();
        sheet.set_name(&name).unwrap();
        let top = range.start().unwrap().0;
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let at = (top + r as u32, c as u16);
                match (change, cell) {
                    (Some((cr, cc, value)), _) if index == 0 && (cr, cc) == (r, c) => {
                        sheet.write_string(at.0, at.1, value).unwrap();
                    }
                    (_, Data::Float(f)) => {
                        sheet.write_number(at.0, at.1, *f).unwrap();
                    }
                    (_, Data::Empty) => {}
                    (_, other) => {
                        sheet.write_string(at.0, at.1, other.to_string()).unwrap();
                    }
                }
            }
        }
        if index > 0 {
            sheet.set_hidden(true);
        }
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn an_export_edited_after_it_left_fails_its_checksum() {
    let mut store = store_with_households();
    let (bytes, _) = export_xlsx(&store, ExportKind::Households, Some("鸡峰镇"), None).unwrap();
    let dry = options(ImportKind::Households, ImportMode::DryRun);

    let faithful = copy_export(&bytes, None);
    let report = import(&mut store, &faithful, "copy.xlsx", &dry).unwrap();
    assert!(report.stamp.expect("hidden sheet").checksum_ok);

    // Row 4 (0-based 3) is the first household; column 4 is 户主姓名.
    let edited = copy_export(&bytes, Some((3, 4, "改过的名字")));
    let report = import(&mut store, &edited, "edited.xlsx", &dry).unwrap();
    let stamp = report.stamp.expect("hidden sheet");
    assert_eq!(stamp.kind, "households");
    assert!(!stamp.checksum_ok, "an edited file is recognised as edited");
}
