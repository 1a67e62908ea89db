//! The import run shared by every kind: read, map columns, prepare each data row, flag keys
//! repeated in the file, run the rows through the store in one transaction, report.

use std::collections::HashMap;

use rusqlite::Transaction;
use sha2::{Digest, Sha256};

use super::columns::{describe, is_blank, is_trailer, map_columns, ColumnSpec, Mapping};
use super::read::{column_letter, read, Cell, Grid, Row};
use super::{
    sheet_code, FileStamp, ImportCounts, ImportKind, ImportMode, ImportOptions, ImportReport,
    Problem, RowReport,
};
use crate::domain::Warning;
use crate::error::Result;
use crate::sheets::sql::{RowOutcome, RowResult};
use crate::store::write::Writer;
use crate::Code;
use crate::Store;

/// One data row of the file as the importers read it: cells by column key, problems at a
/// column.
pub(crate) struct SheetRow<'a> {
    mapping: &'a Mapping,
    specs: &'static [ColumnSpec],
    cells: Row<'a>,
    /// 1-based spreadsheet row.
    pub number: u32,
}

impl SheetRow<'_> {
    /// The text of the column `key`, empty when the file has no such column.
    pub fn text(&self, key: &str) -> String {
        self.mapping.text(self.cells, key)
    }

    pub fn cell(&self, key: &str) -> Option<Cell<'_>> {
        self.mapping.cell(self.cells, key)
    }

    /// The file has the column `key`.
    pub fn has(&self, key: &str) -> bool {
        self.mapping.has(key)
    }

    /// Of `keys`, the columns the file lacks (their stored values are kept).
    pub fn absent(&self, keys: &[&'static str]) -> Vec<&'static str> {
        keys.iter().copied().filter(|k| !self.has(k)).collect()
    }

    /// A refusal of this row at the column `key` (its letter and name).
    pub fn problem(&self, key: &str, code: Code, message: String) -> Problem {
        let label = self.specs.iter().find(|s| s.key == key).map(|s| s.label);
        Problem::error(
            Some(self.number),
            self.mapping.letter(key),
            label.map(str::to_string),
            code,
            message,
        )
    }

    /// The row made ready for the store.
    pub fn prepared<T>(
        &self,
        label: String,
        key: Option<String>,
        item: std::result::Result<T, Problem>,
    ) -> Prepared<T> {
        Prepared {
            row: self.number,
            label,
            key,
            item,
        }
    }
}

/// One data row made ready for the store.
pub(crate) struct Prepared<T> {
    pub row: u32,
    pub label: String,
    /// The natural key (ID number, code …): the same key twice in a file is `DUPLICATE_IN_FILE`.
    pub key: Option<String>,
    pub item: std::result::Result<T, Problem>,
}

/// What the store did with a row: its outcome and warnings (a refusal is `Error::Invalid`).
pub(crate) type Applied = Result<(RowOutcome, Vec<Warning>)>;

/// A kind of import: its columns, how a row becomes an input, how the store applies it.
pub(crate) trait Importer {
    type Item;
    const COLUMNS: &'static [ColumnSpec];
    /// The column of the natural key, for `DUPLICATE_IN_FILE`.
    const KEY_COLUMN: &'static str;
    /// Input fields held by the column of the same key.
    const SAME_NAMED: &'static [&'static str];
    /// `apply` refuses a row before writing anything (its checks come first), so rows may run
    /// without a savepoint each (`ImportRun::row_unguarded`); a row refused after writing all
    /// the same (a hook of a layer above) starts the run again with one.
    const REFUSES_BEFORE_WRITING: bool = false;
    /// Other input fields and the columns that hold them, in order of preference.
    const FIELD_COLUMNS: &'static [(&'static str, &'static [&'static str])] = &[];

    /// Problems of the mapping beyond required columns (one of two columns needed).
    fn check_mapping(&self, _mapping: &Mapping) -> Vec<Problem> {
        Vec::new()
    }
    fn prepare(&mut self, row: &SheetRow) -> Prepared<Self::Item>;
    /// Reads what a batch of rows needs from the database before they are applied, in a few
    /// queries rather than a few per row (the household register's checks).
    fn prepare_batch(&mut self, _tx: &Transaction, _items: &[&Self::Item]) -> Result<()> {
        Ok(())
    }
    fn apply(&mut self, tx: &Transaction, writer: &Writer, item: &Self::Item) -> Applied;

    /// Column keys that hold an input field, in order of preference.
    fn columns_of(field: &str) -> Vec<&'static str> {
        match Self::FIELD_COLUMNS.iter().find(|(f, _)| *f == field) {
            Some((_, columns)) => columns.to_vec(),
            None => Self::SAME_NAMED
                .iter()
                .copied()
                .filter(|k| *k == field)
                .collect(),
        }
    }
}

