//! The cells of a sheet, packed: one text buffer and, per cell, where its text lies. A sheet at
//! the caps (5,000,000 cells, 64 MiB) held as a `String` per cell would take well over a
//! gigabyte; packed it takes its text plus 8 bytes a cell.

use crate::domain::Invalid;

/// One cell as the importers read it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cell<'a> {
    /// The text, normalised: full-width digits and spaces made half-width, trimmed.
    pub text: &'a str,
    /// The file stored a number here (not text).
    pub numeric: bool,
}

/// The length field's top bit: the cell was a number in the file.
const NUMERIC: u32 = 1 << 31;

/// Rows of cells in one buffer. Rows from `padded_from` on begin with `lead` empty cells that
/// are not stored (a workbook's range starting right of column A keeps its column letters).
#[derive(Debug, Clone, Default)]
pub struct Cells {
    text: String,
    /// Per stored cell: its text's start in `text` and its length (with `NUMERIC`).
    spans: Vec<(u32, u32)>,
    /// Per row: the end of its cells in `spans`.
    row_ends: Vec<u32>,
    padded_from: u32,
    lead: u32,
}

impl Cells {
    pub(super) fn with_lead(padded_from: u32, lead: u32) -> Cells {
        Cells {
            padded_from,
            lead,
            ..Cells::default()
        }
    }

    /// Appends a cell to the row being built (its text normalised when `normalise`).
    pub(super) fn push(
        &mut self,
        raw: &str,
        numeric: bool,
        normalise: bool,
    ) -> Result<(), Invalid> {
        let span = self.store_text(raw, numeric, normalise)?;
        self.spans.push(span);
        Ok(())
    }

    /// The span of text appended from `start`; refused when the text outgrows 32-bit offsets.
    fn span(&self, start: usize, numeric: bool) -> Result<(u32, u32), Invalid> {
        let len = self.text.len() - start;
        match (u32::try_from(start), u32::try_from(len)) {
            (Ok(s), Ok(l)) if l < NUMERIC && self.text.len() < u32::MAX as usize => {
                Ok((s, l | if numeric { NUMERIC } else { 0 }))
            }
            _ => Err(super::read::unreadable(
                "表格中的文字超过 2 GB，无法导入。请把数据分成几个文件导入。".into(),
            )),
        }
    }

    /// Appends `raw`, normalised, to the text and answers its span (a cell's text stored once
    /// for many cells: a workbook's shared string).
    pub(super) fn store_text(
        &mut self,
        raw: &str,
        numeric: bool,
        normalise: bool,
    ) -> Result<(u32, u32), Invalid> {
        let start = self.text.len();
        if normalise {
            super::read::normalise_into(raw, &mut self.text);
        } else {
            self.text.push_str(raw);
        }
        self.span(start, numeric)
    }

    /// Room for `n` cells, all empty: filled by `set` (a workbook's cells come in any order).
    pub(super) fn extend_empty(&mut self, n: usize) {
        self.spans.resize(self.spans.len() + n, (0, 0));
    }

    pub(super) fn set(&mut self, index: usize, span: (u32, u32)) {
        if let Some(slot) = self.spans.get_mut(index) {
            *slot = span;
        }
    }

    pub(super) fn stored(&self) -> usize {
        self.spans.len()
    }

    /// Ends the row being built.
    pub(super) fn end_row(&mut self) {
        self.row_ends.push(self.spans.len() as u32);
    }

    /// Ends a row whose cells end at `end` (set beforehand with `extend_empty`).
    pub(super) fn end_row_at(&mut self, end: usize) {
        self.row_ends.push(end as u32);
    }

    pub fn len(&self) -> usize {
        self.row_ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.row_ends.is_empty()
    }

    /// Row `i` (0-based); an empty row past the last.
    pub fn row(&self, i: usize) -> Row<'_> {
        let Some(&end) = self.row_ends.get(i) else {
            return Row {
                cells: self,
                first: 0,
                end: 0,
                lead: 0,
            };
        };
        let first = if i == 0 { 0 } else { self.row_ends[i - 1] };
        let lead = if i as u32 >= self.padded_from {
            self.lead
        } else {
            0
        };
        Row {
            cells: self,
            first,
            end,
            lead,
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = Row<'_>> + '_ {
        (0..self.len()).map(|i| self.row(i))
    }

    fn cell(&self, index: u32) -> Cell<'_> {
        let (start, len) = self.spans[index as usize];
        let end = start as usize + (len & !NUMERIC) as usize;
        Cell {
            text: &self.text[start as usize..end],
            numeric: len & NUMERIC != 0,
        }
    }
}

/// One row of a sheet.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    cells: &'a Cells,
    first: u32,
    end: u32,
    lead: u32,
}

impl<'a> Row<'a> {
    pub fn len(&self) -> usize {
        (self.lead + self.end - self.first) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Cell `i` (0-based column), `None` past the row's end.
    pub fn get(&self, i: usize) -> Option<Cell<'a>> {
        let i = u32::try_from(i).ok()?;
        if i < self.lead {
            return Some(Cell::default());
        }
        let index = self.first.checked_add(i - self.lead)?;
        (index < self.end).then(|| self.cells.cell(index))
    }

    /// The text of cell `i`, empty past the row's end.
    pub fn text(&self, i: usize) -> &'a str {
        self.get(i).map_or("", |c| c.text)
    }

    pub fn iter(&self) -> impl Iterator<Item = Cell<'a>> + 'a {
        let (cells, lead) = (self.cells, self.lead);
        (0..lead)
            .map(|_| Cell::default())
            .chain((self.first..self.end).map(move |i| cells.cell(i)))
    }
}
