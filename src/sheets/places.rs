//! Imports of the statistical code list (townships and villages) and of operators.

use rusqlite::Transaction;

use super::columns::{col, ColumnSpec, Mapping};
use super::driver::{Importer, Prepared};
use super::lookup::Villages;
use super::read::Cell;
use super::Problem;
use crate::domain::operators::{OperatorInput, OperatorKind};
use crate::domain::Warning;
use crate::error::Result;
use crate::sheets::sql::records::{import_operator, import_place, OperatorImport, PlaceImport};
use crate::sheets::sql::RowOutcome;
use crate::store::write::Writer;
use crate::Code;
use crate::Store;

pub const PLACE_COLUMNS: &[ColumnSpec] = &[
    col(
        "code",
        "村代码",
        &[
            "统计用区划代码",
            "区划代码",
            "代码",
            "统计代码",
            "行政区划代码",
        ],
        true,
    ),
    col("name", "村名", &["名称", "村", "村名称", "单位名称"], true),
    col(
        "townshipName",
        "乡镇",
        &["乡镇名称", "所属乡镇", "乡(镇)"],
        false,
    ),
    col(
        "poor",
        "贫困村",
        &["是否贫困村", "村类别", "贫困村标识", "类别"],
        false,
    ),
    col("countyName", "县", &["县名", "县(区)", "所属县"], false),
];

/// 是/否, 贫困村/非贫困村, 1/0, √.
fn poor_flag(text: &str) -> Option<bool> {
    match text.trim() {
        "是" | "贫困村" | "1" | "√" | "Y" | "y" | "贫困" => Some(true),
        "否" | "非贫困村" | "0" | "" | "N" | "n" | "非贫困" => Some(false),
        _ => None,
    }
}

pub(crate) struct PlaceImporter;

impl PlaceImporter {
    pub(crate) fn new(_store: &Store) -> Result<PlaceImporter> {
        Ok(PlaceImporter)
    }
}

impl Importer for PlaceImporter {
    type Item = PlaceImport;

    fn specs(&self) -> &'static [ColumnSpec] {
        PLACE_COLUMNS
    }

    fn key_column(&self) -> &'static str {
        "code"
    }

    fn prepare(
        &mut self,
        mapping: &Mapping,
        row: &[Cell],
        sheet_row: u32,
    ) -> Prepared<PlaceImport> {
        let code = crate::domain::places::normalise_code(&mapping.text(row, "code"));
        let poor_text = mapping.text(row, "poor");
        let item = match poor_flag(&poor_text) {
            None if mapping.has("poor") => Err(Problem::error(
                Some(sheet_row),
                mapping.letter("poor"),
                Some("贫困村".into()),
                Code::PLACE_POOR_FLAG,
                format!(
                    "“{poor_text}”看不出是不是贫困村：请填“是”或“否”（或“贫困村”/“非贫困村”）。"
                ),
            )),
            poor => Ok(PlaceImport {
                code: code.clone(),
                name: mapping.text(row, "name"),
                poor: if mapping.has("poor") { poor } else { None },
                township_name: mapping.text(row, "townshipName"),
                county_name: mapping.text(row, "countyName"),
            }),
        };
        Prepared {
            row: sheet_row,
            label: mapping.text(row, "name"),
            key: (!code.is_empty()).then_some(code),
            item,
        }
    }

    fn apply(
        &self,
        tx: &Transaction,
        writer: &Writer,
        item: &PlaceImport,
    ) -> Result<(RowOutcome, Vec<Warning>)> {
        import_place(tx, writer, item)
    }

    fn columns_of(&self, field: &str) -> Vec<&'static str> {
        match field {
            "code" | "townshipCode" => vec!["code"],
            "name" => vec!["name"],
            "townshipName" => vec!["townshipName", "name"],
            _ => vec![],
        }
    }
}

