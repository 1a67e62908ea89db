//! Files the user takes away: exported spreadsheets and printed PDFs. One folder and one way of
//! writing them, so an interrupted save never leaves half a file under the real name and a
//! second save never overwrites the first (a clerk may have already sent it).

use std::io::Write;
use std::path::{Path, PathBuf};

/// Where the desktop app saves exports and PDFs: `FIELDBOOK_SAVE_DIR` when set (the end-to-end
/// tests set it, since WebDriver cannot drive a native dialog), else the user's Downloads,
/// Documents or home folder.
pub fn save_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("FIELDBOOK_SAVE_DIR").filter(|d| !d.is_empty()) {
        return dir.into();
    }
    directories::UserDirs::new()
        .and_then(|u| {
            u.download_dir()
                .or(u.document_dir())
                .map(Path::to_path_buf)
                .or_else(|| Some(u.home_dir().to_path_buf()))
        })
        .unwrap_or_else(std::env::temp_dir)
}

/// Writes `bytes` into `dir` as `file_name`, or `名 (2).ext` when that name is taken: written
/// beside, synced, then renamed into place.
pub fn save_new_file(dir: &Path, file_name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let path = unused_path(dir, file_name);
    replace_file(&path, bytes)?;
    Ok(path)
}

/// `dir/file_name`, or `dir/名 (2).ext` … when that name is taken.
pub fn unused_path(dir: &Path, file_name: &str) -> PathBuf {
    let (stem, ext) = match file_name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem, format!(".{ext}")),
        _ => (file_name, String::new()),
    };
    let mut path = dir.join(file_name);
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{stem} ({n}){ext}"));
        n += 1;
    }
    path
}

/// Writes `bytes` to `path` (the user named it, so an existing file is replaced): written to a
/// temporary file beside it, synced, renamed, and the folder synced, so a crash leaves the old
/// file or the new one, never half of one. The temporary file is removed on failure.
/// Reads a file the user names (a spreadsheet, a photo, a scan), refusing one larger than
/// `max` from its size on disk before reading a byte of it (`too_large` gives the reader's own
/// refusal for that size). A file that grows while it is read is cut at `max + 1` bytes, which
/// the reader's own cap then refuses: memory stays bounded either way.
pub fn read_capped(
    path: &Path,
    max: u64,
    too_large: impl FnOnce(u64) -> crate::Error,
) -> crate::Result<Vec<u8>> {
    use std::io::Read;
    let io = |e| crate::Error::io(path, e);
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > max {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    std::fs::File::open(path)
        .and_then(|file| file.take(max + 1).read_to_end(&mut bytes))
        .map_err(io)?;
    Ok(bytes)
}

pub fn replace_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "fieldbook".into());
    let partial = dir.join(format!(".{name}.{}.part", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&partial)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&partial, path)?;
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

/// Opens a saved file in the system's viewer (a PDF reader prints it; a spreadsheet opens in
/// WPS or Excel). Only files inside the save folder: the UI cannot make this launch anything
/// else. A system without a viewer program is told so in Chinese, with where the file is.
pub fn open_saved(path: &Path, save_dir: &Path) -> crate::Result<()> {
    let found = open_in_viewer(path, save_dir, viewer_program());
    found.map_err(|error| match error {
        ViewerError::Missing(program) => crate::Error::NoViewer {
            path: path.to_path_buf(),
            program,
        },
        ViewerError::Io(e) => crate::Error::io(path, e),
    })
}

enum ViewerError {
    Missing(String),
    Io(std::io::Error),
}

fn viewer_program() -> &'static str {
    if cfg!(target_os = "windows") {
        "cmd"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    }
}

fn open_in_viewer(path: &Path, save_dir: &Path, program: &str) -> Result<(), ViewerError> {
    let file = path.canonicalize().map_err(ViewerError::Io)?;
    let dir = save_dir.canonicalize().map_err(ViewerError::Io)?;
    if !file.starts_with(&dir) || !file.is_file() {
        return Err(ViewerError::Io(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            format!("只能打开保存文件夹（{}）里的文件", dir.display()),
        )));
    }
    let mut command = std::process::Command::new(program);
    if program == "cmd" {
        command.args(["/C", "start", ""]);
    }
    match command.arg(&file).spawn() {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(ViewerError::Missing(program.to_string()))
        }
        Err(e) => Err(ViewerError::Io(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_save_gets_a_new_name_and_leaves_the_first_alone() {
        let dir = tempfile::tempdir().unwrap();
        let first = save_new_file(dir.path(), "花名册.pdf", b"one").unwrap();
        let second = save_new_file(dir.path(), "花名册.pdf", b"two").unwrap();
        assert_eq!(first.file_name().unwrap(), "花名册.pdf");
        assert_eq!(second.file_name().unwrap(), "花名册 (2).pdf");
        assert_eq!(std::fs::read(&first).unwrap(), b"one");
        assert_eq!(std::fs::read(&second).unwrap(), b"two");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".part"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn only_files_in_the_save_folder_are_opened() {
        let saves = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let outside = elsewhere.path().join("x.pdf");
        std::fs::write(&outside, b"%PDF").unwrap();
        let refused = |path: &Path| match open_saved(path, saves.path()).unwrap_err() {
            crate::Error::Io { source, .. } => source.kind(),
            other => panic!("expected a refusal, got {other:?}"),
        };
        assert_eq!(refused(&outside), std::io::ErrorKind::PermissionDenied);
        let sneaky = saves
            .path()
            .join("..")
            .join(elsewhere.path().file_name().unwrap())
            .join("x.pdf");
        assert_eq!(refused(&sneaky), std::io::ErrorKind::PermissionDenied);
    }

    #[test]
    fn a_missing_viewer_program_is_said_in_chinese_with_where_the_file_is() {
        let saves = tempfile::tempdir().unwrap();
        let pdf = saves.path().join("验收报告.pdf");
        std::fs::write(&pdf, b"%PDF").unwrap();
        let missing = match open_in_viewer(&pdf, saves.path(), "no-such-viewer-fieldbook") {
            Err(ViewerError::Missing(program)) => program,
            _ => panic!("a missing program is not reported as missing"),
        };
        let error = crate::Error::NoViewer {
            path: pdf.clone(),
            program: missing,
        };
        assert_eq!(error.code(), crate::Code::NO_VIEWER);
        let message = error.to_string();
        assert!(message.contains("验收报告.pdf") && message.contains("no-such-viewer-fieldbook"));
        assert!(!message.contains("os error"), "{message}");
    }
}
