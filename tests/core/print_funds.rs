//! The fund forms of issue 14 (item 8) built from synthetic records of a second county, 托里县
//! (654224), not the demo's: the disbursement list (资金拨付明细表) with its gate, overrides,
//! subtotals and signature lines, the recovery notice (追回通知书) with the amount in capitals
//! and the ban, and the fund status (资金使用情况表). Each is checked block by block, then
//! printed and read back with `pdftotext`; the first page is rendered under
//! `target/print-samples/` to be looked at.

use fieldbook::domain::funds::{
    Award, Ban, Disbursement, FundStatus, GateProblem, MoneyLine, Recovery, RecoveryGrounds,
    TrancheState,
};
use fieldbook::domain::Warning;
use fieldbook::print::forms::funds::{disbursement_list, fund_status_form, recovery_notice};
use fieldbook::print::layout::Block;
use fieldbook::print::{Form, FormKind};
use fieldbook::Code;

use crate::print::{assert_pages, number_runs, save_and_read, squeezed};

pub const PROGRAMME: &str = "托里县电子商务进农村综合示范项目";

fn gate(code: Code) -> GateProblem {
    GateProblem {
        code,
        message: format!("{code:?} 的完整说明"),
    }
}

fn tranche(n: u32, percent: &str, amount: &str) -> TrancheState {
    TrancheState {
        tranche: n,
        label: if n == 1 {
            "合同签订后"
        } else {
            "验收合格后"
        }
        .into(),
        percent: percent.into(),
        on_acceptance: n > 1,
        amount: amount.into(),
        paid: "0.00".into(),
        paid_date: None,
        voucher_no: String::new(),
        unmet: vec![],
        override_note: None,
    }
}

fn paid(mut t: TrancheState, date: &str, voucher: &str) -> TrancheState {
    t.paid = t.amount.clone();
    t.paid_date = Some(date.into());
    t.voucher_no = voucher.into();
    t
}

fn award(
    id: &str,
    (township_id, township): (&str, &str),
    village: &str,
    operator: &str,
    amount: &str,
    tranches: Vec<TrancheState>,
) -> Award {
    Award {
        id: id.into(),
        programme_id: "p-tuoli".into(),
        programme_name: PROGRAMME.into(),
        operator_id: format!("o-{id}"),
        operator_name: operator.into(),
        place: format!("{township} {village}"),
        township_id: township_id.into(),
        township_name: township.into(),
        application_id: None,
        class_key: "poor".into(),
        class_label: "贫困村".into(),
        amount: amount.into(),
        investment: None,
        decided_date: "2019-04-20".into(),
        decided_by: "县领导小组".into(),
        targets: vec![],
        deadline: None,
        contract_no: format!("TL-2019-{id}"),
        contract_date: Some("2019-04-25".into()),
        contract_sha256: None,
        paid: "0.00".into(),
        recovered: "0.00".into(),
        disbursements: vec![],
        recoveries: vec![],
        tranches,
        notes: String::new(),
        status: "contracted".into(),
    }
}

const TUOLI: (&str, &str) = ("t-tuoli", "托里镇");
const MIAOERGOU: (&str, &str) = ("t-miaoergou", "庙尔沟镇");

