//! `fieldbook db status|encrypt|passphrase`: the database file itself, encryption at rest. These
//! run before the database is opened (status must not change it, conversion must hold it
//! alone). Thin: the core converts, checks and rekeys.

use std::io::{BufRead, IsTerminal};
use std::path::Path;

use clap::Subcommand;
use fieldbook::store::encryption::{
    self, no_new_passphrase, FORGOTTEN_PASSPHRASE_COST, NEW_PASSPHRASE_ENV,
};
use fieldbook::store::{EncryptOptions, Passphrase};
use fieldbook::{Error, Store};

use crate::console::print;

#[derive(Subcommand)]
pub enum DbCommand {
    /// Path, encrypted or not, SQLCipher version, size, schema version, plain copies beside it
    /// (FIELDBOOK_PASSPHRASE, when set, is tried on an encrypted file)
    Status,
    /// Encrypt a plain database in place. The new passphrase comes from FIELDBOOK_NEW_PASSPHRASE,
    /// else is typed twice at the terminal, else is the first line of standard input
    Encrypt {
        /// Also delete the plain migration backups (*.bak) found beside the database
        #[arg(long)]
        remove_plain_copies: bool,
    },
    /// Delete the plain migration backups (*.bak) beside an encrypted database
    RemovePlainCopies,
    /// Change the passphrase: the current one from FIELDBOOK_PASSPHRASE, the new one as for
    /// `db encrypt`
    Passphrase,
}

pub fn run(path: &Path, command: &DbCommand, json: bool) -> Result<(), Error> {
    match command {
        DbCommand::Status => status(path, json),
        DbCommand::Encrypt {
            remove_plain_copies,
        } => {
            let passphrase = new_passphrase()?;
            let options = EncryptOptions {
                remove_plain_copies: *remove_plain_copies,
            };
            let report = Store::encrypt_file(path, &passphrase, options)?;
            print(json, &report, || {
                let mut text = format!(
                    "已加密：{}\n核对：{} 张表共 {} 行，变更记录 {} 条（链尾 {}），与原文件一致。原来的未加密文件已删除。",
                    report.path.display(),
                    report.tables,
                    report.rows,
                    report.log_entries,
                    report.log_head
                );
                for copy in &report.plain_copies_removed {
                    text += &format!("\n已删除旧的未加密副本：{}", copy.display());
                }
                if !report.plain_copies.is_empty() {
                    text += "\n注意：旁边还有以前升级时留下的未加密副本，拿到文件的人可以读出其中的身份证号：";
                    for copy in &report.plain_copies {
                        text += &format!("\n  {}", copy.display());
                    }
                    text += "\n确认不再需要后，运行 fieldbook db remove-plain-copies 删除它们。";
                }
                text + "\n以后打开台账需要口令（命令行用环境变量 FIELDBOOK_PASSPHRASE）。"
            });
            Ok(())
        }
        DbCommand::RemovePlainCopies => {
            let removed = encryption::remove_plain_copies(path)?;
            print(json, &removed, || {
                if removed.is_empty() {
                    "旁边没有未加密的副本。".to_string()
                } else {
                    removed
                        .iter()
                        .map(|p| format!("已删除未加密副本：{}", p.display()))
                        .collect::<Vec<_>>()
                        .join("\n")
                }
            });
            Ok(())
        }
        DbCommand::Passphrase => {
            let mut store = Store::open_with(path, Passphrase::from_env().as_ref())?;
            let passphrase = new_passphrase()?;
            store.change_passphrase(&passphrase)?;
            let answer = serde_json::json!({ "path": path, "encrypted": true, "changed": true });
            print(json, &answer, || {
                format!("口令已更换：{}。旧口令从此打不开它。", path.display())
            });
            Ok(())
        }
    }
}

fn status(path: &Path, json: bool) -> Result<(), Error> {
    let status = encryption::status(path, Passphrase::from_env().as_ref())?;
    print(json, &status, || {
        let state = match (status.exists, status.encrypted, status.unlocked) {
            (false, _, _) => "文件不存在（打开时会新建）",
            (true, false, _) => "未加密（拿到文件的人可以读出其中的身份证号）",
            (true, true, None) => "已加密（或不是 SQLite 文件；设置 FIELDBOOK_PASSPHRASE 可核对）",
            (true, true, Some(true)) => "已加密，口令正确",
            (true, true, Some(false)) => "已加密，但 FIELDBOOK_PASSPHRASE 打不开它",
        };
        let version = status
            .schema_version
            .map(|v| v.to_string())
            .unwrap_or_else(|| "（读不到）".into());
        let mut text = format!(
            "数据库：{}\n状态：{state}\n大小：{} 字节\n结构版本：{version}\nSQLCipher：{}",
            status.path.display(),
            status.size_bytes,
            status.cipher_version
        );
        for copy in &status.plain_copies {
            text += &format!(
                "\n旁边的未加密副本：{}（{} 字节）",
                copy.path.display(),
                copy.size_bytes
            );
        }
        text
    });
    Ok(())
}

/// The new passphrase: `FIELDBOOK_NEW_PASSPHRASE`, else typed twice at the terminal without
/// echo, else the first line of standard input (scripts). Says what forgetting it costs first.
fn new_passphrase() -> Result<Passphrase, Error> {
    if let Some(text) = std::env::var(NEW_PASSPHRASE_ENV)
        .ok()
        .filter(|t| !t.is_empty())
    {
        return Ok(Passphrase::choose(&text)?);
    }
    eprintln!("{FORGOTTEN_PASSPHRASE_COST}");
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("新口令：").map_err(|e| Error::io("终端", e))?;
        let again = rpassword::prompt_password("再输入一遍：").map_err(|e| Error::io("终端", e))?;
        return Ok(fieldbook::store::choose_passphrase(&first, &again)?);
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Error::io("标准输入", e))?;
    let line = line.trim_end_matches(['\n', '\r']);
    if line.is_empty() {
        return Err(no_new_passphrase().into());
    }
    Ok(Passphrase::choose(line)?)
}
