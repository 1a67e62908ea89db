//! Real files for the byte-level tests (`hostile_bytes.rs`) and the fuzz seeds (`fuzz/seeds/`):
//! a county that is not the demo (托里县 654224) with one enrolled laptop, its batch, the county's
//! receipt and package, a spreadsheet export and CSV files. The same documents re-signed and
//! re-sealed with the fuzz targets' fixed keys (`fuzz/fixed.rs`) are the seeds, so a mutated seed
//! reaches past the encryption and the signature. `UPDATE_FUZZ_SEEDS=1` rewrites the seeds.

use std::path::{Path, PathBuf};

use fieldbook::domain::households::HouseholdInput;
use fieldbook::domain::places::VillageInput;
use fieldbook::sheets::{export_xlsx, ExportKind};
use fieldbook::store::write::{entry_hash, ChangeEntry, GENESIS_HASH};
use fieldbook::sync::container::{self, Entry};
use fieldbook::sync::keys::{encrypt, sha256_hex, Envelope, Keys};
use fieldbook::sync::sql::RegisteredDevice;
use fieldbook::sync::{Manifest, Package, Receipt, MANIFEST_KIND, PACKAGE_KIND, RECEIPT_KIND};
use fieldbook::Store;

use crate::records::id_number;

#[path = "../../fuzz/fixed.rs"]
pub mod fixed;

pub const TOWNSHIP: &str = "654224100";

/// A county hub (托里县) and a laptop of 托里镇 holding `households` households of its own.
pub struct Hub {
    pub dir: tempfile::TempDir,
    pub county: Store,
    pub laptop: Store,
    /// The laptop's pending batch, sealed to the county.
    pub batch: Vec<u8>,
}

impl Hub {
    pub fn new(households: u32) -> Hub {
        let dir = tempfile::tempdir().unwrap();
        let mut county = Store::open(&dir.path().join("county.db")).unwrap();
        county.set_officer("县办阿依古丽");
        county.create_county("654224", "托里县").unwrap();
        county.add_township(TOWNSHIP, "托里镇").unwrap();
        county
            .add_village(&VillageInput {
                township_code: TOWNSHIP.into(),
                code: "654224100201".into(),
                name: "萨孜村".into(),
                poor: true,
            })
            .unwrap();
        county.county_init().unwrap();
        let mut laptop = Store::open(&dir.path().join("laptop.db")).unwrap();
        laptop.set_officer("托里镇叶尔兰");
        let (request, _) = laptop.device_request().unwrap();
        let (answer, _) = county.county_enroll(&request, TOWNSHIP).unwrap();
        laptop.device_enroll(&answer).unwrap();
        let (package, _) = county.sync_package(laptop.device_id()).unwrap();
        laptop.sync_apply(&package).unwrap();
        let village = laptop.list_villages(Some(TOWNSHIP)).unwrap()[0].id.clone();
        let inputs: Vec<HouseholdInput> = (1..=households)
            .map(|n| HouseholdInput {
                head_name: format!("托里户{n}"),
                id_number: id_number(4000 + n),
                size: n % 6 + 1,
                village_id: village.clone(),
                village_group: format!("{n}组"),
                category: "general".into(),
                year_lifted: (n % 2 == 0).then_some(2020),
                phone: if n == 1 {
                    "13899912345".into()
                } else {
                    String::new()
                },
                notes: "（牧民定居点），\"夏牧场\"".into(),
            })
            .collect();
        laptop.add_households(&inputs).unwrap();
        let batch = laptop.export_batch().unwrap().0;
        Hub {
            dir,
            county,
            laptop,
            batch,
        }
    }

    pub fn county_path(&self) -> PathBuf {
        self.dir.path().join("county.db")
    }

    pub fn laptop_path(&self) -> PathBuf {
        self.dir.path().join("laptop.db")
    }
}

