//! Writing and reading sync files safely: a temporary file beside the target, fsynced, then
//! renamed, so a crash never leaves a half-written batch under the real name.

use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::Path;

use super::container::MAX_FILE_BYTES;
use super::{refuse, SyncResult};

pub fn write_atomic(path: &Path, bytes: &[u8]) -> SyncResult<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "sync".into());
    let temp = dir.join(format!(".{name}.{}.part", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut file = File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)?;
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    Ok(result?)
}

/// Reads a sync file, refusing one larger than the limit before reading it.
pub fn read_limited(path: &Path) -> SyncResult<Vec<u8>> {
    let size = fs::metadata(path)?.len();
    if size > MAX_FILE_BYTES {
        return Err(refuse(
            "SYNC_TOO_LARGE",
            format!("文件有 {size} 字节，超过同步文件上限 {MAX_FILE_BYTES} 字节，已拒收。"),
        ));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    File::open(path)?
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Where the desktop app saves the files it makes (batches, packages, requests):
/// `FIELDBOOK_SAVE_DIR`, else the user's documents folder, else the current directory.
pub fn save_dir() -> SyncResult<std::path::PathBuf> {
    let dir = std::env::var_os("FIELDBOOK_SAVE_DIR")
        .filter(|d| !d.is_empty())
        .map(std::path::PathBuf::from)
        .or_else(|| {
            directories::UserDirs::new().and_then(|u| u.document_dir().map(|d| d.join("Fieldbook")))
        })
        .unwrap_or_else(|| std::path::PathBuf::from("."));
    fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// A file name in the save folder with the local time in it: `prefix-20261122-081530.ext`.
pub fn save_path(prefix: &str, ext: &str) -> SyncResult<std::path::PathBuf> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    Ok(save_dir()?.join(format!("{prefix}-{stamp}.{ext}")))
}
