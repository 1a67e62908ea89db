//! Linkage agreements (带贫协议) with their rosters (花名册) and assistance ledgers (帮扶台账).
//! Income is derived from the ledger, never typed: that is what an auditor re-computes.

use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use super::agreement_programmes::{
    programme_warnings, roster_minimum, LinkedProgramme, ProgrammeLink,
};
use super::money::{amount, parse_yuan, round_fen};
use super::places::{optional_text, required_text};
use super::resident_id::half_width;
use super::{parse_date, Invalid, Invalids, Problems};
use crate::Code;

/// The demonstration-shop rule of 成县's plan: at least this many registered poor households per
/// shop. An agreement's own minimum comes from its programme (`roster_minimum`); this figure is
/// what the 成县 preset says.
pub const DEMO_SHOP_MIN_HOUSEHOLDS: u32 = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum LinkageMode {
    ProtectivePurchase,
    SaleOnBehalf,
    Employment,
    Dividend,
    LandLease,
    Training,
}

impl LinkageMode {
    pub fn label(self) -> &'static str {
        match self {
            LinkageMode::ProtectivePurchase => "保护价收购",
            LinkageMode::SaleOnBehalf => "代销",
            LinkageMode::Employment => "务工就业",
            LinkageMode::Dividend => "入股分红",
            LinkageMode::LandLease => "土地流转",
            LinkageMode::Training => "技能培训",
        }
    }
}

/// The protective-price promise: none, a fixed price, or the local market price plus a percentage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PriceRule {
    None,
    Fixed,
    MarketPlus,
}

