//! The statistics report (统计表) a county sends up: per township the figures of a period and
//! of the period before, with the change and the growth rate, and a 合计 row that is the sum
//! of the rows. Pure: the store counts each township's [`Tally`], this module compares and
//! words them (what each figure counts: docs/reports.md).

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::period::Period;
use super::{Invalid, Invalids};
use crate::Code;

/// A figure of the report. The UI owns the labels; `label` is what paper and sheets print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum StatsFigure {
    /// Operators (shops, enterprises …) whose acceptance passed in the period.
    OperatorsAccepted,
    /// Village service stations whose acceptance passed in the period.
    StationsAccepted,
    /// Households on the rosters of agreements in force in the period, each once.
    HouseholdsLinked,
    /// Ledger entries dated in the period, net of reversals (yuan).
    LedgerIncome,
    /// Training person-times of the sessions starting in the period.
    PersonTimes,
    PoorPersonTimes,
    /// Awards decided in the period (yuan).
    FundsAwarded,
    /// Payments dated in the period, net of reversals (yuan).
    FundsPaid,
    /// Integrity findings raised in the period (issue 15; "—" until they are counted).
    Findings,
}

impl StatsFigure {
    pub const ALL: [StatsFigure; 9] = [
        StatsFigure::OperatorsAccepted,
        StatsFigure::StationsAccepted,
        StatsFigure::HouseholdsLinked,
        StatsFigure::LedgerIncome,
        StatsFigure::PersonTimes,
        StatsFigure::PoorPersonTimes,
        StatsFigure::FundsAwarded,
        StatsFigure::FundsPaid,
        StatsFigure::Findings,
    ];

    /// The column heading on paper and in the spreadsheet, with its unit.
    pub fn label(self) -> &'static str {
        match self {
            StatsFigure::OperatorsAccepted => "验收合格实施主体（个）",
            StatsFigure::StationsAccepted => "验收合格服务站点（个）",
            StatsFigure::HouseholdsLinked => "带动贫困户（户）",
            StatsFigure::LedgerIncome => "带贫台账金额（元）",
            StatsFigure::PersonTimes => "培训人次",
            StatsFigure::PoorPersonTimes => "贫困人口培训人次",
            StatsFigure::FundsAwarded => "确定补助资金（元）",
            StatsFigure::FundsPaid => "拨付资金（元）",
            StatsFigure::Findings => "核查发现问题（条）",
        }
    }

    pub fn is_money(self) -> bool {
        matches!(
            self,
            StatsFigure::LedgerIncome | StatsFigure::FundsAwarded | StatsFigure::FundsPaid
        )
    }
}

/// One township's figures for one period, as the store counted them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    pub operators_accepted: u32,
    pub stations_accepted: u32,
    pub households_linked: u32,
    pub ledger_income: Decimal,
    pub person_times: u32,
    pub poor_person_times: u32,
    pub funds_awarded: Decimal,
    pub funds_paid: Decimal,
    /// `None` while findings are not counted (the checks of issue 15 not wired yet).
    pub findings: Option<u32>,
}

impl Tally {
    /// The figure's value; `None` when it is not counted.
    pub fn value(&self, figure: StatsFigure) -> Option<Decimal> {
        Some(match figure {
            StatsFigure::OperatorsAccepted => self.operators_accepted.into(),
            StatsFigure::StationsAccepted => self.stations_accepted.into(),
            StatsFigure::HouseholdsLinked => self.households_linked.into(),
            StatsFigure::LedgerIncome => self.ledger_income,
            StatsFigure::PersonTimes => self.person_times.into(),
            StatsFigure::PoorPersonTimes => self.poor_person_times.into(),
            StatsFigure::FundsAwarded => self.funds_awarded,
            StatsFigure::FundsPaid => self.funds_paid,
            StatsFigure::Findings => return self.findings.map(Decimal::from),
        })
    }

