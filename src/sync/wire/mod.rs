//! What travels between a laptop and the county, with no IO and no SQL: the keys and signed
//! envelopes (`keys`), the length-prefixed container inside the encryption (`container`), opening
//! sealed files in bounded time (`sealed`).

pub mod container;
pub mod documents;
pub mod keys;
pub mod sealed;
