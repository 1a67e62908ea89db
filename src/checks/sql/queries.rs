//! What the 核查 page, the CLI and the printed form read: findings with their evidence, why
//! they matter, the townships' names and the county's review.

use std::collections::HashMap;

use rusqlite::types::Value as SqlValue;
use rusqlite::Row;

use crate::checks::{
    CheckCode, Finding, FindingCount, FindingFilter, FindingStatus, FindingView, Severity,
    TownshipName,
};
use crate::domain::Invalid;
use crate::error::Result;
use crate::store::{Query, Store};
use crate::Code;

const VIEW_COLUMNS: &str = "id, key, check_code, severity, township_id, townships, records,
    compared, threshold, summary, review_status, note, attachment_sha256, decided_by, decided_at,
    first_seen, last_seen, closed_by, recovery_id";

/// A stored row, before the townships' names are filled in.
fn view_of(row: &Row<'_>) -> rusqlite::Result<(FindingView, Vec<String>)> {
    let code: String = row.get(2)?;
    let check = CheckCode::from_name(&code).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            2,
            rusqlite::types::Type::Text,
            format!("unknown check code {code}").into(),
        )
    })?;
    let severity: String = row.get(3)?;
    let status: String = row.get(10)?;
    let townships: String = row.get(5)?;
    let records: String = row.get(6)?;
    let compared: String = row.get(7)?;
    let view = FindingView {
        id: row.get(0)?,
        key: row.get(1)?,
        check,
        rule: check.rule().into(),
        title: check.title().into(),
        why: check.why().into(),
        severity: Severity::from_name(&severity).unwrap_or(check.severity()),
        township_id: row.get(4)?,
        townships: Vec::new(),
        records: serde_json::from_str(&records).unwrap_or_default(),
        compared: serde_json::from_str(&compared).unwrap_or_default(),
        threshold: row.get(8)?,
        summary: row.get(9)?,
        status: FindingStatus::from_name(&status).unwrap_or(FindingStatus::Open),
        note: row.get(11)?,
        attachment_sha256: row.get(12)?,
        decided_by: row.get(13)?,
        decided_at: row.get(14)?,
        first_seen: row.get(15)?,
        last_seen: row.get(16)?,
        closed_by: row.get(17)?,
        recovery_id: row.get(18)?,
        stored: true,
    };
    Ok((view, serde_json::from_str(&townships).unwrap_or_default()))
}

pub(crate) fn finding_missing(id: &str) -> Invalid {
    Invalid::new(
        Code::FINDING_NOT_FOUND,
        "id",
        format!("找不到编号为“{id}”的核查发现。请用 fieldbook check list 查看现有的核查发现。"),
    )
}

impl Store {
    /// The county's townships by id (retired ones too: an old finding may name one).
    fn township_names(&self) -> Result<HashMap<String, TownshipName>> {
        let rows: Vec<TownshipName> = self.conn.list(
            "SELECT id, code, name FROM township WHERE deleted_hlc IS NULL",
            [],
            |r| {
                Ok(TownshipName {
                    id: r.get(0)?,
                    code: r.get(1)?,
                    name: r.get(2)?,
                })
            },
        )?;
        Ok(rows.into_iter().map(|t| (t.id.clone(), t)).collect())
    }

    fn views(&self, sql: &str, params: &[SqlValue]) -> Result<Vec<FindingView>> {
        let names = self.township_names()?;
        let rows = self
            .conn
            .list(sql, rusqlite::params_from_iter(params.iter()), view_of)?;
        Ok(rows
            .into_iter()
            .map(|(mut view, townships)| {
                view.townships = townships
                    .iter()
                    .filter_map(|id| names.get(id).cloned())
                    .collect();
                view
            })
            .collect())
    }