    /// Adds another township's figures (the 合计 is the sum of the rows).
    pub fn add(&mut self, other: &Tally) {
        self.operators_accepted += other.operators_accepted;
        self.stations_accepted += other.stations_accepted;
        self.households_linked += other.households_linked;
        self.ledger_income += other.ledger_income;
        self.person_times += other.person_times;
        self.poor_person_times += other.poor_person_times;
        self.funds_awarded += other.funds_awarded;
        self.funds_paid += other.funds_paid;
        self.findings = match (self.findings, other.findings) {
            (Some(a), Some(b)) => Some(a + b),
            (a, b) => a.or(b),
        };
    }

    pub fn is_zero(&self) -> bool {
        *self == Tally::default()
            || *self
                == Tally {
                    findings: Some(0),
                    ..Tally::default()
                }
    }
}

/// What a report prints when a figure is not counted or a rate has no base.
pub const NONE: &str = "—";

/// One figure of one row: this period, the one before, the change and the growth rate.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct StatsCell {
    pub figure: StatsFigure,
    /// `12`, `3536.00` (money to the fen), or `—` when not counted.
    pub current: String,
    pub previous: String,
    /// `current − previous`: `-3`, `120.50`; `—` when not counted.
    pub change: String,
    /// `25.00%`, `-12.50%`; `—` when the previous period is 0 (no rate against nothing).
    pub growth: String,
}

/// Reads one of a cell's four values.
pub type CellReader = fn(&StatsCell) -> &str;

/// The four lines a row prints as on paper and in the sheet, in order, with what each reads.
pub const MEASURES: [(&str, CellReader); 4] = [
    ("本期", |c| &c.current),
    ("上期", |c| &c.previous),
    ("增减", |c| &c.change),
    ("增长率", |c| &c.growth),
];

/// A township (or the county-level row, or the 合计) and its figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct StatsRow {
    /// The township's 9-digit code; empty for the county-level row and the 合计.
    pub township_code: String,
    pub township_name: String,
    pub cells: Vec<StatsCell>,
}

impl StatsRow {
    pub fn cell(&self, figure: StatsFigure) -> &StatsCell {
        self.cells
            .iter()
            .find(|c| c.figure == figure)
            .expect("every row has every figure")
    }
}

/// A statistics report: the period and the one it is compared with, what it was asked for,
/// a row per township and the 合计.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct StatsReport {
    pub county_name: String,
    /// As `--period` takes it: `2019-Q3`.
    pub period: String,
    /// As forms print it: 2019年第三季度.
    pub period_label: String,
    pub from: String,
    pub to: String,
    pub previous_period: String,
    pub previous_label: String,
    pub programme_id: Option<String>,
    pub programme_name: Option<String>,
    pub township_code: Option<String>,
    pub rows: Vec<StatsRow>,
    pub total: StatsRow,
    /// Whether findings are counted (false until the checks' findings are wired in).
    pub findings_counted: bool,
    /// The id the printed report goes by (form `stats-report`): `StatsQuery::record_id`.
    pub print_id: String,
}

impl StatsReport {
    /// 成县2019年第三季度电子商务扶贫统计表.
    pub fn title(&self) -> String {
        format!(
            "{}{}电子商务扶贫统计表",
            self.county_name, self.period_label
        )
    }
}

fn number(figure: StatsFigure, value: Decimal) -> String {
    if figure.is_money() {
        format!(
            "{:.2}",
            value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
        )
    } else {
        value.trunc().to_string()
    }
}

/// The growth rate of `current` over `previous`, to 0.01 %, half-up; none against 0.
pub fn growth_rate(current: Decimal, previous: Decimal) -> Option<Decimal> {
    if previous.is_zero() {
        return None;
    }
    Some(
        ((current - previous) * Decimal::ONE_HUNDRED / previous)
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero),
    )
}

