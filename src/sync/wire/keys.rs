//! Keys and signatures: an Ed25519 signing key and an age (X25519) identity per database.
//! Everything signed is wrapped in an [`Envelope`] whose signature covers a domain-separated
//! prefix (`fieldbook/v1/<kind>\0`) and the body bytes, verified before the body is parsed.

use age::secrecy::ExposeSecret;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::sync::{refuse, SyncResult};
use crate::Code;

/// This database's private keys (kept in `sync_key`, never exported).
pub struct Keys {
    pub signing: SigningKey,
    pub identity: age::x25519::Identity,
}

/// What others pin: the public halves, as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PublicKeys {
    /// Ed25519 verifying key, base64.
    pub signing_key: String,
    /// age recipient, `age1…`.
    pub age_recipient: String,
}

impl Keys {
    pub fn generate() -> Keys {
        let mut secret = [0u8; 32];
        getrandom::getrandom(&mut secret).expect("the OS has a random source");
        Keys {
            signing: SigningKey::from_bytes(&secret),
            identity: age::x25519::Identity::generate(),
        }
    }

    /// (signing secret base64, age identity `AGE-SECRET-KEY-1…`) for storage.
    pub fn to_stored(&self) -> (String, String) {
        (
            B64.encode(self.signing.to_bytes()),
            self.identity.to_string().expose_secret().to_string(),
        )
    }

    pub fn from_stored(signing: &str, identity: &str) -> SyncResult<Keys> {
        let bytes: [u8; 32] = B64
            .decode(signing)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| refuse(Code::SYNC_KEYS_BROKEN, "本机同步密钥已损坏，无法签名。"))?;
        let identity = identity
            .parse::<age::x25519::Identity>()
            .map_err(|_| refuse(Code::SYNC_KEYS_BROKEN, "本机解密密钥已损坏。"))?;
        Ok(Keys {
            signing: SigningKey::from_bytes(&bytes),
            identity,
        })
    }

    pub fn public(&self) -> PublicKeys {
        PublicKeys {
            signing_key: B64.encode(self.signing.verifying_key().to_bytes()),
            age_recipient: self.identity.to_public().to_string(),
        }
    }

    /// Signs `body` as `kind` and wraps it with this key as the signer.
    pub fn seal(&self, kind: &str, body: &[u8]) -> Envelope {
        let signature = self.signing.sign(&signed_bytes(kind, body));
        Envelope {
            format: ENVELOPE_FORMAT.into(),
            kind: kind.into(),
            signer: self.public().signing_key,
            body: B64.encode(body),
            signature: B64.encode(signature.to_bytes()),
        }
    }

    pub fn sign_raw(&self, kind: &str, body: &[u8]) -> String {
        B64.encode(self.signing.sign(&signed_bytes(kind, body)).to_bytes())
    }
}

impl PublicKeys {
    /// A short code to read out over the phone: `3F2A-9C1B-77D0-E4A5`.
    pub fn fingerprint(&self) -> String {
        let digest = Sha256::digest(format!("{}\n{}", self.signing_key, self.age_recipient));
        digest[..8]
            .chunks(2)
            .map(|c| format!("{:02X}{:02X}", c[0], c[1]))
            .collect::<Vec<_>>()
            .join("-")
    }

    pub fn recipient(&self) -> SyncResult<age::x25519::Recipient> {
        self.age_recipient
            .parse()
            .map_err(|_| refuse(Code::SYNC_KEYS_BROKEN, "对方的加密公钥格式不对。"))
    }
}

const ENVELOPE_FORMAT: &str = "fieldbook-signed-v1";

fn signed_bytes(kind: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!("fieldbook/v1/{kind}\0").into_bytes();
    out.extend_from_slice(body);
    out
}

/// Verifies an Ed25519 signature (base64) by `signer` (base64 key) over `kind` + `body`.
pub fn verify_raw(signer: &str, kind: &str, body: &[u8], signature: &str) -> SyncResult<()> {
    let bad = || {
        refuse(
            Code::SYNC_BAD_SIGNATURE,
            "签名不符：文件在途中被改动过，或不是这台设备签发的。已拒收，未写入任何数据。",
        )
    };
    let key: [u8; 32] = B64
        .decode(signer)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(bad)?;
    let key = VerifyingKey::from_bytes(&key).map_err(|_| bad())?;
    let sig: [u8; 64] = B64
        .decode(signature.trim())
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(bad)?;
    key.verify_strict(&signed_bytes(kind, body), &Signature::from_bytes(&sig))
        .map_err(|_| bad())
}

/// A signed document: enrollment request/answer, receipt, reference package.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Envelope {
    pub format: String,
    pub kind: String,
    pub signer: String,
    pub body: String,
    pub signature: String,
}

impl Envelope {
    /// Checks the signature (and the signer, when one is pinned), then hands out the body bytes.
    pub fn open(&self, kind: &str, pinned: Option<&str>) -> SyncResult<Vec<u8>> {
        if self.format != ENVELOPE_FORMAT || self.kind != kind {
            return Err(refuse(
                Code::SYNC_WRONG_FILE,
                format!(
                    "这不是{}文件（文件类型为 “{}”）。",
                    kind_label(kind),
                    self.kind
                ),
            ));
        }
        if let Some(pinned) = pinned {
            if pinned != self.signer {
                return Err(refuse(
                    Code::SYNC_WRONG_SIGNER,
                    "文件不是由本机登记的县中心签发的，已拒收。请向县电商中心核实。",
                ));
            }
        }
        let body = B64
            .decode(&self.body)
            .map_err(|_| refuse(Code::SYNC_WRONG_FILE, "文件内容不完整或已损坏。"))?;
        verify_raw(&self.signer, kind, &body, &self.signature)?;
        Ok(body)
    }

    pub fn parse(bytes: &[u8]) -> SyncResult<Envelope> {
        serde_json::from_slice(bytes).map_err(|_| {
            refuse(
                Code::SYNC_WRONG_FILE,
                "文件不完整或不是 Fieldbook 同步文件。",
            )
        })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).expect("envelopes serialise")
    }
}

fn kind_label(kind: &str) -> &'static str {
    match kind {
        "enrollment-request" => "设备登记申请",
        "enrollment-answer" => "设备登记答复",
        "receipt" => "回执",
        _ => "同步",
    }
}

/// age-encrypts `plain` to `recipient`.
pub fn encrypt(recipient: &age::x25519::Recipient, plain: &[u8]) -> Vec<u8> {
    age::encrypt(recipient, plain).expect("encrypting to an x25519 recipient does not fail")
}

/// The largest enrollment request or answer (a few keys and names): 1 MiB.
pub const MAX_ENROLLMENT_BYTES: usize = 1 << 20;
/// The largest bare receipt (names the records where the county kept its value): 64 MiB.
pub const MAX_RECEIPT_BYTES: usize = 64 << 20;

/// Refuses a signed document larger than `max` before it is parsed.
pub fn check_size(bytes: &[u8], label: &str, max: usize) -> SyncResult<()> {
    if bytes.len() > max {
        return Err(refuse(
            Code::SYNC_TOO_LARGE,
            format!(
                "文件有 {} 字节，超过{label}的上限 {max} 字节，不是 Fieldbook 生成的文件。已拒收，未写入任何数据。",
                bytes.len()
            ),
        ));
    }
    Ok(())
}

pub use crate::digest::sha256_hex;
