//! The archive's documents made ready in plan order, the forms laid out and rendered on worker
//! threads: laying out and rendering (font subsetting, PDF writing) is most of an archive's
//! time and needs no records, while gathering a form's records needs the store, whose
//! connection is not `Sync`. So the calling thread gathers each form (`Store::form`) and reads
//! each attachment, the workers print the forms, and the calling thread writes every document
//! in the plan's order as soon as it and all before it are ready: the archive's contents,
//! order and manifest are the same as printing one by one. A few documents are in flight at
//! a time (`LOOKAHEAD`), so memory still holds only a handful.

use std::collections::{HashMap, VecDeque};
use std::panic::AssertUnwindSafe;
use std::sync::mpsc::{self, Receiver};
use std::sync::Mutex;

use super::collect::{Planned, Source};
use crate::error::Result;
use crate::print::{self, Form, Printed};
use crate::store::Store;

/// Documents gathered ahead of the one being written.
const LOOKAHEAD: usize = 8;

/// A document ready to be written.
pub(super) enum Ready {
    Printed(Printed),
    /// An attachment as stored: its media type and bytes.
    Attachment(String, Vec<u8>),
    /// An attachment the records name but this device does not hold.
    Missing,
}

/// Rendering threads: two on a small laptop, up to four where there are more cores.
fn workers() -> usize {
    std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(2, 4)
}

fn workers_gone() -> crate::Error {
    crate::Error::Print {
        code: crate::Code::INTERNAL,
        message: "打印项目档案时内部出错（打印线程意外中止），请重试；仍不行请联系技术支持。"
            .into(),
    }
}

/// Calls `write` with each planned document, in order, once it is ready.
pub(super) fn in_order(
    store: &mut Store,
    docs: Vec<Planned>,
    mut write: impl FnMut(&mut Store, Planned, Ready) -> Result<()>,
) -> Result<()> {
    let (work_tx, work_rx) = mpsc::sync_channel::<(usize, Form)>(LOOKAHEAD);
    let work_rx = Mutex::new(work_rx);
    // Returning (an error included) drops `work_tx`, which ends the workers before the scope
    // joins them.
    std::thread::scope(|scope| {
        let (done_tx, done_rx) = mpsc::channel::<(usize, Result<Printed>)>();
        for _ in 0..workers() {
            let (work_rx, done_tx) = (&work_rx, done_tx.clone());
            scope.spawn(move || loop {
                let job = match work_rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => break,
                };
                let Ok((seq, form)) = job else { break };
                // A panic answers as an error: the calling thread waits for every form's answer.
                let printed = std::panic::catch_unwind(AssertUnwindSafe(|| print::print(form)))
                    .unwrap_or_else(|_| Err(workers_gone()));
                if done_tx.send((seq, printed)).is_err() {
                    break;
                }
            });
        }
        drop(done_tx);
        let mut queue = Queue {
            pending: VecDeque::new(),
            printed: HashMap::new(),
            done: done_rx,
        };
        for (seq, doc) in docs.into_iter().enumerate() {
            let ready = match &doc.source {
                Source::Form(kind, id) => {
                    let form = store.form(*kind, id)?;
                    work_tx.send((seq, form)).map_err(|_| workers_gone())?;
                    None
                }
                Source::Attachment(sha) => {
                    Some(match crate::store::attachments::read(&store.conn, sha)? {
                        Some((media, _, content)) => Ready::Attachment(media, content),
                        None => Ready::Missing,
                    })
                }
            };
            queue.pending.push_back((seq, doc, ready));
            queue.write_ready(store, LOOKAHEAD, &mut write)?;
        }
        drop(work_tx);
        queue.write_ready(store, 0, &mut write)
    })
}

struct Queue {
    /// Documents not yet written, in plan order; `None` while its form is being printed.
    pending: VecDeque<(usize, Planned, Option<Ready>)>,
    /// Forms the workers have printed, by their place in the plan.
    printed: HashMap<usize, Result<Printed>>,
    done: Receiver<(usize, Result<Printed>)>,
}

impl Queue {
    /// Writes the documents at the head that are ready, waiting for the workers while more
    /// than `keep` are pending.
    fn write_ready(
        &mut self,
        store: &mut Store,
        keep: usize,
        write: &mut impl FnMut(&mut Store, Planned, Ready) -> Result<()>,
    ) -> Result<()> {
        loop {
            while let Ok((seq, printed)) = self.done.try_recv() {
                self.printed.insert(seq, printed);
            }
            let Some((seq, _, ready)) = self.pending.front() else {
                return Ok(());
            };
            if ready.is_none() && !self.printed.contains_key(seq) {
                if self.pending.len() <= keep {
                    return Ok(());
                }
                let (seq, printed) = self.done.recv().map_err(|_| workers_gone())?;
                self.printed.insert(seq, printed);
                continue;
            }
            let (seq, doc, ready) = self.pending.pop_front().expect("a head was there");
            let ready = match ready {
                Some(ready) => ready,
                None => Ready::Printed(self.printed.remove(&seq).expect("printed")?),
            };
            write(store, doc, ready)?;
        }
    }
}