/// Three awards in two townships: one paid and waiting for its results notice, one paid
/// through an override with its balance free to pay, one without a contract; and one whose
/// first payment was reversed and recovered.
pub fn awards() -> Vec<Award> {
    let mut waiting = tranche(2, "20", "1080.00");
    waiting.unmet = vec![
        gate(Code::FUND_GATE_NOTICE_RUNNING),
        gate(Code::FUND_GATE_OBJECTION_OPEN),
        gate(Code::FUND_GATE_NOTICE_RUNNING),
    ];
    let mut overridden = paid(tranche(1, "80", "3536.00"), "2019-05-12", "记-0013");
    overridden.override_note = Some("合同原件在县档案室核对无误，高建华，2019年5月11日".into());
    let mut no_contract = tranche(1, "80", "3536.00");
    no_contract.unmet = vec![gate(Code::FUND_GATE_NO_CONTRACT)];
    let mut later = tranche(2, "20", "884.00");
    later.unmet = vec![
        gate(Code::FUND_GATE_NO_CONTRACT),
        gate(Code::FUND_GATE_PREVIOUS_TRANCHE),
        gate(Code::FUND_GATE_NO_ACCEPTANCE),
    ];
    let mut recovered_award = award(
        "4",
        MIAOERGOU,
        "塔斯特村",
        "庙尔沟镇塔斯特村电商服务点",
        "4420.00",
        vec![tranche(1, "80", "3536.00"), tranche(2, "20", "884.00")],
    );
    recovered_award.tranches[0].unmet = vec![gate(Code::FUND_GATE_RECOVERY)];
    recovered_award.tranches[1].unmet = vec![
        gate(Code::FUND_GATE_RECOVERY),
        gate(Code::FUND_GATE_PREVIOUS_TRANCHE),
    ];
    recovered_award.disbursements = vec![Disbursement {
        id: "d-4-rev".into(),
        award_id: "4".into(),
        tranche: 1,
        amount: "-3536.00".into(),
        paid_date: "2019-07-01".into(),
        voucher_no: "记-0031".into(),
        payer: "县财政局".into(),
        reverses_id: Some("d-4".into()),
        reversed_by: None,
        override_id: None,
        notes: "账户错误".into(),
    }];
    recovered_award.recoveries = vec![recovery(Some("ban-4"))];
    vec![
        award(
            "1",
            TUOLI,
            "团结村",
            "托里镇团结村电商扶贫示范店",
            "5400.00",
            vec![
                paid(tranche(1, "80", "4320.00"), "2019-05-10", "记-0012"),
                waiting,
            ],
        ),
        award(
            "2",
            MIAOERGOU,
            "庙尔沟村",
            "庙尔沟镇庙尔沟村益农信息社",
            "4420.00",
            vec![no_contract, later],
        ),
        award(
            "3",
            TUOLI,
            "前进村",
            "托里县前进牧业专业合作社",
            "4420.00",
            vec![overridden, tranche(2, "20", "884.00")],
        ),
        recovered_award,
    ]
}

pub fn recovery(ban_id: Option<&str>) -> Recovery {
    Recovery {
        id: "r-4".into(),
        award_id: "4".into(),
        operator_name: "庙尔沟镇塔斯特村电商服务点".into(),
        programme_name: PROGRAMME.into(),
        grounds: RecoveryGrounds::Falsified,
        reason: "销售台账与平台订单不符".into(),
        amount: "3536.00".into(),
        recovered: "0.00".into(),
        outstanding: "3536.00".into(),
        decided_date: "2019-07-29".into(),
        due_date: "2019-08-12".into(),
        officer: "高建华".into(),
        ban_id: ban_id.map(Into::into),
    }
}

pub fn ban() -> Ban {
    Ban {
        id: "ban-4".into(),
        operator_id: "o-4".into(),
        operator_name: "庙尔沟镇塔斯特村电商服务点".into(),
        reason: "弄虚作假".into(),
        start_date: "2019-07-29".into(),
        end_date: "2022-07-29".into(),
        officer: "高建华".into(),
        lifted_date: None,
        lifted_reason: String::new(),
        active: true,
        recovery_id: Some("r-4".into()),
    }
}

/// The rows of the form's first table with a header (the body rows, then the totals).
fn table_rows(form: &Form) -> (Vec<String>, Vec<Vec<String>>, Vec<Vec<String>>) {
    form.doc
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) if t.header => Some((
                t.columns.iter().map(|c| c.title.clone()).collect(),
                t.rows.clone(),
                t.totals.clone(),
            )),
            _ => None,
        })
        .expect("a table with a header")
}

fn texts(form: &Form) -> String {
    let mut out = Vec::new();
    for b in &form.doc.blocks {
        b.texts(&mut out);
    }
    out.join("\n")
}

/// A row as `column title → cell`.
fn cell<'a>(titles: &[String], row: &'a [String], title: &str) -> &'a str {
    let i = titles.iter().position(|t| t == title).expect(title);
    &row[i]
}

