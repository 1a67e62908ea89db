//! Fieldbook core: domain rules, the SQLite store and the demo county.
//!
//! Nothing here knows about Tauri or the UI; the `fieldbook` CLI and the desktop shell are thin
//! adapters over this library (see ARCHITECTURE.md).

pub mod codes;
pub mod demo;
pub mod demo_notices;
pub mod demo_records;
pub mod domain;
pub mod error;
pub mod files;
pub mod print;
pub mod sheets;
pub mod store;
pub mod sync;

pub use codes::Code;
pub use error::{Error, Result};
pub use store::Store;