pub const OPERATOR_COLUMNS: &[ColumnSpec] = &[
    col(
        "name",
        "名称",
        &["主体名称", "企业名称", "店名", "示范店名称", "实施主体"],
        true,
    ),
    col("kind", "类型", &["主体类型", "类别"], false),
    col(
        "creditCode",
        "统一社会信用代码",
        &["信用代码", "社会信用代码", "统一代码"],
        false,
    ),
    col(
        "personInCharge",
        "负责人",
        &["法定代表人", "法人", "经营者", "联系人"],
        false,
    ),
    col(
        "phone",
        "联系电话",
        &["手机号", "电话", "手机号码", "联系方式"],
        false,
    ),
    col("township", "乡镇", &["乡镇名称", "所在乡镇"], false),
    col("village", "村", &["村名", "所在村", "行政村"], false),
    col("villageCode", "村代码", &["村级代码", "区划代码"], false),
    col("platform", "网店平台", &["平台", "电商平台"], false),
    col(
        "shopUrl",
        "网店地址",
        &["网址", "网店链接", "店铺地址", "网店名称"],
        false,
    ),
];

pub(crate) struct OperatorImporter {
    villages: Villages,
}

impl OperatorImporter {
    pub(crate) fn new(store: &Store) -> Result<OperatorImporter> {
        Ok(OperatorImporter {
            villages: Villages::load(store)?,
        })
    }
}

fn kind_of(text: &str) -> Option<OperatorKind> {
    OperatorKind::ALL
        .into_iter()
        .find(|k| k.label() == text || k.code() == text)
        .or(match text {
            "示范店" | "电商示范店" => Some(OperatorKind::DemoShop),
            "企业" | "扶贫车间" => Some(OperatorKind::Enterprise),
            "服务站" | "服务站点" | "村级服务站" => Some(OperatorKind::ServiceStation),
            _ => None,
        })
}

impl Importer for OperatorImporter {
    type Item = OperatorImport;

    fn specs(&self) -> &'static [ColumnSpec] {
        OPERATOR_COLUMNS
    }

    fn key_column(&self) -> &'static str {
        "creditCode"
    }

    fn prepare(
        &mut self,
        mapping: &Mapping,
        row: &[Cell],
        sheet_row: u32,
    ) -> Prepared<OperatorImport> {
        let name = mapping.text(row, "name");
        let credit = mapping.text(row, "creditCode").to_uppercase();
        let kind_text = mapping.text(row, "kind");
        let item = (|| {
            let village_id = self.villages.resolve(mapping, row, sheet_row)?;
            let kind = match kind_text.as_str() {
                "" => OperatorKind::DemoShop,
                t => kind_of(t).ok_or_else(|| {
                    let labels: Vec<&str> = OperatorKind::ALL.iter().map(|k| k.label()).collect();
                    Problem::error(
                        Some(sheet_row),
                        mapping.letter("kind"),
                        Some("类型".into()),
                        Code::OPERATOR_KIND,
                        format!("类型“{t}”不认识，应是以下之一：{}。", labels.join("、")),
                    )
                })?,
            };
            let mut absent = Vec::new();
            for key in [
                "kind",
                "creditCode",
                "personInCharge",
                "phone",
                "platform",
                "shopUrl",
            ] {
                if !mapping.has(key) {
                    absent.push(key);
                }
            }
            Ok(OperatorImport {
                input: OperatorInput {
                    kind,
                    name: name.clone(),
                    credit_code: credit.clone(),
                    person_in_charge: mapping.text(row, "personInCharge"),
                    phone: mapping.text(row, "phone"),
                    village_id,
                    platform: mapping.text(row, "platform"),
                    shop_url: mapping.text(row, "shopUrl"),
                },
                absent,
            })
        })();
        // The natural key: the credit code, else the name and village as written.
        let key = if credit.is_empty() {
            format!(
                "{}|{}{}{}",
                name,
                mapping.text(row, "township"),
                mapping.text(row, "village"),
                mapping.text(row, "villageCode")
            )
        } else {
            credit
        };
        Prepared {
            row: sheet_row,
            label: name,
            key: Some(key),
            item,
        }
    }

    fn apply(
        &self,
        tx: &Transaction,
        writer: &Writer,
        item: &OperatorImport,
    ) -> Result<(RowOutcome, Vec<Warning>)> {
        import_operator(tx, writer, item)
    }

    fn columns_of(&self, field: &str) -> Vec<&'static str> {
        match field {
            "villageId" => vec!["villageCode", "village"],
            "name" => vec!["name"],
            "creditCode" => vec!["creditCode", "name"],
            "personInCharge" => vec!["personInCharge"],
            "phone" => vec!["phone"],
            "platform" => vec!["platform", "shopUrl"],
            "shopUrl" => vec!["shopUrl"],
            _ => vec![],
        }
    }
}
