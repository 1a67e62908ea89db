//! The register of registered households: writes through the one write path, the paged search
//! the households screen and roster picker use.

use chrono::NaiveDate;
use rusqlite::types::Value as SqlValue;
use rusqlite::{params, OptionalExtension, Row};
use uuid::Uuid;

use super::write::{self, Op, HOUSEHOLD};
use super::Store;
use crate::domain::households::{
    Category, Household, HouseholdInput, HouseholdPage, HouseholdQuery, HouseholdRow,
    ValidHousehold,
};
use crate::domain::resident_id::ResidentId;
use crate::domain::{Invalid, Saved, Warning};
use crate::error::{Error, Result};

const MAX_PAGE: u32 = 500;

const HOUSEHOLD_SELECT: &str = "SELECT h.id, h.head_name, h.id_number, h.size, h.village_id,
        v.name, t.name, h.village_group, h.category, c.label, h.year_lifted, h.phone, h.notes,
        h.status
     FROM household h
     JOIN village v ON v.id = h.village_id
     JOIN township t ON t.id = v.township_id
     JOIN household_category c ON c.code = h.category
     WHERE h.deleted_hlc IS NULL";

fn household_from_row(row: &Row) -> rusqlite::Result<Household> {
    let id_number: String = row.get(2)?;
    Ok(Household {
        id: row.get(0)?,
        head_name: row.get(1)?,
        id_masked: ResidentId::from_stored(id_number.clone()).masked_for_list(),
        id_number,
        size: row.get(3)?,
        village_id: row.get(4)?,
        village_name: row.get(5)?,
        township_name: row.get(6)?,
        village_group: row.get(7)?,
        category: row.get(8)?,
        category_label: row.get(9)?,
        year_lifted: row.get(10)?,
        phone: row.get(11)?,
        notes: row.get(12)?,
        status: row.get(13)?,
    })
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
            .query_row(&sql, [id], household_from_row)
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "农户",
                key: id.to_string(),
            })
    }

    pub fn household_by_id_number(&self, id_number: &str) -> Result<Option<Household>> {
        let sql = format!("{HOUSEHOLD_SELECT} AND h.id_number = ?1");
        Ok(self
            .conn
            .query_row(&sql, [id_number], household_from_row)
            .optional()?)
    }

    pub fn add_household(&mut self, input: &HouseholdInput) -> Result<Saved<Household>> {
        let valid = input.validated(self.today())?;
        let id = Uuid::now_v7().to_string();
        let warnings = self.write(|tx, writer| {
            let warnings = check_against_register(tx, &valid, None)?;
            let values = household_values(&valid);
            write::record(tx, writer, &HOUSEHOLD, &id, Op::Create, &values)?;
            Ok(warnings)
        })?;
        Ok(Saved {
            record: self.household(&id)?,
            warnings,
        })
    }

    pub fn update_household(
        &mut self,
        id: &str,
        input: &HouseholdInput,
    ) -> Result<Saved<Household>> {
        let valid = input.validated(self.today())?;
        self.household(id)?;
        let warnings = self.write(|tx, writer| {
            let warnings = check_against_register(tx, &valid, Some(id))?;
            let values = household_values(&valid);
            write::record(tx, writer, &HOUSEHOLD, id, Op::Update, &values)?;
            Ok(warnings)
        })?;
        Ok(Saved {
            record: self.household(id)?,
            warnings,
        })
    }

    /// One page of the register. Digits (and a trailing X) search the end of ID numbers through
    /// the reversed-ID index; anything else searches names, prefix matches first.
    pub fn search_households(&self, query: &HouseholdQuery) -> Result<HouseholdPage> {
        let text: String = query.text.split_whitespace().collect();
        let limit = query.limit.clamp(1, MAX_PAGE);
        let by_id = !text.is_empty()
            && text
                .chars()
                .all(|c| c.is_ascii_digit() || c == 'x' || c == 'X');
        let mut filter = String::from(
            " FROM household h JOIN village v ON v.id = h.village_id
              JOIN township t ON t.id = v.township_id
              JOIN household_category c ON c.code = h.category
              WHERE h.deleted_hlc IS NULL
                AND (?1 IS NULL OR t.code = ?1) AND (?2 IS NULL OR h.village_id = ?2)",
        );
        let key = if by_id {
            filter += " AND h.id_number_rev >= ?3 AND h.id_number_rev < ?3 || char(1114111)";
            text.to_uppercase().chars().rev().collect::<String>()
        } else if !text.is_empty() {
            filter += " AND instr(h.head_name, ?3) > 0";
            text.clone()
        } else {
            filter += " AND ?3 = ''";
            String::new()
        };
        let total: u32 = self.conn.query_row(
            &format!("SELECT count(*) {filter}"),
            params![query.township_code, query.village_id, key],
            |r| r.get(0),
        )?;
        let order = if by_id || text.is_empty() {
            "v.code, h.village_group, h.head_name".to_string()
        } else {
            "substr(h.head_name, 1, length(?3)) <> ?3, h.head_name, v.code".to_string()
        };
        let sql = format!(
            "SELECT h.id, h.head_name, h.id_number, h.size, t.name || v.name, h.village_group, c.label
             {filter} ORDER BY {order} LIMIT ?4 OFFSET ?5"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![
                query.township_code,
                query.village_id,
                key,
                limit,
                query.offset
            ],
            |r| {
                let id_number: String = r.get(2)?;
                Ok(HouseholdRow {
                    id: r.get(0)?,
                    head_name: r.get(1)?,
                    id_masked: ResidentId::from_stored(id_number).masked_for_list(),
                    size: r.get(3)?,
                    place: r.get(4)?,
                    village_group: r.get(5)?,
                    category_label: r.get(6)?,
                })
            },
        )?;
        Ok(HouseholdPage {
            rows: rows.collect::<rusqlite::Result<_>>()?,
            total,
        })
    }
}

