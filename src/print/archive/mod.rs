//! Project archives (项目档案): for a programme, an operator or a training session, one zip an
//! auditor can be handed — `00-目录.pdf` (the index: every document, its kind, date, pages and
//! SHA-256), the documents themselves (each form printed fresh from the records through the
//! existing forms, so logged and verifiable like any print; each attachment as stored), in
//! folders by operator and kind, and `manifest.json` (every file, its size and SHA-256, the
//! scope, when and on which device it was made), so a later copy can be checked for
//! completeness with [`verify_archive`].
//!
//! Why a zip and not a folder: one file is handed over whole, any archive tool opens it, and it
//! is written beside its name and linked into place, so it is never half there and never
//! replaces a file the user already has.

mod collect;
mod index;
mod render;
mod verify;
mod write;

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::print::FormKind;
use crate::store::Store;
use crate::Code;

pub use verify::verify_archive;

/// The manifest's format: an archive of a newer format is refused by an older app
/// (`ARCHIVE_FORMAT_NEWER`) instead of being half checked.
pub const ARCHIVE_FORMAT: u32 = 1;
/// The zip entries every archive holds.
pub const INDEX_ENTRY: &str = "00-目录.pdf";
pub const MANIFEST_ENTRY: &str = "manifest.json";

/// What an archive is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum ScopeKind {
    Programme,
    Operator,
    Session,
}

impl ScopeKind {
    pub fn label(self) -> &'static str {
        match self {
            ScopeKind::Programme => "项目",
            ScopeKind::Operator => "实施主体",
            ScopeKind::Session => "培训",
        }
    }
}

/// The record an archive is of, named as the index prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ArchiveScope {
    pub kind: ScopeKind,
    pub id: String,
    pub name: String,
}

/// The kinds of document an archive holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum DocKind {
    /// 项目申报审批表: the application, its reviews and the county's decision, printed.
    ApplicationForm,
    /// 申报材料: a file the operator handed in with the application.
    ApplicationDocument,
    /// 合同扫描件 of an award.
    ContractScan,
    /// 帮扶协议扫描件.
    AgreementScan,
    Roster,
    Ledger,
    /// 核验报告: the acceptance form of an inspection at any stage (实地核验, 验收, 复核).
    InspectionReport,
    InspectionPhoto,
    /// 公示 with its objections and how they were handled.
    Notice,
    NoticePhoto,
    Signin,
    SigninPhoto,
    TrainingSummary,
    /// 资金拨付明细表: every tranche, its payment and voucher number.
    Disbursements,
    FundStatus,
    RecoveryNotice,
}

impl DocKind {
    pub fn label(self) -> &'static str {
        match self {
            DocKind::ApplicationForm => "申报审批表",
            DocKind::ApplicationDocument => "申报材料",
            DocKind::ContractScan => "合同扫描件",
            DocKind::AgreementScan => "帮扶协议扫描件",
            DocKind::Roster => "带贫花名册",
            DocKind::Ledger => "帮扶台账",
            DocKind::InspectionReport => "核验报告",
            DocKind::InspectionPhoto => "核验照片",
            DocKind::Notice => "公示及异议处理",
            DocKind::NoticePhoto => "公示张贴照片",
            DocKind::Signin => "培训签到表",
            DocKind::SigninPhoto => "签到表照片",
            DocKind::TrainingSummary => "培训情况汇总表",
            DocKind::Disbursements => "资金拨付明细表",
            DocKind::FundStatus => "资金使用情况表",
            DocKind::RecoveryNotice => "追回通知书",
        }
    }
}

/// One file of an archive as the manifest lists it. Only `path`, `bytes` and `sha256` are
/// checked by [`verify_archive`]; the rest tells a reader what the file is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ArchiveFile {
    /// The entry's name in the zip: `实施主体/鸡峰镇/某某网店/验收报告-2019-08-12.pdf`.
    pub path: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
    pub sha256: String,
    #[serde(default)]
    pub kind: Option<DocKind>,
    /// The document's own date (inspection, notice start, payment …), `YYYY-MM-DD`.
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub pages: Option<u32>,
    /// For a printed form: which, of which record, and the short hash on its pages.
    #[serde(default)]
    pub form: Option<FormKind>,
    #[serde(default)]
    pub record_id: String,
    #[serde(default)]
    pub print_hash: String,
}