/// A refusal of a row as a problem at the column of its field.
pub(crate) fn problem_at<I: Importer>(
    mapping: &Mapping,
    row: u32,
    (code, field, message): (Code, &str, &str),
    severity: &str,
) -> Problem {
    let key = I::columns_of(field).into_iter().find(|k| mapping.has(k));
    let header = key.and_then(|k| {
        I::COLUMNS
            .iter()
            .find(|s| s.key == k)
            .map(|s| s.label.to_string())
    });
    Problem {
        row: Some(row),
        column: key.and_then(|k| mapping.letter(k)),
        header,
        code: sheet_code(code),
        message: message.to_string(),
        severity: severity.into(),
    }
}

/// Reads the file and imports it as `options` say.
pub fn import(
    store: &mut Store,
    bytes: &[u8],
    file_name: &str,
    options: &ImportOptions,
) -> Result<ImportReport> {
    let grid = read(bytes, file_name)?;
    match import_grid(store, &grid, file_name, options, Guard::WhenNeeded)? {
        Some(report) => Ok(report),
        None => Ok(
            import_grid(store, &grid, file_name, options, Guard::EveryRow)?
                .expect("a run with a savepoint per row always ends"),
        ),
    }
}

/// Whether every row runs in a savepoint of its own, or only where an importer may refuse a
/// row after writing (`Importer::REFUSES_BEFORE_WRITING`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Guard {
    WhenNeeded,
    EveryRow,
}

/// The grid imported by the importer of `options.kind`; `None` when a row was refused after
/// writing without a savepoint (the run was rolled back: run it again `Guard::EveryRow`).
fn import_grid(
    store: &mut Store,
    grid: &Grid,
    file_name: &str,
    options: &ImportOptions,
    guard: Guard,
) -> Result<Option<ImportReport>> {
    match options.kind {
        ImportKind::Households => {
            let importer = super::households::HouseholdImporter::new(store)?;
            run(store, grid, file_name, options, importer, guard)
        }
        ImportKind::Places => {
            let importer = super::places::PlaceImporter::new(store)?;
            run(store, grid, file_name, options, importer, guard)
        }
        ImportKind::Operators => {
            let importer = super::places::OperatorImporter::new(store)?;
            run(store, grid, file_name, options, importer, guard)
        }
        ImportKind::Roster => {
            let importer = super::people::RosterImporter::new(store, options.into.as_deref())?;
            run(store, grid, file_name, options, importer, guard)
        }
        ImportKind::Attendance => {
            let importer = super::people::AttendanceImporter::new(store, options.into.as_deref())?;
            run(store, grid, file_name, options, importer, guard)
        }
        ImportKind::Members => {
            let importer = super::members::MemberImporter::new(store)?;
            run(store, grid, file_name, options, importer, guard)
        }
    }
}

