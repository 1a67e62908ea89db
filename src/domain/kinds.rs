//! The county's lists of kinds (issue 13): programme kinds and operator kinds are codes the
//! records keep and labels the county chooses, not closed lists in the code. The defaults are
//! seeded by migration 0018 with the same ids everywhere; a county adds, relabels and retires
//! its own on the hub. A programme kind says what it funds (`subject`), so behaviour such as
//! "this programme has training sessions" follows the subject, not the code; an operator kind
//! says whether its operator must run an online shop.

use serde::{Deserialize, Serialize};

use super::places::check_name;
use super::{Invalid, Invalids, Problems};
use crate::Code;

/// A kind code as records keep it (`demo_shop`). The associated constants are the seeded
/// defaults of migration 0018, named for the code that reads them; a county's own codes are
/// made with `new` and checked against its list when a record is written.
macro_rules! kind_code {
    ($(#[$meta:meta])* $name:ident { $($default:ident = $code:literal,)* }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
        )]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub struct $name(
            #[cfg_attr(feature = "ts", ts(type = "string"))] std::borrow::Cow<'static, str>,
        );

        // CamelCase like the enum variants they replace, so code written against the closed
        // enum still reads (and merges) unchanged.
        #[allow(non_upper_case_globals)]
        impl $name {
            $(pub const $default: $name = $name(std::borrow::Cow::Borrowed($code));)*

            pub fn new(code: impl Into<String>) -> Self {
                $name(std::borrow::Cow::Owned(code.into()))
            }

            pub fn code(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(code: &str) -> Self {
                $name::new(code)
            }
        }
    };
}
pub(crate) use kind_code;

/// Which list an option belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum KindList {
    Programme,
    Operator,
}

impl KindList {
    pub fn code(self) -> &'static str {
        match self {
            KindList::Programme => "programme",
            KindList::Operator => "operator",
        }
    }

    pub fn from_code(code: &str) -> Option<KindList> {
        [KindList::Programme, KindList::Operator]
            .into_iter()
            .find(|l| l.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            KindList::Programme => "项目类型",
            KindList::Operator => "实施主体类型",
        }
    }

    fn unknown_code(self) -> Code {
        match self {
            KindList::Programme => Code::PROGRAMME_KIND_UNKNOWN,
            KindList::Operator => Code::OPERATOR_KIND_UNKNOWN,
        }
    }
}

/// What a programme of a kind funds: operators (shops, enterprises, centres), village service
/// stations, or training.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum KindSubject {
    Operator,
    Station,
    Training,
}

impl KindSubject {
    pub fn code(self) -> &'static str {
        match self {
            KindSubject::Operator => "operator",
            KindSubject::Station => "station",
            KindSubject::Training => "training",
        }
    }

    pub fn from_code(code: &str) -> Option<KindSubject> {
        [
            KindSubject::Operator,
            KindSubject::Station,
            KindSubject::Training,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }
}

/// One option of a county's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct KindOption {
    pub id: String,
    pub list: KindList,
    pub code: String,
    pub label: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub sort: i64,
    /// Programme kinds only.
    pub subject: Option<KindSubject>,
    /// Operator kinds only: an operator of this kind must name its online shop.
    pub requires_online_shop: bool,
    /// Kept for the records that name it, no longer offered for new ones.
    pub retired: bool,
    pub status: String,
}

/// A new option, as the county's clerk types it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KindInput {
    pub list: KindList,
    pub code: String,
    pub label: String,
    #[serde(default)]
    pub subject: Option<KindSubject>,
    #[serde(default)]
    pub requires_online_shop: bool,
}

impl KindInput {
    /// Every problem at once, or the input with code and label trimmed.
    pub fn validated(&self) -> Result<KindInput, Invalids> {
        let mut problems = Problems::new();
        let code = problems.take(check_code(&self.code));
        let label = problems.take(check_label(&self.label));
        let subject_ok = match self.list {
            KindList::Programme => self.subject.is_some(),
            KindList::Operator => self.subject.is_none(),
        };
        problems.check(
            !subject_ok,
            Code::KIND_SUBJECT,
            "subject",
            match self.list {
                KindList::Programme => {
                    "请选择项目资助的对象：实施主体（operator）、服务站点（station）或培训（training）。"
                }
                KindList::Operator => "实施主体类型不设资助对象，请留空。",
            },
        );
        problems.check(
            self.list == KindList::Programme && self.requires_online_shop,
            Code::KIND_SUBJECT,
            "requiresOnlineShop",
            "“须开设网店”只用于实施主体类型。",
        );
        let taken = code.zip(label);
        let (code, label) = problems.done(taken)?;
        Ok(KindInput {
            code,
            label,
            ..self.clone()
        })
    }
}

