//! 项目申报审批表: one application on one sheet — the programme, the operator (name, credit
//! code, place), the class, the applied date and investment, the files handed in, each review
//! (step, reviewer, date, opinion, comment, score), the county's decision, the award and its
//! tranches once made, and boxes for the township's and the county's signed and sealed
//! opinion. No ID or phone number is printed: the operator's credit code names it.

use crate::domain::funds::{Application, Award, Decision, DocumentKind, Opinion, Review};
use crate::print::layout::{size, Align, Block, Column, Table, A4_PORTRAIT};
use crate::print::{Form, FormKind};

use super::super::{date_zh, form_doc, kv_table, section, TableOf};
use super::yuan;

/// What the application form prints besides the application itself.
pub struct ApplicationFormData<'a> {
    pub application: &'a Application,
    /// The operator's 统一社会信用代码 (empty when not recorded) and person in charge (a name:
    /// their phone is never printed).
    pub credit_code: &'a str,
    pub person_in_charge: &'a str,
    /// The award made on the application, once made.
    pub award: Option<&'a Award>,
}

fn document_kind(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::Licence => "营业执照",
        DocumentKind::IdCopy => "身份证复印件",
        DocumentKind::Form => "申报表",
        DocumentKind::Photo => "照片",
        DocumentKind::Other => "其他材料",
    }
}

fn opinion(o: Opinion) -> &'static str {
    match o {
        Opinion::Agree => "同意",
        Opinion::Disagree => "不同意",
    }
}

fn decision(d: Option<Decision>) -> &'static str {
    match d {
        Some(Decision::Approved) => "批准",
        Some(Decision::Rejected) => "不予批准",
        None => "尚未审批",
    }
}

fn or_blank(text: &str) -> String {
    match text.trim() {
        "" => "—".into(),
        t => t.to_string(),
    }
}

fn documents(a: &Application) -> Block {
    if a.documents.is_empty() {
        return Block::para("未附申报材料。", size::WU);
    }
    TableOf::new(&a.documents)
        .numbered(0.6)
        .center("材料类别", 1.4, |d| document_kind(d.kind).into())
        .left("文件名", 5.0, |d| or_blank(&d.name))
        .block()
}

fn reviews(list: &[Review]) -> Block {
    if list.is_empty() {
        return Block::para("尚无审核意见。", size::WU);
    }
    TableOf::new(list)
        .center("环节", 1.0, |r| r.step.label().into())
        .center("审核人", 1.0, |r| r.reviewer.clone())
        .center("日期", 1.35, |r| date_zh(&r.review_date))
        .center("意见", 0.75, |r| opinion(r.opinion).into())
        .left("说明", 3.2, |r| or_blank(&r.comment))
        .center("评分", 0.7, |r| r.score.clone().unwrap_or_default())
        .block()
}

fn county_decision(a: &Application) -> Block {
    let date = a.decided_date.as_deref().map(date_zh).unwrap_or_default();
    let mut blocks = vec![kv_table(&[
        [
            ("审批结果", decision(a.decision)),
            ("审批日期", date.as_str()),
        ],
        [("审批人", a.decided_by.as_str()), ("", "")],
    ])];
    if !a.decision_reason.trim().is_empty() {
        blocks.push(Block::para(
            format!("理由：{}", a.decision_reason.trim()),
            size::WU,
        ));
    }
    Block::Keep(blocks)
}

