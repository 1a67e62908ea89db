//! Spreadsheets in and out. Reading (`read`: xlsx and CSV in UTF-8/BOM/GBK), finding the header
//! and matching columns (`columns`), the per-kind importers (`households`, `places`,
//! `operators`, `roster`, `attendance`) and the xlsx exports (`export`).
//!
//! Every import runs every row through the same validation and the one write path as typing the
//! record in (`Store::import_rows`), all rows in one transaction: a dry run is that run rolled
//! back; "import all" commits only when no row was refused; "valid only" commits the rows that
//! passed. Each problem names its spreadsheet row, column letter, a stable code and a message.

// A refused row is a `Problem` (row, column, code, message): built once per bad row, never on
// a hot path, so returning it by value is clearer than boxing it.
#![allow(clippy::result_large_err)]

pub mod columns;
mod driver;
pub mod export;
mod extent;
pub mod findings;
pub mod funds;
mod grid;
mod households;
mod lookup;
mod members;
mod people;
mod places;
pub mod read;
pub mod sql;
pub mod stats;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use columns::ColumnMatch;
pub use driver::import;
pub use export::{export_to, export_xlsx, Destination, ExportKind, ExportSummary};

use crate::Code;

/// What a file is imported as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Places,
    Households,
    Operators,
    Roster,
    Attendance,
    /// Household members (家庭成员), one row per person with the head's ID number.
    Members,
}

impl ImportKind {
    pub fn label(self) -> &'static str {
        match self {
            ImportKind::Places => "乡镇和村",
            ImportKind::Households => "建档立卡户",
            ImportKind::Operators => "实施主体",
            ImportKind::Roster => "花名册",
            ImportKind::Attendance => "培训签到",
            ImportKind::Members => "家庭成员",
        }
    }

    pub fn parse(raw: &str) -> Option<ImportKind> {
        serde_json::from_value(serde_json::Value::String(raw.to_string())).ok()
    }
}

/// Dry run, import all (nothing if any row is refused) or only the valid rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ImportMode {
    DryRun,
    All,
    ValidOnly,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ImportOptions {
    pub kind: ImportKind,
    pub mode: ImportMode,
    /// The agreement (roster) or training session (attendance) the rows go into: id or number.
    #[serde(default)]
    pub into: Option<String>,
    /// Column key → spreadsheet letter or header text, overriding the automatic match.
    #[serde(default)]
    pub mapping: BTreeMap<String, String>,
}

/// One problem: where (spreadsheet row, column letter, header), a stable code, how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    /// 1-based spreadsheet row; `None` for the file as a whole.
    pub row: Option<u32>,
    pub column: Option<String>,
    pub header: Option<String>,
    pub code: Code,
    pub message: String,
    /// `error` blocks the row; `warning` is shown and does not.
    pub severity: String,
}

impl Problem {
    pub fn error(
        row: Option<u32>,
        column: Option<String>,
        header: Option<String>,
        code: Code,
        message: String,
    ) -> Problem {
        Problem {
            row,
            column,
            header,
            code,
            message,
            severity: "error".into(),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == "error"
    }
}

/// One data row of the file and what importing it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RowReport {
    pub row: u32,
    /// Who or what the row is (name), for the dry-run table.
    pub label: String,
    /// `new`, `update`, `unchanged` or `error`.
    pub outcome: String,
    pub problems: Vec<Problem>,
    /// For `update`: each field that changes, old → new.
    pub changes: Vec<FieldChange>,
}

/// One field an imported row changes on an existing record, as the record's history shows it:
/// the record type and column (the UI labels both as in the history), old and new value with
/// references as names (a village's name, not its id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FieldChange {
    pub entity: String,
    pub field: String,
    pub old: serde_json::Value,
    pub new: serde_json::Value,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ImportCounts {
    pub rows: u32,
    pub new: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub errors: u32,
    pub warnings: u32,
}

/// One header cell of the file: its letter and text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ColumnHeader {
    pub column: String,
    pub text: String,
}

/// What the hidden sheet of a Fieldbook export says about the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FileStamp {
    pub kind: String,
    pub township_code: String,
    pub period: String,
    pub app_version: String,
    /// The data rows still hash to the checksum written at export.
    pub checksum_ok: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub kind: ImportKind,
    pub mode: ImportMode,
    pub file_name: String,
    /// `xlsx`, `csv-utf8`, `csv-utf8-bom`, `csv-utf16`, `csv-gb18030`.
    pub format: String,
    pub sheet: String,
    /// 1-based row of the header.
    pub header_row: u32,
    pub columns: Vec<ColumnMatch>,
    /// Every header cell of the file, for the mapping step.
    pub headers: Vec<ColumnHeader>,
    /// Header cells no known column matched (ignored).
    pub ignored_columns: Vec<String>,
    pub stamp: Option<FileStamp>,
    /// Problems of the file as a whole (missing or ambiguous columns): nothing can be imported.
    pub file_problems: Vec<Problem>,
    /// The rows to read: every row with a problem or a change, and the first rows without
    /// (up to limits that keep a report of a million-row file small).
    pub rows: Vec<RowReport>,
    /// Rows counted in `counts` but not listed in `rows` (past the limits).
    pub rows_left_out: u32,
    pub counts: ImportCounts,
    /// The database was changed (never for a dry run).
    pub written: bool,
    /// What happened, in a sentence: why "import all" wrote nothing, how many rows went in.
    pub summary: String,
}

/// Codes of the domain's rules as the import reports them, where the spreadsheet has a name of
/// its own for the same problem. The message stays the rule's own.
pub fn sheet_code(code: Code) -> Code {
    match code {
        Code::ID_SCIENTIFIC => Code::ID_AS_NUMBER,
        Code::ID_OLD_15 => Code::ID_15_DIGITS,
        Code::HOUSEHOLD_ID_DUPLICATE | Code::PLACE_CODE_DUPLICATE | Code::PLACE_NAME_DUPLICATE => {
            Code::DUPLICATE_IN_DB
        }
        Code::ROSTER_DUPLICATE | Code::ATTENDANCE_DUPLICATE => Code::DUPLICATE_IN_DB,
        other => other,
    }
}
