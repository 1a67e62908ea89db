//! `fieldbook-desktop`: the Tauri shell. State, thin commands, DTOs and the IPC error type;
//! everything else lives in the `fieldbook` core library.

pub mod bindings;
pub mod commands;
mod conversion;
pub mod error;
pub mod state;
mod sync;
mod unlock;

use state::AppState;

use fieldbook::Code;

/// Files cross IPC as base64 text; decoding errors are the caller's input, not a fault.
pub(crate) fn decode_base64(text: &str) -> fieldbook::Result<Vec<u8>> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .map_err(|_| {
            fieldbook::domain::Invalid::new(
                Code::ATTACHMENT_ENCODING,
                "scan",
                "文件内容无法读取（不是有效的 base64），请重新选择文件。",
            )
            .into()
        })
}

/// Builds the app around `state` on any runtime, so tests can use tauri's mock runtime.
pub fn build<R: tauri::Runtime>(
    builder: tauri::Builder<R>,
    state: AppState,
    context: tauri::Context<R>,
) -> tauri::Result<tauri::App<R>> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .invoke_handler(commands::invoke_handler())
        .build(context)
}

pub fn run() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let db = state::db_arg(args.iter().cloned());
    let state = if state::demo_arg(args) {
        AppState::open_demo_beside(db)
    } else {
        AppState::open(db)
    }
    .with_idle_lock_override(state::idle_lock_override_from_env());
    let app = build(tauri::Builder::default(), state, tauri::generate_context!())
        .expect("the Tauri runtime could not start (is a display available?)");
    app.run(|_, _| {});
}
