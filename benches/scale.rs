//! The scale bench (issue 18): a county hub of N households (`SCALE_N`, `make bench-scale`;
//! nothing runs without it, so `cargo bench -p fieldbook` stays short) generated in realistic
//! proportions (`support/hub.rs`), then, on that database: opening it, household search (name
//! prefix, pinyin, ID suffix), the checks suite, the dashboard, the 2026 statistics report, the
//! register import of 100,000 rows (`--valid-only`, rows/s and peak memory), the county
//! importing a laptop's batch of 100,000 changes, and the file's size. Each timed once or a few
//! times (`SCALE_RUNS`, default 3 below 10⁶ households and 1 from there); the database lives in
//! `SCALE_DIR` (default the system's temp dir) and is removed at the end unless `SCALE_KEEP`
//! is set; `SCALE_MERGE_ONLY` stops after the sync import's dry run (the merge alone). Figures
//! are printed, never asserted; a summary table ends the run.

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use fieldbook::checks::sql::run_suite;
use fieldbook::checks::Scope;
use fieldbook::demo::load_demo_places;
use fieldbook::demo::records::Synthetic;
use fieldbook::domain::dashboard::DashboardFilter;
use fieldbook::domain::households::{HouseholdInput, HouseholdQuery};
use fieldbook::domain::name_search::{name_keys, KeyKind};
use fieldbook::domain::period::Period;
use fieldbook::domain::stats::StatsQuery;
use fieldbook::sheets::{import, ImportKind, ImportMode, ImportOptions};
use fieldbook::Store;

use support::hub::{generate, Proportions};
use support::{file_bytes, load_average, median_of, peak_mb, person_id, reset_peak, resident_mb};

/// Rows of the register import file and changes of the laptop's sync batch.
const IMPORTED_ROWS: usize = 100_000;
const SYNCED_CHANGES: usize = 100_000;
/// The laptop's township (a demo township code).
const T1: &str = "621221101";

struct Summary(Vec<(String, String)>);

