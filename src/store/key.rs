//! The passphrase that encrypts a database at rest (SQLCipher). A database opened without one is
//! plain SQLite, as before; one opened with a passphrase is encrypted from its first page.
//!
//! SQLCipher reads the key lazily: `PRAGMA key` must be the first statement on a connection, and
//! the key derivation (PBKDF2, ≈ 0.1 s) runs at the first access. So every connection to an
//! encrypted file goes through [`open_connection`], and the store keeps its connections open.

use std::fmt;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::domain::Invalid;
use crate::error::{sqlite_reason, Error, Result};
use crate::Code;

/// The environment variable the CLI and tests read the passphrase from.
pub const PASSPHRASE_ENV: &str = "FIELDBOOK_PASSPHRASE";

/// The shortest passphrase [`Passphrase::choose`] accepts.
pub const MIN_CHARS: usize = 8;

/// Page cache of an encrypted connection: with SQLCipher every page read from disk is decrypted,
/// so a 64 MiB cache brings inserts and lookups back to ≈ the plain speed (NOTES.md).
const ENCRYPTED_CACHE_KIB: i64 = 65_536;

/// A passphrase. Never printed: `Debug` shows stars.
#[derive(Clone, PartialEq, Eq)]
pub struct Passphrase(String);

impl Passphrase {
    /// Wraps a passphrase as typed. Opening accepts any non-empty text (the strength rule is
    /// for choosing one, not for unlocking).
    pub fn new(text: impl Into<String>) -> Option<Passphrase> {
        let text = text.into();
        (!text.is_empty()).then_some(Passphrase(text))
    }

    /// A passphrase chosen for a database (at first run, conversion or change): at least
    /// [`MIN_CHARS`] characters, not one character repeated, not a run of consecutive digits.
    /// Officers type it every morning, so Chinese characters and spaces are welcome.
    pub fn choose(text: &str) -> std::result::Result<Passphrase, Invalid> {
        let chars: Vec<char> = text.chars().collect();
        let weak = |why: &str| {
            Invalid::new(
                Code::STORE_PASSPHRASE_WEAK,
                "passphrase",
                format!("口令{why}。请设置至少 {MIN_CHARS} 个字符、不易猜到的口令（可以用汉字、字母、数字和空格）。"),
            )
        };
        if chars.len() < MIN_CHARS {
            return Err(weak(&format!("只有 {} 个字符", chars.len())));
        }
        if chars.iter().all(|c| *c == chars[0]) {
            return Err(weak("只是同一个字符重复"));
        }
        let digits: Vec<u32> = chars.iter().filter_map(|c| c.to_digit(10)).collect();
        if digits.len() == chars.len() {
            let step = |d: i64| {
                digits
                    .windows(2)
                    .all(|w| (w[1] as i64 - w[0] as i64).rem_euclid(10) == d.rem_euclid(10))
            };
            if step(1) || step(-1) {
                return Err(weak("是一串连续的数字"));
            }
        }
        Ok(Passphrase(text.to_string()))
    }

    /// `FIELDBOOK_PASSPHRASE`, when set and not empty.
    pub fn from_env() -> Option<Passphrase> {
        std::env::var(PASSPHRASE_ENV).ok().and_then(Passphrase::new)
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(***)")
    }
}

/// What a file on disk is, judged from its first bytes without opening it with SQLite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// No file (or an empty one): opening creates a database.
    Missing,
    /// A plain SQLite database.
    Plain,
    /// Not plain SQLite: an encrypted database, or somebody's other file (only the passphrase
    /// tells them apart).
    NotPlain,
}

/// Reads the first 16 bytes of `path`.
pub fn file_kind(path: &Path) -> Result<FileKind> {
    super::inspect_file(path)
}

/// Opens one connection to `path` with the key applied (when given) and the cache an encrypted
/// file needs. Checks nothing else: the store's `open_with` and the layers above (backup, the
/// checkpoint) call it.
pub(crate) fn open_connection(
    path: &Path,
    flags: OpenFlags,
    passphrase: Option<&Passphrase>,
) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, flags).map_err(|e| Error::CannotOpen {
        path: path.to_path_buf(),
        reason: sqlite_reason(&e).into(),
        detail: e.to_string(),
    })?;
    if let Some(passphrase) = passphrase {
        apply_key(&conn, passphrase)?;
    }
    Ok(conn)
}

/// `PRAGMA key` (must be the connection's first statement). Reads nothing: a wrong key shows
/// at the first access, which the caller maps to `STORE_PASSPHRASE_WRONG`.
pub(crate) fn apply_key(conn: &Connection, passphrase: &Passphrase) -> Result<()> {
    // SQLCipher logs a failed page check to stderr by default: the officer's terminal would show
    // it under our own message.
    conn.pragma_update(None, "cipher_log_level", "NONE")?;
    conn.pragma_update(None, "key", passphrase.expose())?;
    Ok(())
}

/// The page cache an encrypted connection needs, set after its key opened the file.
pub(crate) fn encrypted_cache(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "cache_size", -ENCRYPTED_CACHE_KIB)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chosen_passphrase_is_long_and_not_a_pattern() {
        for weak in [
            "",
            "abc",
            "1234567",
            "aaaaaaaaaa",
            "12345678",
            "98765432",
            "9012345678",
        ] {
            let refused = Passphrase::choose(weak).expect_err(weak);
            assert_eq!(refused.code, Code::STORE_PASSPHRASE_WEAK, "{weak}");
            assert_eq!(refused.field, "passphrase");
        }
        for fine in [
            "乡镇台账二〇二六年",
            "13572468",
            "correct horse",
            "Tl-654224!",
        ] {
            assert!(Passphrase::choose(fine).is_ok(), "{fine}");
        }
    }

    #[test]
    fn sqlcipher_is_linked_in() {
        let conn = Connection::open_in_memory().unwrap();
        let version: String = conn
            .query_row("PRAGMA cipher_version", [], |row| row.get(0))
            .unwrap();
        assert!(version.starts_with('4'), "{version}");
    }
}
