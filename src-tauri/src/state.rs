//! The store behind the window. Opening can fail (a foreign file, a database from a newer
//! Fieldbook); the window still opens and shows why, instead of the process dying silently.
//!
//! Two databases can sit behind the window, never mixed: the user's own (the `--db` argument,
//! else `FIELDBOOK_DB`, else the platform default shared with the CLI), which starts empty and
//! is set up on the first-run screen, and the demo county's, a file of its own beside it
//! (`store::demo_db_path`), opened by 看演示 and left again by 退出演示.
//!
//! The user's own database is encrypted (docs/desktop.md "Encryption at rest"): when its file
//! does not exist yet, nothing is created at start — the first-run screen creates it with the
//! passphrase the officer chooses (`create_own`). An encrypted file waits `Locked` for its
//! passphrase (`unlock`); the idle lock (`lock`) closes the store again. The passphrase lives
//! only inside the open `Store`: closing it forgets the passphrase. A plain database (made by the
//! CLI, or before encryption) still opens without one.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use fieldbook::store::{FileKind, Passphrase, RestoreReport};
use fieldbook::{demo, store, Code, Store};

use crate::error::IpcError;

pub enum Backend {
    Ready(Store),
    /// The user's own database does not exist yet: the first-run screen creates it, encrypted.
    Missing {
        db_path: PathBuf,
    },
    /// An encrypted database waiting for its passphrase (at start, or after the idle lock).
    /// Nothing of it is read until it opens.
    Locked {
        db_path: PathBuf,
    },
    Failed {
        db_path: PathBuf,
        error: IpcError,
    },
}

#[derive(Clone)]
pub struct AppState {
    pub backend: Arc<Mutex<Backend>>,
    /// The user's own database; `None` for a state built around a store (tests). A restore
    /// puts the restored file in its place (`restore_in_place`).
    own_path: Arc<Mutex<Option<PathBuf>>>,
    /// `FIELDBOOK_IDLE_LOCK_SECONDS`, read at start: the idle lock's delay instead of the
    /// county's minutes (end-to-end tests, which cannot wait a quarter of an hour).
    idle_lock_override: Option<u32>,
}

/// The environment variable that overrides the county's idle lock, in seconds.
pub const IDLE_LOCK_SECONDS_ENV: &str = "FIELDBOOK_IDLE_LOCK_SECONDS";

/// `FIELDBOOK_IDLE_LOCK_SECONDS` as a number of seconds, when set to one.
pub fn idle_lock_override_from_env() -> Option<u32> {
    std::env::var(IDLE_LOCK_SECONDS_ENV)
        .ok()
        .and_then(|text| text.trim().parse().ok())
}

impl AppState {
    /// Opens the user's own database as it is: a database without a county shows the
    /// first-run screen; the demo is never loaded into it.
    pub fn open(db_path: Option<PathBuf>) -> AppState {
        let path = match db_path.map(Ok).unwrap_or_else(store::default_db_path) {
            Ok(path) => path,
            Err(error) => {
                return AppState::failed(PathBuf::from("fieldbook.db"), error.into());
            }
        };
        let backend = open_own(&path);
        AppState {
            backend: Arc::new(Mutex::new(backend)),
            own_path: Arc::new(Mutex::new(Some(path))),
            idle_lock_override: None,
        }
    }

    /// The idle lock's delay in seconds instead of the county's setting (see
    /// `IDLE_LOCK_SECONDS_ENV`).
    pub fn with_idle_lock_override(mut self, seconds: Option<u32>) -> AppState {
        self.idle_lock_override = seconds;
        self
    }

    /// Seconds without input before an open encrypted database locks; 0 = never (a plain
    /// database, the demo, or a county that set 0).
    pub fn idle_lock_seconds(&self, store: &Store) -> fieldbook::Result<u32> {
        if !store.is_encrypted() || store.is_demo()? {
            return Ok(0);
        }
        match self.idle_lock_override {
            Some(seconds) => Ok(seconds),
            None => Ok(store.idle_lock_minutes()? * 60),
        }
    }

