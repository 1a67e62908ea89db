//! Writing and reading sync files safely: a temporary file beside the target, fsynced, then
//! renamed, so a crash never leaves a half-written batch under the real name.

use std::fs::{self, File};
use std::io::Read;
use std::path::Path;

use super::container::MAX_FILE_BYTES;
use super::{refuse, SyncResult};
use crate::error::IoContext;
use crate::Code;

pub fn write_atomic(path: &Path, bytes: &[u8]) -> SyncResult<()> {
    crate::files::replace_file(path, bytes).at_path(path)
}

/// Reads a sync file, refusing one larger than the limit before reading it.
pub fn read_limited(path: &Path) -> SyncResult<Vec<u8>> {
    let size = fs::metadata(path).at_path(path)?.len();
    if size > MAX_FILE_BYTES {
        return Err(refuse(
            Code::SYNC_TOO_LARGE,
            format!("文件有 {size} 字节，超过同步文件上限 {MAX_FILE_BYTES} 字节，已拒收。"),
        ));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    File::open(path)
        .and_then(|file| file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .at_path(path)?;
    Ok(bytes)
}

/// Where the desktop app saves the files it makes (batches, packages, requests): the one save
/// folder of `crate::files::save_dir`.
pub fn save_dir() -> SyncResult<std::path::PathBuf> {
    let dir = crate::files::save_dir();
    fs::create_dir_all(&dir).at_path(&dir)?;
    Ok(dir)
}

/// A file name in the save folder with the local time in it: `prefix-20261122-081530.ext`.
pub fn save_path(prefix: &str, ext: &str) -> SyncResult<std::path::PathBuf> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    Ok(save_dir()?.join(format!("{prefix}-{stamp}.{ext}")))
}
