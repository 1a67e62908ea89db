//! F9: the order of the programme's steps — acceptance (验收) before the township's inspection of
//! the finished work (初验: the records keep no completion date, and the 初验 is where the
//! township saw the work finished), a tranche paid on acceptance before the acceptance or while
//! the results notice still runs, notices shorter than the county's minimum, and one inspector
//! at two townships' sites on one day.
//!
//! Inspections record no coordinates (nor do villages), so "two distant sites" is judged as two
//! different townships on one day; `Thresholds::inspector_distance_km` waits for coordinates.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::checks::{CheckCode, Finding, RecordRef, Thresholds};
use crate::domain::format_date_zh;

/// An operator's acceptance of a programme and its earliest township 初验, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acceptance {
    pub acceptance: RecordRef,
    pub accepted: NaiveDate,
    pub preliminary: Option<(RecordRef, NaiveDate)>,
}

/// A payment of a tranche that waits for acceptance (not let through by a county override),
/// with the operator's earliest passed acceptance and its latest acceptance results notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    pub disbursement: RecordRef,
    pub paid: NaiveDate,
    pub accepted: Option<(RecordRef, NaiveDate)>,
    pub notice: Option<(RecordRef, NaiveDate)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeSpan {
    pub notice: RecordRef,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// One inspector named on one inspection, at the township of the operator inspected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InspectorVisit {
    pub inspector: String,
    pub day: NaiveDate,
    pub inspection: RecordRef,
    pub township_name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProcedureFacts {
    pub acceptances: Vec<Acceptance>,
    pub payments: Vec<Payment>,
    pub notices: Vec<NoticeSpan>,
    pub visits: Vec<InspectorVisit>,
}

pub fn check(facts: &ProcedureFacts, thresholds: &Thresholds) -> Vec<Finding> {
    let mut out = Vec::new();
    for a in &facts.acceptances {
        if let Some((preliminary, done)) = &a.preliminary {
            if a.accepted < *done {
                out.push(
                    Finding::new(
                        CheckCode::F9_ACCEPTED_BEFORE_COMPLETION,
                        vec![a.acceptance.clone(), preliminary.clone()],
                        format!(
                            "{}在 {} 验收，乡镇初验（完成核验）在 {}。",
                            a.acceptance.label,
                            format_date_zh(a.accepted),
                            format_date_zh(*done)
                        ),
                    )
                    .compare("验收日期", format_date_zh(a.accepted))
                    .compare("初验日期", format_date_zh(*done)),
                );
            }
        }
    }
    for p in &facts.payments {
        match &p.accepted {
            Some((_, accepted)) if *accepted <= p.paid => {}
            accepted => {
                let mut records = vec![p.disbursement.clone()];
                let when = match accepted {
                    Some((acceptance, day)) => {
                        records.push(acceptance.clone());
                        format_date_zh(*day)
                    }
                    None => "尚未验收合格".to_string(),
                };
                out.push(
                    Finding::new(
                        CheckCode::F9_PAID_BEFORE_ACCEPTANCE,
                        records,
                        format!(
                            "{}在 {} 拨付，验收合格：{when}。",
                            p.disbursement.label,
                            format_date_zh(p.paid)
                        ),
                    )
                    .compare("拨付日期", format_date_zh(p.paid))
                    .compare("验收合格日期", when),
                );
            }
        }
        if let Some((notice, end)) = &p.notice {
            if p.paid <= *end {
                out.push(
                    Finding::new(
                        CheckCode::F9_PAID_BEFORE_NOTICE_END,
                        vec![p.disbursement.clone(), notice.clone()],
                        format!(
                            "{}在 {} 拨付，{}到 {} 才期满。",
                            p.disbursement.label,
                            format_date_zh(p.paid),
                            notice.label,
                            format_date_zh(*end)
                        ),
                    )
                    .compare("拨付日期", format_date_zh(p.paid))
                    .compare("公示截止", format_date_zh(*end)),
                );
            }
        }
    }
    for n in &facts.notices {
        let days = crate::domain::notices::days(n.start, n.end);
        if days < i64::from(thresholds.notice_min_days) {
            out.push(
                Finding::new(
                    CheckCode::F9_SHORT_NOTICE,
                    vec![n.notice.clone()],
                    format!(
                        "{}从 {} 到 {}，只有 {} 天。",
                        n.notice.label,
                        format_date_zh(n.start),
                        format_date_zh(n.end),
                        days.max(0)
                    ),
                )
                .compare("公示天数", format!("{} 天", days.max(0)))
                .threshold(format!("不少于 {} 天", thresholds.notice_min_days)),
            );
        }
    }
    out.extend(inspectors(facts));
    out
}

/// One finding per inspector and day with inspections in two or more townships.
fn inspectors(facts: &ProcedureFacts) -> Vec<Finding> {
    let mut by_day: BTreeMap<(&str, NaiveDate), Vec<&InspectorVisit>> = BTreeMap::new();
    for v in &facts.visits {
        by_day.entry((&v.inspector, v.day)).or_default().push(v);
    }
    let mut out = Vec::new();
    for ((inspector, day), visits) in by_day {
        let mut townships: Vec<&str> = visits.iter().map(|v| v.township_name.as_str()).collect();
        townships.sort_unstable();
        townships.dedup();
        if townships.len() < 2 {
            continue;
        }
        let mut records: Vec<RecordRef> = visits.iter().map(|v| v.inspection.clone()).collect();
        records.sort();
        records.dedup();
        out.push(
            Finding::new(
                CheckCode::F9_INSPECTOR_TWO_SITES,
                records,
                format!(
                    "核验人员{inspector}在 {} 一天内核验了 {} 个乡镇：{}。",
                    format_date_zh(day),
                    townships.len(),
                    townships.join("、")
                ),
            )
            .compare("核验人员", inspector)
            .compare("日期", format_date_zh(day))
            .compare("乡镇", townships.join("、"))
            .threshold("同一天 2 个及以上乡镇（核验记录没有坐标，按乡镇判断）")
            .anchored(format!("inspector:{inspector}:{day}")),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn r(kind: &str, id: &str) -> RecordRef {
        RecordRef::new(kind, id, format!("{kind} {id}"), Some("t1".into()))
    }

    fn codes(facts: &ProcedureFacts) -> Vec<CheckCode> {
        check(facts, &Thresholds::default())
            .iter()
            .map(|f| f.check)
            .collect()
    }

    #[test]
    fn acceptance_before_the_preliminary_raises_and_on_the_same_day_does_not() {
        let acceptance = |accepted: &str, preliminary: Option<&str>| ProcedureFacts {
            acceptances: vec![Acceptance {
                acceptance: r("inspection", "a"),
                accepted: day(accepted),
                preliminary: preliminary.map(|p| (r("inspection", "p"), day(p))),
            }],
            ..ProcedureFacts::default()
        };
        let raised = vec![CheckCode::F9_ACCEPTED_BEFORE_COMPLETION];
        assert_eq!(codes(&acceptance("2019-10-01", Some("2019-10-02"))), raised);
        assert!(codes(&acceptance("2019-10-02", Some("2019-10-02"))).is_empty());
        assert!(codes(&acceptance("2019-10-01", None)).is_empty());
    }

    #[test]
    fn payments_before_acceptance_or_the_notice_end_raise_and_after_do_not() {
        let payment =
            |paid: &str, accepted: Option<&str>, notice_end: Option<&str>| ProcedureFacts {
                payments: vec![Payment {
                    disbursement: r("fund_disbursement", "d"),
                    paid: day(paid),
                    accepted: accepted.map(|a| (r("inspection", "a"), day(a))),
                    notice: notice_end.map(|e| (r("notice", "n"), day(e))),
                }],
                ..ProcedureFacts::default()
            };
        let cases = [
            (
                "paid the day before acceptance",
                payment("2019-11-01", Some("2019-11-02"), None),
                vec![CheckCode::F9_PAID_BEFORE_ACCEPTANCE],
            ),
            (
                "paid with no acceptance",
                payment("2019-11-01", None, None),
                vec![CheckCode::F9_PAID_BEFORE_ACCEPTANCE],
            ),
            (
                "paid on the notice's last day",
                payment("2019-11-20", Some("2019-11-02"), Some("2019-11-20")),
                vec![CheckCode::F9_PAID_BEFORE_NOTICE_END],
            ),
            (
                "near miss: after both",
                payment("2019-11-21", Some("2019-11-02"), Some("2019-11-20")),
                vec![],
            ),
            (
                "near miss: on the acceptance day",
                payment("2019-11-02", Some("2019-11-02"), None),
                vec![],
            ),
        ];
        for (name, facts, expected) in cases {
            assert_eq!(codes(&facts), expected, "{name}");
        }
    }

    #[test]
    fn a_notice_of_nine_days_raises_and_of_ten_does_not() {
        let notice = |end: &str| ProcedureFacts {
            notices: vec![NoticeSpan {
                notice: r("notice", "n"),
                start: day("2019-11-01"),
                end: day(end),
            }],
            ..ProcedureFacts::default()
        };
        assert_eq!(
            codes(&notice("2019-11-10")),
            vec![CheckCode::F9_SHORT_NOTICE]
        );
        assert!(codes(&notice("2019-11-11")).is_empty());
    }

    #[test]
    fn one_inspector_in_two_townships_on_one_day_raises_and_in_one_does_not() {
        let visit = |id: &str, on: &str, township: &str| InspectorVisit {
            inspector: "王建国".into(),
            day: day(on),
            inspection: r("inspection", id),
            township_name: township.into(),
        };
        let facts = |visits| ProcedureFacts {
            visits,
            ..ProcedureFacts::default()
        };
        let cases = [
            (
                "两个乡镇同一天",
                vec![
                    visit("1", "2019-10-08", "铁厂镇"),
                    visit("2", "2019-10-08", "庙尔沟镇"),
                ],
                1,
            ),
            (
                "near miss: 同一乡镇两处",
                vec![
                    visit("1", "2019-10-08", "铁厂镇"),
                    visit("2", "2019-10-08", "铁厂镇"),
                ],
                0,
            ),
            (
                "near miss: 两天",
                vec![
                    visit("1", "2019-10-08", "铁厂镇"),
                    visit("2", "2019-10-09", "庙尔沟镇"),
                ],
                0,
            ),
        ];
        for (name, visits, expected) in cases {
            let found = check(&facts(visits), &Thresholds::default());
            assert_eq!(found.len(), expected, "{name}: {found:?}");
            assert!(found
                .iter()
                .all(|f| f.check == CheckCode::F9_INSPECTOR_TWO_SITES && f.records.len() == 2));
        }
    }
}
