//! The committed TypeScript bindings must match what the Rust types generate now.

use std::path::PathBuf;

#[test]
fn committed_typescript_bindings_match_the_rust_types() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(fieldbook_desktop::bindings::BINDINGS_PATH);
    let generated = fieldbook_desktop::bindings::typescript();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is out of date with the Rust commands and DTOs; run `make bindings` and commit it",
        path.display()
    );
}
