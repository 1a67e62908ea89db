//! Programmes (项目): what a county funds, how much, in which tranches, and the rules a shop,
//! enterprise, service station or training session is checked against. The first presets are
//! the seeds' own implementation plans, kept as data in `assets/programmes/presets.json` so a
//! county can configure its own without new code. `validate.rs` refuses a broken configuration;
//! `evaluate.rs` checks what an inspector observed against a programme's criteria.

mod evaluate;
mod json;
pub mod progress;
mod sources;
mod targets;
#[cfg(test)]
mod targets_tests;
#[cfg(test)]
mod tests;
mod validate;

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Invalid;
use crate::Code;

pub use evaluate::{
    contract_share_ok, evaluate, Conclusion, Evaluation, ItemResult, Observation, ObservedValue,
    Outcome,
};
pub use json::parse_programme;
pub use progress::{judge, Measured, ProgrammeProgress, TargetResult};
pub use sources::{presets_for, PresetListing, PresetSource};
pub use targets::{legacy_metric, Fund, FundCategory, Metric, TargetParams};
pub use validate::validate_tranches;

const PRESETS_JSON: &str = include_str!("../../../assets/programmes/presets.json");

/// Figures an item's value may be computed from rather than typed: the shop's ledger sales in
/// the year, the registered households in its rosters.
pub const SOURCES: [&str; 2] = ["ledger_sales", "roster_households"];

crate::domain::kinds::kind_code! {
    /// A programme kind: a code of the county's programme list (`kind_option`, list
    /// 'programme'); what the programme funds is the option's `subject`, not the code. The
    /// constants are the seeded defaults.
    ProgrammeKind {
        DemoShop = "demo_shop",
        Enterprise = "enterprise",
        SupplyCentre = "supply_centre",
        OnlineShop = "online_shop",
        ServiceStation = "service_station",
        Training = "training",
        PublicServiceCentre = "public_service_centre",
        Logistics = "logistics",
        PovertyDemo = "poverty_demo",
        Leader = "leader",
        Promotion = "promotion",
        Quality = "quality",
    }
}

/// How much is paid for what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum SubsidyRule {
    /// A fixed amount per village, by village class (poor / non-poor).
    PerVillageClass { classes: Vec<SubsidyClass> },
    /// An amount per supported operator, by class (enterprise class I–III).
    PerOperatorClass { classes: Vec<SubsidyClass> },
    /// A programme budget split into parts (training).
    Budget {
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        total: Decimal,
        parts: Vec<BudgetPart>,
    },
    /// A fixed amount per village per year (霍邱: 2,000 yuan per village per year), with the
    /// plan's total cap over its years (160万).
    PerVillageYear {
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        amount: Decimal,
        #[serde(default, rename = "amountMax", with = "decimal_text::option")]
        #[cfg_attr(feature = "ts", ts(type = "string | null", rename = "amountMax"))]
        amount_max: Option<Decimal>,
        #[serde(default, with = "decimal_text::option")]
        #[cfg_attr(feature = "ts", ts(type = "string | null"))]
        cap: Option<Decimal>,
        #[serde(default)]
        requirement: String,
    },
    /// A share of the operator's investment, by class (霍邱 logistics: upgrade ≤ 40 %, new
    /// build ≤ 50 %), with a cap on the award (≤ 300万).
    InvestmentShare {
        classes: Vec<ShareClass>,
        #[serde(default, with = "decimal_text::option")]
        #[cfg_attr(feature = "ts", ts(type = "string | null"))]
        cap: Option<Decimal>,
        #[serde(default)]
        requirement: String,
    },
    /// The plan sets no amount (岳普湖, the provincial plan): the county fills in its standard
    /// when it adopts the programme.
    NotSet {
        #[serde(default)]
        requirement: String,
    },
}

/// One class of an investment-share subsidy: at most `percent` % of the investment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ShareClass {
    pub key: String,
    pub label: String,
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub percent: Decimal,
    #[serde(default)]
    pub requirement: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SubsidyClass {
    pub key: String,
    pub label: String,
    /// Yuan per unit; the lower end when `amount_max` gives a range.
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub amount: Decimal,
    #[serde(default, with = "decimal_text::option")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub amount_max: Option<Decimal>,
    /// How many units the plan funds (villages, enterprises), when it says.
    #[serde(default)]
    pub count: Option<u32>,
    /// Paid every year rather than once.
    #[serde(default)]
    pub annual: bool,
    #[serde(default)]
    pub requirement: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BudgetPart {
    pub key: String,
    pub label: String,
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub amount: Decimal,
    #[serde(default)]
    pub requirement: String,
}

/// One payment of the subsidy, as a share of it. The shares of a programme add up to exactly 100.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Tranche {
    pub label: String,
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub percent: Decimal,
    /// Paid only after acceptance (the 20% balance, the 10% retention).
    #[serde(default)]
    pub on_acceptance: bool,
}

