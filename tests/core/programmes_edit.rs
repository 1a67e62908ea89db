//! Programme editing (issue 13): a new version through the write path, checked exactly like a
//! new programme (every problem at once, each naming its JSON path, nothing written), and a
//! printed form of the old version verifying as older. In 托里县, not the demo county.

use fieldbook::domain::programmes::{presets, Preset};
use fieldbook::print::FormKind;
use fieldbook::Store;
use serde_json::{json, Value};

use crate::county::tori;

pub fn preset(code: &str) -> Preset {
    presets()
        .unwrap()
        .into_iter()
        .find(|p| p.code == code)
        .unwrap_or_else(|| panic!("no preset {code}"))
}

/// 托里县's own demo-shop programme of 2020, per village class.
fn tori_shops(store: &mut Store) -> fieldbook::domain::programmes::Programme {
    let mut own = preset("chengxian-2019-demo-shop");
    own.code = "tuoli-2020-demo-shop".into();
    own.name = "托里县2020年电商扶贫示范店".into();
    own.year = 2020;
    store.add_programme(&own).unwrap()
}

fn problems(error: &fieldbook::Error) -> Vec<(String, String)> {
    match error {
        fieldbook::Error::Invalid(all) => all
            .all()
            .iter()
            .map(|p| (p.code.to_string(), p.field.to_string()))
            .collect(),
        other => panic!("not a refusal: {other:?}"),
    }
}

#[test]
fn editing_the_subsidy_standard_makes_an_earlier_fund_plan_verify_as_older() {
    let mut store = tori(None);
    let programme = tori_shops(&mut store);
    let first = store.print_form(FormKind::FundPlan, &programme.id).unwrap();
    assert_eq!(
        store.verify_print(&first.stamp.hash).unwrap().status,
        "current"
    );

    let mut settings = programme.settings.clone();
    let fieldbook::domain::programmes::SubsidyRule::PerVillageClass { classes } =
        &mut settings.subsidy
    else {
        panic!("the demo-shop preset pays per village class");
    };
    // Every class, whichever 托里县's villages are.
    for class in classes.iter_mut() {
        class.amount += rust_decimal::Decimal::ONE_HUNDRED;
    }
    let edited = store.edit_programme(&programme.id, &settings).unwrap();
    assert_eq!(edited.settings, settings);
    let history = store.history("programme", &programme.id).unwrap();
    let ops: Vec<&str> = history.iter().map(|h| h.op.as_str()).collect();
    assert_eq!(ops, ["create", "update"]);

    let older = store.verify_print(&first.stamp.hash).unwrap();
    assert_eq!(older.status, "older", "{}", older.message);
    assert!(older.content_changed);
    let second = store.print_form(FormKind::FundPlan, &programme.id).unwrap();
    assert_eq!(
        store.verify_print(&second.stamp.hash).unwrap().status,
        "current"
    );
}

#[test]
fn a_bad_edit_is_refused_with_every_problem_at_its_json_path_and_nothing_written() {
    let mut store = tori(None);
    let programme = tori_shops(&mut store);
    let json_of = |value: &Value| value.to_string();
    let good = serde_json::to_value(&programme.settings).unwrap();

    // A well-formed document: a share over 100 %, k > n, an unknown kind, all at once.
    let mut bad = good.clone();
    bad["tranches"][0]["percent"] = json!("120");
    bad["criteria"]["scoredMin"] = json!(2);
    bad["kind"] = json!("camel_farm");
    let refused = store
        .save_programme_json(Some(&programme.id), &json_of(&bad))
        .unwrap_err();
    let found = problems(&refused);
    for wanted in [
        ("PROGRAMME_TRANCHES", "tranches[0].percent"),
        ("PROGRAMME_SCORED_MIN", "criteria.scoredMin"),
        ("PROGRAMME_KIND_UNKNOWN", "kind"),
    ] {
        assert!(
            found.contains(&(wanted.0.into(), wanted.1.into())),
            "{wanted:?} in {found:?}"
        );
    }
    assert!(refused.to_string().contains("电商扶贫示范店（demo_shop）"));

    // Shares that do not add up to 100, and a target without its key.
    let mut bad = good.clone();
    bad["tranches"][1]["percent"] = json!("30");
    bad["targets"][0]["key"] = json!("");
    let found = problems(
        &store
            .save_programme_json(Some(&programme.id), &json_of(&bad))
            .unwrap_err(),
    );
    assert_eq!(
        found,
        [
            ("PROGRAMME_TRANCHES".to_string(), "tranches".to_string()),
            (
                "PROGRAMME_TARGETS".to_string(),
                "targets[0].key".to_string()
            ),
        ]
    );

    // A missing key and text that is not JSON: the document itself is refused.
    let mut bad = good.clone();
    bad["targets"][0].as_object_mut().unwrap().remove("key");
    let found = problems(
        &store
            .save_programme_json(Some(&programme.id), &json_of(&bad))
            .unwrap_err(),
    );
    assert_eq!(found, [("PROGRAMME_JSON".into(), "targets[0].key".into())]);
    let refused = store
        .save_programme_json(Some(&programme.id), "{\"name\": ")
        .unwrap_err();
    assert_eq!(refused.code(), "PROGRAMME_JSON");

    // Nothing was written.
    assert_eq!(store.history("programme", &programme.id).unwrap().len(), 1);
    assert_eq!(
        store.programme(&programme.id).unwrap().settings,
        programme.settings
    );
}

