//! The register of registered households: reads, and writes through the one write path (the
//! search box's paged search is `household_search`).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::types::Value as SqlValue;
use rusqlite::{params, OptionalExtension, Row};

use crate::domain::households::{Category, Household, HouseholdInput, ValidHousehold};
use crate::domain::refuse_if;
use crate::domain::resident_id::ResidentId;
use crate::domain::{Invalid, Saved, Warning};
use crate::error::{Error, Result};
use crate::store::entities::{HOUSEHOLD, HOUSEHOLD_CATEGORY};
use crate::store::from_row;
use crate::store::records::lifecycle;
use crate::store::records::places::retired_village_problem;
use crate::store::write::{self, Op};
use crate::store::Query;
use crate::store::Store;
use crate::Code;

pub(crate) const HOUSEHOLD_SELECT: &str =
    "SELECT h.id, h.head_name, h.id_number, h.size, h.village_id,
        v.name, t.name, h.village_group, h.category, c.label, h.year_lifted, h.phone, h.notes,
        h.status
     FROM household h
     JOIN village v ON v.id = h.village_id
     JOIN township t ON t.id = v.township_id
     JOIN household_category c ON c.code = h.category
     WHERE h.deleted_hlc IS NULL";

pub(crate) fn household_from_row(row: &Row) -> rusqlite::Result<Household> {
    let id_number: String = row.get(2)?;
    Ok(from_row!(row => Household {
        id, head_name, id_masked = ResidentId::from_stored(id_number.clone()).masked_for_list(),
        id_number = id_number, _, size, village_id, village_name, township_name, village_group,
        category, category_label, year_lifted, phone, notes, status,
    }))
}

impl Store {
    /// Today by the store's clock (injected in tests), for date rules such as "not in the future".
    pub fn today(&self) -> NaiveDate {
        let ms = self.writer.clock.now_ms() as i64;
        chrono::DateTime::from_timestamp_millis(ms)
            .map(|t| t.with_timezone(&chrono::Local).date_naive())
            .unwrap_or_default()
    }

