//! A workbook's cost, bounded before calamine reads it. calamine decompresses every part it
//! needs and lays each sheet out densely (rows × columns, from the first to the last cell), at
//! open for `.xls` and `.ods`: a few hundred bytes can ask for gigabytes. So, from the raw bytes:
//!
//! - a zip (`.xlsx`, `.ods`): the declared unpacked size of every part, each and in total, at
//!   most [`MAX_UNZIPPED_BYTES`]; the zip reader itself stops a part that unpacks to more than
//!   it declared, so the actual size is bounded by the same cap;
//! - `.ods`: the filled area of each table, counting `number-rows-repeated` and
//!   `number-columns-repeated`, streamed from `content.xml`;
//! - `.xls`: the area of each sheet's cell records, streamed from the `Workbook` stream.
//!
//! Beyond a cap the file is refused with `SHEET_UNREADABLE` (`.xlsx` sheets' areas are checked
//! by `read::check_extent`, which streams calamine's own cell reader).

use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use super::read::{unreadable, MAX_SHEET_CELLS};
use crate::domain::Invalid;

/// The most a workbook may unpack to, all parts together: 256 MiB (a county's 100,000
/// households over 30 columns unpack to about 150 MiB).
pub const MAX_UNZIPPED_BYTES: u64 = 256 << 20;

/// Refuses a zip whose parts declare more than [`MAX_UNZIPPED_BYTES`] together, and an
/// OpenDocument spreadsheet whose tables' filled area exceeds [`MAX_SHEET_CELLS`].
pub(super) fn check_zip(bytes: &[u8], file_name: &str) -> Result<(), Invalid> {
    // A zip the zip reader cannot open is left to calamine, which names the problem.
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index_raw(i) else {
            return Ok(());
        };
        total = total.saturating_add(part.size());
        if total > MAX_UNZIPPED_BYTES {
            return Err(too_much_unpacked(file_name));
        }
    }
    if zip.index_for_name("content.xml").is_some() && zip.index_for_name("mimetype").is_some() {
        let Ok(content) = zip.by_name("content.xml") else {
            return Ok(());
        };
        check_ods_content(std::io::BufReader::new(content), file_name)?;
    }
    Ok(())
}

fn too_much_unpacked(file_name: &str) -> Invalid {
    unreadable(format!(
        "文件“{file_name}”解压后超过 {} MB（可能是异常构造的压缩文件）。请在 Excel 或 WPS 中打开并另存为 .xlsx，或分成几个文件导入。",
        MAX_UNZIPPED_BYTES >> 20
    ))
}

fn too_wide(file_name: &str, sheet: usize) -> Invalid {
    unreadable(format!(
        "文件“{file_name}”的第 {sheet} 个工作表范围过大（超过 {MAX_SHEET_CELLS} 个单元格，可能在很远的行列处有内容）。请删除多余的行列，或另存为 .csv 后再导入。"
    ))
}

/// The area a sheet lays out: rows from the first (row 1, rows above are padded) to the last
/// filled, columns likewise.
fn area(last_row: u64, last_col: u64) -> u64 {
    (last_row.saturating_add(1)).saturating_mul(last_col.saturating_add(1))
}

fn repeat(element: &BytesStart, name: &str) -> u64 {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.value.parse::<u64>().ok())
        .unwrap_or(1)
        .max(1)
}

fn has_value(element: &BytesStart) -> bool {
    element
        .attributes()
        .flatten()
        .any(|a| a.key.as_ref() == "office:value-type")
}

