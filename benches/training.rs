//! Training sign-in on a county-sized database (a file database in WAL mode, as the desktop app
//! uses): finding a person by ID among 100,000 registered households (`household_by_id_number`,
//! which derives the poor flag), recording one attendance row with its overlap, headcount and
//! age checks (`add_attendance`, one transaction), and a training programme's totals over 50,000
//! attendance rows (`training_totals`). Built through the public API: households with
//! `add_households` and attendance with `add_attendances`, one transaction per batch.
//! Targets: median < 5 ms, < 10 ms and < 50 ms. Figures are printed, never asserted.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use fieldbook::demo::load_demo_places;
use fieldbook::demo::records::Synthetic;
use fieldbook::domain::households::HouseholdInput;
use fieldbook::domain::resident_id::check_char;
use fieldbook::domain::training::{AttendanceInput, HalfDays, TrainingKind, TrainingSessionInput};
use fieldbook::Store;

const HOUSEHOLDS: usize = 100_000;
const HOUSEHOLD_BATCH: usize = 10_000;
/// 50 sessions × 5 days × 2 half-days × 100 trainees = 50,000 attendance rows.
const SESSIONS: usize = 50;
const SESSION_DAYS: u64 = 5;
const CLASS: usize = 100;

/// Unique by construction: the n-th person of a region is born on day n / 499 after 1950-01-01
/// with sequence 2 · (n mod 499) + 1. `621221` is the register's county, `621202` outsiders.
fn person_id(region: &str, n: usize) -> String {
    let epoch = chrono::NaiveDate::from_ymd_opt(1950, 1, 1).unwrap();
    let birth = epoch + chrono::Days::new((n / 499) as u64);
    let first17 = format!("{region}{}{:03}", birth.format("%Y%m%d"), 2 * (n % 499) + 1);
    format!("{first17}{}", check_char(&first17))
}

fn registered(n: usize) -> String {
    person_id("621221", n)
}

fn outsider(n: usize) -> String {
    person_id("621202", n)
}

fn session_input(
    programme: &str,
    kind: TrainingKind,
    title: String,
    township: Option<String>,
    start: chrono::NaiveDate,
    days: u64,
) -> TrainingSessionInput {
    TrainingSessionInput {
        programme_id: programme.into(),
        kind,
        title,
        organiser: "成县商务局".into(),
        provider: "成县电子商务公共服务中心".into(),
        venue: "会议室".into(),
        township_id: township,
        start_date: start.to_string(),
        end_date: (start + chrono::Days::new(days - 1)).to_string(),
        half_days: HalfDays::Both,
        slots: None,
        trainers: vec!["王老师".into()],
        outline: String::new(),
        planned_headcount: CLASS as u32,
        audience: None,
    }
}

fn attendee(session: &str, slot: String, id_number: String) -> AttendanceInput {
    AttendanceInput {
        session_id: session.into(),
        slot,
        name: "学员".into(),
        id_number,
        phone: String::new(),
        township_id: None,
        village_id: None,
        signed: true,
        sheet_page: String::new(),
        audience: None,
    }
}

fn slots(start: chrono::NaiveDate, days: u64) -> Vec<String> {
    (0..days)
        .flat_map(|d| {
            let date = start + chrono::Days::new(d);
            ["am", "pm"].map(|h| format!("{date} {h}"))
        })
        .collect()
}

fn median_and_p95(mut samples: Vec<Duration>) -> (Duration, Duration) {
    samples.sort();
    (
        samples[samples.len() / 2],
        samples[samples.len() * 95 / 100],
    )
}

