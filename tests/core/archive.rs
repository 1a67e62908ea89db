//! Project archives (项目档案, issue 16 point 4) in 霍邱县 (341522), not the demo county: a
//! programme's zip holds the index, the fund lists, the notice with its posted photo, each
//! operator's application files, contract scan, agreement (roster, ledger, scan) and
//! acceptance report with its photo; every printed form verifies; `verify_archive` passes on
//! it and names a file removed, altered or added. The demo's programme through the CLI.

use std::io::{Read, Write};
use std::path::Path;

use fieldbook::domain::inspections::Stage;
use fieldbook::domain::operators::OperatorKind;
use fieldbook::domain::training::TrainingKind;
use fieldbook::print::archive::{
    verify_archive, ArchiveManifest, DocKind, INDEX_ENTRY, MANIFEST_ENTRY,
};
use fieldbook::print::FormKind;
use fieldbook::store::entities::FUND_APPLICATION;
use fieldbook::store::write::{self, Op};
use fieldbook::{Code, Error};
use rusqlite::types::Value as SqlValue;

use crate::funds_setup::{award_input, huoqiu, payment, results_notice};
use crate::print::{pdf_text, squeezed};
use crate::targets::{trainees, County};
use crate::{fieldbook_cli, succeeded, temp_db};

const JPEG: &[u8] = b"\xFF\xD8\xFF\xE0 acceptance photo of the shop front";
const NOTICE_JPEG: &[u8] = b"\xFF\xD8\xFF\xE0 the notice on the board";
const SCAN: &[u8] = b"%PDF-1.4 /Type /Pages /Count 2 /Type /Page a /Type /Page b";
const LICENCE: &[u8] = b"\x89PNG\r\n\x1a\nbusiness licence";

struct Programme {
    c: County,
    id: String,
    inspection: String,
}

/// An application approved by the county with the licence it was handed in with.
fn approved_with_licence(c: &mut County, programme: &str, operator: &str) -> String {
    let sha = c
        .store
        .store_fund_document("营业执照.png", LICENCE)
        .unwrap();
    let documents =
        serde_json::json!([{ "kind": "licence", "sha256": sha, "name": "营业执照.png" }]);
    let id = fieldbook::store::new_id();
    let text = |s: &str| SqlValue::Text(s.to_string());
    let values = [
        ("programme_id", text(programme)),
        ("operator_id", text(operator)),
        ("class_key", text("poor")),
        ("applied_date", text("2019-04-01")),
        ("documents", text(&documents.to_string())),
        ("decision", text("approved")),
        ("decided_by", text("县电商领导小组")),
        ("decided_date", text("2019-04-20")),
    ];
    c.store
        .write(|tx, w| write::record(tx, w, &FUND_APPLICATION, &id, Op::Create, &values))
        .unwrap();
    id
}

/// 霍邱县's demonstration-shop programme: 示范店甲 applied, awarded, signed (with the scan) and
/// paid, bound by an agreement with a scan and inspected with a photo; 示范店乙 only bound by
/// an agreement; the results notice posted with its photo.
fn programme() -> Programme {
    let mut c = huoqiu();
    let id = c.programme("chengxian-2019-demo-shop", None);
    let p = c.store.programme(&id).unwrap();
    let jia = c.operator(OperatorKind::DemoShop, 0, "示范店甲");
    let yi = c.operator(OperatorKind::DemoShop, 2, "示范店乙");
    let application = approved_with_licence(&mut c, &id, &jia);
    let award = c
        .store
        .award_funds(&award_input(&application, ""))
        .unwrap()
        .record
        .id;
    let contract = c.store.store_fund_document("合同.pdf", SCAN).unwrap();
    c.store
        .sign_fund_contract(&fieldbook::domain::funds::ContractInput {
            award_id: award.clone(),
            contract_no: "HQ-HT-001".into(),
            contract_date: "2019-05-01".into(),
            scan_sha256: Some(contract),
        })
        .unwrap();
    c.store.pay_tranche(&payment(&award, 1)).unwrap();
    let households = [c.household(0, 1), c.household(0, 2)];
    let agreement = c.agreement(&jia, "HQ-2019-01", &p.name, p.year, &households);
    c.store
        .attach_scan(&agreement, "协议.pdf", b"%PDF-1.4 signed agreement")
        .unwrap();
    c.agreement(&yi, "HQ-2019-02", &p.name, p.year, &households[..1]);
    c.inspect(&jia, &id, Stage::Acceptance, "2019-11-20", true);
    let inspection = c.store.list_inspections(Some(&id)).unwrap()[0].id.clone();
    c.store
        .add_inspection_photo(&inspection, "门店.jpg", JPEG, "门店")
        .unwrap();
    let notice = results_notice(&mut c.store, &id, &["示范店甲"], "2019-11-25", "2019-12-05");
    c.store
        .attach_notice_photo(&notice, "公示栏.jpg", NOTICE_JPEG)
        .unwrap();
    Programme { c, id, inspection }
}

