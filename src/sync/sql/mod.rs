//! Sync on the store side: keys and enrollment (this file), batch export (`export.rs`), county
//! import (`import.rs`, merging in `merge.rs`), receipts and reference packages (`package.rs`),
//! conflicts (`conflicts.rs`). Keys and sync bookkeeping live outside the change log.

mod conflicts;
mod county_settings;
mod dashboard;
mod devices;
pub use conflicts::Resolution;
pub use import::ImportResult;
pub use import::{read_batch, read_sealed_batch, RegisteredDevice};
pub use package::PackageSummary;
pub use package::{read_package, Contents as PackageContents};
mod export;
pub(crate) mod field_clocks;
mod import;
mod kinds;
mod locks;
mod merge;
mod package;
mod refused;
mod refused_creates;
mod start;
mod stream;
pub mod township;

use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension};

use crate::domain::places::County;
use crate::error::Result;
use crate::store::Query;
use crate::store::Store;
use crate::sync::model::*;
use crate::sync::refuse;
use crate::sync::wire::keys::{check_size, Envelope, Keys, PublicKeys, MAX_ENROLLMENT_BYTES};
use crate::Code;

pub(crate) fn now_text() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

pub(super) fn meta(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.value("SELECT value FROM sync_meta WHERE key = ?1", [key])?)
}

pub(super) fn set_meta(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO sync_meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![key, value])?;
    Ok(())
}

fn meta_i64(conn: &Connection, key: &str) -> Result<i64> {
    Ok(meta(conn, key)?.and_then(|v| v.parse().ok()).unwrap_or(0))
}

/// This database's keys, made on first use.
fn own_keys(conn: &Connection) -> Result<Keys> {
    let stored: Option<(String, String)> = conn.row(
        "SELECT signing_secret, age_identity FROM sync_key WHERE id = 1",
        [],
    )?;
    match stored {
        Some((signing, identity)) => Keys::from_stored(&signing, &identity),
        None => {
            let keys = Keys::generate();
            let (signing, identity) = keys.to_stored();
            conn.execute(
                "INSERT INTO sync_key (id, signing_secret, age_identity, created_at)
                 VALUES (1, ?1, ?2, ?3)",
                params![signing, identity, now_text()],
            )?;
            Ok(keys)
        }
    }
}

fn mode(conn: &Connection) -> Result<String> {
    Ok(meta(conn, "mode")?.unwrap_or_else(|| "none".into()))
}

fn require_county(conn: &Connection) -> Result<Keys> {
    if mode(conn)? != "county" {
        return Err(refuse(
            Code::SYNC_NOT_COUNTY,
            "本数据库不是县中心。请先运行 fieldbook county init（县电商中心的电脑上只做一次）。",
        ));
    }
    own_keys(conn)
}

/// The pinned county on an enrolled device.
struct CountyPin {
    county_id: String,
    keys: PublicKeys,
    township_id: String,
}

fn require_device(conn: &Connection) -> Result<(Keys, CountyPin)> {
    if mode(conn)? != "device" {
        return Err(refuse(
            Code::SYNC_NOT_ENROLLED,
            "本机尚未在县中心登记。请先生成登记申请（fieldbook device request），由县里登记后导入答复。",
        ));
    }
    let get = |k: &str| -> Result<String> { Ok(meta(conn, k)?.unwrap_or_default()) };
    let pin = CountyPin {
        county_id: get("county_id")?,
        keys: PublicKeys {
            signing_key: get("county_signing_key")?,
            age_recipient: get("county_age_recipient")?,
        },
        township_id: get("township_id")?,
    };
    Ok((own_keys(conn)?, pin))
}

/// A laptop's enrollment request, its self-signature checked.
fn open_request(request: &[u8]) -> Result<EnrollmentRequest> {
    check_size(request, "登记申请", MAX_ENROLLMENT_BYTES)?;
    let envelope = Envelope::parse(request)?;
    let body = envelope.open(REQUEST_KIND, None)?;
    let request: EnrollmentRequest = serde_json::from_slice(&body)
        .map_err(|_| refuse(Code::SYNC_WRONG_FILE, "登记申请内容不完整。"))?;
    if request.keys.signing_key != envelope.signer {
        return Err(refuse(
            Code::SYNC_BAD_SIGNATURE,
            "登记申请的签名与其中的公钥不符，已拒绝。",
        ));
    }
    Ok(request)
}

