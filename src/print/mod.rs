//! Printable forms as PDF: a pure layout layer (`layout`), the CJK fonts (`fonts`), the
//! renderer over printpdf (`pdf`), one builder per form (`forms`), and the verification stamp
//! every page carries: record id, version and a short hash, also as a QR code.
//!
//! Forms are built from the records' DTOs (no SQL here); `store::print` gathers the data, the
//! version, and keeps the local print log that `verify` reads.

pub mod archive;
pub mod fonts;
pub mod forms;
pub mod layout;
pub mod pdf;
pub mod records;
pub mod svg;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::digest::hex;
use crate::error::{Error, Result};
use crate::Code;
use layout::{Block, FormDoc, Measure};

pub use records::{SavedPrint, Verification};

/// The forms Fieldbook prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum FormKind {
    Acceptance,
    Notice,
    Roster,
    Ledger,
    Signin,
    /// The sign-in sheet with empty rows only (printed before the session).
    SigninBlank,
    FundPlan,
    /// The fund plan from the awards actually made (`PlanSource::Awards`).
    FundPlanAwards,
    TrainingSummary,
    /// 资金拨付明细表 of a programme: every award's tranches, the gate and the overrides.
    Disbursements,
    /// 追回通知书 of a recovery order.
    RecoveryNotice,
    /// 资金使用情况表 of a programme.
    FundStatus,
    /// The statistics report of a period (统计表); its record id is the report's question.
    StatsReport,
    /// 农户回访名单 of a call-back sample (F11).
    Callbacks,
    /// 核查情况表: the integrity findings of the county or a township (issue 15).
    Findings,
    /// 项目申报审批表 of an application: its files, reviews, the county's decision, the award.
    Application,
}

impl FormKind {
    pub const ALL: [FormKind; 16] = [
        FormKind::Acceptance,
        FormKind::Notice,
        FormKind::Roster,
        FormKind::Ledger,
        FormKind::Signin,
        FormKind::SigninBlank,
        FormKind::FundPlan,
        FormKind::FundPlanAwards,
        FormKind::TrainingSummary,
        FormKind::Disbursements,
        FormKind::RecoveryNotice,
        FormKind::FundStatus,
        FormKind::StatsReport,
        FormKind::Callbacks,
        FormKind::Findings,
        FormKind::Application,
    ];
    pub fn code(self) -> &'static str {
        match self {
            FormKind::Acceptance => "acceptance",
            FormKind::Notice => "notice",
            FormKind::Roster => "roster",
            FormKind::Ledger => "ledger",
            FormKind::Signin => "signin",
            FormKind::SigninBlank => "signin-blank",
            FormKind::FundPlan => "fund-plan",
            FormKind::FundPlanAwards => "fund-plan-awards",
            FormKind::TrainingSummary => "training-summary",
            FormKind::Disbursements => "disbursements",
            FormKind::RecoveryNotice => "recovery-notice",
            FormKind::FundStatus => "fund-status",
            FormKind::StatsReport => "stats-report",
            FormKind::Callbacks => "callbacks",
            FormKind::Findings => "findings",
            FormKind::Application => "application",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            FormKind::Acceptance => "验收报告",
            FormKind::Notice => "公示",
            FormKind::Roster => "带贫花名册",
            FormKind::Ledger => "帮扶台账",
            FormKind::Signin => "培训签到表",
            FormKind::SigninBlank => "培训签到表（空白）",
            FormKind::FundPlan => "资金计划表",
            FormKind::FundPlanAwards => "资金计划表（按已确定扶持对象）",
            FormKind::TrainingSummary => "培训情况汇总表",
            FormKind::Disbursements => "资金拨付明细表",
            FormKind::RecoveryNotice => "追回通知书",
            FormKind::FundStatus => "资金使用情况表",
            FormKind::StatsReport => "统计表",
            FormKind::Callbacks => "农户回访名单",
            FormKind::Findings => "核查情况表",
            FormKind::Application => "项目申报审批表",
        }
    }
    pub fn from_code(code: &str) -> Option<FormKind> {
        FormKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// A form's content, before the stamp and the layout.
pub struct Form {
    pub kind: FormKind,
    pub record_id: String,
    /// How the record is named in messages: 核验“某某网店 2019年8月12日”.
    pub record_label: String,
    /// The record's version: the latest change-log seq among it and the records it prints.
    pub version: i64,
    pub doc: FormDoc,
}

/// A printed form.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Stamp {
    pub form: FormKind,
    pub record_id: String,
    pub version: i64,
    /// SHA-256 of the printed content (hex).
    pub content_hash: String,
    /// The short hash printed on the paper: `XXXX-XXXX-XXXX`.
    pub hash: String,
}

#[derive(Debug)]
pub struct Printed {
    pub stamp: Stamp,
    pub pages: usize,
    pub pdf: Vec<u8>,
}

/// SHA-256 over every string the form's body prints, in order (footer excluded).
pub fn content_hash(blocks: &[Block]) -> String {
    let mut texts = Vec::new();
    for block in blocks {
        block.texts(&mut texts);
    }
    let mut h = Sha256::new();
    for t in texts {
        h.update(t.as_bytes());
        h.update([0x1f]);
    }
    hex(&h.finalize())
}