    /// Opens the demo database beside the user's own (`fieldbook-desktop --demo`).
    pub fn open_demo_beside(db_path: Option<PathBuf>) -> AppState {
        let state = AppState::open(db_path);
        if let Some(own) = state.own_path() {
            let demo = open_backend(&store::demo_db_path(&own), open_demo_store);
            *state
                .backend
                .lock()
                .expect("no other thread holds the store yet") = demo;
        }
        state
    }

    pub fn from_store(store: Store) -> AppState {
        AppState {
            own_path: Arc::new(Mutex::new(store.path().map(Path::to_path_buf))),
            backend: Arc::new(Mutex::new(Backend::Ready(store))),
            idle_lock_override: None,
        }
    }

    fn failed(db_path: PathBuf, error: IpcError) -> AppState {
        AppState {
            backend: Arc::new(Mutex::new(Backend::Failed { db_path, error })),
            own_path: Arc::new(Mutex::new(None)),
            idle_lock_override: None,
        }
    }

    /// The user's own database, which 退出演示 returns to.
    pub fn own_path(&self) -> Option<PathBuf> {
        self.own_path.lock().ok().and_then(|own| own.clone())
    }

    /// Closes whatever is open and opens the demo database beside the user's own, loading the
    /// demo county into it on first use.
    pub async fn switch_to_demo(&self) -> Result<(), IpcError> {
        let own = self.own_path().ok_or_else(no_own_database)?;
        self.switch(move || open_backend(&store::demo_db_path(&own), open_demo_store))
            .await
    }

    /// Closes the demo and opens the user's own database again.
    pub async fn switch_to_own(&self) -> Result<(), IpcError> {
        let own = self.own_path().ok_or_else(no_own_database)?;
        self.switch(move || open_own(&own)).await
    }

    /// First run: creates the user's own database, encrypted with `passphrase` (chosen twice:
    /// `store::choose_passphrase`). Only while it does not exist; a refused passphrase creates
    /// nothing.
    pub async fn create_own(&self, passphrase: String, again: String) -> Result<(), IpcError> {
        let chosen = store::choose_passphrase(&passphrase, &again)
            .map_err(|invalids| IpcError::from(fieldbook::Error::from(invalids)))?;
        self.open_waiting(
            move |backend| match backend {
                Backend::Missing { db_path } => Some(db_path.clone()),
                _ => None,
            },
            chosen,
            already_created,
        )
        .await
    }

    /// Opens the encrypted database that waits for its passphrase. A wrong passphrase
    /// (`STORE_PASSPHRASE_WRONG`) leaves it locked, to try again.
    pub async fn unlock(&self, passphrase: String) -> Result<(), IpcError> {
        let passphrase = Passphrase::new(passphrase).ok_or_else(|| {
            IpcError::from(fieldbook::Error::from(fieldbook::domain::Invalid::new(
                Code::STORE_PASSPHRASE_WRONG,
                "passphrase",
                "请输入本台账的口令。",
            )))
        })?;
        self.open_waiting(
            move |backend| match backend {
                Backend::Locked { db_path } => Some(db_path.clone()),
                _ => None,
            },
            passphrase,
            not_locked,
        )
        .await
    }

