//! The fund forms and exports from the records (issue 14, item 8) in 霍邱县 (341522, two
//! townships), not the demo county: three demonstration shops awarded, two signed and paid
//! their first tranche, one ordered to repay for falsified materials (and banned), one let
//! through by an override. The 资金拨付明细表, 追回通知书 and 资金使用情况表 print from
//! `fund_awards`, `fund_recovery` and `fund_status`, are logged and verified; the xlsx exports
//! are noted in the export audit; the 资金使用情况公示 lists names and amounts and no numbers;
//! the CLI prints `print disbursements --programme ID --out F.pdf` in 托里县.

use fieldbook::domain::funds::{OverrideInput, RecoveredInput, RecoveryGrounds, RecoveryInput};
use fieldbook::domain::notices::{ListSource, NoticeInput, NoticeSubject};
use fieldbook::domain::operators::OperatorKind;
use fieldbook::print::FormKind;
use fieldbook::sheets::{funds::export_programme_to, Destination, ExportKind};
use fieldbook::Code;
use serde_json::Value;

use crate::funds_setup::{approved, award_input, huoqiu, payment, sign};
use crate::print::{number_runs, save_and_read, squeezed};
use crate::targets::County;

struct Shops {
    c: County,
    programme: String,
    recovery: String,
}

/// 示范店甲 (1镇1村, poor) paid 4,320; 示范店乙 (1镇2村, non-poor) paid 3,536 then ordered to
/// repay it; 示范店丙 (2镇1村, poor) without a contract, its first tranche waived by the county.
fn shops() -> Shops {
    let mut c = huoqiu();
    let programme = c.programme("chengxian-2019-demo-shop", None);
    let award = |c: &mut County, village: usize, name: &str, class: &str| {
        let shop = c.operator(OperatorKind::DemoShop, village, name);
        let application = approved(&mut c.store, &programme, &shop, class);
        let award = c.store.award_funds(&award_input(&application, "")).unwrap();
        award.record.id
    };
    let jia = award(&mut c, 0, "示范店甲", "poor");
    let yi = award(&mut c, 1, "示范店乙", "non_poor");
    let bing = award(&mut c, 2, "示范店丙", "poor");
    for a in [&jia, &yi] {
        sign(&mut c.store, a);
        c.store.pay_tranche(&payment(a, 1)).unwrap();
    }
    let recovery = c
        .store
        .order_recovery(&RecoveryInput {
            award_id: yi.clone(),
            grounds: RecoveryGrounds::Falsified,
            reason: "销售台账与平台订单不符".into(),
            amount: String::new(),
            decided_date: "2019-12-20".into(),
            due_date: "2020-01-20".into(),
            officer: "王芳".into(),
        })
        .unwrap()
        .id;
    c.store
        .override_gate(&OverrideInput {
            award_id: bing,
            tranche: 1,
            reason: "合同原件在县档案室核对无误".into(),
            officer: "高建华".into(),
            date: "2019-12-18".into(),
        })
        .unwrap();
    Shops {
        c,
        programme,
        recovery,
    }
}

#[test]
fn the_disbursement_list_prints_the_records_gate_and_is_verified_until_a_payment_changes_it() {
    let Shops {
        mut c, programme, ..
    } = shops();
    let printed = c
        .store
        .print_form(FormKind::Disbursements, &programme)
        .unwrap();
    let text = save_and_read("funds-disbursements-huoqiu", &printed.pdf);
    let flat = squeezed(&text);
    for expected in [
        "资金拨付明细表",
        "示范店甲",
        "第1镇",
        "第2镇",
        "1镇2村",
        "第1笔80%",
        "4,320.00",
        "已拨付",
        "记-1",
        "2019年12月20日",
        "已下达追回",
        "特批可拨付",
        "合同原件在县档案室核对无误",
        "决定追回3,536.00元",
        "小计",
        "合计",
        // 5,400 + 4,420 + 5,400 awarded; 4,320 + 3,536 paid.
        "15,220.00",
        "7,856.00",
        "分管领导",
    ] {
        assert!(flat.contains(expected), "{expected} missing in {text}");
    }
    assert!(number_runs(&text).is_empty(), "{:?}", number_runs(&text));
    let hash = printed.stamp.hash.clone();
    assert_eq!(c.store.verify_print(&hash).unwrap().status, "current");
    // Money received back is a new version of the list.
    let recoveries = c.store.fund_recoveries(Some(&programme)).unwrap();
    c.store
        .record_recovered(&RecoveredInput {
            recovery_id: recoveries[0].id.clone(),
            amount: "1000".into(),
            received_date: "2019-12-20".into(),
            voucher_no: "收-1".into(),
            notes: String::new(),
        })
        .unwrap();
    let after = c.store.verify_print(&hash).unwrap();
    assert_eq!(after.status, "older", "{}", after.message);
    assert!(after.content_changed, "{}", after.message);
}

