//! `fieldbook-desktop`: the Tauri shell. State, thin commands, DTOs and the IPC error type;
//! everything else lives in the `fieldbook` core library.

pub mod bindings;
pub mod commands;
pub mod error;
pub mod state;

use state::AppState;

/// Builds the app around `state` on any runtime, so tests can use tauri's mock runtime.
pub fn build<R: tauri::Runtime>(
    builder: tauri::Builder<R>,
    state: AppState,
    context: tauri::Context<R>,
) -> tauri::Result<tauri::App<R>> {
    builder
        .manage(state)
        .invoke_handler(commands::invoke_handler())
        .build(context)
}

pub fn run() {
    let state = AppState::open(state::db_arg(std::env::args().skip(1)));
    let app = build(tauri::Builder::default(), state, tauri::generate_context!())
        .expect("the Tauri runtime could not start (is a display available?)");
    app.run(|_, _| {});
}
