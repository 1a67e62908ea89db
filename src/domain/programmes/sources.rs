//! Where a preset comes from, and how a county sees the presets: its own plan's first, the
//! other counties' as templates labelled with their source, and the name a preset takes when a
//! county adopts it for a year.

use serde::{Deserialize, Serialize};

use super::Preset;

/// The plan a preset is taken from: the county, the seed document and its section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PresetSource {
    /// The 6-digit GB/T 2260 code of the county (or prefecture) that issued the plan.
    pub county_code: String,
    pub county_name: String,
    /// The seed file (`shared/seeds/003_….txt`).
    pub seed_file: String,
    /// The document's title, as published.
    pub document: String,
    /// The section the figures come from (第五条（二）).
    pub section: String,
}

impl PresetSource {
    /// "霍邱县《…管理办法(试行)》第五条（二）"
    pub fn cite(&self) -> String {
        format!("{}《{}》{}", self.county_name, self.document, self.section)
    }
}

/// One preset as a county sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PresetListing {
    /// From the county's own plan (its code is the source's county code).
    pub own: bool,
    /// "本县方案：成县《…》…" or "模板：来自霍邱县《…》第五条（二）".
    pub label: String,
    /// The preset's own fields, at the top level (a script reading `code` keeps working).
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub preset: Preset,
}

/// The presets for the county `county_code` (none: no county set up yet, every preset is a
/// template): its own first, then the other counties' templates, each in file order.
pub fn presets_for(presets: Vec<Preset>, county_code: Option<&str>) -> Vec<PresetListing> {
    let (own, templates): (Vec<Preset>, Vec<Preset>) = presets.into_iter().partition(
        |p| matches!((&p.source, county_code), (Some(s), Some(code)) if s.county_code == code),
    );
    let cite = |p: &Preset| p.source.as_ref().map_or_else(String::new, |s| s.cite());
    own.into_iter()
        .map(|p| PresetListing {
            own: true,
            label: format!("本县方案：{}", cite(&p)),
            preset: p,
        })
        .chain(templates.into_iter().map(|p| PresetListing {
            own: false,
            label: format!("模板：来自{}", cite(&p)),
            preset: p,
        }))
        .collect()
}

impl Preset {
    /// The preset as a county adopts it for `year`: a template from another county takes the
    /// adopting county's name and the year ("霍邱县2019年村级电商服务站点" adopted by 托里县 for
    /// 2021 → "托里县2021年村级电商服务站点"); the county's own preset keeps its name with the
    /// year changed ("成县2019年…" for 2020 → "成县2020年…"). A name that does not start with
    /// its county and year (a county's own wording) only has its year replaced where it appears.
    pub fn adopted(mut self, county_name: Option<&str>, year: i32) -> Preset {
        let from_year = self.year;
        let source_county = self.source.as_ref().map(|s| s.county_name.clone());
        let prefix = source_county
            .as_deref()
            .map(|c| format!("{c}{from_year}年"))
            .filter(|p| self.name.starts_with(p.as_str()));
        let county = county_name
            .filter(|c| !c.is_empty())
            .or(source_county.as_deref())
            .unwrap_or_default()
            .to_string();
        self.name = match prefix {
            Some(prefix) => format!("{county}{year}年{}", &self.name[prefix.len()..]),
            None => self
                .name
                .replacen(&format!("{from_year}年"), &format!("{year}年"), 1),
        };
        self.year = year;
        self
    }
}
