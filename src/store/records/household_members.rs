//! Household members (家庭成员) on the one write path, and the register lookup the sign-in desk
//! and the poor flag use: an ID number is registered when it is a head's or a member's.

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use crate::domain::household_members::{
    HouseholdMember, MemberInput, RegisterPerson, Relation, ValidMember,
};
use crate::domain::lifecycle::void_reason;
use crate::domain::resident_id::ResidentId;
use crate::domain::training::Sex;
use crate::domain::{refuse_if, Invalid, Saved, Warning};
use crate::error::{Error, Result};
use crate::store::entities::HOUSEHOLD_MEMBER;
use crate::store::write::{self, Op, Writer};
use crate::store::{Query, Store};
use crate::Code;

const MEMBER_SELECT: &str = "SELECT m.id, m.household_id, m.name, m.id_number, m.relation, m.sex,
        m.birth_date, m.status
     FROM household_member m WHERE m.deleted_hlc IS NULL";

fn member_from_row(r: &Row) -> rusqlite::Result<HouseholdMember> {
    let id_number: String = r.get(3)?;
    Ok(HouseholdMember {
        id: r.get(0)?,
        household_id: r.get(1)?,
        name: r.get(2)?,
        id_masked: ResidentId::from_stored(id_number).masked_for_list(),
        relation: Relation::from_code(&r.get::<_, String>(4)?),
        sex: Sex::from_code(&r.get::<_, String>(5)?),
        birth_date: r.get(6)?,
        status: r.get(7)?,
    })
}

/// Who the register knows under an ID number: the head of a live household, else a live member
/// of one (with the household's village and category).
pub(crate) fn register_person(
    conn: &Connection,
    id_number: &str,
) -> Result<Option<RegisterPerson>> {
    let sql = "SELECT p.name, p.sex, p.birth_date, p.relation, h.id, h.head_name, v.township_id,
                      h.village_id, v.name, c.label
               FROM (SELECT h.head_name AS name, '' AS sex, '' AS birth_date, 'head' AS relation,
                            h.id AS household_id, 0 AS rank
                     FROM household h WHERE h.id_number = ?1 AND h.deleted_hlc IS NULL
                     UNION ALL
                     SELECT m.name, m.sex, m.birth_date, m.relation, m.household_id, 1
                     FROM household_member m
                     WHERE m.id_number = ?1 AND m.deleted_hlc IS NULL) p
               JOIN household h ON h.id = p.household_id AND h.deleted_hlc IS NULL
               JOIN village v ON v.id = h.village_id
               JOIN household_category c ON c.code = h.category
               ORDER BY p.rank LIMIT 1";
    let found = conn
        .prepare_cached(sql)?
        .query_row([id_number], |r| {
            let sex: String = r.get(1)?;
            let birth: String = r.get(2)?;
            Ok(RegisterPerson {
                name: r.get(0)?,
                // A head's sex and birth date come from the ID, as the row stores a member's.
                sex: if sex.is_empty() {
                    Sex::from_male(
                        id_number
                            .as_bytes()
                            .get(16)
                            .is_some_and(|d| (d - b'0') % 2 == 1),
                    )
                } else {
                    Sex::from_code(&sex)
                },
                birth_date: if birth.is_empty() {
                    birth_text(id_number)
                } else {
                    birth
                },
                relation: Relation::from_code(&r.get::<_, String>(3)?),
                household_id: r.get(4)?,
                head_name: r.get(5)?,
                township_id: r.get(6)?,
                village_id: r.get(7)?,
                village_name: r.get(8)?,
                category_label: r.get(9)?,
            })
        })
        .optional()?;
    Ok(found)
}

/// `YYYY-MM-DD` from an 18-digit ID number.
fn birth_text(id_number: &str) -> String {
    match id_number.get(6..14) {
        Some(d) => format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..]),
        None => String::new(),
    }
}

/// The household is live; the ID is neither a head's nor another live member's.
fn check_member(tx: &Transaction, valid: &ValidMember, except_id: Option<&str>) -> Result<()> {
    let household: Option<String> = tx.value(
        "SELECT id_number FROM household WHERE id = ?1 AND deleted_hlc IS NULL",
        [&valid.household_id],
    )?;
    let Some(head_id) = household else {
        return Err(Invalid::new(
            Code::MEMBER_HOUSEHOLD,
            "householdId",
            "所选的农户不存在或已作废，请重新选择。",
        )
        .into());
    };
    refuse_if(
        head_id == valid.id.id.as_str(),
        Code::MEMBER_IS_HEAD,
        "idNumber",
        "这是户主本人的身份证号：户主已登记在农户中，不需再加为成员。",
    )?;
    let elsewhere: Option<(String, String)> = tx
        .prepare_cached(
            "SELECT p.name, h.head_name FROM (
                 SELECT head_name AS name, id AS household_id FROM household
                 WHERE id_number = ?1 AND deleted_hlc IS NULL
                 UNION ALL
                 SELECT name, household_id FROM household_member
                 WHERE id_number = ?1 AND deleted_hlc IS NULL AND id IS NOT ?2) p
             JOIN household h ON h.id = p.household_id LIMIT 1",
        )?
        .query_row(params![valid.id.id.as_str(), except_id], |r| r.try_into())
        .optional()?;
    if let Some((name, head)) = elsewhere {
        return Err(Invalid::new(
            Code::DUPLICATE_IN_DB,
            "idNumber",
            format!("该身份证号已登记：{head}户的{name}。同一人只能登记在一户中，请核对号码。"),
        )
        .into());
    }
    Ok(())
}

