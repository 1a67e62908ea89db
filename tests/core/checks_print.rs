//! The 核查情况表 (issue 15, point 6) of 托里县 (654224, not the demo county): printed through
//! the print layer (stamped, in the print log, verifiable) and exported as xlsx (stamp sheet,
//! export audit), for the county or one township, one status or all; no personal number in
//! full even when a finding's evidence carries one.

use calamine::{open_workbook_auto_from_rs, Data, Reader};
use fieldbook::checks::{CheckCode, Finding, FindingFilter, FindingStatus, RecordRef};
use fieldbook::domain::places::VillageInput;
use fieldbook::print::forms::findings::FindingsScope;
use fieldbook::print::FormKind;
use fieldbook::sheets::export::Destination;
use fieldbook::sheets::findings::export_findings_to;
use fieldbook::Store;

use crate::checks_findings::toli;
use crate::print::{number_runs, save_and_read, squeezed};

const FULL_ID: &str = "654224198503120019";

/// Two findings: one across both townships whose evidence names a full ID number (as a rule
/// might by mistake), one in the first township only. Answers their ids in that order.
fn two_findings(store: &mut Store, townships: &[String], households: &[String]) -> [String; 2] {
    let across = Finding::new(
        CheckCode::F3_TWO_TOWNSHIPS_ONE_DAY,
        vec![
            RecordRef::new(
                "attendance",
                "a-1",
                format!("努尔兰 {FULL_ID} · 2026-03-02 上午"),
                Some(townships[0].clone()),
            ),
            RecordRef::new(
                "attendance",
                "a-2",
                "努尔兰 · 2026-03-02 下午",
                Some(townships[1].clone()),
            ),
        ],
        "努尔兰同一天在两个乡镇签到",
    )
    .compare("身份证号", FULL_ID)
    .compare("联系电话", "13909391234")
    .threshold("同一天两个乡镇");
    let local = Finding::new(
        CheckCode::F5_SHARED_PHONE,
        vec![RecordRef::new(
            "household",
            &households[0],
            "户主0",
            Some(townships[0].clone()),
        )],
        "三人共用一个手机号",
    )
    .compare("手机号", "138****0000")
    .threshold("3 人及以上");
    store
        .record_findings(&[across.clone(), local.clone()], "2026-03-01T08:00:00Z")
        .unwrap();
    [across.key(), local.key()].map(|key| {
        store
            .findings(&FindingFilter::default())
            .unwrap()
            .into_iter()
            .find(|f| f.key == key)
            .unwrap()
            .id
    })
}

#[test]
fn the_findings_form_prints_evidence_and_status_masked_stamped_and_verifiable() {
    let (mut store, townships, households) = toli();
    let [across, _] = two_findings(&mut store, &townships, &households);
    store
        .explain_finding(&across, "已电话回访，本人确认上午在第1镇", None, "县办马丽")
        .unwrap();

    let all = FindingsScope::default();
    let printed = store
        .print_form(FormKind::Findings, &all.record_id())
        .unwrap();
    let text = save_and_read("findings-toli", &printed.pdf);
    let flat = squeezed(&text);
    for expected in [
        "托里县核查情况表",
        "共2条",
        "第1镇、第2镇",
        "同一人同一天在两个乡镇签到",
        "努尔兰同一天在两个乡镇签到",
        "身份证号：654224********0019",
        "联系电话：139****1234",
        "阈值：同一天两个乡镇",
        "已说明：已电话回访，本人确认上午在第1镇（县办马丽",
        "待核查",
        "2026年3月1日",
        "填报单位（盖章）",
        "审核人",
    ] {
        assert!(flat.contains(expected), "{expected} missing from\n{text}");
    }
    assert!(!flat.contains(FULL_ID), "a full ID printed:\n{text}");
    assert!(number_runs(&text).is_empty(), "{:?}", number_runs(&text));

    // The print log knows it; a review after printing makes the paper an older version.
    let verified = store.verify_print(&printed.stamp.hash).unwrap();
    assert_eq!(verified.status, "current", "{}", verified.message);
    assert_eq!(verified.form, Some(FormKind::Findings));
    store
        .confirm_finding(&across, "回访否认", "县办马丽")
        .unwrap();
    let later = store.verify_print(&printed.stamp.hash).unwrap();
    assert_eq!(later.status, "older", "{}", later.message);
    assert!(later.content_changed);
}

#[test]
fn the_findings_form_of_a_township_and_status_prints_only_those() {
    let (mut store, townships, households) = toli();
    two_findings(&mut store, &townships, &households);
    // The second township is involved only in the cross-township finding.
    let second = FindingsScope {
        township_id: Some(townships[1].clone()),
        status: Some(FindingStatus::Open),
    };
    let printed = store
        .print_form(FormKind::Findings, &second.record_id())
        .unwrap();
    let flat = squeezed(&save_and_read("findings-township", &printed.pdf));
    assert!(flat.contains("第2镇核查情况表"), "{flat}");
    assert!(flat.contains("状态：待核查"));
    assert!(flat.contains("共1条"));
    assert!(flat.contains("努尔兰同一天在两个乡镇签到"));
    assert!(!flat.contains("三人共用一个手机号"));

    // A status with nothing in it prints an empty form saying so, not an error.
    let none = FindingsScope {
        township_id: None,
        status: Some(FindingStatus::Dismissed),
    };
    let empty = store
        .print_form(FormKind::Findings, &none.record_id())
        .unwrap();
    let flat = squeezed(&save_and_read("findings-none", &empty.pdf));
    assert!(flat.contains("没有符合条件的核查发现"), "{flat}");

    let err = store.print_form(FormKind::Findings, "nowhere").unwrap_err();
    assert_eq!(err.code(), fieldbook::Code::USAGE);
}

