//! The soak (issue 17 point 8): 托里县's county hub and three laptops (two in 托里镇, one in
//! 庙尔沟镇) over many rounds of random edits, exports, imports in random order (old batches
//! again, later ones first), receipts delivered late or out of order, reference packages and
//! their apply — export, import and apply also run as the `fieldbook` CLI in a child process,
//! killed with SIGKILL at a random moment. Checked every `SOAK_CHECK_EVERY` rounds and at the
//! end: every database whole, the county holding every acknowledged change; at the end, after
//! a full sync, every laptop agreeing with the county field by field.
//!
//! Not in `cargo test`'s default run (`#[ignore]`): `make soak` runs it, with `SOAK_ROUNDS`
//! (default 500) and `SOAK_SEED` (printed; set it to replay the same choices). See
//! docs/testing.md, "Soak".

mod checks;
mod checks_fail;
mod edits;
mod rng;
mod world;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use fieldbook::store::with_deterministic_ids;
use rng::Rng;
use world::{cli, CliRun, Node};

/// Errors that are never a legitimate answer to what the soak does: a bug when seen.
const NEVER: &[&str] = &[
    "INTERNAL",
    "STORE_SQLITE",
    "STORE_CANNOT_OPEN",
    "LOG_BROKEN",
    "IO",
    "SYNC_FORK",
    "SYNC_CHAIN",
    "SYNC_KEYS_BROKEN",
    "SYNC_CANNOT_DECRYPT",
    "SYNC_TRUNCATED",
    "SYNC_PAYLOAD_HASH",
    "SYNC_BAD_SIGNATURE",
    "SYNC_WRONG_FILE",
    "SYNC_FORMAT",
];

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().map(|v| {
        v.trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={v:?} is not a number"))
    })
}

#[derive(Default)]
struct Stats {
    edits: BTreeMap<&'static str, u64>,
    /// Refusals met by the soak's own edits, exports, imports and applies, by what and code.
    refused: BTreeMap<String, u64>,
    batches: u64,
    nothing_pending: u64,
    imports: BTreeMap<String, u64>,
    reimports: u64,
    county_refusals: BTreeMap<String, u64>,
    receipts: u64,
    packages: u64,
    cli_runs: BTreeMap<&'static str, u64>,
    kills: BTreeMap<&'static str, u64>,
    checks: u64,
}

struct Batch {
    laptop: usize,
    path: PathBuf,
    imported: bool,
}

/// The three phases run as a killable child process.
#[derive(Clone, Copy)]
enum Phase {
    Export,
    Import,
    Apply,
}

impl Phase {
    fn name(self) -> &'static str {
        match self {
            Phase::Export => "export",
            Phase::Import => "import",
            Phase::Apply => "apply",
        }
    }
}

struct Soak {
    dir: PathBuf,
    rng: Rng,
    seed: u64,
    round: u64,
    next_id: u32,
    next_file: u64,
    county: Node,
    laptops: Vec<Node>,
    batches: Vec<Batch>,
    /// Per laptop: receipt files written by the county and not yet delivered.
    receipts: Vec<Vec<PathBuf>>,
    /// Per laptop: every package file made for it (an old one is applied now and then).
    packages: Vec<Vec<PathBuf>>,
    /// Per phase: how long an unkilled CLI run took last (kills land in 0–120 % of it).
    typical: [Duration; 3],
    stats: Stats,
}

#[test]
#[ignore = "the soak: `make soak` (SOAK_ROUNDS, SOAK_SEED; see docs/testing.md)"]
fn three_laptops_and_the_county_survive_random_rounds_and_kills() {
    let rounds = env_u64("SOAK_ROUNDS").unwrap_or(500);
    let check_every = env_u64("SOAK_CHECK_EVERY").unwrap_or(50).max(1);
    let seed = env_u64("SOAK_SEED").unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64
    });
    eprintln!("soak: SOAK_SEED={seed} SOAK_ROUNDS={rounds} SOAK_CHECK_EVERY={check_every}");
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    // Record ids drawn from the seed (not the clock), so a replay picks the same records.
    let namespace = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, &seed.to_le_bytes());
    with_deterministic_ids(namespace, || {
        let mut soak = Soak::new(dir.path().to_path_buf(), seed);
        for round in 1..=rounds {
            soak.round = round;
            soak.one_round();
            if round % check_every == 0 {
                soak.check(false);
            }
        }
        soak.round = rounds + 1;
        soak.sync_everything();
        soak.check(true);
        soak.summary(rounds, started.elapsed());
    });
}