    /// The idle lock: closes an open encrypted database (the store, and with it the
    /// passphrase, is dropped) and waits for the passphrase again. A plain database or the
    /// demo stays open: there is no passphrase to ask. Answers whether it locked.
    pub async fn lock(&self) -> Result<bool, IpcError> {
        let backend = Arc::clone(&self.backend);
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = backend.lock().map_err(IpcError::internal)?;
            let db_path = match &*guard {
                Backend::Ready(store) if store.is_encrypted() => {
                    store.path().map(Path::to_path_buf)
                }
                _ => None,
            };
            let Some(db_path) = db_path else {
                return Ok(false);
            };
            // Dropping the store closes its connections and the checkpoint thread.
            *guard = Backend::Locked { db_path };
            Ok(true)
        })
        .await
        .map_err(IpcError::internal)?
    }

    /// Opens the database the backend waits on (`waiting` names its path) with `passphrase`;
    /// `refused` answers when the backend waits on nothing of the kind.
    async fn open_waiting(
        &self,
        waiting: impl FnOnce(&Backend) -> Option<PathBuf> + Send + 'static,
        passphrase: Passphrase,
        refused: fn() -> IpcError,
    ) -> Result<(), IpcError> {
        let backend = Arc::clone(&self.backend);
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = backend.lock().map_err(IpcError::internal)?;
            let db_path = waiting(&guard).ok_or_else(refused)?;
            let store = Store::open_with(&db_path, Some(&passphrase)).map_err(|error| {
                let mut error = IpcError::from(error);
                // The unlock screen shows a wrong passphrase under its field.
                if error.code == Code::STORE_PASSPHRASE_WRONG {
                    error.field.get_or_insert_with(|| "passphrase".into());
                }
                error
            })?;
            *guard = Backend::Ready(store);
            Ok(())
        })
        .await
        .map_err(IpcError::internal)?
    }

    async fn switch(
        &self,
        open: impl FnOnce() -> Backend + Send + 'static,
    ) -> Result<(), IpcError> {
        let backend = Arc::clone(&self.backend);
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = backend.lock().map_err(IpcError::internal)?;
            // The old store closes before the new one opens, never two connections at once.
            *guard = Backend::Failed {
                db_path: PathBuf::new(),
                error: IpcError::internal("数据库切换中"),
            };
            *guard = open();
            Ok(())
        })
        .await
        .map_err(IpcError::internal)?
    }

    /// Runs `work` on a blocking thread with the backend locked, whatever state it is in (the
    /// operations on the database file itself: `conversion.rs`).
    pub(crate) async fn with_backend<T, F>(&self, work: F) -> Result<T, IpcError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Backend) -> Result<T, IpcError> + Send + 'static,
    {
        let backend = Arc::clone(&self.backend);
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = backend.lock().map_err(IpcError::internal)?;
            work(&mut guard)
        })
        .await
        .map_err(IpcError::internal)?
    }

    /// Restores `file` (a backup) over the user's own database: checked completely beside it
    /// first, then the database in use is renamed aside (kept) and the restored file takes its
    /// name, so the app opens the restored register now and at every later start
    /// (`Store::restore_in_place`). The demo is never restored over.
    pub async fn restore_in_place(
        &self,
        file: PathBuf,
        backup_passphrase: Option<Passphrase>,
    ) -> Result<RestoreReport, IpcError> {
        let backend = Arc::clone(&self.backend);
        let own = Arc::clone(&self.own_path);
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = backend.lock().map_err(IpcError::internal)?;
            let store = match &*guard {
                Backend::Ready(store) => store,
                Backend::Missing { .. } => return Err(not_created()),
                Backend::Locked { .. } => return Err(locked()),
                Backend::Failed { error, .. } => return Err(error.clone()),
            };
            let Some(db_path) = store.path().map(Path::to_path_buf) else {
                return Err(IpcError::internal("the open database has no file"));
            };
            let own_path = own.lock().map_err(IpcError::internal)?.clone();
            if store.is_demo()? || own_path.as_ref().is_some_and(|own| *own != db_path) {
                return Err(IpcError::from(fieldbook::Error::Backup {
                    code: Code::BACKUP_TARGET_EXISTS,
                    message: "演示台账不能从备份恢复。请先退出演示，回到自己的台账再恢复。".into(),
                }));
            }
            let placeholder = Backend::Locked {
                db_path: db_path.clone(),
            };
            let Backend::Ready(store) = std::mem::replace(&mut *guard, placeholder) else {
                unreachable!("matched Ready above, under the same lock");
            };
            match store.restore_in_place(&file, backup_passphrase.as_ref()) {
                Ok(in_place) => {
                    *guard = Backend::Ready(in_place.store);
                    Ok(in_place.outcome?)
                }
                Err(error) => {
                    let error = IpcError::from(error);
                    *guard = Backend::Failed {
                        db_path,
                        error: error.clone(),
                    };
                    Err(error)
                }
            }
        })
        .await
        .map_err(IpcError::internal)?
    }

    /// Runs `work` on a blocking thread, never the UI's main thread, with the store locked.
    pub async fn with_store<T, F>(&self, work: F) -> Result<T, IpcError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> fieldbook::Result<T> + Send + 'static,
    {
        let backend = Arc::clone(&self.backend);
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = backend.lock().map_err(IpcError::internal)?;
            match &mut *guard {
                Backend::Ready(store) => work(store).map_err(IpcError::from),
                Backend::Missing { .. } => Err(not_created()),
                Backend::Locked { .. } => Err(locked()),
                Backend::Failed { error, .. } => Err(error.clone()),
            }
        })
        .await
        .map_err(IpcError::internal)?
    }
}

