//! Masking personal numbers in free text for paper and spreadsheets (DOMAIN.md "Privacy"):
//! evidence texts are composed by the checks, and a number that slipped through unmasked must
//! not reach a printed 核查情况表 or its xlsx.

/// Masks what looks like an ID number (15–18 characters of digits, the last maybe X) or a
/// mobile number (11 digits from 1) inside free text: `110105********1234`, `138****1234`.
pub fn masked_numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let is_digit = |c: char| c.is_ascii_digit();
        if !is_digit(chars[i]) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (is_digit(chars[i]) || (chars[i] == 'X' || chars[i] == 'x')) {
            i += 1;
        }
        let run: String = chars[start..i].iter().collect();
        let n = run.chars().count();
        if (15..=18).contains(&n) {
            out.push_str(&run[..6]);
            out.push_str(&"*".repeat(n - 10));
            out.push_str(&run[n - 4..]);
        } else if n == 11 && run.starts_with('1') && run.chars().all(|c| c.is_ascii_digit()) {
            out.push_str(&run[..3]);
            out.push_str("****");
            out.push_str(&run[7..]);
        } else {
            out.push_str(&run);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_id_and_mobile_numbers_but_not_other_numbers() {
        assert_eq!(
            masked_numbers("张三 62042119900101123X 签到 2 次，电话 13812341234，30 人"),
            "张三 620421********123X 签到 2 次，电话 138****1234，30 人"
        );
        assert_eq!(masked_numbers("620421********1234"), "620421********1234");
        assert_eq!(masked_numbers("2026-03-02"), "2026-03-02");
    }
}