/// What one side of an enrollment says it holds; `None` where an older version said nothing.
struct Holding {
    county_code: Option<String>,
    county_name: Option<String>,
    demo: Option<bool>,
}

const START_CLEAN: &str = "请在这台电脑上为本县新建一个数据库（桌面端选“开始使用本县”，命令行用 --db 指定一个新文件），用新数据库重新生成登记申请；原数据库不会被改动。";

/// County side: a laptop holding the demo or another county's places never enrolls with a
/// real county. Its demo changes would all be refused, and the county's package would graft
/// this county's townships onto the other county on the laptop.
fn refuse_other_county(county: &County, hub_demo: bool, laptop: &Holding) -> Result<()> {
    if laptop.demo == Some(true) && !hub_demo {
        return Err(refuse(
            Code::SYNC_DEMO_DEVICE,
            format!("这台电脑的数据库装的是示范县的演示数据，不能登记到{}（{}）：演示数据同步上来会被县里全部拒收。{START_CLEAN}", county.name, county.code),
        ));
    }
    match &laptop.county_code {
        Some(code) if *code != county.code => Err(refuse(
            Code::SYNC_OTHER_COUNTY,
            format!(
                "这台电脑的数据库属于另一个县（代码 {code}），不能登记到{}（{}）。{START_CLEAN}",
                county.name, county.code
            ),
        )),
        _ => Ok(()),
    }
}

/// Laptop side of the same check, against the county's answer (an older county's answer
/// carries only its name).
fn refuse_other_county_here(own: &County, own_demo: bool, hub: &Holding) -> Result<()> {
    let hub_name = hub.county_name.clone().unwrap_or_default();
    let same_county = match &hub.county_code {
        Some(code) => *code == own.code,
        None => hub_name == own.name,
    };
    if own_demo && (hub.demo == Some(false) || !same_county) {
        return Err(refuse(
            Code::SYNC_DEMO_DEVICE,
            format!("本机数据库装的是示范县的演示数据，不能登记到{hub_name}：演示数据同步上去会被县里全部拒收。{START_CLEAN}"),
        ));
    }
    if !same_county {
        return Err(refuse(
            Code::SYNC_OTHER_COUNTY,
            format!("这份登记答复来自{hub_name}，而本机数据库属于{}（{}），两个县不能混在一个数据库里，未做任何改动。{START_CLEAN}", own.name, own.code),
        ));
    }
    Ok(())
}

impl Store {
    /// Makes this database the county hub (once): new signing and encryption keys, mode
    /// `county`. Cannot be undone. Answers the county's fingerprint (read out to townships).
    pub fn county_init(&mut self) -> Result<EnrollmentSummary> {
        let county = self.county()?.ok_or_else(|| {
            refuse(
                Code::SYNC_NO_COUNTY,
                "数据库里还没有县的地名（县、乡镇、村），请先导入后再设为县中心。",
            )
        })?;
        let tx = self.conn.transaction()?;
        match mode(&tx)?.as_str() {
            "none" => {}
            "county" => {
                return Err(refuse(
                    Code::SYNC_ALREADY_COUNTY,
                    "本数据库已经是县中心，无需再次设置。",
                ))
            }
            _ => return Err(refuse(
                Code::SYNC_ALREADY_DEVICE,
                "本数据库已作为乡镇设备在县中心登记，不能再设为县中心。请在县电商中心的电脑上用另一个数据库初始化（启动时用 --db 指定）。",
            )),
        }
        // Keys made for an enrollment request (the wrong button, pressed first) may have been
        // handed out as a device's: the county's keys are always new.
        tx.execute("DELETE FROM sync_key", [])?;
        let keys = own_keys(&tx)?;
        set_meta(&tx, "mode", "county")?;
        set_meta(&tx, "county_self", &self.writer.device_id)?;
        set_meta(&tx, "county_record_id", &county.id)?;
        tx.commit()?;
        field_clocks::install(self);
        Ok(EnrollmentSummary {
            device_id: self.writer.device_id.clone(),
            device_fingerprint: keys.public().fingerprint(),
            county_fingerprint: Some(keys.public().fingerprint()),
            township_code: None,
            township_name: None,
            file: None,
        })
    }

