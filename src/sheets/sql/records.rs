//! Imported rows of places, operators, rosters and attendance, each through the checks and the
//! write function that typing the record in uses.
//!
//! What a row whose record already exists means (matched by its natural key):
//! - a village (by its 12-digit code): name and poor flag are updated; a township line (code
//!   ending in 000) renames the township; on a database with no county the county is created
//!   with the name the file gives (a 县 column or its own line, code ending in 000000), and a
//!   file that names none is refused (`COUNTY_MISSING`: set the county up first);
//! - an operator (by credit code, else by name + village): its fields are updated; a credit code
//!   and a name + village that point at two different operators is `DUPLICATE_IN_DB`;
//! - a roster row (agreement + household): mode and content are updated;
//! - an attendance row (session + slot + ID number): identical is unchanged; different is
//!   `DUPLICATE_IN_DB` (attendance is never edited: take the row back on the session page).

use crate::domain::kinds::KindList;
use rusqlite::types::Value as SqlValue;
use rusqlite::{params, Transaction};

use super::RowOutcome;
use crate::domain::agreements::RosterInput;
use crate::domain::operators::OperatorInput;
use crate::domain::places::{check_code_shape, check_name, VillageInput};
use crate::domain::refuse_if;
use crate::domain::training::AttendanceInput;
use crate::domain::{Invalid, Warning};
use crate::error::{Error, Result};
use crate::store::entities::{COUNTY, TOWNSHIP, VILLAGE};
use crate::store::write::{self, Op, Writer};
use crate::store::Query;
use crate::store::Store;
use crate::Code;

/// A line of a statistical code list: the county (code ending in 000000), a township (000) or
/// a village.
#[derive(Debug, Clone)]
pub struct PlaceImport {
    pub code: String,
    pub name: String,
    /// `None` when the file has no poor column: kept, or false for a new village.
    pub poor: Option<bool>,
    pub township_name: String,
    pub county_name: String,
}

fn changed(entry: Option<write::ChangeEntry>, op: Op) -> RowOutcome {
    match (entry, op) {
        (None, _) => RowOutcome::Unchanged,
        (Some(_), Op::Create) => RowOutcome::New,
        (Some(_), _) => RowOutcome::Updated,
    }
}

