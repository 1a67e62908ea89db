//! One error type for the core. Every variant has a stable code (for the UI, scripts and tests)
//! and a message in Chinese that says what is wrong and how to fix it, because the people who
//! read it are township officers and county clerks.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use crate::codes::Code;
use crate::domain::{Invalid, Invalids};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("“{path}” 不是 Fieldbook 数据库（不是 SQLite 文件），已拒绝打开，文件未做任何改动。请检查 --db 指定的路径；如果它是加密的台账，请提供口令（环境变量 FIELDBOOK_PASSPHRASE，或在程序中输入）。")]
    NotADatabase { path: PathBuf },

    #[error("口令不对，无法打开加密的台账 “{path}”（也可能它不是 Fieldbook 数据库）。文件未做任何改动，请重新输入口令。")]
    PassphraseWrong { path: PathBuf },

    #[error("台账 “{path}” 尚未加密，不能用口令打开。请先把它加密（fieldbook db encrypt），或不带口令打开。文件未做任何改动。")]
    NotEncrypted { path: PathBuf },

    #[error("数据库 “{path}” 的结构版本是 {found}，本程序只支持到 {supported}，是更新版本的 Fieldbook 写的。请升级 Fieldbook 后再打开；文件未做任何改动。")]
    DatabaseTooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    #[error("无法打开数据库 “{path}”：{reason}。请检查路径是否存在、是否有写权限。")]
    CannotOpen {
        path: PathBuf,
        reason: String,
        /// The system's or SQLite's own text, for `Debug` and logs only.
        detail: String,
    },

    #[error("数据库升级到第 {version} 版失败：{reason}。数据库保持在上一版，没有丢失数据{}。", backup_note(.backup))]
    MigrationFailed {
        version: i64,
        reason: String,
        backup: Option<PathBuf>,
        /// SQLite's own text, for `Debug` and logs only.
        detail: String,
    },

    /// Refused input: every problem of it, the first standing for the whole.
    #[error("{0}")]
    Invalid(#[from] Invalids),

    #[error("找不到{what}“{key}”。")]
    NotFound { what: &'static str, key: String },

    #[error("变更记录第 {seq} 条有问题：{reason}。请勿再改动此数据库，并把文件交县电商中心核查。")]
    LogBroken { seq: i64, reason: String },

    #[error("示范县数据有误（第 {line} 行）：{reason}")]
    DemoData { line: usize, reason: String },

    #[error("{summary}")]
    ImportRefused { summary: String },

    /// SQLite's own (English) text stays in `Debug` and the error's source, never in the
    /// message a user reads.
    #[error("数据库操作失败（{}）。{}", sqlite_reason(.0), sqlite_hint(.0))]
    Sqlite(#[from] rusqlite::Error),

    /// A file the user chose or the app keeps could not be read or written. The system's own
    /// (English) text stays in `Debug` and the error's source.
    #[error("读写文件 “{}” 失败：{}。{}", .path.display(), io_reason(.source), io_hint(.source))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },

    /// A saved file is there, but the system has no program to open it with (no `xdg-open` on a
    /// minimal Linux, no PDF reader registered).
    #[error("文件已保存在 “{}”，但本机没有能打开它的系统程序（{program}）。请在文件管理器里找到这个文件，用 PDF 阅读器或 WPS 打开后打印。", .path.display())]
    NoViewer { path: PathBuf, program: String },

    /// Printing refused: a missing font, a character no font has.
    #[error("{message}")]
    Print { code: Code, message: String },
    /// Sync refusals and failures (batch, enrollment, package), each with its own code.
    #[error("{message}")]
    Sync { code: Code, message: String },
    /// Converting a database to encrypted or changing its passphrase refused, each with its
    /// own code (`STORE_ALREADY_ENCRYPTED`, `STORE_IN_USE` …).
    #[error("{message}")]
    Encryption { code: Code, message: String },
    /// A backup that cannot be made or a backup file refused by restore or verify, each with its
    /// own code (`BACKUP_…`) and a message naming what failed.
    #[error("{message}")]
    Backup { code: Code, message: String },
}

impl Error {
    /// A failed read or write of the file at `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// Stable, upper-case code; part of the public contract (IPC, `--json`, tests).
    pub fn code(&self) -> Code {
        match self {
            Error::NotADatabase { .. } => Code::STORE_NOT_A_DATABASE,
            Error::PassphraseWrong { .. } => Code::STORE_PASSPHRASE_WRONG,
            Error::NotEncrypted { .. } => Code::STORE_NOT_ENCRYPTED,
            Error::DatabaseTooNew { .. } => Code::STORE_TOO_NEW,
            Error::CannotOpen { .. } => Code::STORE_CANNOT_OPEN,
            Error::MigrationFailed { .. } => Code::STORE_MIGRATION_FAILED,
            Error::Invalid(invalids) => invalids.code(),
            Error::NotFound { .. } => Code::NOT_FOUND,
            Error::DemoData { .. } => Code::DEMO_DATA,
            Error::LogBroken { .. } => Code::LOG_BROKEN,
            Error::ImportRefused { .. } => Code::IMPORT_REFUSED,
            Error::Sqlite(_) => Code::STORE_SQLITE,
            Error::Io { .. } => Code::IO,
            Error::NoViewer { .. } => Code::NO_VIEWER,
            Error::Print { code, .. } => *code,
            Error::Sync { code, .. } => *code,
            Error::Encryption { code, .. } => *code,
            Error::Backup { code, .. } => *code,
        }
    }

    /// `NOT_FOUND`: no `what` (农户, 培训 …) with this id, number or name.
    pub fn not_found(what: &'static str, key: impl std::fmt::Display) -> Error {
        Error::NotFound {
            what,
            key: key.to_string(),
        }
    }

    /// An error of the `index`-th (0-based) record of a batch: a refusal says which, as
    /// "第 3 条：…"; any other error is returned as it is.
    pub fn in_batch_row(index: usize, error: Error) -> Error {
        match error {
            Error::Invalid(invalids) => invalids.prefixed(&format!("第 {} 条：", index + 1)).into(),
            other => other,
        }
    }

    /// The input field the error belongs to, so a form can show it next to that field.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::Invalid(invalids) => Some(invalids.field()),
            _ => None,
        }
    }

    /// Every problem of a refused input (each with its field), none for other errors.
    pub fn problems(&self) -> &[Invalid] {
        match self {
            Error::Invalid(invalids) => invalids.all(),
            _ => &[],
        }
    }

    /// The message of the first problem, or the whole message of any other error: what a
    /// one-line answer (the IPC `message`) shows.
    pub fn first_message(&self) -> String {
        match self {
            Error::Invalid(invalids) => invalids.first().message.clone(),
            other => other.to_string(),
        }
    }
}