/// SHA-256 over the data rows' text (tab-separated cells, one line per row): the checksum an
/// export writes into its hidden sheet.
pub fn rows_checksum<'a>(rows: impl Iterator<Item = Vec<&'a str>>) -> String {
    let mut hash = Sha256::new();
    for row in rows {
        hash.update(row.join("\t").as_bytes());
        hash.update(b"\n");
    }
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn stamp<'a, D>(grid: &Grid, data_rows: impl Fn() -> D) -> Option<FileStamp>
where
    D: Iterator<Item = (u32, Row<'a>)>,
{
    let get = |k: &str| grid.meta.get(k).cloned().unwrap_or_default();
    if grid.meta.is_empty() {
        return None;
    }
    let width = data_rows().map(|(_, r)| r.len()).max().unwrap_or(0);
    let sum = rows_checksum(data_rows().map(|(_, r)| (0..width).map(|i| r.text(i)).collect()));
    Some(FileStamp {
        kind: get("kind"),
        township_code: get("township"),
        period: get("period"),
        app_version: get("appVersion"),
        checksum_ok: get("checksum") == sum,
    })
}

fn run<I: Importer>(
    store: &mut Store,
    grid: &Grid,
    file_name: &str,
    options: &ImportOptions,
    mut importer: I,
    guard: Guard,
) -> Result<Option<ImportReport>> {
    let specs = I::COLUMNS;
    let (mapping, mut file_problems) = map_columns(grid, specs, &options.mapping);
    file_problems.extend(importer.check_mapping(&mapping));
    let mut report = empty_report(grid, file_name, options, &mapping, specs, file_problems);
    // The data rows, read from the grid as they are needed (never all collected at once).
    let data = || {
        grid.rows
            .iter()
            .enumerate()
            .skip(mapping.header_row + 1)
            .take_while(|(_, r)| !is_trailer(*r))
            .filter(|(_, r)| !is_blank(*r))
            .map(|(i, r)| (i as u32 + 1, r))
    };
    report.stamp = stamp(grid, data);
    if report.file_problems.iter().any(Problem::is_error) {
        report.summary = format!(
            "表头有 {} 处问题，未检查数据行，也没有导入任何内容。请先修正表头或在“列对应”一步指定各列。",
            report.file_problems.len()
        );
        return Ok(Some(report));
    }
    let unguarded = I::REFUSES_BEFORE_WRITING && guard == Guard::WhenNeeded;

    let mode = options.mode;
    let mut first_seen: HashMap<String, u32> = HashMap::new();
    let (mut any_refused, mut any_done) = (false, false);
    let mut listing = Listing::default();
    let run = store.begin_import()?;
    let mut rows = data().peekable();
    while rows.peek().is_some() {
        let mut prepared: Vec<Prepared<I::Item>> = rows
            .by_ref()
            .take(BATCH_ROWS)
            .map(|(number, cells)| {
                importer.prepare(&SheetRow {
                    mapping: &mapping,
                    specs,
                    cells,
                    number,
                })
            })
            .collect();
        refuse_repeated_keys::<I>(&mut prepared, &mapping, &mut first_seen);
        let ready: Vec<&I::Item> = prepared
            .iter()
            .filter_map(|p| p.item.as_ref().ok())
            .collect();
        importer.prepare_batch(run.tx(), &ready)?;
        for p in &prepared {
            let result = match &p.item {
                Ok(item) if unguarded => {
                    match run.row_unguarded(|tx, writer| importer.apply(tx, writer, item))? {
                        Some(result) => Some(result),
                        // Dropping the run rolls back every row.
                        None => return Ok(None),
                    }
                }
                Ok(item) => Some(run.row(|tx, writer| importer.apply(tx, writer, item))?),
                Err(_) => None,
            };
            match &result {
                Some(Ok(_)) => any_done = true,
                _ => any_refused = true,
            }
            listing.add(&mut report, row_report::<I>(p, result, &mapping));
        }
    }
    let committed = match mode {
        ImportMode::DryRun => false,
        ImportMode::All => !any_refused,
        ImportMode::ValidOnly => any_done,
    };
    run.finish(committed)?;
    // Committed with nothing new or changed (a file imported again) wrote nothing.
    report.written = committed && report.counts.new + report.counts.updated > 0;
    report.summary = summary(&report.counts, mode, report.written);
    if report.rows_left_out > 0 {
        report.summary += &format!(
            "另有 {} 行没有问题也没有改动，未逐行列出。",
            report.rows_left_out
        );
    }
    Ok(Some(report))
}

/// Rows of a file read, checked and written at a time: a batch's register lookups are a few
/// queries (`Importer::prepare_batch`), and only one batch's items are in memory at once.
const BATCH_ROWS: usize = 2000;

/// Rows with a problem or a change listed in the report, at most; past it they are counted.
const LISTED_NOTABLE_ROWS: u32 = 20_000;

/// Rows with neither (new without a warning, unchanged) listed, at most: a million-row file's
/// report holds its counts and the rows that need reading, not a million rows.
const LISTED_PLAIN_ROWS: u32 = 1_000;

/// How many rows of each sort the report lists so far.
#[derive(Default)]
struct Listing {
    notable: u32,
    plain: u32,
}

impl Listing {
    /// Counts the row and lists it while its sort is under its limit.
    fn add(&mut self, report: &mut ImportReport, row: RowReport) {
        let counts = &mut report.counts;
        counts.rows += 1;
        match row.outcome.as_str() {
            "new" => counts.new += 1,
            "update" => counts.updated += 1,
            "unchanged" => counts.unchanged += 1,
            _ => counts.errors += 1,
        }
        if row.outcome != "error" && !row.problems.is_empty() {
            counts.warnings += 1;
        }
        let (listed, limit) = match row.problems.is_empty() && row.changes.is_empty() {
            true => (&mut self.plain, LISTED_PLAIN_ROWS),
            false => (&mut self.notable, LISTED_NOTABLE_ROWS),
        };
        if *listed < limit {
            *listed += 1;
            report.rows.push(row);
        } else {
            report.rows_left_out += 1;
        }
    }
}

/// The report of a file before any row is read: what it is, where its header is, which
/// columns were found and which ignored, the problems of the header.
fn empty_report(
    grid: &Grid,
    file_name: &str,
    options: &ImportOptions,
    mapping: &Mapping,
    specs: &[ColumnSpec],
    file_problems: Vec<Problem>,
) -> ImportReport {
    ImportReport {
        kind: options.kind,
        mode: options.mode,
        file_name: file_name.to_string(),
        format: grid.format.to_string(),
        sheet: grid.sheet.clone(),
        header_row: mapping.header_row as u32 + 1,
        columns: describe(mapping, specs),
        headers: mapping
            .headers
            .iter()
            .enumerate()
            .filter(|(_, h)| !h.is_empty())
            .map(|(i, h)| super::ColumnHeader {
                column: column_letter(i),
                text: h.clone(),
            })
            .collect(),
        ignored_columns: mapping
            .headers
            .iter()
            .enumerate()
            .filter(|(i, h)| !h.is_empty() && !mapping.columns.values().any(|c| c == i))
            .map(|(i, h)| format!("{}（{h}）", column_letter(i)))
            .collect(),
        stamp: None,
        file_problems,
        rows: Vec::new(),
        rows_left_out: 0,
        counts: ImportCounts::default(),
        written: false,
        summary: String::new(),
    }
}

/// `DUPLICATE_IN_FILE` for every row whose natural key an earlier row of the file has.
fn refuse_repeated_keys<I: Importer>(
    prepared: &mut [Prepared<I::Item>],
    mapping: &Mapping,
    first_seen: &mut HashMap<String, u32>,
) {
    let key_spec = I::KEY_COLUMN;
    for p in prepared {
        let (Some(key), Ok(_)) = (&p.key, &p.item) else {
            continue;
        };
        if let Some(first) = first_seen.get(key) {
            p.item = Err(Problem::error(
                Some(p.row),
                mapping.letter(key_spec),
                I::COLUMNS
                    .iter()
                    .find(|s| s.key == key_spec)
                    .map(|s| s.label.to_string()),
                Code::DUPLICATE_IN_FILE,
                format!("与第 {first} 行重复（{key}）。同一条记录在文件中只能出现一次，请删去其中一行。"),
            ));
        } else {
            first_seen.insert(key.clone(), p.row);
        }
    }
}

/// What became of one row: new, update, unchanged or error, with its problems and warnings.
fn row_report<I: Importer>(
    p: &Prepared<I::Item>,
    result: Option<RowResult>,
    mapping: &Mapping,
) -> RowReport {
    let mut problems = Vec::new();
    let mut changes = Vec::new();
    let outcome = match (&p.item, result) {
        (Err(problem), _) => {
            problems.push(problem.clone());
            "error"
        }
        (Ok(_), Some(Err(invalid))) => {
            let at = (invalid.code, invalid.field, invalid.message.as_str());
            problems.push(problem_at::<I>(mapping, p.row, at, "error"));
            "error"
        }
        (Ok(_), Some(Ok(done))) => {
            for w in &done.warnings {
                let at = (w.code, w.field.as_str(), w.message.as_str());
                problems.push(problem_at::<I>(mapping, p.row, at, "warning"));
            }
            changes = done.changes;
            match done.outcome {
                RowOutcome::New => "new",
                RowOutcome::Updated => "update",
                RowOutcome::Unchanged => "unchanged",
            }
        }
        (Ok(_), None) => "error",
    };
    RowReport {
        row: p.row,
        label: p.label.clone(),
        outcome: outcome.to_string(),
        problems,
        changes,
    }
}

fn summary(c: &ImportCounts, mode: ImportMode, written: bool) -> String {
    let tally = format!(
        "共 {} 行：新增 {}，更新 {}，无变化 {}，有错误 {}（另有 {} 行带提醒）。",
        c.rows, c.new, c.updated, c.unchanged, c.errors, c.warnings
    );
    match (mode, written) {
        (ImportMode::DryRun, _) if c.errors > 0 => format!(
            "{tally}这是试导入，没有写入任何内容。有错误的行使“全部导入”无法进行：请修正后重新试导入，或选择“只导入无错误的行”。"
        ),
        (ImportMode::DryRun, _) => format!("{tally}这是试导入，没有写入任何内容。"),
        (ImportMode::All, false) if c.errors > 0 => format!(
            "{tally}有 {} 行有错误，“全部导入”不能进行，没有写入任何内容。请修正这些行，或选择“只导入无错误的行”。",
            c.errors
        ),
        (ImportMode::All | ImportMode::ValidOnly, false) if c.new + c.updated == 0 && c.unchanged > 0 => {
            format!("{tally}文件中的记录与数据库一致，没有需要写入的变化，数据库未改动。")
        }
        (ImportMode::All, _) | (ImportMode::ValidOnly, true) => format!(
            "{tally}已导入 {} 行（新增 {}，更新 {}）{}。",
            c.new + c.updated,
            c.new,
            c.updated,
            if c.errors > 0 { "，有错误的行未导入" } else { "" }
        ),
        (ImportMode::ValidOnly, false) => format!("{tally}没有可导入的行，没有写入任何内容。"),
    }
}
