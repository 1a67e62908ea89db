//! The documents that travel between a laptop and the county, inside signed envelopes.
//!
//! FROZEN: these structs never change shape. A laptop and the county may run different
//! versions of Fieldbook for months; a renamed, removed or retyped field breaks every file in
//! flight. A new field is optional (`#[serde(default)]`) and a new shape is a new
//! `BATCH_FORMAT`. `tests::the_wire_json_is_pinned` fails on any change of the JSON.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::keys::{Envelope, PublicKeys};

pub const BATCH_FORMAT: u32 = 1;
pub const MANIFEST_KIND: &str = "batch-manifest";
pub const PACKAGE_KIND: &str = "reference-package";
pub const RECEIPT_KIND: &str = "receipt";
pub const REQUEST_KIND: &str = "enrollment-request";
pub const ANSWER_KIND: &str = "enrollment-answer";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnrollmentRequest {
    pub device_id: String,
    pub officer: String,
    pub keys: PublicKeys,
    pub created_at: String,
    /// The county whose places the laptop already holds (6-digit code); absent when it holds
    /// none, and in requests from versions before it was sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub county_code: Option<String>,
    /// True when the laptop holds the demo county; absent from older versions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub demo: Option<bool>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnrollmentAnswer {
    pub county_id: String,
    pub county_name: String,
    pub county_keys: PublicKeys,
    pub device_id: String,
    pub device_fingerprint: String,
    pub township_id: String,
    pub township_code: String,
    pub township_name: String,
    pub enrolled_at: String,
    /// The county's 6-digit code; absent in answers from versions before it was sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub county_code: Option<String>,
    /// True when the county hub itself holds the demo county; absent from older versions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub demo: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Payload {
    pub name: String,
    pub bytes: u64,
    pub rows: u64,
    pub sha256: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    pub format_version: u32,
    pub batch_id: String,
    pub device_id: String,
    pub officer: String,
    pub township_id: String,
    pub seq_from: i64,
    pub seq_to: i64,
    /// Hash of the entry before `seq_from` (the genesis hash for seq 1).
    pub prev_hash: String,
    pub head_hash: String,
    pub counts: BTreeMap<String, u64>,
    pub payloads: Vec<Payload>,
    pub created_at: String,
    pub device_clock_ms: u64,
}

/// A change travels as the sender's change-log entry, in the JSON its hash is taken over: the
/// struct is the store's (`store::write::ChangeEntry`), frozen with this file.
pub type WireChange = crate::store::write::ChangeEntry;

/// A record whose county value differs from what the device sent (an open conflict: the county
/// kept its value), with the county's version of it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptRecord {
    pub entity: String,
    pub record_id: String,
    pub county_hlc: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Receipt {
    pub county_id: String,
    pub device_id: String,
    pub batch_id: String,
    pub applied_through: i64,
    pub issued_at: String,
    /// Only the records the county kept differently; `applied_through` acknowledges the rest.
    pub records: Vec<ReceiptRecord>,
    /// Records whose changes the county refused and will keep refusing (another township's, or
    /// one it never received): the laptop lists them so the officer withdraws or corrects them.
    /// Optional: absent when none, and in receipts of older counties.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refused: Vec<ReceiptRefusal>,
}

/// A record the county refused, as its receipt names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptRefusal {
    pub entity: String,
    pub record_id: String,
    /// The device's change-log seq of the refused change.
    pub seq: i64,
    /// A stable code (`SYNC_OTHER_TOWNSHIP`, `SYNC_MISSING_RECORD`).
    pub code: String,
    pub message: String,
}

