//! Encryption at rest: a database opened with a passphrase is SQLCipher-encrypted; the file
//! alone reveals no ID number, and a wrong or missing passphrase changes nothing on disk.

use fieldbook::store::{file_kind, FileKind, Passphrase};
use fieldbook::Store;

use crate::temp_db;

/// Every run of 17 digits followed by a digit or X: what an ID number looks like in the file.
fn id_numbers_in(bytes: &[u8]) -> usize {
    bytes
        .windows(18)
        .filter(|w| {
            w[..17].iter().all(u8::is_ascii_digit) && (w[17].is_ascii_digit() || w[17] == b'X')
        })
        .count()
}

fn demo_in(path: &std::path::Path, passphrase: Option<&Passphrase>) -> String {
    let mut store = Store::open_with(path, passphrase).unwrap();
    fieldbook::demo::load_demo(&mut store).unwrap();
    store.database_id().unwrap()
}

fn sha256(path: &std::path::Path) -> String {
    fieldbook::digest::sha256_hex(&std::fs::read(path).unwrap())
}

#[test]
fn an_encrypted_file_shows_no_id_number_and_opens_only_with_its_passphrase() {
    let (dir, plain) = temp_db();
    demo_in(&plain, None);
    assert!(
        id_numbers_in(&std::fs::read(&plain).unwrap()) > 100,
        "the plain demo holds ID numbers the check must find"
    );
    assert_eq!(file_kind(&plain).unwrap(), FileKind::Plain);

    let secret = dir.path().join("secret.db");
    let passphrase = Passphrase::new("乡镇台账-2026").unwrap();
    let id = demo_in(&secret, Some(&passphrase));
    let bytes = std::fs::read(&secret).unwrap();
    assert_eq!(
        id_numbers_in(&bytes),
        0,
        "an ID number is readable in the encrypted file"
    );
    assert!(
        !bytes.windows(4).any(|w| w == "成县".as_bytes()),
        "a place name is readable"
    );
    assert_eq!(file_kind(&secret).unwrap(), FileKind::NotPlain);

    let before = sha256(&secret);
    let missing = Store::open(&secret)
        .err()
        .expect("no passphrase must refuse");
    assert_eq!(missing.code(), "STORE_NOT_A_DATABASE");
    assert!(missing.to_string().contains("口令"), "{missing}");
    let wrong = Store::open_with(&secret, Some(&Passphrase::new("wrong").unwrap()))
        .err()
        .expect("a wrong passphrase must refuse");
    assert_eq!(wrong.code(), "STORE_PASSPHRASE_WRONG");
    assert_eq!(sha256(&secret), before, "a refused open changed the file");

    let store = Store::open_with(&secret, Some(&passphrase)).unwrap();
    assert!(store.is_encrypted());
    assert_eq!(store.database_id().unwrap(), id);
}

#[test]
fn a_plain_database_given_a_passphrase_is_refused_unchanged() {
    let (_dir, plain) = temp_db();
    drop(Store::open(&plain).unwrap());
    let before = sha256(&plain);
    let error = Store::open_with(&plain, Some(&Passphrase::new("x").unwrap()))
        .err()
        .expect("must refuse");
    assert_eq!(error.code(), "STORE_NOT_ENCRYPTED");
    assert_eq!(sha256(&plain), before);
}

#[test]
fn the_passphrase_never_prints() {
    let passphrase = Passphrase::new("乡镇台账-2026").unwrap();
    assert_eq!(format!("{passphrase:?}"), "Passphrase(***)");
    assert!(Passphrase::new("").is_none());
}
