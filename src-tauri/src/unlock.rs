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
            args: vec![("passphrase", text)],
            ret: info.clone(),
        },
        CommandSig {
            name: "lock",
            doc: LOCK_DOC.into(),
            args: vec![],
            ret: info,
        },
    ]
}
