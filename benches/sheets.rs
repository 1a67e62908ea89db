//! Spreadsheets at county size, on a file database in WAL mode as the desktop app uses: a dry
//! run of a 50,000-row household register (.xlsx, read + column matching + every row through
//! the validation and write path in one transaction, rolled back), the import itself (the same
//! run committed, into a database without those households), and the export of the 50,000
//! households as .xlsx. Targets: dry run < 10 s, import < 10 s more, export < 5 s. Figures are
//! printed, never asserted.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use fieldbook::demo::load_demo_places;
use fieldbook::domain::resident_id::check_char;
use fieldbook::sheets::{export_xlsx, import, ExportKind, ImportKind, ImportMode, ImportOptions};
use fieldbook::Store;
use rust_xlsxwriter::Workbook;

const ROWS: usize = 50_000;

/// Unique by construction, as in the training bench.
fn person_id(n: usize) -> String {
    let epoch = chrono::NaiveDate::from_ymd_opt(1950, 1, 1).unwrap();
    let birth = epoch + chrono::Days::new((n / 499) as u64);
    let first17 = format!("621221{}{:03}", birth.format("%Y%m%d"), 2 * (n % 499) + 1);
    format!("{first17}{}", check_char(&first17))
}

fn fresh_store(dir: &tempfile::TempDir, name: &str) -> Store {
    let mut store = Store::open(&dir.path().join(name)).unwrap();
    load_demo_places(&mut store).unwrap();
    store
}

/// A register as a county sends it: a merged title row, then the header and 50,000 rows.
fn register_file(store: &Store) -> Vec<u8> {
    let villages = store.list_villages(None).unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .merge_range(0, 0, 0, 7, "成县建档立卡户花名册", &Default::default())
        .unwrap();
    for (c, h) in [
        "户主姓名",
        "身份证号码",
        "家庭人口",
        "村代码",
        "村民小组",
        "类别",
        "脱贫年度",
        "联系电话",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    for n in 0..ROWS {
        let r = n as u32 + 2;
        let v = &villages[n % villages.len()];
        sheet.write_string(r, 0, format!("户主{n}")).unwrap();
        sheet.write_string(r, 1, person_id(n)).unwrap();
        sheet.write_number(r, 2, (n % 7 + 1) as f64).unwrap();
        sheet.write_string(r, 3, &v.code).unwrap();
        sheet
            .write_string(r, 4, format!("{}组", n % 9 + 1))
            .unwrap();
        sheet.write_string(r, 5, "一般贫困户").unwrap();
        sheet.write_number(r, 6, (2016 + n % 5) as f64).unwrap();
        sheet.write_string(r, 7, format!("138{:08}", n)).unwrap();
    }
    book.save_to_buffer().unwrap()
}

fn options(mode: ImportMode) -> ImportOptions {
    ImportOptions {
        kind: ImportKind::Households,
        mode,
        into: None,
        mapping: Default::default(),
    }
}

fn sheets(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = fresh_store(&dir, "dry.db");
    let file = register_file(&store);
    eprintln!("file: {ROWS} rows, {} KB", file.len() / 1024);

    // One timed run of each, printed, before criterion's samples.
    let started = Instant::now();
    let dry = import(&mut store, &file, "户.xlsx", &options(ImportMode::DryRun)).unwrap();
    let dry_took = started.elapsed();
    assert_eq!(
        dry.counts.new as usize,
        ROWS,
        "{:?}",
        dry.rows.iter().find(|r| r.outcome == "error")
    );
    let mut target = fresh_store(&dir, "import.db");
    let started = Instant::now();
    let done = import(&mut target, &file, "户.xlsx", &options(ImportMode::All)).unwrap();
    let import_took = started.elapsed();
    assert!(done.written);
    let started = Instant::now();
    let (bytes, summary) = export_xlsx(&target, ExportKind::Households, None, None).unwrap();
    let export_took = started.elapsed();
    assert_eq!(summary.rows as usize, ROWS);
    eprintln!(
        "dry run of {ROWS} rows: {dry_took:.2?} ({:.0} rows/s); import: {import_took:.2?}; \
         export of {ROWS} rows: {export_took:.2?} ({} KB)",
        ROWS as f64 / dry_took.as_secs_f64(),
        bytes.len() / 1024
    );

    let mut group = c.benchmark_group("sheets");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("dry run 50k households xlsx", |b| {
        b.iter(|| {
            black_box(import(&mut store, &file, "户.xlsx", &options(ImportMode::DryRun)).unwrap())
        })
    });
    let mut n = 0;
    group.bench_function("import 50k households xlsx", |b| {
        b.iter_batched(
            || {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(dir.path().join(format!("import{n}.db{suffix}")));
                }
                n += 1;
                fresh_store(&dir, &format!("import{n}.db"))
            },
            |mut fresh| {
                black_box(import(&mut fresh, &file, "户.xlsx", &options(ImportMode::All)).unwrap())
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("export 50k households xlsx", |b| {
        b.iter(|| black_box(export_xlsx(&target, ExportKind::Households, None, None).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, sheets);
criterion_main!(benches);
