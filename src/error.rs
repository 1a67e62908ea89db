//! One error type for the core. Every variant has a stable code (for the UI, scripts and tests)
//! and a message in Chinese that says what is wrong and how to fix it, because the people who
//! read it are township officers and county clerks.

use std::path::PathBuf;

use crate::domain::Invalid;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("“{path}” 不是 Fieldbook 数据库（不是 SQLite 文件），已拒绝打开，文件未做任何改动。请检查 --db 指定的路径。")]
    NotADatabase { path: PathBuf },

    #[error("数据库 “{path}” 的结构版本是 {found}，本程序只支持到 {supported}，是更新版本的 Fieldbook 写的。请升级 Fieldbook 后再打开；文件未做任何改动。")]
    DatabaseTooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    #[error("无法打开数据库 “{path}”：{reason}。请检查路径是否存在、是否有写权限。")]
    CannotOpen { path: PathBuf, reason: String },

    #[error("数据库升级到第 {version} 版失败：{reason}。数据库保持在上一版，没有丢失数据{}。", backup_note(.backup))]
    MigrationFailed {
        version: i64,
        reason: String,
        backup: Option<PathBuf>,
    },

    #[error("{0}")]
    Invalid(#[from] Invalid),

    #[error("找不到{what}“{key}”。")]
    NotFound { what: &'static str, key: String },

    #[error("变更记录第 {seq} 条有问题：{reason}。请勿再改动此数据库，并把文件交县电商中心核查。")]
    LogBroken { seq: i64, reason: String },

    #[error("示范县数据有误（第 {line} 行）：{reason}")]
    DemoData { line: usize, reason: String },

    #[error("{summary}")]
    ImportRefused { summary: String },

    #[error("数据库错误：{0}")]
    Sqlite(#[from] rusqlite::Error),

    #[error("文件读写错误：{0}")]
    Io(#[from] std::io::Error),

    /// Printing refused: a missing font, a character no font has.
    #[error("{message}")]
    Print { code: &'static str, message: String },
    /// Sync refusals and failures (batch, enrollment, package), each with its own code.
    #[error("{message}")]
    Sync { code: &'static str, message: String },
}

impl Error {
    /// Stable, upper-case code; part of the public contract (IPC, `--json`, tests).
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotADatabase { .. } => "STORE_NOT_A_DATABASE",
            Error::DatabaseTooNew { .. } => "STORE_TOO_NEW",
            Error::CannotOpen { .. } => "STORE_CANNOT_OPEN",
            Error::MigrationFailed { .. } => "STORE_MIGRATION_FAILED",
            Error::Invalid(invalid) => invalid.code,
            Error::NotFound { .. } => "NOT_FOUND",
            Error::DemoData { .. } => "DEMO_DATA",
            Error::LogBroken { .. } => "LOG_BROKEN",
            Error::ImportRefused { .. } => "IMPORT_REFUSED",
            Error::Sqlite(_) => "STORE_SQLITE",
            Error::Io(_) => "IO",
            Error::Print { code, .. } => code,
            Error::Sync { code, .. } => code,
        }
    }

    /// The input field the error belongs to, so a form can show it next to that field.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::Invalid(invalid) => Some(invalid.field),
            _ => None,
        }
    }
}

fn backup_note(backup: &Option<PathBuf>) -> String {
    match backup {
        Some(path) => format!("；升级前的副本在 “{}”", path.display()),
        None => String::new(),
    }
}