fn member_values(valid: &ValidMember) -> Vec<(&'static str, SqlValue)> {
    let text = |s: &str| SqlValue::Text(s.to_string());
    vec![
        ("household_id", text(&valid.household_id)),
        ("name", text(&valid.name)),
        ("id_number", text(valid.id.id.as_str())),
        ("relation", text(valid.relation.code())),
        ("sex", text(valid.sex().code())),
        ("birth_date", SqlValue::Text(valid.birth_date().to_string())),
    ]
}

/// Creates the member, or updates the live one with the same ID number in the same household
/// (an import row met again). Returns whether anything was written and the ID's warnings.
pub(crate) fn write_member(
    tx: &Transaction,
    writer: &Writer,
    valid: &ValidMember,
    id: Option<&str>,
) -> Result<(bool, Vec<Warning>)> {
    check_member(tx, valid, id)?;
    let values = member_values(valid);
    let written = match id {
        Some(id) => {
            write::record(tx, writer, &HOUSEHOLD_MEMBER, id, Op::Update, &values)?.is_some()
        }
        None => {
            let id = crate::store::new_id();
            write::record(tx, writer, &HOUSEHOLD_MEMBER, &id, Op::Create, &values)?;
            true
        }
    };
    let warnings = valid
        .id
        .warnings
        .iter()
        .cloned()
        .map(Warning::from)
        .collect();
    Ok((written, warnings))
}

/// The live member with this ID number in this household, if any.
pub(crate) fn member_in_household(
    conn: &Connection,
    household_id: &str,
    id_number: &str,
) -> Result<Option<String>> {
    Ok(conn.value(
        "SELECT id FROM household_member
         WHERE household_id = ?1 AND id_number = ?2 AND deleted_hlc IS NULL",
        params![household_id, id_number],
    )?)
}

impl Store {
    /// A household's live members, in the order they were registered.
    pub fn household_members(&self, household_id: &str) -> Result<Vec<HouseholdMember>> {
        self.household(household_id)?;
        Ok(self.conn.list(
            &format!("{MEMBER_SELECT} AND m.household_id = ?1 ORDER BY m.rowid"),
            [household_id],
            member_from_row,
        )?)
    }

    pub fn household_member(&self, id: &str) -> Result<HouseholdMember> {
        self.conn
            .first(
                &format!("{MEMBER_SELECT} AND m.id = ?1"),
                [id],
                member_from_row,
            )?
            .ok_or_else(|| Error::not_found("家庭成员", id))
    }

    /// A member's stored values as the edit form starts from them (the full ID number: the
    /// household's detail page shows it, lists never do).
    pub fn household_member_input(&self, id: &str) -> Result<MemberInput> {
        self.conn
            .first(
                "SELECT household_id, name, id_number, relation FROM household_member
                 WHERE id = ?1 AND deleted_hlc IS NULL",
                [id],
                |r| {
                    Ok(MemberInput {
                        household_id: r.get(0)?,
                        name: r.get(1)?,
                        id_number: r.get(2)?,
                        relation: r.get(3)?,
                    })
                },
            )?
            .ok_or_else(|| Error::not_found("家庭成员", id))
    }

    /// Adds a member to a registered household. Refuses the head's own ID
    /// (`MEMBER_IS_HEAD`) and an ID registered elsewhere (`DUPLICATE_IN_DB`).
    pub fn add_household_member(&mut self, input: &MemberInput) -> Result<Saved<HouseholdMember>> {
        let valid = input.validated(self.today())?;
        let id = self.write(|tx, writer| {
            check_member(tx, &valid, None)?;
            let id = crate::store::new_id();
            write::record(
                tx,
                writer,
                &HOUSEHOLD_MEMBER,
                &id,
                Op::Create,
                &member_values(&valid),
            )?;
            Ok(id)
        })?;
        let warnings = valid
            .id
            .warnings
            .iter()
            .cloned()
            .map(Warning::from)
            .collect();
        Ok(Saved::new(self.household_member(&id)?, warnings))
    }

    pub fn update_household_member(
        &mut self,
        id: &str,
        input: &MemberInput,
    ) -> Result<Saved<HouseholdMember>> {
        let valid = input.validated(self.today())?;
        self.household_member(id)?;
        let (_, warnings) = self.write(|tx, writer| write_member(tx, writer, &valid, Some(id)))?;
        Ok(Saved::new(self.household_member(id)?, warnings))
    }

    /// Voids a member (a tombstone with its reason, through the write path).
    pub fn void_household_member(&mut self, id: &str, reason: &str) -> Result<()> {
        let reason = void_reason(reason)?;
        self.household_member(id)?;
        self.write(|tx, writer| {
            write::record(
                tx,
                writer,
                &HOUSEHOLD_MEMBER,
                id,
                Op::Delete,
                &[("void_reason", SqlValue::Text(reason.clone()))],
            )
        })?;
        Ok(())
    }

    /// What the register knows under an ID number (head or member), for the sign-in desk to
    /// fill the name, sex and village in. `None` when the ID is not registered; an ID that is
    /// not valid is refused as the sign-in form would refuse it.
    pub fn register_person(&self, id_number: &str) -> Result<Option<RegisterPerson>> {
        let parsed = ResidentId::parse(id_number, "idNumber", self.today())?;
        register_person(&self.conn, parsed.id.as_str())
    }
}