#[test]
fn an_edit_may_not_take_the_name_and_year_of_another_programme() {
    let mut store = tori(None);
    let shops = tori_shops(&mut store);
    let training = store
        .add_programme_from_preset("chengxian-2019-training", Some(2020))
        .unwrap();
    let mut settings = training.settings.clone();
    settings.name = shops.name.clone();
    settings.year = shops.year;
    let refused = store.edit_programme(&training.id, &settings).unwrap_err();
    assert_eq!(
        (refused.code().as_str(), refused.field()),
        ("PROGRAMME_DUPLICATE", Some("name"))
    );
    // Its own name and year are not a clash; a new name is taken.
    settings.name = "托里县2020年电商技能培训".into();
    let renamed = store.edit_programme(&training.id, &settings).unwrap();
    assert_eq!(renamed.name, "托里县2020年电商技能培训");
    store.edit_programme(&training.id, &settings).unwrap();
    assert!(store.edit_programme("no-such-id", &settings).is_err());
}

#[test]
fn the_json_a_clerk_edits_comes_from_programmes_show_and_goes_back_through_programmes_edit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tuoli.db");
    let mut store = tori(Some(&db));
    let programme = tori_shops(&mut store);
    drop(store);
    let cli = |args: &[&str], stdin: Option<&Value>| {
        crate::fieldbook_cli(&db, "县办阿依古丽", args, stdin)
    };
    let shown = crate::succeeded(cli(&["programmes", "show", &programme.id, "--json"], None));
    let shown: Value = serde_json::from_slice(&shown.stdout).unwrap();
    let mut settings = shown["settings"].clone();
    settings["targets"][0]["quantity"] = json!(30);
    let edited = crate::succeeded(cli(&["programmes", "edit", &programme.id], Some(&settings)));
    let edited: Value = serde_json::from_slice(&edited.stdout).unwrap();
    assert_eq!(edited["settings"]["targets"][0]["quantity"], 30);
    assert_eq!(edited["kindLabel"], "电商扶贫示范店");

    settings["criteria"]["scoredMin"] = json!(5);
    let refused = cli(&["programmes", "edit", &programme.id], Some(&settings));
    assert_eq!(refused.status.code(), Some(1));
    let answer: Value = serde_json::from_slice(&refused.stdout)
        .or_else(|_| serde_json::from_slice(&refused.stderr))
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&refused.stderr)));
    let text = answer.to_string();
    assert!(
        text.contains("PROGRAMME_SCORED_MIN") && text.contains("criteria.scoredMin"),
        "{text}"
    );
}

#[test]
fn the_kinds_commands_list_add_rename_and_retire() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tuoli.db");
    drop(tori(Some(&db)));
    let cli = |args: &[&str]| crate::fieldbook_cli(&db, "县办阿依古丽", args, None);
    let added = crate::succeeded(cli(&[
        "kinds",
        "add",
        "--list",
        "programme",
        "--code",
        "herders_training",
        "--label",
        "牧民电商培训",
        "--subject",
        "training",
        "--json",
    ]));
    let added: Value = serde_json::from_slice(&added.stdout).unwrap();
    assert_eq!(added["subject"], "training");
    crate::succeeded(cli(&[
        "kinds",
        "rename",
        "--list",
        "programme",
        "--code",
        "herders_training",
        "--label",
        "牧民培训",
    ]));
    crate::succeeded(cli(&[
        "kinds",
        "retire",
        "--list",
        "operator",
        "--code",
        "logistics",
    ]));
    let listed = crate::succeeded(cli(&["kinds", "list", "--list", "programme", "--json"]));
    let listed: Value = serde_json::from_slice(&listed.stdout).unwrap();
    let labels: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels.len(), 13);
    assert_eq!(labels.last(), Some(&"牧民培训"));
    let operators = crate::succeeded(cli(&["kinds", "list", "--list", "operator", "--json"]));
    let operators: Value = serde_json::from_slice(&operators.stdout).unwrap();
    let logistics = operators
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["code"] == "logistics")
        .unwrap();
    assert_eq!(logistics["retired"], true);
    let refused = cli(&[
        "kinds", "add", "--list", "operator", "--code", "Bad Code", "--label", "x",
    ]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("KIND_CODE"));
}