fn household_values(valid: &ValidHousehold) -> Vec<(&'static str, SqlValue)> {
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
    let village: Option<String> = tx
        .query_row(
            "SELECT t.name || v.name FROM village v JOIN township t ON t.id = v.township_id
             WHERE v.id = ?1 AND v.deleted_hlc IS NULL",
            [&valid.village_id],
            |r| r.get(0),
        )
        .optional()?;
    if village.is_none() {
        return Err(Invalid::new(
            "HOUSEHOLD_VILLAGE",
            "villageId",
            "所选的村不存在，请重新选择。",
        )
        .into());
    }
    let category: Option<String> = tx
        .query_row(
            "SELECT label FROM household_category WHERE code = ?1",
            [&valid.category],
            |r| r.get(0),
        )
        .optional()?;
    if category.is_none() {
        return Err(Invalid::new(
            "HOUSEHOLD_CATEGORY",
            "category",
            format!(
                "农户类别“{}”不在本县的类别表中，请从列表中选择。",
                valid.category
            ),
        )
        .into());
    }
    let same_id: Option<(String, String)> = tx
        .query_row(
            "SELECT h.head_name, t.name || v.name FROM household h
             JOIN village v ON v.id = h.village_id JOIN township t ON t.id = v.township_id
             WHERE h.id_number = ?1 AND h.deleted_hlc IS NULL AND h.id IS NOT ?2",
            params![valid.id_number.as_str(), except_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((name, place)) = same_id {
        return Err(Invalid::new(
            "HOUSEHOLD_ID_DUPLICATE",
            "idNumber",
            format!("该身份证号已登记：{place} {name}户。同一人不能重复登记，请查找该户后修改。"),
        )
        .into());
    }
    let namesake: Option<String> = tx
        .query_row(
            "SELECT id_number FROM household
             WHERE head_name = ?1 AND village_id = ?2 AND deleted_hlc IS NULL AND id IS NOT ?3
             LIMIT 1",
            params![valid.head_name, valid.village_id, except_id],
            |r| r.get(0),
        )
        .optional()?;
    let mut warnings: Vec<Warning> = valid.warnings.iter().cloned().map(Warning::from).collect();
    if let Some(other) = namesake {
        warnings.push(
            Invalid::new(
                "HOUSEHOLD_NAME_TWICE",
                "headName",
                format!(
                    "本村已有同名户主（身份证号 {}）。如是同一户，请勿重复登记。",
                    ResidentId::from_stored(other).masked_for_list()
                ),
            )
            .into(),
        );
    }
    Ok(warnings)
}