#[test]
fn the_disbursement_list_has_a_row_per_tranche_the_gate_and_subtotals_per_township() {
    let form = disbursement_list("p-tuoli", PROGRAMME, &awards(), 7);
    assert_eq!(form.kind, FormKind::Disbursements);
    assert_eq!(form.record_id, "p-tuoli");
    let (titles, rows, totals) = table_rows(&form);
    assert_eq!(
        titles,
        [
            "序号",
            "乡镇",
            "实施主体",
            "村",
            "类别",
            "补助金额",
            "批次",
            "应拨金额",
            "已拨金额",
            "拨付日期",
            "凭证号",
            "拨付条件",
            "备注"
        ]
    );
    // 托里镇: awards 1 and 3 (2 tranches each) and its 小计, then 庙尔沟镇: 2 and 4.
    assert_eq!(rows.len(), 2 * 2 + 1 + 2 * 2 + 1);
    let col = |row: usize, title: &str| cell(&titles, &rows[row], title).to_string();
    assert_eq!(
        (0..rows.len()).map(|r| col(r, "乡镇")).collect::<Vec<_>>(),
        [
            "托里镇",
            "托里镇",
            "托里镇",
            "托里镇",
            "小计",
            "庙尔沟镇",
            "庙尔沟镇",
            "庙尔沟镇",
            "庙尔沟镇",
            "小计"
        ]
    );
    assert_eq!(
        (0..rows.len()).map(|r| col(r, "序号")).collect::<Vec<_>>(),
        ["1", "", "2", "", "", "3", "", "4", "", ""]
    );
    // The award amount once per award; each tranche with its amount and batch.
    assert_eq!(col(0, "补助金额"), "5,400.00");
    assert_eq!(col(1, "补助金额"), "");
    assert_eq!(col(0, "村"), "团结村");
    assert_eq!(col(0, "批次"), "第1笔 80%");
    assert_eq!(col(1, "批次"), "第2笔 20%");
    assert_eq!(
        [col(0, "应拨金额"), col(1, "应拨金额")],
        ["4,320.00", "1,080.00"]
    );
    // Paid: the amount, the date as 2019年5月10日 and the voucher.
    assert_eq!(
        [
            col(0, "已拨金额"),
            col(0, "拨付日期"),
            col(0, "凭证号"),
            col(0, "拨付条件")
        ],
        ["4,320.00", "2019年5月10日", "记-0012", "已拨付"]
    );
    // Refused: every unmet condition once, short.
    assert_eq!(col(1, "拨付条件"), "不可拨付：公示未结束、异议未处理");
    assert_eq!(col(1, "已拨金额"), "");
    // The override that let a tranche through, on its row.
    assert_eq!(
        col(2, "备注"),
        "特批：合同原件在县档案室核对无误，高建华，2019年5月11日"
    );
    assert_eq!(col(3, "拨付条件"), "可拨付");
    assert_eq!(col(5, "拨付条件"), "不可拨付：未签合同");
    assert_eq!(col(6, "拨付条件"), "不可拨付：未签合同、前笔未拨、未验收");
    // A reversed payment and the recovery order in the remarks of the recovered award.
    assert_eq!(col(7, "拨付条件"), "不可拨付：已下达追回");
    assert_eq!(
        col(7, "备注"),
        "2019年7月1日冲销 -3,536.00 元；2019年7月29日决定追回 3,536.00 元，已追回 0.00 元"
    );
    assert_eq!(col(8, "备注"), "");
    // 小计 per township and the 合计.
    assert_eq!(
        [
            col(4, "实施主体"),
            col(4, "补助金额"),
            col(4, "应拨金额"),
            col(4, "已拨金额")
        ],
        ["2 个", "9,820.00", "9,820.00", "7,856.00"]
    );
    assert_eq!(
        [col(9, "补助金额"), col(9, "已拨金额")],
        ["8,840.00", "0.00"]
    );
    assert_eq!(totals.len(), 1);
    let total = |title: &str| cell(&titles, &totals[0], title).to_string();
    assert_eq!(
        [
            total("乡镇"),
            total("实施主体"),
            total("补助金额"),
            total("应拨金额"),
            total("已拨金额")
        ],
        ["合计", "4 个", "18,660.00", "18,660.00", "7,856.00"]
    );
    let all = texts(&form);
    assert!(all.contains("托里县电子商务进农村综合示范项目资金拨付明细表"));
    assert!(all.contains(
        "扶持对象 4 个，补助资金 18,660.00 元，已拨付 7,856.00 元，未拨付 10,804.00 元。"
    ));
    for signer in ["经办人", "审核人", "分管领导", "单位（盖章）", "日期："] {
        assert!(all.contains(signer), "{signer} missing");
    }
}

