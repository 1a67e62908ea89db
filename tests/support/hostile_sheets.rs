//! Hostile spreadsheet files, built in memory: shared by the core tests
//! (`tests/core/sheets_hostile.rs`) and the bench (`benches/hostile.rs`), included by `#[path]`.
#![allow(dead_code)]

use std::io::{Cursor, Write};

/// An `.xlsx` (any zip) with the declared unpacked size of `part` set to `size`, in its central
/// directory entry and its local header alike: a zip bomb as its directory announces it
/// (`size` large), or a part that lies about how much it unpacks to (`size` small).
pub fn declaring(zip: &[u8], part: &str, size: u32) -> Vec<u8> {
    let mut out = zip.to_vec();
    let name = part.as_bytes();
    for (signature, size_at, name_at) in [(b"PK\x01\x02", 24, 46), (b"PK\x03\x04", 22, 30)] {
        let mut at = 0;
        while let Some(found) = out[at..].windows(4).position(|w| w == signature) {
            let start = at + found;
            let end = start + name_at + name.len();
            if out.len() >= end && &out[start + name_at..end] == name {
                out[start + size_at..start + size_at + 4].copy_from_slice(&size.to_le_bytes());
            }
            at = start + 4;
        }
    }
    out
}

/// A zip whose one sheet part really unpacks to `mib` MiB of spaces (about 1,000 times smaller
/// packed).
pub fn zip_bomb(mib: usize) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("xl/worksheets/sheet1.xml", deflated)
        .unwrap();
    let block = vec![b' '; 1 << 20];
    for _ in 0..mib {
        zip.write_all(&block).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// An OpenDocument spreadsheet whose `content.xml` body (inside `<table:table>`) is `rows`.
pub fn ods(rows: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", stored).unwrap();
    zip.write_all(
        br#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#,
    )
    .unwrap();
    zip.start_file("content.xml", stored).unwrap();
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Sheet1">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

/// A text cell of an `.ods` row.
pub fn ods_cell(text: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>"#
    )
}

/// One row filled across 16,384 columns, repeated 1,048,576 times: a few hundred bytes that
/// calamine would lay out as 17 billion cells.
pub fn ods_repeated() -> Vec<u8> {
    ods(
        r#"<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/></table:table-row>"#,
    )
}

fn biff(kind: u16, data: &[u8]) -> Vec<u8> {
    let mut out = kind.to_le_bytes().to_vec();
    out.extend((data.len() as u16).to_le_bytes());
    out.extend(data);
    out
}

fn number(row: u16, col: u16) -> Vec<u8> {
    let mut data = row.to_le_bytes().to_vec();
    data.extend(col.to_le_bytes());
    data.extend(0u16.to_le_bytes());
    data.extend(1.0f64.to_le_bytes());
    biff(0x0203, &data)
}

/// An `.xls` (BIFF8 in a compound file) whose one sheet holds A1 and IV65536: laid out densely,
/// 16.7 million cells, at open.
pub fn xls_far_corner() -> Vec<u8> {
    let bof = |kind: u16| {
        let mut data = 0x0600u16.to_le_bytes().to_vec();
        data.extend(kind.to_le_bytes());
        data.extend([0u8; 12]);
        biff(0x0809, &data)
    };
    let eof = biff(0x000A, &[]);
    let mut stream = bof(0x0005);
    stream.extend(&eof);
    stream.extend(bof(0x0010));
    stream.extend(number(0, 0));
    stream.extend(number(65_535, 255));
    stream.extend(&eof);
    let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    file.create_stream("/Workbook")
        .unwrap()
        .write_all(&stream)
        .unwrap();
    file.flush().unwrap();
    file.into_inner().into_inner()
}

/// A CSV of nothing but commas: `cells` empty cells in one row.
pub fn csv_of_commas(cells: usize) -> Vec<u8> {
    vec![b','; cells]
}
