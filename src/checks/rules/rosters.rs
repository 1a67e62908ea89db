//! F2: one household in many operators' rosters (带贫名单) in one year. The county counts it
//! once in its totals; many operators naming the same household is how rosters are padded.

use std::collections::{BTreeMap, BTreeSet};

use super::MAX_RECORDS;
use crate::checks::{CheckCode, Finding, RecordRef, Thresholds};

/// One household on one agreement's roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterLine {
    pub household_id: String,
    pub household_label: String,
    pub operator_id: String,
    pub operator_name: String,
    pub year: i64,
    /// The roster row, labelled with the household and the operator.
    pub record: RecordRef,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RosterFacts {
    pub lines: Vec<RosterLine>,
}

pub fn check(facts: &RosterFacts, thresholds: &Thresholds) -> Vec<Finding> {
    let min = thresholds.operators_per_household.max(2) as usize;
    let mut by_household: BTreeMap<(&str, i64), Vec<&RosterLine>> = BTreeMap::new();
    for line in &facts.lines {
        by_household
            .entry((&line.household_id, line.year))
            .or_default()
            .push(line);
    }
    let mut out = Vec::new();
    for ((household, year), lines) in by_household {
        let operators: BTreeSet<&str> = lines.iter().map(|l| l.operator_name.as_str()).collect();
        let distinct: BTreeSet<&str> = lines.iter().map(|l| l.operator_id.as_str()).collect();
        if distinct.len() < min {
            continue;
        }
        let mut records: Vec<RecordRef> = lines.iter().map(|l| l.record.clone()).collect();
        records.sort();
        records.truncate(MAX_RECORDS);
        let listed = operators.iter().copied().collect::<Vec<_>>().join("、");
        out.push(
            Finding::new(
                CheckCode::F2_HOUSEHOLD_MANY_ROSTERS,
                records,
                format!(
                    "{} 在 {year} 年出现在 {} 个实施主体的带贫名单中：{listed}。",
                    lines[0].household_label,
                    distinct.len()
                ),
            )
            .compare("年度", year.to_string())
            .compare("实施主体数", distinct.len().to_string())
            .compare("实施主体", listed)
            .threshold(format!("同一年 {min} 个及以上实施主体"))
            .anchored(format!("household-year:{household}:{year}")),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(household: &str, operator: &str, year: i64, n: usize) -> RosterLine {
        RosterLine {
            household_id: household.into(),
            household_label: format!("户{household}"),
            operator_id: operator.into(),
            operator_name: format!("主体{operator}"),
            year,
            record: RecordRef::new("roster", format!("r{n}"), "名单", Some("t1".into())),
        }
    }

    #[test]
    fn a_household_in_three_operators_rosters_in_one_year_raises_and_two_or_split_years_do_not() {
        let cases: Vec<(&str, Vec<RosterLine>, usize)> = vec![
            (
                "three operators, one year",
                vec![
                    line("h", "o1", 2025, 1),
                    line("h", "o2", 2025, 2),
                    line("h", "o3", 2025, 3),
                ],
                1,
            ),
            (
                "near miss: two operators",
                vec![line("h", "o1", 2025, 1), line("h", "o2", 2025, 2)],
                0,
            ),
            (
                "near miss: three operators over two years",
                vec![
                    line("h", "o1", 2025, 1),
                    line("h", "o2", 2025, 2),
                    line("h", "o3", 2026, 3),
                ],
                0,
            ),
            (
                "near miss: one operator's three agreements",
                vec![
                    line("h", "o1", 2025, 1),
                    line("h", "o1", 2025, 2),
                    line("h", "o1", 2025, 3),
                ],
                0,
            ),
        ];
        for (name, lines, expected) in cases {
            let found = check(&RosterFacts { lines }, &Thresholds::default());
            assert_eq!(found.len(), expected, "{name}");
        }
    }
}