/// A figure of this period compared with the one before.
pub fn cell(figure: StatsFigure, current: &Tally, previous: &Tally) -> StatsCell {
    match (current.value(figure), previous.value(figure)) {
        (Some(now), Some(before)) => StatsCell {
            figure,
            current: number(figure, now),
            previous: number(figure, before),
            change: number(figure, now - before),
            growth: growth_rate(now, before).map_or_else(|| NONE.into(), |g| format!("{g:.2}%")),
        },
        _ => StatsCell {
            figure,
            current: NONE.into(),
            previous: NONE.into(),
            change: NONE.into(),
            growth: NONE.into(),
        },
    }
}

/// A row from its two tallies.
pub fn row(code: &str, name: &str, current: &Tally, previous: &Tally) -> StatsRow {
    StatsRow {
        township_code: code.to_string(),
        township_name: name.to_string(),
        cells: StatsFigure::ALL
            .iter()
            .map(|f| cell(*f, current, previous))
            .collect(),
    }
}

/// One township's name and code with its tallies of the period and the one before.
pub struct TownshipTallies {
    pub code: String,
    pub name: String,
    pub current: Tally,
    pub previous: Tally,
}

/// The rows and the 合计, the sum of the rows' tallies (compared, not the rows' rates added).
pub fn rows_and_total(townships: &[TownshipTallies]) -> (Vec<StatsRow>, StatsRow) {
    let mut current = Tally::default();
    let mut previous = Tally::default();
    let rows = townships
        .iter()
        .map(|t| {
            current.add(&t.current);
            previous.add(&t.previous);
            row(&t.code, &t.name, &t.current, &t.previous)
        })
        .collect();
    (rows, row("", "合计", &current, &previous))
}

/// What a report is asked for, as the CLI and the screen send it: a period (`2019-Q3`) or two
/// dates, and optionally a programme and a township (code or name).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", default)]
pub struct StatsRequest {
    pub period: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub programme_id: Option<String>,
    pub township: Option<String>,
}

/// A report's question once its period is understood.
#[derive(Debug, Clone, PartialEq)]
pub struct StatsQuery {
    pub period: Period,
    pub programme_id: Option<String>,
    /// A township's 9-digit code or name.
    pub township: Option<String>,
}

