//! Places: county → township (乡镇) → village (村), each identified by its statistical division
//! code (GB/T 2260 county code + 3 township digits + 3 village digits). Names change and villages
//! merge, so the code and the name are kept apart and both can be edited.

use serde::{Deserialize, Serialize};

use super::{Invalid, Invalids, Problems};
use crate::Code;

pub const COUNTY_CODE_LEN: usize = 6;
pub const TOWNSHIP_CODE_LEN: usize = 9;
pub const VILLAGE_CODE_LEN: usize = 12;
/// Long enough for any real village name, short enough to fit a printed table cell.
pub const MAX_NAME_CHARS: usize = 30;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct County {
    pub id: String,
    pub code: String,
    pub name: String,
}

/// A township with the counts a list screen shows beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TownshipSummary {
    pub id: String,
    pub code: String,
    pub name: String,
    pub village_count: u32,
    pub poor_village_count: u32,
    /// Retired: kept for the records that name it, not offered for new ones.
    pub retired: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Village {
    pub id: String,
    pub code: String,
    pub name: String,
    pub township_code: String,
    pub township_name: String,
    /// 贫困村 (true) or 非贫困村 (false).
    pub poor: bool,
    /// Retired: kept for the records that name it, not offered for new ones.
    pub retired: bool,
}

/// Which level of the place tree a place is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum PlaceKind {
    County,
    Township,
    Village,
}

/// A county, township or village as renaming or retiring it answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Place {
    pub kind: PlaceKind,
    pub id: String,
    pub code: String,
    pub name: String,
    pub retired: bool,
}

/// What a user types to add or edit a village.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct VillageInput {
    pub township_code: String,
    pub code: String,
    pub name: String,
    pub poor: bool,
}

impl VillageInput {
    /// Cleans what people actually type (full-width digits from a Chinese IME, stray spaces)
    /// and checks everything that can be checked without the database.
    pub fn validated(&self) -> Result<VillageInput, Invalids> {
        let mut problems = Problems::new();
        let name = normalise_name(&self.name);
        problems.take(check_name(&name, "name", "村名"));
        let township_code = normalise_code(&self.township_code);
        let township_ok = problems
            .take(check_code_shape(
                &township_code,
                TOWNSHIP_CODE_LEN,
                "townshipCode",
                "乡镇代码",
            ))
            .is_some();
        let code = normalise_code(&self.code);
        if problems
            .take(check_code_shape(&code, VILLAGE_CODE_LEN, "code", "村代码"))
            .is_some()
        {
            if township_ok && !code.starts_with(&township_code) {
                problems.push(Invalid::new(
                    Code::PLACE_CODE_TOWNSHIP,
                    "code",
                    format!("村代码的前 9 位应是所属乡镇的代码 {township_code}，现在是 {}。请核对统计用区划代码。", &code[..TOWNSHIP_CODE_LEN]),
                ));
            } else if code.ends_with("000") {
                problems.push(Invalid::new(
                    Code::PLACE_CODE_SHAPE,
                    "code",
                    "村代码的后 3 位不能是 000（000 表示乡镇本身）。请填写该村的 3 位村级代码。",
                ));
            }
        }
        problems.finish()?;
        Ok(VillageInput {
            township_code,
            code,
            name,
            poor: self.poor,
        })
    }
}

