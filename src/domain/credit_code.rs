//! Unified social credit codes (统一社会信用代码, GB 32100-2015) of operators, co-operatives and
//! suppliers.
//!
//! The shape is strict (it is what the licence prints), but a failed check character is only a
//! warning: codes issued during the transition exist that fail the check, and refusing them would
//! push users to invent a "valid" one.

use super::resident_id::half_width;
use super::Invalid;
use crate::Code;

/// Index in this string is the character's value; I, O, Z, S and V are left out because they are
/// easily confused with 1, 0, 2, 5 and U.
const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

fn value(c: char) -> Option<u32> {
    ALPHABET.find(c).map(|i| i as u32)
}

/// The check character for 17 characters already known to be in the alphabet.
fn expected_check(first17: &str) -> Option<char> {
    let mut sum = 0;
    for (c, w) in first17.chars().zip(WEIGHTS) {
        sum += value(c)? * w;
    }
    let check = (31 - sum % 31) % 31;
    ALPHABET.chars().nth(check as usize)
}

/// Validates a credit code. Returns the normalised (upper-case, half-width) code and, when the
/// check character does not match, a warning to show beside the field.
pub fn check(raw: &str, field: &'static str) -> Result<(String, Option<Invalid>), Invalid> {
    let code: String = raw
        .chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let len = code.chars().count();
    if len != 18 {
        return Err(Invalid::new(
            Code::CREDIT_CODE_SHAPE,
            field,
            format!("统一社会信用代码应为 18 位，现在有 {len} 位。请对照营业执照核对。"),
        ));
    }
    if let Some((i, c)) = code.chars().enumerate().find(|&(_, c)| value(c).is_none()) {
        let hint = match c {
            'I' => "（可能是数字 1）",
            'O' => "（可能是数字 0）",
            'Z' => "（可能是数字 2）",
            'S' => "（可能是数字 5）",
            'V' => "（可能是字母 U）",
            _ => "",
        };
        return Err(Invalid::new(
            Code::CREDIT_CODE_SHAPE,
            field,
            format!(
                "统一社会信用代码第 {} 位是“{c}”{hint}，代码中只能有数字和除 I、O、Z、S、V 以外的大写字母。请对照营业执照核对。",
                i + 1
            ),
        ));
    }
    // All characters are ASCII from here on.
    let expected = expected_check(&code[..17]);
    let given = code.chars().nth(17);
    let warning = (expected != given).then(|| {
        Invalid::new(
            Code::CREDIT_CODE_CHECK,
            field,
            format!(
                "统一社会信用代码校验位不符：按前 17 位算，最后一位应是“{}”，现在是“{}”。少数真实代码也校验不通过，请与营业执照逐位核对；核对无误可以保存。",
                expected.unwrap_or('?'),
                given.unwrap_or('?')
            ),
        )
    });
    Ok((code, warning))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn with_check(first17: &str) -> String {
        format!("{first17}{}", expected_check(first17).unwrap())
    }

    #[test]
    fn table() {
        let computed = with_check("92621221MA7000000");
        let zero_check = (0..)
            .map(|n| format!("93621221{n:09}"))
            .find(|s| expected_check(s) == Some('0'))
            .unwrap();
        let wrong = format!(
            "{}{}",
            &computed[..17],
            if computed.ends_with('1') { '2' } else { '1' }
        );
        let zero_check = with_check(&zero_check); // Σ mod 31 = 0, the "31 → 0" case
        let shape = "CREDIT_CODE_SHAPE";
        let cases: &[(&str, &str)] = &[
            ("91350100M000100Y43", "OK"),
            (&computed, "OK"),
            (&zero_check, "OK"),
            ("91350100M000100Y44", "CREDIT_CODE_CHECK"),
            (&wrong, "CREDIT_CODE_CHECK"),
            ("", shape),
            ("91350100M000100Y4", shape),
            ("91350100M000100Y433", shape),
            ("91350100I000100Y43", shape),
            ("91350100O000100Y43", shape),
            ("91350100Z000100Y43", shape),
            ("91350100S000100Y43", shape),
            ("91350100V000100Y43", shape),
            ("91350100-000100Y43", shape),
            ("91350100中000100Y43", shape),
        ];
        for &(raw, want) in cases {
            let got = match check(raw, "creditCode") {
                Ok((code, None)) => {
                    assert_eq!(code, raw);
                    "OK"
                }
                Ok((_, Some(w))) => {
                    assert!(w.message.contains("营业执照"), "{}", w.message);
                    assert_eq!(w.field, "creditCode");
                    w.code.as_str()
                }
                Err(e) => {
                    assert_eq!(e.field, "creditCode");
                    e.code.as_str()
                }
            };
            assert_eq!(got, want, "{raw}");
        }
    }

    #[test]
    fn normalises_case_spaces_and_full_width() {
        for raw in [
            "91350100m000100y43",
            " 9135 0100 M000 100Y43 ",
            "９１３５０１００Ｍ０００１００ｙ４３",
        ] {
            assert_eq!(
                check(raw, "creditCode").unwrap(),
                ("91350100M000100Y43".to_string(), None),
                "{raw}"
            );
        }
    }

    #[test]
    fn illegal_letter_message_names_position_and_lookalike() {
        let e = check("91350100O000100Y43", "creditCode").unwrap_err();
        assert!(e.message.contains("第 9 位"), "{}", e.message);
        assert!(e.message.contains("数字 0"), "{}", e.message);
    }

    proptest! {
        #[test]
        fn computed_codes_pass_and_any_other_check_warns(
            idx in proptest::collection::vec(0usize..31, 17),
            other in 0usize..31,
        ) {
            let first17: String = idx.iter().map(|&i| ALPHABET.as_bytes()[i] as char).collect();
            let good = with_check(&first17);
            prop_assert_eq!(check(&good, "f").unwrap(), (good.clone(), None));
            let alt = ALPHABET.as_bytes()[other] as char;
            prop_assume!(!good.ends_with(alt));
            let (_, warn) = check(&format!("{first17}{alt}"), "f").unwrap();
            prop_assert_eq!(warn.map(|w| w.code), Some(Code::CREDIT_CODE_CHECK));
        }
    }
}