#[test]
fn a_programme_without_awards_prints_an_empty_list_with_zero_totals() {
    let form = disbursement_list("p-empty", "托里县电商培训项目", &[], 0);
    let (titles, rows, totals) = table_rows(&form);
    assert!(rows.is_empty());
    assert_eq!(cell(&titles, &totals[0], "补助金额"), "0.00");
    assert_eq!(cell(&titles, &totals[0], "实施主体"), "0 个");
}

#[test]
fn the_disbursement_list_prints_landscape_with_its_stamp_and_reads_back() {
    let form = disbursement_list("p-tuoli", PROGRAMME, &awards(), 7);
    let printed = fieldbook::print::print(form).unwrap();
    let text = save_and_read("funds-disbursements", &printed.pdf);
    let flat = squeezed(&text);
    for expected in [
        "资金拨付明细表",
        "托里镇团结村电商扶贫示范店",
        "第1笔80%",
        "2019年5月10日",
        "记-0012",
        "不可拨付：公示未结束、异议未处理",
        "特批：合同原件在县档案室核对无误",
        "小计",
        "合计",
        "18,660.00",
        "分管领导",
    ] {
        assert!(flat.contains(expected), "{expected} missing in {text}");
    }
    assert!(flat.contains(&squeezed(&printed.stamp.hash)));
    assert_eq!(printed.stamp.version, 7);
    assert_pages(&text, printed.pages);
    assert!(number_runs(&text).is_empty(), "{:?}", number_runs(&text));
}

#[test]
fn a_long_disbursement_list_repeats_its_header_and_keeps_the_total() {
    let many: Vec<Award> = (0..60)
        .map(|i| {
            let place = if i < 30 { TUOLI } else { MIAOERGOU };
            award(
                &format!("{i}"),
                place,
                "团结村",
                &format!("托里县第{i}号电商服务点"),
                "5400.00",
                vec![
                    paid(tranche(1, "80", "4320.00"), "2019-05-10", "记-0012"),
                    tranche(2, "20", "1080.00"),
                ],
            )
        })
        .collect();
    let printed =
        fieldbook::print::print(disbursement_list("p-tuoli", PROGRAMME, &many, 3)).unwrap();
    assert!(printed.pages > 2, "{} pages", printed.pages);
    let text = save_and_read("funds-disbursements-long", &printed.pdf);
    assert_pages(&text, printed.pages);
    // The header on every page holding rows (pdftotext ends each page with a form feed).
    let pages: Vec<String> = text.split('\u{c}').map(squeezed).collect();
    let with_rows = pages.iter().filter(|p| p.contains("电商服务点")).count();
    assert!(with_rows > 2, "{with_rows} pages with rows");
    for page in pages.iter().filter(|p| p.contains("电商服务点")) {
        assert!(
            page.contains("拨付条件"),
            "a page without the header: {page}"
        );
    }
    // 60 × 5,400 = 324,000.00 awarded and 60 × 4,320 paid.
    assert!(squeezed(&text).contains("324,000.00"));
    assert!(squeezed(&text).contains("259,200.00"));
}

#[test]
fn the_recovery_notice_states_the_amount_in_figures_and_capitals_the_due_date_and_the_ban() {
    let form = recovery_notice(&recovery(Some("ban-4")), Some(&ban()), "托里县", 11);
    assert_eq!(form.kind, FormKind::RecoveryNotice);
    assert_eq!(form.record_id, "r-4");
    let all = texts(&form);
    for expected in [
        "追回扶持资金通知书",
        "庙尔沟镇塔斯特村电商服务点：",
        "因申报或验收材料弄虚作假（销售台账与平台订单不符），经2019年7月29日决定",
        "应追回金额：人民币 3,536.00 元（大写：叁仟伍佰叁拾陆元整）。",
        "请于2019年8月12日前",
        "自2019年7月29日起不得申报托里县财政扶持资金项目，2022年7月29日起方可重新申报",
        "托里县（盖章）",
        "经办人：高建华",
        "受送达人签收",
    ] {
        assert!(all.contains(expected), "{expected} missing in {all}");
    }
    assert!(!all.contains("已退回"), "nothing was received yet");
    let printed = fieldbook::print::print(form).unwrap();
    let text = save_and_read("funds-recovery-notice", &printed.pdf);
    let flat = squeezed(&text);
    assert!(flat.contains("叁仟伍佰叁拾陆元整"), "{text}");
    assert!(flat.contains("2019年8月12日"));
    assert!(flat.contains(&squeezed(&printed.stamp.hash)));
}

