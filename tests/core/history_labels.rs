//! The history drawer shows a label for every column a change may set: a column the core adds
//! without a label in `ui/src/i18n/zh-CN.ts` (`history.fields`) would show as a raw name
//! (`investment`). An empty label there is a deliberate "never shown".

use fieldbook::store::entities::ENTITIES;

#[test]
fn every_column_of_every_record_has_a_history_label() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/ui/src/i18n/zh-CN.ts");
    let text = std::fs::read_to_string(path).unwrap();
    let history = &text[text.find("\n  history: {").expect("history section")..];
    let fields = &history[history.find("    fields: {").expect("history.fields")..];
    let fields = &fields[..fields.find("\n    },").expect("end of history.fields")];
    let missing: Vec<String> = ENTITIES
        .iter()
        .flat_map(|e| e.columns.iter().map(move |c| (e.name, *c)))
        .filter(|(_, column)| !fields.contains(&format!("\n      {column}: ")))
        .map(|(entity, column)| format!("{entity}.{column}"))
        .collect();
    assert!(missing.is_empty(), "no history label for {missing:?}");
}
