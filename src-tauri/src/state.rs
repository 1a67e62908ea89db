//! The store behind the window. Opening can fail (a foreign file, a database from a newer
//! Fieldbook); the window still opens and shows why, instead of the process dying silently.
//!
//! Two databases can sit behind the window, never mixed: the user's own (the `--db` argument,
//! else `FIELDBOOK_DB`, else the platform default shared with the CLI), which starts empty and
//! is set up on the first-run screen, and the demo county's, a file of its own beside it
//! (`store::demo_db_path`), opened by 看演示 and left again by 退出演示.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use fieldbook::store::RestoreReport;
use fieldbook::{demo, store, Store};

use crate::error::IpcError;

pub enum Backend {
    Ready(Store),
    Failed { db_path: PathBuf, error: IpcError },
}

#[derive(Clone)]
pub struct AppState {
    pub backend: Arc<Mutex<Backend>>,
    /// The user's own database; `None` for a state built around a store (tests). A restore
    /// makes the restored file the user's own (`restore_beside`).
    own_path: Arc<Mutex<Option<PathBuf>>>,
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
        let backend = open_backend(&path, Store::open);
        AppState {
            backend: Arc::new(Mutex::new(backend)),
            own_path: Arc::new(Mutex::new(Some(path))),
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
        }
    }

    fn failed(db_path: PathBuf, error: IpcError) -> AppState {
        AppState {
            backend: Arc::new(Mutex::new(Backend::Failed { db_path, error })),
            own_path: Arc::new(Mutex::new(None)),
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
        self.switch(move || open_backend(&own, Store::open)).await
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

    /// Restores `file` (a backup) into a new database beside the open one, checked completely
    /// before it exists, and switches to it: it becomes the user's own database (退出演示 and
    /// the next switch return to it). The old file stays as it was.
    pub async fn restore_beside(&self, file: PathBuf) -> Result<RestoreReport, IpcError> {
        let backend = Arc::clone(&self.backend);
        let own = Arc::clone(&self.own_path);
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = backend.lock().map_err(IpcError::internal)?;
            let store = match &*guard {
                Backend::Ready(store) => store,
                Backend::Failed { error, .. } => return Err(error.clone()),
            };
            let report = store.restore_beside(&file)?;
            let restored = store.open_sibling(&report.path)?;
            *guard = Backend::Ready(restored);
            *own.lock().map_err(IpcError::internal)? = Some(report.path.clone());
            Ok(report)
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