/// What the programme as a whole must deliver (124 shops, 1,000 trainee person-times, 60 % of
/// the villages), counted from the records by its metric.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Target {
    pub key: String,
    pub label: String,
    /// A `Metric` code. Kept as text and checked by `validate`, so that a missing or unknown
    /// metric is refused with its JSON path (PROGRAMME_TARGET_METRIC) rather than by the parser.
    /// Empty only in settings stored before migration 0019 (see `legacy_metric`).
    #[serde(default)]
    pub metric: String,
    #[serde(default)]
    pub params: TargetParams,
    /// The goal, in `unit`; a percentage (≤ 100) for share metrics.
    pub quantity: u32,
    pub unit: String,
    /// A ceiling rather than a floor (公共服务 ≤ 15 %).
    #[serde(default)]
    pub at_most: bool,
    #[serde(default)]
    pub requirement: String,
}

impl Target {
    /// The metric and its parameters; a target stored before metrics existed by its key.
    pub fn measure(&self) -> Option<(Metric, TargetParams)> {
        if self.metric.is_empty() {
            return legacy_metric(&self.key);
        }
        Metric::parse(&self.metric).map(|m| (m, self.params.clone()))
    }
}

/// A unit rate range, e.g. yuan per person per training day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Rate {
    pub key: String,
    pub label: String,
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub min: Decimal,
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub max: Decimal,
    pub unit: String,
    #[serde(default)]
    pub requirement: String,
}

/// How an inspector establishes an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Method {
    OnSite,
    Documents,
    HouseholdVisit,
    PhoneCallback,
}

impl Method {
    pub fn label(self) -> &'static str {
        match self {
            Method::OnSite => "实地查看",
            Method::Documents => "查阅资料",
            Method::HouseholdVisit => "入户核实",
            Method::PhoneCallback => "电话回访",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ValueType {
    Boolean,
    Count,
    Money,
    Percent,
    Text,
}

impl ValueType {
    pub fn label(self) -> &'static str {
        match self {
            ValueType::Boolean => "是/否",
            ValueType::Count => "数量",
            ValueType::Money => "金额",
            ValueType::Percent => "百分比",
            ValueType::Text => "文字",
        }
    }
    fn numeric(self) -> bool {
        matches!(
            self,
            ValueType::Count | ValueType::Money | ValueType::Percent
        )
    }
}

/// One condition or criterion. Numeric items are met at or above their threshold (以上、不低于
/// include the figure itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Item {
    pub key: String,
    /// Short name used in results and reasons.
    pub label: String,
    /// The programme document's own wording.
    pub requirement: String,
    pub method: Method,
    pub value_type: ValueType,
    #[serde(default, with = "decimal_text::option")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub threshold: Option<Decimal>,
    /// Unit shown after counts (户, 人次, 平方米); money is always 元, percent %.
    #[serde(default)]
    pub unit: Option<String>,
    /// Where the value is computed from, one of [`SOURCES`]; typed in when absent.
    #[serde(default)]
    pub source: Option<String>,
}

/// Eligibility items must all hold; of the scored items at least `scored_min` must.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CriteriaTemplate {
    pub eligibility: Vec<Item>,
    #[serde(default)]
    pub scored: Vec<Item>,
    #[serde(default)]
    pub scored_min: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Preset {
    pub code: String,
    pub name: String,
    pub year: i32,
    pub kind: ProgrammeKind,
    pub subsidy: SubsidyRule,
    pub tranches: Vec<Tranche>,
    #[serde(default)]
    pub targets: Vec<Target>,
    pub criteria: CriteriaTemplate,
    /// Acceptance fails when economic indicators reach less than this share of the contract.
    #[serde(default, with = "decimal_text::option")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub contract_share_min: Option<Decimal>,
    #[serde(default)]
    pub rates: Option<Vec<Rate>>,
    /// The plan it comes from (shipped presets; a county's own may leave it out).
    #[serde(default)]
    pub source: Option<PresetSource>,
    /// Its category and budget in the county's special fund, for the fund-share caps.
    #[serde(default)]
    pub fund: Option<Fund>,
    /// The least share of the township's 初验 results the county re-checks (复核), 0–1
    /// (成县: 0.5, "县级复核比例不低于 50%"); [`DEFAULT_RECHECK_SHARE_MIN`] when absent.
    #[serde(default, with = "decimal_text::option")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub recheck_share_min: Option<Decimal>,
}

