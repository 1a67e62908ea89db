//! Resident identity numbers (居民身份证号码, GB 11643-1999).
//!
//! Rosters are matched across operators and years by ID number, so a typo must be caught at entry,
//! not discovered at audit. Values arrive from phone keyboards, Chinese IMEs and Excel, hence the
//! generous normalisation and the specific errors for each way those sources mangle an ID.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::Invalid;
use crate::Code;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
/// Used when a stored value is deserialised and there is no form field to blame.
const SERDE_FIELD: &str = "residentId";

/// A validated, normalised 18-character ID. The only way to get one is through validation.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ResidentId(String);

/// What a valid ID tells us, plus anything odd that should be shown but not refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedId {
    pub id: ResidentId,
    pub birth_date: NaiveDate,
    pub male: bool,
    pub warnings: Vec<Invalid>,
}

/// Maps full-width ASCII (what Chinese IMEs produce in full-width mode) to half-width.
pub(crate) fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// The check character for 17 leading digits.
///
/// # Panics
/// If `first17` is not exactly 17 ASCII digits; `ResidentId::parse` checks that first.
pub fn check_char(first17: &str) -> char {
    assert!(
        first17.len() == 17 && first17.bytes().all(|b| b.is_ascii_digit()),
        "check_char needs 17 ASCII digits"
    );
    let sum: u32 = first17
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    CHECK_CHARS[(sum % 11) as usize]
}

