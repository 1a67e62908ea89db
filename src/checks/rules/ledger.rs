//! F8: the agreements' ledgers (收购、分红、务工 entries paid to households): entries dated
//! outside the agreement's term or outside their product's season (the county's
//! `product_seasons`), paid later after delivery than the agreement's `pay_within_days`, bought
//! below the market price the entry records (the protective-price promise), the same round
//! amount paid to many households of one agreement, and an operator's claimed income increase
//! per household above what its ledger paid.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::checks::rules::MAX_RECORDS;
use crate::checks::{CheckCode, Finding, RecordRef, Season, Thresholds};
use crate::domain::format_date_zh;

/// A live ledger entry that is neither a reversal nor reversed, with its agreement's term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub record: RecordRef,
    pub agreement: RecordRef,
    pub household_id: String,
    /// The product as typed (the season is matched on it, trimmed).
    pub product: String,
    /// The day paid.
    pub date: NaiveDate,
    /// The day delivered or bought (交货日期), when recorded.
    pub delivered_date: Option<NaiveDate>,
    /// The agreement's promise to pay within this many days of delivery, when it makes one.
    pub pay_within_days: Option<u32>,
    pub amount: Decimal,
    pub unit_price: Option<Decimal>,
    /// The local market price the officer recorded beside the entry, when recorded.
    pub market_price: Option<Decimal>,
    pub term_start: NaiveDate,
    pub term_end: NaiveDate,
}

/// An acceptance's claimed income increase per household (`income_increase`) beside what the
/// operator's ledger paid the households of its agreements in that programme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomeClaim {
    pub inspection: RecordRef,
    pub operator: String,
    pub claimed_per_household: Decimal,
    pub ledger_total: Decimal,
    pub households: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LedgerFacts {
    pub entries: Vec<Entry>,
    pub claims: Vec<IncomeClaim>,
    /// The county's product seasons (validated; one per product name).
    pub seasons: Vec<Season>,
}

fn yuan(amount: Decimal) -> String {
    format!("{:.2} 元", amount.round_dp(2))
}

pub fn check(facts: &LedgerFacts, thresholds: &Thresholds) -> Vec<Finding> {
    let mut out = Vec::new();
    for e in &facts.entries {
        if e.date < e.term_start || e.date > e.term_end {
            out.push(
                Finding::new(
                    CheckCode::F8_OUTSIDE_TERM,
                    vec![e.record.clone(), e.agreement.clone()],
                    format!(
                        "{}的日期 {} 不在{}的期限（{}至{}）内。",
                        e.record.label,
                        format_date_zh(e.date),
                        e.agreement.label,
                        format_date_zh(e.term_start),
                        format_date_zh(e.term_end)
                    ),
                )
                .compare("台账日期", format_date_zh(e.date))
                .compare(
                    "协议期限",
                    format!(
                        "{}至{}",
                        format_date_zh(e.term_start),
                        format_date_zh(e.term_end)
                    ),
                ),
            );
        }
        if let (Some(price), Some(market)) = (e.unit_price, e.market_price) {
            if price < market {
                out.push(
                    Finding::new(
                        CheckCode::F8_BELOW_MARKET_PRICE,
                        vec![e.record.clone(), e.agreement.clone()],
                        format!(
                            "{}的收购单价 {} 低于记录的市场价 {}。",
                            e.record.label,
                            yuan(price),
                            yuan(market)
                        ),
                    )
                    .compare("收购单价", yuan(price))
                    .compare("市场价", yuan(market))
                    .threshold("收购单价不低于市场价"),
                );
            }
        }
    }
    out.extend(out_of_season(facts));
    out.extend(late_payments(facts));
    out.extend(round_amounts(facts, thresholds));
    out.extend(income_claims(facts));
    out
}

