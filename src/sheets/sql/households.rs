//! One imported household row: matched by ID number, created or updated through the same
//! validation, register checks and write path as `add_household` / `update_household`.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction};

use super::RowOutcome;
use crate::domain::households::HouseholdInput;
use crate::domain::resident_id::ResidentId;
use crate::domain::Warning;
use crate::error::Result;
use crate::store::entities::HOUSEHOLD;
use crate::store::from_row;
use crate::store::records::households::{check_identity, check_references, household_values};
use crate::store::write::{self, Op, Writer};

/// A household as a file gives it. `absent` names the input fields whose column the file does
/// not have: an existing household keeps its value for them, a new one gets the default.
#[derive(Debug, Clone)]
pub struct HouseholdImport {
    pub input: HouseholdInput,
    pub absent: Vec<&'static str>,
}

/// Creates the household, or updates the one registered under the same ID number. An update
/// that changes nothing writes nothing (`Unchanged`).
pub fn import_household(
    tx: &Transaction,
    writer: &Writer,
    today: NaiveDate,
    row: &HouseholdImport,
) -> Result<(RowOutcome, Vec<Warning>)> {
    let id_number = ResidentId::parse(&row.input.id_number, "idNumber", today)?.id;
    let existing: Option<(String, HouseholdInput)> = tx
        .prepare_cached(
            "SELECT id, head_name, size, village_id, village_group, category, year_lifted, phone,
                    notes
             FROM household WHERE id_number = ?1 AND deleted_hlc IS NULL",
        )?
        .query_row([id_number.as_str()], |r| {
            Ok((
                r.get(0)?,
                from_row!(r => HouseholdInput {
                    _, head_name, id_number = id_number.as_str().to_string(), size, village_id,
                    village_group, category, year_lifted, phone, notes,
                }),
            ))
        })
        .optional()?;
    let mut input = row.input.clone();
    if let Some((_, stored)) = &existing {
        for field in &row.absent {
            match *field {
                "headName" => input.head_name = stored.head_name.clone(),
                "size" => input.size = stored.size,
                "villageId" => input.village_id = stored.village_id.clone(),
                "villageGroup" => input.village_group = stored.village_group.clone(),
                "category" => input.category = stored.category.clone(),
                "yearLifted" => input.year_lifted = stored.year_lifted,
                "phone" => input.phone = stored.phone.clone(),
                "notes" => input.notes = stored.notes.clone(),
                _ => {}
            }
        }
    } else if row.absent.contains(&"category") {
        input.category = "general".into();
    }
    let valid = input.validated(today)?;
    let except = existing.as_ref().map(|(id, _)| id.as_str());
    check_references(tx, &valid, except)?;
    let warnings = check_identity(tx, &valid, except)?;
    let values = household_values(&valid);
    let outcome = match &existing {
        Some((id, _)) => match write::record(tx, writer, &HOUSEHOLD, id, Op::Update, &values)? {
            Some(_) => RowOutcome::Updated,
            None => RowOutcome::Unchanged,
        },
        None => {
            let id = crate::store::new_id();
            write::record(tx, writer, &HOUSEHOLD, &id, Op::Create, &values)?;
            RowOutcome::New
        }
    };
    Ok((outcome, warnings))
}
