//! The one error shape that crosses IPC: `{code, message, field?}`. The UI puts `message` next
//! to the input named by `field`, and may translate by `code`.

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
}

impl From<fieldbook::Error> for IpcError {
    fn from(error: fieldbook::Error) -> Self {
        IpcError {
            code: error.code(),
            message: error.to_string(),
            field: error.field().map(str::to_string),
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
        }
    }
}
