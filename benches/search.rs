//! Household search on a register of 100,000 households (a file database in WAL mode, as the
//! desktop app uses): by name prefix, part of a name, pinyin initials, full pinyin, a mix
//! (王jg) and the last digits of the ID number, 50 rows a page, and a page further on. The
//! register is built through the public write path, one `add_household` per household.
//! Goal (issue 18): name prefix, initials and ID suffix under 2 ms each.

use std::collections::HashSet;
use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use fieldbook::demo::load_demo_places;
use fieldbook::demo::records::Synthetic;
use fieldbook::domain::households::{HouseholdInput, HouseholdQuery};
use fieldbook::domain::name_search::{name_keys, KeyKind};
use fieldbook::Store;

const HOUSEHOLDS: usize = 100_000;

fn query(text: &str) -> HouseholdQuery {
    HouseholdQuery {
        text: text.into(),
        township_code: None,
        village_id: None,
        offset: 0,
        limit: 50,
        status: None,
    }
}

/// `n` synthetic households spread over the demo villages, with unique ID numbers.
fn households(village_ids: &[String], n: usize, seed: u64) -> Vec<HouseholdInput> {
    let mut rng = Synthetic::new(seed);
    let mut ids = HashSet::with_capacity(n);
    (0..n)
        .map(|i| {
            let male = rng.chance(82);
            let id_number = loop {
                let id = rng.resident_id("621221", 1940, 2005, male);
                if ids.insert(id.clone()) {
                    break id;
                }
            };
            HouseholdInput {
                head_name: rng.person_name(male),
                id_number,
                size: rng.between(1, 7) as u32,
                village_id: village_ids[i % village_ids.len()].clone(),
                village_group: format!("{}组", ["一", "二", "三", "四", "五", "六"][i % 6]),
                category: ["general", "dibao", "tekun"][rng.weighted(&[75, 17, 8])].into(),
                year_lifted: rng.chance(50).then(|| rng.between(2016, 2020) as i32),
                phone: String::new(),
                notes: String::new(),
            }
        })
        .collect()
}

fn search(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("search.db")).unwrap();
    load_demo_places(&mut store).unwrap();
    let villages: Vec<String> = store
        .list_villages(None)
        .unwrap()
        .into_iter()
        .map(|v| v.id)
        .collect();
    let inputs = households(&villages, HOUSEHOLDS, 0x5eed);
    let started = Instant::now();
    for input in &inputs {
        store.add_household(input).unwrap();
    }
    let took = started.elapsed();
    eprintln!(
        "setup: {HOUSEHOLDS} households through add_household (one transaction each) in {took:.1?} \
         = {:.0} households/s",
        HOUSEHOLDS as f64 / took.as_secs_f64()
    );

    let id = &inputs[HOUSEHOLDS / 2].id_number;
    let two_chars: String = inputs[HOUSEHOLDS / 3].head_name.chars().take(2).collect();
    let someone = &inputs[HOUSEHOLDS / 3].head_name;
    let key = |kind: KeyKind| {
        name_keys(someone)
            .into_iter()
            .find(|k| k.kind == kind)
            .map(|k| k.key)
            .unwrap_or_default()
    };
    let initials = key(KeyKind::Initials);
    let mixed: String = someone
        .chars()
        .take(1)
        .chain(initials.chars().skip(1))
        .collect();
    let last_char: String = someone.chars().skip(1).take(1).collect();
    let cases = [
        ("name prefix 1 char".to_string(), "王".to_string()),
        ("name prefix 2 chars".to_string(), two_chars),
        ("name inside 1 char".to_string(), last_char),
        ("pinyin initials".to_string(), initials.clone()),
        (
            "pinyin initials 1 letter".to_string(),
            initials.chars().take(1).collect(),
        ),
        ("full pinyin".to_string(), key(KeyKind::Pinyin)),
        ("mixed 王jg".to_string(), mixed),
        ("id last 4 digits".to_string(), id[14..].to_string()),
        ("id last 6 digits".to_string(), id[12..].to_string()),
    ];
    let mut group = c.benchmark_group("search_households 100k");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for (name, text) in &cases {
        let q = query(text);
        let page = store.search_households(&q).unwrap();
        eprintln!(
            "{name}: “{text}” matches {}{} households",
            if page.more { "more than " } else { "" },
            page.total
        );
        group.bench_function(name.as_str(), |b| {
            b.iter(|| black_box(store.search_households(black_box(&q)).unwrap()))
        });
    }
    let mut further = query("王");
    further.offset = 500;
    group.bench_function("name prefix 1 char, page 11", |b| {
        b.iter(|| black_box(store.search_households(black_box(&further)).unwrap()))
    });
    let everything = query("");
    group.bench_function("no text (exact count)", |b| {
        b.iter(|| black_box(store.search_households(black_box(&everything)).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, search);
criterion_main!(benches);
