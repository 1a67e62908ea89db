//! What every command does at the console: read one JSON document on standard input, print an
//! answer as JSON (with `--json`, and always for writes) or as text, lists as tab-separated
//! tables. Refusals are printed by `main`.

use std::fmt::{Display, Write as _};
use std::io::{Read, Write as _};
use std::path::Path;

use fieldbook::domain::Invalid;
use fieldbook::Code;
use fieldbook::{Error, Store};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The most JSON read from standard input: 64 MiB (a programme or a batch of records is far
/// smaller); more is refused rather than held in memory.
const MAX_STDIN_BYTES: u64 = 64 << 20;

/// Standard input as text.
pub fn read_stdin() -> Result<String, Error> {
    let mut text = String::new();
    std::io::stdin()
        .take(MAX_STDIN_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|e| Error::io("标准输入", e))?;
    if text.len() as u64 > MAX_STDIN_BYTES {
        return Err(Invalid::new(
            Code::INPUT_JSON,
            "stdin",
            format!(
                "标准输入超过 {} MB，不是一份录入数据。请检查输入的文件。",
                MAX_STDIN_BYTES >> 20
            ),
        )
        .into());
    }
    Ok(text)
}

/// `text` as the JSON of `what` (农户, 培训 …); `INPUT_JSON` with the line and column otherwise.
pub fn parse<T: DeserializeOwned>(text: &str, what: &str) -> Result<T, Error> {
    serde_json::from_str(text).map_err(|e| {
        Invalid::new(
            Code::INPUT_JSON,
            "stdin",
            format!(
                "标准输入不是有效的{what} JSON（第 {} 行第 {} 列）：{e}",
                e.line(),
                e.column()
            ),
        )
        .into()
    })
}

/// A write command: reads the input of `what` on standard input, saves it, answers JSON.
pub fn save<I: DeserializeOwned, O: Serialize>(
    what: &str,
    save: impl FnOnce(&I) -> Result<O, Error>,
) -> Result<(), Error> {
    let input: I = parse(&read_stdin()?, what)?;
    print_json(&save(&input)?);
    Ok(())
}

pub fn print_json<T: Serialize>(value: &T) {
    print_line(&serde_json::to_string_pretty(value).expect("core types serialise"));
}

/// `value` as JSON, or the text `human` makes of it.
pub fn print<T: Serialize>(json: bool, value: &T, human: impl FnOnce() -> String) {
    if json {
        print_json(value);
    } else {
        print_line(&human());
    }
}

/// Writes one answer and a newline to standard output. A reader that stopped reading
/// (`fieldbook places list --json | head`) is not an error of ours: the command's work is done,
/// so the process ends quietly with status 0 instead of panicking with a backtrace.
pub fn print_line(text: &str) {
    let mut out = std::io::stdout().lock();
    let written = out
        .write_all(text.as_bytes())
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
    match written {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        // Nowhere left to report it: standard output itself failed (a full disk under `>`).
        Err(e) => {
            eprintln!("错误 [IO]：{}", Error::io("标准输出", e));
            std::process::exit(1);
        }
    }
}

/// A file named on the command line to attach (a scan, a photo, a document): its name and
/// bytes, refused from its size on disk before it is read when larger than an attachment may be.
pub fn read_file(file: &Path) -> Result<(String, Vec<u8>), Error> {
    let max = fieldbook::store::attachments::MAX_ATTACHMENT_BYTES as u64;
    let bytes = fieldbook::files::read_capped(file, max, |size| {
        fieldbook::store::attachments::too_large(size).into()
    })?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((name, bytes))
}

/// The code of a township given by name or 9-digit code, when one is given.
pub fn township_code(store: &Store, township: Option<&str>) -> Result<Option<String>, Error> {
    township
        .map(|key| store.find_township(key).map(|t| t.code))
        .transpose()
}

/// A list: JSON, or a table of `rows` with their count below it (`共 12 次核验` for `次核验`).
pub fn print_list<T: Serialize>(
    json: bool,
    rows: &[T],
    header: &[&str],
    what: &str,
    row: impl Fn(&mut Table, &T),
) {
    print(json, &rows, || {
        Table::of(header, rows, row).with_count(what)
    });
}

/// A tab-separated table: the header, one line a row.
pub struct Table {
    text: String,
    rows: usize,
}

impl Table {
    pub fn new(header: &[&str]) -> Table {
        Table {
            text: header.join("\t") + "\n",
            rows: 0,
        }
    }

    /// A table of `rows`, each written by `row`.
    pub fn of<T>(header: &[&str], rows: &[T], row: impl Fn(&mut Table, &T)) -> Table {
        let mut table = Table::new(header);
        for r in rows {
            row(&mut table, r);
        }
        table
    }

    pub fn row(&mut self, cells: &[&dyn Display]) {
        for (i, cell) in cells.iter().enumerate() {
            let tab = if i == 0 { "" } else { "\t" };
            write!(self.text, "{tab}{cell}").expect("writing to a String");
        }
        self.text.push('\n');
        self.rows += 1;
    }

    pub fn done(self) -> String {
        self.text
    }

    /// The table and a closing line below it.
    pub fn with_total(self, line: String) -> String {
        self.text + &line
    }

    /// The table and how many rows it has: `共 12 个村` for `个村`.
    pub fn with_count(self, what: &str) -> String {
        let line = format!("共 {} {what}", self.rows);
        self.with_total(line)
    }
}
