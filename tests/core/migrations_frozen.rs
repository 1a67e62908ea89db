//! Landed migrations are frozen. A database in the field ran each migration's text as it was when
//! it landed and never runs an edited one, so:
//! - every migration file's SHA-256 (the bytes embedded in the app) is pinned here;
//! - a new database and databases upgraded from the frozen fixtures in `tests/fixtures/` (some
//!   made with the first texts of the migrations that were edited anyway) have the same schema.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fieldbook::store::{LATEST_VERSION, MIGRATIONS};
use fieldbook::Store;
use rusqlite::types::Value as SqlValue;
use rusqlite::Connection;
use sha2::{Digest, Sha256};

use crate::temp_db;

/// SHA-256 of each landed migration file, as embedded by `src/store/migrations.rs`. A migration
/// is pinned when it lands and the pin never changes: to change the schema, add a new migration
/// and pin it here.
const PINNED: &[(&str, &str)] = &[
    (
        "0001_places.sql",
        "b3ed64b35eb47ec66c4fe31cc1db0df09b52371517fac9b51117b88a5cb30725",
    ),
    (
        "0002_app_meta.sql",
        "81921dca167a470660efd1a241b082e9d7b8cb69f119368bd8f1704d1ef4180c",
    ),
    (
        "0003_change_log.sql",
        "3ab2964a0534224d3e197b9120465256a45e85b35618946844abadbc1995a6c2",
    ),
    (
        "0004_households_operators_agreements.sql",
        "60e110f9c6c537d613230164ed9d9e2f3a44db8504110d253fa122cf74f6d56f",
    ),
    (
        "0005_programmes.sql",
        "e1168bb29d53a78976ddbbf14cf421f04cb85935148d81deb9c8ecbac4e6ce54",
    ),
    // Edited twice after it landed (1e70a26, 1ed3c6c); 0014 fixes databases that ran the old
    // texts. This pin is the text as it is now: never edit it again.
    (
        "0006_inspections.sql",
        "b97f1168c22101dd7675b2a2284950b205f0499d72e19d1d00bafab79cba4ae0",
    ),
    (
        "0007_training.sql",
        "35601d31a5b05362677dec0351c9ecd9cfceecebd196d30c2d1627cbd8c4f88b",
    ),
    (
        "0008_household_categories.sql",
        "0c1965c07516c4924115c2dae5f1359cb877c6e231960f7de349697401f42471",
    ),
    // Edited once after it landed (c070cb9); fixed forward by 0014 like 0006.
    (
        "0009_sync.sql",
        "0e851fc78fd07d6a18f907b62ccc2e729c38eb899df435e87e60e4251ee8bbd3",
    ),
    (
        "0010_notices.sql",
        "fecb3ad402396d56941cf0b4e7924aa20f5bfbc1e25b276c28a0faaf35cc75e1",
    ),
    (
        "0011_export_audit.sql",
        "e06dd286888ea8e06047ab1104bd2a40d420c9843edce5eb56f20f5a962b6b7c",
    ),
    (
        "0012_investment_notice_masking.sql",
        "d21b3fbb1079a8ded6af9a2dc87ad41a169fc3b963552338aa2ad84408a9586b",
    ),
    (
        "0013_field_clock_in_write_path.sql",
        "45d9e5e46cef813bae9b962e761f88fec2b491d32086e036f3a1b9f3214632db",
    ),
    (
        "0014_fix_forward_0006_0009.sql",
        "bb20ce7eea863b8ea66ab959434ee71434c06280c54910ceb386972feee1ac0b",
    ),
    (
        "0015_place_retired.sql",
        "fc752ae5736322d05eb262c5185a50117744c1c4a1d26e26ae9cea911f60517e",
    ),
    (
        "0016_void_reason.sql",
        "be2c92c17859e0ae90ce732c456a85a34971ba99f009f1c8b942b0cf53be5cd0",
    ),
    (
        "0017_mark_legacy_demo.sql",
        "645fc84dafdb44c83d2244125363b40f2ecfbdb0cdb03068e572e921e88103e6",
    ),
    (
        "0018_kind_options.sql",
        "8f9774d596718d49970d9cd01a52d7b04a53aaa811b68b6e4334b07f23267f7b",
    ),
    (
        "0019_station_month.sql",
        "a189ec0698000ae2ddd040316bf600c46a91e489f490d2ee324131ca7433bc2f",
    ),
    (
        "0020_household_members_audience.sql",
        "d455ff4b229db925d4b90cf1db252a0b5ddf8dabc89bd557a9a81f3009e6025d",
    ),
    (
        "0021_agreement_programme_recheck.sql",
        "0740ab59a28cb2228b3f9101c03b7e4c6c33010cc8608b5aba0c4c9d667f7ed6",
    ),
    (
        "0022_station_month_void_reason.sql",
        "f118b55f2becf14b2d1db319333691812e61aae69a8e8b0e2fd6b02e26079992",
    ),
    (
        "0023_attendance_register_now.sql",
        "0c88bedb2ec155534132b63ee1d47c7269c3bc31933e8456f20a96c9b271c66a",
    ),
    (
        "0024_funds.sql",
        "6b0246a70c26de904b912ca92c4e70d0c726c05072cabe471eb1729b692bd8fb",
    ),
    (
        "0025_idle_lock.sql",
        "46ab14052716e45de25ed15c02408345a77d08a3a584d1f82103c94797697a5f",
    ),
    (
        "0026_checks.sql",
        "f6bcfd0716ea08ccfbb27cb31bae69dec6ac3a987c760b0c74d9b4fbe58621cd",
    ),
    (
        "0027_callbacks.sql",
        "ce63eb27f101abd86da3333ba21a6a5d9ca77670dd0f518e552ce144a6ebbe4d",
    ),
    (
        "0028_seasons_delivery.sql",
        "63e80f788a919743f1970f8e55cb5609d105c35cdd5056a70c1545603e63b713",
    ),
    (
        "0029_household_search_keys.sql",
        "b5be45ef2e1aae73bfe493a53e2f418a7be4ebb5df83ed752a5e5158d25634f5",
    ),
    (
        "0030_incremental_checks.sql",
        "667921776f6a19ec9519e7766c0c3d024ce4f31347e1aacbb39c320929fc04f8",
    ),
    (
        "0031_household_list_order.sql",
        "f0d290f678064b78f1badd484ee243a6de8b3eeb846970e07bfb400edee88add",
    ),
    (
        "0032_unlogged_rows_index.sql",
        "6f1e8a9546b30971aec9030a3f6d56e67998a101be465570cbf3f1d330b1279d",
    ),
];