impl From<Invalid> for Error {
    fn from(invalid: Invalid) -> Self {
        Error::Invalid(invalid.into())
    }
}

fn backup_note(backup: &Option<PathBuf>) -> String {
    match backup {
        Some(path) => format!("；升级前的副本在 “{}”", path.display()),
        None => String::new(),
    }
}

/// `io::Result` with the path it was about: `fs::write(&path, bytes).at_path(&path)?`.
pub trait IoContext<T> {
    fn at_path(self, path: impl AsRef<Path>) -> Result<T>;
}

impl<T> IoContext<T> for std::io::Result<T> {
    fn at_path(self, path: impl AsRef<Path>) -> Result<T> {
        self.map_err(|e| Error::io(path.as_ref(), e))
    }
}

/// What went wrong with a file, in Chinese; the system's error number for anything unusual.
pub fn io_reason(error: &std::io::Error) -> String {
    // Fieldbook's own refusals (`files::open_saved`) already say what is wrong in Chinese.
    if let Some(inner) = error.get_ref() {
        let own = inner.to_string();
        if own.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
            return own;
        }
    }
    let text = match error.kind() {
        ErrorKind::NotFound => "文件或文件夹不存在",
        ErrorKind::PermissionDenied => "没有读写权限",
        ErrorKind::AlreadyExists => "同名文件已存在",
        ErrorKind::StorageFull => "磁盘空间已满",
        ErrorKind::ReadOnlyFilesystem => "磁盘或 U 盘是只读的",
        ErrorKind::IsADirectory => "这是一个文件夹，不是文件",
        ErrorKind::NotADirectory => "路径中有一段不是文件夹",
        ErrorKind::DirectoryNotEmpty => "文件夹不是空的",
        ErrorKind::FileTooLarge => "文件太大",
        ErrorKind::InvalidFilename => "文件名不合规（太长或含有不允许的字符）",
        ErrorKind::UnexpectedEof => "文件不完整（读到一半就结束了）",
        ErrorKind::InvalidData => "文件内容无法识别",
        ErrorKind::Interrupted | ErrorKind::TimedOut | ErrorKind::WouldBlock => "读写被中断或超时",
        ErrorKind::ResourceBusy | ErrorKind::ExecutableFileBusy => "文件正被其他程序使用",
        ErrorKind::CrossesDevices => "不能跨磁盘移动文件",
        ErrorKind::OutOfMemory => "内存不足",
        _ => "系统报告了读写错误",
    };
    match error.raw_os_error() {
        Some(number) => format!("{text}（系统错误码 {number}）"),
        None => text.to_string(),
    }
}

fn io_hint(error: &std::io::Error) -> &'static str {
    match error.kind() {
        ErrorKind::NotFound => "请检查路径是否正确、文件是否已被移走。",
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
            "请换一个有写权限的文件夹，或请管理员检查权限。"
        }
        ErrorKind::StorageFull => "请清理磁盘空间后重试。",
        ErrorKind::ResourceBusy | ErrorKind::ExecutableFileBusy => {
            "请关闭正在使用这个文件的程序（如 Excel、WPS）后重试。"
        }
        _ => "请检查文件和磁盘（或 U 盘）后重试。",
    }
}

