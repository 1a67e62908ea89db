//! Starting a county for real and keeping its place tree: create and rename the county, add
//! townships, rename and retire places, and the demo mark that keeps the demo county 成县 apart
//! from a real one. Every change goes through the one write path, so it syncs like any record.

use std::path::{Path, PathBuf};

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, Transaction};

use crate::domain::places::{
    check_code_shape, check_name, normalise_code, normalise_name, County, Place, PlaceKind,
    TownshipSummary, COUNTY_CODE_LEN, TOWNSHIP_CODE_LEN, VILLAGE_CODE_LEN,
};
use crate::domain::Invalid;
use crate::error::{Error, Result};
use crate::store::entities::{Entity, COUNTY, TOWNSHIP, VILLAGE};
use crate::store::write::{self, Op};
use crate::store::{Query, Store};
use crate::Code;

/// The `app_meta` key that marks a database holding the demo county.
const DEMO_KEY: &str = "demo";

/// The demo database kept beside a real one: `fieldbook.db` → `fieldbook-demo.db` in the same
/// folder, so the desktop can open the demo without touching the real county's file. A path
/// that already names a demo database answers itself.
pub fn demo_db_path(real_db_path: &Path) -> PathBuf {
    let stem = real_db_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "fieldbook".into());
    if stem.ends_with("-demo") {
        return real_db_path.to_path_buf();
    }
    let name = match real_db_path.extension() {
        Some(ext) => format!("{stem}-demo.{}", ext.to_string_lossy()),
        None => format!("{stem}-demo"),
    };
    real_db_path.with_file_name(name)
}

impl Store {
    /// True when the demo county was loaded into this database (`demo::load_demo` marks it).
    /// A demo database never becomes a real county and never enrolls with one.
    pub fn is_demo(&self) -> Result<bool> {
        let value: Option<String> = self
            .conn
            .value("SELECT value FROM app_meta WHERE key = ?1", [DEMO_KEY])?;
        Ok(value.as_deref() == Some("1"))
    }

    /// Whether this database may change the county's reference data (its lists of kinds, its
    /// programmes): the county hub, or a database not enrolled as a township laptop (the demo,
    /// a county before it sets up sync). An enrolled laptop gets them in the county's package;
    /// sync records the enrolment as `sync_meta.mode = 'device'` (schema 0009).
    pub fn county_reference_can_change(&self) -> Result<bool> {
        let mode: Option<String> = self
            .conn
            .value("SELECT value FROM sync_meta WHERE key = 'mode'", [])?;
        Ok(mode.as_deref() != Some("device"))
    }

    /// Marks this database as holding the demo county (the demo loader only). A device
    /// setting, not a record: it never travels.
    pub(crate) fn mark_demo(&mut self) -> Result<()> {
        self.conn.execute(
            "INSERT INTO app_meta (key, value) VALUES (?1, '1')
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [DEMO_KEY],
        )?;
        Ok(())
    }

    /// Starts this database's county: its 6-digit statistical code (GB/T 2260) and its name.
    /// Refuses a database that already holds a county (`COUNTY_EXISTS`: rename it instead) or
    /// the demo (`COUNTY_DEMO`: a real county starts in a database of its own).
    pub fn create_county(&mut self, code: &str, name: &str) -> Result<County> {
        let code = normalise_code(code);
        check_code_shape(&code, COUNTY_CODE_LEN, "code", "县级区划代码")?;
        let name = normalise_name(name);
        check_name(&name, "name", "县名")?;
        if self.is_demo()? {
            return Err(Invalid::new(
                Code::COUNTY_DEMO,
                "code",
                "这个数据库装的是示范县的演示数据，不能改成真实的县。请新建一个数据库（命令行用 --db 指定一个新文件），在新数据库里设置本县。",
            )
            .into());
        }
        if let Some(county) = self.county()? {
            return Err(county_exists(&county));
        }
        let id = crate::store::new_id();
        self.write(|tx, writer| {
            let values = [
                ("code", SqlValue::Text(code.clone())),
                ("name", SqlValue::Text(name.clone())),
            ];
            write::record(tx, writer, &COUNTY, &id, Op::Create, &values)
        })?;
        Ok(County { id, code, name })
    }

    /// Renames this database's county (a typo, or a county renamed by the State Council).
    pub fn rename_county(&mut self, name: &str) -> Result<County> {
        let county = self.require_county()?;
        let place = self.rename_place(&county.code, name)?;
        Ok(County {
            name: place.name,
            ..county
        })
    }