fn manifest_of(zip: &Path) -> ArchiveManifest {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    let mut text = String::new();
    archive
        .by_name(MANIFEST_ENTRY)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    serde_json::from_str(&text).unwrap()
}

fn entry(zip: &Path, name: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    let mut bytes = Vec::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_end(&mut bytes)
        .unwrap();
    bytes
}

/// A copy of `from` with `change` applied to each entry: `None` leaves it out, `Some` writes
/// these bytes under its name; `extra` entries are added.
fn copy_zip(
    from: &Path,
    to: &Path,
    change: impl Fn(&str, Vec<u8>) -> Option<Vec<u8>>,
    extra: &[(&str, &[u8])],
) {
    let mut source = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for i in 0..source.len() {
        let mut file = source.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).unwrap();
        if let Some(bytes) = change(&name, bytes) {
            out.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            out.write_all(&bytes).unwrap();
        }
    }
    for (name, bytes) in extra {
        out.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(bytes).unwrap();
    }
    out.finish().unwrap();
}

fn codes(check: &fieldbook::print::archive::ArchiveCheck) -> Vec<(Code, String)> {
    check
        .problems
        .iter()
        .map(|p| (p.code, p.path.clone()))
        .collect()
}

#[test]
fn a_programme_archive_holds_every_document_by_operator_and_kind_and_its_index_lists_them() {
    let Programme {
        mut c,
        id,
        inspection,
    } = programme();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("霍邱项目档案.zip");
    let report = c.store.archive_programme(&id, &out).unwrap();
    assert!(report.missing.is_empty(), "{:?}", report.missing);
    let manifest = manifest_of(&out);
    let paths: Vec<&str> = manifest.files.iter().map(|f| f.path.as_str()).collect();
    let shop = "实施主体/第1镇/示范店甲";
    assert_eq!(
        paths,
        [
            INDEX_ENTRY.to_string(),
            "项目资金/资金拨付明细表.pdf".into(),
            "项目资金/资金使用情况表.pdf".into(),
            "公示/2019-11-25-关于2019年电商项目验收结果的公示.pdf".into(),
            "公示/2019-11-25-关于2019年电商项目验收结果的公示-张贴照片.jpg".into(),
            format!("{shop}/申报审批表-2019-04-01.pdf"),
            format!("{shop}/申报材料-1-营业执照.png"),
            format!("{shop}/合同扫描件.pdf"),
            format!("{shop}/帮扶协议-HQ-2019-01-带贫花名册.pdf"),
            format!("{shop}/帮扶协议-HQ-2019-01-帮扶台账.pdf"),
            format!("{shop}/帮扶协议-HQ-2019-01-扫描件.pdf"),
            format!("{shop}/验收报告-2019-11-20.pdf"),
            format!("{shop}/验收照片-2019-11-20-1.jpg"),
            "实施主体/第2镇/示范店乙/帮扶协议-HQ-2019-02-带贫花名册.pdf".into(),
            "实施主体/第2镇/示范店乙/帮扶协议-HQ-2019-02-帮扶台账.pdf".into(),
        ]
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
    );
    assert_eq!(report.files, 15);
    assert_eq!((report.printed, report.attachments), (9, 5));
    assert_eq!(manifest.scope.id, id);
    assert_eq!(manifest.county, "霍邱县");
    assert_eq!(manifest.database_id, c.store.database_id().unwrap());
    assert_eq!(manifest.created_at, "2019-12-20T12:00:00Z");

    // Attachments as stored, their pages counted; every size and hash as listed.
    assert_eq!(
        entry(&out, &format!("{shop}/验收照片-2019-11-20-1.jpg")),
        JPEG
    );
    let contract = manifest
        .files
        .iter()
        .find(|f| f.path.ends_with("合同扫描件.pdf"));
    assert_eq!(contract.unwrap().pages, Some(2));
    for f in &manifest.files {
        let bytes = entry(&out, &f.path);
        assert_eq!(bytes.len() as u64, f.bytes, "{}", f.path);
        assert_eq!(
            fieldbook::digest::sha256_hex(&bytes),
            f.sha256,
            "{}",
            f.path
        );
    }

    // Each form was printed fresh and logged: its hash verifies as the current version.
    let report_pdf = manifest
        .files
        .iter()
        .find(|f| f.path.ends_with("验收报告-2019-11-20.pdf"))
        .unwrap();
    assert_eq!(report_pdf.record_id, inspection);
    let verified = c.store.verify_print(&report_pdf.print_hash).unwrap();
    assert_eq!(verified.status, "current", "{}", verified.message);
    let acceptance = dir.path().join("acceptance.pdf");
    std::fs::write(&acceptance, entry(&out, &report_pdf.path)).unwrap();
    assert!(squeezed(&pdf_text(&acceptance)).contains("示范店甲"));

    // The index names every other document with its kind, date and hash.
    let index = dir.path().join("index.pdf");
    std::fs::write(&index, entry(&out, INDEX_ENTRY)).unwrap();
    let text = squeezed(&pdf_text(&index));
    assert!(text.contains("示范店甲项目档案目录") || text.contains("项目档案目录"));
    assert!(text.contains("共14个文件"), "{text}");
    for f in &manifest.files[1..] {
        assert!(
            text.contains(&f.sha256[..32]),
            "{} not in the index",
            f.path
        );
        assert!(
            text.contains(&f.sha256[32..]),
            "{} not in the index",
            f.path
        );
    }
    for kind in [
        "申报审批表（打印件）",
        "核验报告（打印件）",
        "核验照片（原件）",
        "申报材料（原件）",
        "资金拨付明细表（打印件）",
    ] {
        assert!(text.contains(kind), "{kind} not in the index");
    }
    assert!(text.contains("2019年11月20日"));
    assert!(text.contains("2019年4月1日"), "the application form's date");

    // The application form is the application's, printed and logged like any form.
    let form = manifest
        .files
        .iter()
        .find(|f| f.kind == Some(DocKind::ApplicationForm))
        .unwrap();
    assert_eq!(form.form, Some(FormKind::Application));
    assert_eq!(form.date, "2019-04-01");
    assert_eq!(
        c.store.verify_print(&form.print_hash).unwrap().status,
        "current"
    );
    let application = dir.path().join("application.pdf");
    std::fs::write(&application, entry(&out, &form.path)).unwrap();
    let text = squeezed(&pdf_text(&application));
    assert!(
        text.contains("项目申报审批表") && text.contains("示范店甲"),
        "{text}"
    );
    assert!(text.contains("县电商领导小组"), "{text}");
}