fn first_sheet(bytes: &[u8]) -> Vec<Vec<Data>> {
    let mut book = open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

#[test]
fn the_findings_export_is_masked_filtered_and_noted_in_the_audit() {
    let (mut store, townships, households) = toli();
    let [across, _] = two_findings(&mut store, &townships, &households);
    store
        .dismiss_finding(&across, "两镇为同一培训的上下午场次", "县办马丽")
        .unwrap();
    let dir = tempfile::tempdir().unwrap();

    let out = dir.path().join("all.xlsx");
    let (path, summary) = export_findings_to(&store, None, None, Destination::File(&out)).unwrap();
    assert_eq!(path, out);
    assert_eq!(summary.rows, 2);
    assert_eq!(summary.title, "托里县核查情况表");
    let rows = first_sheet(&std::fs::read(&out).unwrap());
    let cells: Vec<String> = rows.iter().flatten().map(|c| c.to_string()).collect();
    let all = cells.join("|");
    assert!(!all.contains(FULL_ID), "a full ID exported");
    assert!(all.contains("654224********0019"));
    assert!(all.contains("排除"));
    assert!(all.contains("两镇为同一培训的上下午场次"));
    let header = rows
        .iter()
        .find(|r| r.first().map(|c| c.to_string()) == Some("序号".into()))
        .expect("a header row");
    assert!(header.contains(&Data::String("比对的数据".into())));

    // One township (by its code), one status: only the open finding filed there.
    let code = store
        .list_townships()
        .unwrap()
        .into_iter()
        .find(|t| t.id == townships[0])
        .unwrap()
        .code;
    let open = dir.path().join("open.xlsx");
    let (_, open_summary) = export_findings_to(
        &store,
        Some(&code),
        Some(FindingStatus::Open),
        Destination::File(&open),
    )
    .unwrap();
    assert_eq!(open_summary.rows, 1);
    assert_eq!(open_summary.township_code, code);

    let audit = store.export_audit().unwrap();
    assert_eq!(audit.len(), 2);
    assert_eq!(
        (
            audit[1].kind.as_str(),
            audit[1].scope.as_str(),
            audit[1].rows
        ),
        ("findings", "county", 2)
    );
    assert!(audit.iter().all(|a| !a.full_ids));
    assert_eq!(audit[0].scope, code);
}

fn fieldbook(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_fieldbook"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("FIELDBOOK_DB")
        .env("FIELDBOOK_OFFICER", "县办马丽")
        .output()
        .expect("run fieldbook")
}

#[test]
fn the_cli_prints_and_exports_the_findings_of_a_township_and_refuses_a_bad_status() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("toli.db");
    {
        let mut store = Store::open(&db).unwrap();
        store.set_officer("县办马丽");
        store.create_county("654224", "托里县").unwrap();
        let mut townships = Vec::new();
        let mut households = Vec::new();
        for t in 0..2 {
            let code = format!("654224{}", 100 + t);
            let township = store
                .add_township(&code, &format!("第{}镇", t + 1))
                .unwrap();
            let village = store
                .add_village(&VillageInput {
                    township_code: code.clone(),
                    code: format!("{code}201"),
                    name: format!("第{}村", t + 1),
                    poor: t == 0,
                })
                .unwrap();
            townships.push(township.id);
            households.push(crate::sync::add_household(
                &mut store,
                &village.id,
                &format!("户主{t}"),
                &format!("65422419800101{t:03}X"),
            ));
        }
        two_findings(&mut store, &townships, &households);
    }
    let pdf = dir.path().join("核查.pdf");
    let out = fieldbook(
        &db,
        &[
            "check",
            "print",
            "--out",
            pdf.to_str().unwrap(),
            "--township",
            "第2镇",
            "--json",
        ],
    );
    let printed: serde_json::Value =
        serde_json::from_slice(&crate::succeeded(&out).stdout).unwrap();
    assert_eq!(printed["pages"], 1);
    let text = squeezed(&crate::print::pdf_text(&pdf));
    assert!(text.contains("第2镇核查情况表"), "{text}");
    assert!(!text.contains("三人共用一个手机号"));

    let xlsx = dir.path().join("核查.xlsx");
    let out = fieldbook(
        &db,
        &[
            "check",
            "export",
            "--out",
            xlsx.to_str().unwrap(),
            "--status",
            "open",
            "--json",
        ],
    );
    let summary: serde_json::Value =
        serde_json::from_slice(&crate::succeeded(&out).stdout).unwrap();
    assert_eq!(summary["rows"], 2);
    assert_eq!(
        first_sheet(&std::fs::read(&xlsx).unwrap())[0][0],
        Data::String("托里县核查情况表（待核查）".into())
    );

    let bad = fieldbook(
        &db,
        &[
            "check",
            "export",
            "--out",
            xlsx.to_str().unwrap(),
            "--status",
            "maybe",
            "--json",
        ],
    );
    assert_eq!(bad.status.code(), Some(1));
    let err: serde_json::Value = serde_json::from_slice(&bad.stdout).unwrap();
    assert_eq!(err["error"]["code"], "FINDING_STATUS");
}
