//! Who a training is for (培训对象). 托里's plan counts its 650 人次 by audience (county and
//! township e-commerce staff 200, service-station keepers 300, salons for growers and
//! entrepreneurs 50, craftspeople and live-streamers 100); other plans name village work teams,
//! village cadres, online shops, poor households and leading enterprises. Each attendance row
//! keeps the audience of the person signed in (the session's audience is the default offered),
//! so one session may mix audiences and a programme's person-times split by them.

use serde::{Deserialize, Serialize};

use crate::domain::Invalid;
use crate::Code;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// 驻村工作队员
    VillageWorkTeam,
    /// 乡镇电商专干
    TownshipStaff,
    /// 县域电商管理人员（分管领导、主管单位、电商办）— 托里's 200 人次
    CountyStaff,
    /// 村干部
    VillageCadre,
    /// 电商服务站长 — 托里's 300 人次
    StationKeeper,
    /// 网商 / 电商主体（网店、微商、电商创业者）
    OnlineSeller,
    /// 贫困户
    PoorHousehold,
    /// 龙头企业、合作社、涉农企业
    LeadingEnterprise,
    /// 短视频、直播人才、手工艺人 — 托里's 100 人
    Livestreamer,
    /// 种养殖户
    Grower,
    /// 其他
    Other,
}

impl Audience {
    pub const ALL: [Audience; 11] = [
        Audience::VillageWorkTeam,
        Audience::TownshipStaff,
        Audience::CountyStaff,
        Audience::VillageCadre,
        Audience::StationKeeper,
        Audience::OnlineSeller,
        Audience::PoorHousehold,
        Audience::LeadingEnterprise,
        Audience::Livestreamer,
        Audience::Grower,
        Audience::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Audience::VillageWorkTeam => "village_work_team",
            Audience::TownshipStaff => "township_staff",
            Audience::CountyStaff => "county_staff",
            Audience::VillageCadre => "village_cadre",
            Audience::StationKeeper => "station_keeper",
            Audience::OnlineSeller => "online_seller",
            Audience::PoorHousehold => "poor_household",
            Audience::LeadingEnterprise => "leading_enterprise",
            Audience::Livestreamer => "livestreamer",
            Audience::Grower => "grower",
            Audience::Other => "other",
        }
    }

    /// The label printed forms use (the UI keeps its own, keyed by the code).
    pub fn label(self) -> &'static str {
        match self {
            Audience::VillageWorkTeam => "驻村工作队员",
            Audience::TownshipStaff => "乡镇电商专干",
            Audience::CountyStaff => "县域电商管理人员",
            Audience::VillageCadre => "村干部",
            Audience::StationKeeper => "电商服务站长",
            Audience::OnlineSeller => "网商/电商主体",
            Audience::PoorHousehold => "贫困户",
            Audience::LeadingEnterprise => "龙头企业",
            Audience::Livestreamer => "直播人才",
            Audience::Grower => "种养殖户",
            Audience::Other => "其他",
        }
    }

    /// A stored code; an unknown one (from a newer laptop) reads as `Other`.
    pub fn from_code(code: &str) -> Audience {
        Audience::ALL
            .into_iter()
            .find(|a| a.code() == code)
            .unwrap_or(Audience::Other)
    }

    /// An audience as typed or imported: its code or its label (a few common spellings too);
    /// empty is "not given".
    pub fn parse(raw: &str, field: &'static str) -> Result<Option<Audience>, Invalid> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(None);
        }
        let alias = match raw {
            "驻村队员" | "驻村工作队" | "第一书记" => Some(Audience::VillageWorkTeam),
            "乡镇专干" | "电商专干" | "乡镇干部" => Some(Audience::TownshipStaff),
            "电商管理人员" | "县级干部" | "机关干部" => Some(Audience::CountyStaff),
            "村两委" | "村两委干部" => Some(Audience::VillageCadre),
            "服务站长" | "站长" => Some(Audience::StationKeeper),
            "网商" | "电商主体" | "微商" | "电商创业者" => {
                Some(Audience::OnlineSeller)
            }
            "建档立卡户" | "脱贫户" => Some(Audience::PoorHousehold),
            "企业" | "合作社" => Some(Audience::LeadingEnterprise),
            "直播" | "主播" | "手工艺人" => Some(Audience::Livestreamer),
            "种植户" | "养殖户" | "农户" => Some(Audience::Grower),
            _ => None,
        };
        alias
            .or_else(|| {
                Audience::ALL
                    .into_iter()
                    .find(|a| a.code().eq_ignore_ascii_case(raw) || a.label() == raw)
            })
            .map(Some)
            .ok_or_else(|| {
                let labels: Vec<&str> = Audience::ALL.iter().map(|a| a.label()).collect();
                Invalid::new(
                    Code::TRAINING_AUDIENCE,
                    field,
                    format!(
                        "培训对象“{raw}”不在列表中，应是以下之一：{}。",
                        labels.join("、")
                    ),
                )
            })
    }
}
