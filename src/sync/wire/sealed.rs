//! Opening sealed (age-encrypted) files in bounded time. The age header is checked here, before
//! the age library reads it: the library re-parses the header once per line, so a file of a few
//! thousand recipient stanzas (which anyone can build, no key needed) would stall the county for
//! tens of seconds. We seal to exactly one recipient, so a header is small; anything larger is
//! refused at once. Each kind of sealed document has a size of its own, checked before any
//! decryption, and the first bytes of the plain text are checked after the first chunk is
//! decrypted (age decrypts in 64 KiB chunks), so a large file that decrypts but is not of the
//! kind asked for is refused without decrypting the rest.

use std::io::Read;

use crate::sync::{refuse, SyncResult};
use crate::Code;

/// The age v1 header's first line.
const VERSION_LINE: &[u8] = b"age-encryption.org/v1\n";
/// A header with one X25519 stanza is about 200 bytes; this allows far more than any file we make.
pub const MAX_HEADER_BYTES: usize = 8 * 1024;
/// We seal to one recipient; a few more are allowed, thousands are not.
pub const MAX_STANZAS: usize = 16;

/// One kind of sealed document: what it is called, its largest size and how its plain text starts.
pub struct SealedKind {
    pub label: &'static str,
    pub max_bytes: u64,
    pub starts_with: &'static [u8],
}

/// A batch (a laptop's changes and photos): the sync file limit, 1 GiB.
pub const BATCH: SealedKind = SealedKind {
    label: "同步批次",
    max_bytes: super::container::MAX_FILE_BYTES,
    starts_with: super::container::MAGIC,
};

/// A reference package (a township's register, signed JSON): 512 MiB.
pub const PACKAGE: SealedKind = SealedKind {
    label: "参考数据包",
    max_bytes: 512 << 20,
    starts_with: b"{",
};

fn header_refused(detail: &str) -> crate::Error {
    refuse(
        Code::SYNC_HEADER_TOO_LARGE,
        format!("同步文件的加密头异常（{detail}），不是 Fieldbook 生成的文件，可能是恶意构造的。已拒收，未写入任何数据。"),
    )
}

/// Checks the age header's size and recipient count without the age library: `Ok` when the
/// header ends (its `---` line) within [`MAX_HEADER_BYTES`] and holds at most [`MAX_STANZAS`].
pub fn check_header(cipher: &[u8]) -> SyncResult<()> {
    // Not an age file, or cut inside the header: the code age's own refusal had before.
    if !cipher.starts_with(VERSION_LINE) {
        return Err(cannot_decrypt("开头不是加密文件头"));
    }
    let window = &cipher[..cipher.len().min(MAX_HEADER_BYTES)];
    let mut rest = &window[VERSION_LINE.len()..];
    let mut stanzas = 0usize;
    while let Some(end) = rest.iter().position(|b| *b == b'\n') {
        let line = &rest[..end];
        if line.starts_with(b"-> ") {
            stanzas += 1;
            if stanzas > MAX_STANZAS {
                return Err(header_refused(&format!("收件人超过 {MAX_STANZAS} 个")));
            }
        } else if line.starts_with(b"---") {
            return Ok(());
        }
        rest = &rest[end + 1..];
    }
    if cipher.len() > window.len() {
        Err(header_refused(&format!(
            "加密头超过 {MAX_HEADER_BYTES} 字节"
        )))
    } else {
        Err(cannot_decrypt("加密头被截断"))
    }
}

fn cannot_decrypt(e: impl std::fmt::Display) -> crate::Error {
    refuse(
        Code::SYNC_CANNOT_DECRYPT,
        format!("无法解密同步文件（{e}）：文件被截断、在途中被改动，或不是发给本机的。已拒收，未写入任何数据。"),
    )
}

/// Decrypts a sealed document of `kind`: its size, then its header, then its first bytes are
/// checked before the rest is decrypted.
pub fn open(
    identity: &age::x25519::Identity,
    cipher: &[u8],
    kind: &SealedKind,
) -> SyncResult<Vec<u8>> {
    if cipher.len() as u64 > kind.max_bytes {
        return Err(refuse(
            Code::SYNC_TOO_LARGE,
            format!(
                "文件有 {} 字节，超过{}的上限 {} 字节。已拒收，未写入任何数据。",
                cipher.len(),
                kind.label,
                kind.max_bytes
            ),
        ));
    }
    check_header(cipher)?;
    let decryptor = age::Decryptor::new_buffered(cipher).map_err(cannot_decrypt)?;
    let mut reader = decryptor
        .decrypt(std::iter::once(identity as &dyn age::Identity))
        .map_err(cannot_decrypt)?;
    let mut head = vec![0u8; kind.starts_with.len()];
    reader.read_exact(&mut head).map_err(cannot_decrypt)?;
    if head != kind.starts_with {
        return Err(refuse(
            Code::SYNC_WRONG_FILE,
            format!(
                "这不是{}文件（解密后内容不符）。已拒收，未写入任何数据。",
                kind.label
            ),
        ));
    }
    let mut plain = head;
    reader
        .take(kind.max_bytes)
        .read_to_end(&mut plain)
        .map_err(cannot_decrypt)?;
    Ok(plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header_with(stanzas: usize) -> Vec<u8> {
        let mut out = VERSION_LINE.to_vec();
        for _ in 0..stanzas {
            out.extend_from_slice(b"-> X25519 AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\nAAAA\n");
        }
        out.extend_from_slice(b"--- AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n");
        out.extend_from_slice(&[0u8; 64]);
        out
    }

    #[test]
    fn a_real_files_header_passes() {
        let id = age::x25519::Identity::generate();
        let sealed = age::encrypt(&id.to_public(), b"FBSYNC1\nrest").unwrap();
        check_header(&sealed).unwrap();
        assert_eq!(open(&id, &sealed, &BATCH).unwrap(), b"FBSYNC1\nrest");
    }

    #[test]
    fn too_many_stanzas_or_an_endless_header_are_refused() {
        check_header(&header_with(MAX_STANZAS)).unwrap();
        let many = check_header(&header_with(MAX_STANZAS + 1)).unwrap_err();
        assert_eq!(many.code(), Code::SYNC_HEADER_TOO_LARGE);
        let mut endless = VERSION_LINE.to_vec();
        endless.extend(std::iter::repeat_n(b'A', MAX_HEADER_BYTES * 2));
        let long = check_header(&endless).unwrap_err();
        assert_eq!(long.code(), Code::SYNC_HEADER_TOO_LARGE);
        let cut = check_header(&header_with(1)[..40]).unwrap_err();
        assert_eq!(cut.code(), Code::SYNC_CANNOT_DECRYPT);
        let other = check_header(b"PK\x03\x04 a zip").unwrap_err();
        assert_eq!(other.code(), Code::SYNC_CANNOT_DECRYPT);
    }

    #[test]
    fn a_file_of_another_kind_is_refused_after_its_first_bytes() {
        let id = age::x25519::Identity::generate();
        let sealed = age::encrypt(&id.to_public(), b"{\"not\":\"a batch\"}").unwrap();
        assert_eq!(
            open(&id, &sealed, &BATCH).unwrap_err().code(),
            Code::SYNC_WRONG_FILE
        );
    }
}
