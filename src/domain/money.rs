//! Money in yuan, exact to the fen. Ledgers are added up by the county and compared with bank
//! transfers, so a single fen lost to binary floating point shows up as a discrepancy an auditor
//! has to chase; every value here is a `Decimal` and text is parsed without passing through `f64`.

use rust_decimal::{Decimal, RoundingStrategy};

use super::resident_id::half_width;
use super::Invalid;
use crate::Code;

/// Rounds to the fen the way people and spreadsheets do by hand (四舍五入), not banker's rounding,
/// so printed ledgers agree with a calculator check.
pub fn round_fen(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Line amount. Rounded once, on the product, so that it matches what the seller wrote on the
/// receipt rather than accumulating rounding of the price.
pub fn amount(quantity: Decimal, unit_price: Decimal) -> Decimal {
    round_fen(quantity * unit_price)
}

fn invalid(field: &'static str, raw: &str) -> Invalid {
    Invalid::new(
        Code::MONEY_INVALID,
        field,
        format!("“{raw}”不是有效的金额。请只填写数字，例如 1234.50 或 1,234.5（单位：元）。"),
    )
}

/// Thousands separators must sit every three digits; "12,34" is more likely a typo than a number.
fn ungroup(int: &str) -> Option<String> {
    if !int.contains(',') {
        return Some(int.to_string());
    }
    let mut groups = int.split(',');
    let first = groups.next()?;
    let first_ok = (1..=3).contains(&first.len());
    let mut out = first.to_string();
    for g in groups {
        if g.len() != 3 {
            return None;
        }
        out.push_str(g);
    }
    first_ok.then_some(out)
}

/// Parses an amount in yuan as typed in a form or pasted from a spreadsheet. The result always has
/// scale 2. More than 2 significant decimals is refused rather than rounded, because it usually
/// means a unit price was typed into an amount field.
pub fn parse_yuan(raw: &str, field: &'static str) -> Result<Decimal, Invalid> {
    let shown = raw.trim();
    let text: String = raw
        .chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut s = text.as_str();
    let mut negative = false;
    if let Some(rest) = s.strip_prefix('-') {
        (negative, s) = (true, rest);
    }
    s = s.strip_prefix(['¥', '￥']).unwrap_or(s);
    if let (false, Some(rest)) = (negative, s.strip_prefix('-')) {
        (negative, s) = (true, rest);
    }
    s = s.strip_suffix('元').unwrap_or(s);
    if s.is_empty() {
        return Err(Invalid::new(
            Code::MONEY_INVALID,
            field,
            "金额不能为空，请填写以元为单位的数字。",
        ));
    }
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let int = ungroup(int).ok_or_else(|| invalid(field, shown))?;
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if !digits(&int) || !digits(frac) || (int.is_empty() && frac.is_empty()) {
        return Err(invalid(field, shown));
    }
    let frac = frac.trim_end_matches('0');
    if frac.len() > 2 {
        return Err(Invalid::new(
            Code::MONEY_PRECISION,
            field,
            format!(
                "金额最多精确到分（小数点后 2 位），“{shown}”有 {} 位小数。请核对是否填成了单价。",
                frac.len()
            ),
        ));
    }
    let int = if int.is_empty() { "0" } else { int.as_str() };
    let mut d = Decimal::from_str_exact(&format!("{int}.{frac}")).map_err(|_| {
        Invalid::new(
            Code::MONEY_INVALID,
            field,
            format!("金额“{shown}”太大，无法记录。请核对单位是否为元。"),
        )
    })?;
    d.rescale(2);
    if negative && !d.is_zero() {
        d.set_sign_negative(true);
    }
    Ok(d)
}

/// Yuan with two decimals and thousands separators, as printed on forms: 12,345.00.
pub fn yuan_grouped(d: Decimal) -> String {
    let text = format!("{:.2}", round_fen(d));
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "00"));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}.{frac}")
}

/// Yuan shown as 万元 with a fixed number of decimals, as county summary tables print them.
pub fn wan_yuan(d: Decimal, places: u32) -> String {
    let mut w = (d / Decimal::from(10_000))
        .round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    w.rescale(places);
    if w.is_zero() {
        // Avoid printing "-0.000" for a tiny negative amount.
        w.set_sign_positive(true);
    }
    w.to_string()
}

const DIGITS_ZH: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