/// The seeds' programmes, parsed and validated.
pub fn presets() -> Result<Vec<Preset>, Invalid> {
    parse_presets(PRESETS_JSON)
}

/// Parses a list of programmes (the presets file, or a county's own) and validates each.
pub fn parse_presets(json: &str) -> Result<Vec<Preset>, Invalid> {
    let presets: Vec<Preset> = serde_json::from_str(json).map_err(|e| {
        Invalid::new(
            Code::PROGRAMME_PRESETS,
            "presets",
            format!("项目方案配置无法读取：{e}"),
        )
    })?;
    let mut codes = BTreeSet::new();
    for preset in &presets {
        preset.validate().map_err(|e| e.joined())?;
        if !codes.insert(preset.code.as_str()) {
            return Err(Invalid::new(
                Code::PROGRAMME_CODE,
                "code",
                format!("项目代码“{}”重复，每个项目的代码应唯一。", preset.code),
            ));
        }
    }
    Ok(presets)
}

/// Decimals travel as strings ("10000.00"), never as JSON numbers, which would pass through
/// binary floating point on the way in.
pub(crate) mod decimal_text {
    use rust_decimal::Decimal;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(d)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let text = String::deserialize(d)?;
        parse(&text).map_err(D::Error::custom)
    }

    fn parse(text: &str) -> Result<Decimal, String> {
        Decimal::from_str_exact(text.trim())
            .map_err(|_| format!("“{text}”不是有效的数字，请写成例如 \"10000.00\" 的形式"))
    }

    pub mod option {
        use super::*;

        pub fn serialize<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
            match d {
                Some(d) => s.collect_str(d),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
            match Option::<String>::deserialize(d)? {
                Some(text) => parse(&text).map(Some).map_err(D::Error::custom),
                None => Ok(None),
            }
        }
    }
}

/// A programme as a county runs it: a preset taken into a year, with its settings.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Programme {
    pub id: String,
    pub preset_code: String,
    pub name: String,
    pub year: i32,
    pub kind: ProgrammeKind,
    /// The county's label of the kind (the code when its list no longer holds it).
    pub kind_label: String,
    /// What the programme funds, from its kind in the county's list.
    pub subject: Option<crate::domain::kinds::KindSubject>,
    pub settings: Preset,
    pub status: String,
}

/// One line of the programme list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ProgrammeSummary {
    pub id: String,
    pub name: String,
    pub year: i32,
    pub kind: ProgrammeKind,
    pub kind_label: String,
    /// What the programme funds, from its kind in the county's list.
    pub subject: Option<crate::domain::kinds::KindSubject>,
    /// "80% / 20%"
    pub tranches: String,
    /// "全部 7 项资格条件" or "7 项资格条件，评选标准 5 项中至少 3 项"
    pub rule: String,
}

/// The county re-checks at least half of the township's results unless the programme says.
pub const DEFAULT_RECHECK_SHARE_MIN: Decimal = Decimal::from_parts(5, 0, 0, false, 1);

impl Preset {
    /// The least share of the township's 初验 results the county re-checks.
    pub fn recheck_share_min(&self) -> Decimal {
        self.recheck_share_min.unwrap_or(DEFAULT_RECHECK_SHARE_MIN)
    }

    pub fn summary_rule(&self) -> String {
        let c = &self.criteria;
        if c.scored.is_empty() {
            format!("全部 {} 项条件须达标", c.eligibility.len())
        } else {
            format!(
                "{} 项资格条件全部达标，评选标准 {} 项中至少 {} 项",
                c.eligibility.len(),
                c.scored.len(),
                c.scored_min
            )
        }
    }

    pub fn summary_tranches(&self) -> String {
        self.tranches
            .iter()
            .map(|t| format!("{}%", t.percent.normalize()))
            .collect::<Vec<_>>()
            .join(" / ")
    }
}
