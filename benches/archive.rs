//! The project archive of the demo's programme (成县2019年电商扶贫示范店, 124 shops): every
//! roster, ledger and inspection report printed fresh, the fund lists and the notice, the
//! index and the manifest, zipped; and `verify_archive` re-hashing every entry. Target: the
//! archive < 15 s. Figures are printed, never asserted.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, SamplingMode};
use fieldbook::demo::load_demo;
use fieldbook::demo::records::DEMO_PROGRAMME;
use fieldbook::print::archive::verify_archive;
use fieldbook::Store;

fn archive(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("fieldbook.db")).unwrap();
    load_demo(&mut store).unwrap();
    let programme = store
        .list_programmes()
        .unwrap()
        .into_iter()
        .find(|p| p.name == DEMO_PROGRAMME)
        .unwrap()
        .id;
    fieldbook::print::fonts::fonts().unwrap();

    let kept = dir.path().join("kept.zip");
    let started = Instant::now();
    let report = store.archive_programme(&programme, &kept).unwrap();
    eprintln!(
        "demo programme archive: {} files, {} printed, {} pages, {} KB, first run {:.1?} \
         (target < 15 s)",
        report.files,
        report.printed,
        report.pages,
        report.bytes / 1024,
        started.elapsed()
    );

    let mut group = c.benchmark_group("archive");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(30));
    group.bench_function("archive_programme, demo (124 shops)", |b| {
        b.iter_batched(
            || {
                dir.path()
                    .join(format!("{}.zip", fieldbook::store::new_id()))
            },
            |out| {
                let report = store.archive_programme(&programme, &out).unwrap();
                std::fs::remove_file(&out).unwrap();
                black_box(report)
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("verify_archive, demo (124 shops)", |b| {
        b.iter(|| black_box(verify_archive(&kept).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, archive);
criterion_main!(benches);
