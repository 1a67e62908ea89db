//! The fund exports of a programme as `.xlsx` (issue 14, item 8): the disbursement list and
//! the fund status, with the same stamp sheet and footer as the county templates. The rows are
//! built from the DTOs the screens and the printed forms show (`domain::funds::model`); the
//! gate's verdict reads as on paper (`print::forms::funds`).

use std::str::FromStr;

use rust_decimal::Decimal;

use super::export::{
    columns, save_and_note, write_book, Book, Destination, ExportKind, ExportSummary,
};
use crate::domain::funds::listing::{
    by_township, condition, paid_amount, percent_text, remarks, village,
};
use crate::domain::funds::{Award, Ban, FundStatus, MoneyLine, Recovery, RecoveryGrounds};
use crate::domain::notices::NoticeEntry;
use crate::error::Result;
use crate::sheets::sql::export::Val;

fn text(s: impl Into<String>) -> Val {
    Val::Text(s.into())
}

/// An amount given as text; what is not one is written as it is.
fn money(raw: &str) -> Val {
    Decimal::from_str(raw.trim()).map_or_else(|_| text(raw), Val::Money)
}

fn optional_money(raw: &Option<String>) -> Val {
    raw.as_deref().map_or_else(|| text(""), money)
}

/// One row per award × tranche, township by township as on paper: 乡镇, 实施主体, 村, 类别, 补助金额 (on the award's first
/// tranche only, so the column adds up to the awards), 批次, 比例, 应拨金额, 已拨金额, 拨付日期,
/// 凭证号, 拨付条件, 备注.
pub fn disbursement_rows(awards: &[Award]) -> Vec<Vec<Val>> {
    let mut rows = Vec::new();
    for award in by_township(awards).into_iter().flatten() {
        let village = village(award);
        for (i, t) in award.tranches.iter().enumerate() {
            let paid = paid_amount(t);
            let is_paid = paid.is_some();
            rows.push(vec![
                text(&award.township_name),
                text(&award.operator_name),
                text(&village),
                text(&award.class_label),
                if i == 0 {
                    money(&award.amount)
                } else {
                    text("")
                },
                Val::Int(t.tranche.into()),
                text(percent_text(t)),
                money(&t.amount),
                paid.map_or_else(|| text(""), Val::Money),
                text(if is_paid {
                    t.paid_date.clone().unwrap_or_default()
                } else {
                    String::new()
                }),
                text(if is_paid { t.voucher_no.as_str() } else { "" }),
                text(condition(t)),
                text(remarks(award, t, i == 0)),
            ]);
        }
    }
    rows
}

fn status_row(group: &str, line: &MoneyLine) -> Vec<Val> {
    vec![
        text(group),
        text(&line.label),
        optional_money(&line.budget),
        Val::Int(line.awards.into()),
        money(&line.awarded),
        money(&line.paid),
        money(&line.to_pay),
        money(&line.to_recover),
        money(&line.recovered),
        optional_money(&line.remaining),
    ]
}

/// The townships (分组 乡镇), the sub-budgets (类别) and the programme's total (合计).
pub fn fund_status_rows(status: &FundStatus) -> Vec<Vec<Val>> {
    let townships = status.by_township.iter().map(|l| status_row("乡镇", l));
    let classes = status.by_class.iter().map(|l| status_row("类别", l));
    townships
        .chain(classes)
        .chain([status_row("合计", &status.total)])
        .collect()
}

fn grounds_label(grounds: RecoveryGrounds) -> &'static str {
    match grounds {
        RecoveryGrounds::FailedAcceptance => "验收不合格",
        RecoveryGrounds::Falsified => "弄虚作假",
        RecoveryGrounds::Other => "其他",
    }
}

/// One row per recovery order: 实施主体, 乡镇, 村 (from its award in `awards`), 追回原因, 理由,
/// 追回金额, 已追回, 待追回, 决定日期, 追回期限 and 禁止申报至 (the end of the ban the order
/// imposed, from `bans`; empty without one). Dates read as on paper: 2019年8月12日.
pub fn recovery_rows(recoveries: &[Recovery], awards: &[Award], bans: &[Ban]) -> Vec<Vec<Val>> {
    recoveries
        .iter()
        .map(|r| {
            let award = awards.iter().find(|a| a.id == r.award_id);
            let ban = bans
                .iter()
                .find(|b| b.recovery_id.as_deref() == Some(r.id.as_str()))
                .or_else(|| bans.iter().find(|b| Some(&b.id) == r.ban_id.as_ref()));
            vec![
                text(&r.operator_name),
                text(award.map(|a| a.township_name.clone()).unwrap_or_default()),
                text(award.map(village).unwrap_or_default()),
                text(grounds_label(r.grounds)),
                text(&r.reason),
                money(&r.amount),
                money(&r.recovered),
                money(&r.outstanding),
                text(date_zh(&r.decided_date)),
                text(date_zh(&r.due_date)),
                text(ban.map(|b| date_zh(&b.end_date)).unwrap_or_default()),
            ]
        })
        .collect()
}