impl PriceRule {
    pub fn code(self) -> &'static str {
        match self {
            PriceRule::None => "none",
            PriceRule::Fixed => "fixed",
            PriceRule::MarketPlus => "market_plus",
        }
    }
    pub fn from_code(code: &str) -> PriceRule {
        match code {
            "fixed" => PriceRule::Fixed,
            "market_plus" => PriceRule::MarketPlus,
            _ => PriceRule::None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AgreementInput {
    pub number: String,
    pub year: i32,
    /// The programme's name as free text: what older versions stored. Read only when
    /// `programme_id` is empty, then matched by name (the agreement's year decides between
    /// years); the store keeps it equal to the linked programme's name.
    #[serde(default)]
    pub programme: String,
    /// The programme the agreement belongs to (its roster minimum applies).
    #[serde(default)]
    pub programme_id: Option<String>,
    pub operator_id: String,
    #[serde(default)]
    pub witness_village_id: Option<String>,
    pub modes: Vec<LinkageMode>,
    pub price_rule: PriceRule,
    /// Yuan for a fixed price, percent for market-plus; empty for none.
    #[serde(default)]
    pub price_value: String,
    #[serde(default)]
    pub min_quantity: String,
    #[serde(default)]
    pub pay_within_days: Option<u32>,
    pub target_households: u32,
    /// Promised income increase per household, in yuan.
    #[serde(default)]
    pub target_income: String,
    pub term_start: String,
    pub term_end: String,
}

pub struct ValidAgreement {
    pub input: AgreementInput,
    pub price_value: Option<Decimal>,
    pub target_income: Decimal,
    pub term_start: NaiveDate,
    pub term_end: NaiveDate,
    pub warnings: Vec<Invalid>,
}

impl AgreementInput {
    /// `validated_for` an agreement linked to no programme.
    pub fn validated(&self) -> Result<ValidAgreement, Invalids> {
        self.validated_for(&ProgrammeLink::Unlinked)
    }

    /// Every problem of the input at once (`Invalids`), or the agreement normalised, checked
    /// against the programme it is linked to (which must exist; its roster minimum applies).
    pub fn validated_for(&self, link: &ProgrammeLink) -> Result<ValidAgreement, Invalids> {
        let mut problems = Problems::new();
        let mut warnings = Vec::new();
        let number = problems.take(required_text(&self.number, "number", "协议编号", 40));
        problems.check(
            !(2010..=2100).contains(&self.year),
            Code::AGREEMENT_YEAR,
            "year",
            format!("年度应为四位年份，例如 2019，现在是 {}。", self.year),
        );
        let programme = problems.take(optional_text(&self.programme, "programme", "项目", 60));
        problems.check(
            *link == ProgrammeLink::Missing,
            Code::AGREEMENT_PROGRAMME_UNKNOWN,
            "programmeId",
            "所选的项目不存在。请从本县的项目中选择，或先在“项目”中添加。",
        );
        problems.check(
            self.operator_id.trim().is_empty(),
            Code::AGREEMENT_OPERATOR,
            "operatorId",
            "请选择签订协议的实施主体（甲方）。",
        );
        problems.check(
            self.modes.is_empty(),
            Code::AGREEMENT_MODES,
            "modes",
            "请至少选择一种带贫方式（如保护价收购、代销、务工就业）。",
        );
        let price_value = problems.take(self.price_value());
        let min_quantity = problems.take(optional_text(
            &self.min_quantity,
            "minQuantity",
            "最低收购量",
            40,
        ));
        let target_income = match self.target_income.trim() {
            "" => Some(Decimal::ZERO.round_dp(2)),
            raw => problems.take(parse_yuan(raw, "targetIncome")),
        };
        let term_start = problems.take(parse_date(&self.term_start, "termStart", "协议起始日期"));
        let term_end = problems.take(parse_date(&self.term_end, "termEnd", "协议截止日期"));
        if let (Some(term_start), Some(term_end)) = (term_start, term_end) {
            problems.check(
                term_end < term_start,
                Code::AGREEMENT_TERM,
                "termEnd",
                "协议截止日期早于起始日期，请核对。",
            );
            if term_start.year() != self.year && term_end.year() != self.year {
                warnings.push(Invalid::new(
                    Code::AGREEMENT_YEAR_TERM,
                    "year",
                    format!(
                        "协议年度 {} 与协议期限（{} 至 {}）不在同一年，请核对。",
                        self.year,
                        super::format_date_zh(term_start),
                        super::format_date_zh(term_end)
                    ),
                ));
            }
        }
        warnings.extend(programme_warnings(link, self.year, self.target_households));
        let taken = (|| {
            Some((
                number?,
                programme?,
                price_value?,
                min_quantity?,
                target_income?,
                term_start?,
                term_end?,
            ))
        })();
        let (number, programme, price_value, min_quantity, target_income, term_start, term_end) =
            problems.done(taken)?;
        let mut modes = self.modes.clone();
        modes.sort();
        modes.dedup();
        Ok(ValidAgreement {
            input: AgreementInput {
                number,
                programme,
                modes,
                min_quantity,
                witness_village_id: super::optional_id(&self.witness_village_id),
                programme_id: super::optional_id(&self.programme_id),
                operator_id: self.operator_id.trim().to_string(),
                ..self.clone()
            },
            price_value,
            target_income,
            term_start,
            term_end,
            warnings,
        })
    }
}

impl AgreementInput {
    /// The price rule's value: a protective price in yuan, or a percentage above market.
    fn price_value(&self) -> Result<Option<Decimal>, Invalid> {
        match self.price_rule {
            PriceRule::None => Ok(None),
            PriceRule::Fixed => {
                let price = parse_yuan(&self.price_value, "priceValue")?;
                positive(price, "priceValue", "保护价")?;
                Ok(Some(price))
            }
            PriceRule::MarketPlus => {
                let percent = parse_decimal(&self.price_value, "priceValue", "上浮比例", 2)?;
                if percent <= Decimal::ZERO || percent > Decimal::from(100) {
                    return Err(Invalid::new(
                        Code::AGREEMENT_PRICE,
                        "priceValue",
                        "高于市场价的比例应在 0 到 100（%）之间，例如 10 表示高出 10%。",
                    ));
                }
                Ok(Some(percent))
            }
        }
    }
}

fn positive(value: Decimal, field: &'static str, label: &str) -> Result<(), Invalid> {
    if value <= Decimal::ZERO {
        return Err(Invalid::new(
            Code::AMOUNT_NOT_POSITIVE,
            field,
            format!("{label}应大于 0。"),
        ));
    }
    Ok(())
}

/// A non-negative decimal with at most `places` decimals, as typed (full-width digits allowed).
pub fn parse_decimal(
    raw: &str,
    field: &'static str,
    label: &str,
    places: u32,
) -> Result<Decimal, Invalid> {
    let text: String = raw
        .chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace() && *c != ',')
        .collect();
    let value = Decimal::from_str(&text).map_err(|_| {
        Invalid::new(
            Code::NUMBER_INVALID,
            field,
            format!("{label}“{}”不是数字，请只填写数字，例如 12.5。", raw.trim()),
        )
    })?;
    if value.normalize().scale() > places {
        return Err(Invalid::new(
            Code::NUMBER_PRECISION,
            field,
            format!("{label}最多保留 {places} 位小数。"),
        ));
    }
    if value.is_sign_negative() {
        return Err(Invalid::new(
            Code::NUMBER_NEGATIVE,
            field,
            format!("{label}不能为负数；冲销请用“冲销”功能。"),
        ));
    }
    Ok(value)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RosterInput {
    pub agreement_id: String,
    pub household_id: String,
    pub mode: LinkageMode,
    /// What the linkage is for this household: 收购土豆 2000 斤, 店内务工 …
    #[serde(default)]
    pub content: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct LedgerInput {
    pub agreement_id: String,
    pub household_id: String,
    pub date: String,
    pub product: String,
    pub quantity: String,
    pub unit: String,
    pub unit_price: String,
    #[serde(default)]
    pub market_price: String,
    #[serde(default)]
    pub payment_method: String,
    #[serde(default)]
    pub voucher_no: String,
    /// The day the goods were delivered or bought (交货日期 / 收购日期), from which the
    /// agreement's `pay_within_days` counts; empty when not recorded. Not after `date` (the day
    /// paid) nor after today.
    #[serde(default)]
    pub delivered_date: String,
}

pub struct ValidLedger {
    pub date: NaiveDate,
    pub delivered_date: Option<NaiveDate>,
    pub product: String,
    pub quantity: Decimal,
    pub unit: String,
    pub unit_price: Decimal,
    pub market_price: Option<Decimal>,
    pub amount: Decimal,
    pub payment_method: String,
    pub voucher_no: String,
    pub warnings: Vec<Invalid>,
}

/// The agreement facts a ledger entry is checked against.
pub struct Term {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub price_rule: PriceRule,
    pub price_value: Option<Decimal>,
}

impl LedgerInput {
    /// Every problem of the entry at once (`Invalids`), or the entry with its amount. `today`
    /// bounds the delivery date.
    pub fn validated(&self, term: &Term, today: NaiveDate) -> Result<ValidLedger, Invalids> {
        let mut problems = Problems::new();
        let mut warnings = Vec::new();
        let date = problems.take(parse_date(&self.date, "date", "日期"));
        if let Some(date) = date {
            problems.check(
                date < term.start || date > term.end,
                Code::LEDGER_OUTSIDE_TERM,
                "date",
                format!(
                    "日期 {} 不在协议期限内（{} 至 {}）。",
                    super::format_date_zh(date),
                    super::format_date_zh(term.start),
                    super::format_date_zh(term.end)
                ),
            );
        }
        let delivered_date = match self.delivered_date.trim() {
            "" => Some(None),
            raw => problems
                .take(parse_date(raw, "deliveredDate", "交货日期"))
                .map(Some),
        };
        if let Some(Some(delivered)) = delivered_date {
            problems.check(
                delivered > today,
                Code::LEDGER_DELIVERED_FUTURE,
                "deliveredDate",
                format!(
                    "交货日期 {} 晚于今天（{}）。请填写实际交货或收购的日期。",
                    super::format_date_zh(delivered),
                    super::format_date_zh(today)
                ),
            );
            if let Some(paid) = date {
                problems.check(
                    delivered > paid,
                    Code::LEDGER_DELIVERED_AFTER_PAYMENT,
                    "deliveredDate",
                    format!(
                        "交货日期 {} 晚于付款日期 {}。台账记的是已付的款，请先交货再登记付款，或改正其中一个日期。",
                        super::format_date_zh(delivered),
                        super::format_date_zh(paid)
                    ),
                );
            }
        }
        let product = problems.take(required_text(&self.product, "product", "产品", 30));
        let quantity = problems.take(
            parse_decimal(&self.quantity, "quantity", "数量", 3)
                .and_then(|q| positive(q, "quantity", "数量").map(|()| q)),
        );
        let unit = problems.take(required_text(&self.unit, "unit", "单位", 10));
        let unit_price = problems.take(
            parse_yuan(&self.unit_price, "unitPrice")
                .and_then(|p| positive(p, "unitPrice", "单价").map(|()| p)),
        );
        let market_price = match self.market_price.trim() {
            "" => Some(None),
            raw => problems.take(parse_yuan(raw, "marketPrice")).map(Some),
        };
        if let (Some(unit_price), Some(market_price)) = (unit_price, market_price) {
            warnings.extend(price_warnings(term, unit_price, market_price));
        }
        let payment_method = problems.take(optional_text(
            &self.payment_method,
            "paymentMethod",
            "付款方式",
            20,
        ));
        let voucher_no = problems.take(optional_text(&self.voucher_no, "voucherNo", "凭证号", 40));
        let taken = (|| {
            Some((
                (date?, delivered_date?),
                product?,
                quantity?,
                unit?,
                unit_price?,
                market_price?,
                payment_method?,
                voucher_no?,
            ))
        })();
        let (
            (date, delivered_date),
            product,
            quantity,
            unit,
            unit_price,
            market_price,
            payment_method,
            voucher_no,
        ) = problems.done(taken)?;
        Ok(ValidLedger {
            date,
            delivered_date,
            product,
            amount: amount(quantity, unit_price),
            quantity,
            unit,
            unit_price,
            market_price,
            payment_method,
            voucher_no,
            warnings,
        })
    }
}

/// What a paid price breaks of the agreement's promise: below market, below the promise.
fn price_warnings(term: &Term, unit_price: Decimal, market_price: Option<Decimal>) -> Vec<Invalid> {
    let mut warnings = Vec::new();
    if let Some(market) = market_price {
        if unit_price < market {
            warnings.push(Invalid::new(
                Code::LEDGER_BELOW_MARKET,
                "unitPrice",
                format!("收购单价 {unit_price} 元低于当地市场价 {market} 元，违反保护价承诺。"),
            ));
        } else if let (PriceRule::MarketPlus, Some(percent)) = (term.price_rule, term.price_value) {
            let promised = round_fen(market * (Decimal::ONE + percent / Decimal::from(100)));
            if unit_price < promised {
                warnings.push(Invalid::new(
                    Code::LEDGER_BELOW_PROMISE,
                    "unitPrice",
                    format!("协议承诺高于市场价 {percent}%，即不低于 {promised} 元，实付 {unit_price} 元。"),
                ));
            }
        }
    }
    if let (PriceRule::Fixed, Some(fixed)) = (term.price_rule, term.price_value) {
        if unit_price < fixed {
            warnings.push(Invalid::new(
                Code::LEDGER_BELOW_PROMISE,
                "unitPrice",
                format!("协议约定保护价 {fixed} 元，实付 {unit_price} 元。"),
            ));
        }
    }
    warnings
}

/// One ledger line as the income computation needs it.
pub struct LedgerLine {
    pub household_id: String,
    pub quantity: Decimal,
    pub unit_price: Decimal,
    pub market_price: Option<Decimal>,
    pub amount: Decimal,
}

/// Per household: money received from the shop (Σ amount, reversals included) and the part of
/// it above the local market price (the protective-price premium).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Income {
    pub income: Decimal,
    pub premium: Decimal,
    pub entries: u32,
}

pub fn income_by_household(lines: &[LedgerLine]) -> BTreeMap<String, Income> {
    let mut out: BTreeMap<String, Income> = BTreeMap::new();
    for line in lines {
        let slot = out.entry(line.household_id.clone()).or_default();
        slot.income += line.amount;
        if let Some(market) = line.market_price {
            slot.premium += round_fen((line.unit_price - market) * line.quantity);
        }
        slot.entries += 1;
    }
    out
}

/// An agreement as its editor shows it, with what the roster and ledger say about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Agreement {
    pub id: String,
    pub number: String,
    pub year: i32,
    /// The linked programme's name; the free text kept when the agreement is not linked.
    pub programme: String,
    pub programme_id: Option<String>,
    pub operator_id: String,
    pub operator_name: String,
    pub witness_village_id: Option<String>,
    /// 鸡峰镇长沟村村民委员会
    pub witness: String,
    pub modes: Vec<LinkageMode>,
    pub price_rule: PriceRule,
    pub price_value: String,
    pub min_quantity: String,
    pub pay_within_days: Option<u32>,
    pub target_households: u32,
    pub target_income: String,
    pub term_start: String,
    pub term_end: String,
    pub scan_sha256: Option<String>,
    pub scan_file_name: Option<String>,
    pub roster_count: u32,
    /// The least number of households the linked programme asks for (`roster_minimum`);
    /// `None`: no programme, or it sets none.
    pub roster_min: Option<u32>,
    /// At least `roster_min` households on the roster (true when there is no minimum).
    pub meets_demo_shop_rule: bool,
    /// Σ ledger amounts, yuan with 2 decimals.
    pub total_income: String,
    pub total_premium: String,
    /// total income / roster households, yuan.
    pub income_per_household: String,
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AgreementSummary {
    pub id: String,
    pub number: String,
    pub year: i32,
    pub operator_name: String,
    pub place: String,
    /// The linked programme's name; the free text kept when the agreement is not linked.
    pub programme: String,
    pub programme_id: Option<String>,
    pub roster_count: u32,
    pub roster_min: Option<u32>,
    pub meets_demo_shop_rule: bool,
    pub total_income: String,
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RosterRow {
    pub id: String,
    pub household_id: String,
    pub head_name: String,
    pub id_masked: String,
    pub place: String,
    pub size: u32,
    pub category_label: String,
    pub mode: LinkageMode,
    pub content: String,
    pub income: String,
    pub premium: String,
    pub entries: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct LedgerRow {
    pub id: String,
    pub household_id: String,
    pub head_name: String,
    pub date: String,
    pub product: String,
    pub quantity: String,
    pub unit: String,
    pub unit_price: String,
    pub market_price: String,
    pub amount: String,
    pub payment_method: String,
    pub voucher_no: String,
    /// 交货日期 / 收购日期 ("YYYY-MM-DD"), empty when not recorded.
    pub delivered_date: String,
    /// Set on a reversing entry: the entry it cancels.
    pub reverses_id: Option<String>,
    /// Set on an entry that a later entry reversed.
    pub reversed_by: Option<String>,
}

/// The agreements a household is on and what they brought it, for the household's detail page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct HouseholdLinks {
    pub links: Vec<HouseholdLink>,
    /// The household's income from all of them, in yuan to the fen (the sum of `income`).
    pub income_total: String,
}

/// An agreement a household is on, for the household's detail page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct HouseholdLink {
    pub agreement_id: String,
    pub number: String,
    pub year: i32,
    pub operator_name: String,
    pub mode: LinkageMode,
    pub content: String,
    pub income: String,
    pub premium: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn term() -> Term {
        Term {
            start: NaiveDate::from_ymd_opt(2019, 3, 1).unwrap(),
            end: NaiveDate::from_ymd_opt(2019, 12, 31).unwrap(),
            price_rule: PriceRule::MarketPlus,
            price_value: Some(d("10")),
        }
    }

    fn ledger() -> LedgerInput {
        LedgerInput {
            agreement_id: "a".into(),
            household_id: "h".into(),
            date: "2019-08-12".into(),
            product: "土豆".into(),
            quantity: "333.5".into(),
            unit: "斤".into(),
            unit_price: "1.35".into(),
            market_price: "1.20".into(),
            payment_method: "微信".into(),
            voucher_no: "P-001".into(),
            delivered_date: "2019-08-09".into(),
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2019, 9, 1).unwrap()
    }

    #[test]
    fn amount_is_quantity_times_price_rounded_half_up_to_the_fen() {
        let valid = ledger().validated(&term(), today()).unwrap();
        assert_eq!(valid.amount, d("450.23"), "333.5 × 1.35 = 450.225 → 450.23");
        assert!(valid.warnings.is_empty());
    }

    #[test]
    fn a_date_outside_the_term_is_refused() {
        let mut input = ledger();
        input.date = "2020-01-01".into();
        let e = input
            .validated(&term(), today())
            .err()
            .unwrap()
            .first()
            .clone();
        assert_eq!((e.code, e.field), (Code::LEDGER_OUTSIDE_TERM, "date"));
        assert!(
            e.message.contains("2019年3月1日 至 2019年12月31日"),
            "{}",
            e.message
        );
    }

    #[test]
    fn a_delivery_after_payment_or_in_the_future_is_refused_and_the_same_day_is_not() {
        let cases = [
            (
                "delivered the day it was paid",
                "2019-08-12",
                "2019-08-12",
                None,
            ),
            ("not recorded", "2019-08-12", "", None),
            (
                "delivered the day after payment",
                "2019-08-12",
                "2019-08-13",
                Some(Code::LEDGER_DELIVERED_AFTER_PAYMENT),
            ),
            (
                "delivered tomorrow (paid in the future too)",
                "2019-09-02",
                "2019-09-02",
                Some(Code::LEDGER_DELIVERED_FUTURE),
            ),
            (
                "not a date",
                "2019-08-12",
                "2019-02-30",
                Some(Code::DATE_INVALID),
            ),
        ];
        for (name, paid, delivered, expected) in cases {
            let input = LedgerInput {
                date: paid.into(),
                delivered_date: delivered.into(),
                ..ledger()
            };
            let got = input
                .validated(&term(), today())
                .err()
                .map(|e| (e.code(), e.field()));
            assert_eq!(got, expected.map(|c| (c, "deliveredDate")), "{name}");
        }
        let stored = ledger().validated(&term(), today()).unwrap();
        assert_eq!(stored.delivered_date, NaiveDate::from_ymd_opt(2019, 8, 9));
    }

    #[test]
    fn prices_below_market_or_below_the_promise_are_warnings() {
        let warnings_at = |unit_price: &str| -> Vec<&str> {
            let input = LedgerInput {
                unit_price: unit_price.into(),
                ..ledger()
            };
            let valid = input.validated(&term(), today()).unwrap();
            valid.warnings.iter().map(|w| w.code.as_str()).collect()
        };
        assert_eq!(warnings_at("1.10"), ["LEDGER_BELOW_MARKET"]);
        assert_eq!(
            warnings_at("1.25"),
            ["LEDGER_BELOW_PROMISE"],
            "market 1.20 + 10% = 1.32"
        );
    }

    #[test]
    fn bad_numbers_name_their_field() {
        for (field, value, code) in [
            ("quantity", "abc", Code::NUMBER_INVALID),
            ("quantity", "0", Code::AMOUNT_NOT_POSITIVE),
            ("quantity", "-3", Code::NUMBER_NEGATIVE),
            ("quantity", "1.2345", Code::NUMBER_PRECISION),
            ("unitPrice", "1.234", Code::MONEY_PRECISION),
        ] {
            let mut input = ledger();
            match field {
                "quantity" => input.quantity = value.into(),
                _ => input.unit_price = value.into(),
            }
            let e = input
                .validated(&term(), today())
                .err()
                .unwrap()
                .first()
                .clone();
            assert_eq!((e.code, e.field), (code, field), "{value}: {}", e.message);
        }
    }

    #[test]
    fn income_and_premium_are_derived_per_household() {
        let line = |h: &str, q: &str, p: &str, m: Option<&str>| LedgerLine {
            household_id: h.into(),
            quantity: d(q),
            unit_price: d(p),
            market_price: m.map(d),
            amount: amount(d(q), d(p)),
        };
        let lines = [
            line("a", "100", "1.50", Some("1.20")),
            line("a", "50", "2.00", None),
            line("b", "10", "3.335", Some("3.00")),
        ];
        let income = income_by_household(&lines);
        assert_eq!(income["a"].income, d("250.00"));
        assert_eq!(income["a"].premium, d("30.00"));
        assert_eq!(income["a"].entries, 2);
        assert_eq!(
            income["b"].income,
            d("33.35"),
            "33.35 exactly, not 33.349999"
        );
        assert_eq!(income["b"].premium, d("3.35"));
    }
}