const HOW_TO_FIX: &str = "Never edit a landed migration: every database that already ran it \
keeps the schema of the text it ran and never runs an edited one. Undo the edit (git checkout -- \
migrations/<file>) and fix forward: add a new migration with the next number that brings an old \
database to the schema you want (and changes nothing on a new one), register it in \
src/store/migrations.rs, then pin the new file's SHA-256 in PINNED in \
tests/core/migrations_frozen.rs. A new migration is registered and pinned the same way.";

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What is wrong with `files` (file name, bytes) against `pinned`: one message per file.
fn unfrozen(files: &[(String, Vec<u8>)], pinned: &[(&str, &str)]) -> Vec<String> {
    let pinned: BTreeMap<&str, &str> = pinned.iter().copied().collect();
    let mut problems = Vec::new();
    for (name, bytes) in files {
        let digest = sha256_hex(bytes);
        match pinned.get(name.as_str()) {
            Some(pin) if *pin == digest => {}
            Some(pin) => problems.push(format!(
                "migrations/{name} changed after it landed: pinned SHA-256 {pin}, now {digest}."
            )),
            None => problems.push(format!(
                "migrations/{name} has no pinned hash. Once it lands, pin it: add \
                 (\"{name}\", \"{digest}\") to PINNED in tests/core/migrations_frozen.rs."
            )),
        }
    }
    let present: BTreeSet<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    for name in pinned.keys().filter(|name| !present.contains(*name)) {
        problems.push(format!(
            "migrations/{name} is pinned but no longer embedded: a landed migration is never \
             removed or renamed."
        ));
    }
    problems
}

