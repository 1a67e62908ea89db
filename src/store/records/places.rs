//! Queries and writes for counties, townships and villages.

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, OptionalExtension, Row, Transaction};

use crate::domain::places::{County, TownshipSummary, Village, VillageInput};
use crate::domain::Invalid;
use crate::error::{Error, Result};
use crate::store::entities::VILLAGE;
use crate::store::from_row;
use crate::store::write::{self, Op, Writer};
use crate::store::Query;
use crate::store::Store;
use crate::Code;

const VILLAGE_SELECT: &str = "SELECT v.id, v.code, v.name, t.code, t.name, v.poor, v.retired
     FROM village v JOIN township t ON t.id = v.township_id WHERE v.deleted_hlc IS NULL";

fn village_from_row(row: &Row) -> rusqlite::Result<Village> {
    Ok(from_row!(row => Village { id, code, name, township_code, township_name, poor, retired }))
}

impl Store {
    /// The county this database belongs to; `None` until one is set up.
    pub fn county(&self) -> Result<Option<County>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, code, name FROM county WHERE deleted_hlc IS NULL ORDER BY code LIMIT 1",
                [],
                |row| {
                    Ok(County {
                        id: row.get(0)?,
                        code: row.get(1)?,
                        name: row.get(2)?,
                    })
                },
            )
            .optional()?)
    }

    pub fn list_townships(&self) -> Result<Vec<TownshipSummary>> {
        Ok(self.conn.list(
            "SELECT t.id, t.code, t.name, count(v.id), coalesce(sum(v.poor), 0), t.retired
             FROM township t
             LEFT JOIN village v ON v.township_id = t.id AND v.deleted_hlc IS NULL
             WHERE t.deleted_hlc IS NULL
             GROUP BY t.id ORDER BY t.code",
            [],
            |row| {
                Ok(from_row!(row => TownshipSummary {
                    id, code, name, village_count, poor_village_count, retired,
                }))
            },
        )?)
    }

    /// Finds a township by its 9-digit code or by its exact name.
    pub fn find_township(&self, code_or_name: &str) -> Result<TownshipSummary> {
        let key = code_or_name.trim();
        self.list_townships()?
            .into_iter()
            .find(|t| t.code == key || t.name == key)
            .ok_or_else(|| Error::not_found("乡镇", key))
    }

    /// Villages ordered by code, all of them or one township's (given by its code).
    pub fn list_villages(&self, township_code: Option<&str>) -> Result<Vec<Village>> {
        let sql = format!("{VILLAGE_SELECT} AND (?1 IS NULL OR t.code = ?1) ORDER BY v.code");
        Ok(self.conn.list(&sql, [township_code], village_from_row)?)
    }

    pub fn village(&self, id: &str) -> Result<Village> {
        let sql = format!("{VILLAGE_SELECT} AND v.id = ?1");
        self.conn
            .first(&sql, [id], village_from_row)?
            .ok_or_else(|| Error::not_found("村", id))
    }

    pub fn add_village(&mut self, input: &VillageInput) -> Result<Village> {
        let input = input.validated()?;
        let id = crate::store::new_id();
        self.write(|tx, writer| {
            let township_id = township_id(tx, &input.township_code, false)?;
            refuse_duplicates(tx, &input, &township_id, None)?;
            let values = village_values(&township_id, &input);
            write::record(tx, writer, &VILLAGE, &id, Op::Create, &values)
        })?;
        self.village(&id)
    }

    /// Edits a village's name, code, poor flag or township. The id stays, so records linked to
    /// the village keep pointing at it after a code correction.
    pub fn update_village(&mut self, id: &str, input: &VillageInput) -> Result<Village> {
        let input = input.validated()?;
        let current = self.village(id)?;
        // A village may still be corrected inside its retired township; moving into one is not.
        let stays = current.township_code == input.township_code;
        self.write(|tx, writer| {
            let township_id = township_id(tx, &input.township_code, stays)?;
            refuse_duplicates(tx, &input, &township_id, Some(id))?;
            let values = village_values(&township_id, &input);
            write::record(tx, writer, &VILLAGE, id, Op::Update, &values)
        })?;
        self.village(id)
    }

    /// Runs `work` in one transaction with the writer that stamps the change log; commits only
    /// if it succeeds, so a refusal halfway leaves nothing behind. Every row written inside must
    /// go through `write::record` (the one write path); nothing else may write records.
    pub fn write<T>(&mut self, work: impl FnOnce(&Transaction, &Writer) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
        let out = work(&tx, &self.writer)?;
        tx.commit()?;
        Ok(out)
    }
}

