//! Site inspections (实地核验 / 验收 / 复核): who looked, what they found item by item against the
//! programme's template, what the records themselves say, and the conclusion the rules give.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::money::{parse_yuan, round_fen};
use super::places::{check_name, check_optional_text, optional_text};
use super::programmes::{Conclusion, Evaluation, Observation, ObservedValue};
use super::{format_date_zh, parse_date, Invalid, Invalids, Problems};
use crate::Code;

/// Three inspectors is the usual team; fewer is allowed but flagged.
pub const USUAL_INSPECTORS: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// 乡镇初验
    Preliminary,
    /// 县级验收
    Acceptance,
    /// 县级复核
    Recheck,
}

impl Stage {
    pub fn code(self) -> &'static str {
        match self {
            Stage::Preliminary => "preliminary",
            Stage::Acceptance => "acceptance",
            Stage::Recheck => "recheck",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Stage::Preliminary => "乡镇初验",
            Stage::Acceptance => "县级验收",
            Stage::Recheck => "县级复核",
        }
    }
    pub fn from_code(code: &str) -> Stage {
        match code {
            "acceptance" => Stage::Acceptance,
            "recheck" => Stage::Recheck,
            _ => Stage::Preliminary,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Inspector {
    pub name: String,
    #[serde(default)]
    pub unit: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Rectification {
    pub item: String,
    pub deadline: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct InspectionInput {
    pub operator_id: String,
    pub programme_id: String,
    pub stage: Stage,
    pub date: String,
    pub inspectors: Vec<Inspector>,
    /// Observed values by item key; items the app computes from the records are ignored here.
    #[serde(default)]
    pub observations: Vec<Observation>,
    #[serde(default)]
    pub problems: String,
    #[serde(default)]
    pub rectification: Vec<Rectification>,
    /// The operator's own investment in the shop (投资额: premises, computer, network, desks and
    /// other fit-out and equipment) in yuan, as typed; empty when not reported.
    #[serde(default)]
    pub investment: String,
    /// For a 复核 (stage `recheck`): the sample whose drawn item it records, the item being this
    /// sample and the operator. Empty: the newest sample of the programme that drew the operator.
    #[serde(default)]
    pub recheck_sample_id: Option<String>,
}

pub struct ValidInspection {
    pub input: InspectionInput,
    pub date: chrono::NaiveDate,
    /// `None` when not reported; otherwise ≥ 0 with scale 2.
    pub investment: Option<rust_decimal::Decimal>,
    pub warnings: Vec<Invalid>,
}

/// The investment as typed: empty is "not reported"; otherwise yuan, at most to the fen, not
/// negative (`MONEY_INVALID`, `MONEY_PRECISION`, `INSPECTION_INVESTMENT_NEGATIVE`, field
/// `investment`).
pub fn parse_investment(raw: &str) -> Result<Option<rust_decimal::Decimal>, Invalid> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    let value = round_fen(parse_yuan(raw, "investment")?);
    if value.is_sign_negative() && !value.is_zero() {
        return Err(Invalid::new(
            Code::INSPECTION_INVESTMENT_NEGATIVE,
            "investment",
            format!(
                "投资额“{}”是负数。请填写实施主体在场所、设备等方面实际投入的金额（元），没有投入填 0。",
                raw.trim()
            ),
        ));
    }
    Ok(Some(value))
}

impl InspectionInput {
    /// Every problem of the record at once (`Invalids`), or the record normalised.
    pub fn validated(&self) -> Result<ValidInspection, Invalids> {
        let mut problems = Problems::new();
        let mut warnings = Vec::new();
        problems.check(
            self.operator_id.trim().is_empty(),
            Code::INSPECTION_OPERATOR,
            "operatorId",
            "请选择被核验的实施主体。",
        );
        problems.check(
            self.programme_id.trim().is_empty(),
            Code::INSPECTION_PROGRAMME,
            "programmeId",
            "请选择所属项目。",
        );
        let date = problems.take(parse_date(&self.date, "date", "核验日期"));
        let inspectors = problems.take(self.inspectors());
        if let Some(inspectors) = &inspectors {
            if inspectors.len() < USUAL_INSPECTORS {
                warnings.push(Invalid::new(
                    Code::INSPECTION_FEW_INSPECTORS,
                    "inspectors",
                    format!(
                        "核验人员只有 {} 人，通常应不少于 {USUAL_INSPECTORS} 人。",
                        inspectors.len()
                    ),
                ));
            }
        }
        let found = problems.take(optional_text(&self.problems, "problems", "存在问题", 1000));
        let rectification = problems.take(self.rectification(date));
        let investment = problems.take(parse_investment(&self.investment));
        let taken = (|| Some((date?, inspectors?, found?, rectification?, investment?)))();
        let (date, inspectors, problems, rectification, investment) = problems.done(taken)?;
        Ok(ValidInspection {
            input: InspectionInput {
                operator_id: self.operator_id.trim().to_string(),
                programme_id: self.programme_id.trim().to_string(),
                stage: self.stage,
                date: date.to_string(),
                inspectors,
                observations: self.observations.clone(),
                problems,
                rectification,
                investment: investment.map(|d| d.to_string()).unwrap_or_default(),
                recheck_sample_id: match self.stage {
                    Stage::Recheck => super::optional_id(&self.recheck_sample_id),
                    _ => None,
                },
            },
            date,
            investment,
            warnings,
        })
    }
}

impl InspectionInput {
    /// The inspectors as typed, blank lines left out; at least one.
    fn inspectors(&self) -> Result<Vec<Inspector>, Invalid> {
        let mut inspectors = Vec::new();
        for inspector in &self.inspectors {
            let name = inspector.name.trim().to_string();
            let unit = inspector.unit.trim().to_string();
            if name.is_empty() && unit.is_empty() {
                continue;
            }
            check_name(&name, "inspectors", "核验人员姓名")?;
            check_optional_text(&unit, "inspectors", "核验人员单位", 40)?;
            inspectors.push(Inspector { name, unit });
        }
        if inspectors.is_empty() {
            return Err(Invalid::new(
                Code::INSPECTION_INSPECTORS,
                "inspectors",
                "请填写核验人员。",
            ));
        }
        Ok(inspectors)
    }

    /// The rectification items, blank lines left out; each deadline not before the
    /// inspection (`date`, when it is a date).
    fn rectification(&self, date: Option<NaiveDate>) -> Result<Vec<Rectification>, Invalid> {
        let mut rectification = Vec::new();
        for r in &self.rectification {
            let item = r.item.trim().to_string();
            if item.is_empty() {
                continue;
            }
            check_optional_text(&item, "rectification", "整改事项", 200)?;
            let deadline = parse_date(&r.deadline, "rectification", "整改期限")?;
            if let Some(date) = date.filter(|date| deadline < *date) {
                return Err(Invalid::new(
                    Code::INSPECTION_DEADLINE,
                    "rectification",
                    format!(
                        "整改期限 {} 早于核验日期 {}。",
                        format_date_zh(deadline),
                        format_date_zh(date)
                    ),
                ));
            }
            rectification.push(Rectification {
                item,
                deadline: deadline.to_string(),
            });
        }
        Ok(rectification)
    }
}

/// The steps of the inspection wizard, each with the input fields it asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum WizardStep {
    /// Programme, operator, stage, date and inspectors.
    Basics,
    /// The checklist, item by item.
    Checklist,
    /// Problems, rectification and the operator's investment.
    Conclusion,
}

impl WizardStep {
    /// The input fields (as `Invalid::field` names them) this step asks for.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            WizardStep::Basics => &["programmeId", "operatorId", "stage", "date", "inspectors"],
            WizardStep::Checklist => &["observations"],
            WizardStep::Conclusion => &["problems", "rectification", "investment"],
        }
    }
}