#[test]
fn verify_passes_on_the_archive_and_names_a_file_removed_altered_or_added() {
    let Programme { mut c, id, .. } = programme();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("archive.zip");
    c.store.archive_programme(&id, &out).unwrap();
    let check = verify_archive(&out).unwrap();
    assert!(check.ok, "{:?}", check.problems);
    assert_eq!(check.files, 15);
    assert_eq!(check.scope.id, id);

    let ledger = "实施主体/第2镇/示范店乙/帮扶协议-HQ-2019-02-帮扶台账.pdf";
    let removed = dir.path().join("removed.zip");
    copy_zip(&out, &removed, |name, b| (name != ledger).then_some(b), &[]);
    let check = verify_archive(&removed).unwrap();
    assert!(!check.ok);
    assert_eq!(codes(&check), [(Code::ARCHIVE_FILE_MISSING, ledger.into())]);

    let photo = "实施主体/第1镇/示范店甲/验收照片-2019-11-20-1.jpg";
    let altered = dir.path().join("altered.zip");
    copy_zip(
        &out,
        &altered,
        |name, mut b| {
            if name == photo {
                b[10] ^= 1;
            }
            Some(b)
        },
        &[],
    );
    let check = verify_archive(&altered).unwrap();
    assert_eq!(codes(&check), [(Code::ARCHIVE_FILE_ALTERED, photo.into())]);
    assert!(check.problems[0].message.contains("已被改动"));

    let added = dir.path().join("added.zip");
    copy_zip(&out, &added, |_, b| Some(b), &[("公示/补充照片.jpg", JPEG)]);
    let check = verify_archive(&added).unwrap();
    assert_eq!(
        codes(&check),
        [(Code::ARCHIVE_FILE_EXTRA, "公示/补充照片.jpg".into())]
    );

    // Folders an archive tool adds when a clerk re-packs the files are not extra files.
    let repacked = dir.path().join("repacked.zip");
    copy_zip(&out, &repacked, |_, b| Some(b), &[("公示/", b"")]);
    assert!(verify_archive(&repacked).unwrap().ok);
}