/// The private keys a database keeps in `sync_key`.
pub fn keys_of(db: &Path) -> Keys {
    let conn = rusqlite::Connection::open(db).unwrap();
    let (signing, identity): (String, String) = conn
        .query_row(
            "SELECT signing_secret, age_identity FROM sync_key",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    Keys::from_stored(&signing, &identity).unwrap()
}

pub fn fixed_county() -> Keys {
    Keys::from_stored(fixed::COUNTY_SIGNING, fixed::COUNTY_AGE).unwrap()
}

pub fn fixed_device() -> Keys {
    Keys::from_stored(fixed::DEVICE_SIGNING, fixed::DEVICE_AGE).unwrap()
}

/// What the fuzz targets' register answers for any device: the fixed laptop key, the fixed
/// township.
pub fn fixed_register(_: &str) -> fieldbook::Result<Option<RegisteredDevice>> {
    Ok(Some(RegisteredDevice {
        signing_key: fixed_device().public().signing_key,
        revoked: false,
        township_id: fixed::TOWNSHIP_ID.into(),
    }))
}

fn open_sealed(keys: &Keys, sealed: &[u8]) -> Vec<u8> {
    age::decrypt(&keys.identity, sealed).unwrap()
}

/// A batch's container entries rebuilt around `changes` (another changes file): the manifest's
/// payload length and hash follow it, `edit` changes the manifest, and `signer` signs it.
pub fn resign_batch(
    entries: &[Entry],
    changes: Option<&[u8]>,
    edit: impl FnOnce(&mut Manifest),
    signer: &Keys,
) -> Vec<u8> {
    let find = |name: &str| entries.iter().find(|e| e.name == name).unwrap();
    let mut manifest: Manifest = serde_json::from_slice(&find("manifest.json").data).unwrap();
    let changes = changes.unwrap_or(&find("changes.jsonl").data).to_vec();
    let payload = manifest
        .payloads
        .iter_mut()
        .find(|p| p.name == "changes.jsonl")
        .unwrap();
    payload.bytes = changes.len() as u64;
    payload.sha256 = sha256_hex(&changes);
    edit(&mut manifest);
    let manifest_bytes = serde_json::to_vec_pretty(&manifest).unwrap();
    let signature = format!(
        "{}\n{}\n",
        manifest.device_id,
        signer.sign_raw(MANIFEST_KIND, &manifest_bytes)
    );
    let mut out = vec![
        Entry {
            name: "manifest.sig".into(),
            data: signature.into_bytes(),
        },
        Entry {
            name: "manifest.json".into(),
            data: manifest_bytes,
        },
    ];
    for entry in entries {
        if entry.name == "changes.jsonl" {
            out.push(Entry {
                name: entry.name.clone(),
                data: changes.clone(),
            });
        } else if !entry.name.starts_with("manifest.") {
            out.push(entry.clone());
        }
    }
    container::write(&out)
}

/// A changes file (from seq 1) whose entries by the county (`from`: the records its package
/// brought) are by `to` instead, hashed and chained again; and its new head hash.
fn rechain(changes: &[u8], from: &str, to: &str) -> (Vec<u8>, String) {
    let mut out = Vec::new();
    let mut prev = GENESIS_HASH.to_string();
    for line in changes.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
        let mut entry: ChangeEntry = serde_json::from_slice(line).unwrap();
        if entry.device_id == from {
            entry.device_id = to.into();
        }
        entry.prev_hash = prev.clone();
        entry.hash = String::new();
        entry.hash = entry_hash(&entry);
        prev = entry.hash.clone();
        serde_json::to_writer(&mut out, &entry).unwrap();
        out.push(b'\n');
    }
    (out, prev)
}

/// A package body (JSON) signed by `county` and sealed to `device`.
pub fn seal_package(body: &[u8], county: &Keys, device: &Keys) -> Vec<u8> {
    let envelope = county.seal(PACKAGE_KIND, body).to_bytes();
    encrypt(&device.identity.to_public(), &envelope)
}

/// The files every fuzz target starts from, by target and name.
pub struct Seeds(pub Vec<(&'static str, &'static str, Vec<u8>)>);

impl Seeds {
    /// Builds the real files and turns them into seeds for the fixed keys.
    pub fn build() -> Seeds {
        let mut hub = Hub::new(3);
        let county_keys = keys_of(&hub.county_path());
        let laptop_keys = keys_of(&hub.laptop_path());
        let plain = open_sealed(&county_keys, &hub.batch);
        let entries = container::read(&plain).unwrap();
        let changes = &entries
            .iter()
            .find(|e| e.name == "changes.jsonl")
            .unwrap()
            .data;
        let (changes, head) = rechain(changes, hub.county.device_id(), fixed::COUNTY_ID);
        let fixed_plain = resign_batch(
            &entries,
            Some(&changes),
            |m| {
                m.township_id = fixed::TOWNSHIP_ID.into();
                m.head_hash = head;
            },
            &fixed_device(),
        );
        let fixed_sealed = encrypt(&fixed_county().identity.to_public(), &fixed_plain);

        let imported = hub.county.import_batch(&hub.batch, false).unwrap();
        let receipt_bytes = imported.receipt.unwrap();
        let (package, _) = hub.county.sync_package(hub.laptop.device_id()).unwrap();
        let body = Envelope::parse(&open_sealed(&laptop_keys, &package))
            .unwrap()
            .open(PACKAGE_KIND, None)
            .unwrap();
        let mut package: Package = serde_json::from_slice(&body).unwrap();
        package.county_id = fixed::COUNTY_ID.into();
        package.device_id = fixed::DEVICE_ID.into();
        let fixed_receipt = |envelope: &Envelope| {
            let mut receipt: Receipt =
                serde_json::from_slice(&envelope.open(RECEIPT_KIND, None).unwrap()).unwrap();
            receipt.device_id = fixed::DEVICE_ID.into();
            fixed_county().seal(RECEIPT_KIND, &serde_json::to_vec(&receipt).unwrap())
        };
        package.receipts = package.receipts.iter().map(fixed_receipt).collect();
        let bare_receipt = fixed_receipt(&Envelope::parse(&receipt_bytes).unwrap()).to_bytes();
        let package = seal_package(
            &serde_json::to_vec(&package).unwrap(),
            &fixed_county(),
            &fixed_device(),
        );

        let (xlsx, _) = export_xlsx(&hub.county, ExportKind::Households, None, None).unwrap();
        let csv = csv_file();
        let (gbk, _, _) = encoding_rs::GB18030.encode(std::str::from_utf8(&csv).unwrap());
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                std::str::from_utf8(&csv)
                    .unwrap()
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        let mut wrap_seed = 120u16.to_le_bytes().to_vec();
        wrap_seed.extend_from_slice(
            "托里县萨孜村（牧民定居点）收购羊肉 1200 斤，单价 65.000 元。“合作社”负责人：叶尔兰，电话 138****1234。"
                .as_bytes(),
        );
        Seeds(vec![
            ("batch_sealed", "toli-batch", fixed_sealed),
            ("batch_plain", "toli-batch", fixed_plain.clone()),
            ("container", "toli-batch", fixed_plain),
            ("package", "toli-package", package),
            ("package", "toli-receipt", bare_receipt),
            ("xlsx", "toli-households", xlsx),
            ("csv", "households-utf8", csv.clone()),
            ("csv", "households-gb18030", gbk.into_owned()),
            ("csv", "households-utf16", utf16),
            ("resident_id", "valid", id_number(4001).into_bytes()),
            (
                "resident_id",
                "with-x",
                "11010519491231002X".as_bytes().to_vec(),
            ),
            (
                "resident_id",
                "full-width",
                "６５４２２４１９８００１０１００１Ｘ".as_bytes().to_vec(),
            ),
            ("credit_code", "valid", b"91350100M000100Y43".to_vec()),
            (
                "credit_code",
                "spaced",
                "9135 0100 m000 100y 43".as_bytes().to_vec(),
            ),
            ("wrap", "mixed", wrap_seed),
        ])
    }