/// Full-width digits (０-９) become ASCII; spaces of any width are dropped.
pub fn normalise_code(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Trims, including the ideographic space (U+3000) that Chinese input methods insert.
pub fn normalise_name(raw: &str) -> String {
    raw.trim().to_string()
}

pub fn check_name(name: &str, field: &'static str, label: &str) -> Result<(), Invalid> {
    check_text(name, field, label, MAX_NAME_CHARS)
}

/// A required one-line text: not empty, at most `max` characters, no control characters.
pub fn check_text(name: &str, field: &'static str, label: &str, max: usize) -> Result<(), Invalid> {
    if name.is_empty() {
        return Err(empty(field, label));
    }
    check_optional_text(name, field, label, max)
}

fn empty(field: &'static str, label: &str) -> Invalid {
    Invalid::new(
        Code::NAME_EMPTY,
        field,
        format!("{label}不能为空，请填写。"),
    )
}

/// An optional one-line text: may be empty, otherwise as `check_text`.
pub fn check_optional_text(
    text: &str,
    field: &'static str,
    label: &str,
    max: usize,
) -> Result<(), Invalid> {
    let chars = text.chars().count();
    if chars > max {
        return Err(Invalid::new(
            Code::NAME_TOO_LONG,
            field,
            format!("{label}最多 {max} 个字，现在有 {chars} 个字。"),
        ));
    }
    if text.chars().any(char::is_control) {
        return Err(Invalid::new(
            Code::NAME_CONTROL,
            field,
            format!("{label}含有不可见的控制字符（可能是从别处粘贴带来的），请重新输入。"),
        ));
    }
    Ok(())
}

/// `raw` trimmed, and refused unless it is empty or a one-line text (`check_optional_text`).
pub fn optional_text(
    raw: &str,
    field: &'static str,
    label: &str,
    max: usize,
) -> Result<String, Invalid> {
    let text = raw.trim();
    check_optional_text(text, field, label, max)?;
    Ok(text.to_string())
}

/// `raw` trimmed, and refused unless it is a one-line text (`check_text`).
pub fn required_text(
    raw: &str,
    field: &'static str,
    label: &str,
    max: usize,
) -> Result<String, Invalid> {
    let text = optional_text(raw, field, label, max)?;
    if text.is_empty() {
        return Err(empty(field, label));
    }
    Ok(text)
}

/// `raw` trimmed, and refused unless it is a name (`check_name`).
pub fn required_name(raw: &str, field: &'static str, label: &str) -> Result<String, Invalid> {
    required_text(raw, field, label, MAX_NAME_CHARS)
}

pub fn check_code_shape(
    code: &str,
    len: usize,
    field: &'static str,
    label: &str,
) -> Result<(), Invalid> {
    if code.is_empty() {
        return Err(Invalid::new(
            Code::PLACE_CODE_SHAPE,
            field,
            format!("{label}不能为空，应为 {len} 位数字。"),
        ));
    }
    if !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(Invalid::new(
            Code::PLACE_CODE_SHAPE,
            field,
            format!("{label}只能包含数字，应为 {len} 位数字，“{code}”中有其他字符。"),
        ));
    }
    if code.len() != len {
        return Err(Invalid::new(
            Code::PLACE_CODE_SHAPE,
            field,
            format!("{label}应为 {len} 位数字，现在是 {} 位。", code.len()),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(code: &str, name: &str) -> VillageInput {
        VillageInput {
            township_code: "621221101".into(),
            code: code.into(),
            name: name.into(),
            poor: true,
        }
    }

    fn check(code: &str, name: &str, expect: Result<(&str, &str), (Code, &str)>) {
        match (input(code, name).validated(), expect) {
            (Ok(v), Ok((c, n))) => assert_eq!((v.code.as_str(), v.name.as_str()), (c, n)),
            (Err(e), Err((err_code, field))) => {
                let e = e.first();
                assert_eq!((e.code, e.field), (err_code, field), "{}", e.message)
            }
            (got, want) => panic!("input {code:?} {name:?}: got {got:?}, want {want:?}"),
        }
    }

    #[test]
    fn village_input_table() {
        check("621221101228", "新村", Ok(("621221101228", "新村")));
        check(
            "６２１２２１１０１２２８",
            "\u{3000}新村 ",
            Ok(("621221101228", "新村")),
        );
        check("621 221 101 228", "新村", Ok(("621221101228", "新村")));
        check("621221101228", "", Err((Code::NAME_EMPTY, "name")));
        check("621221101228", "\u{3000} ", Err((Code::NAME_EMPTY, "name")));
        check("62122110122", "新村", Err((Code::PLACE_CODE_SHAPE, "code")));
        check(
            "6212211012288",
            "新村",
            Err((Code::PLACE_CODE_SHAPE, "code")),
        );
        check(
            "62122110122a",
            "新村",
            Err((Code::PLACE_CODE_SHAPE, "code")),
        );
        check("", "新村", Err((Code::PLACE_CODE_SHAPE, "code")));
        check(
            "621221102228",
            "新村",
            Err((Code::PLACE_CODE_TOWNSHIP, "code")),
        );
        check(
            "621221101000",
            "新村",
            Err((Code::PLACE_CODE_SHAPE, "code")),
        );
        check(
            "621221101228",
            &"村".repeat(MAX_NAME_CHARS + 1),
            Err((Code::NAME_TOO_LONG, "name")),
        );
        check(
            "621221101228",
            "新\u{7}村",
            Err((Code::NAME_CONTROL, "name")),
        );
    }

    #[test]
    fn messages_say_what_is_wrong_in_chinese() {
        let e = input("62122110122", "新村")
            .validated()
            .unwrap_err()
            .first()
            .clone();
        assert_eq!(e.message, "村代码应为 12 位数字，现在是 11 位。");
    }
}
