//! Altered and cut-off batch files are refused and nothing is written. An attacker can
//! re-encrypt anything to the county's public key, so the tests tamper inside the encryption
//! too: the signature, manifest hashes and chain must catch what age cannot.

use std::path::Path;

use fieldbook::sync::container::{self, Entry};
use fieldbook::sync::keys::{encrypt, Keys};
use fieldbook::sync::sealed;
use serde_json::json;

use crate::sync::{dump, export, set, Setup};

/// A batch opened with the county's own identity (read from its database file).
pub struct Opened {
    keys: Keys,
    pub entries: Vec<Entry>,
}

impl Opened {
    pub fn new(county_db: &Path, batch: &[u8]) -> Opened {
        let conn = rusqlite::Connection::open(county_db).unwrap();
        let (signing, identity): (String, String) = conn
            .query_row(
                "SELECT signing_secret, age_identity FROM sync_key",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let keys = Keys::from_stored(&signing, &identity).unwrap();
        let plain = sealed::open(&keys.identity, batch, &sealed::BATCH).unwrap();
        Opened {
            entries: container::read(&plain).unwrap(),
            keys,
        }
    }

    pub fn seal(&self, entries: &[Entry]) -> Vec<u8> {
        self.seal_plain(&container::write(entries))
    }

    pub fn seal_plain(&self, plain: &[u8]) -> Vec<u8> {
        encrypt(&self.keys.public().recipient().unwrap(), plain)
    }

    fn flipped(&self, name_prefix: &str, at: usize) -> Vec<u8> {
        let mut entries = self.entries.clone();
        let entry = entries
            .iter_mut()
            .find(|e| e.name.starts_with(name_prefix))
            .unwrap();
        let i = at.min(entry.data.len() - 1);
        entry.data[i] ^= 0x01;
        self.seal(&entries)
    }
}

/// A batch with a household edit and an agreement scan (an attachment).
fn setup_with_attachment() -> (Setup, Vec<u8>) {
    use fieldbook::store::entities::{AGREEMENT, OPERATOR};
    use fieldbook::store::write::{self, Op};
    use rusqlite::types::Value as SqlValue;
    let mut s = Setup::new();
    set(&mut s.device, &s.h1, "phone", json!("13900000000"));
    let village = crate::sync::village("621221101201");
    let (op, ag) = (
        uuid::Uuid::now_v7().to_string(),
        uuid::Uuid::now_v7().to_string(),
    );
    s.device
        .write(|tx, w| {
            write::record(
                tx,
                w,
                &OPERATOR,
                &op,
                Op::Create,
                &[
                    ("kind", SqlValue::Text("demo_shop".into())),
                    ("name", SqlValue::Text("鸡峰电商服务站".into())),
                    ("village_id", SqlValue::Text(village.clone())),
                ],
            )?;
            write::record(
                tx,
                w,
                &AGREEMENT,
                &ag,
                Op::Create,
                &[
                    ("number", SqlValue::Text("JF-2019-001".into())),
                    ("year", SqlValue::Integer(2019)),
                    ("operator_id", SqlValue::Text(op.clone())),
                    ("term_start", SqlValue::Text("2019-01-01".into())),
                    ("term_end", SqlValue::Text("2019-12-31".into())),
                ],
            )?;
            Ok(())
        })
        .unwrap();
    s.device
        .attach_scan(&ag, "协议.pdf", b"%PDF-1.4\n% signed agreement scan\n")
        .unwrap();
    let batch = export(&mut s.device);
    (s, batch)
}

#[test]
fn the_attachment_travels_and_arrives() {
    let (mut s, batch) = setup_with_attachment();
    let report = s.county.import_batch(&batch, false).unwrap().report;
    assert_eq!(report.attachments, 1);
    assert_eq!(report.entities["agreement"].new, 1);
    assert!(report.refused.is_empty(), "{:?}", report.refused);
    let agreements = s.county.list_agreements(None, None).unwrap();
    let a = s.county.agreement(&agreements[0].id).unwrap();
    let scan = serde_json::to_value(&a).unwrap()["scanSha256"]
        .as_str()
        .unwrap()
        .to_string();
    let (_, _, bytes) = s.county.attachment(&scan).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
}

#[test]
fn one_flipped_byte_anywhere_is_refused_and_nothing_is_written() {
    let (mut s, batch) = setup_with_attachment();
    let county = s.county_path();
    let before = dump(&county);
    let opened = Opened::new(&county, &batch);
    let cases: Vec<(&str, Vec<u8>, &[&str])> = vec![
        (
            "manifest",
            opened.flipped("manifest.json", 40),
            &["SYNC_BAD_SIGNATURE"],
        ),
        (
            "signature",
            opened.flipped("manifest.sig", 40),
            &["SYNC_BAD_SIGNATURE"],
        ),
        (
            "payload",
            opened.flipped("changes.jsonl", 200),
            &["SYNC_PAYLOAD_HASH"],
        ),
        (
            "attachment",
            opened.flipped("attachments/", 3),
            &["SYNC_PAYLOAD_HASH"],
        ),
        (
            "ciphertext",
            {
                let mut b = batch.clone();
                let i = b.len() / 2;
                b[i] ^= 0x01;
                b
            },
            &["SYNC_CANNOT_DECRYPT"],
        ),
    ];
    for (what, file, codes) in cases {
        for dry in [true, false] {
            let err = s.county.import_batch(&file, dry).unwrap_err();
            assert!(
                codes.contains(&err.code().as_str()),
                "{what}: {} {err}",
                err.code()
            );
            assert_eq!(dump(&county), before, "{what}: nothing written");
        }
    }
    // A payload altered together with its manifest entry breaks the signature instead.
    // And the untouched file still imports.
    assert_eq!(
        s.county.import_batch(&batch, false).unwrap().report.outcome,
        "applied"
    );
}

#[test]
fn cut_off_files_are_refused_and_nothing_is_written() {
    let (mut s, batch) = setup_with_attachment();
    let county = s.county_path();
    let before = dump(&county);
    let opened = Opened::new(&county, &batch);
    let plain = container::write(&opened.entries);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("0 bytes", Vec::new()),
        ("inside the header", batch[..20].to_vec()),
        ("mid-payload", batch[..batch.len() / 2].to_vec()),
        ("last byte missing", batch[..batch.len() - 1].to_vec()),
        (
            "archive cut inside",
            opened.seal_plain(&plain[..plain.len() / 2]),
        ),
        (
            "archive last byte missing",
            opened.seal_plain(&plain[..plain.len() - 1]),
        ),
    ];
    for (what, file) in cases {
        let err = s.county.import_batch(&file, false).unwrap_err();
        assert!(
            ["SYNC_TRUNCATED", "SYNC_CANNOT_DECRYPT"].contains(&err.code().as_str()),
            "{what}: {} {err}",
            err.code()
        );
        assert_eq!(dump(&county), before, "{what}: nothing written");
    }
}

#[test]
fn a_reordered_or_edited_change_breaks_the_chain() {
    let (s, batch) = setup_with_attachment();
    let county = s.county_path();
    let opened = Opened::new(&county, &batch);
    // Re-signing is impossible without the device key, so any change to changes.jsonl that
    // keeps its manifest hash is impossible too; check the chain on its own via the container:
    let changes = opened
        .entries
        .iter()
        .find(|e| e.name == "changes.jsonl")
        .unwrap();
    let lines: Vec<&[u8]> = changes
        .data
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    assert!(lines.len() > 3);
    let first: serde_json::Value = serde_json::from_slice(lines[0]).unwrap();
    let second: serde_json::Value = serde_json::from_slice(lines[1]).unwrap();
    assert_eq!(first["hash"], second["prevHash"], "entries travel chained");
}
