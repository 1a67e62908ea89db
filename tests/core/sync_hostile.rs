//! Hostile files are refused in bounded time with nothing written: an age header of thousands of
//! recipient stanzas (anyone can build one, no key needed), a large file sealed to the county
//! that is not a batch, a package of the wrong kind, oversized enrollment files and receipts.

use fieldbook::sync::keys::{encrypt, Keys};
use fieldbook::Code;

use crate::sync::{dump, Setup};

/// An age v1 header of `stanzas` X25519 recipient stanzas, its MAC line and some payload: the
/// shape of file that made the age library spend quadratic time before anything was refused.
pub fn many_stanzas(stanzas: usize) -> Vec<u8> {
    let mut out = b"age-encryption.org/v1\n".to_vec();
    for _ in 0..stanzas {
        out.extend_from_slice(b"-> X25519 TEiF0ypqr+bpvcqXNyCVJpL7OuwPdVwPL7KQEbFDOCc\n");
        out.extend_from_slice(b"EmECAEcKN+n/Vs9SbWiV+Hu0r+E8R77DdWYyd83nw7U\n");
    }
    out.extend_from_slice(b"--- Vn+54jqiiUCE+WZcEVY3f1sqHjlu/z1LCQ/T7Xm7qI0\n");
    out.extend_from_slice(&[7u8; 1024]);
    out
}

fn county_keys(setup: &Setup) -> Keys {
    let conn = rusqlite::Connection::open(setup.county_path()).unwrap();
    let (signing, identity): (String, String) = conn
        .query_row(
            "SELECT signing_secret, age_identity FROM sync_key",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    Keys::from_stored(&signing, &identity).unwrap()
}

#[test]
fn a_header_of_thousands_of_stanzas_is_refused_by_the_county_and_the_laptop() {
    let mut s = Setup::new();
    let before = dump(&s.county_path());
    let hostile = many_stanzas(4000);
    let err = s.county.import_batch(&hostile, false).unwrap_err();
    assert_eq!(err.code(), Code::SYNC_HEADER_TOO_LARGE, "{err}");
    assert!(err.to_string().contains("收件人超过"), "{err}");
    assert_eq!(dump(&s.county_path()), before);
    let laptop = s.dir.path().join("laptop.db");
    let before = dump(&laptop);
    let err = s.device.sync_apply(&hostile).unwrap_err();
    assert_eq!(err.code(), Code::SYNC_HEADER_TOO_LARGE, "{err}");
    assert_eq!(dump(&laptop), before);
}

#[test]
fn a_large_file_sealed_to_the_county_that_is_not_a_batch_is_refused() {
    let mut s = Setup::new();
    let county = county_keys(&s);
    // 50 MB that decrypts (anyone holding the county's public key can make it) but is not a batch.
    let not_a_batch = encrypt(&county.public().recipient().unwrap(), &vec![b'x'; 50 << 20]);
    let before = dump(&s.county_path());
    let err = s.county.import_batch(&not_a_batch, false).unwrap_err();
    assert_eq!(err.code(), Code::SYNC_WRONG_FILE, "{err}");
    assert!(err.to_string().contains("同步批次"), "{err}");
    assert_eq!(dump(&s.county_path()), before);
}

#[test]
fn oversized_enrollment_files_and_receipts_are_refused_before_parsing() {
    let mut s = Setup::new();
    let huge = [b"{".as_slice(), &vec![b' '; (64 << 20) + 1]].concat();
    let err = s.county.county_read_request(&huge).unwrap_err();
    assert_eq!(err.code(), Code::SYNC_TOO_LARGE, "{err}");
    let laptop = s.dir.path().join("laptop.db");
    let before = dump(&laptop);
    let err = s.device.sync_apply(&huge).unwrap_err();
    assert_eq!(err.code(), Code::SYNC_TOO_LARGE, "{err}");
    let err = s.device.device_enroll(&huge[..(1 << 20) + 1]).unwrap_err();
    assert_eq!(err.code(), Code::SYNC_TOO_LARGE, "{err}");
    assert_eq!(dump(&laptop), before);
}