pub(crate) fn village_values(
    township_id: &str,
    input: &VillageInput,
) -> Vec<(&'static str, SqlValue)> {
    vec![
        ("township_id", SqlValue::Text(township_id.to_string())),
        ("code", SqlValue::Text(input.code.clone())),
        ("name", SqlValue::Text(input.name.clone())),
        ("poor", SqlValue::Integer(i64::from(input.poor))),
    ]
}

/// The id of the township with this code; a retired one only when `retired_ok`.
fn township_id(tx: &Transaction, code: &str, retired_ok: bool) -> Result<String> {
    let found: Option<(String, bool)> = tx.row(
        "SELECT id, retired FROM township WHERE code = ?1 AND deleted_hlc IS NULL",
        [code],
    )?;
    if matches!(found, Some((_, true))) && !retired_ok {
        return Err(Invalid::new(
            Code::PLACE_RETIRED,
            "townshipCode",
            format!("乡镇 {code} 已停用，不能再在其下新增或移入村。请选择一个在用的乡镇。"),
        )
        .into());
    }
    found.map(|(id, _)| id).ok_or_else(|| {
        Invalid::new(
            Code::PLACE_TOWNSHIP_UNKNOWN,
            "townshipCode",
            format!("乡镇代码 {code} 不存在，请先选择一个已有的乡镇。"),
        )
        .into()
    })
}

/// Codes are unique county-wide; names only within a township (two townships may each have a
/// 新庄村, but one township listing two would confuse every form printed from it).
pub(crate) fn refuse_duplicates(
    tx: &Transaction,
    input: &VillageInput,
    township_id: &str,
    except_id: Option<&str>,
) -> Result<()> {
    let same_code: Option<(String, String)> = tx.row(
        "SELECT t.name, v.name FROM village v JOIN township t ON t.id = v.township_id
             WHERE v.code = ?1 AND v.id IS NOT ?2",
        params![input.code, except_id],
    )?;
    if let Some((township, village)) = same_code {
        return Err(Invalid::new(
            Code::PLACE_CODE_DUPLICATE,
            "code",
            format!(
                "村代码 {} 已被 {township}{village} 使用，请核对后填写另一个代码。",
                input.code
            ),
        )
        .into());
    }
    let same_name: Option<String> = tx.value(
        "SELECT code FROM village WHERE township_id = ?1 AND name = ?2 AND id IS NOT ?3",
        params![township_id, input.name, except_id],
    )?;
    if let Some(code) = same_name {
        return Err(Invalid::new(
            Code::PLACE_NAME_DUPLICATE,
            "name",
            format!(
                "本乡镇已有名为“{}”的村（代码 {code}）。如是两个不同的村，请在名称上加以区分。",
                input.name
            ),
        )
        .into());
    }
    Ok(())
}

impl Store {
    /// Moves a village along draft → submitted → locked; see `write::set_status`.
    pub fn set_village_status(&mut self, id: &str, to: write::Status) -> Result<()> {
        self.write(|tx, writer| write::set_status(tx, writer, &VILLAGE, id, to))?;
        Ok(())
    }
}

/// `PLACE_RETIRED` when a record would be put in a retired village or a village of a retired
/// township. `kept` is the village the record is in now: a record already there keeps working
/// and may be edited without moving, so only creating in or moving into such a place is refused.
/// `None` for an unknown village: the caller's existence check names that problem.
pub(crate) fn retired_village_problem(
    conn: &rusqlite::Connection,
    village_id: &str,
    kept: Option<&str>,
    field: &'static str,
) -> Result<Option<Invalid>> {
    if kept == Some(village_id) {
        return Ok(None);
    }
    let found: Option<(String, String, bool, bool)> = conn.row(
        "SELECT t.name, v.name, v.retired, t.retired FROM village v
         JOIN township t ON t.id = v.township_id WHERE v.id = ?1 AND v.deleted_hlc IS NULL",
        [village_id],
    )?;
    let Some((township, village, village_retired, township_retired)) = found else {
        return Ok(None);
    };
    let which = if township_retired {
        format!("{township}已停用，其下的{village}")
    } else if village_retired {
        format!("{township}{village}已停用，它")
    } else {
        return Ok(None);
    };
    Ok(Some(Invalid::new(
        Code::PLACE_RETIRED,
        field,
        format!(
            "{which}不再用于新的记录：不能在这里新登记，也不能把记录移到这里。请选择一个在用的村（已在该村的记录照常可用、可修改）。"
        ),
    )))
}