/// A code: lower-case letters, digits and underscores, up to 40.
pub fn check_code(raw: &str) -> Result<String, Invalid> {
    let code = raw.trim();
    let ok = !code.is_empty()
        && code.len() <= 40
        && code.starts_with(|c: char| c.is_ascii_lowercase())
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if ok {
        Ok(code.to_string())
    } else {
        Err(Invalid::new(
            Code::KIND_CODE,
            "code",
            format!(
                "类型代码“{code}”只能用小写英文字母开头，由小写字母、数字和下划线组成（最多 40 个），例如 logistics。"
            ),
        ))
    }
}

pub fn check_label(raw: &str) -> Result<String, Invalid> {
    let label = raw.trim();
    check_name(label, "label", "类型名称").map_err(|e| Invalid {
        code: Code::KIND_LABEL,
        ..e
    })?;
    Ok(label.to_string())
}

/// The refusal of a code that is not a live option of `list`: names the county's live labels.
pub fn unknown_kind(
    list: KindList,
    code: &str,
    options: &[KindOption],
    field: &'static str,
) -> Invalid {
    let live: Vec<String> = options
        .iter()
        .filter(|o| o.list == list && !o.retired)
        .map(|o| format!("{}（{}）", o.label, o.code))
        .collect();
    let retired = options
        .iter()
        .any(|o| o.list == list && o.retired && o.code == code);
    let what = list.label();
    let why = if retired {
        format!("{what}“{code}”已停用")
    } else {
        format!("{what}“{code}”不在本县的{what}表中")
    };
    Invalid::new(
        list.unknown_code(),
        field,
        format!(
            "{why}。可选：{}。需要新的类型请由县里在“设置 · 类型”中添加。",
            live.join("、")
        ),
    )
}

/// The live option of `list` with `code`, or the refusal naming the county's labels.
pub fn live_option<'a>(
    list: KindList,
    code: &str,
    options: &'a [KindOption],
    field: &'static str,
) -> Result<&'a KindOption, Invalid> {
    options
        .iter()
        .find(|o| o.list == list && o.code == code && !o.retired)
        .ok_or_else(|| unknown_kind(list, code, options, field))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn option(list: KindList, code: &str, label: &str, retired: bool) -> KindOption {
        KindOption {
            id: format!("{}/{code}", list.code()),
            list,
            code: code.into(),
            label: label.into(),
            sort: 1,
            subject: (list == KindList::Programme).then_some(KindSubject::Operator),
            requires_online_shop: false,
            retired,
            status: "draft".into(),
        }
    }

    #[test]
    fn an_unknown_or_retired_kind_names_the_live_labels_of_its_list() {
        let options = [
            option(KindList::Operator, "demo_shop", "示范店", false),
            option(KindList::Operator, "old", "旧类型", true),
            option(KindList::Programme, "training", "培训", false),
        ];
        let e = live_option(KindList::Operator, "logistics", &options, "kind").unwrap_err();
        assert_eq!((e.code, e.field), (Code::OPERATOR_KIND_UNKNOWN, "kind"));
        assert!(e.message.contains("示范店（demo_shop）"), "{}", e.message);
        assert!(!e.message.contains("培训") && !e.message.contains("旧类型"));
        let e = live_option(KindList::Operator, "old", &options, "kind").unwrap_err();
        assert!(e.message.contains("已停用"), "{}", e.message);
        let e = live_option(KindList::Programme, "demo_shop", &options, "kind").unwrap_err();
        assert_eq!(e.code, Code::PROGRAMME_KIND_UNKNOWN);
        assert!(live_option(KindList::Programme, "training", &options, "kind").is_ok());
    }

    #[test]
    fn a_new_kind_needs_a_code_a_label_and_the_subject_of_its_list() {
        let input = KindInput {
            list: KindList::Programme,
            code: "Logistics X".into(),
            label: " ".into(),
            subject: None,
            requires_online_shop: true,
        };
        let e = input.validated().unwrap_err();
        let fields: Vec<_> = e.all().iter().map(|p| (p.code, p.field)).collect();
        assert_eq!(
            fields,
            [
                (Code::KIND_CODE, "code"),
                (Code::KIND_LABEL, "label"),
                (Code::KIND_SUBJECT, "subject"),
                (Code::KIND_SUBJECT, "requiresOnlineShop"),
            ]
        );
        let ok = KindInput {
            list: KindList::Operator,
            code: " logistics_x ".into(),
            label: " 快递网点 ".into(),
            subject: None,
            requires_online_shop: false,
        };
        let valid = ok.validated().unwrap();
        assert_eq!(
            (valid.code.as_str(), valid.label.as_str()),
            ("logistics_x", "快递网点")
        );
    }
}
