//! County templates as `.xlsx`: a title row, a subtitle (scope, date, count), the header row,
//! the data with ID, phone and code columns as text (never numbers), column widths, a totals
//! row, the 填报单位（盖章）/ 填报人 / 审核人 / 填报日期 footer, and a hidden `fieldbook` sheet
//! with the kind, township code, period, app version and a checksum of the data rows, so a
//! later import can recognise the file and tell whether it was edited.

use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};
use serde::{Deserialize, Serialize};

use super::driver::rows_checksum;
use super::read::{normalise, number_text, META_SHEET};
use crate::domain::format_date_zh;
use crate::domain::Invalid;
use crate::error::Result;
use crate::sheets::sql::export::Val;
use crate::Code;
use crate::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    Households,
    Roster,
    Ledger,
    Attendance,
    Summary,
    /// A programme's 资金拨付明细表: one row per award × tranche (`sheets::funds`).
    Disbursements,
    /// A programme's 资金使用情况表: by township, by sub-budget and the programme's total.
    FundStatus,
    /// A programme's 追回情况表: one row per recovery order, with the ban it imposed.
    Recoveries,
    /// A programme's 资金使用情况公示名单: the fund-use notice's list (name, village, amount).
    FundAllocation,
    /// The statistics report of a period (`sheets::stats`): per township this period, the
    /// period before, the change and the growth rate.
    Stats,
    /// 核查情况表: the integrity findings with their evidence and review (`sheets::findings`).
    Findings,
}

impl ExportKind {
    pub fn parse(raw: &str) -> Option<ExportKind> {
        serde_json::from_value(serde_json::Value::String(raw.to_string())).ok()
    }

    fn title(self) -> &'static str {
        match self {
            ExportKind::Households => "建档立卡户登记表",
            ExportKind::Roster => "带贫花名册",
            ExportKind::Ledger => "帮扶台账",
            ExportKind::Attendance => "培训签到表",
            ExportKind::Summary => "乡镇工作进度汇总表",
            ExportKind::Disbursements => "资金拨付明细表",
            ExportKind::FundStatus => "资金使用情况表",
            ExportKind::Recoveries => "追回情况表",
            ExportKind::FundAllocation => "资金使用情况公示名单",
            ExportKind::Stats => "电子商务扶贫统计表",
            ExportKind::Findings => "核查情况表",
        }
    }

    pub fn file_stem(self) -> &'static str {
        self.title()
    }

    pub fn code(self) -> &'static str {
        match self {
            ExportKind::Households => "households",
            ExportKind::Roster => "roster",
            ExportKind::Ledger => "ledger",
            ExportKind::Attendance => "attendance",
            ExportKind::Summary => "summary",
            ExportKind::Disbursements => "disbursements",
            ExportKind::FundStatus => "fund_status",
            ExportKind::Recoveries => "recoveries",
            ExportKind::FundAllocation => "fund_allocation",
            ExportKind::Stats => "stats",
            ExportKind::Findings => "findings",
        }
    }

    /// Whether the file holds unmasked ID numbers (and so goes into the export audit as such).
    pub fn carries_full_ids(self) -> bool {
        // Fund exports name operators and amounts only.
        columns(self).iter().any(|(name, _, _)| *name == "身份证号")
    }
}

