//! Hostile sealed files: how long each refusal takes (`sealed::open`, the path the county's
//! import and the laptop's package apply take first), and hostile spreadsheets (`sheets::read`,
//! the path every import takes first). Prints the worst refusal; never asserted.

use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use fieldbook::sync::sealed::{self, BATCH};

#[path = "../tests/support/hostile_sheets.rs"]
mod hostile_sheets;

/// An age header of `stanzas` X25519 stanzas (the file that took 51 s at 4,000 before the cap).
fn many_stanzas(stanzas: usize) -> Vec<u8> {
    let mut out = b"age-encryption.org/v1\n".to_vec();
    for _ in 0..stanzas {
        out.extend_from_slice(b"-> X25519 TEiF0ypqr+bpvcqXNyCVJpL7OuwPdVwPL7KQEbFDOCc\n");
        out.extend_from_slice(b"EmECAEcKN+n/Vs9SbWiV+Hu0r+E8R77DdWYyd83nw7U\n");
    }
    out.extend_from_slice(b"--- Vn+54jqiiUCE+WZcEVY3f1sqHjlu/z1LCQ/T7Xm7qI0\n");
    out
}

fn hostile(c: &mut Criterion) {
    let identity = age::x25519::Identity::generate();
    let mut endless = b"age-encryption.org/v1\n".to_vec();
    endless.extend(std::iter::repeat_n(b'A', 50 << 20));
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("4000 stanzas", many_stanzas(4000)),
        ("50 MB header", endless),
        (
            "50 MB not a batch",
            age::encrypt(&identity.to_public(), &vec![b'x'; 50 << 20]).unwrap(),
        ),
        (
            "50 MB random",
            (0..50u32 << 20)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
                .collect(),
        ),
    ];
    let mut worst = (Duration::ZERO, "");
    for (name, file) in &files {
        let start = Instant::now();
        let refused = sealed::open(&identity, file, &BATCH).unwrap_err();
        let took = start.elapsed();
        println!(
            "hostile {name}: refused {} in {took:?}",
            refused.code().as_str()
        );
        if took > worst.0 {
            worst = (took, name);
        }
        c.bench_function(&format!("refuse {name}"), |b| {
            b.iter(|| sealed::open(&identity, file, &BATCH).unwrap_err())
        });
    }
    let sheet = {
        let mut book = rust_xlsxwriter::Workbook::new();
        book.add_worksheet().write_string(0, 0, "户主姓名").unwrap();
        book.save_to_buffer().unwrap()
    };
    let sheets: Vec<(&str, &str, Vec<u8>)> = vec![
        (
            "xlsx unpacking to 300 MiB",
            "bomb.xlsx",
            hostile_sheets::zip_bomb(300),
        ),
        (
            "xlsx declaring 4 GiB",
            "declared.xlsx",
            hostile_sheets::declaring(&sheet, "xl/worksheets/sheet1.xml", 0xFFFF_FFF0),
        ),
        (
            "xlsx unpacking beyond what it declares",
            "liar.xlsx",
            hostile_sheets::declaring(&sheet, "xl/worksheets/sheet1.xml", 16),
        ),
        (
            "ods of 17 billion repeated cells",
            "repeated.ods",
            hostile_sheets::ods_repeated(),
        ),
        (
            "xls spanning IV65536",
            "far.xls",
            hostile_sheets::xls_far_corner(),
        ),
        (
            "csv of 60 million commas",
            "commas.csv",
            hostile_sheets::csv_of_commas(60 << 20),
        ),
    ];
    for (name, file_name, file) in &sheets {
        let start = Instant::now();
        let refused = fieldbook::sheets::read::read(file, file_name).unwrap_err();
        let took = start.elapsed();
        println!(
            "hostile {name}: refused {} in {took:?}",
            refused.code.as_str()
        );
        if took > worst.0 {
            worst = (took, name);
        }
        c.bench_function(&format!("refuse {name}"), |b| {
            b.iter(|| fieldbook::sheets::read::read(file, file_name).unwrap_err())
        });
    }
    println!("worst hostile refusal: {} in {:?}", worst.1, worst.0);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = hostile
}
criterion_main!(benches);