/// An amount in capitals (大写金额), as payment orders, recovery notices and receipts write it
/// so a figure cannot be altered: 3,536.00 → 叁仟伍佰叁拾陆元整, 1,005.50 → 壹仟零伍元伍角整,
/// 20.05 → 贰拾元零伍分. Rounded to the fen half-up first; a negative amount reads 负….
pub fn yuan_in_words(d: Decimal) -> String {
    let d = round_fen(d);
    let mut out = String::new();
    if d.is_sign_negative() && !d.is_zero() {
        out.push('负');
    }
    let fen_total = (d.abs() * Decimal::from(100)).trunc();
    let fen_total: u128 = fen_total.to_string().parse().unwrap_or(0);
    let yuan = fen_total / 100;
    let (jiao, fen) = ((fen_total / 10 % 10) as usize, (fen_total % 10) as usize);
    out.push_str(&integer_in_words(yuan));
    if yuan > 0 || (jiao == 0 && fen == 0) {
        if yuan == 0 {
            out.push('零');
        }
        out.push('元');
    }
    match (jiao, fen) {
        (0, 0) => out.push('整'),
        (j, 0) => {
            out.push(DIGITS_ZH[j]);
            out.push_str("角整");
        }
        (0, f) => {
            if yuan > 0 {
                out.push('零');
            }
            out.push(DIGITS_ZH[f]);
            out.push('分');
        }
        (j, f) => {
            out.push(DIGITS_ZH[j]);
            out.push('角');
            out.push(DIGITS_ZH[f]);
            out.push('分');
        }
    }
    out
}

