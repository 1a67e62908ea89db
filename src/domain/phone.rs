//! Phone numbers. Trainees and households are called back by auditors, so a number that cannot be
//! dialled is as bad as a missing one; and shared or consecutive numbers are a fabrication signal,
//! which only works if every number is stored in one canonical form.

use super::resident_id::half_width;
use super::Invalid;
use crate::Code;

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn is_mobile(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 11 && is_digits(s) && b[0] == b'1' && (b'3'..=b'9').contains(&b[1])
}

/// Half-width, without spaces of any width. Separators are kept for the caller to interpret.
fn compact(raw: &str) -> String {
    raw.chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Drops a country code, but only when exactly 11 digits follow, so that a mistyped number
/// starting with 86 is reported rather than silently shortened.
fn strip_country_code(s: &str) -> &str {
    ["+86", "0086", "86"]
        .iter()
        .filter_map(|p| s.strip_prefix(p))
        .find(|rest| rest.len() == 11 && is_digits(rest))
        .unwrap_or(s)
}

/// Validates a mainland mobile number and returns it as 11 bare digits.
pub fn mobile(raw: &str, field: &'static str) -> Result<String, Invalid> {
    let s: String = compact(raw).chars().filter(|&c| c != '-').collect();
    let s = strip_country_code(&s);
    if is_mobile(s) {
        return Ok(s.to_string());
    }
    let why = if s.is_empty() {
        "手机号不能为空".to_string()
    } else if !is_digits(s) {
        format!("手机号“{s}”中有数字以外的字符")
    } else if s.len() != 11 {
        format!("手机号应为 11 位数字，“{s}”有 {} 位", s.len())
    } else {
        format!("手机号应以 13–19 开头，“{s}”不是")
    };
    Err(Invalid::new(
        Code::PHONE_INVALID,
        field,
        format!("{why}。请向本人核实后重新填写。"),
    ))
}

/// Splits an undivided landline: only Beijing (010) and 02x have 3-digit area codes, every other
/// area code has 4 digits, so the split is never ambiguous.
fn split_undivided(s: &str) -> (&str, &str) {
    let area_len = if s.starts_with("010") || s.starts_with("02") {
        3
    } else {
        4
    };
    s.split_at(area_len.min(s.len()))
}

fn landline(s: &str) -> Option<String> {
    // "(0939)3212345" is how many office letterheads print it.
    let s = s.replace('(', "").replace(')', "-");
    let (area, number) = match s.split_once('-') {
        Some(parts) => parts,
        None if s.starts_with('0') => split_undivided(&s),
        None => return None,
    };
    let ok = is_digits(area)
        && (3..=4).contains(&area.len())
        && area.starts_with('0')
        && is_digits(number)
        && (7..=8).contains(&number.len());
    ok.then(|| format!("{area}-{number}"))
}

/// Validates a contact number that may be a mobile (offices' contacts often are) or a landline;
/// landlines come back as `0939-3212345`.
pub fn phone(raw: &str, field: &'static str) -> Result<String, Invalid> {
    if let Ok(m) = mobile(raw, field) {
        return Ok(m);
    }
    let s = compact(raw);
    if s.is_empty() {
        return Err(Invalid::new(
            Code::PHONE_INVALID,
            field,
            "电话号码不能为空，请填写手机号或带区号的固定电话。",
        ));
    }
    landline(&s).ok_or_else(|| {
        Invalid::new(
            Code::PHONE_INVALID,
            field,
            format!("“{s}”既不是 11 位手机号，也不是带区号的固定电话。固定电话请写成“区号-号码”，如 0939-3212345。"),
        )
    })
}

/// For lists and, where a county insists, notices. Anything that is not a normalised mobile is
/// masked except its last 4 characters, so the function never reveals more than intended.
pub fn masked_mobile(s: &str) -> String {
    if is_mobile(s) {
        return format!("{}****{}", &s[..3], &s[7..]);
    }
    let chars: Vec<char> = s.chars().collect();
    let keep = chars.len().saturating_sub(4);
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| if i < keep { '*' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MOBILE_CASES: &[(&str, Option<&str>)] = &[
        ("13812341234", Some("13812341234")),
        ("138 1234 1234", Some("13812341234")),
        ("138-1234-1234", Some("13812341234")),
        ("+86 138 1234 1234", Some("13812341234")),
        ("008613812341234", Some("13812341234")),
        ("8613812341234", Some("13812341234")),
        ("１３８１２３４１２３４", Some("13812341234")),
        ("19912341234", Some("19912341234")),
        ("", None),
        ("12812341234", None),
        ("1381234123", None),
        ("138123412345", None),
        ("1381234123a", None),
        ("23812341234", None),
        ("+8713812341234", None),
        ("86138123412", None),
    ];

    #[test]
    fn mobile_table() {
        for &(raw, want) in MOBILE_CASES {
            match (mobile(raw, "mobile"), want) {
                (Ok(got), Some(want)) => assert_eq!(got, want, "{raw}"),
                (Err(e), None) => {
                    assert_eq!((e.code, e.field), (Code::PHONE_INVALID, "mobile"), "{raw}");
                    assert!(
                        e.message.ends_with("请向本人核实后重新填写。"),
                        "{}",
                        e.message
                    );
                }
                (got, want) => panic!("{raw:?}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn phone_table() {
        let cases: &[(&str, Option<&str>)] = &[
            ("13812341234", Some("13812341234")),
            ("+86 138-1234-1234", Some("13812341234")),
            ("0939-3212345", Some("0939-3212345")),
            ("0939 3212345", Some("0939-3212345")),
            ("09393212345", Some("0939-3212345")),
            ("(0939)3212345", Some("0939-3212345")),
            ("（０９３９）３２１２３４５", Some("0939-3212345")),
            ("010-12345678", Some("010-12345678")),
            ("01012345678", Some("010-12345678")),
            ("02112345678", Some("021-12345678")),
            ("021-1234567", Some("021-1234567")),
            ("", None),
            ("3212345", None),
            ("939-3212345", None),
            ("09393-3212345", None),
            ("0939-321234", None),
            ("0939-321234567", None),
            ("0939-32123a5", None),
            ("0939-321-2345", None),
        ];
        for &(raw, want) in cases {
            match (phone(raw, "phone"), want) {
                (Ok(got), Some(want)) => assert_eq!(got, want, "{raw}"),
                (Err(e), None) => assert_eq!((e.code, e.field), (Code::PHONE_INVALID, "phone")),
                (got, want) => panic!("{raw:?}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn masking() {
        assert_eq!(masked_mobile("13812341234"), "138****1234");
        assert_eq!(masked_mobile("0939-3212345"), "********2345");
        assert_eq!(masked_mobile("123"), "123");
        assert_eq!(masked_mobile(""), "");
    }
}
