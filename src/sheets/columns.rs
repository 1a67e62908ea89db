//! Finding the header row (below any merged title rows) and matching its cells to the columns a
//! kind of import knows, by Chinese name and common aliases.

use std::collections::BTreeMap;

use serde::Serialize;

use super::read::{column_letter, Cell, Grid, Row};
use super::Problem;
use crate::Code;

/// A column an import knows: its key (the input field), the name exports write, the aliases
/// files use for it, whether the import needs it.
#[derive(Debug, Clone, Copy)]
pub struct ColumnSpec {
    pub key: &'static str,
    pub label: &'static str,
    pub aliases: &'static [&'static str],
    pub required: bool,
}

/// A column every row of the file needs.
pub const fn required(
    key: &'static str,
    label: &'static str,
    aliases: &'static [&'static str],
) -> ColumnSpec {
    ColumnSpec {
        key,
        label,
        aliases,
        required: true,
    }
}

/// A column the file may leave out: the stored values are kept.
pub const fn optional(
    key: &'static str,
    label: &'static str,
    aliases: &'static [&'static str],
) -> ColumnSpec {
    ColumnSpec {
        required: false,
        ..required(key, label, aliases)
    }
}

/// Which spreadsheet column a known column was found in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ColumnMatch {
    pub key: String,
    pub label: String,
    pub required: bool,
    /// Spreadsheet letter (`C`), `None` when the file lacks the column.
    pub column: Option<String>,
    /// The header text found in the file.
    pub header: Option<String>,
}

/// The columns found: key → 0-based column index.
#[derive(Debug, Clone, Default)]
pub struct Mapping {
    /// 0-based index of the header row in the grid.
    pub header_row: usize,
    pub columns: BTreeMap<&'static str, usize>,
    pub headers: Vec<String>,
}

impl Mapping {
    pub fn has(&self, key: &str) -> bool {
        self.columns.contains_key(key)
    }

    /// The cell of `key` in `row`, empty when the column is absent or the row short.
    pub fn cell<'a>(&self, row: Row<'a>, key: &str) -> Option<Cell<'a>> {
        self.columns.get(key).and_then(|&i| row.get(i))
    }

    pub fn text(&self, row: Row, key: &str) -> String {
        self.cell(row, key)
            .map(|c| c.text.to_string())
            .unwrap_or_default()
    }

    pub fn letter(&self, key: &str) -> Option<String> {
        self.columns.get(key).map(|&i| column_letter(i))
    }
}

/// A header as people write it: without spaces, the required-mark `*`, a trailing `(必填)`, in
/// half-width lower case.
pub fn normalise_header(raw: &str) -> String {
    let text: String = raw
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '※' | ':'))
        .collect::<String>()
        .to_lowercase();
    text.trim_end_matches("(必填)")
        .trim_end_matches("(选填)")
        .to_string()
}

fn matches(spec: &ColumnSpec, header: &str) -> bool {
    let header = normalise_header(header);
    !header.is_empty()
        && std::iter::once(spec.label)
            .chain(spec.aliases.iter().copied())
            .any(|name| normalise_header(name) == header)
}

/// Rows scanned for the header: title rows, a unit line and a date line above it are common.
const HEADER_SEARCH_ROWS: usize = 20;

