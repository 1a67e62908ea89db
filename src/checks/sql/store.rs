//! Storing a run's findings at the hub: a new key is a new open finding; a known key keeps its
//! row (its evidence brought up to date); a pending finding (open or explained) the run no
//! longer finds is closed, naming the latest change of its records (the change that fixed it);
//! a confirmed or dismissed finding stays as the county decided.
//!
//! Every change goes through the write path, except one: a known finding found again with the
//! same evidence only moves its `last_seen`, by a plain UPDATE like the sync bookkeeping
//! columns. Else every import would add one change-log entry per open finding, and the county's
//! audit trail would fill with "still there".

use std::collections::{BTreeSet, HashMap, HashSet};

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, Transaction};

use super::changed::{run_changed, Changes, Judged, Region};
use super::SuiteRun;
use crate::checks::{CheckCode, CheckRun, Finding, FindingStatus, RecordRef, RunReport, Scope};
use crate::domain::refuse_if;
use crate::error::Result;
use crate::store::entities::FINDING;
use crate::store::write::{self, Op, Writer};
use crate::store::{Query, Store};
use crate::Code;

/// Now by the store's clock, as stored in `first_seen` / `last_seen` / `decided_at`.
pub fn run_at_now(store: &Store) -> String {
    let ms = store.writer.clock.now_ms() as i64;
    chrono::DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A stored finding as the run compares it.
struct Known {
    id: String,
    /// `None`: a code this build does not know (a newer hub's), never judged by a partial run.
    check: Option<CheckCode>,
    status: FindingStatus,
    townships: Vec<String>,
    records: String,
    compared: String,
    threshold: Option<String>,
    summary: String,
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("finding evidence serialises")
}

impl Store {
    /// Whether this database keeps findings: the county hub (and a database not enrolled as a
    /// township laptop) does; a laptop computes its own township's and never keeps them.
    pub fn keeps_findings(&self) -> Result<bool> {
        self.county_reference_can_change()
    }

    /// Stores a whole-county run's findings (`run_suite(store, &Scope::All)`).
    pub fn record_findings(&mut self, found: &[Finding], run_at: &str) -> Result<RunReport> {
        self.record_findings_in(&Scope::All, found, run_at)
    }

    /// Stores a run's findings over `scope`: only pending findings within the scope are closed
    /// when not found again.
    pub fn record_findings_in(
        &mut self,
        scope: &Scope,
        found: &[Finding],
        run_at: &str,
    ) -> Result<RunReport> {
        refuse_if(
            !self.keeps_findings()?,
            Code::FINDING_STATUS,
            "findings",
            "乡镇电脑只计算和显示本乡镇的核查结果，不保存；核查发现由县电商中心保存和审核。",
        )?;
        self.write(|tx, writer| record_findings_tx(tx, writer, scope, None, found, run_at))
    }

    /// Runs every check over `scope` and, where findings are kept, stores them: what
    /// `fieldbook check` does.
    pub fn run_checks(&mut self, scope: &Scope) -> Result<CheckRun> {
        self.run_checks_touched(scope, None)
    }

    /// `run_checks` after records of the `touched` kinds changed (the county's import): the
    /// families that read none of them are left out, and their findings stay as they were.
    pub fn run_checks_touched(
        &mut self,
        scope: &Scope,
        touched: Option<&BTreeSet<String>>,
    ) -> Result<CheckRun> {
        let SuiteRun { found, judged } = super::run_families(self, scope, touched)?;
        let run_at = run_at_now(self);
        if !self.keeps_findings()? {
            let findings = found
                .iter()
                .map(|f| self.unstored_view(f, &run_at))
                .collect::<Result<Vec<_>>>()?;
            return Ok(CheckRun {
                stored: false,
                report: RunReport {
                    new: findings.len() as u32,
                    total: findings.len() as u32,
                    ..RunReport::default()
                },
                findings,
            });
        }
        let regions = [Region::Everything(judged)];
        // A whole run over the county answers for every change so far (the gathering read them
        // before this write: nothing is written between).
        let whole = matches!(scope, Scope::All) && touched.is_none();
        let last = Changes::last_seq(self)?;
        let report = self.write(|tx, writer| {
            let report = record_findings_tx(tx, writer, scope, Some(&regions), &found, &run_at)?;
            if whole {
                set_judged_until(tx, last)?;
            }
            Ok(report)
        })?;
        let keys: Vec<String> = found.iter().map(Finding::key).collect();
        Ok(CheckRun {
            stored: true,
            report,
            findings: self.findings_by_keys(&keys)?,
        })
    }
}

/// The `app_meta` key holding the last change-log seq the stored findings answer for: every
/// record change up to it was judged (by a whole run or an incremental one).
const JUDGED_UNTIL: &str = "checks_judged_until";

fn judged_until(store: &Store) -> Result<Option<i64>> {
    let value: Option<String> = store
        .conn
        .list(
            "SELECT value FROM app_meta WHERE key = ?1",
            [JUDGED_UNTIL],
            |r| r.get(0),
        )?
        .pop();
    Ok(value.and_then(|v| v.parse().ok()))
}

fn set_judged_until(tx: &Transaction, seq: i64) -> Result<()> {
    tx.execute(
        "INSERT INTO app_meta (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![JUDGED_UNTIL, seq.to_string()],
    )?;
    Ok(())
}

/// The checks the county's import runs in the batch's transaction (`tx`, on `store`'s
/// connection, so the rules read the batch's records), across all townships: the groups of the
/// records changed since the last run judged them (the batch's, and the county's own edits
/// since) are judged again (`checks::sql::changed`), their findings stored; only pending
/// findings of those groups are closed when not found again. A hub whose findings no run has
/// judged yet runs every check over the whole county once.
pub fn checks_after_import(store: &Store, tx: &Transaction) -> Result<RunReport> {
    let last = Changes::last_seq(store)?;
    let report = match judged_until(store)? {
        Some(since) => record_changed(store, tx, &Changes::since(store, since)?)?,
        None => {
            let SuiteRun { found, judged } = super::run_families(store, &Scope::All, None)?;
            let run_at = run_at_now(store);
            let regions = [Region::Everything(judged)];
            record_findings_tx(
                tx,
                &store.writer,
                &Scope::All,
                Some(&regions),
                &found,
                &run_at,
            )?
        }
    };
    set_judged_until(tx, last)?;
    Ok(report)
}

/// Judges the groups `changes` touched and stores what was found, in `tx`.
fn record_changed(store: &Store, tx: &Transaction, changes: &Changes) -> Result<RunReport> {
    let judged = run_changed(store, changes)?;
    let run_at = run_at_now(store);
    let mut found = Vec::new();
    let mut regions = Vec::new();
    for Judged {
        found: f,
        regions: r,
    } in judged
    {
        found.extend(f);
        regions.extend(r);
    }
    record_findings_tx(
        tx,
        &store.writer,
        &Scope::All,
        Some(&regions),
        &found,
        &run_at,
    )
}

impl Store {
    /// The incremental run the county's import makes, for the records changed since the
    /// change-log entry `since` (`Changes::last_seq` before the changes), its findings stored.
    /// For benches and tests: it leaves the import's own mark (what the last run judged) as it
    /// is, so it can be measured again over the same changes.
    pub fn run_checks_since(&mut self, since: i64) -> Result<RunReport> {
        refuse_if(
            !self.keeps_findings()?,
            Code::FINDING_STATUS,
            "findings",
            "乡镇电脑只计算和显示本乡镇的核查结果，不保存；核查发现由县电商中心保存和审核。",
        )?;
        let changes = Changes::since(self, since)?;
        let store: &Store = self;
        let tx = rusqlite::Transaction::new_unchecked(
            &store.conn,
            rusqlite::TransactionBehavior::Immediate,
        )?;
        let report = record_changed(store, &tx, &changes)?;
        tx.commit()?;
        Ok(report)
    }
}

/// `record_findings_in` inside the caller's transaction (the county's import runs it after the
/// batch is written).
pub(crate) fn record_findings_tx(
    tx: &Transaction,
    writer: &Writer,
    scope: &Scope,
    judged: Option<&[Region]>,
    found: &[Finding],
    run_at: &str,
) -> Result<RunReport> {
    let mut known = match judged {
        Some(regions) if !regions.iter().any(|r| matches!(r, Region::Everything(_))) => {
            load_judged(tx, found, regions)?
        }
        _ => load_known(tx)?,
    };
    let mut report = RunReport {
        total: found.len() as u32,
        ..RunReport::default()
    };
    let mut seen = HashSet::new();
    for finding in found {
        let key = finding.key();
        if !seen.insert(key.clone()) {
            continue;
        }
        let townships = finding.townships();
        let records = json(&finding.records);
        let compared = json(&finding.compared);
        let evidence = [
            ("township_id", text_or_null(townships.first())),
            ("townships", SqlValue::Text(json(&townships))),
            ("records", SqlValue::Text(records.clone())),
            ("compared", SqlValue::Text(compared.clone())),
            ("threshold", text_or_null(finding.threshold.as_ref())),
            ("summary", SqlValue::Text(finding.summary.clone())),
        ];
        match known.remove(&key) {
            None => {
                let mut values = vec![
                    ("key", SqlValue::Text(key.clone())),
                    ("check_code", SqlValue::Text(finding.check.as_str().into())),
                    (
                        "severity",
                        SqlValue::Text(finding.severity().as_str().into()),
                    ),
                    ("review_status", SqlValue::Text("open".into())),
                    ("first_seen", SqlValue::Text(run_at.into())),
                    ("last_seen", SqlValue::Text(run_at.into())),
                ];
                values.extend(evidence);
                write::record(tx, writer, &FINDING, &finding_id(&key), Op::Create, &values)?;
                report.new += 1;
            }
            Some(row) => {
                let reopened = row.status == FindingStatus::Closed;
                let changed = reopened
                    || row.townships != townships
                    || row.records != records
                    || row.compared != compared
                    || row.threshold != finding.threshold
                    || row.summary != finding.summary;
                if changed {
                    let mut values = evidence.to_vec();
                    values.push(("last_seen", SqlValue::Text(run_at.into())));
                    if reopened {
                        values.push(("review_status", SqlValue::Text("open".into())));
                        values.push(("closed_by", SqlValue::Null));
                    }
                    write::record(tx, writer, &FINDING, &row.id, Op::Update, &values)?;
                } else {
                    tx.execute(
                        "UPDATE finding SET last_seen = ?2 WHERE id = ?1",
                        params![row.id, run_at],
                    )?;
                }
                if reopened {
                    report.new += 1;
                } else {
                    report.still_open += 1;
                }
            }
        }
    }
    // What is left was not found again.
    for (key, row) in known {
        let in_scope = match scope {
            Scope::All => true,
            Scope::Township(id) => row.townships.contains(id),
        };
        if !row.status.is_pending() || !in_scope {
            continue;
        }
        let records: Vec<RecordRef> = serde_json::from_str(&row.records).unwrap_or_default();
        let was_judged = match (judged, row.check) {
            (None, _) => true,
            // A code this build does not know (a newer hub's) is never judged by a partial run.
            (Some(_), None) => false,
            (Some(regions), Some(check)) => {
                let named: Vec<(String, String)> = records
                    .iter()
                    .map(|r| (r.kind.clone(), r.id.clone()))
                    .collect();
                regions.iter().any(|r| r.holds(check, &key, &named))
            }
        };
        if !was_judged {
            continue;
        }
        let fixed_by = latest_change_of(tx, &records)?;
        write::record(
            tx,
            writer,
            &FINDING,
            &row.id,
            Op::Update,
            &[
                ("review_status", SqlValue::Text("closed".into())),
                ("closed_by", text_or_null(fixed_by.as_ref())),
            ],
        )?;
        report.closed += 1;
    }
    Ok(report)
}

/// A finding's id follows from its key: the same cause is the same finding on any hub (and in
/// any order of imports).
fn finding_id(key: &str) -> String {
    const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x6a1f_2c0e_15a0_4c8b_9d3e_0f1e_c4ec_0015);
    uuid::Uuid::new_v5(&NAMESPACE, key.as_bytes()).to_string()
}