impl Summary {
    fn add(&mut self, what: impl Into<String>, figure: impl Into<String>) {
        let (what, figure) = (what.into(), figure.into());
        println!("{what}: {figure}");
        self.0.push((what, figure));
    }
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn mb(bytes: u64) -> String {
    format!("{:.0} MB", bytes as f64 / 1e6)
}

fn env_usize(name: &str) -> Option<usize> {
    std::env::var(name).ok()?.replace('_', "").parse().ok()
}

fn main() {
    if let Some(path) = std::env::var_os(IMPORT_INTO) {
        return import_child(Path::new(&path));
    }
    let Some(n) = env_usize("SCALE_N") else {
        eprintln!("scale bench: skipped (set SCALE_N, e.g. `make bench-scale SCALE_N=100000`)");
        return;
    };
    let keep = std::env::var_os("SCALE_KEEP").is_some();
    let runs = env_usize("SCALE_RUNS").unwrap_or(if n >= 1_000_000 { 1 } else { 3 });
    let root = std::env::var_os("SCALE_DIR").map_or_else(std::env::temp_dir, Into::into);
    let dir = tempfile::tempdir_in(root).unwrap();
    let hub_path = dir.path().join("hub.db");
    let p = Proportions::for_households(n);
    println!(
        "== scale bench: N = {n} households ({runs} run(s) each), load {} ==",
        load_average()
    );
    println!(
        "hub: {} households, {} members, {} operators and agreements, {} roster rows, {} ledger \
         entries, {} sessions with {} attendance rows, {} inspections",
        p.households,
        p.members,
        p.operators,
        p.roster,
        p.ledger,
        p.sessions,
        p.attendance,
        p.inspections
    );
    let mut summary = Summary(Vec::new());

    let mut hub = Store::open(&hub_path).unwrap();
    load_demo_places(&mut hub).unwrap();
    hub.county_init().unwrap();
    let batch = laptop_batch(&mut hub, &dir.path().join("laptop.db"));

    let started = Instant::now();
    let generated = generate(&mut hub, p);
    let took = started.elapsed();
    summary.add(
        "generate the hub",
        format!(
            "{} ({:.0} households/s)",
            secs(took),
            n as f64 / took.as_secs_f64()
        ),
    );
    if std::env::var_os("SCALE_MERGE_ONLY").is_some() {
        // Only the sync import's merge (a dry run), without the other figures' hour.
        let started = Instant::now();
        hub.import_batch(&batch, true).unwrap();
        println!(
            "county sync import, dry run (merge only): {}",
            secs(started.elapsed())
        );
        return;
    }
    drop(hub);
    let (file, wal) = file_bytes(&hub_path);
    summary.add(
        "database size",
        format!(
            "{} (+ WAL {}), {:.0} bytes/household",
            mb(file),
            mb(wal),
            file as f64 / n as f64
        ),
    );

    let (open, mut hub) = median_of(runs, || Store::open(&hub_path).unwrap());
    summary.add("open the database", ms(open));

    search(&hub, &generated.head_names, runs, &mut summary);

    reset_peak();
    let (took, findings) = median_of(runs, || run_suite(&hub, &Scope::All).unwrap().len());
    let checks_peak = peak_mb();
    summary.add(
        "checks suite (run_suite, whole county)",
        format!(
            "{} ({} findings; peak resident memory {checks_peak:.0} MB)",
            secs(took),
            findings
        ),
    );

    let (took, board) = median_of(runs.max(3), || {
        hub.dashboard(&DashboardFilter::default()).unwrap()
    });
    summary.add(
        "dashboard (whole county)",
        format!(
            "{} ({} person-times)",
            ms(took),
            board.training.person_times.count
        ),
    );
    let township = DashboardFilter {
        township_id: Some(generated.townships[0].clone()),
        ..DashboardFilter::default()
    };
    let (took, _) = median_of(runs.max(3), || hub.dashboard(&township).unwrap());
    summary.add("dashboard (one township)", ms(took));

    let query = StatsQuery {
        period: Period::year(2026).unwrap(),
        programme_id: None,
        township: None,
    };
    let (took, report) = median_of(runs, || hub.stats_report(&query).unwrap());
    summary.add(
        "statistics report 2026 vs 2025",
        format!("{} ({} rows)", ms(took), report.rows.len()),
    );

    // A live hub has stored its findings as batches came in; the batch below then meets them.
    let started = Instant::now();
    let stored = hub.run_checks(&Scope::All).unwrap();
    summary.add(
        "checks stored at the hub (run_checks, first run)",
        format!(
            "{} ({} findings stored)",
            secs(started.elapsed()),
            stored.report.new
        ),
    );
    drop(hub);
    register_import(&hub_path, &mut summary);
    let hub = Store::open(&hub_path).unwrap();
    sync_import(hub, &batch, &mut summary);

    let (file, wal) = file_bytes(&hub_path);
    summary.add(
        "database size at the end",
        format!("{} (+ WAL {})", mb(file), mb(wal)),
    );
    println!(
        "\n== summary: N = {n} households, load at the end {} ==",
        load_average()
    );
    println!("| what | N = {n} |\n|---|---|");
    for (what, figure) in &summary.0 {
        println!("| {what} | {figure} |");
    }
    if keep {
        println!("kept: {}", dir.keep().display());
    }
}

/// A laptop of township `T1` enrolled at the hub, with `SYNCED_CHANGES` new households: its
/// sealed batch, as the county receives it.
fn laptop_batch(hub: &mut Store, path: &Path) -> Vec<u8> {
    let mut laptop = Store::open(path).unwrap();
    laptop.set_officer("王芳");
    let (request, _) = laptop.device_request().unwrap();
    let (answer, _) = hub.county_enroll(&request, T1).unwrap();
    laptop.device_enroll(&answer).unwrap();
    let (package, _) = hub.sync_package(laptop.device_id()).unwrap();
    laptop.sync_apply(&package).unwrap();
    let villages: Vec<String> = laptop
        .list_villages(Some(T1))
        .unwrap()
        .into_iter()
        .map(|v| v.id)
        .collect();
    let mut rng = Synthetic::new(0x5e4d);
    for first in (0..SYNCED_CHANGES).step_by(10_000) {
        let inputs: Vec<HouseholdInput> = (first..first + 10_000)
            .map(|i| HouseholdInput {
                head_name: rng.person_name(true),
                id_number: person_id(support::SYNCED, i),
                size: 3,
                village_id: villages[i % villages.len()].clone(),
                village_group: "一组".into(),
                category: "general".into(),
                year_lifted: None,
                phone: rng.mobile(),
                notes: String::new(),
            })
            .collect();
        laptop.add_households(&inputs).unwrap();
    }
    laptop.export_batch().unwrap().0
}

fn search(hub: &Store, head_names: &[String], runs: usize, summary: &mut Summary) {
    let someone = &head_names[head_names.len() / 3];
    let key = |kind: KeyKind| {
        name_keys(someone)
            .into_iter()
            .find(|k| k.kind == kind)
            .map(|k| k.key)
            .unwrap_or_default()
    };
    let id = person_id(support::HEADS, head_names.len() / 2);
    let cases = [
        ("name prefix 1 char", "王".to_string()),
        ("name prefix 2 chars", someone.chars().take(2).collect()),
        ("pinyin initials", key(KeyKind::Initials)),
        ("full pinyin", key(KeyKind::Pinyin)),
        ("ID last 4 digits", id[14..].to_string()),
        ("ID last 6 digits", id[12..].to_string()),
    ];
    for (what, text) in cases {
        let q = HouseholdQuery {
            text: text.clone(),
            township_code: None,
            village_id: None,
            offset: 0,
            limit: 50,
            status: None,
        };
        let (took, page) = median_of(runs.max(20), || hub.search_households(&q).unwrap());
        let more = if page.more { "more than " } else { "" };
        summary.add(
            format!("search: {what}"),
            format!("{} (“{text}”, {more}{} matches)", ms(took), page.total),
        );
    }
}

/// Names the database a child process imports the register file into (see `register_import`).
const IMPORT_INTO: &str = "SCALE_IMPORT_INTO";

/// The register import in a process of its own, as `fieldbook import households --valid-only`
/// runs: its peak memory is the import's, not what this process kept from the steps before.
fn register_import(hub_path: &Path, summary: &mut Summary) {
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .env(IMPORT_INTO, hub_path)
        .output()
        .unwrap();
    let answer = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{answer}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    summary.add("register import, 100k rows --valid-only", answer.trim());
}

/// In the child: `IMPORTED_ROWS` valid rows of people not registered yet, as a CSV, imported
/// `--valid-only`; prints its figures on one line.
fn import_child(path: &Path) {
    let mut hub = Store::open(path).unwrap();
    let village_codes: Vec<String> = hub
        .list_villages(None)
        .unwrap()
        .into_iter()
        .map(|v| v.code)
        .collect();
    let mut rng = Synthetic::new(0x1_8eed);
    let mut file =
        String::from("户主姓名,身份证号码,家庭人口,村代码,村民小组,类别,脱贫年度,联系电话\n");
    for n in 0..IMPORTED_ROWS {
        file += &format!(
            "{},{},{},{},{}组,一般贫困户,{},138{:08}\n",
            rng.person_name(true),
            person_id(support::IMPORTED, n),
            n % 7 + 1,
            village_codes[n % village_codes.len()],
            n % 9 + 1,
            2016 + n % 5,
            n
        );
    }
    let options = ImportOptions {
        kind: ImportKind::Households,
        mode: ImportMode::ValidOnly,
        into: None,
        mapping: Default::default(),
    };
    let before = resident_mb();
    reset_peak();
    let started = Instant::now();
    let report = import(&mut hub, file.as_bytes(), "户.csv", &options).unwrap();
    let took = started.elapsed();
    println!(
        "{} = {:.0} rows/s, peak memory {:.0} MB (resident before it {before:.0} MB); {} new",
        secs(took),
        IMPORTED_ROWS as f64 / took.as_secs_f64(),
        peak_mb(),
        report.counts.new
    );
}

/// The county importing the laptop's batch through the full merge path; closing waits for the
/// WAL's copy into the file.
fn sync_import(mut hub: Store, batch: &[u8], summary: &mut Summary) {
    // The merge alone: a dry run applies every change and rolls back, without the checks.
    let started = Instant::now();
    hub.import_batch(batch, true).unwrap();
    summary.add(
        "county sync import, dry run (merge only)",
        secs(started.elapsed()),
    );
    let started = Instant::now();
    let result = hub.import_batch(batch, false).unwrap();
    let took = started.elapsed();
    let new = result.report.entities.get("household").map_or(0, |e| e.new);
    let checks = result.checks.unwrap_or_default();
    summary.add(
        "county sync import, 100k changes",
        format!(
            "{} = {:.0} changes/s ({new} new households, {} bytes; its checks: {} new, {} \
             still open, {} closed)",
            secs(took),
            SYNCED_CHANGES as f64 / took.as_secs_f64(),
            batch.len(),
            checks.new,
            checks.still_open,
            checks.closed
        ),
    );
    let closing = Instant::now();
    drop(hub);
    summary.add("then closing (WAL checkpoint)", secs(closing.elapsed()));
}