fn training(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("training.db")).unwrap();
    load_demo_places(&mut store).unwrap();
    let villages: Vec<String> = store
        .list_villages(None)
        .unwrap()
        .into_iter()
        .map(|v| v.id)
        .collect();
    let townships: Vec<String> = store
        .list_townships()
        .unwrap()
        .into_iter()
        .map(|t| t.id)
        .collect();

    // The register: 100,000 households in batches of 10,000, one transaction each.
    let mut rng = Synthetic::new(0x7a1e);
    let started = Instant::now();
    for batch in 0..HOUSEHOLDS / HOUSEHOLD_BATCH {
        let inputs: Vec<HouseholdInput> = (batch * HOUSEHOLD_BATCH..(batch + 1) * HOUSEHOLD_BATCH)
            .map(|n| HouseholdInput {
                head_name: rng.person_name(true),
                id_number: registered(n),
                size: rng.between(1, 7) as u32,
                village_id: villages[n % villages.len()].clone(),
                village_group: "一组".into(),
                category: "general".into(),
                year_lifted: Some(2019),
                phone: String::new(),
                notes: String::new(),
            })
            .collect();
        store.add_households(&inputs).unwrap();
    }
    eprintln!(
        "setup: {HOUSEHOLDS} households (add_households, batches of {HOUSEHOLD_BATCH}) in {:.1?}",
        started.elapsed()
    );

    // 50,000 attendance rows in the 2019 programme: 45 township sessions, 3 county sessions,
    // 2 field trips; each class of 100 (half registered, half not) attends all 10 half-days.
    let programme = store
        .add_programme_from_preset("chengxian-2019-training", None)
        .unwrap()
        .id;
    let first_day = chrono::NaiveDate::from_ymd_opt(2019, 3, 4).unwrap();
    let started = Instant::now();
    let mut rows = 0;
    for i in 0..SESSIONS {
        let kind = match i {
            0..45 => TrainingKind::TownshipOnsite,
            45..48 => TrainingKind::County,
            _ => TrainingKind::FieldTrip,
        };
        let township = (kind == TrainingKind::TownshipOnsite).then(|| townships[i % 17].clone());
        let start = first_day + chrono::Days::new(7 * i as u64);
        let session = store
            .add_training_session(&session_input(
                &programme,
                kind,
                format!("第{}期电商培训", i + 1),
                township,
                start,
                SESSION_DAYS,
            ))
            .unwrap()
            .record
            .id;
        let sheet: Vec<AttendanceInput> = slots(start, SESSION_DAYS)
            .into_iter()
            .flat_map(|slot| {
                let session = &session;
                (0..CLASS).map(move |j| {
                    let p = i * CLASS + j;
                    let id = if j % 2 == 0 {
                        registered(p)
                    } else {
                        outsider(p)
                    };
                    attendee(session, slot.clone(), id)
                })
            })
            .collect();
        rows += store.add_attendances(&sheet).unwrap().len();
    }
    let took = started.elapsed();
    eprintln!(
        "setup: {rows} attendance rows in {SESSIONS} sessions (add_attendances, one transaction \
         per session) in {took:.1?} = {:.0} rows/s",
        rows as f64 / took.as_secs_f64()
    );

    // For add_attendance: a 2020 programme with two sessions on the same day, so the overlap
    // check finds the first 5,000 trainees in the other session.
    let bench_programme = store
        .add_programme_from_preset("chengxian-2019-training", Some(2020))
        .unwrap()
        .id;
    let day = chrono::NaiveDate::from_ymd_opt(2020, 5, 6).unwrap();
    let other = store
        .add_training_session(&session_input(
            &bench_programme,
            TrainingKind::TownshipOnsite,
            "对照班".into(),
            Some(townships[1].clone()),
            day,
            1,
        ))
        .unwrap()
        .record
        .id;
    let sheet: Vec<AttendanceInput> = slots(day, 1)
        .into_iter()
        .flat_map(|slot| {
            let other = &other;
            (0..5_000).map(move |p| attendee(other, slot.clone(), registered(p)))
        })
        .collect();
    store.add_attendances(&sheet).unwrap();
    let target = store
        .add_training_session(&session_input(
            &bench_programme,
            TrainingKind::TownshipOnsite,
            "计时班".into(),
            Some(townships[0].clone()),
            day,
            1,
        ))
        .unwrap()
        .record
        .id;
    let day_slots = slots(day, 1);
    let mut next = 0usize;
    let mut add_next = |store: &mut Store| {
        let k = next;
        next += 1;
        let input = attendee(&target, day_slots[k % 2].clone(), registered(k / 2));
        store.add_attendance(&input).unwrap()
    };

    // Plain medians first, so the figures the targets name are printed outright.
    const SAMPLES: usize = 1_000;
    let lookups: Vec<String> = (0..SAMPLES)
        .map(|i| registered(i * 97 % HOUSEHOLDS))
        .collect();
    let timed: Vec<Duration> = lookups
        .iter()
        .map(|id| {
            let t = Instant::now();
            let found = store.household_by_id_number(id).unwrap();
            let took = t.elapsed();
            assert!(found.is_some());
            took
        })
        .collect();
    let (median, p95) = median_and_p95(timed);
    eprintln!("household_by_id_number in 100k: median {median:.1?}, p95 {p95:.1?} (target < 5 ms)");

    let mut overlaps = 0;
    let timed: Vec<Duration> = (0..SAMPLES)
        .map(|_| {
            let t = Instant::now();
            let saved = add_next(&mut store);
            let took = t.elapsed();
            overlaps += saved
                .warnings
                .iter()
                .filter(|w| w.code == "ATTENDANCE_OVERLAP")
                .count();
            took
        })
        .collect();
    let (median, p95) = median_and_p95(timed);
    eprintln!(
        "add_attendance: median {median:.1?}, p95 {p95:.1?} (target < 10 ms); \
         {overlaps} of {SAMPLES} found an overlap"
    );

    let timed: Vec<Duration> = (0..50)
        .map(|_| {
            let t = Instant::now();
            black_box(store.training_totals(&programme).unwrap());
            t.elapsed()
        })
        .collect();
    let (median, p95) = median_and_p95(timed);
    let totals = store.training_totals(&programme).unwrap();
    eprintln!(
        "training_totals over {} rows ({} persons, {} poor person-times, cost {} yuan): \
         median {median:.1?}, p95 {p95:.1?} (target < 50 ms)",
        totals.person_times, totals.distinct_persons, totals.poor_person_times, totals.cost
    );

    let started = Instant::now();
    let list = store
        .list_training_sessions(Some(&programme), None)
        .unwrap();
    let listed = started.elapsed();
    let started = Instant::now();
    let detail = store.training_session(&list[0].id).unwrap();
    let attendance = store.attendance(&list[0].id).unwrap();
    eprintln!(
        "for reference: list_training_sessions ({} sessions) {listed:.1?}; one session's detail \
         and its {} attendance rows {:.1?}",
        list.len(),
        attendance.len().max(detail.person_times as usize),
        started.elapsed()
    );

    let mut group = c.benchmark_group("training");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    let mut i = 0;
    group.bench_function("household_by_id_number 100k", |b| {
        b.iter(|| {
            i = (i + 1) % lookups.len();
            black_box(store.household_by_id_number(&lookups[i]).unwrap())
        })
    });
    group.bench_function("add_attendance with overlap check", |b| {
        b.iter(|| black_box(add_next(&mut store)))
    });
    group.bench_function("training_totals 50k rows", |b| {
        b.iter(|| black_box(store.training_totals(&programme).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, training);
criterion_main!(benches);