/// Excel turns a long digit string into a number, shown as `6.21221E+17` or with a decimal point;
/// the lost digits cannot be recovered, so the user has to retype them.
fn looks_numeric(s: &str) -> bool {
    if s.contains('.') {
        return true;
    }
    match s.find(['E', 'e']) {
        Some(i) => {
            let (mantissa, exp) = (&s[..i], &s[i + 1..]);
            let exp = exp.strip_prefix(['+', '-']).unwrap_or(exp);
            !mantissa.is_empty()
                && mantissa.bytes().all(|b| b.is_ascii_digit())
                && !exp.is_empty()
                && exp.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

impl ResidentId {
    /// Validates and normalises an ID as typed or pasted. `today` bounds the birth date and is a
    /// parameter so that the rule stays pure and testable.
    pub fn parse(raw: &str, field: &'static str, today: NaiveDate) -> Result<ParsedId, Invalid> {
        macro_rules! refuse {
            ($code:path, $($msg:tt)+) => {
                return Err(Invalid::new($code, field, format!($($msg)+)))
            };
        }
        let s: String = raw
            .chars()
            .map(half_width)
            .filter(|c| !c.is_whitespace())
            .map(|c| if c == 'x' { 'X' } else { c })
            .collect();
        if s.is_empty() {
            refuse!(
                Code::ID_EMPTY,
                "身份证号码不能为空，请填写 18 位身份证号码。"
            );
        }
        if looks_numeric(&s) {
            refuse!(Code::ID_SCIENTIFIC, "身份证号码“{s}”被表格软件当成了数字，后几位已经丢失。请把该列设置为文本格式后重新录入完整的 18 位号码。");
        }
        let len = s.chars().count();
        if len == 15 && s.bytes().all(|b| b.is_ascii_digit()) {
            refuse!(
                Code::ID_OLD_15,
                "这是旧的 15 位身份证号码，已停止使用。请向本人核实并填写 18 位的新身份证号码。"
            );
        }
        if len != 18 {
            refuse!(
                Code::ID_LENGTH,
                "身份证号码应为 18 位，现在有 {len} 位。请对照身份证核对是否多输或漏输。"
            );
        }
        if let Some((i, c)) = s
            .chars()
            .take(17)
            .enumerate()
            .find(|p| !p.1.is_ascii_digit())
        {
            refuse!(
                Code::ID_CHARS,
                "身份证号码的前 17 位只能是数字，第 {} 位是“{c}”。请核对后重新输入。",
                i + 1
            );
        }
        let last = s.chars().nth(17).unwrap_or(' ');
        if !(last.is_ascii_digit() || last == 'X') {
            refuse!(
                Code::ID_CHARS,
                "身份证号码的最后一位只能是数字或 X，现在是“{last}”。请核对后重新输入。"
            );
        }
        // All 18 chars are ASCII from here on, so byte slicing is safe.
        let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
        let read = format!("{}年{}月{}日", num(6..10), num(10..12), num(12..14));
        let date = NaiveDate::parse_from_str(&s[6..14], "%Y%m%d").ok();
        // Nobody born before 1900 is on a current roster; such a year is a typo.
        let Some(birth_date) = date.filter(|d| d.year() >= 1900) else {
            refuse!(
                Code::ID_BIRTH_DATE,
                "身份证号码第 7–14 位是出生日期，读到的是 {read}，这不是一个有效日期。请核对。"
            );
        };
        if birth_date > today {
            refuse!(
                Code::ID_BIRTH_DATE,
                "身份证号码中的出生日期 {read} 晚于今天，不可能。请核对第 7–14 位。"
            );
        }
        let expected = check_char(&s[..17]);
        if last != expected {
            // Excel keeps 15 significant digits, so a mangled ID ends in zeros.
            let excel = if s.ends_with("000") {
                "若号码是从 Excel 复制的，末尾几位可能已被改成 0，请把该列设置为文本格式后重新录入。"
            } else {
                ""
            };
            refuse!(Code::ID_CHECK_DIGIT, "身份证号码校验位不对：按前 17 位算，最后一位应是“{expected}”，现在是“{last}”。多半是某一位输错了，请对照身份证逐位核对。{excel}");
        }
        let mut warnings = Vec::new();
        if !matches!(s.as_bytes()[0], b'1'..=b'8') {
            let msg = format!(
                "身份证号码第 1 位是地区大类，应为 1–8，现在是“{}”。请核对号码是否正确。",
                &s[..1]
            );
            warnings.push(Invalid::new(Code::ID_REGION, field, msg));
        }
        let male = (s.as_bytes()[16] - b'0') % 2 == 1;
        let id = ResidentId(s);
        Ok(ParsedId {
            id,
            birth_date,
            male,
            warnings,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// An ID read back from the store, which only ever holds validated, normalised IDs.
    pub(crate) fn from_stored(id: String) -> ResidentId {
        debug_assert_eq!(id.len(), 18, "stored IDs are normalised");
        ResidentId(id)
    }

    /// For on-screen lists, where the region is rarely needed to tell people apart.
    pub fn masked_for_list(&self) -> String {
        format!("{}{}{}", &self.0[..4], "*".repeat(10), &self.0[14..])
    }

    /// For printed public notices where a county insists on IDs; keeps the county code visible.
    pub fn masked_for_notice(&self) -> String {
        format!("{}{}{}", &self.0[..6], "*".repeat(8), &self.0[14..])
    }
}

impl fmt::Display for ResidentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Masked, so that IDs do not leak into logs through `{:?}` on a containing struct or error.
impl fmt::Debug for ResidentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ResidentId({})", self.masked_for_list())
    }
}

impl TryFrom<String> for ResidentId {
    type Error = Invalid;
    /// Stored data goes through the same rules as typed data, judged against the local date.
    fn try_from(raw: String) -> Result<Self, Invalid> {
        let today = chrono::Local::now().date_naive();
        ResidentId::parse(&raw, SERDE_FIELD, today).map(|p| p.id)
    }
}

impl From<ResidentId> for String {
    fn from(id: ResidentId) -> String {
        id.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 6, 1).unwrap()
    }

    fn with_check(first17: &str) -> String {
        format!("{first17}{}", check_char(first17))
    }

    fn parse(raw: &str) -> Result<ParsedId, Invalid> {
        ResidentId::parse(raw, "idNumber", today())
    }

    #[test]
    fn accepts_and_normalises() {
        const KNOWN: &str = "11010519491231002X";
        let typed = [
            KNOWN,
            "11010519491231002x",
            " 110105 19491231 002ｘ ",
            "１１０１０５１９４９１２３１００２Ｘ",
        ];
        for raw in typed {
            let p = parse(raw).unwrap_or_else(|e| panic!("{raw}: {e}"));
            assert_eq!((p.id.as_str(), p.male), (KNOWN, false), "{raw}");
            assert_eq!(p.birth_date.to_string(), "1949-12-31", "{raw}");
            assert!(p.warnings.is_empty(), "{raw}");
        }
        let valid = with_check("62122119900101123");
        let full_width: String = valid
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap())
            .collect();
        for raw in [&valid, &full_width] {
            let p = parse(raw).unwrap_or_else(|e| panic!("{raw}: {e}"));
            assert_eq!((p.id.as_str(), p.male), (valid.as_str(), true), "{raw}");
            assert_eq!(p.birth_date.to_string(), "1990-01-01", "{raw}");
        }
    }

    #[test]
    fn refuses_with_distinct_codes() {
        let v = with_check("62122119900101123");
        let wrong_check = format!("{}{}", &v[..17], if v.ends_with('0') { '1' } else { '0' });
        let text_fmt = "把该列设置为文本格式后重新录入";
        let [feb30, y1850, y2030] = [
            "62122119900230123",
            "62122118500101123",
            "62122120300101123",
        ]
        .map(with_check);
        let cases: &[(&str, Code, &str)] = &[
            ("", Code::ID_EMPTY, "为空"),
            ("　 ", Code::ID_EMPTY, "为空"),
            ("6.21221E+17", Code::ID_SCIENTIFIC, text_fmt),
            ("6.21221e17", Code::ID_SCIENTIFIC, text_fmt),
            ("621221199001011234.0", Code::ID_SCIENTIFIC, text_fmt),
            ("621221900101123", Code::ID_OLD_15, "18 位"),
            ("62122119900101123", Code::ID_LENGTH, "17 位"),
            ("6212211990010112345", Code::ID_LENGTH, "19 位"),
            ("62122119900A011234", Code::ID_CHARS, "第 12 位"),
            ("62122119900101123Y", Code::ID_CHARS, "最后一位"),
            (&feb30, Code::ID_BIRTH_DATE, "1990年2月30日"),
            (&y1850, Code::ID_BIRTH_DATE, "1850年1月1日"),
            (&y2030, Code::ID_BIRTH_DATE, "晚于今天"),
            (&wrong_check, Code::ID_CHECK_DIGIT, "应是"),
            ("621221199001011000", Code::ID_CHECK_DIGIT, "Excel"),
        ];
        for &(raw, code, needle) in cases {
            let e = parse(raw).map(|p| p.id).expect_err(raw);
            assert_eq!((e.code, e.field), (code, "idNumber"), "{raw}: {e}");
            assert!(e.message.contains(needle), "{raw}: {e}");
        }
    }

    #[test]
    fn region_outside_1_to_8_is_only_a_warning() {
        let p = parse(&with_check("92122119900101123")).unwrap();
        assert_eq!(p.warnings.len(), 1);
        assert_eq!(p.warnings[0].code, Code::ID_REGION);
    }

    #[test]
    fn masks_display_and_serde() {
        let id = parse("11010519491231002X").unwrap().id;
        assert_eq!(id.masked_for_list(), "1101**********002X");
        assert_eq!(id.masked_for_notice(), "110105********002X");
        assert_eq!(id.to_string(), "11010519491231002X");
        assert!(!format!("{id:?}").contains("19491231"));
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, "\"11010519491231002X\"");
        assert_eq!(serde_json::from_str::<ResidentId>(&json).unwrap(), id);
        assert!(serde_json::from_str::<ResidentId>("\"110105194912310021\"").is_err());
    }

    proptest! {
        #[test]
        fn generated_ids_parse(
            region in (1u32..=8, 0u32..100_000),
            day in 0i64..=33_237, // 1930-01-01 ..= 2020-12-31
            seq in 0u32..1000,
        ) {
            let birth = NaiveDate::from_ymd_opt(1930, 1, 1).unwrap() + chrono::Days::new(day as u64);
            let first17 = format!(
                "{}{:05}{}{seq:03}",
                region.0,
                region.1,
                birth.format("%Y%m%d")
            );
            let p = parse(&with_check(&first17)).unwrap();
            prop_assert_eq!(p.birth_date, birth);
            prop_assert_eq!(p.male, seq % 2 == 1);
            prop_assert!(p.warnings.is_empty());
        }
    }
}
