//! Every reader a hostile file reaches, given arbitrary bytes, truncations and single-byte
//! mutations of real files (`hostile_files.rs`): each answers `Ok` or a coded refusal, never a
//! panic; the county's import and the laptop's package apply write nothing when they refuse.
//! The same readers are fuzzed for minutes by `make fuzz` (`fuzz/`, docs/testing.md "Fuzzing");
//! these few cases keep them honest in every `cargo test`.

use std::sync::OnceLock;

use chrono::NaiveDate;
use fieldbook::domain::credit_code;
use fieldbook::domain::resident_id::ResidentId;
use fieldbook::print::layout::{wrap, Face, FixedMeasure, Measure, NO_START};
use fieldbook::sheets::read::{decode, read};
use fieldbook::sync::container::{self, Entry};
use fieldbook::sync::keys::encrypt;
use fieldbook::sync::sql::{read_batch, read_package, read_sealed_batch};
use fieldbook::sync::{Package, PACKAGE_KIND};
use proptest::prelude::*;
use proptest::test_runner::Config;

use crate::hostile_files::{
    fixed, fixed_county, fixed_device, fixed_register, keys_of, resign_batch, seal_package, Hub,
    Seeds,
};

/// `HOSTILE_BYTES_CASES` (for a long local hunt), else `default`: few, so `cargo test` stays quick.
fn cases_from_env(default: u32) -> u32 {
    std::env::var("HOSTILE_BYTES_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn seeds() -> &'static Seeds {
    static SEEDS: OnceLock<Seeds> = OnceLock::new();
    SEEDS.get_or_init(Seeds::build)
}

/// A refusal names its code and says something to the clerk.
fn coded(e: &fieldbook::Error) {
    assert!(!e.code().as_str().is_empty(), "{e:?}");
    assert!(!e.to_string().is_empty(), "{e:?}");
}

/// Arbitrary bytes, a real file cut short, or a real file with one byte changed.
#[derive(Debug, Clone)]
enum Hostile {
    Random(Vec<u8>),
    Cut(usize, usize),
    Flip(usize, usize, u8),
}

fn hostile(files: usize) -> impl Strategy<Value = Hostile> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..600).prop_map(Hostile::Random),
        (0..files, any::<usize>()).prop_map(|(f, at)| Hostile::Cut(f, at)),
        (0..files, any::<usize>(), 1..=255u8).prop_map(|(f, at, x)| Hostile::Flip(f, at, x)),
    ]
}

impl Hostile {
    fn apply(&self, files: &[&[u8]]) -> Vec<u8> {
        match self {
            Hostile::Random(bytes) => bytes.clone(),
            Hostile::Cut(f, at) => {
                let file = files[*f % files.len()];
                file[..at % file.len().max(1)].to_vec()
            }
            Hostile::Flip(f, at, x) => {
                let mut file = files[*f % files.len()].to_vec();
                if !file.is_empty() {
                    let at = at % file.len();
                    file[at] ^= x;
                }
                file
            }
        }
    }
}

fn of(target: &str) -> Vec<&'static [u8]> {
    seeds().of(target).collect()
}

proptest! {
    #![proptest_config(Config { cases: cases_from_env(96), ..Config::default() })]

    #[test]
    fn the_batch_readers_answer_ok_or_a_coded_refusal(case in hostile(1), plain in hostile(1)) {
        let sealed = case.apply(&of("batch_sealed"));
        if let Err(e) = read_sealed_batch(&fixed_county().identity, &sealed, fixed_register, fixed::COUNTY_ID) {
            coded(&e);
        }
        let plain = plain.apply(&of("batch_plain"));
        match read_batch(&plain, fixed_register, fixed::COUNTY_ID) {
            Ok((manifest, changes)) => {
                prop_assert_eq!(changes.len() as i64, manifest.seq_to - manifest.seq_from + 1)
            }
            Err(e) => coded(&e),
        }
        match container::read(&plain) {
            Ok(entries) => prop_assert_eq!(container::write(&entries), plain),
            Err(e) => coded(&e),
        }
    }

    #[test]
    fn the_package_reader_answers_ok_or_a_coded_refusal(case in hostile(2)) {
        let bytes = case.apply(&of("package"));
        let pinned = fixed_county().public().signing_key;
        let read = read_package(
            &fixed_device().identity, &bytes, &pinned, fixed::COUNTY_ID, fixed::DEVICE_ID,
        );
        match read {
            Ok(contents) => prop_assert!(contents
                .receipts
                .iter()
                .all(|r| r.device_id == fixed::DEVICE_ID)),
            Err(e) => coded(&e),
        }
    }

    #[test]
    fn the_spreadsheet_readers_answer_a_grid_or_a_refusal(case in hostile(4)) {
        let files = [of("xlsx"), of("csv")].concat();
        let bytes = case.apply(&files);
        for name in ["f.xlsx", "f.csv"] {
            if let Err(invalid) = read(&bytes, name) {
                prop_assert!(!invalid.message.is_empty());
            }
        }
        if let (Ok((text, _)), Ok(plain)) = (decode(&bytes), std::str::from_utf8(&bytes)) {
            if !plain.starts_with('\u{feff}') {
                prop_assert_eq!(text, plain);
            }
        }
    }

    #[test]
    fn the_validators_and_the_wrapper_take_any_text(
        text in any::<String>(),
        cjk in "[中文a-z0-9 ，。、（）“”《》]{0,80}",
        width in 0u16..2000,
    ) {
        let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        if let Ok(parsed) = ResidentId::parse(&text, "idNumber", today) {
            let again = ResidentId::parse(parsed.id.as_str(), "idNumber", today).unwrap();
            prop_assert_eq!(again.id.as_str(), parsed.id.as_str());
        }
        if let Ok((code, _)) = credit_code::check(&text, "creditCode") {
            prop_assert_eq!(credit_code::check(&code, "creditCode").unwrap().0, code);
        }
        let max = f32::from(width) / 4.0;
        // Arbitrary text, and text of the kind a form prints (where the line-break rules bite).
        for text in [&text, &cjk] {
            let lines = wrap(&FixedMeasure, Face::Sans, 10.0, text, max);
            let significant = |s: &str| -> String {
                s.chars().filter(|c| !matches!(c, ' ' | '\u{3000}' | '\n' | '\r')).collect()
            };
            prop_assert_eq!(significant(&lines.concat()), significant(text));
            for line in &lines {
                // Wider than the width only as one character, or with closing punctuation
                // hanging past the margin (and then at most twice the width).
                let w = FixedMeasure.width(Face::Sans, 10.0, line);
                if w > max + 0.01 && line.chars().count() > 1 {
                    let hangs = line.chars().any(|c| NO_START.contains(c));
                    prop_assert!(hangs && w <= 2.0 * max + 0.02, "{:?} at {}", line, max);
                }
        }
        }
    }
}

