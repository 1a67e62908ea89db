//! Operators: the shops, enterprises and providers that sign agreements.

use rusqlite::types::Value as SqlValue;
use rusqlite::Row;

use crate::domain::kinds::KindList;
use crate::domain::lifecycle::RecordStatus;
use crate::domain::operators::{Operator, OperatorInput, OperatorKind};
use crate::domain::{Invalid, Problems};
use crate::domain::{Saved, Warning};
use crate::error::{Error, Result};
use crate::store::entities::OPERATOR;
use crate::store::from_row;
use crate::store::records::kinds;
use crate::store::records::lifecycle;
use crate::store::records::places::retired_village_problem;
use crate::store::write::{self, Op};
use crate::store::Query;
use crate::store::Store;
use crate::Code;

const OPERATOR_SELECT: &str =
    "SELECT o.id, o.kind, coalesce(k.label, o.kind), o.name, o.credit_code, o.person_in_charge,
        o.phone, o.village_id, coalesce(t.name || v.name, ''), o.platform, o.shop_url,
        (SELECT count(*) FROM agreement a WHERE a.operator_id = o.id AND a.deleted_hlc IS NULL),
        CASE WHEN o.deleted_hlc IS NULL THEN o.status ELSE 'voided' END
     FROM operator o
     LEFT JOIN kind_option k ON k.list = 'operator' AND k.code = o.kind
     LEFT JOIN village v ON v.id = o.village_id
     LEFT JOIN township t ON t.id = v.township_id";

fn operator_from_row(row: &Row) -> rusqlite::Result<Operator> {
    let kind_code: String = row.get(1)?;
    Ok(from_row!(row => Operator {
        id, kind = OperatorKind::new(kind_code), _, kind_label, name, credit_code,
        person_in_charge, phone, village_id, place, platform, shop_url, agreement_count, status,
    }))
}

impl Store {
    pub fn operator(&self, id: &str) -> Result<Operator> {
        let sql = format!("{OPERATOR_SELECT} WHERE o.deleted_hlc IS NULL AND o.id = ?1");
        self.conn
            .first(&sql, [id], operator_from_row)?
            .ok_or_else(|| Error::not_found("实施主体", id))
    }

    /// Operators, optionally of one township (9-digit code) and of one status (the live ones
    /// without), ordered by place then name.
    pub fn list_operators(
        &self,
        township_code: Option<&str>,
        status: Option<RecordStatus>,
    ) -> Result<Vec<Operator>> {
        let sql = format!(
            "{OPERATOR_SELECT} WHERE {} AND (?1 IS NULL OR t.code = ?1)
             ORDER BY coalesce(v.code, ''), o.name",
            lifecycle::status_condition("o", status)
        );
        Ok(self.conn.list(&sql, [township_code], operator_from_row)?)
    }

    pub fn add_operator(&mut self, input: &OperatorInput) -> Result<Saved<Operator>> {
        let id = crate::store::new_id();
        let warnings = self.save_operator(&id, Op::Create, input)?;
        Ok(Saved::new(self.operator(&id)?, warnings))
    }

    pub fn update_operator(&mut self, id: &str, input: &OperatorInput) -> Result<Saved<Operator>> {
        self.operator(id)?;
        let warnings = self.save_operator(id, Op::Update, input)?;
        Ok(Saved::new(self.operator(id)?, warnings))
    }

    fn save_operator(&mut self, id: &str, op: Op, input: &OperatorInput) -> Result<Vec<Warning>> {
        let requires_shop = kinds::option(&self.conn, KindList::Operator, input.kind.code())?
            .is_some_and(|k| k.requires_online_shop);
        let valid = match input.validated(requires_shop) {
            Ok(valid) => valid,
            Err(mut invalids) => {
                // The form shows the register's objections with the typing mistakes.
                let village_id = crate::domain::optional_id(&input.village_id);
                let name = input.name.trim();
                invalids.extend(register_problems(
                    &self.conn,
                    id,
                    input.kind.code(),
                    name,
                    village_id.as_deref(),
                )?);
                return Err(invalids.into());
            }
        };
        let input = valid.input;
        let back_to_draft = self.write(|tx, writer| {
            let edited = write_operator(tx, writer, id, op, &input)?.is_some();
            lifecycle::back_to_draft_if_submitted(tx, writer, &OPERATOR, id, edited)
        })?;
        let mut warnings: Vec<Warning> = valid.warnings.into_iter().map(Warning::from).collect();
        warnings.extend(back_to_draft);
        Ok(warnings)
    }
}