/// Whole yuan in capitals, in groups of four digits (…亿, 万, units): one 零 stands for a run
/// of zeros between written digits, none at the end of a group.
fn integer_in_words(n: u128) -> String {
    const PLACES: [&str; 4] = ["仟", "佰", "拾", ""];
    const GROUPS: [&str; 5] = ["", "万", "亿", "万亿", "亿亿"];
    let mut groups = Vec::new();
    let mut rest = n;
    while rest > 0 {
        groups.push((rest % 10_000) as usize);
        rest /= 10_000;
    }
    let mut out = String::new();
    for (g, group) in groups.iter().enumerate().rev() {
        if *group == 0 {
            continue;
        }
        let digits = [group / 1000, group / 100 % 10, group / 10 % 10, group % 10];
        let mut zero_pending = false;
        for (place, digit) in PLACES.iter().zip(digits) {
            if digit == 0 {
                zero_pending = !out.is_empty();
                continue;
            }
            if zero_pending {
                out.push('零');
                zero_pending = false;
            }
            out.push(DIGITS_ZH[digit]);
            out.push_str(place);
        }
        out.push_str(GROUPS[g.min(GROUPS.len() - 1)]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn rounding_table() {
        for (input, want) in [
            ("2.345", "2.35"),
            ("2.344", "2.34"),
            ("-2.345", "-2.35"),
            ("-2.344", "-2.34"),
            ("10.005", "10.01"),
            ("0.005", "0.01"),
            ("7", "7"),
        ] {
            assert_eq!(round_fen(dec(input)), dec(want), "{input}");
        }
        for (q, p, want) in [
            ("3", "3.335", "10.01"),
            ("2.5", "4.13", "10.33"), // 10.325
            ("0.333", "3", "1.00"),   // 0.999
            ("5400", "104", "561600"),
        ] {
            assert_eq!(amount(dec(q), dec(p)), dec(want), "{q} × {p}");
        }
        assert_eq!(dec("0.1") + dec("0.2"), dec("0.3"));
    }

    #[test]
    fn parse_table() {
        let cases: &[(&str, Result<&str, Code>)] = &[
            ("1234.5", Ok("1234.50")),
            ("1,234.5", Ok("1234.50")),
            ("1,234,567", Ok("1234567.00")),
            ("¥1,234.56", Ok("1234.56")),
            ("￥ 12", Ok("12.00")),
            ("１２３４．５", Ok("1234.50")),
            ("１，２３４", Ok("1234.00")),
            ("100元", Ok("100.00")),
            ("-5.1", Ok("-5.10")),
            ("¥-5.1", Ok("-5.10")),
            (".5", Ok("0.50")),
            ("3.", Ok("3.00")),
            ("1.500", Ok("1.50")),
            ("0.1", Ok("0.10")),
            ("-0", Ok("0.00")),
            ("1.005", Err(Code::MONEY_PRECISION)),
            ("2.345", Err(Code::MONEY_PRECISION)),
            ("", Err(Code::MONEY_INVALID)),
            ("¥", Err(Code::MONEY_INVALID)),
            (".", Err(Code::MONEY_INVALID)),
            ("abc", Err(Code::MONEY_INVALID)),
            ("1.2.3", Err(Code::MONEY_INVALID)),
            ("12,34", Err(Code::MONEY_INVALID)),
            ("1234,567", Err(Code::MONEY_INVALID)),
            (",123", Err(Code::MONEY_INVALID)),
            ("1e3", Err(Code::MONEY_INVALID)),
            ("--5", Err(Code::MONEY_INVALID)),
            ("1_000", Err(Code::MONEY_INVALID)),
            ("NaN", Err(Code::MONEY_INVALID)),
            ("999999999999999999999999999999", Err(Code::MONEY_INVALID)),
        ];
        for (raw, want) in cases {
            match (parse_yuan(raw, "amount"), want) {
                (Ok(got), Ok(want)) => assert_eq!(got.to_string(), *want, "{raw}"),
                (Err(e), Err(code)) => assert_eq!((e.code, e.field), (*code, "amount"), "{raw}"),
                (got, want) => panic!("{raw:?}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn wan_yuan_table() {
        // 5400 yuan for each of 104 poor households and 4420 for each of 20 others.
        let total = amount(dec("5400"), dec("104")) + amount(dec("4420"), dec("20"));
        assert_eq!(total, dec("650000"));
        for (yuan, places, want) in [
            (total, 3, "65.000"),
            (total, 4, "65.0000"),
            (dec("4420") + dec("5400"), 3, "0.982"), // 1 poor + 1 non-poor household
            (dec("9825"), 3, "0.983"),               // 0.9825 rounds half up
            (dec("-9825"), 3, "-0.983"),
            (dec("12345.67"), 4, "1.2346"),
            (dec("-1"), 3, "0.000"),
            (dec("0"), 0, "0"),
        ] {
            assert_eq!(wan_yuan(yuan, places), want, "{yuan} {places}");
        }
    }

    #[test]
    fn grouped_table() {
        for (yuan, want) in [
            ("12345", "12,345.00"),
            ("1234567.5", "1,234,567.50"),
            ("999.995", "1,000.00"),
            ("100", "100.00"),
            ("0", "0.00"),
            ("-12345.6", "-12,345.60"),
        ] {
            assert_eq!(yuan_grouped(dec(yuan)), want, "{yuan}");
        }
    }

    #[test]
    fn capitals_table() {
        for (yuan, want) in [
            ("3536.00", "叁仟伍佰叁拾陆元整"),
            ("884", "捌佰捌拾肆元整"),
            ("4320", "肆仟叁佰贰拾元整"),
            ("5400", "伍仟肆佰元整"),
            ("650000", "陆拾伍万元整"),
            ("1000", "壹仟元整"),
            ("1005.5", "壹仟零伍元伍角整"),
            ("20.05", "贰拾元零伍分"),
            ("10", "壹拾元整"),
            ("110", "壹佰壹拾元整"),
            ("100000", "壹拾万元整"),
            ("1010000", "壹佰零壹万元整"),
            ("10001", "壹万零壹元整"),
            ("10100", "壹万零壹佰元整"),
            ("10101000", "壹仟零壹拾万壹仟元整"),
            ("100000001", "壹亿零壹元整"),
            ("110000000", "壹亿壹仟万元整"),
            ("3000000", "叁佰万元整"),
            ("1.23", "壹元贰角叁分"),
            ("0.5", "伍角整"),
            ("0.05", "伍分"),
            ("0.45", "肆角伍分"),
            ("0", "零元整"),
            ("0.004", "零元整"),
            ("2.345", "贰元叁角伍分"),
            ("-884", "负捌佰捌拾肆元整"),
        ] {
            assert_eq!(yuan_in_words(dec(yuan)), want, "{yuan}");
        }
    }

    proptest! {
        #[test]
        fn fen_text_round_trips(fen in -1_000_000_000_000i64..1_000_000_000_000) {
            let d = Decimal::new(fen, 2);
            prop_assert_eq!(parse_yuan(&d.to_string(), "f").unwrap(), d);
        }

        #[test]
        fn amount_is_within_half_a_fen(q in 0i64..1_000_000, p in 0i64..10_000_000) {
            let (q, p) = (Decimal::new(q, 3), Decimal::new(p, 3));
            let a = amount(q, p);
            prop_assert!(a.scale() <= 2);
            prop_assert!((a - q * p).abs() <= Decimal::new(5, 3));
        }
    }
}