#[test]
fn the_recovery_notice_of_a_falsified_shop_names_the_amount_in_capitals_and_the_three_year_ban() {
    let Shops {
        mut c, recovery, ..
    } = shops();
    let printed = c
        .store
        .print_form(FormKind::RecoveryNotice, &recovery)
        .unwrap();
    let text = save_and_read("funds-recovery-notice-huoqiu", &printed.pdf);
    let flat = squeezed(&text);
    for expected in [
        "追回扶持资金通知书",
        "示范店乙：",
        "弄虚作假（销售台账与平台订单不符）",
        "人民币3,536.00元（大写：叁仟伍佰叁拾陆元整）",
        "请于2020年1月20日前",
        "2022年12月20日起方可重新申报",
        "霍邱县（盖章）",
        "经办人：王芳",
    ] {
        assert!(flat.contains(expected), "{expected} missing in {text}");
    }
    assert_eq!(
        c.store.verify_print(&printed.stamp.hash).unwrap().status,
        "current"
    );
}

#[test]
fn the_fund_status_prints_by_township_with_the_programme_total() {
    let Shops {
        mut c, programme, ..
    } = shops();
    let status = c.store.fund_status(&programme).unwrap();
    let printed = c
        .store
        .print_form(FormKind::FundStatus, &programme)
        .unwrap();
    let text = save_and_read("funds-status-huoqiu", &printed.pdf);
    let flat = squeezed(&text);
    assert!(flat.contains("资金使用情况表"), "{text}");
    for line in status.by_township.iter().chain(&status.by_class) {
        assert!(
            flat.contains(&squeezed(&line.label)),
            "{} missing",
            line.label
        );
    }
    assert!(flat.contains("15,220.00"), "{text}");
}

#[test]
fn the_fund_exports_come_from_the_records_and_are_audited_under_the_programme() {
    let Shops { c, programme, .. } = shops();
    let dir = tempfile::tempdir().unwrap();
    let (_, disbursements) = export_programme_to(
        &c.store,
        ExportKind::Disbursements,
        &programme,
        Destination::NewFileIn(dir.path()),
    )
    .unwrap();
    assert_eq!(disbursements.rows, 3 * 2, "three awards of two tranches");
    let (_, status) = export_programme_to(
        &c.store,
        ExportKind::FundStatus,
        &programme,
        Destination::NewFileIn(dir.path()),
    )
    .unwrap();
    let expected = c.store.fund_status(&programme).unwrap();
    assert_eq!(
        status.rows as usize,
        expected.by_township.len() + expected.by_class.len() + 1
    );
    let audit = c.store.export_audit().unwrap();
    let kinds: Vec<(&str, &str, bool)> = audit
        .iter()
        .map(|e| (e.kind.as_str(), e.scope.as_str(), e.full_ids))
        .collect();
    assert_eq!(
        kinds,
        [
            ("fund_status", programme.as_str(), false),
            ("disbursements", programme.as_str(), false)
        ]
    );
    // A township template asked by programme is refused, and nothing noted.
    let refused = export_programme_to(
        &c.store,
        ExportKind::Households,
        &programme,
        Destination::NewFileIn(dir.path()),
    )
    .unwrap_err();
    assert_eq!(refused.code(), Code::USAGE);
    assert_eq!(c.store.export_audit().unwrap().len(), 2);
}

