//! A village service station's monthly service record (站点月度服务): 霍邱's five functions
//! (商品代购, 物流快递, 便民服务, 业务宣传, 信息上报) and the month's service value, which the
//! `stations_reaching_service` target averages (see docs/records.md).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::money::parse_yuan;
use super::{Invalid, Invalids, Problems};
use crate::Code;

/// What an officer types for one station and month.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StationMonthInput {
    /// The service station (an operator of kind service_station).
    pub station_id: String,
    /// YYYY-MM
    pub month: String,
    /// Yuan of services in the month (代购代销、代存代缴 …), e.g. "2350.50".
    pub service_value: String,
    #[serde(default)]
    pub purchases: u32,
    #[serde(default)]
    pub sales: u32,
    #[serde(default)]
    pub parcels: u32,
    #[serde(default)]
    pub bills_paid: u32,
    #[serde(default)]
    pub publicity: u32,
    #[serde(default)]
    pub reports: u32,
    #[serde(default)]
    pub notes: String,
}

/// One stored month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct StationMonth {
    pub id: String,
    pub station_id: String,
    pub station_name: String,
    pub month: String,
    /// Yuan, two decimals.
    pub service_value: String,
    pub purchases: u32,
    pub sales: u32,
    pub parcels: u32,
    pub bills_paid: u32,
    pub publicity: u32,
    pub reports: u32,
    pub notes: String,
    pub status: String,
}

/// A month just voided: its id and the reason kept with the tombstone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct VoidedMonth {
    pub id: String,
    pub void_reason: String,
}

impl StationMonthInput {
    /// The month checked (a real YYYY-MM) and the service value in yuan to the fen, not
    /// negative; every problem at once.
    pub fn validated(&self) -> Result<Decimal, Invalids> {
        let mut problems = Problems::new();
        problems.check(
            month_number(&self.month).is_none(),
            Code::STATION_MONTH_MONTH,
            "month",
            format!("月份“{}”应写成 年-月，例如 2020-03。", self.month),
        );
        let value = problems.take(
            parse_yuan(&self.service_value, "serviceValue").and_then(|v| {
                if v < Decimal::ZERO {
                    Err(Invalid::new(
                        Code::STATION_MONTH_VALUE,
                        "serviceValue",
                        format!("服务金额不能为负数，现在是 {v} 元。没有服务的月份填 0。"),
                    ))
                } else {
                    Ok(v)
                }
            }),
        );
        problems.finish()?;
        Ok(value.expect("checked above"))
    }
}

/// (year, month) of a "YYYY-MM" text, `None` unless it is exactly that with a month 01–12.
pub fn month_number(text: &str) -> Option<(i32, u32)> {
    let (year, month) = text.split_once('-')?;
    if year.len() != 4
        || month.len() != 2
        || !text
            .bytes()
            .filter(|b| *b != b'-')
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let (year, month): (i32, u32) = (year.parse().ok()?, month.parse().ok()?);
    ((2000..=2100).contains(&year) && (1..=12).contains(&month)).then_some((year, month))
}

/// Whether a station reaches `threshold` yuan a month on average over the reporting period of
/// its programme: `months` is its (month number, value) records in the year, `period` the
/// number of months reported (January up to the latest month any station of the programme
/// recorded). A month it did not record counts as 0, so a station that reports only its good
/// months does not pass on them.
pub fn reaches_monthly_average(months: &[(u32, Decimal)], period: u32, threshold: Decimal) -> bool {
    if period == 0 {
        return false;
    }
    let total: Decimal = months
        .iter()
        .filter(|(m, _)| *m <= period)
        .map(|(_, v)| *v)
        .sum();
    total >= threshold * Decimal::from(period)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn months_are_year_dash_month() {
        assert_eq!(month_number("2020-03"), Some((2020, 3)));
        for bad in [
            "2020-13", "2020-3", "20-03", "2020/03", "2020-00", "abcd-ef", "",
        ] {
            assert_eq!(month_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_bad_month_and_a_negative_value_are_both_reported() {
        let input = StationMonthInput {
            month: "2020-13".into(),
            service_value: "-5".into(),
            ..StationMonthInput::default()
        };
        let e = input.validated().unwrap_err();
        let got: Vec<(Code, &str)> = e.all().iter().map(|i| (i.code, i.field)).collect();
        assert_eq!(
            got,
            [
                (Code::STATION_MONTH_MONTH, "month"),
                (Code::STATION_MONTH_VALUE, "serviceValue")
            ]
        );
    }

    #[test]
    fn the_average_counts_unrecorded_months_as_zero() {
        let threshold = d("2000");
        // Three months of 2,000: reached over a 3-month period, not over 4.
        let months = [(1, d("2000")), (2, d("2000")), (3, d("2000"))];
        assert!(reaches_monthly_average(&months, 3, threshold));
        assert!(!reaches_monthly_average(&months, 4, threshold));
        // One big month carries a short period: 6,000 over 3 months is 2,000 a month.
        assert!(reaches_monthly_average(&[(2, d("6000"))], 3, threshold));
        assert!(!reaches_monthly_average(&[(2, d("5999.99"))], 3, threshold));
        assert!(!reaches_monthly_average(&[], 0, threshold));
    }
}