fn award(award: &Award) -> Vec<Block> {
    let deadline = award.deadline.as_deref().map(date_zh).unwrap_or_default();
    let contract = match (award.contract_no.trim(), &award.contract_date) {
        ("", None) => "未签订".to_string(),
        (no, Some(d)) => format!("{no} {}", date_zh(d)).trim().to_string(),
        (no, None) => no.to_string(),
    };
    let amount = format!("{} 元", yuan(&award.amount));
    let decided = date_zh(&award.decided_date);
    vec![
        kv_table(&[
            [
                ("补助金额", amount.as_str()),
                ("确定日期", decided.as_str()),
            ],
            [
                ("合同编号", contract.as_str()),
                ("完成期限", deadline.as_str()),
            ],
        ]),
        TableOf::new(&award.tranches)
            .center("批次", 1.2, |t| t.label.clone())
            .center("比例", 0.7, |t| format!("{}%", t.percent))
            .right("金额（元）", 1.2, |t| yuan(&t.amount))
            .right("已拨付（元）", 1.2, |t| yuan(&t.paid))
            .center("拨付日期", 1.4, |t| {
                t.paid_date.as_deref().map(date_zh).unwrap_or_default()
            })
            .center("凭证号", 1.3, |t| t.voucher_no.clone())
            .block(),
    ]
}

/// The application's particulars, two to a row; the right-hand labels are wider than
/// `kv_table`'s so 统一社会信用代码 stays on one line.
fn header(rows: &[[(&str, &str); 2]]) -> Block {
    Block::Table(Table {
        columns: vec![
            Column::new("", 1.0, Align::Center),
            Column::new("", 2.2, Align::Left),
            Column::new("", 1.45, Align::Center),
            Column::new("", 1.75, Align::Left),
        ],
        header: false,
        rows: rows
            .iter()
            .map(|[(a, b), (c, d)]| {
                vec![a.to_string(), b.to_string(), c.to_string(), d.to_string()]
            })
            .collect(),
        totals: vec![],
        size: size::WU,
    })
}

/// A box to sign and seal an opinion in: its label on the left, room to write, then the seal
/// and 年 月 日 lines on the right.
fn opinion_box(label: &str) -> Block {
    Block::Table(Table {
        columns: vec![
            Column::new("", 1.0, Align::Center),
            Column::new("", 5.0, Align::Right),
        ],
        header: false,
        rows: vec![vec![
            format!("\n{label}\n"),
            "\n\n\n（盖章）　　　　　　\n年　　月　　日　　".to_string(),
        ]],
        totals: vec![],
        size: size::XIAO_SI,
    })
}

/// The 项目申报审批表 of an application.
pub fn application_form(data: &ApplicationFormData, version: i64) -> Form {
    let a = data.application;
    let applied = date_zh(&a.applied_date);
    let investment = a
        .investment
        .as_deref()
        .map(|i| format!("{} 元", yuan(i)))
        .unwrap_or_else(|| "未填报".into());
    let mut blocks = vec![
        Block::title("项目申报审批表", size::ER),
        Block::Space(6.0),
        header(&[
            [
                ("项目名称", a.programme_name.as_str()),
                ("申报类别", a.class_label.as_str()),
            ],
            [
                ("实施主体", a.operator_name.as_str()),
                ("统一社会信用代码", data.credit_code),
            ],
            [
                ("所在地", a.place.as_str()),
                ("负责人", data.person_in_charge),
            ],
            [
                ("申报日期", applied.as_str()),
                ("计划投资", investment.as_str()),
            ],
        ]),
        section("一、申报材料"),
        documents(a),
        section("二、审核意见"),
        reviews(&a.reviews),
        section("三、县级审批"),
        county_decision(a),
    ];
    if let Some(award) = data.award {
        blocks.push(section("四、扶持资金"));
        blocks.extend(self::award(award));
    }
    if !a.notes.trim().is_empty() {
        blocks.push(Block::para(format!("备注：{}", a.notes.trim()), size::WU));
    }
    blocks.push(Block::Keep(vec![
        Block::Space(6.0),
        opinion_box("乡镇意见"),
        opinion_box("县级审批意见"),
    ]));
    Form {
        kind: FormKind::Application,
        record_id: a.id.clone(),
        record_label: format!("申报“{} {}”", a.operator_name, applied),
        version,
        doc: form_doc(
            format!("{} 项目申报审批表", a.operator_name),
            A4_PORTRAIT,
            blocks,
        ),
    }
}