impl Soak {
    fn new(dir: PathBuf, seed: u64) -> Soak {
        for sub in ["batches", "receipts", "packages"] {
            std::fs::create_dir_all(dir.join(sub)).unwrap();
        }
        let mut next_id = 0;
        let (county, laptops) = world::build(&dir, &mut next_id);
        Soak {
            dir,
            rng: Rng::new(seed),
            seed,
            round: 0,
            next_id,
            next_file: 0,
            county,
            receipts: vec![Vec::new(); laptops.len()],
            packages: vec![Vec::new(); laptops.len()],
            laptops,
            batches: Vec::new(),
            typical: [Duration::from_millis(150); 3],
            stats: Stats::default(),
        }
    }

    /// Where a failure says how to replay it.
    fn at(&self) -> String {
        format!(
            "round {}; replay with SOAK_SEED={} (dir {})",
            self.round,
            self.seed,
            self.dir.display()
        )
    }

    fn file(&mut self, sub: &str, name: &str) -> PathBuf {
        self.next_file += 1;
        self.dir
            .join(sub)
            .join(format!("{:05}-{name}", self.next_file))
    }

    /// Counts a refusal by its code; fails on a code that is never a legitimate answer.
    /// `error` is a code, or a code, a tab and the message.
    fn refusal(&mut self, what: &str, error: &str) {
        let (code, message) = error.split_once('\t').unwrap_or((error, ""));
        assert!(
            !NEVER.contains(&code),
            "{what}: refused with {code} ({message}), which is a bug; {}",
            self.at()
        );
        *self
            .stats
            .refused
            .entry(format!("{what} {code}"))
            .or_default() += 1;
    }

    fn one_round(&mut self) {
        match self.rng.weighted(&[6, 2, 2, 3, 2, 2]) {
            0 => {
                let laptop = self.rng.below(self.laptops.len());
                let n = 1 + self.rng.below(5);
                self.edits(Some(laptop), n);
            }
            1 => {
                let n = 1 + self.rng.below(3);
                self.edits(None, n);
            }
            2 => {
                let laptop = self.rng.below(self.laptops.len());
                self.export(laptop);
            }
            3 => self.import(),
            4 => self.deliver_receipt(),
            _ => {
                let laptop = self.rng.below(self.laptops.len());
                self.package(laptop);
            }
        }
    }

    fn edits(&mut self, laptop: Option<usize>, n: usize) {
        let node = match laptop {
            Some(i) => &self.laptops[i],
            None => &self.county,
        };
        let mut store = node.open();
        for _ in 0..n {
            let (what, result) = edits::one(&mut store, node, &mut self.rng, &mut self.next_id);
            match result {
                None => {}
                Some(Ok(())) => *self.stats.edits.entry(what).or_default() += 1,
                Some(Err(e)) => {
                    let code = e.code().to_string();
                    if NEVER.contains(&code.as_str()) {
                        panic!("{} {what}: {code}: {e}; {}", node.name, self.at());
                    }
                    *self
                        .stats
                        .refused
                        .entry(format!("{what} {code}"))
                        .or_default() += 1;
                }
            }
        }
    }

    /// Whether this run goes through the CLI, and if so when to kill it.
    fn how(&mut self, phase: Phase) -> Option<Option<Duration>> {
        if !self.rng.chance(0.35) {
            return None;
        }
        let kill = self.rng.chance(0.6);
        let fraction = self.rng.fraction() * 1.2;
        Some(kill.then(|| self.typical[phase as usize].mul_f64(fraction)))
    }

