//! Records, value types and validation. Pure: no IO, no SQL.

pub mod credit_code;
pub mod money;
pub mod phone;
pub mod places;
pub mod resident_id;

/// A refused input: which field, a stable code and a Chinese message saying how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Invalid {
    pub code: &'static str,
    pub field: &'static str,
    pub message: String,
}

impl Invalid {
    pub fn new(code: &'static str, field: &'static str, message: impl Into<String>) -> Self {
        Invalid {
            code,
            field,
            message: message.into(),
        }
    }
}
