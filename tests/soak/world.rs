//! The soak's county and laptops: 托里县 (654224) set up through the core as a clerk would
//! (county, townships, villages, two programmes, a few households), made the hub, and three
//! laptops enrolled from it — two in 托里镇, one in 庙尔沟镇 — each with the county's package.
//! Also the `fieldbook` CLI run in a child process that may be killed with SIGKILL.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fieldbook::domain::households::HouseholdInput;
use fieldbook::domain::places::VillageInput;
use fieldbook::domain::programmes::presets;
use fieldbook::domain::resident_id::check_char;
use fieldbook::Store;

pub const COUNTY_CODE: &str = "654224";
pub const COUNTY_NAME: &str = "托里县";
/// Laptops 0 and 1: the same township, so they edit the same records.
pub const TOWN_SHARED: &str = "654224100";
/// Laptop 2: a neighbouring township, whose records the others must never see or change.
pub const TOWN_OTHER: &str = "654224201";
const TOWNSHIPS: &[(&str, &str)] = &[(TOWN_SHARED, "托里镇"), (TOWN_OTHER, "庙尔沟镇")];
const VILLAGES: &[(&str, &str, &str)] = &[
    (TOWN_SHARED, "654224100201", "克孜勒吐村"),
    (TOWN_SHARED, "654224100202", "萨孜村"),
    (TOWN_OTHER, "654224201201", "庙尔沟村"),
    (TOWN_OTHER, "654224201202", "喀拉盖布拉克村"),
];
/// The county's own shop programme (the 成县 preset's rules, under 托里县's name).
pub const SHOP_PROGRAMME: &str = "托里县2019年电商服务示范店";

/// One database: the county hub or a laptop.
pub struct Node {
    pub name: String,
    pub path: PathBuf,
    pub officer: String,
    /// The township code a laptop is bound to; `None` for the county.
    pub township: Option<String>,
    pub device_id: String,
}

impl Node {
    pub fn open(&self) -> Store {
        let mut store = Store::open(&self.path)
            .unwrap_or_else(|e| panic!("{}: open {}: {e}", self.name, self.path.display()));
        store.set_officer(&self.officer);
        store
    }

    pub fn conn(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.path).unwrap()
    }
}

/// A valid 18-digit resident ID of 托里县, unique per `n` (< 28,000).
pub fn id_number(n: u32) -> String {
    let first17 = format!("654224{}{:03}", 19700101 + (n / 1000) % 28, n % 1000);
    format!("{first17}{}", check_char(&first17))
}

/// Every village of the township with `code`, by id.
pub fn villages_of(conn: &rusqlite::Connection, township_code: &str) -> Vec<String> {
    ids(
        conn,
        "SELECT v.id FROM village v JOIN township t ON t.id = v.township_id
         WHERE t.code = ?1 ORDER BY v.code",
        &[&township_code],
    )
}

