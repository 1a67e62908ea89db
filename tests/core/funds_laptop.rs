//! Fund records are the county's: the 托里县 hub awards and pays, its package brings a township
//! laptop the fund records of that township's operators (and none of another's), the laptop
//! shows them read-only and refuses every fund write (`FUND_DEVICE`), writing nothing.

use std::sync::Arc;

use fieldbook::domain::funds::{
    ContractInput, OverrideInput, RecoveryGrounds, RecoveryInput, ReversalInput,
};
use fieldbook::domain::operators::{OperatorInput, OperatorKind};
use fieldbook::store::hlc::ManualClock;
use fieldbook::{Code, Store};
use sha2::Digest;

use crate::county::{tori, TORI_TOWN};
use crate::funds_setup::{approved, award_input, payment, sign, TODAY_MS};
use crate::sheets::log_len;

fn operator(store: &mut Store, village_code: &str, name: &str) -> String {
    let village = store
        .list_villages(None)
        .unwrap()
        .into_iter()
        .find(|v| v.code == village_code)
        .unwrap()
        .id;
    store
        .add_operator(&OperatorInput {
            kind: OperatorKind::ServiceStation,
            name: name.into(),
            credit_code: String::new(),
            person_in_charge: "负责人".into(),
            phone: "13809391234".into(),
            village_id: Some(village),
            platform: String::new(),
            shop_url: String::new(),
        })
        .unwrap()
        .record
        .id
}

#[test]
fn a_laptop_shows_its_operators_fund_records_and_may_change_none() {
    let dir = tempfile::tempdir().unwrap();
    let mut county = tori(Some(&dir.path().join("county.db")));
    county.set_clock(Arc::new(ManualClock::at(TODAY_MS)));
    let programme = county
        .add_programme_from_preset("huoqiu-2019-service-station", None)
        .unwrap()
        .id;
    county.county_init().unwrap();
    let ours = operator(&mut county, "654224100201", "克孜勒吐村服务站");
    let theirs = operator(&mut county, "654224201201", "庙尔沟村服务站");
    let mut awards = Vec::new();
    for station in [&ours, &theirs] {
        let application = approved(&mut county, &programme, station, "station");
        let award = county
            .award_funds(&award_input(&application, ""))
            .unwrap()
            .record
            .id;
        sign(&mut county, &award);
        county.pay_tranche(&payment(&award, 1)).unwrap();
        awards.push(award);
    }

    // The first contract's scan is stored at the county (a blob the package does not carry).
    let scan = fieldbook::digest::hex(&sha2::Sha256::digest(b"%PDF-1.4 contract"));
    county
        .write(|tx, _| {
            fieldbook::store::attachments::put(
                tx,
                &scan,
                "application/pdf",
                "合同.pdf",
                b"%PDF-1.4 contract",
            )
        })
        .unwrap();
    county
        .sign_fund_contract(&ContractInput {
            award_id: awards[0].clone(),
            contract_no: "TL-HT-001".into(),
            contract_date: "2019-05-02".into(),
            scan_sha256: Some(scan.clone()),
        })
        .unwrap();

    let mut laptop = Store::open(&dir.path().join("laptop.db")).unwrap();
    laptop.save_officer("托里镇干部").unwrap();
    let (request, _) = laptop.device_request().unwrap();
    let (answer, _) = county.county_enroll(&request, TORI_TOWN).unwrap();
    laptop.device_enroll(&answer).unwrap();
    let (package, summary) = county.sync_package(laptop.device_id()).unwrap();
    assert_eq!(summary.records["fund_award"], 1, "{:?}", summary.records);
    assert_eq!(summary.records["fund_disbursement"], 1);
    laptop.sync_apply(&package).unwrap();

    let shown = laptop.fund_awards(&programme).unwrap();
    assert_eq!(shown.len(), 1, "only the township's operators");
    assert_eq!(shown[0].operator_name, "克孜勒吐村服务站");
    // The scan stays at the county; the laptop shows the contract's number and date.
    assert_eq!(shown[0].contract_no, "TL-HT-001");
    assert_eq!(shown[0].contract_sha256, None);
    assert_eq!(
        (shown[0].paid.as_str(), shown[0].tranches[0].paid.as_str()),
        ("1800.00", "1800.00")
    );
    let verdict = laptop.fund_gate_for(&ours, &programme).unwrap();
    assert_eq!(verdict.tranche, Some(2));
    assert!(verdict
        .unmet
        .iter()
        .any(|p| p.code == Code::FUND_GATE_NO_ACCEPTANCE));

    let before = log_len(&laptop);
    let award = &awards[0];
    let disbursement = shown[0].disbursements[0].id.clone();
    let application = laptop.fund_award(award).unwrap().application_id.unwrap();
    let refusals = [
        laptop
            .award_funds(&award_input(&application, ""))
            .unwrap_err(),
        laptop.pay_tranche(&payment(award, 2)).unwrap_err(),
        laptop
            .reverse_disbursement(&ReversalInput {
                disbursement_id: disbursement,
                date: "2019-12-20".into(),
                reason: "录错".into(),
            })
            .unwrap_err(),
        laptop
            .override_gate(&OverrideInput {
                award_id: award.clone(),
                tranche: 2,
                reason: "特批".into(),
                officer: "乡长".into(),
                date: "2019-12-20".into(),
            })
            .unwrap_err(),
        laptop
            .order_recovery(&RecoveryInput {
                award_id: award.clone(),
                grounds: RecoveryGrounds::Other,
                reason: "停业".into(),
                amount: String::new(),
                decided_date: "2019-12-20".into(),
                due_date: "2020-01-20".into(),
                officer: String::new(),
            })
            .unwrap_err(),
    ];
    for refused in &refusals {
        assert_eq!(refused.code(), Code::FUND_DEVICE, "{refused}");
    }
    assert_eq!(log_len(&laptop), before, "nothing written");
}