/// What went wrong in SQLite, in Chinese. The English text is left to `Debug`.
pub fn sqlite_reason(error: &rusqlite::Error) -> &'static str {
    use rusqlite::ErrorCode;
    if is_foreign_key(error) {
        return "引用的乡镇、村、农户或其他记录不存在（可能已被删除，或代码写错）";
    }
    match error.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            "数据库正被另一个程序或窗口使用"
        }
        Some(ErrorCode::DiskFull) => "磁盘空间已满",
        Some(ErrorCode::ReadOnly) => "数据库文件是只读的",
        Some(ErrorCode::PermissionDenied) => "没有读写数据库文件的权限",
        Some(ErrorCode::CannotOpen) => "无法打开数据库文件",
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => "数据库文件已损坏",
        Some(ErrorCode::SystemIoFailure) => "读写磁盘失败",
        Some(ErrorCode::ConstraintViolation) => "数据与已有记录冲突，未通过数据库的检查",
        Some(ErrorCode::TooBig) => "数据太大",
        Some(ErrorCode::OutOfMemory) => "内存不足",
        Some(ErrorCode::SchemaChanged) => "数据库结构在操作中被改动",
        Some(_) => "数据库报告了错误",
        None => "程序读写数据时出错",
    }
}

/// SQLite's FOREIGN KEY failure: a row names a parent that is not there.
fn is_foreign_key(error: &rusqlite::Error) -> bool {
    matches!(
        error,
        rusqlite::Error::SqliteFailure(e, _)
            if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY
    )
}

fn sqlite_hint(error: &rusqlite::Error) -> &'static str {
    use rusqlite::ErrorCode;
    if is_foreign_key(error) {
        return "请先登记被引用的记录（如先导入乡镇和村），或改选一个已有的，再重试；本次没有写入任何内容。";
    }
    match error.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            "请关闭其他正在使用这个数据库的 Fieldbook 窗口或命令行后重试。"
        }
        Some(ErrorCode::DiskFull) => "请清理磁盘空间后重试。",
        Some(ErrorCode::ReadOnly | ErrorCode::PermissionDenied | ErrorCode::CannotOpen) => {
            "请检查数据库文件和所在文件夹的写权限。"
        }
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
            "请勿再改动此文件，并把它交县电商中心核查；升级前的副本（.bak）可用于恢复。"
        }
        Some(ErrorCode::SystemIoFailure) => "请检查磁盘（或 U 盘）是否仍然连接，然后重试。",
        _ => "请重启 Fieldbook 后重试；如果再次出现，请把数据库文件交县电商中心核查。",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_name_the_file_in_chinese() {
        let path = std::env::temp_dir()
            .join("fieldbook-no-such-dir")
            .join("花名册.xlsx");
        let error = std::fs::read(&path).at_path(&path).unwrap_err();
        let text = error.to_string();
        assert_eq!(error.code(), Code::IO);
        assert!(text.contains(&path.display().to_string()), "{text}");
        assert!(text.contains("不存在"), "{text}");
        assert!(!text.contains("No such file"), "{text}");
        // The system's own words stay available for a log.
        assert!(format!("{error:?}").contains("NotFound"));
    }

    #[test]
    fn io_errors_keep_fieldbooks_own_chinese_reason() {
        let own = std::io::Error::new(ErrorKind::PermissionDenied, "只能打开保存文件夹里的文件");
        let text = Error::io("x.pdf", own).to_string();
        assert!(text.contains("只能打开保存文件夹里的文件"), "{text}");
    }

    #[test]
    fn sqlite_errors_say_what_to_do_without_sqlites_english() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let error: Error = conn
            .execute("INSERT INTO nowhere VALUES (1)", [])
            .unwrap_err()
            .into();
        let text = error.to_string();
        assert_eq!(error.code(), Code::STORE_SQLITE);
        assert!(text.starts_with("数据库操作失败（"), "{text}");
        assert!(text.contains("请"), "{text}");
        assert!(
            !text.contains("nowhere") && !text.contains("no such table"),
            "{text}"
        );
        assert!(format!("{error:?}").contains("no such table"));

        conn.execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY)")
            .unwrap();
        conn.execute("INSERT INTO t VALUES (1)", []).unwrap();
        let error: Error = conn
            .execute("INSERT INTO t VALUES (1)", [])
            .unwrap_err()
            .into();
        let text = error.to_string();
        assert!(text.contains("未通过数据库的检查"), "{text}");
        assert!(!text.contains("UNIQUE"), "{text}");
    }

    #[test]
    fn foreign_key_failures_say_what_is_missing_in_chinese() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "PRAGMA foreign_keys = ON;
             CREATE TABLE parent (id TEXT PRIMARY KEY);
             CREATE TABLE child (id TEXT PRIMARY KEY, parent_id TEXT REFERENCES parent(id));",
        )
        .unwrap();
        let error: Error = conn
            .execute("INSERT INTO child VALUES ('c', 'nobody')", [])
            .unwrap_err()
            .into();
        let text = error.to_string();
        assert!(
            text.contains("引用的乡镇、村、农户或其他记录不存在"),
            "{text}"
        );
        assert!(text.contains("请先登记被引用的记录"), "{text}");
        assert!(!text.contains("FOREIGN KEY"), "{text}");
        assert!(format!("{error:?}").contains("FOREIGN KEY"));
    }
}