    /// Runs the CLI on `node`; answers its end (`None`: killed), counting runs and kills and
    /// checking the database (integrity, change-log chain) right after a kill.
    fn run_cli(
        &mut self,
        phase: Phase,
        node: &Node,
        args: &[&str],
        kill: Option<Duration>,
    ) -> Option<(Option<String>, String)> {
        *self.stats.cli_runs.entry(phase.name()).or_default() += 1;
        let (run, took) = cli(node, args, kill);
        match run {
            CliRun::Killed => {
                *self.stats.kills.entry(phase.name()).or_default() += 1;
                let problems = checks::whole(node);
                assert!(
                    problems.is_empty(),
                    "after a kill during {}: {problems:?}; {}",
                    phase.name(),
                    self.at()
                );
                None
            }
            CliRun::Finished { error, stdout } => {
                self.typical[phase as usize] = took;
                Some((error, stdout))
            }
        }
    }

    fn export(&mut self, laptop: usize) {
        let path = self.file("batches", &format!("laptop{laptop}.fbsync"));
        let error = match self.how(Phase::Export) {
            None => {
                let mut store = self.laptops[laptop].open();
                match store.export_batch() {
                    Ok((bytes, _)) => {
                        std::fs::write(&path, bytes).unwrap();
                        None
                    }
                    Err(e) => Some(format!("{}\t{e}", e.code())),
                }
            }
            Some(kill) => {
                let node = self.node_of(Some(laptop));
                let out = path.to_str().unwrap().to_string();
                match self.run_cli(
                    Phase::Export,
                    &node,
                    &["sync", "export", "--out", &out],
                    kill,
                ) {
                    Some((error, _)) => error,
                    // Killed: the file is whole or absent (written aside, then renamed).
                    None => (!path.exists()).then(|| "KILLED".to_string()),
                }
            }
        };
        match error.as_deref() {
            None => {
                self.stats.batches += 1;
                self.batches.push(Batch {
                    laptop,
                    path,
                    imported: false,
                });
            }
            Some(e) if e.starts_with("SYNC_NOTHING_PENDING") => self.stats.nothing_pending += 1,
            Some("KILLED") => {}
            Some(code) => {
                let code = code.to_string();
                self.refusal("export", &code)
            }
        }
    }

    /// A copy of a node's description (the CLI runs borrow it while `self` changes).
    fn node_of(&self, laptop: Option<usize>) -> Node {
        let n = match laptop {
            Some(i) => &self.laptops[i],
            None => &self.county,
        };
        Node {
            name: n.name.clone(),
            path: n.path.clone(),
            officer: n.officer.clone(),
            township: n.township.clone(),
            device_id: n.device_id.clone(),
        }
    }

    /// Imports a batch at the county: one never imported (in random order), or now and then
    /// any batch again.
    fn import(&mut self) {
        let fresh: Vec<usize> = (0..self.batches.len())
            .filter(|i| !self.batches[*i].imported)
            .collect();
        let index = if fresh.is_empty() || self.rng.chance(0.2) {
            match self.rng.below(self.batches.len().max(1)) {
                _ if self.batches.is_empty() => return,
                i => i,
            }
        } else {
            *self.rng.pick(&fresh).unwrap()
        };
        if self.batches[index].imported {
            self.stats.reimports += 1;
        }
        let laptop = self.batches[index].laptop;
        let batch = self.batches[index].path.clone();
        let receipt = self.file("receipts", &format!("laptop{laptop}.receipt"));
        let outcome = match self.how(Phase::Import) {
            None => {
                let mut county = self.county.open();
                match county.import_batch(&std::fs::read(&batch).unwrap(), false) {
                    Ok(result) => {
                        if let Some(bytes) = &result.receipt {
                            std::fs::write(&receipt, bytes).unwrap();
                        }
                        self.count_refusals(&result.report.refused);
                        Ok(result.report.outcome)
                    }
                    Err(e) => Err(format!("{}\t{e}", e.code())),
                }
            }
            Some(kill) => {
                let node = self.node_of(None);
                let args = [
                    "--json",
                    "sync",
                    "import",
                    batch.to_str().unwrap(),
                    "--receipt",
                    receipt.to_str().unwrap(),
                ];
                match self.run_cli(Phase::Import, &node, &args, kill) {
                    None => return,
                    Some((Some(code), _)) if code.starts_with("IMPORT_REFUSED") => {
                        Ok("refused".into())
                    }
                    Some((Some(code), _)) => Err(code),
                    Some((None, stdout)) => {
                        let report: fieldbook::sync::BatchImportReport =
                            serde_json::from_str(stdout.trim()).unwrap_or_else(|e| {
                                panic!("import answer {stdout}: {e}; {}", self.at())
                            });
                        self.count_refusals(&report.refused);
                        Ok(report.outcome)
                    }
                }
            }
        };
        match outcome {
            Ok(outcome) => {
                if outcome != "refused" {
                    self.batches[index].imported = true;
                }
                if receipt.exists() {
                    self.receipts[laptop].push(receipt);
                }
                *self.stats.imports.entry(outcome).or_default() += 1;
            }
            Err(code) => self.refusal("import", &code),
        }
    }