fn text_or_null(text: Option<&String>) -> SqlValue {
    text.map_or(SqlValue::Null, |t| SqlValue::Text(t.clone()))
}

const KNOWN: &str = "SELECT key, id, review_status, townships, records, compared, threshold,
                            summary, check_code
                     FROM finding WHERE deleted_hlc IS NULL";

fn known(r: &rusqlite::Row<'_>) -> rusqlite::Result<(String, Known)> {
    let status: String = r.get(2)?;
    let townships: String = r.get(3)?;
    let check: String = r.get(8)?;
    Ok((
        r.get(0)?,
        Known {
            id: r.get(1)?,
            check: CheckCode::from_name(&check),
            status: FindingStatus::from_name(&status).unwrap_or(FindingStatus::Open),
            townships: serde_json::from_str(&townships).unwrap_or_default(),
            records: r.get(4)?,
            compared: r.get(5)?,
            threshold: r.get(6)?,
            summary: r.get(7)?,
        },
    ))
}

fn load_known(tx: &Transaction) -> Result<HashMap<String, Known>> {
    let rows: Vec<(String, Known)> = tx.list(KNOWN, [], known)?;
    Ok(rows.into_iter().collect())
}

/// The stored findings a partial run can touch: those it found (by key) and the pending ones
/// of the checks (or keys) its regions judge; the rest stay as they are, unread.
fn load_judged(
    tx: &Transaction,
    found: &[Finding],
    regions: &[Region],
) -> Result<HashMap<String, Known>> {
    let mut keys: BTreeSet<String> = found.iter().map(Finding::key).collect();
    let mut checks: BTreeSet<&str> = BTreeSet::new();
    for region in regions {
        match region {
            Region::Everything(c) => checks.extend(c.iter().map(|c| c.as_str())),
            // A region naming no record holds no finding: nothing of its checks to read.
            Region::Naming(c, named) if !named.is_empty() => {
                checks.extend(c.iter().map(|c| c.as_str()))
            }
            Region::Naming(..) => {}
            Region::Keys(k) => keys.extend(k.iter().cloned()),
        }
    }
    let mut out = HashMap::new();
    let by_key = format!("{KNOWN} AND key = ?1");
    for key in &keys {
        out.extend(tx.list(&by_key, [key], known)?);
    }
    let pending = format!("{KNOWN} AND check_code = ?1 AND review_status IN ('open', 'explained')");
    for check in checks {
        out.extend(tx.list(&pending, [check], known)?);
    }
    Ok(out)
}

/// The latest change-log entry of any of these records: the change that removed the cause.
fn latest_change_of(tx: &Transaction, records: &[RecordRef]) -> Result<Option<String>> {
    let mut latest: Option<(i64, String)> = None;
    for record in records {
        let last: Option<(i64, String)> = tx.row(
            "SELECT seq, change_id FROM change_log WHERE entity = ?1 AND record_id = ?2
             ORDER BY seq DESC LIMIT 1",
            [&record.kind, &record.id],
        )?;
        if let Some(last) = last {
            if latest.as_ref().is_none_or(|l| last.0 > l.0) {
                latest = Some(last);
            }
        }
    }
    Ok(latest.map(|(_, change_id)| change_id))
}