    pub fn of(&self, target: &str) -> impl Iterator<Item = &[u8]> {
        let target = target.to_string();
        self.0
            .iter()
            .filter(move |(t, _, _)| *t == target)
            .map(|(_, _, bytes)| bytes.as_slice())
    }
}

/// A household import as a county clerk saves it from Excel (UTF-8, CRLF, a quoted cell).
pub fn csv_file() -> Vec<u8> {
    format!(
        "户主姓名,身份证号码,家庭人口,所在村,村民小组,户类别,脱贫年度,联系电话,备注\r\n\
         托里户9,{},4,萨孜村,1组,一般户,2020,13899912345,\"牧民, 定居点\"\r\n\
         托里户10,{},2,萨孜村,2组,低保户,,,\r\n",
        id_number(4009),
        id_number(4010)
    )
    .into_bytes()
}

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds")
}

/// The committed seeds still reach past the keys (a seed sealed or signed with other keys would
/// leave the fuzzer at the door); `UPDATE_FUZZ_SEEDS=1` rewrites them from fresh real files.
#[test]
fn the_fuzz_seeds_are_real_files_under_the_fixed_keys() {
    if std::env::var_os("UPDATE_FUZZ_SEEDS").is_some() {
        for (target, name, bytes) in &Seeds::build().0 {
            let dir = seeds_dir().join(target);
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join(name), bytes).unwrap();
        }
    }
    let seed = |target: &str, name: &str| {
        std::fs::read(seeds_dir().join(target).join(name))
            .unwrap_or_else(|e| panic!("fuzz/seeds/{target}/{name}: {e}"))
    };
    let (manifest, changes) = fieldbook::sync::sql::read_sealed_batch(
        &fixed_county().identity,
        &seed("batch_sealed", "toli-batch"),
        fixed_register,
        fixed::COUNTY_ID,
    )
    .unwrap();
    assert_eq!(manifest.township_id, fixed::TOWNSHIP_ID);
    assert!(changes.len() >= 3, "{} changes", changes.len());
    let contents = fieldbook::sync::sql::read_package(
        &fixed_device().identity,
        &seed("package", "toli-package"),
        &fixed_county().public().signing_key,
        fixed::COUNTY_ID,
        fixed::DEVICE_ID,
    )
    .unwrap();
    let package = contents.package.unwrap();
    assert!(package
        .records
        .iter()
        .any(|(e, rows)| e == "household" && rows.len() >= 3));
    assert_eq!(contents.receipts.len(), 1);
    let grid = fieldbook::sheets::read::read(&seed("xlsx", "toli-households"), "x.xlsx").unwrap();
    assert!(grid.rows.len() >= 4, "{} rows", grid.rows.len());
    for name in ["households-utf8", "households-gb18030", "households-utf16"] {
        let grid = fieldbook::sheets::read::read(&seed("csv", name), "x.csv").unwrap();
        assert_eq!(grid.rows.len(), 3, "{name}");
        assert_eq!(grid.rows.row(1).text(0), "托里户9", "{name}");
    }
}