/// `n` values of `strategy` (cases that need a `&mut` store, which `proptest!` cannot lend; a
/// failure names its case).
fn cases<S: Strategy>(strategy: &S, n: usize) -> Vec<S::Value> {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::default();
    (0..n)
        .map(|_| strategy.new_tree(&mut runner).unwrap().current())
        .collect()
}

/// Rows of the tables an import or a package apply writes: "nothing written" keeps these.
fn written(db: &std::path::Path) -> String {
    crate::sync::dump(db)
}

/// The county's import given hostile bytes: the real batch cut or changed, its container changed
/// and sealed again to the county, or its changes changed and signed again by the laptop (so the
/// refusal comes from inside the import's transaction). A refusal leaves the county as it was.
#[test]
fn the_county_import_writes_nothing_when_it_refuses() {
    let mut hub = Hub::new(4);
    let county_keys = keys_of(&hub.county_path());
    let laptop_keys = keys_of(&hub.laptop_path());
    let plain = age::decrypt(&county_keys.identity, &hub.batch).unwrap();
    let entries: Vec<Entry> = container::read(&plain).unwrap();
    let changes = entries
        .iter()
        .find(|e| e.name == "changes.jsonl")
        .unwrap()
        .data
        .clone();
    let recipient = county_keys.public().recipient().unwrap();
    let mut before = written(&hub.county_path());
    let mut refused = 0;
    for (layer, case) in cases(&(0..3usize, hostile(1)), 40) {
        let file = match layer {
            0 => case.apply(&[&hub.batch]),
            1 => encrypt(&recipient, &case.apply(&[&plain])),
            _ => {
                let changed = case.apply(&[&changes]);
                let container = resign_batch(&entries, Some(&changed), |_| {}, &laptop_keys);
                encrypt(&recipient, &container)
            }
        };
        match hub.county.import_batch(&file, false) {
            Ok(_) => before = written(&hub.county_path()),
            Err(e) => {
                coded(&e);
                refused += 1;
                let after = written(&hub.county_path());
                assert!(
                    after == before,
                    "layer {layer} {case:?} wrote while refused: {e:?}"
                );
            }
        }
    }
    assert!(refused > 20, "only {refused} of 40 hostile batches refused");
    // The real batch still imports after all that.
    let report = hub.county.import_batch(&hub.batch, false).unwrap().report;
    assert!(["applied", "duplicate"].contains(&report.outcome.as_str()));
}

/// The laptop's package apply given hostile bytes: the real package cut or changed, or its body
/// changed and signed again by the county (so it reaches the rows). A refusal leaves the laptop
/// as it was.
#[test]
fn the_laptop_writes_nothing_when_it_refuses_a_package() {
    let mut hub = Hub::new(2);
    hub.county.import_batch(&hub.batch, false).unwrap();
    let county_keys = keys_of(&hub.county_path());
    let laptop_keys = keys_of(&hub.laptop_path());
    let (package, _) = hub.county.sync_package(hub.laptop.device_id()).unwrap();
    let body = fieldbook::sync::keys::Envelope::parse(
        &age::decrypt(&laptop_keys.identity, &package).unwrap(),
    )
    .unwrap()
    .open(PACKAGE_KIND, None)
    .unwrap();
    let _: Package = serde_json::from_slice(&body).unwrap();
    let mut before = written(&hub.laptop_path());
    for (resign, case) in cases(&(any::<bool>(), hostile(1)), 40) {
        let file = if resign {
            seal_package(&case.apply(&[&body]), &county_keys, &laptop_keys)
        } else {
            case.apply(&[&package])
        };
        match hub.laptop.sync_apply(&file) {
            Ok(_) => before = written(&hub.laptop_path()),
            Err(e) => {
                coded(&e);
                let after = written(&hub.laptop_path());
                assert!(
                    after == before,
                    "re-signed {resign} {case:?} wrote while refused: {e:?}"
                );
            }
        }
    }
}
