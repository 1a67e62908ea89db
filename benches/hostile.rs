//! Hostile sealed files: how long each refusal takes (`sealed::open`, the path the county's
//! import and the laptop's package apply take first). Prints the worst refusal; never asserted.

use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use fieldbook::sync::sealed::{self, BATCH};

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
    println!("worst hostile refusal: {} in {:?}", worst.1, worst.0);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = hostile
}
criterion_main!(benches);
