//! The household register import at scale (issue 18): 100,000 generated valid rows (a CSV, as
//! `fieldbook import households --valid-only` reads it) into a register that already holds
//! 100,000 households, on a file database in WAL mode as the desktop app uses; with
//! `REGISTER_IMPORT_AT_CAP=1` also a file near the cell cap (499,000 rows × 10 columns). Each
//! import runs in a process of its own, which prints rows/s, CPU time and its peak memory
//! (VmHWM): the database opened, the file read and imported, as the CLI does. Goal: ≥ 20,000
//! rows/s, < 300 MB. Figures are printed, never asserted.

use std::collections::HashSet;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use fieldbook::demo::load_demo_places;
use fieldbook::demo::records::Synthetic;
use fieldbook::domain::households::HouseholdInput;
use fieldbook::sheets::{import, ImportKind, ImportMode, ImportOptions};
use fieldbook::Store;

const REGISTERED: usize = 100_000;
const IMPORTED: usize = 100_000;
/// Rows of the file near the cell cap (`REGISTER_IMPORT_AT_CAP=1`): 10 columns, so the file
/// holds 4,990,010 cells of the 5,000,000 allowed (`MAX_SHEET_CELLS`) and about 50 MB.
const AT_CAP: usize = 499_000;

struct Person {
    name: String,
    id_number: String,
}

/// `n` people with unique ID numbers and generated names.
fn people(n: usize, seed: u64) -> Vec<Person> {
    let mut rng = Synthetic::new(seed);
    let mut ids = HashSet::with_capacity(n);
    (0..n)
        .map(|_| {
            let male = rng.chance(82);
            let id_number = loop {
                let id = rng.resident_id("621221", 1940, 2005, male);
                if ids.insert(id.clone()) {
                    break id;
                }
            };
            Person {
                name: rng.person_name(male),
                id_number,
            }
        })
        .collect()
}

/// Peak resident memory of this process in MB (VmHWM).
fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// CPU seconds this process has used (user + system), from /proc/self/stat: on a machine
/// shared with other work the wall-clock rate varies, the CPU time much less.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces) start after the last ')'.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|t| t.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name; 100 Hz.
    (ticks(11) + ticks(12)) / 100.0
}

fn options() -> ImportOptions {
    ImportOptions {
        kind: ImportKind::Households,
        mode: ImportMode::ValidOnly,
        into: None,
        mapping: Default::default(),
    }
}

/// The register of `REGISTERED` households, built once through `add_households`.
fn registered(path: &Path, everyone: &[Person], villages: &mut Vec<(String, String)>) {
    let mut store = Store::open(path).unwrap();
    load_demo_places(&mut store).unwrap();
    *villages = store
        .list_villages(None)
        .unwrap()
        .into_iter()
        .map(|v| (v.id, v.code))
        .collect();
    for (chunk_at, chunk) in everyone[..REGISTERED].chunks(10_000).enumerate() {
        let inputs: Vec<HouseholdInput> = chunk
            .iter()
            .enumerate()
            .map(|(i, p)| HouseholdInput {
                head_name: p.name.clone(),
                id_number: p.id_number.clone(),
                size: (i % 6 + 1) as u32,
                village_id: villages[(chunk_at * 10_000 + i) % villages.len()].0.clone(),
                village_group: format!("{}组", i % 9 + 1),
                category: "general".into(),
                year_lifted: None,
                phone: String::new(),
                notes: String::new(),
            })
            .collect();
        store.add_households(&inputs).unwrap();
    }
}

/// The file: a header and a valid row for each of `people` (not registered yet).
fn register_csv(people: &[Person], villages: &[(String, String)]) -> Vec<u8> {
    let mut text =
        String::from("户主姓名,身份证号码,家庭人口,村代码,村民小组,类别,脱贫年度,联系电话\n");
    for (n, p) in people.iter().enumerate() {
        let code = &villages[n % villages.len()].1;
        text += &format!(
            "{},{},{},{code},{}组,一般贫困户,{},138{:08}\n",
            p.name,
            p.id_number,
            n % 7 + 1,
            n % 9 + 1,
            2016 + n % 5,
            n
        );
    }
    text.into_bytes()
}