    /// Adds a township: its 9-digit code begins with the county's 6 and does not end in 000.
    pub fn add_township(&mut self, code: &str, name: &str) -> Result<TownshipSummary> {
        let county = self.require_county()?;
        let code = normalise_code(code);
        check_code_shape(&code, TOWNSHIP_CODE_LEN, "code", "乡镇代码")?;
        if !code.starts_with(&county.code) {
            return Err(Invalid::new(
                Code::PLACE_COUNTY,
                "code",
                format!(
                    "乡镇代码的前 6 位应是本县（{}）的代码 {}，现在是 {}。请核对统计用区划代码。",
                    county.name,
                    county.code,
                    &code[..COUNTY_CODE_LEN]
                ),
            )
            .into());
        }
        if code.ends_with("000") {
            return Err(Invalid::new(
                Code::PLACE_CODE_SHAPE,
                "code",
                "乡镇代码的后 3 位不能是 000（000 表示县本身）。请填写该乡镇的 3 位代码，如 100、101。",
            )
            .into());
        }
        let name = normalise_name(name);
        check_name(&name, "name", "乡镇名称")?;
        let id = crate::store::new_id();
        self.write(|tx, writer| {
            refuse_taken_code(tx, &code)?;
            refuse_same_named_township(tx, &name, None)?;
            let values = [
                ("county_id", SqlValue::Text(county.id.clone())),
                ("code", SqlValue::Text(code.clone())),
                ("name", SqlValue::Text(name.clone())),
            ];
            write::record(tx, writer, &TOWNSHIP, &id, Op::Create, &values)
        })?;
        self.find_township(&code)
    }

    /// Renames the county (6-digit code), a township (9) or a village (12). The id stays, so
    /// every record names the place by its new name; forms printed before keep the old one and
    /// verify as an older version.
    pub fn rename_place(&mut self, code: &str, name: &str) -> Result<Place> {
        let name = normalise_name(name);
        let code = normalise_code(code);
        let kind = kind_of_code(&code)?;
        check_name(
            &name,
            "name",
            match kind {
                PlaceKind::County => "县名",
                PlaceKind::Township => "乡镇名称",
                PlaceKind::Village => "村名",
            },
        )?;
        self.write(|tx, writer| {
            let place = place_by_code(tx, kind, &code)?;
            match kind {
                PlaceKind::Township => refuse_same_named_township(tx, &name, Some(&place.id))?,
                PlaceKind::Village => refuse_same_named_village(tx, &name, &place.id)?,
                PlaceKind::County => {}
            }
            let values = [("name", SqlValue::Text(name.clone()))];
            write::record(tx, writer, entity_of(kind), &place.id, Op::Update, &values)?;
            Ok(Place { name, ..place })
        })
    }

    /// Retires a township (9-digit code) or village (12): it stays for the records that name it
    /// and prints its name, but is no longer offered for new records. A township is retired
    /// only when none of its villages is still in use (`PLACE_HAS_VILLAGES` names them).
    pub fn retire_place(&mut self, code: &str) -> Result<Place> {
        let code = normalise_code(code);
        let kind = kind_of_code(&code)?;
        if kind == PlaceKind::County {
            return Err(Invalid::new(
                Code::PLACE_CODE_SHAPE,
                "code",
                "县不能停用：只有乡镇（9 位代码）和村（12 位代码）可以停用。",
            )
            .into());
        }
        self.write(|tx, writer| {
            let place = place_by_code(tx, kind, &code)?;
            if kind == PlaceKind::Township {
                refuse_live_villages(tx, &place)?;
            }
            let values = [("retired", SqlValue::Integer(1))];
            write::record(tx, writer, entity_of(kind), &place.id, Op::Update, &values)?;
            Ok(Place {
                retired: true,
                ..place
            })
        })
    }

    fn require_county(&self) -> Result<County> {
        self.county()?.ok_or_else(|| {
            Invalid::new(
                Code::COUNTY_MISSING,
                "code",
                "数据库里还没有县。请先设置本县：fieldbook county create --code 县级6位代码 --name 县名（或导入含县名的统计用区划代码表）。",
            )
            .into()
        })
    }
}

pub(crate) fn county_exists(county: &County) -> Error {
    Invalid::new(
        Code::COUNTY_EXISTS,
        "code",
        format!(
            "本数据库已设为{}（{}），一个数据库只管一个县。要改县名请用 fieldbook county rename --name；另一个县请新建数据库（--db 指定新文件）。",
            county.name, county.code
        ),
    )
    .into()
}

