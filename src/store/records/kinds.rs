//! Reading the county's lists of kinds (`kind_option`, schema 0018) and checking a record's kind
//! against them. Changing a list is the county hub's alone: `sync::sql::kinds`.

use rusqlite::{Connection, Row};
use uuid::Uuid;

use crate::domain::kinds::{live_option, KindList, KindOption, KindSubject};
use crate::domain::Invalid;
use crate::error::Result;
use crate::store::Query;
use crate::store::Store;

/// The namespace of the options' ids: UUIDv5 of "list/code" in it, so the defaults of 0018 and
/// an option the county adds have the same id in every database.
pub const KIND_NAMESPACE: Uuid = Uuid::from_u128(0x3cb33d12_69f9_5deb_b203_0115690cec52);

/// The id of the option `code` of `list`, in every database.
pub fn kind_option_id(list: KindList, code: &str) -> String {
    Uuid::new_v5(
        &KIND_NAMESPACE,
        format!("{}/{code}", list.code()).as_bytes(),
    )
    .to_string()
}

const KIND_SELECT: &str = "SELECT id, list, code, label, sort, subject, requires_online_shop,
        retired, status FROM kind_option WHERE deleted_hlc IS NULL";

fn option_from_row(row: &Row) -> rusqlite::Result<KindOption> {
    let list: String = row.get(1)?;
    let subject: Option<String> = row.get(5)?;
    Ok(KindOption {
        id: row.get(0)?,
        list: KindList::from_code(&list).unwrap_or(KindList::Operator),
        code: row.get(2)?,
        label: row.get(3)?,
        sort: row.get(4)?,
        subject: subject.as_deref().and_then(KindSubject::from_code),
        requires_online_shop: row.get(6)?,
        retired: row.get(7)?,
        status: row.get(8)?,
    })
}

/// The options of one list (or both), in the county's order, retired ones included.
pub(crate) fn options(conn: &Connection, list: Option<KindList>) -> Result<Vec<KindOption>> {
    let sql = format!("{KIND_SELECT} AND (?1 IS NULL OR list = ?1) ORDER BY list DESC, sort, code");
    Ok(conn.list(&sql, [list.map(KindList::code)], option_from_row)?)
}

/// The option `code` of `list`, live or retired (`None`: not in the list).
pub(crate) fn option(conn: &Connection, list: KindList, code: &str) -> Result<Option<KindOption>> {
    let sql = format!("{KIND_SELECT} AND list = ?1 AND code = ?2");
    Ok(conn.first(&sql, [list.code(), code], option_from_row)?)
}

/// The live option a record written now may name, or the refusal naming the county's labels.
/// A record that already had a kind now retired may keep it (`kept`).
pub(crate) fn live(
    conn: &Connection,
    list: KindList,
    code: &str,
    kept: Option<&str>,
    field: &'static str,
) -> Result<std::result::Result<KindOption, Invalid>> {
    if let (Some(kept), Some(found)) = (kept, option(conn, list, code)?) {
        if kept == code {
            return Ok(Ok(found));
        }
    }
    let all = options(conn, Some(list))?;
    Ok(live_option(list, code, &all, field).cloned())
}

impl Store {
    /// The county's kinds of one list (or both), in its order; retired ones say so.
    pub fn kind_options(&self, list: Option<KindList>) -> Result<Vec<KindOption>> {
        options(&self.conn, list)
    }
}