/// The short hash: 12 hex digits of SHA-256(form, record id, version, content hash), upper
/// case, in three groups so it can be read out on the phone.
pub fn short_hash(form: FormKind, record_id: &str, version: i64, content_hash: &str) -> String {
    let digest = Sha256::digest(
        format!("{}\n{record_id}\n{version}\n{content_hash}", form.code()).as_bytes(),
    );
    let h = hex(&digest[..6]).to_uppercase();
    format!("{}-{}-{}", &h[0..4], &h[4..8], &h[8..12])
}

/// Normalises a typed hash: case, spaces and dashes do not matter.
pub fn normalise_hash(raw: &str) -> Option<String> {
    let h: String = raw
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_uppercase();
    (h.len() == 12 && h.chars().all(|c| c.is_ascii_hexdigit()))
        .then(|| format!("{}-{}-{}", &h[0..4], &h[4..8], &h[8..12]))
}

/// The stamp of a form as it would print now.
pub fn stamp_of(form: &Form) -> Stamp {
    let content = content_hash(&form.doc.blocks);
    Stamp {
        form: form.kind,
        record_id: form.record_id.clone(),
        version: form.version,
        hash: short_hash(form.kind, &form.record_id, form.version, &content),
        content_hash: content,
    }
}

/// The QR code's payload: what a phone scanning the paper reads.
pub fn qr_payload(stamp: &Stamp) -> String {
    format!(
        "FIELDBOOK:{}:{}:V{}:{}",
        stamp.form.code(),
        stamp.record_id,
        stamp.version,
        stamp.hash
    )
}

/// QR modules with a two-module quiet zone, row by row.
pub fn qr_modules(payload: &str) -> Option<(usize, Vec<bool>)> {
    let code = qrcode::QrCode::with_error_correction_level(payload, qrcode::EcLevel::M).ok()?;
    let w = code.width();
    let colors = code.to_colors();
    let n = w + 4;
    let mut dark = vec![false; n * n];
    for r in 0..w {
        for c in 0..w {
            dark[(r + 2) * n + c + 2] = colors[r * w + c] == qrcode::Color::Dark;
        }
    }
    Some((n, dark))
}

/// Refuses a form holding characters no font has, naming them and the record.
pub fn check_coverage(measure: &dyn Measure, form: &Form) -> Result<()> {
    let mut texts = Vec::new();
    for block in &form.doc.blocks {
        block.texts(&mut texts);
    }
    let mut missing: Vec<char> = Vec::new();
    for t in texts {
        for c in measure.missing(t) {
            if !missing.contains(&c) {
                missing.push(c);
            }
        }
    }
    if missing.is_empty() {
        return Ok(());
    }
    let chars: Vec<String> = missing
        .iter()
        .map(|c| format!("“{c}”(U+{:04X})", *c as u32))
        .collect();
    Err(Error::Print {
        code: Code::PRINT_GLYPH_MISSING,
        message: format!(
            "{}中的字 {} 打印字库里没有，打出来会是空白方框，已停止打印。请核对这些字（可用同音常用字并在备注中说明）后再打印。",
            form.record_label,
            chars.join("、")
        ),
    })
}

/// Stamps and lays out a form with the shipped fonts (no PDF yet).
pub fn lay_out(mut form: Form) -> Result<(Stamp, FormDoc, Vec<layout::Page>)> {
    let fonts = fonts::fonts()?;
    check_coverage(fonts, &form)?;
    let stamp = stamp_of(&form);
    form.doc.footer.stamp = format!(
        "{} · 记录 {} · 版本 {} · 校验码 {}",
        form.kind.label(),
        form.record_id,
        stamp.version,
        stamp.hash
    );
    form.doc.footer.qr = qr_modules(&qr_payload(&stamp));
    let pages = layout::paginate(fonts, &form.doc);
    Ok((stamp, form.doc, pages))
}

/// Stamps, lays out and renders a form with the shipped fonts.
pub fn print(form: Form) -> Result<Printed> {
    let (stamp, doc, pages) = lay_out(form)?;
    let pdf = pdf::render(fonts::fonts()?, &doc.name, &pages);
    Ok(Printed {
        stamp,
        pages: pages.len(),
        pdf,
    })
}

/// A preview: the stamp and each page as SVG.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Preview {
    pub stamp: Stamp,
    pub title: String,
    pub pages: Vec<String>,
}

pub fn preview(form: Form) -> Result<Preview> {
    let (stamp, doc, pages) = lay_out(form)?;
    Ok(Preview {
        stamp,
        title: doc.name,
        pages: pages.iter().map(svg::page_svg).collect(),
    })
}

/// Wraps a layout footer for a form (page numbers style and leading); the stamp and QR are
/// filled in by [`print`].
pub fn footer(numbers: layout::PageNumbers, leading: f32) -> layout::Footer {
    layout::Footer {
        numbers,
        stamp: String::new(),
        qr: None,
        leading,
    }
}