/// The fund-use notice's list (`ListSource::Awards`): 姓名/名称, 村（组）, 补助 as a number
/// (the entry's "补助 5,400.00 元" read back). Never the ID number or phone an entry may carry.
pub fn allocation_rows(entries: &[NoticeEntry]) -> Vec<Vec<Val>> {
    entries
        .iter()
        .map(|e| {
            let amount: String = e
                .benefit
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '.' || *c == '-')
                .collect();
            let benefit = Decimal::from_str(&amount).map_or_else(|_| text(&e.benefit), Val::Money);
            vec![text(&e.name), text(&e.place), benefit]
        })
        .collect()
}

/// "2019-08-12" → "2019年8月12日"; empty or not a date stays as it is.
fn date_zh(raw: &str) -> String {
    match chrono::NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d") {
        Ok(d) => crate::domain::format_date_zh(d),
        Err(_) => raw.to_string(),
    }
}

/// The workbook of a fund export: `rows` from [`disbursement_rows`] or [`fund_status_rows`],
/// titled with the programme's name, the programme's id in the stamp sheet.
pub fn fund_book(
    kind: ExportKind,
    programme_id: &str,
    programme_name: &str,
    today: chrono::NaiveDate,
    rows: Vec<Vec<Val>>,
) -> Result<(Vec<u8>, ExportSummary)> {
    let cols = columns(kind);
    let numbered = cols[0].0 == "序号";
    let rows: Vec<Vec<Val>> = rows
        .into_iter()
        .enumerate()
        .map(|(i, mut row)| {
            if numbered {
                row.insert(0, Val::Int(i as i64 + 1));
            }
            row
        })
        .collect();
    let title = format!("{programme_name}{}", kind.file_stem());
    let book = Book {
        title: &title,
        scope: programme_name,
        period: None,
        today,
        kind,
        township: None,
        programme: Some(programme_id),
        totals_row: true,
    };
    let (bytes, checksum) = write_book(&book, &cols, &rows).map_err(super::export::xlsx_error)?;
    Ok((
        bytes,
        ExportSummary {
            kind,
            title: title.clone(),
            township_code: "county".into(),
            rows: rows.len() as u32,
            checksum,
            file_name: format!("{title}.xlsx"),
        },
    ))
}

/// Builds a fund export of a programme from its rows, writes it where `destination` says and
/// notes it in the export audit (scope: the programme's id; no ID numbers in it).
pub fn save_fund_book(
    store: &crate::Store,
    kind: ExportKind,
    programme_id: &str,
    programme_name: &str,
    rows: Vec<Vec<Val>>,
    destination: Destination,
) -> Result<(std::path::PathBuf, ExportSummary)> {
    let (bytes, summary) = fund_book(kind, programme_id, programme_name, store.today(), rows)?;
    save_and_note(store, &bytes, summary, programme_id, destination)
}

/// Exports a programme's disbursement list or fund status (`kind`) from the records as they
/// are, writes it where `destination` says and notes it in the export audit. The county
/// templates (households, roster …) are exported by township with `export_to`.
pub fn export_programme_to(
    store: &crate::Store,
    kind: ExportKind,
    programme_id: &str,
    destination: Destination,
) -> Result<(std::path::PathBuf, ExportSummary)> {
    let (name, rows) = match kind {
        ExportKind::Disbursements => {
            let programme = store.programme(programme_id)?;
            let awards = store.fund_awards(programme_id)?;
            (programme.name, disbursement_rows(&awards))
        }
        ExportKind::FundStatus => {
            let status = store.fund_status(programme_id)?;
            (status.programme_name.clone(), fund_status_rows(&status))
        }
        ExportKind::Recoveries => {
            let programme = store.programme(programme_id)?;
            let recoveries = store.fund_recoveries(Some(programme_id))?;
            let awards = store.fund_awards(programme_id)?;
            let bans = store.fund_bans(None)?;
            (programme.name, recovery_rows(&recoveries, &awards, &bans))
        }
        ExportKind::FundAllocation => {
            let programme = store.programme(programme_id)?;
            let entries = store.notice_list_from(&crate::domain::notices::ListSource::Awards {
                programme_id: programme_id.to_string(),
            })?;
            (programme.name, allocation_rows(&entries))
        }
        other => {
            return Err(crate::domain::Invalid::new(
                crate::Code::USAGE,
                "kind",
                format!(
                    "{}按乡镇或全县导出，不按项目：请去掉项目，按乡镇（--township）导出。",
                    other.file_stem()
                ),
            )
            .into())
        }
    };
    save_fund_book(store, kind, programme_id, &name, rows, destination)
}