fn refused(result: fieldbook::Result<impl std::fmt::Debug>) -> (Code, String) {
    let error: Error = result.unwrap_err();
    (error.code(), error.to_string())
}

#[test]
fn what_is_not_an_archive_is_refused_with_its_own_code() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.zip");
    std::fs::write(&text, "这不是压缩包").unwrap();
    assert_eq!(
        refused(verify_archive(&text)).0,
        Code::ARCHIVE_NOT_AN_ARCHIVE
    );

    let cut = dir.path().join("cut.zip");
    std::fs::write(&cut, b"PK\x03\x04 and then nothing").unwrap();
    assert_eq!(refused(verify_archive(&cut)).0, Code::ARCHIVE_CORRUPT);

    let plain = |name: &str, entries: &[(&str, &[u8])]| {
        let path = dir.path().join(name);
        let mut out = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        for (entry, bytes) in entries {
            out.start_file(*entry, zip::write::SimpleFileOptions::default())
                .unwrap();
            out.write_all(bytes).unwrap();
        }
        out.finish().unwrap();
        path
    };
    let no_manifest = plain("none.zip", &[("a.pdf", b"%PDF")]);
    let (code, message) = refused(verify_archive(&no_manifest));
    assert_eq!(code, Code::ARCHIVE_MANIFEST_MISSING);
    assert!(message.contains("manifest.json"), "{message}");
    let bad = plain("bad.zip", &[(MANIFEST_ENTRY, b"{\"format\": 1}")]);
    assert_eq!(
        refused(verify_archive(&bad)).0,
        Code::ARCHIVE_MANIFEST_INVALID
    );
    let newer = plain("newer.zip", &[(MANIFEST_ENTRY, b"{\"format\": 99}")]);
    assert_eq!(
        refused(verify_archive(&newer)).0,
        Code::ARCHIVE_FORMAT_NEWER
    );
    // A manifest listing a file far larger than any document, or one path twice, is refused
    // before a file is read: a small zip cannot make the check inflate for ever.
    let listing = |files: serde_json::Value| {
        let manifest = serde_json::json!({
            "format": 1, "appVersion": "0.1.0", "createdAt": "2019-12-20T12:00:00Z",
            "deviceId": "d", "databaseId": "d", "officer": "王芳", "county": "霍邱县",
            "scope": { "kind": "programme", "id": "p", "name": "示范店" },
            "files": files,
        });
        manifest.to_string().into_bytes()
    };
    let bomb =
        listing(serde_json::json!([{ "path": "a.pdf", "bytes": 1u64 << 40, "sha256": "00" }]));
    let bomb = plain("bomb.zip", &[(MANIFEST_ENTRY, &bomb), ("a.pdf", b"%PDF")]);
    assert_eq!(refused(verify_archive(&bomb)).0, Code::ARCHIVE_TOO_LARGE);
    let twice = serde_json::json!([
        { "path": "a.pdf", "bytes": 4, "sha256": "00" },
        { "path": "a.pdf", "bytes": 4, "sha256": "00" }
    ]);
    let twice = plain(
        "twice.zip",
        &[(MANIFEST_ENTRY, &listing(twice)), ("a.pdf", b"%PDF")],
    );
    assert_eq!(
        refused(verify_archive(&twice)).0,
        Code::ARCHIVE_MANIFEST_INVALID
    );
    // A manifest past the cap is not read to the end.
    let huge = vec![b' '; (16 << 20) + 10];
    let huge = plain("huge.zip", &[(MANIFEST_ENTRY, &huge)]);
    assert_eq!(
        refused(verify_archive(&huge)).0,
        Code::ARCHIVE_MANIFEST_INVALID
    );
}