/// What the register holds against an operator saved as `id`: its kind must be a live kind of
/// the county's operator list (or the one it already has), its village must exist and be in
/// use (unless the operator is there already), and no other live operator may have its name in
/// the same village (or, without a village, at county level) — `DUPLICATE_IN_DB`, the code the spreadsheet importer gives the same clash.
fn register_problems(
    conn: &rusqlite::Connection,
    id: &str,
    kind: &str,
    name: &str,
    village_id: Option<&str>,
) -> Result<Vec<Invalid>> {
    let mut problems = Vec::new();
    let kept_kind: Option<String> = conn.value("SELECT kind FROM operator WHERE id = ?1", [id])?;
    if let Err(unknown) = kinds::live(conn, KindList::Operator, kind, kept_kind.as_deref(), "kind")?
    {
        problems.push(unknown);
    }
    if let Some(village_id) = village_id {
        let exists: Option<i64> = conn.value(
            "SELECT 1 FROM village WHERE id = ?1 AND deleted_hlc IS NULL",
            [village_id],
        )?;
        if exists.is_none() {
            problems.push(Invalid::new(
                Code::OPERATOR_VILLAGE,
                "villageId",
                "所选的村不存在，请重新选择。",
            ));
        }
        let kept: Option<String> = conn.value(
            "SELECT village_id FROM operator WHERE id = ?1 AND village_id IS NOT NULL",
            [id],
        )?;
        problems.extend(retired_village_problem(
            conn,
            village_id,
            kept.as_deref(),
            "villageId",
        )?);
    }
    if name.is_empty() {
        return Ok(problems);
    }
    let namesake: Option<String> = conn.value(
        "SELECT coalesce(t.name || v.name, '县级') FROM operator o
         LEFT JOIN village v ON v.id = o.village_id
         LEFT JOIN township t ON t.id = v.township_id
         WHERE o.name = ?1 AND o.village_id IS ?2 AND o.id IS NOT ?3 AND o.deleted_hlc IS NULL
         LIMIT 1",
        rusqlite::params![name, village_id, id],
    )?;
    if let Some(place) = namesake {
        problems.push(Invalid::new(
            Code::DUPLICATE_IN_DB,
            "name",
            format!(
                "“{name}”在{place}已登记为实施主体，不能重复添加。请在实施主体列表中找到它修改；确是另一家，请在名称中加以区分（如加上网店名）。"
            ),
        ));
    }
    Ok(problems)
}

/// The one way an operator row is written, by hand or by an import: the village must exist.
/// Returns `None` for an update that changes nothing.
pub(crate) fn write_operator(
    tx: &rusqlite::Transaction,
    writer: &write::Writer,
    id: &str,
    op: Op,
    input: &OperatorInput,
) -> Result<Option<write::ChangeEntry>> {
    let mut problems = Problems::new();
    let kind = input.kind.code();
    for problem in register_problems(tx, id, kind, &input.name, input.village_id.as_deref())? {
        problems.push(problem);
    }
    problems.finish()?;
    let text = |s: &str| SqlValue::Text(s.to_string());
    let values = [
        ("kind", text(input.kind.code())),
        ("name", text(&input.name)),
        ("credit_code", text(&input.credit_code)),
        ("person_in_charge", text(&input.person_in_charge)),
        ("phone", text(&input.phone)),
        (
            "village_id",
            input
                .village_id
                .clone()
                .map_or(SqlValue::Null, SqlValue::Text),
        ),
        ("platform", text(&input.platform)),
        ("shop_url", text(&input.shop_url)),
    ];
    write::record(tx, writer, &OPERATOR, id, op, &values)
}