    fn count_refusals(&mut self, refused: &[fieldbook::sync::model::Refusal]) {
        for r in refused {
            *self
                .stats
                .county_refusals
                .entry(r.code.as_str().to_string())
                .or_default() += 1;
        }
    }

    /// Applies a receipt file or a package file on a laptop, in-process or through the CLI.
    fn apply(&mut self, laptop: usize, file: &PathBuf) -> bool {
        match self.how(Phase::Apply) {
            None => {
                let mut store = self.laptops[laptop].open();
                if let Err(e) = store.sync_apply(&std::fs::read(file).unwrap()) {
                    let error = format!("{}\t{e}", e.code());
                    self.refusal("apply", &error);
                }
                true
            }
            Some(kill) => {
                let node = self.node_of(Some(laptop));
                let args = ["sync", "apply", file.to_str().unwrap()];
                match self.run_cli(Phase::Apply, &node, &args, kill) {
                    None => false,
                    Some((Some(code), _)) => {
                        self.refusal("apply", &code);
                        true
                    }
                    Some((None, _)) => true,
                }
            }
        }
    }

    /// Delivers one waiting receipt (any of them: late and out of order) to its laptop; a
    /// delivery cut short by a kill is tried again later.
    fn deliver_receipt(&mut self) {
        let waiting: Vec<usize> = (0..self.laptops.len())
            .filter(|i| !self.receipts[*i].is_empty())
            .collect();
        let Some(&laptop) = self.rng.pick(&waiting) else {
            return;
        };
        let k = self.rng.below(self.receipts[laptop].len());
        let receipt = self.receipts[laptop].remove(k);
        if self.apply(laptop, &receipt) {
            self.stats.receipts += 1;
        } else {
            self.receipts[laptop].push(receipt);
        }
    }

    /// The county's package for a laptop, applied there (now and then an older one instead).
    fn package(&mut self, laptop: usize) {
        let file = if !self.packages[laptop].is_empty() && self.rng.chance(0.15) {
            self.rng.pick(&self.packages[laptop]).unwrap().clone()
        } else {
            let path = self.file("packages", &format!("laptop{laptop}.fbpkg"));
            let device = self.laptops[laptop].device_id.clone();
            let (bytes, _) = self.county.open().sync_package(&device).unwrap();
            std::fs::write(&path, bytes).unwrap();
            self.packages[laptop].push(path.clone());
            path
        };
        if self.apply(laptop, &file) {
            self.stats.packages += 1;
        }
    }

