//! The money loop from the command line, in 托里县: award, contract and first tranche; the gate
//! names every unmet condition of the balance; its payment is refused with each as a coded
//! `errors` entry and nothing written; a payment by operator and programme with no award is
//! `FUND_AWARD_MISSING`.

use fieldbook::domain::operators::{OperatorInput, OperatorKind};
use fieldbook::Store;
use serde_json::{json, Value};

use crate::county::tori;
use crate::funds_setup::approved;
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

#[test]
fn the_county_awards_pays_and_sees_the_balance_refused_with_every_reason() {
    let (_dir, db) = temp_db();
    let (programme, operator, other, application) = {
        let mut store = tori(Some(&db));
        let programme = store
            .add_programme_from_preset("huoqiu-2019-service-station", None)
            .unwrap()
            .id;
        let village = store.list_villages(None).unwrap()[0].id.clone();
        let mut station = |name: &str| {
            store
                .add_operator(&OperatorInput {
                    kind: OperatorKind::ServiceStation,
                    name: name.into(),
                    credit_code: String::new(),
                    person_in_charge: "负责人".into(),
                    phone: "13809391234".into(),
                    village_id: Some(village.clone()),
                    platform: String::new(),
                    shop_url: String::new(),
                })
                .unwrap()
                .record
                .id
        };
        let operator = station("团结社区服务站");
        let other = station("另一个服务站");
        let application = approved(&mut store, &programme, &operator, "station");
        (programme, operator, other, application)
    };
    let cli = |args: &[&str], stdin: Option<&Value>| fieldbook_cli(&db, "县办王芳", args, stdin);

    let award = answer(&succeeded(cli(
        &["funds", "award"],
        Some(&json!({"applicationId": application, "decidedDate": "2019-04-25"})),
    )));
    let award_id = award["record"]["id"].as_str().unwrap().to_string();
    assert_eq!(award["record"]["amount"], "2000.00");
    assert_eq!(award["record"]["tranches"][0]["amount"], "1800.00");
    succeeded(cli(
        &["funds", "contract"],
        Some(&json!({"awardId": award_id, "contractNo": "TL-001", "contractDate": "2019-05-01"})),
    ));
    let paid = answer(&succeeded(cli(
        &[
            "funds",
            "pay",
            "--operator",
            &operator,
            "--programme",
            &programme,
        ],
        Some(&json!({"awardId": "", "tranche": 1, "paidDate": "2019-05-10", "voucherNo": "记-1"})),
    )));
    assert_eq!(paid["record"]["amount"], "1800.00");

    let gate = answer(&succeeded(cli(
        &[
            "--json",
            "funds",
            "gate",
            &operator,
            "--programme",
            &programme,
        ],
        None,
    )));
    assert_eq!(gate["tranche"], 2);
    assert_eq!(gate["mayPay"], false);
    let unmet: Vec<&str> = gate["unmet"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert_eq!(unmet, ["FUND_GATE_NO_ACCEPTANCE", "FUND_GATE_NO_NOTICE"]);
    let text = succeeded(cli(
        &["funds", "gate", &operator, "--programme", &programme],
        None,
    ));
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("不能拨付") && text.contains("FUND_GATE_NO_NOTICE"),
        "{text}"
    );

    let before = log_len(&Store::open(&db).unwrap());
    let refused = cli(
        &["funds", "pay"],
        Some(&json!({"awardId": award_id, "tranche": 2, "paidDate": "2019-12-20"})),
    );
    assert!(!refused.status.success());
    let error = &answer(&refused)["error"];
    assert_eq!(error["code"], "FUND_GATE_NO_ACCEPTANCE");
    let codes: Vec<&str> = error["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, unmet);
    let missing = cli(
        &[
            "funds",
            "pay",
            "--operator",
            &other,
            "--programme",
            &programme,
        ],
        Some(&json!({"awardId": "", "tranche": 1, "paidDate": "2019-12-20"})),
    );
    assert_eq!(answer(&missing)["error"]["code"], "FUND_AWARD_MISSING");
    assert_eq!(
        log_len(&Store::open(&db).unwrap()),
        before,
        "nothing written"
    );

    let awards = answer(&succeeded(cli(
        &["--json", "funds", "awards", "--programme", &programme],
        None,
    )));
    assert_eq!(awards.as_array().unwrap().len(), 1);
    assert_eq!(awards[0]["paid"], "1800.00");
}