    pub fn household_categories(&self) -> Result<Vec<Category>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT code, label FROM household_category ORDER BY sort")?;
        let rows = stmt.query_map([], |r| {
            Ok(Category {
                code: r.get(0)?,
                label: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn household(&self, id: &str) -> Result<Household> {
        let sql = format!("{HOUSEHOLD_SELECT} AND h.id = ?1");
        self.conn
            .first(&sql, [id], household_from_row)?
            .ok_or_else(|| Error::not_found("农户", id))
    }

    pub fn household_by_id_number(&self, id_number: &str) -> Result<Option<Household>> {
        let sql = format!("{HOUSEHOLD_SELECT} AND h.id_number = ?1");
        Ok(self.conn.first(&sql, [id_number], household_from_row)?)
    }

    pub fn add_household(&mut self, input: &HouseholdInput) -> Result<Saved<Household>> {
        let valid = self.validated_household(input, None)?;
        let id = crate::store::new_id();
        let warnings = self.write(|tx, writer| {
            let warnings = check_against_register(tx, &valid, None)?;
            let values = household_values(&valid);
            write::record(tx, writer, &HOUSEHOLD, &id, Op::Create, &values)?;
            Ok(warnings)
        })?;
        Ok(Saved::new(self.household(&id)?, warnings))
    }

    /// Adds many households in ONE transaction, as a spreadsheet import needs: every row is
    /// validated first, then checked against the register and against the rows before it in the
    /// batch (an ID twice in the batch is refused like one already registered). The first
    /// refusal refuses the whole batch and nothing is written; it keeps the row's code and field
    /// and its message begins with `第 N 条：` (N = index in `inputs` + 1).
    pub fn add_households(&mut self, inputs: &[HouseholdInput]) -> Result<Vec<Saved<Household>>> {
        let today = self.today();
        let valid = inputs
            .iter()
            .enumerate()
            .map(|(index, input)| {
                input
                    .validated(today)
                    .map_err(|e| Error::in_batch_row(index, e.into()))
            })
            .collect::<Result<Vec<_>>>()?;
        let ids: Vec<String> = valid.iter().map(|_| crate::store::new_id()).collect();
        let warnings = self.write(|tx, writer| {
            let mut warnings = Vec::with_capacity(valid.len());
            // A batch is usually one village or township: check each village and category once.
            let mut known = HashSet::new();
            for (index, (valid, id)) in valid.iter().zip(&ids).enumerate() {
                if known.insert((valid.village_id.as_str(), valid.category.as_str())) {
                    check_references(tx, valid, None).map_err(|e| Error::in_batch_row(index, e))?;
                }
                let row_warnings =
                    check_identity(tx, valid, None).map_err(|e| Error::in_batch_row(index, e))?;
                let values = household_values(valid);
                write::record(tx, writer, &HOUSEHOLD, id, Op::Create, &values)
                    .map_err(|e| Error::in_batch_row(index, e))?;
                warnings.push(row_warnings);
            }
            Ok(warnings)
        })?;
        // Read back in one statement rather than one per household.
        let mut stmt = self.conn.prepare_cached(&format!(
            "{HOUSEHOLD_SELECT} AND h.id IN (SELECT value FROM json_each(?1))"
        ))?;
        let wanted = serde_json::to_string(&ids).expect("ids serialise");
        let mut saved: HashMap<String, Household> = stmt
            .query_map([wanted], household_from_row)?
            .map(|r| r.map(|h| (h.id.clone(), h)))
            .collect::<rusqlite::Result<_>>()?;
        ids.iter()
            .zip(warnings)
            .map(|(id, warnings)| {
                let record = saved
                    .remove(id)
                    .ok_or_else(|| Error::not_found("农户", id.clone()))?;
                Ok(Saved { record, warnings })
            })
            .collect()
    }

    pub fn update_household(
        &mut self,
        id: &str,
        input: &HouseholdInput,
    ) -> Result<Saved<Household>> {
        let valid = self.validated_household(input, Some(id))?;
        self.household(id)?;
        let warnings = self.write(|tx, writer| {
            let mut warnings = check_against_register(tx, &valid, Some(id))?;
            let values = household_values(&valid);
            let edited = write::record(tx, writer, &HOUSEHOLD, id, Op::Update, &values)?;
            warnings.extend(lifecycle::back_to_draft_if_submitted(
                tx,
                writer,
                &HOUSEHOLD,
                id,
                edited.is_some(),
            )?);
            Ok(warnings)
        })?;
        Ok(Saved::new(self.household(id)?, warnings))
    }
}

/// Names the batch row a refusal belongs to; database errors pass through unchanged.
pub(crate) fn household_values(valid: &ValidHousehold) -> Vec<(&'static str, SqlValue)> {
    let text = |s: &str| SqlValue::Text(s.to_string());
    vec![
        ("head_name", text(&valid.head_name)),
        ("id_number", text(valid.id_number.as_str())),
        (
            "id_number_rev",
            SqlValue::Text(valid.id_number.as_str().chars().rev().collect()),
        ),
        ("size", SqlValue::Integer(valid.size.into())),
        ("village_id", text(&valid.village_id)),
        ("village_group", text(&valid.village_group)),
        ("category", text(&valid.category)),
        (
            "year_lifted",
            valid
                .year_lifted
                .map_or(SqlValue::Null, |y| SqlValue::Integer(y.into())),
        ),
        ("phone", text(&valid.phone)),
        ("notes", text(&valid.notes)),
    ]
}

/// Rules that need the register: the village and category exist, the ID is not registered yet
/// (refused, naming the household), and the same name in the same village (a warning: namesakes
/// exist, but so do households entered twice under two IDs).
fn check_against_register(
    tx: &rusqlite::Transaction,
    valid: &ValidHousehold,
    except_id: Option<&str>,
) -> Result<Vec<Warning>> {
    check_references(tx, valid, except_id)?;
    check_identity(tx, valid, except_id)
}

/// The village and the category exist, and the village is in use unless the household (`id`,
/// when it is already registered) is there already.
pub(crate) fn check_references(
    tx: &rusqlite::Transaction,
    valid: &ValidHousehold,
    id: Option<&str>,
) -> Result<()> {
    let village: Option<String> = tx.value(
        "SELECT t.name || v.name FROM village v JOIN township t ON t.id = v.township_id
             WHERE v.id = ?1 AND v.deleted_hlc IS NULL",
        [&valid.village_id],
    )?;
    refuse_if(
        village.is_none(),
        Code::HOUSEHOLD_VILLAGE,
        "villageId",
        "所选的村不存在，请重新选择。",
    )?;
    let kept: Option<String> = match id {
        Some(id) => tx.value("SELECT village_id FROM household WHERE id = ?1", [id])?,
        None => None,
    };
    if let Some(retired) =
        retired_village_problem(tx, &valid.village_id, kept.as_deref(), "villageId")?
    {
        return Err(retired.into());
    }
    let category: Option<String> = tx.value(
        "SELECT label FROM household_category WHERE code = ?1",
        [&valid.category],
    )?;
    refuse_if(
        category.is_none(),
        Code::HOUSEHOLD_CATEGORY,
        "category",
        format!(
            "农户类别“{}”不在本县的类别表中，请从列表中选择。",
            valid.category
        ),
    )?;
    Ok(())
}

/// The ID is not registered yet (refused, naming the household); the same name in the same
/// village is a warning.
pub(crate) fn check_identity(
    tx: &rusqlite::Transaction,
    valid: &ValidHousehold,
    except_id: Option<&str>,
) -> Result<Vec<Warning>> {
    if let Some(duplicate) = registered_id(tx, valid.id_number.as_str(), except_id)? {
        return Err(duplicate.into());
    }
    let namesake: Option<String> = tx
        .prepare_cached(
            "SELECT id_number FROM household
             WHERE head_name = ?1 AND village_id = ?2 AND deleted_hlc IS NULL AND id IS NOT ?3
             LIMIT 1",
        )?
        .query_row(params![valid.head_name, valid.village_id, except_id], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(identity_warnings(valid, namesake.as_deref()))
}

/// The ID's own warnings, and `HOUSEHOLD_NAME_TWICE` naming the namesake's ID (masked) when
/// another household of the village has the same head's name.
pub(crate) fn identity_warnings(valid: &ValidHousehold, namesake: Option<&str>) -> Vec<Warning> {
    let mut warnings: Vec<Warning> = valid.warnings.iter().cloned().map(Warning::from).collect();
    if let Some(other) = namesake {
        warnings.push(
            Invalid::new(
                Code::HOUSEHOLD_NAME_TWICE,
                "headName",
                format!(
                    "本村已有同名户主（身份证号 {}）。如是同一户，请勿重复登记。",
                    ResidentId::from_stored(other.to_string()).masked_for_list()
                ),
            )
            .into(),
        );
    }
    warnings
}

/// `HOUSEHOLD_ID_DUPLICATE` (naming the household) when another live household has this ID.
fn registered_id(
    conn: &rusqlite::Connection,
    id_number: &str,
    except_id: Option<&str>,
) -> Result<Option<Invalid>> {
    let same_id: Option<(String, String)> = conn
        .prepare_cached(
            "SELECT h.head_name, t.name || v.name FROM household h
             JOIN village v ON v.id = h.village_id JOIN township t ON t.id = v.township_id
             WHERE h.id_number = ?1 AND h.deleted_hlc IS NULL AND h.id IS NOT ?2",
        )?
        .query_row(params![id_number, except_id], |r| r.try_into())
        .optional()?;
    if let Some((name, place)) = same_id {
        return Ok(Some(Invalid::new(
            Code::HOUSEHOLD_ID_DUPLICATE,
            "idNumber",
            format!("该身份证号已登记：{place} {name}户。同一人不能重复登记，请查找该户后修改。"),
        )));
    }
    // A member of a household is registered too: the same person cannot head another one.
    let member: Option<(String, String)> = conn
        .prepare_cached(
            "SELECT m.name, h.head_name FROM household_member m
             JOIN household h ON h.id = m.household_id
             WHERE m.id_number = ?1 AND m.deleted_hlc IS NULL",
        )?
        .query_row([id_number], |r| r.try_into())
        .optional()?;
    Ok(member.map(|(name, head)| member_duplicate(&name, &head)))
}

/// `HOUSEHOLD_ID_DUPLICATE` for an ID registered as the member `name` of `head`'s household.
pub(crate) fn member_duplicate(name: &str, head: &str) -> Invalid {
    Invalid::new(
        Code::HOUSEHOLD_ID_DUPLICATE,
        "idNumber",
        format!(
            "该身份证号已登记为{head}户的家庭成员{name}。如已分户，请先在{head}户中作废该成员，再登记新户。"
        ),
    )
}

impl Store {
    /// The input validated; when the domain refuses it, the register's objections to a
    /// well-formed ID number (already registered) and to a retired village join the typing
    /// mistakes, so the form shows them all at once.
    fn validated_household(
        &self,
        input: &HouseholdInput,
        except_id: Option<&str>,
    ) -> Result<ValidHousehold> {
        let today = self.today();
        match input.validated(today) {
            Ok(valid) => Ok(valid),
            Err(mut invalids) => {
                if let Ok(parsed) = ResidentId::parse(&input.id_number, "idNumber", today) {
                    invalids.extend(registered_id(&self.conn, parsed.id.as_str(), except_id)?);
                }
                let kept: Option<String> = match except_id {
                    Some(id) => self
                        .conn
                        .value("SELECT village_id FROM household WHERE id = ?1", [id])?,
                    None => None,
                };
                let village = input.village_id.trim();
                invalids.extend(retired_village_problem(
                    &self.conn,
                    village,
                    kept.as_deref(),
                    "villageId",
                )?);
                Err(invalids.into())
            }
        }
    }

    /// Renames a household category, or adds one, for this county (labels are the county's;
    /// codes stay stable). Goes through the write path, so the change is logged and synced.
    pub fn set_household_category(&mut self, code: &str, label: &str) -> Result<Category> {
        let code = code.trim();
        let label = label.trim();
        if code.is_empty()
            || !code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(Invalid::new(
                Code::CATEGORY_CODE,
                "code",
                "类别代码只能用小写英文字母、数字和下划线，例如 monitored。",
            )
            .into());
        }
        crate::domain::places::check_name(label, "label", "类别名称")?;
        let exists: Option<i64> = self.conn.value(
            "SELECT sort FROM household_category WHERE code = ?1",
            [code],
        )?;
        self.write(|tx, writer| {
            let label = SqlValue::Text(label.to_string());
            match exists {
                Some(_) => write::record(
                    tx,
                    writer,
                    &HOUSEHOLD_CATEGORY,
                    code,
                    Op::Update,
                    &[("label", label)],
                ),
                None => {
                    let sort: i64 = tx.query_row(
                        "SELECT coalesce(max(sort), 0) + 1 FROM household_category",
                        [],
                        |r| r.get(0),
                    )?;
                    let values = [
                        ("code", SqlValue::Text(code.to_string())),
                        ("label", label),
                        ("sort", SqlValue::Integer(sort)),
                    ];
                    write::record(tx, writer, &HOUSEHOLD_CATEGORY, code, Op::Create, &values)
                }
            }
        })?;
        Ok(Category {
            code: code.to_string(),
            label: label.to_string(),
        })
    }
}