/// Streams `content.xml` and refuses a table whose filled area exceeds [`MAX_SHEET_CELLS`].
fn check_ods_content(content: impl std::io::BufRead, file_name: &str) -> Result<(), Invalid> {
    let mut reader = quick_xml::Reader::from_reader(content);
    let mut buf = Vec::new();
    let (mut table, mut row, mut col) = (0usize, 0u64, 0u64);
    // The current row's repeat and whether a cell of it is filled; the table's last filled row
    // and column.
    let (mut row_repeat, mut row_filled) = (1u64, false);
    let mut last: Option<(u64, u64)> = None;
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(event) => event,
        };
        let (element, empty) = match &event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                if row_filled {
                    let (r, c) = last.unwrap_or((0, 0));
                    last = Some((r.max(row + row_repeat - 1), c));
                }
                row = row.saturating_add(row_repeat);
                buf.clear();
                continue;
            }
            _ => {
                buf.clear();
                continue;
            }
        };
        match element.name().as_ref() {
            "table:table" => {
                table += 1;
                (row, last) = (0, None);
            }
            "table:table-row" => {
                (row_repeat, row_filled, col) =
                    (repeat(element, "table:number-rows-repeated"), false, 0);
                if empty {
                    row = row.saturating_add(row_repeat);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let n = repeat(element, "table:number-columns-repeated");
                // A cell with content: a value type, or children (its text).
                if !empty || has_value(element) {
                    row_filled = true;
                    let (r, c) = last.unwrap_or((row, 0));
                    let last_col = col.saturating_add(n - 1);
                    let last_row = r.max(row.saturating_add(row_repeat - 1));
                    last = Some((last_row, c.max(last_col)));
                    if area(last_row, c.max(last_col)) > MAX_SHEET_CELLS {
                        return Err(too_wide(file_name, table));
                    }
                }
                col = col.saturating_add(n);
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}

/// BIFF record types that place a cell (row and column in their first four bytes).
const CELL_RECORDS: &[u16] = &[
    0x0006, // FORMULA
    0x00D6, // RSTRING
    0x00FD, // LABELSST
    0x0201, // BLANK
    0x0203, // NUMBER
    0x0204, // LABEL
    0x0205, // BOOLERR
    0x027E, // RK
];
/// Records of a run of cells in one row: the last column is in their last two bytes.
const CELL_RUNS: &[u16] = &[0x00BD /* MULRK */, 0x00BE /* MULBLANK */];
const BOF: u16 = 0x0809;

/// Streams the `.xls` cell records and refuses a sheet whose area exceeds [`MAX_SHEET_CELLS`]
/// before calamine lays every sheet out at open.
pub(super) fn check_xls(bytes: &[u8], file_name: &str) -> Result<(), Invalid> {
    // A file cfb cannot open is left to calamine, which names the problem.
    let Ok(mut file) = cfb::CompoundFile::open(Cursor::new(bytes)) else {
        return Ok(());
    };
    let stream = ["/Workbook", "/Book"]
        .into_iter()
        .find(|name| file.is_stream(name));
    let Some(stream) = stream else {
        return Ok(());
    };
    let mut data = Vec::new();
    let Ok(mut reader) = file.open_stream(stream) else {
        return Ok(());
    };
    if reader
        .by_ref()
        .take(super::read::MAX_SHEET_BYTES as u64)
        .read_to_end(&mut data)
        .is_err()
    {
        return Ok(());
    }
    let (mut sheet, mut last): (usize, Option<(u64, u64)>) = (0, None);
    let mut at = 0usize;
    while at + 4 <= data.len() {
        let kind = u16::from_le_bytes([data[at], data[at + 1]]);
        let len = usize::from(u16::from_le_bytes([data[at + 2], data[at + 3]]));
        let record = &data[(at + 4).min(data.len())..(at + 4 + len).min(data.len())];
        at += 4 + len;
        if kind == BOF {
            (sheet, last) = (sheet + 1, None);
            continue;
        }
        let run = CELL_RUNS.contains(&kind);
        if !(run || CELL_RECORDS.contains(&kind)) || record.len() < 4 {
            continue;
        }
        let row = u64::from(u16::from_le_bytes([record[0], record[1]]));
        let mut col = u64::from(u16::from_le_bytes([record[2], record[3]]));
        if run && record.len() >= 6 {
            let end = record.len();
            col = col.max(u64::from(u16::from_le_bytes([
                record[end - 2],
                record[end - 1],
            ])));
        }
        let (r, c) = last.map_or((row, col), |(r, c)| (r.max(row), c.max(col)));
        last = Some((r, c));
        if area(r, c) > MAX_SHEET_CELLS {
            // The workbook globals are the first substream: sheets count from the second.
            return Err(too_wide(file_name, sheet.saturating_sub(1).max(1)));
        }
    }
    Ok(())
}