fn embedded() -> Vec<(String, Vec<u8>)> {
    MIGRATIONS
        .iter()
        .map(|(name, sql)| (format!("{name}.sql"), sql.as_bytes().to_vec()))
        .collect()
}

#[test]
fn landed_migrations_are_never_edited() {
    let mut problems = unfrozen(&embedded(), PINNED);
    // A file in migrations/ that is not embedded is a migration nobody pinned either.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let embedded: BTreeMap<String, Vec<u8>> = embedded().into_iter().collect();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        match embedded.get(&name) {
            Some(bytes) if *bytes == std::fs::read(&path).unwrap() => {}
            Some(_) => problems.push(format!(
                "migrations/{name} differs from the text the app embeds: rebuild."
            )),
            None => problems.push(format!(
                "migrations/{name} is not registered in src/store/migrations.rs: register it, \
                 then pin it (SHA-256 {}).",
                sha256_hex(&std::fs::read(&path).unwrap())
            )),
        }
    }
    assert!(
        problems.is_empty(),
        "{}\n\n{HOW_TO_FIX}",
        problems.join("\n")
    );
}

#[test]
fn an_edited_copy_of_a_landed_migration_is_caught() {
    let mut files = embedded();
    files[5].1.extend_from_slice(
        b"\nCREATE INDEX recheck_by_programme ON recheck_sample(programme_id);\n",
    );
    files.push(("0099_new.sql".into(), b"SELECT 1;".to_vec()));
    let problems = unfrozen(&files, PINNED);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].starts_with("migrations/0006_inspections.sql changed after it landed"));
    assert!(problems[1].starts_with("migrations/0099_new.sql has no pinned hash"));
    assert!(unfrozen(&files[..3], PINNED)
        .iter()
        .any(|p| p.contains("0014_fix_forward_0006_0009.sql is pinned but no longer embedded")));
}

