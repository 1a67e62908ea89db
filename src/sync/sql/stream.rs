//! A batch's changes, parsed on a second thread while the county merges the ones before them,
//! and checked in order as they are taken: contiguous seqs, each entry's hash over its content,
//! each linked to the one before, each from the batch's device; the manifest's range and head
//! hash at the end. A failure is an `Err` item: the importer's transaction then rolls back, so a
//! batch that fails any check writes nothing, as if it had been checked before the transaction.

use std::sync::mpsc::{sync_channel, Receiver};
use std::thread::Scope;

use super::export::CHANGES_FILE;
use super::import::{payload_altered, Changes};
use crate::error::{Error, Result};
use crate::store::write::{entry_hash, ChangeEntry, GENESIS_HASH};
use crate::sync::model::{Manifest, WireChange};
use crate::sync::refuse;
use crate::sync::wire::keys::sha256_hex;
use crate::Code;

/// Parsed changes travel in chunks: one channel message per change costs more than parsing it.
const CHUNK: usize = 512;
/// Chunks parsed ahead of the merge: enough to never wait, little enough to bound memory.
const AHEAD: usize = 16;

pub(super) fn nothing_written(what: &str) -> String {
    format!("{what}已拒收，未写入任何数据。")
}

fn broken(seq: i64, why: &str) -> Error {
    refuse(
        Code::SYNC_CHAIN,
        nothing_written(&format!("第 {seq} 条变更{why}，")),
    )
}

fn wrong_count() -> Error {
    refuse(
        Code::SYNC_CHAIN,
        nothing_written("变更条数与清单的序号范围不符，"),
    )
}

type Parsed = (ChangeEntry, bool);

pub(super) struct ChangeStream<'a> {
    chunks: Receiver<Result<Vec<Parsed>>>,
    current: std::vec::IntoIter<Parsed>,
    next_seq: i64,
    seq_to: i64,
    prev: String,
    head: &'a str,
    device_id: &'a str,
    county_self: &'a str,
    done: bool,
}

impl<'a> ChangeStream<'a> {
    /// Starts parsing `bytes` (JSON lines) on a thread of `scope`.
    pub fn spawn<'scope>(
        scope: &'scope Scope<'scope, '_>,
        manifest: &'a Manifest,
        changes: Changes<'scope>,
        county_self: &'a str,
    ) -> Result<ChangeStream<'a>> {
        if manifest.seq_from == 1 && manifest.prev_hash != GENESIS_HASH {
            return Err(broken(1, "的前序哈希不对"));
        }
        let (send, chunks) = sync_channel(AHEAD);
        scope.spawn(move || {
            // Nothing is parsed, and so nothing applied, before the bytes are the signed ones.
            if sha256_hex(changes.bytes) != changes.sha256 {
                let _ = send.send(Err(payload_altered(CHANGES_FILE)));
                return;
            }
            let mut chunk = Vec::with_capacity(CHUNK);
            for line in changes
                .bytes
                .split(|b| *b == b'\n')
                .filter(|l| !l.is_empty())
            {
                match parse(line) {
                    Ok(parsed) => chunk.push(parsed),
                    Err(e) => {
                        let _ = send.send(Err(e));
                        return;
                    }
                }
                if chunk.len() == CHUNK {
                    let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK));
                    // The importer stopped (it refused the batch): nothing more to parse.
                    if send.send(Ok(full)).is_err() {
                        return;
                    }
                }
            }
            let _ = send.send(Ok(chunk));
        });
        Ok(ChangeStream {
            chunks,
            current: Vec::new().into_iter(),
            next_seq: manifest.seq_from,
            seq_to: manifest.seq_to,
            prev: manifest.prev_hash.clone(),
            head: &manifest.head_hash,
            device_id: &manifest.device_id,
            county_self,
            done: false,
        })
    }

    fn check(&mut self, (change, hash_ok): Parsed) -> Result<ChangeEntry> {
        if change.seq > self.seq_to && change.seq == self.next_seq {
            return Err(wrong_count());
        }
        if change.seq != self.next_seq {
            return Err(broken(change.seq, "的序号不连续"));
        }
        if change.prev_hash != self.prev {
            return Err(broken(change.seq, "与前一条接不上"));
        }
        if !hash_ok {
            return Err(broken(change.seq, "的内容与哈希不符"));
        }
        if change.device_id != self.device_id && change.device_id != self.county_self {
            return Err(broken(change.seq, "来自另一台设备"));
        }
        self.prev.clone_from(&change.hash);
        self.next_seq += 1;
        Ok(change)
    }

    /// What the chain's end must satisfy once every line was read.
    fn finish(&self) -> Result<()> {
        if self.next_seq != self.seq_to + 1 {
            return Err(wrong_count());
        }
        if self.prev != self.head {
            return Err(refuse(
                Code::SYNC_CHAIN,
                nothing_written("链尾哈希与清单不符，"),
            ));
        }
        Ok(())
    }
}

impl Iterator for ChangeStream<'_> {
    type Item = Result<ChangeEntry>;

    fn next(&mut self) -> Option<Result<ChangeEntry>> {
        if self.done {
            return None;
        }
        loop {
            if let Some(parsed) = self.current.next() {
                let checked = self.check(parsed);
                self.done = checked.is_err();
                return Some(checked);
            }
            match self.chunks.recv() {
                Ok(Ok(chunk)) if chunk.is_empty() => {}
                Ok(Ok(chunk)) => self.current = chunk.into_iter(),
                Ok(Err(e)) => {
                    self.done = true;
                    return Some(Err(e));
                }
                // The parser is done: every line was read.
                Err(_) => {
                    self.done = true;
                    return self.finish().err().map(Err);
                }
            }
        }
    }
}

fn parse(line: &[u8]) -> Result<Parsed> {
    let change: WireChange = serde_json::from_slice(line)
        .map_err(|_| refuse(Code::SYNC_PAYLOAD, nothing_written("变更记录格式不对，")))?;
    let hash_ok = entry_hash(&change) == change.hash;
    Ok((change, hash_ok))
}
