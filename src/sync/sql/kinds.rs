//! The county's lists of programme and operator kinds (`kind_option`, schema 0018), changed
//! through the one write path and only where the county decides: never on an enrolled township
//! laptop, which gets the lists in the reference package (COUNTY_ONLY, county-level records).

use rusqlite::types::Value as SqlValue;

use crate::domain::kinds::{check_label, KindInput, KindList, KindOption};
use crate::domain::Invalid;
use crate::error::{Error, Result};
use crate::store::entities::KIND_OPTION;
use crate::store::records::kinds::{kind_option_id, option};
use crate::store::write::{self, Op};
use crate::store::Query;
use crate::store::Store;
use crate::Code;

impl Store {
    /// Whether this database may change the county's lists: the hub, or a database not enrolled
    /// as a township laptop.
    pub fn kinds_can_change(&self) -> Result<bool> {
        self.county_reference_can_change()
    }

    /// Adds a kind to one of the county's lists.
    pub fn add_kind(&mut self, input: &KindInput) -> Result<KindOption> {
        self.refuse_kind_change_on_device()?;
        let input = input.validated()?;
        if let Some(found) = option(&self.conn, input.list, &input.code)? {
            let hint = if found.retired {
                "它已停用，需要时请恢复（kinds retire --restore）"
            } else {
                "请换一个代码"
            };
            return Err(Invalid::new(
                Code::KIND_DUPLICATE,
                "code",
                format!(
                    "{}表中已有代码“{}”（{}）：{hint}。",
                    input.list.label(),
                    input.code,
                    found.label
                ),
            )
            .into());
        }
        self.refuse_label_taken(input.list, &input.code, &input.label)?;
        let id = kind_option_id(input.list, &input.code);
        self.write(|tx, writer| {
            let sort: i64 = tx.query_row(
                "SELECT coalesce(max(sort), 0) + 1 FROM kind_option WHERE list = ?1",
                [input.list.code()],
                |r| r.get(0),
            )?;
            let values = [
                ("list", SqlValue::Text(input.list.code().into())),
                ("code", SqlValue::Text(input.code.clone())),
                ("label", SqlValue::Text(input.label.clone())),
                ("sort", SqlValue::Integer(sort)),
                (
                    "subject",
                    input
                        .subject
                        .map_or(SqlValue::Null, |s| SqlValue::Text(s.code().into())),
                ),
                (
                    "requires_online_shop",
                    SqlValue::Integer(input.requires_online_shop.into()),
                ),
            ];
            write::record(tx, writer, &KIND_OPTION, &id, Op::Create, &values)
        })?;
        self.kind_option(input.list, &input.code)
    }

    /// Gives a kind a new label; records keep its code, and show the new label from now on.
    pub fn rename_kind(&mut self, list: KindList, code: &str, label: &str) -> Result<KindOption> {
        self.refuse_kind_change_on_device()?;
        let found = self.kind_option(list, code)?;
        let label = check_label(label)?;
        self.refuse_label_taken(list, code, &label)?;
        self.write(|tx, writer| {
            let values = [("label", SqlValue::Text(label.clone()))];
            write::record(tx, writer, &KIND_OPTION, &found.id, Op::Update, &values)
        })?;
        self.kind_option(list, code)
    }

    /// Retires a kind (`retired`: no longer offered for new records; the records that name it
    /// keep it and print its label) or puts it back in use.
    pub fn retire_kind(&mut self, list: KindList, code: &str, retired: bool) -> Result<KindOption> {
        self.refuse_kind_change_on_device()?;
        let found = self.kind_option(list, code)?;
        self.write(|tx, writer| {
            let values = [("retired", SqlValue::Integer(retired.into()))];
            write::record(tx, writer, &KIND_OPTION, &found.id, Op::Update, &values)
        })?;
        self.kind_option(list, code)
    }

    /// One option of a list, live or retired.
    pub fn kind_option(&self, list: KindList, code: &str) -> Result<KindOption> {
        option(&self.conn, list, code)?
            .ok_or_else(|| Error::not_found("类型", format!("{}/{code}", list.code())))
    }

    fn refuse_kind_change_on_device(&self) -> Result<()> {
        if self.kinds_can_change()? {
            return Ok(());
        }
        Err(Invalid::new(
            Code::KIND_DEVICE,
            "list",
            "项目类型和实施主体类型由县里统一设置，乡镇电脑不能修改。请联系县电商中心，\
             设置会随参考数据包发到本机。",
        )
        .into())
    }

    /// Two live kinds of a list with one label could not be told apart on a form.
    fn refuse_label_taken(&self, list: KindList, code: &str, label: &str) -> Result<()> {
        let other: Option<String> = self.conn.value(
            "SELECT code FROM kind_option WHERE list = ?1 AND label = ?2 AND code <> ?3
             AND retired = 0 AND deleted_hlc IS NULL",
            [list.code(), label, code],
        )?;
        match other {
            Some(other) => Err(Invalid::new(
                Code::KIND_DUPLICATE,
                "label",
                format!(
                    "{}“{label}”已经有了（代码 {other}），请换一个名称。",
                    list.label()
                ),
            )
            .into()),
            None => Ok(()),
        }
    }
}