/// SQL text without comments and with runs of blanks made one space, so that only what SQLite
/// reads is compared.
fn normalise_sql(sql: &str) -> String {
    let mut out = String::new();
    let mut chars = sql.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            out.push(c);
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' | '`' => {
                quote = Some(c);
                out.push(c);
            }
            '-' if chars.peek() == Some(&'-') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
                out.push(' ');
            }
            c if c.is_whitespace() => out.push(' '),
            c => out.push(c),
        }
    }
    let squeezed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    squeezed
        .replace("( ", "(")
        .replace(" )", ")")
        .replace(" ,", ",")
}

fn rows(conn: &Connection, sql: &str) -> Vec<Vec<SqlValue>> {
    let mut stmt = conn.prepare(sql).unwrap();
    let n = stmt.column_count();
    stmt.query_map([], |r| (0..n).map(|i| r.get::<_, SqlValue>(i)).collect())
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn render(values: &[SqlValue]) -> String {
    values
        .iter()
        .map(|v| match v {
            SqlValue::Null => "NULL".to_string(),
            SqlValue::Integer(i) => i.to_string(),
            SqlValue::Real(f) => f.to_string(),
            SqlValue::Text(s) => format!("{s:?}"),
            SqlValue::Blob(b) => format!("x'{}'", sha256_hex(b)),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The schema as application-services' "schema matches new database" test sees it: every
/// object of `sqlite_master` (its SQL normalised), and for tables their kind (STRICT, WITHOUT
/// ROWID), columns (type, not null, default, primary key), foreign keys and indexes with their
/// columns. One entry per object, keyed by type and name.
fn schema(path: &Path) -> BTreeMap<String, String> {
    let conn = Connection::open(path).unwrap();
    let mut objects = BTreeMap::new();
    for object in rows(
        &conn,
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%'",
    ) {
        let text = |i: usize| match &object[i] {
            SqlValue::Text(s) => s.clone(),
            _ => String::new(),
        };
        let (kind, name, table) = (text(0), text(1), text(2));
        let mut entry = format!(
            "{kind} {name} on {table}\n  sql {}\n",
            normalise_sql(&text(3))
        );
        let quoted = name.replace('\'', "''");
        if kind == "table" {
            for line in rows(
                &conn,
                &format!(
                    "SELECT type, ncol, wr, strict FROM pragma_table_list WHERE schema = 'main' \
                     AND name = '{quoted}'"
                ),
            ) {
                entry += &format!(
                    "  kind (type ncol without_rowid strict) {}\n",
                    render(&line)
                );
            }
            for line in rows(
                &conn,
                &format!(
                    "SELECT cid, name, type, \"notnull\", dflt_value, pk, hidden \
                     FROM pragma_table_xinfo('{quoted}') ORDER BY cid"
                ),
            ) {
                entry += &format!(
                    "  column (cid name type notnull default pk hidden) {}\n",
                    render(&line)
                );
            }
            for line in rows(
                &conn,
                &format!(
                    "SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete, \"match\" \
                     FROM pragma_foreign_key_list('{quoted}') ORDER BY id, seq"
                ),
            ) {
                entry += &format!("  foreign key {}\n", render(&line));
            }
            for line in rows(
                &conn,
                &format!(
                    "SELECT name, \"unique\", origin, partial FROM pragma_index_list('{quoted}') \
                     ORDER BY name"
                ),
            ) {
                entry += &format!("  index (name unique origin partial) {}\n", render(&line));
            }
        }
        if kind == "index" {
            for line in rows(
                &conn,
                &format!(
                    "SELECT seqno, cid, name, \"desc\", coll, key FROM pragma_index_xinfo('{quoted}') \
                     ORDER BY seqno"
                ),
            ) {
                entry += &format!(
                    "  key (seqno cid name desc collation key) {}\n",
                    render(&line)
                );
            }
        }
        objects.insert(format!("{kind} {name}"), entry);
    }
    objects
}

/// Every row of every table, sorted (row order and rowids are not compared).
fn contents(path: &Path) -> BTreeMap<String, Vec<String>> {
    contents_in_columns_of(path, path)
}

/// Every row of `path`, in the columns `shape` has (columns a later migration added to the
/// upgraded file are left out, so a step is compared with what it alone did).
fn contents_in_columns_of(path: &Path, shape: &Path) -> BTreeMap<String, Vec<String>> {
    let shape = Connection::open(shape).unwrap();
    let conn = Connection::open(path).unwrap();
    let tables = rows(
        &conn,
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    );
    tables
        .into_iter()
        .map(|t| {
            let SqlValue::Text(table) = &t[0] else {
                unreachable!()
            };
            let columns: Vec<String> = rows(
                &shape,
                &format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid"),
            )
            .iter()
            .map(|r| match &r[0] {
                SqlValue::Text(name) => format!("\"{name}\""),
                _ => unreachable!(),
            })
            .collect();
            let select = match columns.is_empty() {
                true => "*".to_string(),
                false => columns.join(", "),
            };
            let mut lines: Vec<String> = rows(&conn, &format!("SELECT {select} FROM \"{table}\""))
                .iter()
                .map(|r| render(r))
                .collect();
            lines.sort();
            (table.clone(), lines)
        })
        .collect()
}

/// The differences between two schemas, one paragraph per object, empty when they match.
fn schema_diff(
    expected: &BTreeMap<String, String>,
    found: &BTreeMap<String, String>,
) -> Vec<String> {
    let names: BTreeSet<&String> = expected.keys().chain(found.keys()).collect();
    names
        .into_iter()
        .filter_map(|name| match (expected.get(name), found.get(name)) {
            (Some(a), Some(b)) if a == b => None,
            (Some(a), Some(b)) => {
                // Only the lines that differ: `-` as in a new database, `+` as upgraded.
                let (old, new): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
                let mut text = format!("{name} differs (- new database, + upgraded):\n");
                for line in old.iter().filter(|l| !new.contains(l)) {
                    text += &format!("- {line}\n");
                }
                for line in new.iter().filter(|l| !old.contains(l)) {
                    text += &format!("+ {line}\n");
                }
                Some(text)
            }
            (Some(a), None) => Some(format!("{name} missing from the upgraded database:\n{a}")),
            (None, Some(b)) => Some(format!("{name} only in the upgraded database:\n{b}")),
            (None, None) => None,
        })
        .collect()
}

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension() == Some("db".as_ref()))
        .collect();
    found.sort();
    found
}

/// A copy of `fixture` in `dir`, opened (so upgraded) by the app; the store is closed again.
fn upgraded(dir: &Path, fixture: &Path) -> PathBuf {
    let path = dir.join(fixture.file_name().unwrap());
    std::fs::copy(fixture, &path).unwrap();
    let store = Store::open(&path).unwrap_or_else(|e| panic!("{}: {e}", fixture.display()));
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    let check = store.verify_log().unwrap();
    assert!(
        check.first_broken.is_none(),
        "{}: {:?}",
        fixture.display(),
        check.first_broken
    );
    path
}

#[test]
fn databases_upgraded_from_every_fixture_have_the_schema_of_a_new_database() {
    let (dir, fresh) = temp_db();
    drop(Store::open(&fresh).unwrap());
    let expected = schema(&fresh);
    assert!(expected.contains_key("table sync_review_edit"));
    let fixtures = fixtures();
    let names: Vec<String> = fixtures
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    for wanted in [
        "schema-v1.db",
        "schema-v6-0006-first.db",
        "schema-v6-0006-second.db",
        "schema-v9-0009-first.db",
        "schema-v13.db",
    ] {
        assert!(names.iter().any(|n| n == wanted), "{wanted} in {names:?}");
    }
    let mut problems = Vec::new();
    for fixture in &fixtures {
        let name = fixture.file_name().unwrap().to_string_lossy();
        // The app's own upgrade; if the app cannot open the result, the same steps run by hand
        // still show how the schema differs.
        let path = dir.path().join(format!("app-{name}"));
        std::fs::copy(fixture, &path).unwrap();
        let upgraded = match Store::open(&path) {
            Ok(_) => path,
            Err(e) => {
                problems.push(format!("{name}: the app cannot open it: {e}"));
                let path = dir.path().join(format!("steps-{name}"));
                std::fs::copy(fixture, &path).unwrap();
                run_migrations(&path);
                path
            }
        };
        for diff in schema_diff(&expected, &schema(&upgraded)) {
            problems.push(format!("{name}: {diff}"));
        }
    }
    assert!(
        problems.is_empty(),
        "a database upgraded from a fixture differs from a new one: a landed migration was \
         edited after databases ran it. Fix forward with a new migration (see \
         tests/fixtures/README.md).\n\n{}",
        problems.join("\n")
    );
}

/// The steps `store::migrations::migrate` takes from the database's version on: each migration
/// in one transaction with its version bump.
fn run_migrations(path: &Path) {
    let mut conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    let from: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    for (index, (name, sql)) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        let tx = conn.transaction().unwrap();
        tx.execute_batch(sql)
            .unwrap_or_else(|e| panic!("{}: {name}: {e}", path.display()));
        tx.pragma_update(None, "user_version", index as i64 + 1)
            .unwrap();
        tx.commit().unwrap();
    }
}

/// `run_migrations`, stopping after the migration named `last`.
fn run_migrations_through(path: &Path, last: &str) {
    let mut conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    let from: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    for (index, (name, sql)) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        let tx = conn.transaction().unwrap();
        tx.execute_batch(sql).unwrap();
        tx.pragma_update(None, "user_version", index as i64 + 1)
            .unwrap();
        tx.commit().unwrap();
        if *name == last {
            return;
        }
    }
    panic!("no migration {last}");
}

#[test]
fn the_fix_forward_step_changes_nothing_on_an_up_to_date_database_and_can_run_again() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    // A version 13 database made by the app (the demo county and a re-check sample): opening
    // it runs 0014 only, which must leave every row as it was.
    let v13 = dir.path().join("v13-before.db");
    std::fs::copy(fixtures.join("schema-v13.db"), &v13).unwrap();
    let before = contents(&v13);
    assert_eq!(
        (before["recheck_sample"].len(), before["household"].len()),
        (1, 10)
    );
    // The step itself, without the migrations after it (they may add columns).
    let stepped = dir.path().join("v13-0014.db");
    std::fs::copy(fixtures.join("schema-v13.db"), &stepped).unwrap();
    run_migrations_through(&stepped, "0014_fix_forward_0006_0009");
    let after = contents(&stepped);
    let path = upgraded(dir.path(), &fixtures.join("schema-v13.db"));
    for (table, rows) in &before {
        assert_eq!(&after[table], rows, "0014 changed rows of {table}");
    }
    assert_eq!(before.len(), after.len());

    // Running the step again, on that database and on one fixed by it, changes nothing.
    let old = upgraded(dir.path(), &fixtures.join("schema-v6-0006-second.db"));
    let fix = MIGRATIONS
        .iter()
        .find(|(name, _)| *name == "0014_fix_forward_0006_0009")
        .unwrap()
        .1;
    for path in [path, old] {
        let (schema_before, rows_before) = (schema(&path), contents(&path));
        let mut conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        let tx = conn.transaction().unwrap();
        tx.execute_batch(fix).unwrap();
        tx.commit().unwrap();
        drop(conn);
        assert_eq!(
            schema_diff(&schema_before, &schema(&path)),
            Vec::<String>::new()
        );
        assert_eq!(contents(&path), rows_before, "{}", path.display());
    }
}

#[test]
fn a_sample_kept_as_operator_ids_reads_as_drawn_after_the_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v6-0006-second.db");
    let path = upgraded(dir.path(), &fixture);
    let store = Store::open(&path).unwrap();
    let samples = store
        .recheck_samples("0190a000-0000-7000-8000-000000000010")
        .unwrap();
    assert_eq!(samples.len(), 1);
    let sample = &samples[0];
    assert_eq!(
        (sample.seed.as_str(), sample.share.as_str()),
        ("2019", "0.5")
    );
    let townships: Vec<_> = sample
        .townships
        .iter()
        .map(|t| {
            (
                t.township.as_str(),
                t.accepted,
                t.drawn
                    .iter()
                    .map(|o| (o.id.as_str(), o.name.as_str(), o.place.as_str()))
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    assert_eq!(townships.len(), 1, "{townships:?}");
    assert_eq!(townships[0].0, "鸡峰镇");
    assert_eq!(townships[0].1, 2, "two shops of 鸡峰镇 passed acceptance");
    assert_eq!(townships[0].2.len(), 1, "half of two, rounded up");
    assert!(
        [
            (
                "0190a000-0000-7000-8000-000000000011",
                "成县鸡峰镇长沟村电商扶贫示范店",
                "鸡峰镇长沟村"
            ),
            (
                "0190a000-0000-7000-8000-000000000012",
                "成县鸡峰镇草滩村电商扶贫示范店",
                "鸡峰镇草滩村"
            )
        ]
        .contains(&townships[0].2[0]),
        "{townships:?}"
    );
    // The same draw today gives the same operator: the sample was kept exactly as drawn.
    let again = fieldbook::domain::inspections::draw(
        &[
            "0190a000-0000-7000-8000-000000000011".to_string(),
            "0190a000-0000-7000-8000-000000000012".to_string(),
        ],
        "0.5".parse().unwrap(),
        2019,
    );
    assert_eq!(again, [townships[0].2[0].0]);
}