/// `register_csv` with ten columns (a row number, which no column takes, and notes).
fn wide_register_csv(people: &[Person], villages: &[(String, String)]) -> Vec<u8> {
    let mut text = String::from(
        "序号,户主姓名,身份证号码,家庭人口,村代码,村民小组,类别,脱贫年度,联系电话,备注\n",
    );
    for (n, p) in people.iter().enumerate() {
        let code = &villages[n % villages.len()].1;
        text += &format!(
            "{},{},{},{},{code},{}组,一般贫困户,{},138{:08},第{}户\n",
            n + 1,
            p.name,
            p.id_number,
            n % 7 + 1,
            n % 9 + 1,
            2016 + n % 5,
            n,
            n + 1
        );
    }
    text.into_bytes()
}

/// One import of the file at `file` into a copy of `base`, in a process of its own (this
/// bench run again), so that its peak memory is the import's own — the database opened, the
/// file read, the import — and not this process's set-up.
fn import_once(base: &Path, target: &Path, file: &Path, rows: usize, what: &str) {
    copy_db(base, target);
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--bench", "nomatch"])
        .env(
            CHILD,
            format!("{}\n{}\n{rows}\n{what}", target.display(), file.display()),
        )
        .status()
        .unwrap();
    assert!(status.success());
}

fn copy_db(from: &Path, to: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", to.display()));
        let source = format!("{}{suffix}", from.display());
        if Path::new(&source).exists() {
            std::fs::copy(&source, format!("{}{suffix}", to.display())).unwrap();
        }
    }
}

/// Set in the process `import_once` starts: the database, the file, the rows, what it is.
const CHILD: &str = "REGISTER_IMPORT_CHILD";

/// The import in the child process: prints its rate, CPU time and peak memory.
fn child_import(spec: &str) {
    let lines: Vec<&str> = spec.lines().collect();
    let (target, file, rows, what) = (lines[0], lines[1], lines[2], lines[3]);
    let rows: usize = rows.parse().unwrap();
    let mut store = Store::open(Path::new(target)).unwrap();
    let started = Instant::now();
    let cpu_before = cpu_seconds();
    let bytes = std::fs::read(file).unwrap();
    let report = import(&mut store, &bytes, "户.csv", &options()).unwrap();
    let took = started.elapsed();
    let cpu = cpu_seconds() - cpu_before;
    assert_eq!(report.counts.new as usize, rows, "{}", report.summary);
    eprintln!(
        "import of {what}: {took:.2?} = {:.0} rows/s ({cpu:.2} CPU s = {:.0} rows per CPU \
         second); peak memory of the process {:.0} MB (the database opened, the file read, \
         the import); report lists {} rows, {} left out",
        rows as f64 / took.as_secs_f64(),
        rows as f64 / cpu,
        peak_mb(),
        report.rows.len(),
        report.rows_left_out
    );
}

fn register_import(c: &mut Criterion) {
    if let Ok(spec) = std::env::var(CHILD) {
        child_import(&spec);
        std::process::exit(0);
    }
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("register.db");
    let everyone = people(REGISTERED + IMPORTED, 0x1_8eed);
    let mut villages = Vec::new();
    let started = Instant::now();
    registered(&base, &everyone, &mut villages);
    eprintln!(
        "setup: {REGISTERED} households through add_households in {:.1?}",
        started.elapsed()
    );
    let file = register_csv(&everyone[REGISTERED..], &villages);
    eprintln!("file: {IMPORTED} rows, {} KB", file.len() / 1024);

    let target = dir.path().join("target.db");
    let file_path = dir.path().join("register.csv");
    std::fs::write(&file_path, &file).unwrap();
    let what = format!("{IMPORTED} valid rows into {REGISTERED}");
    import_once(&base, &target, &file_path, IMPORTED, &what);
    if std::env::var_os("REGISTER_IMPORT_AT_CAP").is_some() {
        // The same people first (the same seed), then more: the register is the same.
        let many = people(REGISTERED + AT_CAP, 0x1_8eed);
        let wide = wide_register_csv(&many[REGISTERED..], &villages);
        drop(many);
        eprintln!(
            "file near the cell cap: {AT_CAP} rows × 10 columns, {} KB",
            wide.len() / 1024
        );
        let wide_path = dir.path().join("wide.csv");
        std::fs::write(&wide_path, &wide).unwrap();
        drop(wide);
        let what = format!("{AT_CAP} rows × 10 columns into {REGISTERED}");
        import_once(&base, &target, &wide_path, AT_CAP, &what);
    }

    let mut group = c.benchmark_group("register import");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(60));
    group.bench_function("100k valid rows into 100k households", |b| {
        b.iter_batched(
            || {
                copy_db(&base, &target);
                Store::open(&target).unwrap()
            },
            |mut store| black_box(import(&mut store, &file, "户.csv", &options()).unwrap()),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, register_import);
criterion_main!(benches);
