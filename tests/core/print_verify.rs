//! The stamp every printed form carries (record id, version, short hash, QR code) and
//! `print verify`: current, an older version, or unknown; and the CLI around it.

use std::process::Command;

use fieldbook::domain::notices::ObjectionInput;
use fieldbook::print::{self, layout, FormKind};

use crate::print::{demo_store, pdf_text, squeezed};

fn notice_id(store: &fieldbook::Store) -> String {
    store.list_notices(None).unwrap().remove(0).id
}

#[test]
fn a_printed_hash_matches_until_the_record_changes_then_reads_as_older() {
    let (_dir, mut store) = demo_store();
    let id = notice_id(&store);
    let first = store.print_form(FormKind::Notice, &id).unwrap();
    let v = store.verify_print(&first.stamp.hash).unwrap();
    assert_eq!(v.status, "current", "{}", v.message);
    assert_eq!(v.record_id, id);
    // Typed without dashes and in lower case it is the same hash.
    let typed = first.stamp.hash.replace('-', "").to_lowercase();
    assert_eq!(store.verify_print(&typed).unwrap().status, "current");
    // Printing again unchanged gives the same hash.
    let again = store.print_form(FormKind::Notice, &id).unwrap();
    assert_eq!(again.stamp.hash, first.stamp.hash);

    // A photo changes the version, not the printed content.
    let png = b"\x89PNG\r\n\x1a\nposted";
    store.attach_notice_photo(&id, "posted.png", png).unwrap();
    let v = store.verify_print(&first.stamp.hash).unwrap();
    assert_eq!(v.status, "older");
    assert!(!v.content_changed);
    assert!(v.current_version > v.printed_version);

    // An objection is printed: the content changed too.
    let second = store.print_form(FormKind::Notice, &id).unwrap();
    store
        .save_objection(&ObjectionInput {
            notice_id: id.clone(),
            id: None,
            received_date: "2019-12-15".into(),
            objector: "村民".into(),
            content: "某示范店未正常营业".into(),
            handling: String::new(),
            handled_date: None,
        })
        .unwrap();
    let v = store.verify_print(&second.stamp.hash).unwrap();
    assert_eq!(v.status, "older");
    assert!(v.content_changed, "{}", v.message);
    assert!(v.message.contains("旧版本"));
    let third = store.print_form(FormKind::Notice, &id).unwrap();
    assert_ne!(third.stamp.hash, second.stamp.hash);
    assert_eq!(
        store.verify_print(&third.stamp.hash).unwrap().status,
        "current"
    );

    assert_eq!(
        store.verify_print("0000-0000-0000").unwrap().status,
        "unknown"
    );
    assert_eq!(
        store.verify_print("12AB").unwrap_err().code(),
        "PRINT_HASH_FORMAT"
    );
}

#[test]
fn every_page_carries_the_stamp_and_a_qr_code_of_it() {
    let (_dir, store) = demo_store();
    let id = notice_id(&store);
    let form = store.form(FormKind::Notice, &id).unwrap();
    let stamp = print::stamp_of(&form);
    let payload = print::qr_payload(&stamp);
    assert!(payload.contains(&id) && payload.contains(&stamp.hash));
    assert!(payload.contains(&format!("V{}", stamp.version)));
    let (modules, dark) = print::qr_modules(&payload).unwrap();
    assert_eq!(dark.len(), modules * modules);
    // Finder pattern in the top-left corner (after the two-module quiet zone).
    assert!(
        (2..9).all(|c| dark[2 * modules + c]),
        "top row of the finder"
    );
    assert!(!dark[0], "quiet zone");

    let mut form = form;
    form.doc.footer.stamp = "校验".into();
    form.doc.footer.qr = Some((modules, dark));
    let pages = layout::paginate(print::fonts::fonts().unwrap(), &form.doc);
    for page in &pages {
        assert_eq!(
            page.items
                .iter()
                .filter(|i| matches!(i, layout::Item::Qr { .. }))
                .count(),
            1
        );
    }
}

fn fieldbook(db: &std::path::Path, args: &[&str], stdin: Option<&str>) -> std::process::Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_fieldbook"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("FIELDBOOK_DB")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run fieldbook");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