fn given(raw: &Option<String>) -> Option<&str> {
    raw.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl StatsRequest {
    /// The query, or every problem of the period at once: none given, both a period and
    /// dates, an unreadable period or date, `from` after `to`.
    pub fn query(&self) -> Result<StatsQuery, Invalids> {
        let period = match (given(&self.period), given(&self.from), given(&self.to)) {
            (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
                return Err(Invalid::new(
                    Code::PERIOD_INVALID,
                    "period",
                    "统计期间与起止日期只能给一种：请只写期间（如 2019-Q3），或只写起止日期。",
                )
                .into())
            }
            (Some(period), None, None) => Period::parse(period)?,
            (None, None, None) => Period::parse("")?,
            (None, from, to) => Period::between(from.unwrap_or_default(), to.unwrap_or_default())?,
        };
        Ok(StatsQuery {
            period,
            programme_id: given(&self.programme_id).map(String::from),
            township: given(&self.township).map(String::from),
        })
    }
}

impl StatsQuery {
    /// The printed report's record id, from which the print log rebuilds it:
    /// `2019-Q3|programme id|township` (empty parts when not asked).
    pub fn record_id(&self) -> String {
        format!(
            "{}|{}|{}",
            self.period.code(),
            self.programme_id.as_deref().unwrap_or_default(),
            self.township.as_deref().unwrap_or_default()
        )
    }

    pub fn from_record_id(id: &str) -> Option<StatsQuery> {
        let mut parts = id.splitn(3, '|');
        let period = Period::parse(parts.next()?).ok()?;
        let part = |p: Option<&str>| p.filter(|s| !s.is_empty()).map(String::from);
        Some(StatsQuery {
            period,
            programme_id: part(parts.next()),
            township: part(parts.next()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(raw: &str) -> Decimal {
        raw.parse().unwrap()
    }

    #[test]
    fn growth_against_zero_has_no_rate_and_is_rounded_half_up() {
        assert_eq!(
            growth_rate(money("125"), money("100")),
            Some(money("25.00"))
        );
        assert_eq!(growth_rate(money("0"), money("8")), Some(money("-100.00")));
        assert_eq!(growth_rate(money("5"), Decimal::ZERO), None);
        // 1/3 of a percent above: 33.333… → 33.33; 2/3 → 66.67 (half-up).
        assert_eq!(growth_rate(money("4"), money("3")), Some(money("33.33")));
        assert_eq!(growth_rate(money("5"), money("3")), Some(money("66.67")));
        let now = Tally {
            person_times: 5,
            ledger_income: money("100.5"),
            ..Tally::default()
        };
        let c = cell(StatsFigure::PersonTimes, &now, &Tally::default());
        assert_eq!(
            (c.current.as_str(), c.change.as_str(), c.growth.as_str()),
            ("5", "5", "—")
        );
        let c = cell(StatsFigure::LedgerIncome, &Tally::default(), &now);
        assert_eq!(
            (
                c.current.as_str(),
                c.previous.as_str(),
                c.change.as_str(),
                c.growth.as_str()
            ),
            ("0.00", "100.50", "-100.50", "-100.00%")
        );
    }

    #[test]
    fn a_request_names_a_period_or_dates_never_both_nor_neither() {
        let q3 = StatsRequest {
            period: Some("2019-Q3".into()),
            programme_id: Some(" ".into()),
            ..StatsRequest::default()
        };
        let query = q3.query().unwrap();
        assert_eq!(query.period, Period::quarter(2019, 3).unwrap());
        assert_eq!(query.programme_id, None);
        assert_eq!(StatsQuery::from_record_id(&query.record_id()), Some(query));
        let none = StatsRequest::default().query().unwrap_err();
        assert_eq!(none.code(), Code::PERIOD_EMPTY);
        let both = StatsRequest {
            period: Some("2019".into()),
            from: Some("2019-01-01".into()),
            ..StatsRequest::default()
        };
        assert_eq!(both.query().unwrap_err().code(), Code::PERIOD_INVALID);
        let only_from = StatsRequest {
            from: Some("2019-01-01".into()),
            ..StatsRequest::default()
        };
        let e = only_from.query().unwrap_err();
        assert_eq!((e.code(), e.field()), (Code::DATE_INVALID, "to"));
    }

    #[test]
    fn findings_not_counted_print_a_dash_everywhere() {
        let c = cell(StatsFigure::Findings, &Tally::default(), &Tally::default());
        assert_eq!(
            [c.current, c.previous, c.change, c.growth],
            ["—", "—", "—", "—"].map(String::from)
        );
    }

    #[test]
    fn the_total_is_the_sum_of_the_rows_and_its_rate_is_of_the_sums() {
        let a = TownshipTallies {
            code: "654224100".into(),
            name: "托里镇".into(),
            current: Tally {
                households_linked: 3,
                funds_paid: money("100.00"),
                ..Tally::default()
            },
            previous: Tally {
                households_linked: 1,
                ..Tally::default()
            },
        };
        let b = TownshipTallies {
            code: "654224101".into(),
            name: "庙尔沟镇".into(),
            current: Tally {
                households_linked: 1,
                funds_paid: money("0.50"),
                ..Tally::default()
            },
            previous: Tally {
                households_linked: 3,
                ..Tally::default()
            },
        };
        let (rows, total) = rows_and_total(&[a, b]);
        assert_eq!(rows.len(), 2);
        let h = total.cell(StatsFigure::HouseholdsLinked);
        assert_eq!((h.current.as_str(), h.previous.as_str()), ("4", "4"));
        assert_eq!(h.growth, "0.00%");
        assert_eq!(total.cell(StatsFigure::FundsPaid).current, "100.50");
        assert_eq!(
            rows[0].cell(StatsFigure::HouseholdsLinked).growth,
            "200.00%"
        );
    }
}
