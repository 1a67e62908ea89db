//! An agreement's programme, as its rules need it: which programme the store found for it
//! (`ProgrammeLink`), the least number of households the programme asks (`roster_minimum`), and
//! what the programme says of the agreement (`programme_warnings`). Re-exported by `agreements`.

use super::programmes::Preset;
use super::Invalid;
use crate::Code;

/// The least number of registered households a programme asks of an agreement: the threshold of
/// its eligibility item computed from the rosters (`source` `roster_households`), rounded up;
/// `None` when the programme has no such item.
pub fn roster_minimum(programme: &Preset) -> Option<u32> {
    use rust_decimal::prelude::ToPrimitive;
    programme
        .criteria
        .eligibility
        .iter()
        .find(|item| item.source.as_deref() == Some("roster_households"))
        .and_then(|item| item.threshold)
        .and_then(|threshold| threshold.ceil().to_u32())
}

/// The programme an agreement is linked to, as its rules need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedProgramme {
    pub id: String,
    pub name: String,
    pub year: i32,
    /// `roster_minimum` of the programme.
    pub roster_min: Option<u32>,
}

/// What an agreement's programme says of it: the programme is of another year; the agreement
/// promises fewer households than the programme's roster minimum (the message names both).
pub fn programme_warnings(link: &ProgrammeLink, year: i32, target_households: u32) -> Vec<Invalid> {
    let ProgrammeLink::Linked(linked) = link else {
        return Vec::new();
    };
    let mut warnings = Vec::new();
    if linked.year != year {
        warnings.push(Invalid::new(
            Code::AGREEMENT_PROGRAMME_YEAR,
            "programmeId",
            format!(
                "项目“{}”是 {} 年的项目，协议年度是 {year}，请核对。",
                linked.name, linked.year
            ),
        ));
    }
    if let Some(min) = linked.roster_min.filter(|min| target_households < *min) {
        warnings.push(Invalid::new(
            Code::AGREEMENT_TARGET_BELOW_RULE,
            "targetHouseholds",
            format!(
                "项目“{}”要求每份协议带动不少于 {min} 户建档立卡贫困户，这份协议只约定 {target_households} 户。",
                linked.name
            ),
        ));
    }
    warnings
}

/// What the store found for the programme an agreement names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProgrammeLink {
    /// No programme chosen (or a free-text name that matches none): no roster minimum.
    Unlinked,
    /// A programme id that names no programme of the county.
    Missing,
    Linked(LinkedProgramme),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::programmes::presets;

    fn chengxian_shops() -> Preset {
        presets()
            .unwrap()
            .into_iter()
            .find(|p| p.code == "chengxian-2019-demo-shop")
            .unwrap()
    }

    fn linked(roster_min: Option<u32>) -> ProgrammeLink {
        ProgrammeLink::Linked(LinkedProgramme {
            id: "p".into(),
            name: "托里县2020年电商服务示范店".into(),
            year: 2020,
            roster_min,
        })
    }

    #[test]
    fn the_minimum_is_the_roster_items_threshold_rounded_up_or_none() {
        let mut preset = chengxian_shops();
        assert_eq!(roster_minimum(&preset), Some(10), "成县: 不少于10户");
        for item in &mut preset.criteria.eligibility {
            if item.source.as_deref() == Some("roster_households") {
                item.threshold = Some("4.5".parse().unwrap());
            }
        }
        assert_eq!(roster_minimum(&preset), Some(5));
        preset
            .criteria
            .eligibility
            .retain(|item| item.source.as_deref() != Some("roster_households"));
        assert_eq!(roster_minimum(&preset), None, "no roster item: no minimum");
    }

    #[test]
    fn fewer_households_than_the_programme_asks_and_another_year_are_warnings() {
        let codes = |link: &ProgrammeLink, year, households| -> Vec<Code> {
            programme_warnings(link, year, households)
                .into_iter()
                .map(|w| w.code)
                .collect()
        };
        assert!(codes(&linked(Some(5)), 2020, 5).is_empty());
        assert_eq!(
            codes(&linked(Some(5)), 2020, 4),
            [Code::AGREEMENT_TARGET_BELOW_RULE]
        );
        assert_eq!(
            codes(&linked(None), 2021, 0),
            [Code::AGREEMENT_PROGRAMME_YEAR]
        );
        assert!(codes(&ProgrammeLink::Unlinked, 2020, 0).is_empty());
        let message = &programme_warnings(&linked(Some(5)), 2020, 4)[0].message;
        assert!(
            message.contains("托里县2020年电商服务示范店") && message.contains("不少于 5 户"),
            "{message}"
        );
    }
}
