//! Lookups the importers share: villages by code or name, ID cells stored as numbers, the ID as
//! a file key, the record a roster or sign-in list goes into.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::columns::Mapping;
use super::driver::SheetRow;
use super::Problem;
use crate::error::Result;
use crate::Code;
use crate::Store;

/// Villages of the county, found by 12-digit code, by township + name, or by a name that only
/// one village has.
pub(crate) struct Villages {
    by_code: HashMap<String, String>,
    by_place: HashMap<(String, String), String>,
    by_name: HashMap<String, Vec<String>>,
}

impl Villages {
    pub(crate) fn load(store: &Store) -> Result<Villages> {
        let mut v = Villages {
            by_code: HashMap::new(),
            by_place: HashMap::new(),
            by_name: HashMap::new(),
        };
        for village in store.list_villages(None)? {
            v.by_code.insert(village.code.clone(), village.id.clone());
            v.by_place.insert(
                (village.township_name.clone(), village.name.clone()),
                village.id.clone(),
            );
            v.by_name
                .entry(village.name.clone())
                .or_default()
                .push(village.id.clone());
        }
        Ok(v)
    }

    /// The village id of a row, or the problem (`VILLAGE_UNKNOWN`) at the column that named it.
    pub(crate) fn resolve(&self, row: &SheetRow) -> std::result::Result<Option<String>, Problem> {
        let unknown = |key: &str, message: String| row.problem(key, Code::VILLAGE_UNKNOWN, message);
        let code = crate::domain::places::normalise_code(&row.text("villageCode"));
        if !code.is_empty() {
            return match self.by_code.get(&code) {
                Some(id) => Ok(Some(id.clone())),
                None => Err(unknown(
                    "villageCode",
                    format!("村代码 {code} 不在本县的村名单中。请核对 12 位统计用区划代码，或先导入/新增该村。"),
                )),
            };
        }
        let name = row.text("village");
        if name.is_empty() {
            return Ok(None);
        }
        let township = row.text("township");
        if !township.is_empty() {
            return match self.by_place.get(&(township.clone(), name.clone())) {
                Some(id) => Ok(Some(id.clone())),
                None => Err(unknown(
                    "village",
                    format!("“{township}{name}”不在本县的村名单中。请核对乡镇和村名（写全称，如“长沟村”），或先导入/新增该村。"),
                )),
            };
        }
        match self.by_name.get(&name).map(Vec::as_slice) {
            Some([id]) => Ok(Some(id.clone())),
            Some(many) => Err(unknown(
                "village",
                format!("本县有 {} 个村都叫“{name}”，请加一列“乡镇”或“村代码”以区分。", many.len()),
            )),
            None => Err(unknown(
                "village",
                format!("村“{name}”不在本县的村名单中。请核对村名（写全称，如“长沟村”），或先导入/新增该村。"),
            )),
        }
    }
}

/// An ID cell the file stored as a number has lost digits: refused with the fix.
pub(crate) fn id_cell(row: &SheetRow) -> std::result::Result<String, Problem> {
    match row.cell("idNumber") {
        Some(cell) if cell.numeric => Err(row.problem(
            "idNumber",
            Code::ID_AS_NUMBER,
            format!(
                "身份证号码“{}”在表格里是数字格式，后几位已被表格软件改掉，无法恢复。请把该列设置为文本格式后重新录入完整的 18 位号码。",
                cell.text
            ),
        )),
        Some(cell) => Ok(cell.text.to_string()),
        None => Ok(String::new()),
    }
}

/// The ID as a file key (normalised), when it passes the ID rule.
pub(crate) fn valid_id_key(raw: &str, today: NaiveDate) -> Option<String> {
    crate::domain::resident_id::ResidentId::parse(raw, "idNumber", today)
        .ok()
        .map(|p| p.id.as_str().to_string())
}

/// The record a roster or sign-in list goes into (`--into`); `message` says which is missing.
pub(crate) fn into_key<'a>(into: Option<&'a str>, message: &'static str) -> Result<&'a str> {
    Ok(into.ok_or_else(|| crate::domain::Invalid::new(Code::IMPORT_INTO, "into", message))?)
}

/// A register row needs its village: by code or by name.
pub(crate) fn village_columns_present(mapping: &Mapping) -> Vec<Problem> {
    if mapping.has("village") || mapping.has("villageCode") {
        return Vec::new();
    }
    let row = mapping.header_row as u32 + 1;
    vec![Problem::error(
        Some(row),
        None,
        Some("村".into()),
        Code::COLUMN_MISSING,
        format!("第 {row} 行的表头中没有“村”或“村代码”列（也可写作：村名、行政村、统计用区划代码）。每一行都要知道属于哪个村，请补上该列。"),
    )]
}