/// Where an export goes: a file the user named (the CLI's `--out`), or a new file in a folder
/// (the desktop's save folder), never over an existing one.
pub enum Destination<'a> {
    File(&'a std::path::Path),
    NewFileIn(&'a std::path::Path),
}

/// Builds the workbook, writes it safely and notes it in the export audit (who, what, how many
/// rows, whether with full ID numbers, where). Answers the file written.
pub fn export_to(
    store: &Store,
    kind: ExportKind,
    township: Option<&str>,
    period: Option<&str>,
    destination: Destination,
) -> Result<(std::path::PathBuf, ExportSummary)> {
    if let Some(query) = super::stats::period_query(kind, township, period)? {
        return super::stats::export_stats_to(store, &query, destination);
    }
    let (bytes, summary) = export_xlsx(store, kind, township, period)?;
    let scope = summary.township_code.clone();
    save_and_note(store, &bytes, summary, &scope, destination)
}

/// Writes a built workbook where `destination` says and notes it in the export audit under
/// `scope` (a township's code, `county`, or a programme's id).
pub(super) fn save_and_note(
    store: &Store,
    bytes: &[u8],
    summary: ExportSummary,
    scope: &str,
    destination: Destination,
) -> Result<(std::path::PathBuf, ExportSummary)> {
    let kind = summary.kind;
    let path = match destination {
        Destination::NewFileIn(dir) => crate::files::save_new_file(dir, &summary.file_name, bytes)
            .map_err(|e| crate::Error::io(dir.join(&summary.file_name), e))?,
        Destination::File(path) => {
            crate::files::replace_file(path, bytes).map_err(|e| crate::Error::io(path, e))?;
            path.to_path_buf()
        }
    };
    store.note_export(&crate::sheets::sql::audit::ExportNote {
        kind: kind.code(),
        scope,
        rows: summary.rows,
        full_ids: kind.carries_full_ids(),
        checksum: &summary.checksum,
        destination: &path.display().to_string(),
    })?;
    Ok((path, summary))
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ExportSummary {
    pub kind: ExportKind,
    pub title: String,
    /// The township's 9-digit code, or `county`.
    pub township_code: String,
    pub rows: u32,
    pub checksum: String,
    /// A file name to suggest: `鸡峰镇建档立卡户登记表.xlsx`.
    pub file_name: String,
}

/// How a column is written and totalled.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Col {
    /// Text kept as typed: IDs, phones, codes (cell format `@`).
    Code,
    Text,
    /// A count or size, summed in the totals row.
    Sum,
    /// A number not summed (a year, a price).
    Plain,
    /// Yuan, summed.
    Money,
    /// Yuan, not summed (rows that overlap: townships, sub-budgets and the total).
    Amount,
}

pub(super) fn columns(kind: ExportKind) -> Vec<(&'static str, f64, Col)> {
    use Col::*;
    let seq = ("序号", 6.0, Plain);
    match kind {
        ExportKind::Households => vec![
            seq,
            ("乡镇", 10.0, Text),
            ("村", 10.0, Text),
            ("村代码", 14.0, Code),
            ("村民小组", 9.0, Text),
            ("户主姓名", 10.0, Text),
            ("身份证号", 21.0, Code),
            ("家庭人口", 9.0, Sum),
            ("类别", 12.0, Text),
            ("脱贫年度", 9.0, Plain),
            ("联系电话", 14.0, Code),
            ("备注", 16.0, Text),
        ],
        ExportKind::Roster => vec![
            seq,
            ("协议编号", 14.0, Code),
            ("实施主体", 24.0, Text),
            ("户主姓名", 10.0, Text),
            ("身份证号", 21.0, Code),
            ("乡镇", 10.0, Text),
            ("村", 10.0, Text),
            ("带贫方式", 12.0, Text),
            ("带贫内容", 20.0, Text),
            ("增收金额（元）", 14.0, Money),
        ],
        ExportKind::Ledger => vec![
            seq,
            ("协议编号", 14.0, Code),
            ("实施主体", 24.0, Text),
            ("日期", 11.0, Code),
            ("户主姓名", 10.0, Text),
            ("身份证号", 21.0, Code),
            ("产品", 10.0, Text),
            ("数量", 9.0, Code),
            ("单位", 6.0, Text),
            ("单价（元）", 10.0, Money),
            ("市场价（元）", 11.0, Money),
            ("金额（元）", 12.0, Money),
            ("付款方式", 10.0, Text),
            ("凭证号", 12.0, Code),
            ("交货日期", 11.0, Code),
        ],
        ExportKind::Attendance => vec![
            seq,
            ("培训", 24.0, Text),
            ("时段", 16.0, Text),
            ("姓名", 10.0, Text),
            ("性别", 6.0, Text),
            ("身份证号", 21.0, Code),
            ("联系电话", 14.0, Code),
            ("乡镇", 10.0, Text),
            ("村", 10.0, Text),
            ("建档立卡户", 10.0, Text),
            ("签名", 6.0, Text),
            ("签到表页码", 12.0, Text),
            ("培训对象", 14.0, Text),
        ],
        ExportKind::Summary => vec![
            ("乡镇代码", 12.0, Code),
            ("乡镇", 10.0, Text),
            ("村数", 7.0, Sum),
            ("贫困村数", 9.0, Sum),
            ("建档立卡户数", 12.0, Sum),
            ("实施主体数", 10.0, Sum),
            ("带贫协议数", 10.0, Sum),
            ("花名册户数", 10.0, Sum),
            ("台账金额（元）", 15.0, Money),
            ("培训人次", 9.0, Sum),
        ],
        ExportKind::Disbursements => vec![
            seq,
            ("乡镇", 10.0, Text),
            ("实施主体", 28.0, Text),
            ("村", 10.0, Text),
            ("类别", 10.0, Text),
            ("补助金额（元）", 13.0, Money),
            ("批次", 6.0, Plain),
            ("比例（%）", 8.0, Code),
            ("应拨金额（元）", 13.0, Money),
            ("已拨金额（元）", 13.0, Money),
            ("拨付日期", 11.0, Code),
            ("凭证号", 12.0, Code),
            ("拨付条件", 30.0, Text),
            ("备注", 36.0, Text),
        ],
        ExportKind::FundStatus => vec![
            ("分组", 8.0, Text),
            ("名称", 24.0, Text),
            ("预算（元）", 14.0, Amount),
            ("扶持对象数", 10.0, Plain),
            ("已确定补助（元）", 15.0, Amount),
            ("已拨付（元）", 14.0, Amount),
            ("待拨付（元）", 14.0, Amount),
            ("待追回（元）", 14.0, Amount),
            ("已追回（元）", 14.0, Amount),
            ("预算结余（元）", 14.0, Amount),
        ],
        ExportKind::Recoveries => vec![
            seq,
            ("实施主体", 28.0, Text),
            ("乡镇", 10.0, Text),
            ("村", 10.0, Text),
            ("追回原因", 12.0, Text),
            ("理由", 30.0, Text),
            ("追回金额（元）", 13.0, Money),
            ("已追回（元）", 13.0, Money),
            ("待追回（元）", 13.0, Money),
            ("决定日期", 14.0, Code),
            ("追回期限", 14.0, Code),
            ("禁止申报至", 14.0, Code),
        ],
        ExportKind::FundAllocation => vec![
            seq,
            ("姓名/名称", 28.0, Text),
            ("村（组）", 14.0, Text),
            ("补助（元）", 14.0, Money),
        ],
        ExportKind::Stats => super::stats::columns(),
        ExportKind::Findings => vec![
            seq,
            ("编号", 12.0, Code),
            ("规则", 6.0, Text),
            ("核查项目", 22.0, Text),
            ("严重程度", 8.0, Text),
            ("乡镇", 14.0, Text),
            ("发现", 36.0, Text),
            ("比对的数据", 36.0, Text),
            ("阈值", 14.0, Text),
            ("涉及记录", 40.0, Text),
            ("状态", 9.0, Text),
            ("说明", 24.0, Text),
            ("决定人", 9.0, Text),
            ("决定时间", 16.0, Code),
            ("首次发现", 16.0, Code),
            ("最近发现", 16.0, Code),
        ],
    }
}

pub(super) fn xlsx_error(e: XlsxError) -> crate::Error {
    Invalid::new(Code::SHEET_WRITE, "file", format!("写表格文件失败：{e}")).into()
}

/// Builds the workbook. `township` is a name or a 9-digit code; `None` is the whole county.
/// `period` (e.g. `2019`) is written into the hidden sheet and the subtitle when given.
pub fn export_xlsx(
    store: &Store,
    kind: ExportKind,
    township: Option<&str>,
    period: Option<&str>,
) -> Result<(Vec<u8>, ExportSummary)> {
    let (code, scope) = match township {
        Some(key) => {
            let t = store.find_township(key)?;
            (Some(t.code), t.name)
        }
        None => (
            None,
            store
                .county()?
                .map(|c| c.name)
                .unwrap_or_else(|| "全县".into()),
        ),
    };
    let code_ref = code.as_deref();
    let data = match kind {
        ExportKind::Households => store.export_households(code_ref)?,
        ExportKind::Roster => store.export_rosters(code_ref)?,
        ExportKind::Ledger => store.export_ledgers(code_ref)?,
        ExportKind::Attendance => store.export_attendance(code_ref)?,
        ExportKind::Summary => store.export_summary(code_ref)?,
        ExportKind::Findings => {
            let township_id = township
                .map(|key| store.find_township(key).map(|t| t.id))
                .transpose()?;
            super::findings::rows(&store.findings(&crate::checks::FindingFilter {
                township_id,
                ..Default::default()
            })?)
        }
        ExportKind::Disbursements
        | ExportKind::FundStatus
        | ExportKind::Recoveries
        | ExportKind::FundAllocation
        | ExportKind::Stats => {
            if kind == ExportKind::Stats {
                return Err(Invalid::new(
                    Code::PERIOD_EMPTY,
                    "period",
                    "统计表按期间导出：请指定统计期间（如 2019-Q3）或起止日期。",
                )
                .into());
            }
            return Err(Invalid::new(
                Code::SHEET_PROGRAMME_REQUIRED,
                "programme",
                format!(
                    "{}按项目导出，不按乡镇：请指定项目（命令行 --programme 项目ID）。",
                    kind.title()
                ),
            )
            .into());
        }
    };
    let cols = columns(kind);
    let numbered = cols[0].0 == "序号";
    let title = format!("{scope}{}", kind.title());
    let today = store.today();
    let rows: Vec<Vec<Val>> = data
        .into_iter()
        .enumerate()
        .map(|(i, mut row)| {
            if numbered {
                row.insert(0, Val::Int(i as i64 + 1));
            }
            row
        })
        .collect();
    let book = Book {
        title: &title,
        scope: &scope,
        period,
        today,
        kind,
        township: code_ref,
        programme: None,
        totals_row: true,
    };
    let (bytes, checksum) = write_book(&book, &cols, &rows).map_err(xlsx_error)?;
    let summary = ExportSummary {
        kind,
        title: title.clone(),
        township_code: code.unwrap_or_else(|| "county".into()),
        rows: rows.len() as u32,
        checksum,
        file_name: format!("{title}.xlsx"),
    };
    Ok((bytes, summary))
}

/// A value as the import reads it back (the checksum is over this text).
fn cell_text(v: &Val) -> String {
    match v {
        Val::Text(s) => normalise(s),
        Val::Int(i) => i.to_string(),
        Val::Money(d) => number_text(d.to_f64().unwrap_or_default()),
    }
}

/// What a workbook is about: its title, the scope the subtitle names, and what the stamp sheet
/// records (kind, township or programme, period).
#[derive(Clone, Copy)]
pub(super) struct Book<'a> {
    pub title: &'a str,
    pub scope: &'a str,
    pub period: Option<&'a str>,
    pub today: chrono::NaiveDate,
    pub kind: ExportKind,
    pub township: Option<&'a str>,
    /// The programme of a fund export, recorded in the stamp sheet.
    pub programme: Option<&'a str>,
    /// Whether the sheet adds a 合计 row itself (not when its rows already hold one).
    pub totals_row: bool,
}

