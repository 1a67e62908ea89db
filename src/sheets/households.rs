//! The household register import: columns, and a row made into a `HouseholdInput` (village by
//! code or by township + name, category by label).

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Transaction;

use super::columns::{optional, required, ColumnSpec, Mapping};
use super::driver::{Applied, Importer, Prepared, SheetRow};
use super::lookup::{id_cell, valid_id_key, village_columns_present, Villages};
use super::Problem;
use crate::domain::households::HouseholdInput;
use crate::error::Result;
use crate::sheets::sql::households::{import_household_with, HouseholdImport, RegisterCache};
use crate::store::write::Writer;
use crate::Code;
use crate::Store;

pub const HOUSEHOLD_COLUMNS: &[ColumnSpec] = &[
    required("headName", "户主姓名", &["姓名", "户主", "户主名"]),
    required(
        "idNumber",
        "身份证号",
        &[
            "身份证号码",
            "公民身份号码",
            "户主身份证号",
            "身份证",
            "证件号码",
        ],
    ),
    required(
        "size",
        "家庭人口",
        &["人口", "家庭人口数", "人口数", "户人口数", "家庭人数"],
    ),
    optional("township", "乡镇", &["乡(镇)", "乡镇名称", "镇", "乡"]),
    optional("village", "村", &["村名", "行政村", "所在村", "村委会"]),
    optional(
        "villageCode",
        "村代码",
        &["村级代码", "统计用区划代码", "区划代码", "村统计代码"],
    ),
    optional("villageGroup", "村民小组", &["组", "小组", "社", "组别"]),
    optional(
        "category",
        "类别",
        &["农户类别", "户类别", "贫困户属性", "户属性", "帮扶类别"],
    ),
    optional("yearLifted", "脱贫年度", &["脱贫年份", "脱贫时间"]),
    optional(
        "phone",
        "联系电话",
        &["手机号", "电话", "手机号码", "联系方式", "电话号码"],
    ),
    optional("notes", "备注", &[]),
];

pub(crate) struct HouseholdImporter {
    today: NaiveDate,
    villages: Villages,
    categories: HashMap<String, String>,
    labels: Vec<String>,
    /// What the batch of rows being applied needs from the register.
    register: RegisterCache,
}

impl HouseholdImporter {
    pub(crate) fn new(store: &Store) -> Result<HouseholdImporter> {
        let mut categories = HashMap::new();
        let mut labels = Vec::new();
        for c in store.household_categories()? {
            categories.insert(c.code.clone(), c.code.clone());
            categories.insert(c.label.clone(), c.code.clone());
            labels.push(c.label);
        }
        Ok(HouseholdImporter {
            today: store.today(),
            villages: Villages::load(store)?,
            categories,
            labels,
            register: RegisterCache::default(),
        })
    }

    fn row_input(&self, row: &SheetRow) -> std::result::Result<HouseholdImport, Problem> {
        let id_number = id_cell(row)?;
        let village_id = self.villages.resolve(row)?;
        let size_text = row.text("size");
        let size = size_text
            .trim_end_matches('人')
            .parse::<u32>()
            .map_err(|_| {
                row.problem(
                    "size",
                    Code::HOUSEHOLD_SIZE,
                    format!("家庭人口应是 1 到 30 之间的整数，现在是“{size_text}”。"),
                )
            })?;
        let category_text = row.text("category");
        let category = if category_text.is_empty() {
            "general".to_string()
        } else {
            self.categories
                .get(&category_text)
                .cloned()
                .ok_or_else(|| {
                    row.problem(
                        "category",
                        Code::HOUSEHOLD_CATEGORY,
                        format!(
                            "类别“{category_text}”不在本县的类别表中，应是以下之一：{}。",
                            self.labels.join("、")
                        ),
                    )
                })?
        };
        let year_text = row.text("yearLifted");
        let year_lifted = match year_text.trim_end_matches('年') {
            "" => None,
            y => Some(y.parse::<i32>().map_err(|_| {
                row.problem(
                    "yearLifted",
                    Code::HOUSEHOLD_YEAR_LIFTED,
                    format!("脱贫年度应是年份（如 2019），现在是“{year_text}”。未脱贫请留空。"),
                )
            })?),
        };
        let mut absent = row.absent(&["villageGroup", "category", "yearLifted", "phone", "notes"]);
        if village_id.is_none() {
            absent.push("villageId");
        }
        Ok(HouseholdImport {
            input: HouseholdInput {
                head_name: row.text("headName"),
                id_number,
                size,
                village_id: village_id.unwrap_or_default(),
                village_group: row.text("villageGroup"),
                category,
                year_lifted,
                phone: row.text("phone"),
                notes: row.text("notes"),
            },
            absent,
        })
    }
}

impl Importer for HouseholdImporter {
    type Item = HouseholdImport;
    const COLUMNS: &'static [ColumnSpec] = HOUSEHOLD_COLUMNS;
    const KEY_COLUMN: &'static str = "idNumber";
    // `import_household_with` makes every check before `write::record`, which refuses before
    // it writes too; only a hook of a layer above (an enrolled laptop's township) refuses later.
    const REFUSES_BEFORE_WRITING: bool = true;
    const SAME_NAMED: &'static [&'static str] = &[
        "headName",
        "idNumber",
        "size",
        "villageGroup",
        "category",
        "yearLifted",
        "phone",
        "notes",
    ];
    const FIELD_COLUMNS: &'static [(&'static str, &'static [&'static str])] =
        &[("villageId", &["villageCode", "village"])];

    fn check_mapping(&self, mapping: &Mapping) -> Vec<Problem> {
        village_columns_present(mapping)
    }

    fn prepare(&mut self, row: &SheetRow) -> Prepared<HouseholdImport> {
        // Only IDs that pass the rule are keys: two cells Excel turned into the same
        // 6.21221E+17 are two refused IDs, not one household twice.
        let key = valid_id_key(&row.text("idNumber"), self.today);
        row.prepared(row.text("headName"), key, self.row_input(row))
    }

    fn prepare_batch(&mut self, tx: &Transaction, items: &[&HouseholdImport]) -> Result<()> {
        self.register.load(tx, self.today, items)
    }

    fn apply(&mut self, tx: &Transaction, writer: &Writer, item: &HouseholdImport) -> Applied {
        import_household_with(tx, writer, self.today, item, &mut self.register)
    }
}