#[test]
fn an_unknown_programme_or_an_existing_file_is_refused_and_no_file_is_left_behind() {
    let Programme { mut c, id, .. } = programme();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("archive.zip");
    let (code, message) = refused(c.store.archive_programme("no-such-programme", &out));
    assert_eq!(code, Code::NOT_FOUND);
    assert!(message.contains("项目"), "{message}");
    assert_eq!(
        refused(c.store.archive_operator("nobody", &out)).0,
        Code::NOT_FOUND
    );
    assert_eq!(
        refused(c.store.archive_session("none", &out)).0,
        Code::NOT_FOUND
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);

    std::fs::write(&out, b"the clerk's own file").unwrap();
    let (code, message) = refused(c.store.archive_programme(&id, &out));
    assert_eq!(code, Code::ARCHIVE_TARGET_EXISTS);
    assert!(message.contains("不会覆盖"), "{message}");
    assert_eq!(std::fs::read(&out).unwrap(), b"the clerk's own file");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no partial file"
    );
}

#[test]
fn an_operator_archive_has_a_folder_per_programme_and_a_session_archive_its_signed_sheet() {
    let Programme { mut c, .. } = programme();
    let dir = tempfile::tempdir().unwrap();
    let jia = c
        .store
        .list_operators(None, None)
        .unwrap()
        .into_iter()
        .find(|o| o.name == "示范店甲")
        .unwrap();
    let out = dir.path().join("operator.zip");
    let report = c.store.archive_operator(&jia.id, &out).unwrap();
    assert_eq!(report.scope.name, "示范店甲");
    let manifest = manifest_of(&out);
    let year = "2019-";
    assert!(manifest.files[1..].iter().all(|f| f.path.starts_with(year)));
    assert_eq!(manifest.files.len(), 9, "{:?}", manifest.files);
    let forms = manifest
        .files
        .iter()
        .filter(|f| f.kind == Some(DocKind::ApplicationForm));
    assert_eq!(forms.count(), 1);
    assert!(verify_archive(&out).unwrap().ok);

    let training = c.programme("huoqiu-2019-training", None);
    let people = trainees(&mut c, &[500], &[900]);
    c.session(
        &training,
        TrainingKind::TownshipOnsite,
        Some(0),
        ("2019-05-06", "2019-05-06"),
        &people,
    );
    let session = c.store.list_training_sessions(None, None).unwrap()[0]
        .id
        .clone();
    c.store
        .attach_sign_in_sheet(&session, "签到表.jpg", JPEG)
        .unwrap();
    let out = dir.path().join("session.zip");
    c.store.archive_session(&session, &out).unwrap();
    let paths: Vec<String> = manifest_of(&out)
        .files
        .into_iter()
        .map(|f| f.path)
        .collect();
    assert_eq!(
        paths,
        [
            INDEX_ENTRY,
            "2019-05-06-电商培训2019-05-06/培训签到表.pdf",
            "2019-05-06-电商培训2019-05-06/签到表照片-1.jpg"
        ]
    );
    assert!(verify_archive(&out).unwrap().ok);
}