fn open_backend(path: &Path, open: impl FnOnce(&Path) -> fieldbook::Result<Store>) -> Backend {
    match open(path) {
        Ok(store) => Backend::Ready(store),
        Err(error) => Backend::Failed {
            db_path: path.to_path_buf(),
            error: error.into(),
        },
    }
}

/// The user's own database as its file is: missing (created at first run), plain (opened as
/// before), or not plain (waits for the passphrase; only the passphrase tells an encrypted
/// database from somebody's other file).
pub(crate) fn open_own(path: &Path) -> Backend {
    match store::file_kind(path) {
        Ok(FileKind::Missing) => Backend::Missing {
            db_path: path.to_path_buf(),
        },
        Ok(FileKind::Plain) => open_backend(path, Store::open),
        Ok(FileKind::NotPlain) if may_be_encrypted(path) => Backend::Locked {
            db_path: path.to_path_buf(),
        },
        // Somebody's other file: opening it plain refuses it (STORE_NOT_A_DATABASE) unchanged.
        Ok(FileKind::NotPlain) => open_backend(path, Store::open),
        Err(error) => Backend::Failed {
            db_path: path.to_path_buf(),
            error: error.into(),
        },
    }
}

/// An encrypted database is whole pages (SQLCipher's are 4096 bytes, never under 512): a file
/// shorter than a page or not a whole number of them is somebody's other file, refused at once
/// instead of asking for a passphrase that cannot open it.
fn may_be_encrypted(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() >= 4096 && m.len() % 512 == 0)
}

pub(crate) fn shell_error(code: Code, message: &str) -> IpcError {
    IpcError {
        code,
        message: message.into(),
        field: None,
        errors: None,
    }
}

fn not_created() -> IpcError {
    shell_error(
        Code::STORE_NOT_CREATED,
        "本机的台账还没有建立。请在首次使用页面选择本机的用途、设置口令后再操作。",
    )
}

fn already_created() -> IpcError {
    shell_error(
        Code::INTERNAL,
        "本机的台账已经建立，不能再次建立。请重启 Fieldbook。",
    )
}

fn locked() -> IpcError {
    shell_error(Code::STORE_LOCKED, "台账已锁定。请输入口令打开后再操作。")
}

fn not_locked() -> IpcError {
    shell_error(
        Code::STORE_LOCKED,
        "台账没有锁定，不需要口令。请重启 Fieldbook。",
    )
}

/// The demo database, with the demo county loaded the first time (it refuses a real county's
/// database, so a wrong path never mixes the two).
fn open_demo_store(path: &Path) -> fieldbook::Result<Store> {
    let mut store = Store::open(path)?;
    if !store.is_demo()? {
        demo::load_demo(&mut store)?;
    }
    Ok(store)
}

fn no_own_database() -> IpcError {
    IpcError::internal("没有打开用户自己的数据库")
}

/// `--db PATH` or `--db=PATH` on the desktop command line.
pub fn db_arg(args: impl IntoIterator<Item = String>) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--db" {
            return args.next().map(PathBuf::from);
        }
        if let Some(path) = arg.strip_prefix("--db=") {
            return Some(PathBuf::from(path));
        }
    }
    None
}

/// `--demo` on the desktop command line: start in the demo database (`make run-demo`).
pub fn demo_arg(args: impl IntoIterator<Item = String>) -> bool {
    args.into_iter().any(|arg| arg == "--demo")
}
