//! A spreadsheet file as an import reads it (`sheets::read::read`), named `.xlsx`. Seeds are
//! real exports, so mutations reach calamine's zip and XML readers.
#![no_main]

use fieldbook::sheets::read::{read, MAX_SHEET_CELLS};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(grid) = read(data, "fuzz.xlsx") {
        let cells: usize = grid.rows.iter().map(|r| r.len()).sum();
        assert!(cells as u64 <= MAX_SHEET_CELLS, "{cells} cells");
    }
});