impl InspectionInput {
    /// The problems of one wizard step (the same rules as saving, limited to that step's
    /// fields), so 下一步 stops on the step that has them.
    pub fn check_step(&self, step: WizardStep) -> Result<(), Invalids> {
        let Err(all) = self.validated() else {
            return Ok(());
        };
        let mut problems = Problems::new();
        for problem in all.all() {
            if step.fields().contains(&problem.field) {
                problems.push(problem.clone());
            }
        }
        problems.finish()
    }
}

/// A value the app measured itself, with where it came from, so the form can show both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ComputedValue {
    pub key: String,
    pub value: ObservedValue,
    /// "台账：2019 年 3 份协议销售额合计" …
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Inspection {
    pub id: String,
    pub operator_id: String,
    pub operator_name: String,
    pub place: String,
    pub programme_id: String,
    pub programme_name: String,
    pub stage: Stage,
    pub stage_label: String,
    pub date: String,
    pub inspectors: Vec<Inspector>,
    pub observations: Vec<Observation>,
    pub computed: Vec<ComputedValue>,
    pub problems: String,
    pub rectification: Vec<Rectification>,
    /// The operator's investment in yuan with two decimals; `None` when not reported.
    pub investment: Option<String>,
    /// A 复核's sample (the drawn item is this sample and the operator).
    pub recheck_sample_id: Option<String>,
    pub evaluation: Evaluation,
    pub photos: Vec<InspectionPhoto>,
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct InspectionPhoto {
    pub id: String,
    pub sha256: String,
    pub file_name: String,
    pub caption: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct InspectionSummary {
    pub id: String,
    pub operator_name: String,
    pub place: String,
    pub programme_name: String,
    pub stage: Stage,
    /// The stage as printed (乡镇初验 …), for the CLI; the UI labels `stage` itself.
    pub stage_label: String,
    pub date: String,
    /// `None` for an inspection saved before conclusions were evaluated.
    pub conclusion: Option<Conclusion>,
    /// The conclusion as printed (合格 …), for the CLI; the UI labels `conclusion` itself.
    pub conclusion_label: String,
    pub status: String,
}

/// Observations as evaluated: the typed ones, with the computed ones in place of any typed value
/// for the same key (the records win over what was typed).
pub fn merged(observed: &[Observation], computed: &[ComputedValue]) -> Vec<Observation> {
    let mut out: Vec<Observation> = observed
        .iter()
        .filter(|o| !computed.iter().any(|c| c.key == o.key))
        .cloned()
        .collect();
    out.extend(
        computed
            .iter()
            .map(|c| Observation::new(c.key.clone(), c.value.clone())),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> InspectionInput {
        InspectionInput {
            operator_id: "o".into(),
            programme_id: "p".into(),
            stage: Stage::Preliminary,
            date: "2019-11-20".into(),
            inspectors: vec![
                Inspector {
                    name: "王芳".into(),
                    unit: "鸡峰镇".into(),
                },
                Inspector {
                    name: "李明".into(),
                    unit: "县商务局".into(),
                },
                Inspector {
                    name: "  ".into(),
                    unit: "".into(),
                },
            ],
            observations: vec![],
            problems: String::new(),
            rectification: vec![Rectification {
                item: "悬挂标识牌".into(),
                deadline: "2019-12-05".into(),
            }],
            investment: String::new(),
            recheck_sample_id: None,
        }
    }

    #[test]
    fn investment_is_optional_yuan_to_the_fen_and_not_negative() {
        for (raw, want) in [
            ("", None),
            ("  ", None),
            ("12345", Some("12345.00")),
            ("12,345.5", Some("12345.50")),
            ("１２３４５．６７元", Some("12345.67")),
            ("0", Some("0.00")),
            ("-0", Some("0.00")),
            ("1.500", Some("1.50")),
        ] {
            let mut i = input();
            i.investment = raw.into();
            let valid = i.validated().unwrap();
            assert_eq!(
                valid.investment.map(|d| d.to_string()).as_deref(),
                want,
                "{raw}"
            );
            assert_eq!(valid.input.investment, want.unwrap_or(""), "{raw}");
        }
        for (raw, code) in [
            ("-5", Code::INSPECTION_INVESTMENT_NEGATIVE),
            ("12.345", Code::MONEY_PRECISION),
            ("一万", Code::MONEY_INVALID),
            ("12,34", Code::MONEY_INVALID),
        ] {
            let mut i = input();
            i.investment = raw.into();
            let e = i.validated().err().unwrap().first().clone();
            assert_eq!((e.code, e.field), (code, "investment"), "{raw}");
            if code == Code::INSPECTION_INVESTMENT_NEGATIVE {
                assert!(e.message.contains("投资额"), "{}", e.message);
            }
        }
    }

    #[test]
    fn fewer_than_three_inspectors_is_a_warning_blank_rows_are_dropped() {
        let valid = input().validated().unwrap();
        assert_eq!(valid.input.inspectors.len(), 2);
        assert_eq!(valid.warnings[0].code, Code::INSPECTION_FEW_INSPECTORS);
    }

    #[test]
    fn refusals_name_their_field() {
        let mut no_one = input();
        no_one.inspectors.clear();
        assert_eq!(
            no_one.validated().err().unwrap().first().clone().code,
            Code::INSPECTION_INSPECTORS
        );
        let mut early = input();
        early.rectification[0].deadline = "2019-11-01".into();
        let e = early.validated().err().unwrap().first().clone();
        assert_eq!(
            (e.code, e.field),
            (Code::INSPECTION_DEADLINE, "rectification")
        );
        let mut bad_date = input();
        bad_date.date = "2019-11-31".into();
        assert_eq!(bad_date.validated().err().unwrap().field(), "date");
    }

    #[test]
    fn computed_values_replace_typed_ones() {
        let observed = vec![
            Observation::new("households", ObservedValue::Number(99.into())),
            Observation::new("plaque", ObservedValue::Bool(true)),
        ];
        let computed = vec![ComputedValue {
            key: "households".into(),
            value: ObservedValue::Number(9.into()),
            source: "花名册".into(),
        }];
        let all = merged(&observed, &computed);
        assert_eq!(all.len(), 2);
        assert!(all.contains(&Observation::new(
            "households",
            ObservedValue::Number(9.into())
        )));
    }
}

/// A county re-check sample, kept with its seed so it can be drawn again for an auditor, with
/// what the county's 复核 found so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RecheckSample {
    pub id: String,
    pub programme_id: String,
    /// A u64 as text: JavaScript numbers cannot hold it.
    pub seed: String,
    pub share: String,
    /// The programme's least re-check share (0–1) the draw was checked against.
    pub share_min: String,
    pub townships: Vec<SampleTownship>,
    /// Operators drawn (N).
    pub drawn: u32,
    /// Drawn operators with a 复核 recorded against this sample (M).
    pub rechecked: u32,
    /// Each drawn operator: the township's 初验 it was drawn from and the county's 复核.
    pub items: Vec<RecheckItem>,
    /// The items whose 复核 conclusion differs from the township's 初验.
    pub differences: u32,
    /// Operators of the programme (with an agreement linked to it) without a township 初验 yet:
    /// they could not be drawn.
    pub gaps: Vec<SampleOperator>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SampleTownship {
    pub township: String,
    /// The operators of the township the draw was made from: those with a township 初验
    /// result (before migration 0021: those the county accepted).
    pub accepted: u32,
    pub drawn: Vec<SampleOperator>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SampleOperator {
    pub id: String,
    pub name: String,
    pub place: String,
    /// The township's 初验 the operator was drawn from (its latest when drawn); absent in
    /// samples drawn before migration 0021.
    #[serde(default)]
    pub preliminary_id: Option<String>,
}

/// One drawn item: the township's result and the county's 复核 of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RecheckItem {
    pub operator_id: String,
    pub operator_name: String,
    pub place: String,
    pub township: String,
    pub preliminary_id: Option<String>,
    pub preliminary_date: Option<String>,
    pub preliminary_conclusion: Option<Conclusion>,
    /// The latest 复核 recorded against this item.
    pub recheck_id: Option<String>,
    pub recheck_date: Option<String>,
    pub recheck_conclusion: Option<Conclusion>,
    /// Both conclusions known and not the same.
    pub differs: bool,
}

/// Draws ⌈share × n⌉ of `ids` (at least one when there are any), reproducibly from `seed`:
/// a Fisher–Yates shuffle driven by xorshift64*, on the ids sorted first so that the order the
/// database returns them in does not matter.
pub fn draw(ids: &[String], share: rust_decimal::Decimal, seed: u64) -> Vec<String> {
    use rust_decimal::prelude::ToPrimitive;
    let mut ids: Vec<String> = ids.to_vec();
    ids.sort();
    let n = ids.len();
    if n == 0 {
        return ids;
    }
    let wanted = (share * rust_decimal::Decimal::from(n as u64))
        .ceil()
        .to_usize()
        .unwrap_or(n)
        .clamp(1, n);
    // SplitMix64 spreads neighbouring seeds apart; xorshift needs a non-zero state.
    let mut state = {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)).max(1)
    };
    let mut next = || {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    for i in (1..n).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        ids.swap(i, j);
    }
    ids.truncate(wanted);
    ids.sort();
    ids
}

#[cfg(test)]
mod draw_tests {
    use super::draw;
    use rust_decimal::Decimal;

    #[test]
    fn the_same_seed_draws_the_same_sample_of_at_least_the_share() {
        let ids: Vec<String> = (0..27).map(|i| format!("op{i:02}")).collect();
        let half = Decimal::new(5, 1);
        let a = draw(&ids, half, 42);
        assert_eq!(a.len(), 14, "⌈0.5 × 27⌉");
        let mut shuffled = ids.clone();
        shuffled.reverse();
        assert_eq!(draw(&shuffled, half, 42), a, "input order does not matter");
        assert_ne!(draw(&ids, half, 43), a, "another seed, another sample");
        assert_eq!(draw(&ids[..1], half, 7).len(), 1);
        assert!(draw(&[], half, 7).is_empty());
        assert_eq!(draw(&ids, Decimal::ONE, 1).len(), 27);
    }
}
