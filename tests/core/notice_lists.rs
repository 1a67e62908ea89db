//! A notice's list: required when the notice says one is attached, built from the inspections
//! or the training it announces, kept in the notice (so it syncs with it), and editable until
//! the notice is posted. From the store and from the CLI.

use std::path::Path;
use std::process::Output;

use chrono::Duration;
use fieldbook::demo::load_demo_places;
use fieldbook::domain::inspections::Stage;
use fieldbook::domain::notices::{
    standard_body, ListSource, NoticeEntry, NoticeInput, NoticeSubject, ObjectionInput,
};
use fieldbook::print::FormKind;
use fieldbook::Store;
use serde_json::Value;

use crate::inspections::{saved, shop_in, shop_with};
use crate::records::{household, id_number};
use crate::training::{add_session, fixture, person, session};

fn notice(start: &str, end: &str) -> NoticeInput {
    NoticeInput {
        title: "关于新城镇电商培训学员名单的公示".into(),
        subject: NoticeSubject::TraineeRoster,
        programme_id: None,
        issuer: "新城镇人民政府".into(),
        places: vec!["新城镇人民政府公示栏".into()],
        start_date: start.into(),
        end_date: end.into(),
        phone_local: "0939-3299001".into(),
        body: String::new(),
        entries: vec![],
        has_list: false,
    }
}

fn row(name: &str) -> NoticeEntry {
    NoticeEntry {
        name: name.into(),
        place: "东村二组".into(),
        benefit: "参加电商培训 2 天".into(),
        id_number: String::new(),
        phone: String::new(),
    }
}

/// Start and end dates `days` from the store's today, ten days apart.
fn dates_from_today(store: &Store, days: i64) -> (String, String) {
    let start = store.today() + Duration::days(days);
    (start.to_string(), (start + Duration::days(10)).to_string())
}

#[test]
fn a_notice_that_says_its_list_is_attached_is_refused_without_one() {
    let mut store = Store::open_in_memory().unwrap();
    let mut said = notice("2019-08-12", "2019-08-22");
    said.body = "现将培训学员名单予以公示（名单附后），接受社会监督。".into();
    let err = store.add_notice(&said).unwrap_err();
    assert_eq!(
        (err.code(), err.field()),
        (fieldbook::Code::NOTICE_LIST_MISSING, Some("entries"))
    );
    let mut ticked = notice("2019-08-12", "2019-08-22");
    ticked.has_list = true;
    assert_eq!(
        store.add_notice(&ticked).unwrap_err().code(),
        "NOTICE_LIST_MISSING"
    );
    assert!(
        store.list_notices(None).unwrap().is_empty(),
        "nothing written"
    );

    said.entries.push(row("李秀英"));
    let with_list = store.add_notice(&said).unwrap().record;
    assert_eq!(with_list.entries.len(), 1);
    // A notice without a list is fine, and its standard text does not promise one.
    let plain = store
        .add_notice(&notice("2019-08-12", "2019-08-22"))
        .unwrap()
        .record;
    assert!(!standard_body(&plain).contains("名单附后"));
    assert!(standard_body(&with_list).contains("名单附后"));
}

#[test]
fn a_notice_is_edited_until_posted_then_frozen() {
    let mut store = Store::open_in_memory().unwrap();
    // Printed before its start date: the clerk may still correct it and print again.
    let (start, end) = dates_from_today(&store, 20);
    let mut input = notice(&start, &end);
    input.entries.push(row("李秀英"));
    let early = store.add_notice(&input).unwrap().record;
    store.print_form(FormKind::Notice, &early.id).unwrap();
    input.entries.push(row("赵建军"));
    let edited = store.update_notice(&early.id, &input).unwrap().record;
    assert_eq!(edited.entries.len(), 2);
    assert!(!edited.posted);
    let history = store.readable_history("notice", &early.id).unwrap();
    assert_eq!(history.len(), 2, "created, then its list changed");
    assert!(history[1].fields.contains_key("entries"));

    // Its day has come and it was printed: posted, frozen.
    let (start, end) = dates_from_today(&store, -1);
    let mut input = notice(&start, &end);
    input.entries.push(row("李秀英"));
    let n = store.add_notice(&input).unwrap().record;
    assert!(!n.posted, "not printed yet");
    store.print_form(FormKind::Notice, &n.id).unwrap();
    let n = store.notice(&n.id).unwrap();
    assert!(n.posted);
    let mut changed = input.clone();
    changed.title = "改过的标题".into();
    let err = store.update_notice(&n.id, &changed).unwrap_err();
    assert_eq!(err.code(), "NOTICE_POSTED");
    assert!(err.to_string().contains("新建一条更正公示"), "{err}");
    assert_eq!(store.notice(&n.id).unwrap().title, n.title, "unchanged");
    let source = ListSource::Training {
        session_id: "none".into(),
    };
    assert!(store.fill_notice_list(&n.id, &source).is_err());
    // Objections still come in on a posted notice.
    let objection = ObjectionInput {
        notice_id: n.id.clone(),
        id: None,
        received_date: end.clone(),
        objector: String::new(),
        content: "名单有误".into(),
        handling: String::new(),
        handled_date: None,
    };
    let with_objection = store.save_objection(&objection).unwrap();
    assert_eq!(with_objection.open_objections, 1);
    // Its history names the notice, not its id.
    let objection_id = &with_objection.objections[0].id;
    let history = store
        .readable_history("notice_objection", objection_id)
        .unwrap();
    assert_eq!(
        history[0].fields["notice_id"].1,
        Value::from(n.title.clone())
    );
}

