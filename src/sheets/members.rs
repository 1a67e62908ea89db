//! The household members import (家庭成员): one row per person with the head's ID number
//! (户主身份证号), the person's name, ID number and relation. A row repeating the head (its ID
//! is the head's) is accepted unchanged; each other row creates the member or updates the one
//! with the same ID in the same household, through the same checks and write path as typing.

use chrono::NaiveDate;
use rusqlite::Transaction;

use super::columns::{required, ColumnSpec};
use super::driver::{Applied, Importer, Prepared, SheetRow};
use super::lookup::{id_cell, valid_id_key};
use super::Problem;
use crate::domain::household_members::MemberInput;
use crate::domain::resident_id::ResidentId;
use crate::domain::Invalid;
use crate::error::Result;
use crate::sheets::sql::RowOutcome;
use crate::store::records::household_members::{member_in_household, write_member};
use crate::store::write::Writer;
use crate::store::Query;
use crate::Code;
use crate::Store;

pub const MEMBER_COLUMNS: &[ColumnSpec] = &[
    required(
        "headIdNumber",
        "户主身份证号",
        &["户主身份证号码", "户主公民身份号码", "户主证件号码"],
    ),
    required("name", "姓名", &["成员姓名", "家庭成员姓名"]),
    required(
        "idNumber",
        "身份证号",
        &[
            "身份证号码",
            "公民身份号码",
            "成员身份证号",
            "成员身份证号码",
            "证件号码",
        ],
    ),
    required(
        "relation",
        "与户主关系",
        &["关系", "家庭关系", "与户主的关系"],
    ),
];

/// A member row as a file gives it.
#[derive(Debug, Clone)]
pub struct MemberImport {
    pub head_id_number: String,
    pub name: String,
    pub id_number: String,
    pub relation: String,
}

pub(crate) struct MemberImporter {
    today: NaiveDate,
}

impl MemberImporter {
    pub(crate) fn new(store: &Store) -> Result<MemberImporter> {
        Ok(MemberImporter {
            today: store.today(),
        })
    }
}

/// The head's cell, refused like an ID cell when Excel turned it into a number.
fn head_cell(row: &SheetRow) -> std::result::Result<String, Problem> {
    match row.cell("headIdNumber") {
        Some(cell) if cell.numeric => Err(row.problem(
            "headIdNumber",
            Code::ID_AS_NUMBER,
            format!(
                "户主身份证号“{}”在表格里是数字格式，后几位已被表格软件改掉。请把该列设置为文本格式后重新录入。",
                cell.text
            ),
        )),
        Some(cell) => Ok(cell.text.to_string()),
        None => Ok(String::new()),
    }
}

impl Importer for MemberImporter {
    type Item = MemberImport;
    const COLUMNS: &'static [ColumnSpec] = MEMBER_COLUMNS;
    const KEY_COLUMN: &'static str = "idNumber";
    const SAME_NAMED: &'static [&'static str] = &["name", "idNumber", "relation"];
    const FIELD_COLUMNS: &'static [(&'static str, &'static [&'static str])] =
        &[("householdId", &["headIdNumber"])];

    fn prepare(&mut self, row: &SheetRow) -> Prepared<MemberImport> {
        let item = (|| {
            Ok(MemberImport {
                head_id_number: head_cell(row)?,
                name: row.text("name"),
                id_number: id_cell(row)?,
                relation: row.text("relation"),
            })
        })();
        let key = valid_id_key(&row.text("idNumber"), self.today);
        row.prepared(row.text("name"), key, item)
    }

    fn apply(&mut self, tx: &Transaction, writer: &Writer, item: &MemberImport) -> Applied {
        import_member(tx, writer, self.today, item)
    }
}

fn import_member(
    tx: &Transaction,
    writer: &Writer,
    today: NaiveDate,
    item: &MemberImport,
) -> Applied {
    let head = ResidentId::parse(&item.head_id_number, "householdId", today)?.id;
    let household: Option<(String, String)> = tx.row(
        "SELECT id, head_name FROM household WHERE id_number = ?1 AND deleted_hlc IS NULL",
        [head.as_str()],
    )?;
    let Some((household_id, head_name)) = household else {
        return Err(Invalid::new(
            Code::MEMBER_HOUSEHOLD,
            "householdId",
            format!(
                "户主身份证号 {} 不在登记册中。请先导入或登记该户，再导入其家庭成员。",
                head.masked_for_list()
            ),
        )
        .into());
    };
    let input = MemberInput {
        household_id: household_id.clone(),
        name: item.name.clone(),
        id_number: item.id_number.clone(),
        relation: item.relation.clone(),
    };
    // The head's own line, as registers list the whole family: nothing to write.
    if ResidentId::parse(&item.id_number, "idNumber", today).is_ok_and(|p| p.id == head) {
        crate::domain::refuse_if(
            item.name.trim() != head_name,
            Code::IMPORT_NAME_CHANGED,
            "name",
            format!(
                "本行是户主本人（身份证号与户主相同），但姓名“{}”与登记的户主“{head_name}”不同。请核对；户主姓名在农户登记中修改。",
                item.name.trim()
            ),
        )?;
        return Ok((RowOutcome::Unchanged, Vec::new()));
    }
    let valid = input.validated(today)?;
    let existing = member_in_household(tx, &household_id, valid.id.id.as_str())?;
    let (written, warnings) = write_member(tx, writer, &valid, existing.as_deref())?;
    let outcome = match (existing, written) {
        (None, _) => RowOutcome::New,
        (Some(_), true) => RowOutcome::Updated,
        (Some(_), false) => RowOutcome::Unchanged,
    };
    Ok((outcome, warnings))
}