/// Entries of a product with a season, paid on a day outside it. Products without a season are
/// not judged; the name is matched as typed, trimmed.
fn out_of_season(facts: &LedgerFacts) -> Vec<Finding> {
    let seasons: BTreeMap<&str, &Season> = facts
        .seasons
        .iter()
        .map(|s| (s.product.as_str(), s))
        .collect();
    let mut out = Vec::new();
    for e in &facts.entries {
        let product = e.product.trim();
        let Some(season) = seasons.get(product) else {
            continue;
        };
        if season.contains(e.date) {
            continue;
        }
        out.push(
            Finding::new(
                CheckCode::F8_OUT_OF_SEASON,
                vec![e.record.clone(), e.agreement.clone()],
                format!(
                    "{}的日期 {} 不在{}的上市季节（{}）内。",
                    e.record.label,
                    format_date_zh(e.date),
                    product,
                    season.zh()
                ),
            )
            .compare("产品", product.to_string())
            .compare("台账日期", format_date_zh(e.date))
            .compare("产品季节", season.zh())
            .threshold(format!("{product}的季节：{}（县设定）", season.zh())),
        );
    }
    out
}

/// Entries paid more than the agreement's `pay_within_days` after delivery. Entries without a
/// delivery date, and agreements without the promise, are not judged.
fn late_payments(facts: &LedgerFacts) -> Vec<Finding> {
    let mut out = Vec::new();
    for e in &facts.entries {
        let (Some(delivered), Some(within)) = (e.delivered_date, e.pay_within_days) else {
            continue;
        };
        let days = (e.date - delivered).num_days();
        if days <= i64::from(within) {
            continue;
        }
        out.push(
            Finding::new(
                CheckCode::F8_LATE_PAYMENT,
                vec![e.record.clone(), e.agreement.clone()],
                format!(
                    "{}于 {} 交货，{} 付款，相隔 {days} 天，超过{}约定的 {within} 天。",
                    e.record.label,
                    format_date_zh(delivered),
                    format_date_zh(e.date),
                    e.agreement.label
                ),
            )
            .compare("交货日期", format_date_zh(delivered))
            .compare("付款日期", format_date_zh(e.date))
            .compare("相隔天数", days.to_string())
            .threshold(format!("协议约定交货后 {within} 天内付款")),
        );
    }
    out
}

/// One finding per agreement and amount: the same round amount paid to at least
/// `round_amount_min_households` households.
fn round_amounts(facts: &LedgerFacts, thresholds: &Thresholds) -> Vec<Finding> {
    let unit = Decimal::from(thresholds.round_amount_yuan.max(1));
    let mut groups: BTreeMap<(&str, Decimal), Vec<&Entry>> = BTreeMap::new();
    for e in &facts.entries {
        if e.amount > Decimal::ZERO && (e.amount % unit).is_zero() {
            groups
                .entry((e.agreement.id.as_str(), e.amount.normalize()))
                .or_default()
                .push(e);
        }
    }
    let mut out = Vec::new();
    for ((agreement_id, amount), entries) in groups {
        let mut households: Vec<&str> = entries.iter().map(|e| e.household_id.as_str()).collect();
        households.sort_unstable();
        households.dedup();
        if (households.len() as u32) < thresholds.round_amount_min_households {
            continue;
        }
        let agreement = &entries[0].agreement;
        let mut records = vec![agreement.clone()];
        records.extend(entries.iter().take(MAX_RECORDS).map(|e| e.record.clone()));
        out.push(
            Finding::new(
                CheckCode::F8_ROUND_AMOUNTS,
                records,
                format!(
                    "{}有 {} 户的台账金额都是 {}。",
                    agreement.label,
                    households.len(),
                    yuan(amount)
                ),
            )
            .compare("金额", yuan(amount))
            .compare("户数", households.len().to_string())
            .threshold(format!(
                "{} 户及以上金额相同且为 {} 元的整数倍",
                thresholds.round_amount_min_households, thresholds.round_amount_yuan
            ))
            .anchored(format!("round:{agreement_id}:{amount}")),
        );
    }
    out
}