#[test]
fn the_fund_use_notice_lists_names_villages_and_amounts_and_never_a_number() {
    let Shops {
        mut c, programme, ..
    } = shops();
    let entries = c
        .store
        .notice_list_from(&ListSource::Awards {
            programme_id: programme.clone(),
        })
        .unwrap();
    let notice = c
        .store
        .add_notice(&NoticeInput {
            title: "关于2019年电子商务示范店扶持资金使用情况的公示".into(),
            subject: NoticeSubject::FundAllocation,
            programme_id: Some(programme),
            issuer: "霍邱县商务局".into(),
            places: vec!["霍邱县人民政府网站".into()],
            start_date: "2019-12-20".into(),
            end_date: "2019-12-30".into(),
            phone_local: "0564-6012345".into(),
            body: String::new(),
            entries,
            has_list: true,
        })
        .unwrap()
        .record
        .id;
    let printed = c.store.print_form(FormKind::Notice, &notice).unwrap();
    let text = save_and_read("funds-use-notice-huoqiu", &printed.pdf);
    let flat = squeezed(&text);
    for expected in ["示范店甲", "示范店乙", "示范店丙", "5,400.00", "4,420.00"] {
        assert!(flat.contains(expected), "{expected} missing in {text}");
    }
    // The operators' phone (13809391234) is on record; the notice prints no ID, phone or
    // account number.
    assert!(number_runs(&text).is_empty(), "{:?}", number_runs(&text));
    assert!(!flat.contains("13809391234"));
}

#[test]
fn the_cli_prints_the_disbursement_list_and_exports_it_for_a_programme() {
    let (dir, db) = crate::temp_db();
    let programme = {
        let mut store = crate::county::tori(Some(&db));
        let programme = store
            .add_programme_from_preset("huoqiu-2019-service-station", None)
            .unwrap()
            .id;
        let village = store.list_villages(None).unwrap()[0].id.clone();
        let station = store
            .add_operator(&fieldbook::domain::operators::OperatorInput {
                kind: OperatorKind::ServiceStation,
                name: "团结社区服务站".into(),
                credit_code: String::new(),
                person_in_charge: "负责人".into(),
                phone: "13809391234".into(),
                village_id: Some(village),
                platform: String::new(),
                shop_url: String::new(),
            })
            .unwrap()
            .record
            .id;
        let application = approved(&mut store, &programme, &station, "station");
        store.award_funds(&award_input(&application, "")).unwrap();
        programme
    };
    let cli = |args: &[&str]| {
        let out = crate::succeeded(crate::fieldbook_cli(&db, "县办王芳", args, None));
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    let pdf = dir.path().join("拨付明细.pdf");
    let printed = cli(&[
        "--json",
        "print",
        "disbursements",
        "--programme",
        &programme,
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(printed["form"], "disbursements");
    assert_eq!(printed["recordId"], programme.as_str());
    let text = crate::print::pdf_text(&pdf);
    assert!(squeezed(&text).contains("团结社区服务站"), "{text}");
    assert!(squeezed(&text).contains("不可拨付：未签合同"), "{text}");
    let status_pdf = dir.path().join("资金使用情况.pdf");
    let status = cli(&[
        "--json",
        "print",
        "fund-status",
        "--programme",
        &programme,
        "--out",
        status_pdf.to_str().unwrap(),
    ]);
    assert_eq!(status["form"], "fund-status");
    let xlsx = dir.path().join("拨付明细.xlsx");
    let exported = cli(&[
        "--json",
        "export",
        "disbursements",
        "--programme",
        &programme,
        "--out",
        xlsx.to_str().unwrap(),
    ]);
    assert_eq!(exported["kind"], "disbursements");
    assert_eq!(
        exported["rows"], 2,
        "霍邱's stations: 90 % and the 10 % 尾款"
    );
    assert!(xlsx.exists());
    // A fund export without its programme is refused with its code.
    let refused = crate::fieldbook_cli(
        &db,
        "县办王芳",
        &["--json", "export", "fund-status", "--out", "x.xlsx"],
        None,
    );
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stdout).contains("SHEET_PROGRAMME_REQUIRED")
            || String::from_utf8_lossy(&refused.stderr).contains("SHEET_PROGRAMME_REQUIRED")
    );
}
