//! The demo county 成县 (Gansu): the 17 townships and 124 villages of its 2019 demonstration-shop
//! plan, embedded from `assets/demo/`. Codes below the county level are synthetic but stable
//! (see `assets/demo/README.md`): the n-th township in the plan gets `621221` + (100 + n), the
//! m-th village within it gets its township code + (200 + m).

use rusqlite::types::Value as SqlValue;
use serde::Serialize;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::store::write::{self, Op, COUNTY, TOWNSHIP, VILLAGE};
use crate::store::Store;

pub const DEMO_CSV: &str = include_str!("../assets/demo/chengxian-2019-demo-shops.csv");
/// 成县's real GB/T 2260 code.
pub const DEMO_COUNTY_CODE: &str = "621221";
pub const DEMO_COUNTY_NAME: &str = "成县";
const EXPECTED_HEADER: &str = "township,village,village_class,subsidy_yuan";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoVillage {
    pub township_code: String,
    pub township_name: String,
    pub code: String,
    pub name: String,
    pub poor: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DemoReport {
    pub county: String,
    pub already_loaded: bool,
    pub townships_added: usize,
    pub villages_added: usize,
}

/// Parses the embedded plan into villages with their synthetic codes, in plan order.
pub fn demo_villages() -> Result<Vec<DemoVillage>> {
    let mut lines = DEMO_CSV.lines().enumerate();
    match lines.next() {
        Some((_, header)) if header.trim_start_matches('\u{feff}') == EXPECTED_HEADER => {}
        _ => {
            return Err(Error::DemoData {
                line: 1,
                reason: format!("表头应为 {EXPECTED_HEADER}"),
            })
        }
    }
    let mut townships: Vec<String> = Vec::new();
    let mut villages_in_current = 0;
    let mut out = Vec::new();
    for (index, line) in lines {
        let line_no = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        let [township, village, class, _subsidy] = fields[..] else {
            return Err(Error::DemoData {
                line: line_no,
                reason: format!("应有 4 列，实有 {} 列", fields.len()),
            });
        };
        let poor = match class {
            "poor" => true,
            "non_poor" => false,
            other => {
                return Err(Error::DemoData {
                    line: line_no,
                    reason: format!("村类别应为 poor 或 non_poor，而不是 {other}"),
                })
            }
        };
        if townships.last().map(String::as_str) != Some(township) {
            if townships.iter().any(|t| t == township) {
                return Err(Error::DemoData {
                    line: line_no,
                    reason: format!("{township} 的村不连续，合成代码会不稳定"),
                });
            }
            townships.push(township.to_string());
            villages_in_current = 0;
        }
        villages_in_current += 1;
        let township_code = format!("{DEMO_COUNTY_CODE}{:03}", 100 + townships.len());
        out.push(DemoVillage {
            code: format!("{township_code}{:03}", 200 + villages_in_current),
            township_code,
            township_name: township.to_string(),
            name: village.to_string(),
            poor,
        });
    }
    Ok(out)
}

/// Loads the demo county into a database that holds no county yet. Loading again changes
/// nothing; a database set up for another county is refused rather than mixed with demo data.
pub fn load_demo(store: &mut Store) -> Result<DemoReport> {
    if let Some(county) = store.county()? {
        if county.code == DEMO_COUNTY_CODE {
            return Ok(DemoReport {
                county: county.name,
                already_loaded: true,
                townships_added: 0,
                villages_added: 0,
            });
        }
        return Err(Error::DemoData {
            line: 0,
            reason: format!(
                "数据库已设为{}（{}），示范县只能装入空数据库。请用 --db 指定一个新文件。",
                county.name, county.code
            ),
        });
    }
    let villages = demo_villages()?;
    let townships_added = store.write(|tx, writer| {
        let text = |s: &str| SqlValue::Text(s.to_string());
        let county_id = Uuid::now_v7().to_string();
        let county = [
            ("code", text(DEMO_COUNTY_CODE)),
            ("name", text(DEMO_COUNTY_NAME)),
        ];
        write::record(tx, writer, &COUNTY, &county_id, Op::Create, &county)?;
        let mut township_id = String::new();
        let mut current_township = "";
        let mut townships_added = 0;
        for village in &villages {
            if village.township_code != current_township {
                township_id = Uuid::now_v7().to_string();
                let township = [
                    ("county_id", text(&county_id)),
                    ("code", text(&village.township_code)),
                    ("name", text(&village.township_name)),
                ];
                write::record(tx, writer, &TOWNSHIP, &township_id, Op::Create, &township)?;
                current_township = &village.township_code;
                townships_added += 1;
            }
            let row = [
                ("township_id", text(&township_id)),
                ("code", text(&village.code)),
                ("name", text(&village.name)),
                ("poor", SqlValue::Integer(i64::from(village.poor))),
            ];
            let id = Uuid::now_v7().to_string();
            write::record(tx, writer, &VILLAGE, &id, Op::Create, &row)?;
        }
        Ok(townships_added)
    })?;
    Ok(DemoReport {
        county: DEMO_COUNTY_NAME.to_string(),
        already_loaded: false,
        townships_added,
        villages_added: villages.len(),
    })
}
