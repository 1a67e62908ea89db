//! The archive inside the age encryption: a magic line, an entry count, then for each entry a
//! name and its bytes, length-prefixed. Limits are checked before anything is allocated or
//! trusted, and a cut-off or padded archive is refused.

use crate::sync::{refuse, SyncResult};
use crate::Code;

pub const MAGIC: &[u8; 8] = b"FBSYNC1\n";
/// A batch file larger than this is refused before decryption.
pub const MAX_FILE_BYTES: u64 = 1 << 30;
pub const MAX_ENTRIES: u32 = 100_000;
const MAX_NAME: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub data: Vec<u8>,
}

pub fn write(entries: &[Entry]) -> Vec<u8> {
    let total: usize = entries
        .iter()
        .map(|e| e.name.len() + e.data.len() + 10)
        .sum();
    let mut out = Vec::with_capacity(MAGIC.len() + 4 + total);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(entries.len() as u32).to_be_bytes());
    for entry in entries {
        out.extend_from_slice(&(entry.name.len() as u16).to_be_bytes());
        out.extend_from_slice(entry.name.as_bytes());
        out.extend_from_slice(&(entry.data.len() as u64).to_be_bytes());
        out.extend_from_slice(&entry.data);
    }
    out
}

fn cut() -> crate::Error {
    refuse(
        Code::SYNC_TRUNCATED,
        "同步文件不完整（被截断或已损坏）。请让对方重新导出一次。已拒收，未写入任何数据。",
    )
}

pub fn read(bytes: &[u8]) -> SyncResult<Vec<Entry>> {
    let mut reader = Reader(bytes);
    let mut take = |n: usize| reader.take(n);
    if take(MAGIC.len())? != MAGIC {
        return Err(refuse(Code::SYNC_WRONG_FILE, "不是 Fieldbook 同步文件。"));
    }
    let count = u32::from_be_bytes(take(4)?.try_into().expect("4 bytes"));
    if count > MAX_ENTRIES {
        return Err(refuse(
            Code::SYNC_TOO_LARGE,
            format!("同步文件含 {count} 个条目，超过上限 {MAX_ENTRIES}，已拒收。"),
        ));
    }
    let mut entries = Vec::new();
    for _ in 0..count {
        let name_len = u16::from_be_bytes(take(2)?.try_into().expect("2 bytes")) as usize;
        if name_len > MAX_NAME {
            return Err(cut());
        }
        let name = std::str::from_utf8(take(name_len)?)
            .map_err(|_| cut())?
            .to_string();
        let len = u64::from_be_bytes(take(8)?.try_into().expect("8 bytes"));
        let len = usize::try_from(len).map_err(|_| cut())?;
        let data = take(len)?.to_vec();
        entries.push(Entry { name, data });
    }
    if !reader.0.is_empty() {
        return Err(cut());
    }
    Ok(entries)
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> SyncResult<&'a [u8]> {
        if self.0.len() < n {
            return Err(cut());
        }
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        Ok(head)
    }
}