#[test]
fn a_recovery_for_failed_acceptance_without_a_ban_part_received_says_what_is_left() {
    let mut r = recovery(None);
    r.grounds = RecoveryGrounds::FailedAcceptance;
    r.reason = String::new();
    r.amount = "4320.00".into();
    r.recovered = "1000.00".into();
    r.outstanding = "3320.00".into();
    let all = texts(&recovery_notice(&r, None, "霍邱县", 2));
    assert!(all.contains("因验收不合格，经"), "{all}");
    assert!(all.contains("人民币 4,320.00 元（大写：肆仟叁佰贰拾元整）"));
    assert!(
        all.contains("已退回 1,000.00 元，尚需退回人民币 3,320.00 元（大写：叁仟叁佰贰拾元整）")
    );
    assert!(!all.contains("取消"), "no ban: {all}");
    assert!(all.contains("霍邱县（盖章）"));
}

pub fn line(
    key: &str,
    label: &str,
    budget: Option<&str>,
    awards: u32,
    awarded: &str,
    paid: &str,
) -> MoneyLine {
    MoneyLine {
        key: key.into(),
        label: label.into(),
        budget: budget.map(Into::into),
        awards,
        awarded: awarded.into(),
        paid: paid.into(),
        recovered: "0.00".into(),
        remaining: None,
        to_pay: "0.00".into(),
        to_recover: "0.00".into(),
    }
}

#[test]
fn the_fund_status_prints_townships_sub_budgets_the_total_and_the_warnings() {
    let mut total = line(
        "p-tuoli",
        PROGRAMME,
        Some("18000.00"),
        4,
        "18660.00",
        "7856.00",
    );
    total.remaining = Some("-660.00".into());
    total.to_pay = "7268.00".into();
    total.to_recover = "3536.00".into();
    let status = FundStatus {
        programme_id: "p-tuoli".into(),
        programme_name: PROGRAMME.into(),
        year: 2019,
        total,
        by_township: vec![
            line("t-tuoli", "托里镇", None, 2, "9820.00", "7856.00"),
            line("t-miaoergou", "庙尔沟镇", None, 2, "8840.00", "0.00"),
        ],
        by_class: vec![line(
            "poor",
            "贫困村",
            Some("18000.00"),
            4,
            "18660.00",
            "7856.00",
        )],
        warnings: vec![Warning {
            code: Code::FUND_OVER_BUDGET,
            field: "amount".into(),
            message: "已确定补助 18,660.00 元，超出预算 660.00 元。".into(),
        }],
    };
    let form = fund_status_form(&status, 5);
    assert_eq!(form.kind, FormKind::FundStatus);
    let (titles, rows, totals) = table_rows(&form);
    assert_eq!(
        titles,
        [
            "乡镇",
            "预算",
            "扶持对象数",
            "已确定补助",
            "已拨付",
            "待拨付",
            "待追回",
            "已追回",
            "预算结余"
        ]
    );
    assert_eq!(
        rows[0],
        [
            "托里镇",
            "—",
            "2",
            "9,820.00",
            "7,856.00",
            "0.00",
            "0.00",
            "0.00",
            "—"
        ]
    );
    assert_eq!(
        totals[0],
        [
            "合计",
            "18,000.00",
            "4",
            "18,660.00",
            "7,856.00",
            "7,268.00",
            "3,536.00",
            "0.00",
            "-660.00"
        ]
    );
    let all = texts(&form);
    assert!(all.contains("二、分类别（子预算）"));
    assert!(all.contains("三、提示"));
    assert!(all.contains("1. 已确定补助 18,660.00 元，超出预算 660.00 元。"));
    let printed = fieldbook::print::print(form).unwrap();
    let text = save_and_read("funds-status", &printed.pdf);
    let flat = squeezed(&text);
    assert!(flat.contains("资金使用情况表"));
    assert!(flat.contains("庙尔沟镇"));
    assert!(flat.contains("超出预算660.00元"));
    assert!(flat.contains(&squeezed(&printed.stamp.hash)));
}