#[test]
fn the_cli_prints_every_form_and_verifies_a_hash() {
    let (dir, store) = demo_store();
    let db = store.path().unwrap().to_path_buf();
    let notice = notice_id(&store);
    let acceptance = crate::print::acceptance_id(&store);
    let agreement = store.list_agreements(None, None).unwrap().remove(0).id;
    let session = store
        .list_training_sessions(None, None)
        .unwrap()
        .remove(0)
        .id;
    let programmes = store.list_programmes().unwrap();
    let shops = programmes
        .iter()
        .find(|p| p.name == fieldbook::demo::records::DEMO_PROGRAMME)
        .unwrap()
        .id
        .clone();
    let training = programmes
        .iter()
        .find(|p| p.kind == fieldbook::domain::programmes::ProgrammeKind::Training)
        .unwrap()
        .id
        .clone();
    drop(store);
    let mut hash = String::new();
    for (form, id) in [
        ("acceptance", &acceptance),
        ("notice", &notice),
        ("roster", &agreement),
        ("ledger", &agreement),
        ("signin", &session),
        ("fund-plan", &shops),
        ("training-summary", &training),
    ] {
        let out = dir.path().join(format!("{form}.pdf"));
        eprintln!("printing {form}");
        let run = crate::succeeded(fieldbook(
            &db,
            &[
                "print",
                form,
                "--id",
                id,
                "--out",
                out.to_str().unwrap(),
                "--json",
            ],
            None,
        ));
        let answer: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
        assert_eq!(answer["form"], form);
        let text = squeezed(&pdf_text(&out));
        let pages = answer["pages"].as_u64().unwrap();
        assert!(
            text.contains(&format!("第1页共{pages}页")) || text.contains("—1—"),
            "{form} has page numbers"
        );
        hash = answer["hash"].as_str().unwrap().to_string();
        assert!(text.contains(&hash), "{form} carries its hash");
    }
    let run = crate::succeeded(fieldbook(&db, &["print", "verify", &hash, "--json"], None));
    let v: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(v["status"], "current");
    assert_eq!(v["form"], "training-summary");
    // A bad id: exit 1, a JSON error naming it.
    let out = dir.path().join("x.pdf");
    let run = fieldbook(
        &db,
        &[
            "print",
            "acceptance",
            "--id",
            "nope",
            "--out",
            out.to_str().unwrap(),
            "--json",
        ],
        None,
    );
    assert_eq!(run.status.code(), Some(1));
    assert!(!out.exists());
    // Notices through stdin, with the core's validation.
    let short = r#"{"title":"关于测试的公示","subject":"shop_list","issuer":"成县商务局",
        "places":["县政府网站"],"startDate":"2019-08-12","endDate":"2019-08-21",
        "phoneLocal":"0939-3212317"}"#;
    let run = fieldbook(&db, &["notices", "add"], Some(short));
    assert_eq!(run.status.code(), Some(1));
    let err: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(err["error"]["code"], "NOTICE_TOO_SHORT");
    let ok = short.replace("2019-08-21", "2019-08-22");
    crate::succeeded(fieldbook(&db, &["notices", "add"], Some(&ok)));
    let list = crate::succeeded(fieldbook(&db, &["notices", "list", "--json"], None));
    let list: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 2);
}

#[test]
fn a_printed_fund_plan_is_older_once_a_village_changes_class() {
    let (_dir, mut store) = demo_store();
    let programme = store
        .list_programmes()
        .unwrap()
        .into_iter()
        .find(|p| p.name == fieldbook::demo::records::DEMO_PROGRAMME)
        .unwrap()
        .id;
    let printed = store.print_form(FormKind::FundPlan, &programme).unwrap();
    assert_eq!(
        store.verify_print(&printed.stamp.hash).unwrap().status,
        "current"
    );
    let village = store.list_villages(None).unwrap().remove(0);
    store
        .update_village(
            &village.id,
            &fieldbook::domain::places::VillageInput {
                township_code: village.code[..9].to_string(),
                code: village.code.clone(),
                name: village.name.clone(),
                poor: !village.poor,
            },
        )
        .unwrap();
    let v = store.verify_print(&printed.stamp.hash).unwrap();
    assert_eq!(v.status, "older");
    assert!(v.content_changed, "the plan's figures moved");
    assert!(v.current_version > v.printed_version);
}

#[test]
fn save_as_writes_where_the_user_chose_and_the_copy_verifies() {
    let (dir, mut store) = demo_store();
    let id = notice_id(&store);
    let chosen = dir.path().join("张贴用").join("鸡峰镇公示.pdf");
    std::fs::create_dir_all(chosen.parent().unwrap()).unwrap();
    std::fs::write(&chosen, b"an older copy the dialog asked to replace").unwrap();
    let saved = store.save_print_to(FormKind::Notice, &id, &chosen).unwrap();
    assert_eq!(saved.path, chosen.display().to_string());
    let bytes = std::fs::read(&chosen).unwrap();
    assert!(
        bytes.starts_with(b"%PDF"),
        "the chosen file now holds the PDF"
    );
    assert_eq!(bytes.len() as u32, saved.bytes);
    assert!(squeezed(&pdf_text(&chosen)).contains("公示"));
    assert_eq!(store.verify_print(&saved.hash).unwrap().status, "current");

    // Saving into the folder never replaces an earlier copy.
    let folder = dir.path().join("下载");
    let first = store
        .save_print(FormKind::Notice, &id, Some(&folder))
        .unwrap();
    let second = store
        .save_print(FormKind::Notice, &id, Some(&folder))
        .unwrap();
    assert_ne!(first.path, second.path);
    assert!(std::path::Path::new(&first.path).exists());
}