#[test]
fn the_list_is_built_from_each_shops_latest_result_at_the_stage() {
    let mut setup = shop_with(10, "1000");
    saved(&mut setup, Stage::Preliminary);
    saved(&mut setup, Stage::Acceptance);
    let store = &mut setup.store;
    let acceptance = ListSource::Inspections {
        programme_id: setup.programme.clone(),
        stage: Stage::Acceptance,
    };
    let rows = store.notice_list_from(&acceptance).unwrap();
    let shown: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|e| (e.name.as_str(), e.place.as_str(), e.benefit.as_str()))
        .collect();
    assert_eq!(
        shown,
        [(
            "成县鸡峰镇长沟村电商扶贫示范店（拼多多店）",
            "长沟村",
            "县级验收合格"
        )]
    );
    assert!(rows[0].phone.is_empty() && rows[0].id_number.is_empty());
    let recheck = ListSource::Inspections {
        programme_id: setup.programme.clone(),
        stage: Stage::Recheck,
    };
    let err = store.notice_list_from(&recheck).unwrap_err();
    assert_eq!(err.code(), "NOTICE_LIST_SOURCE");
    assert!(err.to_string().contains("县级复核"), "{err}");

    // Saved into a notice: its list, logged like any edit.
    let mut input = notice("2019-12-12", "2019-12-22");
    input.subject = NoticeSubject::AcceptanceResult;
    let n = store.add_notice(&input).unwrap().record;
    let filled = store.fill_notice_list(&n.id, &acceptance).unwrap().record;
    assert_eq!(filled.entries, rows);
    assert_eq!(store.history("notice", &n.id).unwrap().len(), 2);
}

#[test]
fn the_list_is_built_from_a_sessions_trainees_one_row_a_person() {
    let mut f = fixture();
    f.store
        .add_household(&household(&f.store, 1, "张三"))
        .unwrap();
    let s = session(&f, "鸡峰镇电商培训班", 0, "2019-06-03", "2019-06-03");
    let s = add_session(&mut f, &s);
    for (slot, name, id) in [
        ("2019-06-03 am", "张三", id_number(1)),
        ("2019-06-03 pm", "张三", id_number(1)),
        ("2019-06-03 am", "李四", id_number(2)),
    ] {
        f.store
            .add_attendance(&person(&s, slot, name, &id))
            .unwrap();
    }
    let rows = f
        .store
        .notice_list_from(&ListSource::Training { session_id: s })
        .unwrap();
    let shown: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|e| (e.name.as_str(), e.place.as_str(), e.benefit.as_str()))
        .collect();
    assert_eq!(
        shown,
        [
            ("张三", "长沟村一组", "参加“鸡峰镇电商培训班”2 个时段"),
            ("李四", "", "参加“鸡峰镇电商培训班”1 个时段"),
        ]
    );
}

fn cli(db: &Path, args: &[&str], stdin: Option<&Value>) -> Output {
    crate::fieldbook_cli(db, "新城镇 王芳", args, stdin)
}

fn json_of(output: Output) -> Value {
    serde_json::from_slice(&crate::succeeded(output).stdout).unwrap()
}

#[test]
fn the_cli_builds_shows_and_edits_a_notices_list() {
    let (_dir, db) = crate::temp_db();
    let programme = {
        let mut store = Store::open(&db).unwrap();
        load_demo_places(&mut store).unwrap();
        let mut setup = shop_in(store, 10, "1000");
        saved(&mut setup, Stage::Acceptance);
        setup.programme
    };
    let input = serde_json::to_value(notice("2019-12-12", "2019-12-22")).unwrap();
    let added = json_of(cli(&db, &["notices", "add"], Some(&input)));
    let id = added["record"]["id"].as_str().unwrap().to_string();

    // Built and shown without saving; then saved into the notice.
    let args = [
        "notices",
        "build-list",
        "--from",
        "inspections",
        "--programme",
        &programme,
    ];
    let rows = json_of(cli(&db, &[&args[..], &["--json"]].concat(), None));
    assert_eq!(rows[0]["benefit"], "县级验收合格");
    assert_eq!(
        json_of(cli(&db, &["notices", "list-rows", &id, "--json"], None)),
        Value::Array(vec![])
    );
    let filled = json_of(cli(&db, &[&args[..], &["--notice", &id]].concat(), None));
    assert_eq!(filled["record"]["entries"], rows);
    let text = crate::succeeded(cli(&db, &["notices", "list-rows", &id], None));
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("1\t成县鸡峰镇长沟村电商扶贫示范店（拼多多店）\t长沟村\t县级验收合格"),
        "{text}"
    );

    // Edited from stdin; a missing source option is a coded refusal.
    let mut edited = input.clone();
    edited["entries"] = rows.clone();
    edited["entries"][0]["benefit"] = Value::from("县级验收合格，补助 5000.00 元");
    let saved = json_of(cli(&db, &["notices", "edit", &id], Some(&edited)));
    assert_eq!(
        saved["record"]["entries"][0]["benefit"],
        "县级验收合格，补助 5000.00 元"
    );
    let refused = cli(
        &db,
        &["notices", "build-list", "--from", "training", "--json"],
        None,
    );
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    let stdout = String::from_utf8_lossy(&refused.stdout);
    assert!(
        stderr.contains("NOTICE_LIST_SOURCE") || stdout.contains("NOTICE_LIST_SOURCE"),
        "{stdout}{stderr}"
    );
}
