//! A programme as the JSON a clerk edits (`fieldbook programmes show ID --json`, the app's
//! "高级（JSON）" tab): a malformed document is refused with the JSON path of the value at
//! fault (`targets[0].key`), like the checks of `validate.rs` name theirs.

use super::Preset;
use crate::domain::json_path::path;
use crate::domain::Invalid;
use crate::Code;

/// The programme in `json`, or `PROGRAMME_JSON` naming where the document is wrong. It is not
/// validated here: `Preset::validate` (and the store, for the kind) answer every problem of a
/// well-formed programme at once.
pub fn parse_programme(json: &str) -> Result<Preset, Invalid> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let preset: Preset = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|e| refusal(e.path().to_string(), e.inner()))?;
    deserializer
        .end()
        .map_err(|e| refusal(".".to_string(), &e))?;
    Ok(preset)
}

/// The refusal of a document serde stopped at: `at` is the path of the value it was reading.
fn refusal(mut at: String, inner: &serde_json::Error) -> Invalid {
    let text = inner.to_string();
    let named = backticked(&text);
    let (what, field_named) = if text.starts_with("missing field") {
        (format!("缺少“{}”，请补上", named.unwrap_or_default()), true)
    } else if text.starts_with("unknown field") {
        // The path already ends with the unknown field.
        let field = named.unwrap_or_default();
        (format!("没有“{field}”这一项，请检查拼写或删去"), false)
    } else if text.starts_with("unknown variant") {
        let value = named.unwrap_or_default();
        (format!("“{value}”不是可用的取值"), false)
    } else if text.starts_with("invalid type") {
        (
            "值的类型不对（金额和比例请写成带引号的文字，如 \"80\"）".to_string(),
            false,
        )
    } else if inner.is_syntax() || inner.is_eof() {
        ("不是有效的 JSON".to_string(), false)
    } else {
        // Our own messages (decimals) are Chinese already.
        (strip_position(&text), false)
    };
    if let (true, Some(field)) = (field_named, named) {
        at = if at == "." {
            field.to_string()
        } else {
            format!("{at}.{field}")
        };
    }
    let field = if at == "." {
        "programme"
    } else {
        path(at.clone())
    };
    Invalid::new(
        Code::PROGRAMME_JSON,
        field,
        format!(
            "项目设置 JSON 第 {} 行第 {} 列（{at}）：{what}。",
            inner.line(),
            inner.column()
        ),
    )
}

/// The first `name` in backticks of serde's message ("missing field `key`").
fn backticked(text: &str) -> Option<&str> {
    let start = text.find('`')? + 1;
    let end = start + text[start..].find('`')?;
    Some(&text[start..end])
}

/// serde_json appends " at line L column C"; the message says it in Chinese already.
fn strip_position(text: &str) -> String {
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo_shop_json() -> serde_json::Value {
        let preset = super::super::tests::preset("chengxian-2019-demo-shop");
        serde_json::to_value(&preset).unwrap()
    }

    fn refusal(value: serde_json::Value) -> Invalid {
        parse_programme(&value.to_string()).unwrap_err()
    }

    #[test]
    fn a_programme_round_trips_through_its_json() {
        let preset = super::super::tests::preset("chengxian-2019-demo-shop");
        let json = serde_json::to_string_pretty(&preset).unwrap();
        assert_eq!(parse_programme(&json).unwrap(), preset);
    }

    #[test]
    fn a_missing_or_unknown_field_is_named_by_its_json_path() {
        let mut value = demo_shop_json();
        value["targets"][0].as_object_mut().unwrap().remove("key");
        let e = refusal(value);
        assert_eq!((e.code, e.field), (Code::PROGRAMME_JSON, "targets[0].key"));
        assert!(e.message.contains("缺少“key”"), "{}", e.message);

        let mut value = demo_shop_json();
        value["criteria"]["scoredMinimum"] = 3.into();
        let e = refusal(value);
        assert_eq!(e.field, "criteria.scoredMinimum");

        let mut value = demo_shop_json();
        value["tranches"][1]["percent"] = "二十".into();
        let e = refusal(value);
        assert_eq!(e.field, "tranches[1].percent");
        assert!(e.message.contains("不是有效的数字"), "{}", e.message);
    }

    #[test]
    fn text_that_is_not_json_is_refused_with_its_position() {
        let e = parse_programme("{\"code\": ").unwrap_err();
        assert_eq!(e.code, Code::PROGRAMME_JSON);
        assert!(e.message.contains("第 1 行"), "{}", e.message);
        let e = parse_programme("{} trailing").unwrap_err();
        assert_eq!(e.code, Code::PROGRAMME_JSON);
    }

    #[test]
    fn a_path_is_kept_once() {
        let a = path("targets[7].quantity".to_string());
        let b = path("targets[7].quantity".to_string());
        assert!(std::ptr::eq(a, b));
    }
}