    /// The final full round, in-process and without kills: every laptop exports, the county
    /// imports, the receipt and then the package go back; again until no laptop has anything
    /// left to send (a package's writes are sent back once as echoes).
    fn sync_everything(&mut self) {
        for pass in 0..4 {
            let mut sent = false;
            for i in 0..self.laptops.len() {
                let mut laptop = self.laptops[i].open();
                let batch = match laptop.export_batch() {
                    Ok((bytes, _)) => bytes,
                    Err(e) if e.code() == "SYNC_NOTHING_PENDING" => continue,
                    Err(e) => panic!(
                        "final export of laptop{i}: {}: {e}; {}",
                        e.code(),
                        self.at()
                    ),
                };
                sent = true;
                let result = self
                    .county
                    .open()
                    .import_batch(&batch, false)
                    .unwrap_or_else(|e| panic!("final import: {}: {e}; {}", e.code(), self.at()));
                self.count_refusals(&result.report.refused);
                *self
                    .stats
                    .imports
                    .entry(result.report.outcome.clone())
                    .or_default() += 1;
                let receipt = result.receipt.unwrap_or_else(|| {
                    panic!(
                        "final import of laptop{i} (pass {pass}) gave no receipt: {:#?}; {}",
                        result.report,
                        self.at()
                    )
                });
                laptop.sync_apply(&receipt).unwrap();
            }
            for i in 0..self.laptops.len() {
                let (package, _) = self
                    .county
                    .open()
                    .sync_package(&self.laptops[i].device_id)
                    .unwrap();
                self.laptops[i].open().sync_apply(&package).unwrap();
            }
            if !sent {
                return;
            }
        }
        panic!(
            "laptops still had changes to send after 4 full rounds; {}",
            self.at()
        );
    }

    /// Every database whole and every acknowledged change at the county; at the end also every
    /// laptop agreeing with the county. Every problem found is listed before failing.
    fn check(&mut self, last: bool) {
        self.stats.checks += 1;
        let mut problems = checks::whole(&self.county);
        for laptop in &self.laptops {
            problems.extend(checks::whole(laptop));
            problems.extend(checks::acknowledged_held(&self.county, laptop));
            if last {
                problems.extend(checks::agrees_with_county(&self.county, laptop));
            }
        }
        assert!(
            problems.is_empty(),
            "{} problem(s):\n{}\n{}",
            problems.len(),
            problems.join("\n"),
            self.at()
        );
    }

    fn summary(&self, rounds: u64, took: Duration) {
        let county = self.county.conn();
        let count = |sql: &str| -> i64 { county.query_row(sql, [], |r| r.get(0)).unwrap() };
        let laptop_changes: i64 = self
            .laptops
            .iter()
            .map(|l| {
                l.conn()
                    .query_row(
                        "SELECT count(*) FROM change_log WHERE device_id = ?1",
                        [&l.device_id],
                        |r| r.get::<_, i64>(0),
                    )
                    .unwrap()
            })
            .sum::<i64>();
        let s = &self.stats;
        eprintln!("soak summary (SOAK_SEED={}):", self.seed);
        eprintln!(
            "  rounds {rounds}, duration {:.1} s, checks {}",
            took.as_secs_f64(),
            s.checks
        );
        eprintln!(
            "  changes: {} made on the laptops, {} in the county's log, {} laptop changes applied there",
            laptop_changes,
            count("SELECT count(*) FROM change_log"),
            count("SELECT count(*) FROM sync_applied"),
        );
        eprintln!("  edits by kind: {:?}", s.edits);
        eprintln!("  refused (by what and code): {:?}", s.refused);
        eprintln!(
            "  batches: {} exported, {} times nothing to send; imports by outcome {:?}, {} re-imports",
            s.batches, s.nothing_pending, s.imports, s.reimports
        );
        eprintln!(
            "  county refusals in reports (by code): {:?}",
            s.county_refusals
        );
        eprintln!(
            "  conflicts: {} opened, {} open at the end",
            count("SELECT count(*) FROM sync_conflict"),
            count("SELECT count(*) FROM sync_conflict WHERE status = 'open'")
        );
        eprintln!(
            "  receipts delivered {}, packages applied {}",
            s.receipts, s.packages
        );
        eprintln!(
            "  CLI runs by phase {:?}, kills by phase {:?}",
            s.cli_runs, s.kills
        );
    }
}
