//! The one error shape that crosses IPC: `{code, message, field?, errors?}`. The UI puts
//! `message` next to the input named by `field`, and may translate by `code`; a refused form
//! also lists every problem in `errors`, so each shows under its own field at once.

use serde::Serialize;
use ts_rs::TS;

use fieldbook::Code;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct IpcError {
    pub code: Code,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
    /// Every problem of a refused input, the first being `code`/`message`/`field` above.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub errors: Option<Vec<FieldError>>,
}

/// One problem of a refused form, under its field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldError {
    pub code: Code,
    pub field: String,
    pub message: String,
}

impl From<fieldbook::Error> for IpcError {
    fn from(error: fieldbook::Error) -> Self {
        IpcError {
            code: error.code(),
            message: error.first_message(),
            field: error.field().map(str::to_string),
            errors: Some(error.problems())
                .filter(|problems| !problems.is_empty())
                .map(|problems| {
                    problems
                        .iter()
                        .map(|p| FieldError {
                            code: p.code,
                            field: p.field.to_string(),
                            message: p.message.clone(),
                        })
                        .collect()
                }),
        }
    }
}

impl IpcError {
    /// For faults of the shell itself (a panicked worker thread), never of the user's input.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        IpcError {
            code: Code::INTERNAL,
            message: format!("程序内部错误：{detail}。您的数据未受影响，请重启 Fieldbook 后重试。"),
            field: None,
            errors: None,
        }
    }
}