/// Finds the header row and maps the columns. `overrides` (key → letter or header text) come
/// from the mapping step of the import wizard or `--map`. Problems: a required column missing
/// (`COLUMN_MISSING`), one column name found twice (`COLUMN_AMBIGUOUS`).
pub fn map_columns(
    grid: &Grid,
    specs: &[ColumnSpec],
    overrides: &BTreeMap<String, String>,
) -> (Mapping, Vec<Problem>) {
    let score = |row: Row| {
        specs
            .iter()
            .filter(|s| row.iter().any(|c| matches(s, c.text)))
            .count()
    };
    let header_row = grid
        .rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .enumerate()
        .map(|(i, row)| (score(row), std::cmp::Reverse(i)))
        .max()
        .filter(|(n, _)| *n > 0)
        .map(|(_, std::cmp::Reverse(i))| i)
        .unwrap_or(0);
    let headers: Vec<String> = grid
        .rows
        .row(header_row)
        .iter()
        .map(|c| c.text.to_string())
        .collect();
    let sheet_row = header_row as u32 + 1;
    let mut problems = Vec::new();
    let mut columns = BTreeMap::new();
    for spec in specs {
        // An empty override says the file has no such column.
        if let Some(target) = overrides.get(spec.key).filter(|t| !t.trim().is_empty()) {
            let target = target.trim();
            let index = headers
                .iter()
                .position(|h| h == target)
                .or_else(|| (0..headers.len().max(64)).find(|&i| column_letter(i) == target));
            match index {
                Some(i) => {
                    columns.insert(spec.key, i);
                }
                None => problems.push(Problem::error(
                    Some(sheet_row),
                    None,
                    Some(spec.label.to_string()),
                    Code::COLUMN_MISSING,
                    format!("指定给“{}”的列“{target}”在表头中找不到。", spec.label),
                )),
            }
            continue;
        }
        let found: Vec<usize> = if overrides.contains_key(spec.key) {
            Vec::new()
        } else {
            headers
                .iter()
                .enumerate()
                .filter(|(_, h)| matches(spec, h))
                .map(|(i, _)| i)
                .collect()
        };
        match found[..] {
            [] if spec.required => problems.push(Problem::error(
                Some(sheet_row),
                None,
                Some(spec.label.to_string()),
                Code::COLUMN_MISSING,
                format!(
                    "第 {sheet_row} 行的表头中没有“{}”列（也可写作：{}）。请补上该列，或在“列对应”一步指定哪一列是{}。",
                    spec.label,
                    if spec.aliases.is_empty() { "无".to_string() } else { spec.aliases.join("、") },
                    spec.label
                ),
            )),
            [] => {}
            [i] => {
                columns.insert(spec.key, i);
            }
            [first, ..] => {
                let letters: Vec<String> = found.iter().map(|&i| column_letter(i)).collect();
                problems.push(Problem::error(
                    Some(sheet_row),
                    Some(column_letter(first)),
                    Some(spec.label.to_string()),
                    Code::COLUMN_AMBIGUOUS,
                    format!(
                        "表头中有 {} 列都可以当作“{}”：{} 列。请删去或改名多余的列，或在“列对应”一步指定用哪一列。",
                        found.len(),
                        spec.label,
                        letters.join("、")
                    ),
                ));
            }
        }
    }
    (
        Mapping {
            header_row,
            columns,
            headers,
        },
        problems,
    )
}

/// What the report shows of the mapping: every known column and where it was found.
pub fn describe(mapping: &Mapping, specs: &[ColumnSpec]) -> Vec<ColumnMatch> {
    specs
        .iter()
        .map(|s| ColumnMatch {
            key: s.key.to_string(),
            label: s.label.to_string(),
            required: s.required,
            column: mapping.letter(s.key),
            header: mapping
                .columns
                .get(s.key)
                .and_then(|&i| mapping.headers.get(i).cloned()),
        })
        .collect()
}

/// A row below the data that is not a record: totals and the signature footer of our exports
/// and of county templates.
pub fn is_trailer(row: Row) -> bool {
    let first = row.iter().find(|c| !c.text.is_empty());
    first.is_some_and(|c| {
        let t: String = c.text.chars().filter(|c| !c.is_whitespace()).collect();
        [
            "合计",
            "总计",
            "小计",
            "填报单位",
            "填报人",
            "审核人",
            "填报日期",
            "制表",
        ]
        .iter()
        .any(|p| t.starts_with(p))
    })
}

/// A row with no text in any cell.
pub fn is_blank(row: Row) -> bool {
    row.iter().all(|c| c.text.is_empty())
}
