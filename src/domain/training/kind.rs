//! The kinds of training session and the programme rate each is paid at.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TrainingKind {
    /// 乡镇下沉式培训: one in each township.
    TownshipOnsite,
    /// 县级集中培训 (能力提升).
    County,
    /// 实地考察观摩 / 现场教学.
    FieldTrip,
}

impl TrainingKind {
    pub const ALL: [TrainingKind; 3] = [
        TrainingKind::TownshipOnsite,
        TrainingKind::County,
        TrainingKind::FieldTrip,
    ];

    pub fn label(self) -> &'static str {
        match self {
            TrainingKind::TownshipOnsite => "乡镇下沉式培训",
            TrainingKind::County => "县级集中培训",
            TrainingKind::FieldTrip => "实地考察观摩培训",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            TrainingKind::TownshipOnsite => "township_onsite",
            TrainingKind::County => "county",
            TrainingKind::FieldTrip => "field_trip",
        }
    }

    pub fn from_code(code: &str) -> Option<TrainingKind> {
        TrainingKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The key of the programme rate (`Preset::rates`) this kind of session is paid at.
    pub fn rate_key(self) -> &'static str {
        match self {
            TrainingKind::TownshipOnsite => "general",
            TrainingKind::County => "skills",
            TrainingKind::FieldTrip => "study_trip",
        }
    }

    /// Whether the session must name its township (county sessions and field trips are run by
    /// the county and may not belong to one).
    pub fn needs_township(self) -> bool {
        self == TrainingKind::TownshipOnsite
    }
}
