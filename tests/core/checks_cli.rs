//! `fieldbook check` in 托里县: the run stores a finding, the list and counts show it, a
//! dismissal without a note and a confirmation without an officer are refused with their codes
//! and write nothing, an explanation with a file is kept with its attachment.

use fieldbook::domain::resident_id::check_char;
use fieldbook::store::entities::HOUSEHOLD_MEMBER;
use fieldbook::store::write::{self, Op};
use fieldbook::Store;
use rusqlite::types::Value as SqlValue;
use serde_json::Value;

use crate::county::tori;
use crate::sheets::log_len;
use crate::{fieldbook_cli, succeeded, temp_db};

fn answer(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

fn valid(first17: &str) -> String {
    format!("{first17}{}", check_char(first17))
}

/// A household and, in another household, a member registered under the head's ID number with
/// another name: one F1_ID_TWO_NAMES finding.
fn one_id_two_names(store: &mut Store) {
    let villages = store.list_villages(None).unwrap();
    let shared = valid("65422419800101001");
    crate::sync::add_household(store, &villages[0].id, "买买提", &shared);
    let other = crate::sync::add_household(
        store,
        &villages[1].id,
        "阿力木",
        &valid("65422419750101001"),
    );
    store
        .write(|tx, w| {
            write::record(
                tx,
                w,
                &HOUSEHOLD_MEMBER,
                "00000000-0000-4000-b000-000000000001",
                Op::Create,
                &[
                    ("household_id", SqlValue::Text(other)),
                    ("name", SqlValue::Text("买买提江".into())),
                    ("id_number", SqlValue::Text(shared.clone())),
                    ("relation", SqlValue::Text("child".into())),
                    ("sex", SqlValue::Text("male".into())),
                    ("birth_date", SqlValue::Text("1980-01-01".into())),
                ],
            )?;
            Ok(())
        })
        .unwrap();
}

#[test]
fn the_clerk_runs_lists_and_reviews_findings_from_the_cli() {
    let (dir, db) = temp_db();
    {
        let mut store = tori(Some(&db));
        one_id_two_names(&mut store);
    }
    let cli = |officer: &str, args: &[&str]| fieldbook_cli(&db, officer, args, None);

    let run = answer(&succeeded(cli("县办阿依古丽", &["check", "--json"])));
    assert_eq!(run["stored"], true);
    assert_eq!(run["report"]["new"], 1);
    let finding = &run["findings"][0];
    assert_eq!(finding["check"], "F1_ID_TWO_NAMES");
    assert_eq!(finding["rule"], "F1");
    let id = finding["id"].as_str().unwrap().to_string();
    let again = answer(&succeeded(cli("县办阿依古丽", &["check", "--json"])));
    assert_eq!(again["report"]["new"], 0);
    assert_eq!(again["findings"][0]["id"], id.as_str());

    let listed = answer(&succeeded(cli(
        "县办阿依古丽",
        &[
            "check",
            "list",
            "--check",
            "F1_ID_TWO_NAMES",
            "--status",
            "open",
            "--json",
        ],
    )));
    assert_eq!(listed.as_array().unwrap().len(), 1);
    let text = succeeded(cli("县办阿依古丽", &["check", "show", &id]));
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("同一身份证号对应两个姓名") && text.contains("6542**********001"),
        "{text}"
    );
    assert!(
        !text.contains("654224198001010012"),
        "no full ID number: {text}"
    );
    let unknown = cli(
        "县办阿依古丽",
        &["check", "list", "--check", "F99", "--json"],
    );
    assert_eq!(answer(&unknown)["error"]["code"], "CHECK_UNKNOWN");

    let before = log_len(&Store::open(&db).unwrap());
    let no_note = cli("县办阿依古丽", &["check", "dismiss", &id, "--json"]);
    assert!(!no_note.status.success());
    assert_eq!(answer(&no_note)["error"]["code"], "FINDING_NOTE_REQUIRED");
    let no_officer = cli("", &["check", "confirm", &id, "--json"]);
    assert_eq!(
        answer(&no_officer)["error"]["code"],
        "FINDING_OFFICER_REQUIRED"
    );
    assert_eq!(
        log_len(&Store::open(&db).unwrap()),
        before,
        "refusals wrote nothing"
    );

    let record = dir.path().join("回访记录.pdf");
    std::fs::write(&record, b"%PDF-1.4\n% call-back record\n").unwrap();
    let explained = answer(&succeeded(cli(
        "托里镇王强",
        &[
            "check",
            "explain",
            &id,
            "--note",
            "入户核实：父子同名登记错误",
            "--attachment",
            record.to_str().unwrap(),
            "--json",
        ],
    )));
    assert_eq!(explained["status"], "explained");
    assert_eq!(explained["decidedBy"], "托里镇王强");
    let sha = explained["attachmentSha256"].as_str().unwrap();
    let store = Store::open(&db).unwrap();
    assert_eq!(store.attachment(sha).unwrap().1, "回访记录.pdf");
    let counts = answer(&succeeded(cli(
        "县办阿依古丽",
        &["check", "counts", "--json"],
    )));
    assert_eq!(counts[0]["status"], "explained");
    assert_eq!(counts[0]["count"], 1);
}

#[test]
fn the_clerk_sets_and_shows_the_countys_product_seasons_from_the_cli() {
    let (_dir, db) = temp_db();
    drop(tori(Some(&db)));
    let cli = |args: &[&str]| fieldbook_cli(&db, "县办阿依古丽", args, None);

    let none = succeeded(cli(&["check", "seasons"]));
    assert!(String::from_utf8_lossy(&none.stdout).contains("还没有设定产品季节"));
    let set = answer(&succeeded(cli(&[
        "check",
        "seasons",
        "--set",
        r#"[{"product":" 羊毛 ","from":"5-1","to":"6-30"},{"product":"冬储白菜","from":"11-15","to":"02-28"}]"#,
        "--json",
    ])));
    assert_eq!(set[0]["product"], "羊毛");
    assert_eq!(set[0]["from"], "05-01");
    assert_eq!(set[1]["to"], "02-28");
    // A refused list (a day that is not a month-day) changes nothing, with its code.
    let refused = cli(&[
        "check",
        "seasons",
        "--set",
        r#"[{"product":"羊毛","from":"13-01","to":"06-30"}]"#,
    ]);
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("SEASON_DATE")
            || String::from_utf8_lossy(&refused.stderr).contains("不是有效的月日"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    let shown = answer(&succeeded(cli(&["check", "seasons", "--json"])));
    assert_eq!(shown, set);
}

#[test]
fn the_cli_sets_thresholds_through_the_same_validation() {
    let (_dir, db) = temp_db();
    drop(tori(Some(&db)));
    let cli = |args: &[&str]| fieldbook_cli(&db, "县办阿依古丽", args, None);

    let set = answer(&succeeded(cli(&[
        "check",
        "thresholds",
        "--set",
        r#"{"traineesPerPhone": 5, "venueCapacity": {" 礼堂 ": 80}}"#,
        "--json",
    ])));
    assert_eq!(set["traineesPerPhone"], 5);
    assert_eq!(set["venueCapacity"]["礼堂"], 80, "trimmed as stored");
    // Both problems at once, nothing changed.
    let refused = cli(&[
        "check",
        "thresholds",
        "--set",
        r#"{"traineesPerPhone": 1, "callbackShare": 0}"#,
    ]);
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("共用一个电话的学员数") && stderr.contains("回访抽样比例"),
        "{stderr}"
    );
    let shown = answer(&succeeded(cli(&["check", "thresholds", "--json"])));
    assert_eq!(shown, set);
}