/// One finding per acceptance whose claimed increase per household is above the ledger's.
fn income_claims(facts: &LedgerFacts) -> Vec<Finding> {
    let mut out = Vec::new();
    for c in &facts.claims {
        let per_household = if c.households == 0 {
            Decimal::ZERO
        } else {
            (c.ledger_total / Decimal::from(c.households)).round_dp(2)
        };
        if c.claimed_per_household <= per_household {
            continue;
        }
        out.push(
            Finding::new(
                CheckCode::F8_INCOME_ABOVE_LEDGER,
                vec![c.inspection.clone()],
                format!(
                    "{}申报带动户均增收 {}，台账记录 {} 户共支付 {}，户均 {}。",
                    c.operator,
                    yuan(c.claimed_per_household),
                    c.households,
                    yuan(c.ledger_total),
                    yuan(per_household)
                ),
            )
            .compare("申报户均增收", yuan(c.claimed_per_household))
            .compare("台账户均", yuan(per_household))
            .compare("台账合计", yuan(c.ledger_total))
            .threshold("申报增收不高于台账户均"),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    fn entry(id: &str, household: &str, date: &str, amount: &str) -> Entry {
        Entry {
            record: RecordRef::new("ledger_entry", id, format!("台账 {id}"), Some("t1".into())),
            agreement: RecordRef::new("agreement", "g1", "协议 XX-1", Some("t1".into())),
            household_id: household.into(),
            product: "土豆".into(),
            date: date.parse().unwrap(),
            delivered_date: None,
            pay_within_days: None,
            amount: d(amount),
            unit_price: None,
            market_price: None,
            term_start: "2019-03-01".parse().unwrap(),
            term_end: "2019-12-31".parse().unwrap(),
        }
    }

    fn run(entries: Vec<Entry>, claims: Vec<IncomeClaim>) -> Vec<Finding> {
        check(
            &LedgerFacts {
                entries,
                claims,
                seasons: vec![],
            },
            &Thresholds::default(),
        )
    }

    fn season(product: &str, from: (u32, u32), to: (u32, u32)) -> Season {
        use crate::checks::seasons::MonthDay;
        Season {
            product: product.into(),
            from: MonthDay(from.0, from.1),
            to: MonthDay(to.0, to.1),
        }
    }

    #[test]
    fn entries_outside_their_products_season_raise_and_on_its_end_days_do_not() {
        // The term is the whole of 2019 here, so only the season can be broken.
        let potato = season("土豆", (9, 1), (11, 30));
        let winter = season("冬菜", (11, 15), (2, 28));
        let cases = [
            ("the day before the season", "土豆", "2019-08-31", 1),
            ("the day after the season", "土豆", "2019-12-01", 1),
            ("near miss: the first day", "土豆", "2019-09-01", 0),
            ("near miss: the last day", " 土豆 ", "2019-11-30", 0),
            ("wrapping: the day before", "冬菜", "2019-11-14", 1),
            ("wrapping: the day after", "冬菜", "2019-03-01", 1),
            (
                "near miss wrapping: new year's eve",
                "冬菜",
                "2019-12-31",
                0,
            ),
            ("near miss wrapping: the last day", "冬菜", "2019-02-28", 0),
            (
                "near miss: a product without a season",
                "马铃薯",
                "2019-06-01",
                0,
            ),
        ];
        for (name, product, date, expected) in cases {
            let mut e = entry("e1", "h1", date, "12.34");
            e.product = product.into();
            e.term_start = "2019-01-01".parse().unwrap();
            let facts = LedgerFacts {
                entries: vec![e],
                claims: vec![],
                seasons: vec![potato.clone(), winter.clone()],
            };
            let found = check(&facts, &Thresholds::default());
            assert_eq!(found.len(), expected, "{name}: {found:?}");
            if let Some(f) = found.first() {
                assert_eq!(f.check, CheckCode::F8_OUT_OF_SEASON);
                let season_shown = &f
                    .compared
                    .iter()
                    .find(|c| c.label == "产品季节")
                    .unwrap()
                    .value;
                assert!(season_shown.contains("月"), "{name}: {season_shown}");
            }
        }
    }

    #[test]
    fn payment_later_than_pay_within_days_raises_and_exactly_on_it_does_not() {
        let cases = [
            ("one day more than 7", Some("2019-09-02"), Some(7), 1),
            ("near miss: exactly 7 days", Some("2019-09-03"), Some(7), 0),
            (
                "near miss: paid on delivery",
                Some("2019-09-10"),
                Some(0),
                0,
            ),
            (
                "one day after delivery, pay the same day",
                Some("2019-09-09"),
                Some(0),
                1,
            ),
            ("near miss: no delivery date", None, Some(7), 0),
            ("near miss: no promise", Some("2019-01-02"), None, 0),
        ];
        for (name, delivered, within, expected) in cases {
            let mut e = entry("e1", "h1", "2019-09-10", "12.34");
            e.delivered_date = delivered.map(|t| t.parse().unwrap());
            e.pay_within_days = within;
            let found = run(vec![e], vec![]);
            assert_eq!(found.len(), expected, "{name}: {found:?}");
            if let Some(f) = found.first() {
                assert_eq!(f.check, CheckCode::F8_LATE_PAYMENT);
                assert_eq!(
                    f.threshold.as_deref(),
                    within
                        .map(|w| format!("协议约定交货后 {w} 天内付款"))
                        .as_deref()
                );
            }
        }
    }

    #[test]
    fn entries_outside_the_term_raise_and_on_its_last_day_do_not() {
        let cases = [
            ("the day after the term", "2020-01-01", 1),
            ("the day before the term", "2019-02-28", 1),
            ("near miss: the last day", "2019-12-31", 0),
            ("near miss: the first day", "2019-03-01", 0),
        ];
        for (name, date, expected) in cases {
            let found = run(vec![entry("e1", "h1", date, "12.34")], vec![]);
            assert_eq!(found.len(), expected, "{name}: {found:?}");
            assert!(found.iter().all(|f| f.check == CheckCode::F8_OUTSIDE_TERM));
        }
    }

    #[test]
    fn a_price_below_the_market_raises_and_equal_or_unrecorded_does_not() {
        let cases = [
            ("one fen below", Some("3.49"), Some("3.50"), 1),
            ("near miss: equal", Some("3.50"), Some("3.50"), 0),
            ("near miss: no market price recorded", Some("1.00"), None, 0),
        ];
        for (name, price, market, expected) in cases {
            let mut e = entry("e1", "h1", "2019-09-10", "35.00");
            e.unit_price = price.map(d);
            e.market_price = market.map(d);
            let found = run(vec![e], vec![]);
            assert_eq!(found.len(), expected, "{name}: {found:?}");
            assert!(found
                .iter()
                .all(|f| f.check == CheckCode::F8_BELOW_MARKET_PRICE));
        }
    }

    #[test]
    fn the_same_round_amount_to_five_households_raises_and_four_or_unround_do_not() {
        let many = |n: usize, amount: &str| -> Vec<Entry> {
            (0..n)
                .map(|i| entry(&format!("e{i}"), &format!("h{i}"), "2019-09-10", amount))
                .collect()
        };
        let cases = [
            ("five households, 500 yuan", many(5, "500.00"), 1),
            ("near miss: four households", many(4, "500.00"), 0),
            ("near miss: 512.30 is not round", many(5, "512.30"), 0),
            ("near miss: 550 is not a multiple of 100", many(5, "550"), 0),
        ];
        for (name, entries, expected) in cases {
            let found = run(entries, vec![]);
            assert_eq!(found.len(), expected, "{name}: {found:?}");
            assert!(found.iter().all(|f| f.check == CheckCode::F8_ROUND_AMOUNTS));
        }
        // A sixth household keeps the finding's key.
        let k5 = run(many(5, "500"), vec![])[0].key();
        let k6 = run(many(6, "500.00"), vec![])[0].key();
        assert_eq!(k5, k6);
    }

    #[test]
    fn a_claimed_increase_above_the_ledger_raises_and_at_it_does_not() {
        let claim = |claimed: &str| IncomeClaim {
            inspection: RecordRef::new("inspection", "i1", "验收", Some("t1".into())),
            operator: "新县某合作社".into(),
            claimed_per_household: d(claimed),
            ledger_total: d("30000.00"),
            households: 10,
        };
        let found = run(vec![], vec![claim("3000.01")]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].check, CheckCode::F8_INCOME_ABOVE_LEDGER);
        assert!(
            found[0].summary.contains("3000.00 元"),
            "{}",
            found[0].summary
        );
        assert!(run(vec![], vec![claim("3000.00")]).is_empty(), "near miss");
    }
}
