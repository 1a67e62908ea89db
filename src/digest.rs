//! SHA-256 and lower-case hex, one way for the whole core: change-log hashes, attachment
//! addresses, sync payloads and the printed stamp all print digests alike.

use sha2::{Digest, Sha256};

/// Lower-case hex without an allocation per byte (bulk imports hash every entry).
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 0x0f)] as char);
    }
    out
}

/// SHA-256 of the bytes in lower-case hex (64 characters).
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    #[test]
    fn digests_print_as_lower_case_hex() {
        assert_eq!(super::hex(&[0x00, 0x0f, 0xab]), "000fab");
        assert_eq!(
            super::sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
