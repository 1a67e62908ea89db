//! Imports of the statistical code list (townships and villages) and of operators.

use rusqlite::Transaction;

use super::columns::{optional, required, ColumnSpec};
use super::driver::{Applied, Importer, Prepared, SheetRow};
use super::lookup::Villages;
use crate::domain::kinds::{KindList, KindOption};
use crate::domain::operators::{OperatorInput, OperatorKind};
use crate::error::Result;
use crate::sheets::sql::records::{import_operator, import_place, OperatorImport, PlaceImport};
use crate::store::write::Writer;
use crate::Code;
use crate::Store;

pub const PLACE_COLUMNS: &[ColumnSpec] = &[
    required(
        "code",
        "村代码",
        &[
            "统计用区划代码",
            "区划代码",
            "代码",
            "统计代码",
            "行政区划代码",
        ],
    ),
    required("name", "村名", &["名称", "村", "村名称", "单位名称"]),
    optional("townshipName", "乡镇", &["乡镇名称", "所属乡镇", "乡(镇)"]),
    optional(
        "poor",
        "贫困村",
        &["是否贫困村", "村类别", "贫困村标识", "类别"],
    ),
    optional("countyName", "县", &["县名", "县(区)", "所属县"]),
];

/// 是/否, 贫困村/非贫困村, 1/0, √.
fn poor_flag(text: &str) -> Option<bool> {
    match text.trim() {
        "是" | "贫困村" | "1" | "√" | "Y" | "y" | "贫困" => Some(true),
        "否" | "非贫困村" | "0" | "" | "N" | "n" | "非贫困" => Some(false),
        _ => None,
    }
}

/// Remembers the county's name the file gives (a 县 column, or a county line whose code ends
/// in 000000) wherever it stands in the file, so the county is created with its real name even
/// when its line comes after the townships'.
pub(crate) struct PlaceImporter {
    county_names: std::collections::BTreeMap<String, String>,
}

impl PlaceImporter {
    pub(crate) fn new(_store: &Store) -> Result<PlaceImporter> {
        Ok(PlaceImporter {
            county_names: Default::default(),
        })
    }
}

impl Importer for PlaceImporter {
    type Item = PlaceImport;
    const COLUMNS: &'static [ColumnSpec] = PLACE_COLUMNS;
    const KEY_COLUMN: &'static str = "code";
    const SAME_NAMED: &'static [&'static str] = &["code", "name"];
    const FIELD_COLUMNS: &'static [(&'static str, &'static [&'static str])] = &[
        ("townshipCode", &["code"]),
        ("townshipName", &["townshipName", "name"]),
    ];

    fn prepare(&mut self, row: &SheetRow) -> Prepared<PlaceImport> {
        let code = crate::domain::places::normalise_code(&row.text("code"));
        if code.len() == 12 && code.is_char_boundary(6) {
            let county_name = match row.text("countyName").trim() {
                "" if code.ends_with("000000") => row.text("name").trim().to_string(),
                name => name.to_string(),
            };
            if !county_name.is_empty() {
                self.county_names
                    .entry(code[..6].to_string())
                    .or_insert(county_name);
            }
        }
        let poor_text = row.text("poor");
        let item = match poor_flag(&poor_text) {
            None if row.has("poor") => Err(row.problem(
                "poor",
                Code::PLACE_POOR_FLAG,
                format!(
                    "“{poor_text}”看不出是不是贫困村：请填“是”或“否”（或“贫困村”/“非贫困村”）。"
                ),
            )),
            poor => Ok(PlaceImport {
                code: code.clone(),
                name: row.text("name"),
                poor: if row.has("poor") { poor } else { None },
                township_name: row.text("townshipName"),
                county_name: row.text("countyName"),
            }),
        };
        let key = (!code.is_empty()).then_some(code);
        row.prepared(row.text("name"), key, item)
    }

    fn apply(&mut self, tx: &Transaction, writer: &Writer, item: &PlaceImport) -> Applied {
        let county_name = item
            .code
            .get(..6)
            .and_then(|county| self.county_names.get(county));
        match county_name {
            Some(name) if item.county_name.trim().is_empty() => {
                let item = PlaceImport {
                    county_name: name.clone(),
                    ..item.clone()
                };
                import_place(tx, writer, &item)
            }
            _ => import_place(tx, writer, item),
        }
    }
}

