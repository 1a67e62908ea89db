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

/// An inspection's checklist reads as its programme's item labels and plain values, not the
/// stored keys and value kinds (`office bool true`).
#[test]
fn an_inspections_checklist_reads_as_labelled_lines_in_its_history() {
    let (_dir, store) = crate::print::demo_store();
    // A passed one (the demo also holds a failed acceptance, its plaque missing).
    let inspection = store
        .list_inspections(None)
        .unwrap()
        .into_iter()
        .find(|i| i.conclusion == Some(fieldbook::domain::programmes::Conclusion::Pass))
        .unwrap();
    let history = store
        .readable_history("inspection", &inspection.id)
        .unwrap();
    let (_, items) = &history[0].fields["observations"];
    let lines: Vec<&str> = items
        .as_array()
        .expect("a list of lines")
        .iter()
        .map(|line| line.as_str().expect("each line is text"))
        .collect();
    assert!(lines.contains(&"统一门牌：是"), "{lines:?}");
    assert!(
        lines.iter().any(|l| l.starts_with("年销售额：")),
        "{lines:?}"
    );
    for line in &lines {
        assert!(!line.contains("bool") && !line.contains("number"), "{line}");
    }
    let (_, programme) = &history[0].fields["programme_id"];
    assert!(programme.as_str().unwrap().contains("电商扶贫示范店"));
}
