//! Sync with the county (hub and spoke): keys and enrollment, the batch container, the field
//! classes, and the documents that travel. The SQL side lives in `sync::sql`.

pub mod classes;
pub mod files;
pub mod model;
pub mod sql;
pub mod wire;

pub use wire::{container, keys, sealed};

pub use classes::{FieldClass, FieldClasses};
pub use model::*;

use crate::error::Error;
use crate::Code;

pub type SyncResult<T> = crate::Result<T>;

/// A sync refusal with a stable code and a message for the clerk.
pub fn refuse(code: Code, message: impl Into<String>) -> Error {
    Error::Sync {
        code,
        message: message.into(),
    }
}

/// Device: exports the pending batch to `path` (temporary file, fsync, rename).
pub fn export_to(
    store: &mut crate::Store,
    path: &std::path::Path,
) -> SyncResult<BatchExportSummary> {
    let (bytes, manifest) = store.export_batch()?;
    files::write_atomic(path, &bytes)?;
    Ok(BatchExportSummary {
        batch_id: manifest.batch_id,
        seq_from: manifest.seq_from,
        seq_to: manifest.seq_to,
        counts: manifest.counts,
        attachments: manifest.payloads.len() as u64 - 1,
        bytes: bytes.len() as u64,
        file: path.display().to_string(),
    })
}