pub const OPERATOR_COLUMNS: &[ColumnSpec] = &[
    required(
        "name",
        "名称",
        &["主体名称", "企业名称", "店名", "示范店名称", "实施主体"],
    ),
    optional("kind", "类型", &["主体类型", "类别"]),
    optional(
        "creditCode",
        "统一社会信用代码",
        &["信用代码", "社会信用代码", "统一代码"],
    ),
    optional(
        "personInCharge",
        "负责人",
        &["法定代表人", "法人", "经营者", "联系人"],
    ),
    optional(
        "phone",
        "联系电话",
        &["手机号", "电话", "手机号码", "联系方式"],
    ),
    optional("township", "乡镇", &["乡镇名称", "所在乡镇"]),
    optional("village", "村", &["村名", "所在村", "行政村"]),
    optional("villageCode", "村代码", &["村级代码", "区划代码"]),
    optional("platform", "网店平台", &["平台", "电商平台"]),
    optional(
        "shopUrl",
        "网店地址",
        &["网址", "网店链接", "店铺地址", "网店名称"],
    ),
];

pub(crate) struct OperatorImporter {
    villages: Villages,
    /// The county's live operator kinds, matched by label (or code).
    kinds: Vec<KindOption>,
}

impl OperatorImporter {
    pub(crate) fn new(store: &Store) -> Result<OperatorImporter> {
        let kinds = store
            .kind_options(Some(KindList::Operator))?
            .into_iter()
            .filter(|k| !k.retired)
            .collect();
        Ok(OperatorImporter {
            villages: Villages::load(store)?,
            kinds,
        })
    }

    /// The county's kind a cell names: its label or code, or a short name sheets use for the
    /// default kinds (示范店, 企业, 服务站) while the county keeps that kind.
    fn kind_of(&self, text: &str) -> Option<OperatorKind> {
        let alias = match text {
            "示范店" | "电商示范店" => "demo_shop",
            "企业" | "扶贫车间" => "enterprise",
            "服务站" | "服务站点" | "村级服务站" => "service_station",
            "网商" | "个体网店" => "online_shop",
            _ => "",
        };
        self.kinds
            .iter()
            .find(|k| k.label == text || k.code == text)
            .or_else(|| self.kinds.iter().find(|k| k.code == alias))
            .map(|k| OperatorKind::new(k.code.clone()))
    }
}

impl Importer for OperatorImporter {
    type Item = OperatorImport;
    const COLUMNS: &'static [ColumnSpec] = OPERATOR_COLUMNS;
    const KEY_COLUMN: &'static str = "creditCode";
    const SAME_NAMED: &'static [&'static str] = &["name", "personInCharge", "phone", "shopUrl"];
    const FIELD_COLUMNS: &'static [(&'static str, &'static [&'static str])] = &[
        ("villageId", &["villageCode", "village"]),
        ("creditCode", &["creditCode", "name"]),
        ("platform", &["platform", "shopUrl"]),
    ];

    fn prepare(&mut self, row: &SheetRow) -> Prepared<OperatorImport> {
        let name = row.text("name");
        let credit = row.text("creditCode").to_uppercase();
        let kind_text = row.text("kind");
        let item = (|| {
            let village_id = self.villages.resolve(row)?;
            let kind = match kind_text.as_str() {
                "" => OperatorKind::DemoShop,
                t => self.kind_of(t).ok_or_else(|| {
                    let labels: Vec<&str> = self.kinds.iter().map(|k| k.label.as_str()).collect();
                    row.problem(
                        "kind",
                        Code::OPERATOR_KIND,
                        format!(
                            "类型“{t}”不在本县的实施主体类型表中，应是以下之一：{}。需要新的类型请由县里在“设置 · 类型”中添加。",
                            labels.join("、")
                        ),
                    )
                })?,
            };
            let absent = row.absent(&[
                "kind",
                "creditCode",
                "personInCharge",
                "phone",
                "platform",
                "shopUrl",
            ]);
            Ok(OperatorImport {
                input: OperatorInput {
                    kind,
                    name: name.clone(),
                    credit_code: credit.clone(),
                    person_in_charge: row.text("personInCharge"),
                    phone: row.text("phone"),
                    village_id,
                    platform: row.text("platform"),
                    shop_url: row.text("shopUrl"),
                },
                absent,
            })
        })();
        // The natural key: the credit code, else the name and village as written.
        let key = if credit.is_empty() {
            format!(
                "{}|{}{}{}",
                name,
                row.text("township"),
                row.text("village"),
                row.text("villageCode")
            )
        } else {
            credit
        };
        row.prepared(name, Some(key), item)
    }

    fn apply(&mut self, tx: &Transaction, writer: &Writer, item: &OperatorImport) -> Applied {
        import_operator(tx, writer, item)
    }
}
