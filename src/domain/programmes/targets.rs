//! What a programme must deliver, and how each figure is counted from the records. A target
//! names one metric of a fixed vocabulary (`Metric`); the store measures it (see
//! `Store::programme_progress`) and `progress::judge` compares it with the goal. The precise
//! definition of every metric is in docs/records.md ("Targets that compute themselves").

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::decimal_text;
use crate::domain::training::TrainingKind;

/// The metrics a target can count. Codes travel as snake_case strings (`"households_linked"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Distinct operators of the programme whose latest county acceptance (验收) passed.
    OperatorsAccepted,
    /// Distinct villages where an operator of the programme is.
    VillagesCovered,
    /// Distinct poor villages where an operator of the programme is.
    PoorVillagesCovered,
    /// Villages covered ÷ the county's villages, in %.
    VillageCoverage,
    /// Poor villages covered ÷ the county's poor villages, in %.
    PoorVillageCoverage,
    /// Service stations of the programme whose monthly average service value reaches
    /// `params.threshold` ÷ the programme's service stations, in %.
    StationsReachingService,
    /// Households on the rosters of the programme's agreements of its year, each once.
    HouseholdsLinked,
    /// Σ ledger amounts of the programme's agreements of its year, yuan.
    LedgerSales,
    /// Training: 人次 (`params.poorOnly`: of poor trainees).
    PersonTimes,
    PoorPersonTimes,
    /// Training: 人天.
    PersonDays,
    /// Training: distinct persons (`params.poorOnly`: poor ones).
    DistinctPersons,
    PoorPersons,
    /// Training: sessions held (with attendance), of `params.sessionKind` when given.
    SessionsHeld,
    /// Training: distinct townships with a held session.
    TownshipsTrained,
    /// Training: days of the shortest held session of `params.sessionKind` (0 when none).
    ShortestSessionDays,
    /// This programme's fund category's share of the county's special fund of the year
    /// (`params.category`, budgets of the year's programmes), in %.
    FundShare,
    /// Shown with its goal, never judged: the plan's figure is not kept in Fieldbook's records
    /// (county-wide online retail, broadband).
    Informational,
}

impl Metric {
    pub const ALL: [Metric; 18] = [
        Metric::OperatorsAccepted,
        Metric::VillagesCovered,
        Metric::PoorVillagesCovered,
        Metric::VillageCoverage,
        Metric::PoorVillageCoverage,
        Metric::StationsReachingService,
        Metric::HouseholdsLinked,
        Metric::LedgerSales,
        Metric::PersonTimes,
        Metric::PoorPersonTimes,
        Metric::PersonDays,
        Metric::DistinctPersons,
        Metric::PoorPersons,
        Metric::SessionsHeld,
        Metric::TownshipsTrained,
        Metric::ShortestSessionDays,
        Metric::FundShare,
        Metric::Informational,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Metric::OperatorsAccepted => "operators_accepted",
            Metric::VillagesCovered => "villages_covered",
            Metric::PoorVillagesCovered => "poor_villages_covered",
            Metric::VillageCoverage => "village_coverage",
            Metric::PoorVillageCoverage => "poor_village_coverage",
            Metric::StationsReachingService => "stations_reaching_service",
            Metric::HouseholdsLinked => "households_linked",
            Metric::LedgerSales => "ledger_sales",
            Metric::PersonTimes => "person_times",
            Metric::PoorPersonTimes => "poor_person_times",
            Metric::PersonDays => "person_days",
            Metric::DistinctPersons => "distinct_persons",
            Metric::PoorPersons => "poor_persons",
            Metric::SessionsHeld => "sessions_held",
            Metric::TownshipsTrained => "townships_trained",
            Metric::ShortestSessionDays => "shortest_session_days",
            Metric::FundShare => "fund_share",
            Metric::Informational => "informational",
        }
    }

    pub fn parse(code: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.code() == code)
    }

    /// A share of something, in %: its goal cannot exceed 100.
    pub fn is_share(self) -> bool {
        matches!(
            self,
            Metric::VillageCoverage
                | Metric::PoorVillageCoverage
                | Metric::StationsReachingService
                | Metric::FundShare
        )
    }

    /// Counted from training attendance (`Store::training_totals`).
    pub fn is_training(self) -> bool {
        matches!(
            self,
            Metric::PersonTimes
                | Metric::PoorPersonTimes
                | Metric::PersonDays
                | Metric::DistinctPersons
                | Metric::PoorPersons
                | Metric::SessionsHeld
                | Metric::TownshipsTrained
                | Metric::ShortestSessionDays
        )
    }
}

/// Where a programme's money goes, for the county's fund-share caps (霍邱 第五条, 甘肃 plan:
/// upward channel ≥ 50 %, public services ≤ 15 %, training ≤ 20 % of the special fund).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FundCategory {
    /// 农村产品上行 / 农村流通基础设施 (logistics, quality, branding, upward channel).
    UpwardChannel,
    /// 农村电商公共服务体系 (the county centre and the village stations).
    PublicService,
    /// 农村电子商务培训.
    Training,
    /// Anything else the special fund pays (demonstration projects, promotion).
    Other,
}

impl FundCategory {
    pub fn label(self) -> &'static str {
        match self {
            FundCategory::UpwardChannel => "农村产品上行",
            FundCategory::PublicService => "公共服务体系",
            FundCategory::Training => "电商培训",
            FundCategory::Other => "其他",
        }
    }
}

/// A programme's share of the special fund: its category and budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Fund {
    pub category: FundCategory,
    /// Yuan budgeted for the programme in its year.
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub budget: Decimal,
}

/// Optional parameters of a metric.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TargetParams {
    /// Yuan a month a station must reach on average (`stations_reaching_service`).
    #[serde(
        default,
        with = "decimal_text::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub threshold: Option<Decimal>,
    /// Training audience code (驻村队员, 网商 …) the count is limited to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    /// Count poor trainees only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub poor_only: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_kind: Option<TrainingKind>,
    /// The fund category a `fund_share` target caps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<FundCategory>,
}

/// The metric of a target stored before migration 0019, when targets named none: its key
/// named what it counted. `None` for a key that was never counted.
pub fn legacy_metric(key: &str) -> Option<(Metric, TargetParams)> {
    let kind = |k| TargetParams {
        session_kind: Some(k),
        ..TargetParams::default()
    };
    Some(match key {
        "shops" | "enterprises" => (Metric::OperatorsAccepted, TargetParams::default()),
        "person_times" => (Metric::PersonTimes, TargetParams::default()),
        "poor_person_times" => (Metric::PoorPersonTimes, TargetParams::default()),
        "persons" => (Metric::DistinctPersons, TargetParams::default()),
        "township_sessions" => (Metric::TownshipsTrained, TargetParams::default()),
        "county_sessions" => (Metric::SessionsHeld, kind(TrainingKind::County)),
        "field_trips" => (Metric::SessionsHeld, kind(TrainingKind::FieldTrip)),
        "county_session_days" => (Metric::ShortestSessionDays, kind(TrainingKind::County)),
        "village_coverage" => (Metric::VillageCoverage, TargetParams::default()),
        "active_stations" => (
            Metric::StationsReachingService,
            TargetParams {
                threshold: Some(Decimal::from(2000)),
                ..TargetParams::default()
            },
        ),
        _ => return None,
    })
}