/// The demo's programme (124 shops) through the CLI: the archive opens, its index lists every
/// document, `archive verify` passes and exits non-zero on a copy missing one file.
#[test]
fn the_demo_programme_archives_and_verifies_through_the_cli() {
    let (dir, db) = temp_db();
    succeeded(fieldbook_cli(&db, "王芳", &["demo"], None));
    let programmes = succeeded(fieldbook_cli(
        &db,
        "王芳",
        &["--json", "programmes", "list"],
        None,
    ));
    let list: serde_json::Value = serde_json::from_slice(&programmes.stdout).unwrap();
    let programme = list
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == fieldbook::demo::records::DEMO_PROGRAMME)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let out = dir.path().join("demo.zip");
    let args = ["--json", "archive", "--programme", &programme, "--out"];
    let made = succeeded(fieldbook_cli(
        &db,
        "王芳",
        &[&args[..], &[out.to_str().unwrap()]].concat(),
        None,
    ));
    let report: serde_json::Value = serde_json::from_slice(&made.stdout).unwrap();
    let manifest = manifest_of(&out);
    assert_eq!(report["files"], manifest.files.len());
    let shops: std::collections::BTreeSet<&str> = manifest
        .files
        .iter()
        .filter_map(|f| f.path.strip_prefix("实施主体/"))
        .filter_map(|p| p.rsplit_once('/').map(|(folder, _)| folder))
        .collect();
    assert_eq!(shops.len(), 124);
    let index = dir.path().join("index.pdf");
    std::fs::write(&index, entry(&out, INDEX_ENTRY)).unwrap();
    let text = squeezed(&pdf_text(&index));
    for f in &manifest.files[1..] {
        assert!(
            text.contains(&f.sha256[..32]),
            "{} not in the index",
            f.path
        );
    }

    let verify = |file: &Path| {
        fieldbook_cli(
            &db,
            "王芳",
            &["--json", "archive", "verify", file.to_str().unwrap()],
            None,
        )
    };
    // One 申报审批表 per application of the programme, in its operator's folder.
    let applications = succeeded(fieldbook_cli(
        &db,
        "王芳",
        &["--json", "funds", "applications", "--programme", &programme],
        None,
    ));
    let applications: serde_json::Value = serde_json::from_slice(&applications.stdout).unwrap();
    let mut applied: Vec<String> = applications
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    assert!(!applied.is_empty());
    let mut forms: Vec<String> = manifest
        .files
        .iter()
        .filter(|f| f.kind == Some(DocKind::ApplicationForm))
        .inspect(|f| assert!(f.path.starts_with("实施主体/"), "{}", f.path))
        .map(|f| f.record_id.clone())
        .collect();
    applied.sort();
    forms.sort();
    assert_eq!(forms, applied);

    // A second run lists the same files in the same order, each the same document.
    let again = dir.path().join("again.zip");
    succeeded(fieldbook_cli(
        &db,
        "王芳",
        &[&args[..], &[again.to_str().unwrap()]].concat(),
        None,
    ));
    let listed = |m: &ArchiveManifest| {
        m.files[1..]
            .iter()
            .map(|f| {
                (
                    f.path.clone(),
                    f.kind,
                    f.date.clone(),
                    f.pages,
                    f.print_hash.clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(listed(&manifest_of(&again)), listed(&manifest));

    let ok = succeeded(verify(&out));
    let check: serde_json::Value = serde_json::from_slice(&ok.stdout).unwrap();
    assert_eq!(check["ok"], true);

    let gone = &manifest.files[5].path;
    let copy = dir.path().join("copy.zip");
    copy_zip(&out, &copy, |name, b| (name != gone).then_some(b), &[]);
    let failed = verify(&copy);
    assert!(!failed.status.success());
    let check: serde_json::Value = serde_json::from_slice(&failed.stdout).unwrap();
    assert_eq!(check["ok"], false);
    assert_eq!(check["problems"][0]["code"], "ARCHIVE_FILE_MISSING");
    assert_eq!(check["problems"][0]["path"], gone.as_str());
    let text = fieldbook_cli(
        &db,
        "王芳",
        &["archive", "verify", copy.to_str().unwrap()],
        None,
    );
    assert!(!text.status.success());
    assert!(String::from_utf8_lossy(&text.stdout).contains("ARCHIVE_FILE_MISSING"));
}