fn kind_of_code(code: &str) -> Result<PlaceKind> {
    match code.len() {
        COUNTY_CODE_LEN => Ok(PlaceKind::County),
        TOWNSHIP_CODE_LEN => Ok(PlaceKind::Township),
        VILLAGE_CODE_LEN => Ok(PlaceKind::Village),
        _ => Err(Invalid::new(
            Code::PLACE_CODE_SHAPE,
            "code",
            format!("“{code}”不是县（6 位）、乡镇（9 位）或村（12 位）的统计用区划代码，请核对。"),
        )
        .into()),
    }
}

fn entity_of(kind: PlaceKind) -> &'static Entity {
    match kind {
        PlaceKind::County => &COUNTY,
        PlaceKind::Township => &TOWNSHIP,
        PlaceKind::Village => &VILLAGE,
    }
}

fn place_by_code(tx: &Transaction, kind: PlaceKind, code: &str) -> Result<Place> {
    let retired = match kind {
        PlaceKind::County => "0",
        _ => "retired",
    };
    let sql = format!(
        "SELECT id, name, {retired} FROM {} WHERE code = ?1 AND deleted_hlc IS NULL",
        entity_of(kind).table
    );
    let found: Option<(String, String, bool)> = tx.row(&sql, [code])?;
    let (id, name, retired) = found.ok_or_else(|| Error::not_found(entity_of(kind).label, code))?;
    Ok(Place {
        kind,
        id,
        code: code.to_string(),
        name,
        retired,
    })
}

fn refuse_taken_code(tx: &Transaction, code: &str) -> Result<()> {
    let taken: Option<String> = tx.value("SELECT name FROM township WHERE code = ?1", [code])?;
    match taken {
        Some(name) => Err(Invalid::new(
            Code::PLACE_CODE_DUPLICATE,
            "code",
            format!("乡镇代码 {code} 已被“{name}”使用。要改名请用 fieldbook places rename --code {code} --name 新名称。"),
        )
        .into()),
        None => Ok(()),
    }
}

fn refuse_same_named_township(tx: &Transaction, name: &str, except: Option<&str>) -> Result<()> {
    let same: Option<String> = tx.value(
        "SELECT code FROM township WHERE name = ?1 AND id IS NOT ?2 AND deleted_hlc IS NULL",
        params![name, except],
    )?;
    match same {
        Some(code) => Err(Invalid::new(
            Code::PLACE_NAME_DUPLICATE,
            "name",
            format!("本县已有名为“{name}”的乡镇（代码 {code}）。请核对名称，同名的两个乡镇会让每张表都说不清。"),
        )
        .into()),
        None => Ok(()),
    }
}

fn refuse_same_named_village(tx: &Transaction, name: &str, id: &str) -> Result<()> {
    let same: Option<String> = tx.value(
        "SELECT v.code FROM village v JOIN village me ON me.township_id = v.township_id
         WHERE me.id = ?2 AND v.name = ?1 AND v.id <> ?2 AND v.deleted_hlc IS NULL",
        params![name, id],
    )?;
    match same {
        Some(code) => Err(Invalid::new(
            Code::PLACE_NAME_DUPLICATE,
            "name",
            format!(
                "本乡镇已有名为“{name}”的村（代码 {code}）。如是两个不同的村，请在名称上加以区分。"
            ),
        )
        .into()),
        None => Ok(()),
    }
}

fn refuse_live_villages(tx: &Transaction, township: &Place) -> Result<()> {
    let live: Vec<String> = tx.list(
        "SELECT name FROM village
         WHERE township_id = ?1 AND retired = 0 AND deleted_hlc IS NULL ORDER BY code",
        [&township.id],
        |r| r.get(0),
    )?;
    if live.is_empty() {
        return Ok(());
    }
    let shown: Vec<&str> = live.iter().take(5).map(String::as_str).collect();
    let more = if live.len() > shown.len() { "等" } else { "" };
    Err(Invalid::new(
        Code::PLACE_HAS_VILLAGES,
        "code",
        format!(
            "{}下还有 {} 个在用的村（{}{more}），不能停用。请先把这些村移到别的乡镇（编辑村的所属乡镇），或逐个停用（fieldbook places retire --code 村代码），再停用该乡镇。",
            township.name,
            live.len(),
            shown.join("、")
        ),
    )
    .into())
}