/// The first column of every row of `sql`.
pub fn ids(conn: &rusqlite::Connection, sql: &str, params: &[&dyn rusqlite::ToSql]) -> Vec<String> {
    conn.prepare(sql)
        .unwrap()
        .query_map(params, |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// Builds the county hub and three enrolled laptops in `dir`. `next_id` numbers the ID
/// numbers handed out.
pub fn build(dir: &Path, next_id: &mut u32) -> (Node, Vec<Node>) {
    let county_path = dir.join("county.db");
    let mut county = Store::open(&county_path).unwrap();
    county.save_officer("县办阿依古丽").unwrap();
    county.create_county(COUNTY_CODE, COUNTY_NAME).unwrap();
    for (code, name) in TOWNSHIPS {
        county.add_township(code, name).unwrap();
    }
    for (township, code, name) in VILLAGES {
        county
            .add_village(&VillageInput {
                township_code: township.to_string(),
                code: code.to_string(),
                name: name.to_string(),
                poor: true,
            })
            .unwrap();
    }
    county
        .add_programme_from_preset("tuoli-2019-training", None)
        .unwrap();
    let mut shop = presets()
        .unwrap()
        .into_iter()
        .find(|p| p.code == "chengxian-2019-demo-shop")
        .unwrap();
    shop.code = "tuoli-2019-shop".into();
    shop.name = SHOP_PROGRAMME.into();
    county.add_programme(&shop).unwrap();
    county.county_init().unwrap();
    // A few households in every village, there before any laptop: what the laptops of a
    // township all receive and then edit.
    let conn = rusqlite::Connection::open(&county_path).unwrap();
    for (township, _) in TOWNSHIPS {
        for village in villages_of(&conn, township) {
            for _ in 0..3 {
                *next_id += 1;
                county
                    .add_household(&HouseholdInput {
                        head_name: format!("原户主{next_id}"),
                        id_number: id_number(*next_id),
                        size: 3,
                        village_id: village.clone(),
                        village_group: "一组".into(),
                        category: "general".into(),
                        year_lifted: None,
                        phone: String::new(),
                        notes: String::new(),
                    })
                    .unwrap();
            }
        }
    }
    let county_id = county.device_id().to_string();
    let mut laptops = Vec::new();
    for (i, township) in [TOWN_SHARED, TOWN_SHARED, TOWN_OTHER].iter().enumerate() {
        let path = dir.join(format!("laptop{i}.db"));
        let officer = format!("乡镇干部{i}");
        let mut laptop = Store::open(&path).unwrap();
        laptop.save_officer(&officer).unwrap();
        let (request, _) = laptop.device_request().unwrap();
        let (answer, _) = county.county_enroll(&request, township).unwrap();
        laptop.device_enroll(&answer).unwrap();
        let (package, _) = county.sync_package(laptop.device_id()).unwrap();
        laptop.sync_apply(&package).unwrap();
        laptops.push(Node {
            name: format!("laptop{i}"),
            path,
            officer,
            township: Some(township.to_string()),
            device_id: laptop.device_id().to_string(),
        });
    }
    let county = Node {
        name: "county".into(),
        path: county_path,
        officer: "县办阿依古丽".into(),
        township: None,
        device_id: county_id,
    };
    (county, laptops)
}

/// How a run of the CLI in a child process ended.
pub enum CliRun {
    /// It ran to its end: exit status 0, or the code of the error it printed, a tab and what
    /// it printed.
    Finished {
        error: Option<String>,
        stdout: String,
    },
    /// Our SIGKILL ended it.
    Killed,
}

/// Runs `fieldbook --db <node> args…` in a child process; with `kill_after`, sends it SIGKILL
/// after that long (if it has not finished by then, it is `Killed`). Answers how long it ran.
pub fn cli(node: &Node, args: &[&str], kill_after: Option<Duration>) -> (CliRun, Duration) {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_fieldbook"))
        .arg("--db")
        .arg(&node.path)
        .args(args)
        .env_remove("FIELDBOOK_DB")
        .env("FIELDBOOK_OFFICER", &node.officer)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the fieldbook binary starts");
    if let Some(delay) = kill_after {
        std::thread::sleep(delay);
        // Refused only once the child has been reaped, which wait_with_output below does.
        child.kill().expect("SIGKILL to the child");
    }
    let output = child.wait_with_output().unwrap();
    let elapsed = started.elapsed();
    if output.status.code().is_none() {
        return (CliRun::Killed, elapsed);
    }
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let error = (!output.status.success()).then(|| {
        // With --json an error is `{"error": {"code": …}}` on stdout, else `错误 [CODE]：…` on
        // stderr; an import refused in full prints its report (outcome `refused`) and exits 1.
        let answer: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap_or_default();
        let code = if let Some(code) = answer["error"]["code"].as_str() {
            code.to_string()
        } else if answer["outcome"] == "refused" {
            "IMPORT_REFUSED".to_string()
        } else {
            match stderr
                .split_once("错误 [")
                .and_then(|(_, rest)| rest.split_once(']'))
            {
                Some((code, _)) => code.to_string(),
                None => format!("EXIT {}", output.status),
            }
        };
        format!("{code}\t{} {}", stdout.trim(), stderr.trim())
    });
    (CliRun::Finished { error, stdout }, elapsed)
}
