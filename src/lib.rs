//! Fieldbook core: domain rules, the SQLite store and the demo county.
//!
//! Nothing here knows about Tauri or the UI; the `fieldbook` CLI and the desktop shell are thin
//! adapters over this library (see ARCHITECTURE.md).

pub mod checks;
pub mod codes;
pub mod demo;
pub mod digest;
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

/// The composition root's one wiring: what the layers above the store add to every store that
/// opens (sync's field clocks on the county hub, the township check on an enrolled laptop). The store runs these and names none.
pub(crate) const STORE_EXTENSIONS: &[store::Extension] =
    &[sync::sql::field_clocks::extend, sync::sql::township::extend];