/// A county decision on a conflict, sent down with the reference package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    pub id: String,
    pub entity: String,
    pub record_id: String,
    pub field: String,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub base: Value,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub county: Value,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub incoming: Value,
    pub device_id: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seq: i64,
    pub officer: String,
    pub status: String,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub resolution: Option<Value>,
    pub note: Option<String>,
    pub resolved_by: Option<String>,
    pub resolved_at: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Package {
    pub county_id: String,
    pub device_id: String,
    pub township_id: String,
    /// The county's log head when the package was made; a lower one than applied is ignored.
    pub version: i64,
    pub issued_at: String,
    pub receipts: Vec<Envelope>,
    /// (entity, rows), parents first; each row maps column → value and has `id`.
    pub records: Vec<(String, Vec<BTreeMap<String, Value>>)>,
    pub resolutions: Vec<Conflict>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each document as it was first sent. A document must read this text and write it back
    /// byte for byte: a renamed, removed, reordered or retyped field fails here.
    const PINNED: &[(&str, &str)] = &[
        (
            "EnrollmentRequest",
            r#"{"deviceId":"d1","officer":"张三","keys":{"signingKey":"c2s=","ageRecipient":"age1x"},"createdAt":"2019-08-12T08:00:00Z"}"#,
        ),
        (
            "EnrollmentAnswer",
            r#"{"countyId":"c1","countyName":"成县","countyKeys":{"signingKey":"c2s=","ageRecipient":"age1y"},"deviceId":"d1","deviceFingerprint":"ab12","townshipId":"t1","townshipCode":"621221100000","townshipName":"城关镇","enrolledAt":"2019-08-12T08:00:00Z"}"#,
        ),
        (
            "EnrollmentRequest",
            r#"{"deviceId":"d1","officer":"张三","keys":{"signingKey":"c2s=","ageRecipient":"age1x"},"createdAt":"2026-03-02T08:00:00Z","countyCode":"654224","demo":false}"#,
        ),
        (
            "EnrollmentAnswer",
            r#"{"countyId":"c1","countyName":"托里县","countyKeys":{"signingKey":"c2s=","ageRecipient":"age1y"},"deviceId":"d1","deviceFingerprint":"ab12","townshipId":"t1","townshipCode":"654224100","townshipName":"托里镇","enrolledAt":"2026-03-02T08:00:00Z","countyCode":"654224","demo":false}"#,
        ),
        (
            "Manifest",
            r#"{"formatVersion":1,"batchId":"b1","deviceId":"d1","officer":"张三","townshipId":"t1","seqFrom":1,"seqTo":2,"prevHash":"00","headHash":"ff","counts":{"household":2},"payloads":[{"name":"changes.jsonl","bytes":10,"rows":2,"sha256":"aa"},{"name":"a.jpg","bytes":5,"rows":0,"sha256":"bb","mediaType":"image/jpeg","fileName":"a.jpg"}],"createdAt":"2019-08-12T08:00:00Z","deviceClockMs":1565596800000}"#,
        ),
        (
            "Receipt",
            r#"{"countyId":"c1","deviceId":"d1","batchId":"b1","appliedThrough":2,"issuedAt":"2019-08-12T08:00:00Z","records":[{"entity":"household","recordId":"h1","countyHlc":42}]}"#,
        ),
        (
            "Receipt",
            r#"{"countyId":"c1","deviceId":"d1","batchId":"b2","appliedThrough":3,"issuedAt":"2026-03-02T08:00:00Z","records":[],"refused":[{"entity":"household","recordId":"h9","seq":3,"code":"SYNC_OTHER_TOWNSHIP","message":"这条农户记录属于其他乡镇"}]}"#,
        ),
        (
            "Package",
            r#"{"countyId":"c1","deviceId":"d1","townshipId":"t1","version":7,"issuedAt":"2019-08-12T08:00:00Z","receipts":[{"format":"fieldbook-sync-1","kind":"receipt","signer":"c2s=","body":"e30=","signature":"c2ln"}],"records":[["village",[{"id":"v1","name":"新村"}]]],"resolutions":[{"id":"x1","entity":"household","recordId":"h1","field":"head_name","base":"甲","county":"乙","incoming":"丙","deviceId":"d1","seq":3,"officer":"张三","status":"resolved","resolution":"county","note":null,"resolvedBy":"李四","resolvedAt":"2019-08-13T08:00:00Z","createdAt":"2019-08-12T08:00:00Z"}]}"#,
        ),
    ];

    fn round_trip<T: Serialize + serde::de::DeserializeOwned>(json: &str) -> String {
        let value: T = serde_json::from_str(json).expect("the pinned document still reads");
        serde_json::to_string(&value).expect("documents serialise")
    }

    #[test]
    fn the_wire_json_is_pinned() {
        for (name, json) in PINNED {
            let written = match *name {
                "EnrollmentRequest" => round_trip::<EnrollmentRequest>(json),
                "EnrollmentAnswer" => round_trip::<EnrollmentAnswer>(json),
                "Manifest" => round_trip::<Manifest>(json),
                "Receipt" => round_trip::<Receipt>(json),
                "Package" => round_trip::<Package>(json),
                other => panic!("no document {other}"),
            };
            assert_eq!(
                &written, json,
                "{name} changed shape on the wire: documents in flight would no longer read. \
                 Keep the shape; add an optional field or a new BATCH_FORMAT instead."
            );
        }
        assert_eq!(
            (BATCH_FORMAT, MANIFEST_KIND, PACKAGE_KIND, RECEIPT_KIND),
            (1, "batch-manifest", "reference-package", "receipt")
        );
        assert_eq!(
            (REQUEST_KIND, ANSWER_KIND),
            ("enrollment-request", "enrollment-answer")
        );
    }

    /// A change travels as the sender's change-log entry (`store::write::ChangeEntry`): the
    /// receiver reads every field of it, in this JSON.
    #[test]
    fn a_change_reads_as_it_was_first_sent() {
        let json = r#"{"seq":3,"changeId":"c3","entity":"household","recordId":"h1","op":"update","baseVersion":null,"hlc":102,"deviceId":"d1","officer":"张三","fields":{"head_name":["甲","乙"]},"prevHash":"00","hash":"ff"}"#;
        let change: WireChange = serde_json::from_str(json).expect("a change reads");
        assert_eq!(
            format!("{change:?}"),
            r#"ChangeEntry { seq: 3, change_id: "c3", entity: "household", record_id: "h1", op: "update", base_version: None, hlc: 102, device_id: "d1", officer: "张三", fields: {"head_name": (String("甲"), String("乙"))}, prev_hash: "00", hash: "ff" }"#
        );
    }
}
