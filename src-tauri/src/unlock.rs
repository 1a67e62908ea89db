//! Encryption at rest in the window: the first run creates the user's database with the
//! passphrase chosen there, an encrypted database opens only with its passphrase, and the idle
//! lock closes it again. The passphrase crosses IPC inward only: no answer, error or log line
//! carries it, and the shell keeps it only inside the open store (`state.rs`).

use tauri::State;
use ts_rs::TS;

use crate::bindings::CommandSig;
use crate::commands::{app_info, AppInfo};
use crate::error::IpcError;
use crate::state::AppState;

const CREATE_DOC: &str = "First run: creates the user's database, encrypted with the passphrase typed twice (the strength rule of the core: STORE_PASSPHRASE_WEAK under passphrase, STORE_PASSPHRASE_MISMATCH under passphraseAgain). Only while no database exists.";
const UNLOCK_DOC: &str = "Opens the encrypted database that waits for its passphrase (at start or after the idle lock); a wrong one answers STORE_PASSPHRASE_WRONG and leaves it locked.";
const ENCRYPT_DOC: &str = "加密现有台账: converts the user's own plain database into an encrypted one in place with the passphrase typed twice (STORE_PASSPHRASE_WEAK under passphrase, STORE_PASSPHRASE_MISMATCH under passphraseAgain; nothing happens on a refused one), optionally deleting the plain migration copies beside it, and opens it with that passphrase. Refuses the demo (STORE_DEMO_PLAIN) and an encrypted database (STORE_ALREADY_ENCRYPTED); a failed conversion leaves the plain database open as it was and answers why.";
const CHANGE_DOC: &str = "修改口令: re-encrypts the open encrypted database with a new passphrase typed twice. A wrong current passphrase answers STORE_PASSPHRASE_WRONG under current, together with any problem of the new one; nothing changes while any remains. Refuses a plain database (STORE_NOT_ENCRYPTED).";
const LOCK_DOC: &str = "The idle lock: closes an open encrypted database and forgets its passphrase; a plain database or the demo stays open.";

/// See `CREATE_DOC`.
#[tauri::command]
pub async fn create_database(
    state: State<'_, AppState>,
    passphrase: String,
    passphrase_again: String,
) -> Result<AppInfo, IpcError> {
    state
        .inner()
        .create_own(passphrase, passphrase_again)
        .await?;
    app_info(state).await
}

/// See `UNLOCK_DOC`.
#[tauri::command]
pub async fn unlock(state: State<'_, AppState>, passphrase: String) -> Result<AppInfo, IpcError> {
    state.inner().unlock(passphrase).await?;
    app_info(state).await
}

/// See `LOCK_DOC`.
#[tauri::command]
pub async fn lock(state: State<'_, AppState>) -> Result<AppInfo, IpcError> {
    state.inner().lock().await?;
    app_info(state).await
}

/// See `ENCRYPT_DOC`.
#[tauri::command]
pub async fn encrypt_database(
    state: State<'_, AppState>,
    passphrase: String,
    passphrase_again: String,
    remove_plain_copies: bool,
) -> Result<AppInfo, IpcError> {
    state
        .inner()
        .encrypt_own(passphrase, passphrase_again, remove_plain_copies)
        .await?;
    app_info(state).await
}

/// See `CHANGE_DOC`.
#[tauri::command]
pub async fn change_passphrase(
    state: State<'_, AppState>,
    current: String,
    passphrase: String,
    passphrase_again: String,
) -> Result<AppInfo, IpcError> {
    state
        .inner()
        .change_own_passphrase(current, passphrase, passphrase_again)
        .await?;
    app_info(state).await
}

pub fn signatures(cfg: &ts_rs::Config) -> Vec<CommandSig> {
    let text = String::name(cfg);
    let info = AppInfo::name(cfg);
    vec![
        CommandSig {
            name: "create_database",
            doc: CREATE_DOC.into(),
            args: vec![
                ("passphrase", text.clone()),
                ("passphrase_again", text.clone()),
            ],
            ret: info.clone(),
        },
        CommandSig {
            name: "unlock",
            doc: UNLOCK_DOC.into(),
            args: vec![("passphrase", text.clone())],
            ret: info.clone(),
        },
        CommandSig {
            name: "lock",
            doc: LOCK_DOC.into(),
            args: vec![],
            ret: info.clone(),
        },
        CommandSig {
            name: "encrypt_database",
            doc: ENCRYPT_DOC.into(),
            args: vec![
                ("passphrase", text.clone()),
                ("passphrase_again", text.clone()),
                ("remove_plain_copies", bool::name(cfg)),
            ],
            ret: info.clone(),
        },
        CommandSig {
            name: "change_passphrase",
            doc: CHANGE_DOC.into(),
            args: vec![
                ("current", text.clone()),
                ("passphrase", text.clone()),
                ("passphrase_again", text),
            ],
            ret: info,
        },
    ]
}