/// `manifest.json`: what the archive holds, for checking a copy later.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ArchiveManifest {
    /// [`ARCHIVE_FORMAT`].
    pub format: u32,
    pub app_version: String,
    /// When it was made, RFC 3339 in UTC.
    pub created_at: String,
    /// The device that made it (the writer's device id) and the database it was made from
    /// (`app_meta.database_id`).
    pub device_id: String,
    pub database_id: String,
    pub officer: String,
    /// The county's name, empty for a database not yet set up.
    pub county: String,
    pub scope: ArchiveScope,
    /// Every file but the manifest itself, the index first.
    pub files: Vec<ArchiveFile>,
}

/// What writing an archive answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ArchiveReport {
    pub path: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
    pub scope: ArchiveScope,
    /// Files listed in the manifest (the index included).
    pub files: u32,
    /// Forms printed fresh for it.
    pub printed: u32,
    /// Attachments copied as stored.
    pub attachments: u32,
    /// Pages of the printed forms and the index.
    pub pages: u32,
    /// Attachments the records name but this device does not hold (a laptop receives the
    /// county's records without their files): named in the index, not in the zip.
    pub missing: Vec<String>,
}

/// One thing wrong with a copy of an archive.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ArchiveProblem {
    /// `ARCHIVE_FILE_MISSING`, `ARCHIVE_FILE_ALTERED`, `ARCHIVE_FILE_EXTRA` …
    pub code: Code,
    pub path: String,
    pub message: String,
}

/// What checking an archive against its manifest found.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ArchiveCheck {
    pub path: String,
    /// No problem found: every file listed is there, whole, and nothing else is.
    pub ok: bool,
    pub scope: ArchiveScope,
    pub created_at: String,
    /// Files the manifest lists.
    pub files: u32,
    pub problems: Vec<ArchiveProblem>,
}

impl Store {
    /// The archive of a programme: its fund lists, notices, training and every operator taking
    /// part (applied, awarded, bound by an agreement of it or inspected for it), into `out`.
    /// `out` must not exist (`ARCHIVE_TARGET_EXISTS`); an unknown programme is `NOT_FOUND`.
    pub fn archive_programme(
        &mut self,
        programme_id: &str,
        out: &std::path::Path,
    ) -> Result<ArchiveReport> {
        let plan = collect::programme(self, programme_id)?;
        write::write_archive(self, plan, out)
    }

    /// The archive of an operator: its applications, awards, agreements, inspections and
    /// recovery orders in every programme.
    pub fn archive_operator(
        &mut self,
        operator_id: &str,
        out: &std::path::Path,
    ) -> Result<ArchiveReport> {
        let plan = collect::operator(self, operator_id)?;
        write::write_archive(self, plan, out)
    }

    /// The archive of `kind` (a programme, operator or session) `id` into `out`.
    pub fn archive(
        &mut self,
        kind: ScopeKind,
        id: &str,
        out: &std::path::Path,
    ) -> Result<ArchiveReport> {
        match kind {
            ScopeKind::Programme => self.archive_programme(id, out),
            ScopeKind::Operator => self.archive_operator(id, out),
            ScopeKind::Session => self.archive_session(id, out),
        }
    }

    /// The file name a save dialog offers for an archive: `<name>-项目档案-<YYYYMMDD>.zip`.
    /// An unknown record is `NOT_FOUND`.
    pub fn archive_file_name(&self, kind: ScopeKind, id: &str) -> Result<String> {
        let name = collect::scope_name(self, kind, id)?;
        let ms = self.writer.clock.now_ms() as i64;
        let day = chrono::DateTime::from_timestamp_millis(ms)
            .unwrap_or_default()
            .with_timezone(&chrono::Local)
            .format("%Y%m%d");
        Ok(format!("{}-项目档案-{day}.zip", collect::safe_name(&name)))
    }

    /// The archive of a training session: its sign-in sheet and the photos of the signed one.
    pub fn archive_session(
        &mut self,
        session_id: &str,
        out: &std::path::Path,
    ) -> Result<ArchiveReport> {
        let plan = collect::session(self, session_id)?;
        write::write_archive(self, plan, out)
    }
}

fn archive_error(code: Code, message: impl Into<String>) -> crate::Error {
    crate::Error::Print {
        code,
        message: message.into(),
    }
}