    /// The stored findings the filter picks, most severe first, then by check and first seen.
    pub fn findings(&self, filter: &FindingFilter) -> Result<Vec<FindingView>> {
        let mut clauses = vec!["deleted_hlc IS NULL".to_string()];
        let mut params = Vec::new();
        if let Some(township) = &filter.township_id {
            params.push(SqlValue::Text(township.clone()));
            clauses.push(format!(
                "EXISTS (SELECT 1 FROM json_each(finding.townships) WHERE value = ?{})",
                params.len()
            ));
        }
        if let Some(check) = filter.check {
            params.push(SqlValue::Text(check.as_str().into()));
            clauses.push(format!("check_code = ?{}", params.len()));
        }
        if let Some(status) = filter.status {
            params.push(SqlValue::Text(status.as_str().into()));
            clauses.push(format!("review_status = ?{}", params.len()));
        }
        let sql = format!(
            "SELECT {VIEW_COLUMNS} FROM finding WHERE {}
             ORDER BY CASE severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END,
                      check_code, first_seen, key",
            clauses.join(" AND ")
        );
        self.views(&sql, &params)
    }

    /// One stored finding (`FINDING_NOT_FOUND` when there is none with this id).
    pub fn finding(&self, id: &str) -> Result<FindingView> {
        let sql =
            format!("SELECT {VIEW_COLUMNS} FROM finding WHERE id = ?1 AND deleted_hlc IS NULL");
        self.views(&sql, &[SqlValue::Text(id.into())])?
            .into_iter()
            .next()
            .ok_or_else(|| finding_missing(id).into())
    }

    /// The stored findings with these keys, in the keys' order.
    pub(crate) fn findings_by_keys(&self, keys: &[String]) -> Result<Vec<FindingView>> {
        let sql = format!(
            "SELECT {VIEW_COLUMNS} FROM finding
             WHERE key IN (SELECT value FROM json_each(?1)) AND deleted_hlc IS NULL"
        );
        let keys_json = serde_json::to_string(keys).expect("keys serialise");
        let mut by_key: HashMap<String, FindingView> = self
            .views(&sql, &[SqlValue::Text(keys_json)])?
            .into_iter()
            .map(|v| (v.key.clone(), v))
            .collect();
        Ok(keys.iter().filter_map(|k| by_key.remove(k)).collect())
    }

    /// How many findings each township has, by check and status (a finding counts under its
    /// first township; `None`: a finding that names no township).
    pub fn finding_counts(&self) -> Result<Vec<FindingCount>> {
        let names = self.township_names()?;
        let rows: Vec<(Option<String>, String, String, u32)> = self.conn.list(
            "SELECT township_id, check_code, review_status, COUNT(*) FROM finding
             WHERE deleted_hlc IS NULL
             GROUP BY township_id, check_code, review_status
             ORDER BY township_id, check_code, review_status",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        Ok(rows
            .into_iter()
            .filter_map(|(township_id, check, status, count)| {
                Some(FindingCount {
                    township_name: township_id
                        .as_ref()
                        .and_then(|id| names.get(id))
                        .map(|t| t.name.clone()),
                    township_id,
                    check: CheckCode::from_name(&check)?,
                    status: FindingStatus::from_name(&status)?,
                    count,
                })
            })
            .collect())
    }

    /// A finding computed on a laptop, shown without being stored (its id is its key).
    pub(crate) fn unstored_view(&self, finding: &Finding, run_at: &str) -> Result<FindingView> {
        let names = self.township_names()?;
        let townships = finding.townships();
        let key = finding.key();
        Ok(FindingView {
            id: key.clone(),
            key,
            check: finding.check,
            rule: finding.check.rule().into(),
            title: finding.check.title().into(),
            why: finding.check.why().into(),
            severity: finding.severity(),
            township_id: townships.first().cloned(),
            townships: townships
                .iter()
                .filter_map(|id| names.get(id).cloned())
                .collect(),
            records: finding.records.clone(),
            compared: finding.compared.clone(),
            threshold: finding.threshold.clone(),
            summary: finding.summary.clone(),
            status: FindingStatus::Open,
            note: String::new(),
            attachment_sha256: None,
            decided_by: String::new(),
            decided_at: None,
            first_seen: run_at.into(),
            last_seen: run_at.into(),
            closed_by: None,
            recovery_id: None,
            stored: false,
        })
    }
}
