//! The field-class table (`assets/sync/field_classes.json`): how the county merges each field of
//! each record kind. Data, not code; validated against the write path's entities when loaded.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::store::entities::ENTITIES;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum FieldClass {
    /// The later edit wins (by HLC, then device id).
    Lww,
    /// A differing county value is kept and a conflict opened for review.
    Review,
    /// Never taken from a device.
    CountyOnly,
}

#[derive(Debug, Deserialize)]
struct File {
    version: u32,
    default: FieldClass,
    entities: BTreeMap<String, EntityClasses>,
}

#[derive(Debug, Deserialize)]
struct EntityClasses {
    default: FieldClass,
    #[serde(default)]
    fields: BTreeMap<String, FieldClass>,
    /// Why each choice was made: a field's name, or `*` for the kind's default.
    #[serde(default)]
    why: BTreeMap<String, String>,
}

#[derive(Debug)]
pub struct FieldClasses {
    default: FieldClass,
    entities: BTreeMap<String, EntityClasses>,
}

const BUILT_IN: &str = include_str!("../../assets/sync/field_classes.json");

impl FieldClasses {
    /// Parses and validates a table: every entity and field it names must exist.
    pub fn parse(json: &str) -> Result<FieldClasses, String> {
        let file: File = serde_json::from_str(json).map_err(|e| format!("格式错误：{e}"))?;
        if file.version != 1 {
            return Err(format!("不支持的版本 {}", file.version));
        }
        for (name, classes) in &file.entities {
            let entity = ENTITIES
                .iter()
                .find(|e| e.name == name)
                .ok_or_else(|| format!("没有这种记录：{name}"))?;
            for field in classes.fields.keys() {
                if !entity.columns.contains(&field.as_str()) {
                    return Err(format!("{name} 没有字段 {field}"));
                }
            }
            if classes.default != FieldClass::Lww && !classes.why.contains_key("*") {
                return Err(format!("{name} 的默认类别缺少理由（why.*）"));
            }
            for (field, class) in &classes.fields {
                if *class != FieldClass::Lww && !classes.why.contains_key(field) {
                    return Err(format!("{name}.{field} 的类别缺少理由（why）"));
                }
            }
        }
        Ok(FieldClasses {
            default: file.default,
            entities: file.entities,
        })
    }

    /// The table shipped with the app (validated once; a broken table is a build defect that
    /// the test suite catches).
    pub fn built_in() -> &'static FieldClasses {
        static TABLE: OnceLock<FieldClasses> = OnceLock::new();
        TABLE.get_or_init(|| {
            FieldClasses::parse(BUILT_IN).expect("assets/sync/field_classes.json is valid")
        })
    }

    pub fn class(&self, entity: &str, field: &str) -> FieldClass {
        match self.entities.get(entity) {
            Some(classes) => classes
                .fields
                .get(field)
                .copied()
                .unwrap_or(classes.default),
            None => self.default,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_table_is_valid_and_says_what_the_design_says() {
        let t = FieldClasses::built_in();
        assert_eq!(t.class("household", "phone"), FieldClass::Lww);
        assert_eq!(t.class("household", "head_name"), FieldClass::Review);
        assert_eq!(t.class("household", "category"), FieldClass::CountyOnly);
        assert_eq!(t.class("agreement", "price_value"), FieldClass::Review);
        assert_eq!(t.class("programme", "settings"), FieldClass::CountyOnly);
    }

    #[test]
    fn every_record_kind_has_an_explicit_reviewed_entry() {
        let t = FieldClasses::built_in();
        for entity in ENTITIES {
            let classes = t
                .entities
                .get(entity.name)
                .unwrap_or_else(|| panic!("{} has no entry in field_classes.json", entity.name));
            assert!(
                classes.why.contains_key("*") || !classes.fields.is_empty(),
                "{}",
                entity.name
            );
        }
        assert_eq!(t.class("notice", "status"), FieldClass::Lww);
    }

    /// No synced field lacks a reviewed class: every column of every record kind of
    /// `entities.rs` is either named in its kind's `fields` or covered by a default whose
    /// reason (`why.*`) says why the rest of the kind's fields merge that way.
    #[test]
    fn every_column_of_every_record_kind_has_a_reasoned_class() {
        let t = FieldClasses::built_in();
        let mut unreviewed = Vec::new();
        for entity in ENTITIES {
            let classes = &t.entities[entity.name];
            for column in entity.columns {
                let named = classes.fields.contains_key(*column);
                if !named && !classes.why.contains_key("*") {
                    unreviewed.push(format!("{}.{column}", entity.name));
                }
                if named && classes.fields[*column] != FieldClass::Lww {
                    assert!(
                        classes.why.contains_key(*column),
                        "{}.{column}",
                        entity.name
                    );
                }
            }
        }
        assert_eq!(unreviewed, Vec::<String>::new());
        for (entity, field, class) in [
            ("notice", "entries", FieldClass::Review),
            ("notice", "end_date", FieldClass::Review),
            ("notice", "privacy", FieldClass::CountyOnly),
            ("notice", "photo_sha256", FieldClass::Lww),
            ("notice_objection", "handling", FieldClass::Review),
            ("notice_objection", "objector", FieldClass::Lww),
            ("attendance", "id_number", FieldClass::Review),
            ("attendance", "poor", FieldClass::CountyOnly),
            ("attendance", "phone", FieldClass::Lww),
            ("station_month", "month", FieldClass::Review),
            ("training_session", "slots", FieldClass::Review),
        ] {
            assert_eq!(t.class(entity, field), class, "{entity}.{field}");
        }
    }

    #[test]
    fn a_review_or_county_only_choice_without_a_reason_is_refused() {
        let bad = r#"{"version":1,"default":"LWW","entities":{"household":{"default":"LWW","fields":{"phone":"REVIEW"}}}}"#;
        assert!(FieldClasses::parse(bad).unwrap_err().contains("phone"));
        let bad =
            r#"{"version":1,"default":"LWW","entities":{"township":{"default":"COUNTY_ONLY"}}}"#;
        assert!(FieldClasses::parse(bad).unwrap_err().contains("township"));
    }

    #[test]
    fn unknown_entities_and_fields_are_refused() {
        let bad = r#"{"version":1,"default":"LWW","entities":{"household":{"default":"LWW","fields":{"nickname":"REVIEW"}}}}"#;
        assert!(FieldClasses::parse(bad).unwrap_err().contains("nickname"));
        let bad = r#"{"version":1,"default":"LWW","entities":{"spaceship":{"default":"LWW"}}}"#;
        assert!(FieldClasses::parse(bad).is_err());
        let bad = r#"{"version":1,"default":"MAYBE","entities":{}}"#;
        assert!(FieldClasses::parse(bad).is_err());
    }
}
