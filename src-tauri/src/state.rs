//! The store behind the window. Opening can fail (a foreign file, a database from a newer
//! Fieldbook); the window still opens and shows why, instead of the process dying silently.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use fieldbook::{demo, store, Store};

use crate::error::IpcError;

pub enum Backend {
    Ready(Store),
    Failed { db_path: PathBuf, error: IpcError },
}

#[derive(Clone)]
pub struct AppState(pub Arc<Mutex<Backend>>);

impl AppState {
    /// Opens the database (the `--db` argument, else `FIELDBOOK_DB`, else the platform default
    /// shared with the CLI) and loads the demo county into it when it holds no county yet.
    pub fn open(db_path: Option<PathBuf>) -> AppState {
        let path = match db_path.map(Ok).unwrap_or_else(store::default_db_path) {
            Ok(path) => path,
            Err(error) => {
                return AppState::failed(PathBuf::from("fieldbook.db"), error.into());
            }
        };
        let opened = Store::open(&path).and_then(|mut store| {
            if store.county()?.is_none() {
                demo::load_demo(&mut store)?;
            }
            Ok(store)
        });
        match opened {
            Ok(store) => AppState(Arc::new(Mutex::new(Backend::Ready(store)))),
            Err(error) => AppState::failed(path, error.into()),
        }
    }

    pub fn from_store(store: Store) -> AppState {
        AppState(Arc::new(Mutex::new(Backend::Ready(store))))
    }

    fn failed(db_path: PathBuf, error: IpcError) -> AppState {
        AppState(Arc::new(Mutex::new(Backend::Failed { db_path, error })))
    }

    /// Runs `work` on a blocking thread, never the UI's main thread, with the store locked.
    pub async fn with_store<T, F>(&self, work: F) -> Result<T, IpcError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> fieldbook::Result<T> + Send + 'static,
    {
        let backend = Arc::clone(&self.0);
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
