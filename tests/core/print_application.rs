//! 项目申报审批表 (issue 16 point 4) in 霍邱县, not the demo county: an application reviewed at
//! every step (one long comment that wraps), approved, awarded and paid in part prints its
//! operator, files, reviews, the decision, the award's tranches and the boxes to sign and seal;
//! an undecided one says so and has no fund section; a new review is a new version.

use fieldbook::domain::funds::{Decision, DecisionInput, Opinion, ReviewInput, ReviewStep};
use fieldbook::domain::operators::{OperatorInput, OperatorKind};
use fieldbook::print::FormKind;
use fieldbook::store::entities::FUND_APPLICATION;
use fieldbook::store::write::{self, Op};
use rusqlite::types::Value as SqlValue;

use crate::funds_setup::{award_input, huoqiu, payment, sign};
use crate::print::{number_runs, save_and_read, squeezed};
use crate::targets::County;

const LONG_COMMENT: &str = "该店位于乡镇街道临街位置，门面约四十平方米，已开通拼多多和淘宝两个平台店铺，\
主营本地土蜂蜜、核桃和手工挂面，带动本村建档立卡贫困户六户参与供货，经实地查看与材料核对，情况属实，同意推荐。";

/// 示范店丙 with its credit code, applying on 2019-04-01 with its licence, undecided.
fn application(c: &mut County) -> (String, String) {
    let programme = c.programme("chengxian-2019-demo-shop", None);
    let operator = c
        .store
        .add_operator(&OperatorInput {
            kind: OperatorKind::DemoShop,
            name: "示范店丙".into(),
            credit_code: "91350100M000100Y43".into(),
            person_in_charge: "李四".into(),
            phone: "13809391234".into(),
            village_id: Some(c.villages[0].0.clone()),
            platform: "拼多多".into(),
            shop_url: String::new(),
        })
        .unwrap()
        .record
        .id;
    let sha = c
        .store
        .store_fund_document("营业执照.png", b"\x89PNG\r\n\x1a\nlicence")
        .unwrap();
    let documents =
        serde_json::json!([{ "kind": "licence", "sha256": sha, "name": "营业执照.png" }]);
    let id = fieldbook::store::new_id();
    let text = |s: &str| SqlValue::Text(s.to_string());
    let values = [
        ("programme_id", text(&programme)),
        ("operator_id", text(&operator)),
        ("class_key", text("poor")),
        ("applied_date", text("2019-04-01")),
        ("documents", text(&documents.to_string())),
        ("investment", text("50000.00")),
    ];
    c.store
        .write(|tx, w| write::record(tx, w, &FUND_APPLICATION, &id, Op::Create, &values))
        .unwrap();
    (programme, id)
}

fn review(c: &mut County, application: &str, step: ReviewStep, who: &str, comment: &str) {
    c.store
        .review_fund_application(&ReviewInput {
            application_id: application.into(),
            step,
            reviewer: who.into(),
            review_date: "2019-04-10".into(),
            opinion: Opinion::Agree,
            comment: comment.into(),
            score: (step == ReviewStep::County).then(|| "86.5".into()),
        })
        .unwrap();
}

#[test]
fn an_approved_and_awarded_application_prints_its_reviews_decision_tranches_and_seal_boxes() {
    let mut c = huoqiu();
    let (_, id) = application(&mut c);
    review(&mut c, &id, ReviewStep::Village, "王村长", LONG_COMMENT);
    review(&mut c, &id, ReviewStep::Township, "赵镇长", "材料齐全");
    review(&mut c, &id, ReviewStep::County, "县评审组", "评审通过");
    c.store
        .decide_fund_application(&DecisionInput {
            application_id: id.clone(),
            decision: Decision::Approved,
            reason: String::new(),
            decided_by: "县电商领导小组".into(),
            decided_date: "2019-04-20".into(),
        })
        .unwrap();
    let award = c
        .store
        .award_funds(&award_input(&id, ""))
        .unwrap()
        .record
        .id;
    sign(&mut c.store, &award);
    c.store.pay_tranche(&payment(&award, 1)).unwrap();

    let printed = c.store.print_form(FormKind::Application, &id).unwrap();
    let text = save_and_read("application-approved", &printed.pdf);
    let flat = squeezed(&text);
    for expected in [
        "项目申报审批表",
        "示范店丙",
        "91350100M000100Y43",
        "李四",
        "第1镇",
        "2019年4月1日",
        "50,000.00元",
        "营业执照.png",
        "村推荐",
        "乡镇审核",
        "县评审",
        "王村长",
        "赵镇长",
        "86.5",
        "批准",
        "县电商领导小组",
        "2019年4月20日",
        "四、扶持资金",
        "HT-2019-001",
        "2019年12月20日",
        "记-1",
        "乡镇意见",
        "县级审批意见",
        "年月日",
    ] {
        assert!(flat.contains(expected), "{expected} missing in\n{text}");
    }
    // The long comment wraps inside its cell, whole.
    let comment_lines = text
        .lines()
        .filter(|l| LONG_COMMENT.contains(l.trim()) && l.trim().chars().count() > 4)
        .count();
    assert!(comment_lines >= 3, "the comment should wrap:\n{text}");
    // No phone or ID number; the person in charge's phone is on the operator, not here.
    assert!(number_runs(&text).is_empty(), "{:?}", number_runs(&text));
    assert!(!flat.contains("13809391234"));
    let verified = c.store.verify_print(&printed.stamp.hash).unwrap();
    assert_eq!(verified.status, "current", "{}", verified.message);
}

#[test]
fn an_undecided_application_says_so_and_a_new_review_is_a_new_version() {
    let mut c = huoqiu();
    let (_, id) = application(&mut c);
    review(&mut c, &id, ReviewStep::Village, "王村长", "同意推荐");
    let printed = c.store.print_form(FormKind::Application, &id).unwrap();
    let text = save_and_read("application-undecided", &printed.pdf);
    let flat = squeezed(&text);
    assert!(flat.contains("尚未审批"), "{text}");
    assert!(!flat.contains("四、扶持资金"));
    assert!(!flat.contains("批准"));

    review(&mut c, &id, ReviewStep::Township, "赵镇长", "同意");
    let verified = c.store.verify_print(&printed.stamp.hash).unwrap();
    assert_eq!(verified.status, "older", "{}", verified.message);
    assert!(verified.content_changed);
}
