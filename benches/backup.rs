//! Backup and restore of the demo database (成县, plain and encrypted): the online copy, the
//! manifest's counts, the zip; and restore's unpack, SHA-256, integrity check, chain walk and
//! counts. Figures are printed, never asserted.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, SamplingMode};
use fieldbook::demo::load_demo;
use fieldbook::store::{restore_backup, Passphrase};
use fieldbook::Store;

fn demo_store(dir: &Path, passphrase: Option<&Passphrase>) -> Store {
    let mut store = Store::open_with(&dir.join("fieldbook.db"), passphrase).unwrap();
    load_demo(&mut store).unwrap();
    store
}

fn backup_and_restore(c: &mut Criterion) {
    let mut group = c.benchmark_group("backup");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5));
    let passphrase = Passphrase::new("托里县-备份-基准").unwrap();
    for (name, key) in [("plain", None), ("encrypted", Some(&passphrase))] {
        let dir = tempfile::tempdir().unwrap();
        let store = demo_store(dir.path(), key);
        let kept = dir.path().join("kept.fbbackup");
        store.backup_to(&kept).unwrap();

        group.bench_function(format!("backup_to, demo, {name}"), |b| {
            let out = dir.path().join("bench.fbbackup");
            b.iter(|| black_box(store.backup_to(&out).unwrap()))
        });
        group.bench_function(format!("restore_backup, demo, {name}"), |b| {
            b.iter_batched(
                || tempfile::tempdir().unwrap(),
                |into| {
                    let to = into.path().join("restored.db");
                    black_box(restore_backup(&kept, &to, key).unwrap());
                    into
                },
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, backup_and_restore);
criterion_main!(benches);
