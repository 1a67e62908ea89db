//! 加密现有台账 and 修改口令 behind the window: converting the user's own plain database in
//! place, and changing the passphrase of the open encrypted one. Both need the only connection
//! to the file (the core refuses with `STORE_IN_USE` otherwise), so they run under the backend's
//! lock, and a conversion closes the open store first. A refused or failed conversion reopens
//! the plain database as it was: the officer keeps working, the error says why.

use std::path::{Path, PathBuf};

use fieldbook::domain::{Invalids, Problems};
use fieldbook::store::{self, EncryptOptions};
use fieldbook::{Code, Store};

use crate::error::IpcError;
use crate::state::{open_own, shell_error, AppState, Backend};

/// The form field of the passphrase in force, when changing it.
pub const CURRENT_FIELD: &str = "current";

impl AppState {
    /// Converts the user's own plain database into an encrypted one with `passphrase` (typed
    /// twice: `store::choose_passphrase`) and opens it with that passphrase. Refuses the demo,
    /// an encrypted database and a refused passphrase before touching anything.
    pub async fn encrypt_own(
        &self,
        passphrase: String,
        again: String,
        remove_plain_copies: bool,
    ) -> Result<(), IpcError> {
        let own = self.own_path();
        self.with_backend(move |guard| {
            let path = plain_own_database(guard, own.as_deref())?;
            let chosen = store::choose_passphrase(&passphrase, &again).map_err(refused_form)?;
            // Dropping the store closes its connections and checkpoint thread: the conversion
            // must hold the only one.
            *guard = Backend::Failed {
                db_path: path.clone(),
                error: shell_error(Code::STORE_IN_USE, "台账正在加密，请稍候。"),
            };
            let options = EncryptOptions {
                remove_plain_copies,
            };
            if let Err(error) = Store::encrypt_file(&path, &chosen, options) {
                // The core left the plain file as it was: open it again and say why.
                *guard = open_own(&path);
                return Err(error.into());
            }
            *guard = match Store::open_with(&path, Some(&chosen)) {
                Ok(store) => Backend::Ready(store),
                // Encrypted and in place, yet not open: the unlock screen asks for it.
                Err(_) => open_own(&path),
            };
            Ok(())
        })
        .await
    }

    /// Changes the passphrase of the open encrypted database: `current` must be the one it was
    /// opened with (`STORE_PASSPHRASE_WRONG` under `current`), the new one is chosen twice; every
    /// problem of the form is answered at once and nothing changes while any remains.
    pub async fn change_own_passphrase(
        &self,
        current: String,
        passphrase: String,
        again: String,
    ) -> Result<(), IpcError> {
        self.with_backend(move |backend| {
            let store = match backend {
                Backend::Ready(store) if store.is_encrypted() => store,
                Backend::Ready(_) => return Err(not_encrypted()),
                other => return Err(unavailable(other)),
            };
            let mut problems = Problems::new();
            problems.check(
                !store.passphrase_is(&current),
                Code::STORE_PASSPHRASE_WRONG,
                CURRENT_FIELD,
                "当前口令不对。请输入打开本台账时用的口令。",
            );
            let chosen = problems.take_all(store::choose_passphrase(&passphrase, &again));
            let chosen = problems.done(chosen).map_err(refused_form)?;
            store.change_passphrase(&chosen).map_err(IpcError::from)
        })
        .await
    }
}

/// The path of the user's own database when it is open, plain and not the demo; the coded
/// refusal otherwise.
fn plain_own_database(backend: &Backend, own: Option<&Path>) -> Result<PathBuf, IpcError> {
    let store = match backend {
        Backend::Ready(store) => store,
        other => return Err(unavailable(other)),
    };
    let path = store.path().map(Path::to_path_buf).unwrap_or_default();
    if store.is_demo()? || own != Some(path.as_path()) {
        return Err(shell_error(
            Code::STORE_DEMO_PLAIN,
            "示范数据库不加密（示范县的数据是虚构的，不含真实个人信息）。请退出演示，加密本县自己的台账。",
        ));
    }
    if store.is_encrypted() {
        return Err(shell_error(
            Code::STORE_ALREADY_ENCRYPTED,
            "本台账已经加密，无需再加密。要换口令请用“修改口令”。",
        ));
    }
    Ok(path)
}

/// Why a backend that is not open cannot be converted or re-keyed.
fn unavailable(backend: &Backend) -> IpcError {
    match backend {
        Backend::Ready(_) => IpcError::internal("台账已打开"),
        Backend::Missing { .. } => shell_error(
            Code::STORE_NOT_CREATED,
            "本机的台账还没有建立。请在首次使用页面设置口令，台账建立时即加密。",
        ),
        Backend::Locked { .. } => {
            shell_error(Code::STORE_LOCKED, "台账已锁定。请输入口令打开后再操作。")
        }
        Backend::Failed { error, .. } => error.clone(),
    }
}

fn not_encrypted() -> IpcError {
    shell_error(
        Code::STORE_NOT_ENCRYPTED,
        "本台账没有加密，没有口令可改。请先在“台账加密”中加密台账。",
    )
}

fn refused_form(invalids: Invalids) -> IpcError {
    IpcError::from(fieldbook::Error::from(invalids))
}