    /// The enrollment request a laptop hands to the county (a file), and its fingerprint.
    pub fn device_request(&mut self) -> Result<(Vec<u8>, EnrollmentSummary)> {
        if mode(&self.conn)? == "county" {
            return Err(refuse(
                Code::SYNC_ALREADY_COUNTY,
                "本数据库是县中心，不需要登记。",
            ));
        }
        let keys = own_keys(&self.conn)?;
        let request = EnrollmentRequest {
            device_id: self.writer.device_id.clone(),
            officer: self.writer.officer.clone(),
            keys: keys.public(),
            created_at: now_text(),
            county_code: self.county()?.map(|c| c.code),
            demo: Some(self.is_demo()?),
        };
        let body = serde_json::to_vec(&request).expect("requests serialise");
        let envelope = keys.seal(REQUEST_KIND, &body);
        Ok((
            envelope.to_bytes(),
            EnrollmentSummary {
                device_id: request.device_id,
                device_fingerprint: request.keys.fingerprint(),
                county_fingerprint: None,
                township_code: None,
                township_name: None,
                file: None,
            },
        ))
    }

    /// County: registers the requesting device for one township and answers a signed file.
    /// Enrolling the same device again (same keys) re-issues the answer.
    pub fn county_enroll(
        &mut self,
        request: &[u8],
        township: &str,
    ) -> Result<(Vec<u8>, EnrollmentSummary)> {
        let keys = require_county(&self.conn)?;
        let request = open_request(request)?;
        let town = self.find_township(township)?;
        let county = self
            .county()?
            .ok_or_else(|| refuse(Code::SYNC_NO_COUNTY, "县中心数据库里没有县。"))?;
        let hub_demo = self.is_demo()?;
        let laptop = Holding {
            county_code: request.county_code.clone(),
            county_name: None,
            demo: request.demo,
        };
        refuse_other_county(&county, hub_demo, &laptop)?;
        let tx = self.conn.transaction()?;
        let existing: Option<(String, String)> = tx.row(
            "SELECT signing_key, status FROM sync_device WHERE device_id = ?1",
            [&request.device_id],
        )?;
        match existing {
            Some((key, _)) if key != request.keys.signing_key => {
                return Err(refuse(
                    Code::SYNC_DEVICE_KEY_CHANGED,
                    "这台设备已用另一把密钥登记过。如设备重装，请先注销旧登记（fieldbook county revoke）。",
                ))
            }
            Some((_, status)) if status == "revoked" => {
                return Err(refuse(
                    Code::SYNC_DEVICE_REVOKED,
                    "这台设备的登记已被注销，不能再次登记同一把密钥。",
                ))
            }
            Some(_) => {
                tx.execute(
                    "UPDATE sync_device SET township_id = ?2, officer = ?3 WHERE device_id = ?1",
                    params![request.device_id, town.id, request.officer],
                )?;
            }
            None => {
                tx.execute(
                    "INSERT INTO sync_device (device_id, township_id, officer, signing_key,
                         age_recipient, status, enrolled_at, last_seq, last_hash)
                     VALUES (?1, ?2, ?3, ?4, ?5, 'active', ?6, 0, ?7)",
                    params![
                        request.device_id,
                        town.id,
                        request.officer,
                        request.keys.signing_key,
                        request.keys.age_recipient,
                        now_text(),
                        crate::store::write::GENESIS_HASH
                    ],
                )?;
            }
        }
        let answer = EnrollmentAnswer {
            county_id: self.writer.device_id.clone(),
            county_name: county.name,
            county_keys: keys.public(),
            device_id: request.device_id.clone(),
            device_fingerprint: request.keys.fingerprint(),
            township_id: town.id.clone(),
            township_code: town.code.clone(),
            township_name: town.name.clone(),
            enrolled_at: now_text(),
            county_code: Some(county.code.clone()),
            demo: Some(hub_demo),
        };
        tx.commit()?;
        let body = serde_json::to_vec(&answer).expect("answers serialise");
        Ok((
            keys.seal(ANSWER_KIND, &body).to_bytes(),
            EnrollmentSummary {
                device_id: answer.device_id,
                device_fingerprint: answer.device_fingerprint,
                county_fingerprint: Some(keys.public().fingerprint()),
                township_code: Some(town.code),
                township_name: Some(town.name),
                file: None,
            },
        ))
    }

    /// Device: applies the county's signed enrollment answer and pins the county's keys.
    pub fn device_enroll(&mut self, answer: &[u8]) -> Result<EnrollmentSummary> {
        if mode(&self.conn)? == "county" {
            return Err(refuse(Code::SYNC_ALREADY_COUNTY, "本数据库是县中心。"));
        }
        check_size(answer, "登记答复", MAX_ENROLLMENT_BYTES)?;
        let envelope = Envelope::parse(answer)?;
        let pinned = meta(&self.conn, "county_signing_key")?;
        let body = envelope.open(ANSWER_KIND, pinned.as_deref())?;
        let answer: EnrollmentAnswer = serde_json::from_slice(&body)
            .map_err(|_| refuse(Code::SYNC_WRONG_FILE, "登记答复内容不完整。"))?;
        if answer.county_keys.signing_key != envelope.signer {
            return Err(refuse(
                Code::SYNC_BAD_SIGNATURE,
                "登记答复的签名与县中心公钥不符。",
            ));
        }
        // The county checks this too, but it may run a version that does not: refuse here
        // before the county's keys are pinned and its package mixes two counties.
        if let Some(own) = self.county()? {
            let hub = Holding {
                county_code: answer.county_code.clone(),
                county_name: Some(answer.county_name.clone()),
                demo: answer.demo,
            };
            refuse_other_county_here(&own, self.is_demo()?, &hub)?;
        }
        let keys = own_keys(&self.conn)?;
        if answer.device_id != self.writer.device_id
            || answer.device_fingerprint != keys.public().fingerprint()
        {
            return Err(refuse(
                Code::SYNC_WRONG_DEVICE,
                "这份登记答复是给另一台设备的，请核对文件。",
            ));
        }
        let tx = self.conn.transaction()?;
        for (k, v) in [
            ("mode", "device"),
            ("county_id", answer.county_id.as_str()),
            ("county_name", answer.county_name.as_str()),
            (
                "county_signing_key",
                answer.county_keys.signing_key.as_str(),
            ),
            (
                "county_age_recipient",
                answer.county_keys.age_recipient.as_str(),
            ),
            ("township_id", answer.township_id.as_str()),
            ("township_code", answer.township_code.as_str()),
            ("township_name", answer.township_name.as_str()),
            ("enrolled_at", answer.enrolled_at.as_str()),
        ] {
            set_meta(&tx, k, v)?;
        }
        tx.commit()?;
        township::install(self);
        Ok(EnrollmentSummary {
            device_id: answer.device_id,
            device_fingerprint: answer.device_fingerprint,
            county_fingerprint: Some(answer.county_keys.fingerprint()),
            township_code: Some(answer.township_code),
            township_name: Some(answer.township_name),
            file: None,
        })
    }

    /// Where this database stands: mode, pending changes by kind, last export and receipt.
    pub fn sync_status(&self) -> Result<SyncStatus> {
        let conn = &self.conn;
        let mode = mode(conn)?;
        let acked = meta_i64(conn, "acked_seq")?;
        let head: i64 =
            conn.query_row("SELECT coalesce(max(seq), 0) FROM change_log", [], |r| {
                r.get(0)
            })?;
        let mut pending = BTreeMap::new();
        if mode != "county" {
            let mut stmt = conn.prepare(
                "SELECT entity, count(*) FROM change_log WHERE seq > ?1 AND device_id = ?2
                 GROUP BY entity",
            )?;
            for row in stmt.query_map(params![acked, self.writer.device_id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
            })? {
                let (entity, n) = row?;
                pending.insert(entity, n as u64);
            }
        }
        let fingerprint = match conn
            .query_row("SELECT 1 FROM sync_key WHERE id = 1", [], |_| Ok(()))
            .optional()?
        {
            Some(()) => Some(own_keys(conn)?.public().fingerprint()),
            None => None,
        };
        let county_fingerprint = match mode.as_str() {
            "device" => Some(
                PublicKeys {
                    signing_key: meta(conn, "county_signing_key")?.unwrap_or_default(),
                    age_recipient: meta(conn, "county_age_recipient")?.unwrap_or_default(),
                }
                .fingerprint(),
            ),
            "county" => fingerprint.clone(),
            _ => None,
        };
        let open_conflicts: i64 = conn.query_row(
            "SELECT count(*) FROM sync_conflict WHERE status = 'open'",
            [],
            |r| r.get(0),
        )?;
        Ok(SyncStatus {
            mode,
            device_id: self.writer.device_id.clone(),
            fingerprint,
            county_fingerprint,
            township_code: meta(conn, "township_code")?,
            township_name: meta(conn, "township_name")?,
            acked_seq: acked,
            head_seq: head,
            pending,
            last_export: meta(conn, "last_export_at")?,
            last_receipt: meta(conn, "last_receipt_at")?,
            package_version: meta_i64(conn, "package_version")?,
            open_conflicts: open_conflicts as u64,
        })
    }
}