pub(super) fn write_book(
    book_of: &Book,
    cols: &[(&'static str, f64, Col)],
    rows: &[Vec<Val>],
) -> std::result::Result<(Vec<u8>, String), XlsxError> {
    let Book {
        title,
        scope,
        period,
        today,
        kind,
        township,
        programme,
        totals_row,
    } = *book_of;
    let n = cols.len() as u16;
    let last = n - 1;
    let mut book = Workbook::new();
    let border = |f: Format| f.set_border(FormatBorder::Thin);
    let title_f = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center);
    let sub_f = Format::new().set_align(FormatAlign::Left);
    let head_f = border(
        Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center),
    )
    .set_align(FormatAlign::VerticalCenter);
    let text_f = border(Format::new());
    let code_f = border(Format::new().set_num_format("@"));
    let int_f = border(Format::new().set_num_format("0"));
    let money_f = border(Format::new().set_num_format("0.00"));
    let total_f = border(Format::new().set_bold());
    let total_money_f = border(Format::new().set_bold().set_num_format("0.00"));

    let sheet = book.add_worksheet();
    sheet.set_name(kind.title())?;
    sheet.merge_range(0, 0, 0, last, title, &title_f)?;
    sheet.set_row_height(0, 28)?;
    let subtitle = format!(
        "范围：{scope}{}　　{}导出：{}　　共 {} 条",
        township.map(|c| format!("（{c}）")).unwrap_or_default(),
        period.map(|p| format!("期间：{p}　　")).unwrap_or_default(),
        format_date_zh(today),
        rows.len()
    );
    sheet.merge_range(1, 0, 1, last, &subtitle, &sub_f)?;
    for (c, (label, width, kind)) in cols.iter().enumerate() {
        let c = c as u16;
        sheet.set_column_width(c, *width)?;
        if *kind == Col::Code {
            // New rows typed into the file stay text too.
            sheet.set_column_format(c, &Format::new().set_num_format("@"))?;
        }
        sheet.write_string_with_format(2, c, *label, &head_f)?;
    }
    let mut totals: Vec<rust_decimal::Decimal> = vec![Default::default(); cols.len()];
    let mut r = 3u32;
    for row in rows {
        for (c, v) in row.iter().enumerate() {
            let col = cols[c].2;
            let c16 = c as u16;
            match v {
                Val::Text(s) => {
                    let f = if col == Col::Code { &code_f } else { &text_f };
                    sheet.write_string_with_format(r, c16, s, f)?;
                }
                Val::Int(i) => {
                    sheet.write_number_with_format(r, c16, *i as f64, &int_f)?;
                    totals[c] += rust_decimal::Decimal::from(*i);
                }
                Val::Money(d) => {
                    sheet.write_number_with_format(
                        r,
                        c16,
                        d.to_f64().unwrap_or_default(),
                        &money_f,
                    )?;
                    totals[c] += *d;
                }
            }
        }
        r += 1;
    }
    // Totals: the count of rows under the first column, sums under Sum and Money columns.
    if totals_row {
        write_totals(
            sheet,
            r,
            rows.len(),
            cols,
            &totals,
            &total_f,
            &total_money_f,
        )?;
    }
    // The footer two rows below the last row written.
    let last_row = if totals_row { r } else { r - 1 };
    let footer = "填报单位（盖章）：　　　　　　　　填报人：　　　　　　审核人：　　　　　　填报日期：　　　　年　　月　　日";
    sheet.merge_range(last_row + 2, 0, last_row + 2, last, footer, &sub_f)?;
    sheet.set_row_height(last_row + 2, 30)?;
    sheet.set_freeze_panes(3, 0)?;
    sheet.set_repeat_rows(2, 2)?;
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_print_fit_to_pages(1, 0);

    let checksum = add_stamp_sheet(&mut book, kind, township, programme, period, rows)?;
    Ok((book.save_to_buffer()?, checksum))
}