pub fn import_place(
    tx: &Transaction,
    writer: &Writer,
    row: &PlaceImport,
) -> Result<(RowOutcome, Vec<Warning>)> {
    let code = crate::domain::places::normalise_code(&row.code);
    check_code_shape(&code, 12, "code", "区划代码")?;
    let county_code = &code[..6];
    let county_id: Option<String> = tx.value(
        "SELECT id FROM county WHERE code = ?1 AND deleted_hlc IS NULL",
        [county_code],
    )?;
    let county_created = county_id.is_none();
    let county_id = match county_id {
        Some(id) => id,
        None => {
            let other: Option<(String, String)> = tx.row(
                "SELECT code, name FROM county WHERE deleted_hlc IS NULL LIMIT 1",
                [],
            )?;
            if let Some((other_code, other_name)) = other {
                return Err(Invalid::new(
                    Code::PLACE_COUNTY,
                    "code",
                    format!("代码 {code} 不属于本县（{other_name}，代码 {other_code}）。请只导入本县的乡镇和村。"),
                )
                .into());
            }
            let name = row.county_name.trim();
            refuse_if(
                name.is_empty(),
                Code::COUNTY_MISSING,
                "code",
                format!("数据库里还没有县，文件也没有写出县名（“县”一列，或代码为 {county_code}000000 的一行）。请先设置本县：fieldbook county create --code {county_code} --name 县名，再导入乡镇和村。"),
            )?;
            check_name(name, "countyName", "县名")?;
            let id = crate::store::new_id();
            let values = [
                ("code", SqlValue::Text(county_code.to_string())),
                ("name", SqlValue::Text(name.to_string())),
            ];
            write::record(tx, writer, &COUNTY, &id, Op::Create, &values)?;
            id
        }
    };
    if code.ends_with("000000") {
        // The county's own line: it named the county above; nothing else to write.
        let outcome = if county_created {
            RowOutcome::New
        } else {
            RowOutcome::Unchanged
        };
        return Ok((outcome, Vec::new()));
    }
    let township_code = &code[..9];
    let township: Option<String> = tx.value(
        "SELECT id FROM township WHERE code = ?1 AND deleted_hlc IS NULL",
        [township_code],
    )?;
    let is_township_line = code.ends_with("000");
    let township_name = if is_township_line {
        row.name.trim()
    } else {
        row.township_name.trim()
    };
    let (township_outcome, _township_id) = match township {
        Some(id) if is_township_line => {
            check_name(township_name, "name", "乡镇名称")?;
            let values = [("name", SqlValue::Text(township_name.to_string()))];
            let entry = write::record(tx, writer, &TOWNSHIP, &id, Op::Update, &values)?;
            (changed(entry, Op::Update), id)
        }
        Some(id) => (RowOutcome::Unchanged, id),
        None => {
            refuse_if(township_name.is_empty(), Code::PLACE_TOWNSHIP_UNKNOWN, "townshipName", format!("乡镇代码 {township_code} 还没有登记，请在本行填写乡镇名称，或在文件中先列出该乡镇（代码以 000 结尾的一行）。"))?;
            check_name(township_name, "townshipName", "乡镇名称")?;
            let id = crate::store::new_id();
            let values = [
                ("county_id", SqlValue::Text(county_id)),
                ("code", SqlValue::Text(township_code.to_string())),
                ("name", SqlValue::Text(township_name.to_string())),
            ];
            write::record(tx, writer, &TOWNSHIP, &id, Op::Create, &values)?;
            (RowOutcome::New, id)
        }
    };
    if is_township_line {
        return Ok((township_outcome, Vec::new()));
    }
    let existing: Option<(String, bool)> = tx.row(
        "SELECT id, poor FROM village WHERE code = ?1 AND deleted_hlc IS NULL",
        [&code],
    )?;
    let input = VillageInput {
        township_code: township_code.to_string(),
        code: code.clone(),
        name: row.name.clone(),
        poor: row.poor.or(existing.as_ref().map(|e| e.1)).unwrap_or(false),
    }
    .validated()?;
    let township_id: String = tx.query_row(
        "SELECT id FROM township WHERE code = ?1 AND deleted_hlc IS NULL",
        [township_code],
        |r| r.get(0),
    )?;
    let except = existing.as_ref().map(|e| e.0.as_str());
    crate::store::records::places::refuse_duplicates(tx, &input, &township_id, except)?;
    let values = crate::store::records::places::village_values(&township_id, &input);
    let outcome = match existing {
        Some((id, _)) => changed(
            write::record(tx, writer, &VILLAGE, &id, Op::Update, &values)?,
            Op::Update,
        ),
        None => {
            // A retired township takes no new villages (as `add_village`), from a file either.
            let (retired, township_name): (bool, String) = tx.query_row(
                "SELECT retired, name FROM township WHERE id = ?1",
                [&township_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            refuse_if(
                retired,
                Code::PLACE_RETIRED,
                "townshipName",
                format!("{township_name}（{township_code}）已停用，不能再新增村。请核对乡镇代码；如该乡镇确实恢复设置，请县里先处理。"),
            )?;
            let id = crate::store::new_id();
            write::record(tx, writer, &VILLAGE, &id, Op::Create, &values)?;
            RowOutcome::New
        }
    };
    Ok((outcome, Vec::new()))
}

/// An operator as a file gives it; `absent` fields keep an existing operator's values.
#[derive(Debug, Clone)]
pub struct OperatorImport {
    pub input: OperatorInput,
    pub absent: Vec<&'static str>,
}

pub fn import_operator(
    tx: &Transaction,
    writer: &Writer,
    row: &OperatorImport,
) -> Result<(RowOutcome, Vec<Warning>)> {
    let kind = crate::store::records::kinds::option(tx, KindList::Operator, row.input.kind.code())?;
    let valid = row
        .input
        .validated(kind.is_some_and(|k| k.requires_online_shop))?;
    let input = valid.input;
    let by_code: Option<String> = if input.credit_code.is_empty() {
        None
    } else {
        tx.value(
            "SELECT id FROM operator WHERE credit_code = ?1 AND deleted_hlc IS NULL",
            [&input.credit_code],
        )?
    };
    let by_name: Option<String> = tx.value(
        "SELECT id FROM operator WHERE name = ?1 AND village_id IS ?2 AND deleted_hlc IS NULL",
        params![input.name, input.village_id],
    )?;
    let existing = match (by_code, by_name) {
        (Some(a), Some(b)) if a != b => {
            return Err(Invalid::new(
                Code::DUPLICATE_IN_DB,
                "creditCode",
                format!("统一社会信用代码 {} 属于另一个已登记的主体，而“{}”在本村也已登记：两者不是同一条记录。请核对代码和名称。", input.credit_code, input.name),
            )
            .into())
        }
        (Some(a), _) => Some(a),
        (None, b) => b,
    };
    let mut input = input;
    if let Some(id) = &existing {
        let stored: (String, String, String, String, String) = tx.query_row(
            "SELECT kind, person_in_charge, phone, platform, shop_url FROM operator WHERE id = ?1",
            [id],
            |r| r.try_into(),
        )?;
        for field in &row.absent {
            match *field {
                "kind" => {
                    input.kind = crate::domain::operators::OperatorKind::new(stored.0.clone())
                }
                "personInCharge" => input.person_in_charge = stored.1.clone(),
                "phone" => input.phone = stored.2.clone(),
                "platform" => input.platform = stored.3.clone(),
                "shopUrl" => input.shop_url = stored.4.clone(),
                "creditCode" => {
                    input.credit_code = tx.query_row(
                        "SELECT credit_code FROM operator WHERE id = ?1",
                        [id],
                        |r| r.get(0),
                    )?
                }
                _ => {}
            }
        }
    }
    let warnings = valid.warnings.into_iter().map(Warning::from).collect();
    let (id, op) = match existing {
        Some(id) => (id, Op::Update),
        None => (crate::store::new_id(), Op::Create),
    };
    let entry = crate::store::records::operators::write_operator(tx, writer, &id, op, &input)?;
    Ok((changed(entry, op), warnings))
}

pub fn import_roster_row(
    tx: &Transaction,
    writer: &Writer,
    input: &RosterInput,
) -> Result<(RowOutcome, Vec<Warning>)> {
    crate::store::records::roster::write_roster_row(tx, writer, input, true)
}

/// A sign-in row as a file gives it; `absent` names the fields whose column the file lacks
/// (compared only when present, defaults for a new row).
#[derive(Debug, Clone)]
pub struct AttendanceImport {
    pub input: AttendanceInput,
    pub absent: Vec<&'static str>,
}

pub fn import_attendance(
    tx: &Transaction,
    writer: &Writer,
    today: chrono::NaiveDate,
    row: &AttendanceImport,
) -> Result<(RowOutcome, Vec<Warning>)> {
    let valid = row.input.validated(today)?;
    let id = crate::store::records::training::attendance_id(
        &valid.session_id,
        &valid.slot.to_string(),
        valid.id.id.as_str(),
    );
    let existing: Option<(String, String, bool, String)> = tx.row(
        "SELECT name, phone, signed, sheet_page FROM attendance
             WHERE id = ?1 AND deleted_hlc IS NULL",
        [&id],
    )?;
    if let Some(stored) = existing {
        let kept = |field: &str| row.absent.contains(&field);
        let same = stored.0 == valid.name
            && (kept("phone") || stored.1 == valid.phone)
            && (kept("signed") || stored.2 == valid.signed)
            && (kept("sheetPage") || stored.3 == valid.sheet_page);
        if same {
            return Ok((RowOutcome::Unchanged, Vec::new()));
        }
        return Err(Invalid::new(
            Code::DUPLICATE_IN_DB,
            "idNumber",
            format!(
                "{}在本期培训 {} 已有签到记录，且内容与本行不同（{}）。签到记录不能改：如需更正，请在培训页撤销原记录后重新导入。",
                valid.name,
                valid.slot.label(),
                stored.0
            ),
        )
        .into());
    }
    let warnings = crate::store::records::training::write_attendance(tx, writer, &valid, &id)?;
    Ok((RowOutcome::New, warnings))
}

impl Store {
    /// Every registered household's ID number → (household id, head's name), for imports that
    /// match people against the register.
    pub fn household_ids_by_number(
        &self,
    ) -> Result<std::collections::HashMap<String, (String, String)>> {
        Ok(self
            .conn
            .list(
                "SELECT id_number, id, head_name FROM household WHERE deleted_hlc IS NULL",
                [],
                |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))),
            )?
            .into_iter()
            .collect())
    }

    /// An agreement's id and number, found by id or number, for `import roster --into`.
    pub fn find_agreement(&self, key: &str) -> Result<(String, String)> {
        let key = key.trim();
        self.conn
            .row("SELECT id, number FROM agreement WHERE (id = ?1 OR number = ?1) AND deleted_hlc IS NULL
                 ORDER BY id = ?1 DESC LIMIT 1", [key])?
            .ok_or_else(|| Error::not_found("带贫协议", key))
    }

    /// A training session's id, title and slots, found by id or title, for
    /// `import attendance --into`.
    pub fn find_session(&self, key: &str) -> Result<(String, String, Vec<String>)> {
        let key = key.trim();
        let (id, title, slots): (String, String, String) = self
            .conn
            .row(
                "SELECT id, title, slots FROM training_session
                 WHERE (id = ?1 OR title = ?1) AND deleted_hlc IS NULL
                 ORDER BY id = ?1 DESC LIMIT 1",
                [key],
            )?
            .ok_or_else(|| Error::not_found("培训", key))?;
        Ok((id, title, serde_json::from_str(&slots).unwrap_or_default()))
    }
}
