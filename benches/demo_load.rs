//! The desktop's first start: `load_demo` into a new database file (WAL): 成县's places, the
//! demo register, 124 shops with their agreements, rosters and ledgers.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, SamplingMode};
use fieldbook::demo::load_demo;
use fieldbook::Store;

fn demo_load(c: &mut Criterion) {
    let mut group = c.benchmark_group("first start");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5));
    group.bench_function("load_demo into a new file", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let store = Store::open(&dir.path().join("demo.db")).unwrap();
                (dir, store)
            },
            |(dir, mut store)| {
                black_box(load_demo(&mut store).unwrap());
                (dir, store)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, demo_load);
criterion_main!(benches);