/// The 合计 row at `r`: the count of rows, the sums of the Sum and Money columns.
fn write_totals(
    sheet: &mut rust_xlsxwriter::Worksheet,
    r: u32,
    count: usize,
    cols: &[(&'static str, f64, Col)],
    totals: &[rust_decimal::Decimal],
    total_f: &Format,
    total_money_f: &Format,
) -> std::result::Result<(), XlsxError> {
    sheet.write_string_with_format(r, 0, format!("合计（{count} 条）"), total_f)?;
    for (c, (_, _, col)) in cols.iter().enumerate().skip(1) {
        let c16 = c as u16;
        match col {
            Col::Sum => sheet.write_number_with_format(
                r,
                c16,
                totals[c].to_f64().unwrap_or_default(),
                total_f,
            )?,
            Col::Money => sheet.write_number_with_format(
                r,
                c16,
                totals[c].round_dp(2).to_f64().unwrap_or_default(),
                total_money_f,
            )?,
            _ => sheet.write_blank(r, c16, total_f)?,
        };
    }
    Ok(())
}

/// The hidden `fieldbook` sheet: kind, township, period, app version and the SHA-256 over the
/// data rows as the importer reads them (which it answers).
fn add_stamp_sheet(
    book: &mut Workbook,
    kind: ExportKind,
    township: Option<&str>,
    programme: Option<&str>,
    period: Option<&str>,
    rows: &[Vec<Val>],
) -> std::result::Result<String, XlsxError> {
    let texts: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(cell_text).collect())
        .collect();
    let checksum = rows_checksum(texts.iter().map(|r| r.iter().map(String::as_str).collect()));
    let meta = book.add_worksheet();
    meta.set_name(META_SHEET)?;
    let mut pairs = vec![
        ("kind", format!("{kind:?}").to_lowercase()),
        ("township", township.unwrap_or("county").to_string()),
        ("period", period.unwrap_or_default().to_string()),
        ("appVersion", env!("CARGO_PKG_VERSION").to_string()),
        ("checksum", checksum.clone()),
        ("rows", rows.len().to_string()),
    ];
    if let Some(programme) = programme {
        pairs.push(("programme", programme.to_string()));
    }
    for (i, (k, v)) in pairs.iter().enumerate() {
        meta.write_string(i as u32, 0, *k)?;
        meta.write_string(i as u32, 1, v)?;
    }
    meta.set_hidden(true);
    Ok(checksum)
}
