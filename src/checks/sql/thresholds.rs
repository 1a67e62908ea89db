//! Reading and setting the county's check thresholds (`county.check_thresholds`) and, with the
//! product seasons, the settings tab's whole form.

use rusqlite::types::Value as SqlValue;

use crate::checks::{CheckSettings, ProductSeasons, Thresholds};
use crate::domain::{Invalid, Problems};
use crate::error::Result;
use crate::store::entities::COUNTY;
use crate::store::write::{self, Op};
use crate::store::{Query, Store};
use crate::Code;

impl Thresholds {
    /// The county's thresholds (defaults where it set none, or when there is no county yet).
    pub fn read(store: &Store) -> Result<Thresholds> {
        let stored: Option<Option<String>> = store.conn.value(
            "SELECT check_thresholds FROM county WHERE deleted_hlc IS NULL ORDER BY code LIMIT 1",
            [],
        )?;
        Thresholds::from_json(stored.flatten().as_deref()).map_err(|e| {
            Invalid::new(
                Code::CHECK_THRESHOLDS,
                "checkThresholds",
                format!("县里保存的核查阈值无法读取（{e}）。请重新设置核查阈值。"),
            )
            .into()
        })
    }
}

impl Store {
    /// Sets the county's check thresholds through the write path (the county hub only): every
    /// problem at once (`Thresholds::validated`). Answers them as stored.
    pub fn set_check_thresholds(&mut self, thresholds: &Thresholds) -> Result<Thresholds> {
        self.refuse_check_settings_here(Code::CHECK_THRESHOLDS, "checkThresholds")?;
        let valid = thresholds.validated()?;
        self.write_county_check_settings(Some(&valid), None)?;
        Ok(valid)
    }

    /// What the 核查设置 tab shows: thresholds, their defaults, seasons, and whether this
    /// database may change them.
    pub fn check_settings(&self) -> Result<CheckSettings> {
        Ok(CheckSettings {
            thresholds: Thresholds::read(self)?,
            defaults: Thresholds::default(),
            seasons: ProductSeasons::read(self)?,
            can_change: self.county_reference_can_change()?,
        })
    }

    /// Saves the settings tab's form: thresholds and seasons checked together (every problem of
    /// both at once, each on its field) and written in one change, or neither (the hub only).
    pub fn set_check_settings(
        &mut self,
        thresholds: &Thresholds,
        seasons: &ProductSeasons,
    ) -> Result<CheckSettings> {
        self.refuse_check_settings_here(Code::CHECK_THRESHOLDS, "checkThresholds")?;
        let mut problems = Problems::new();
        let thresholds = problems.take_all(thresholds.validated());
        let seasons = problems.take_all(seasons.validated());
        problems.finish()?;
        let (Some(thresholds), Some(seasons)) = (thresholds, seasons) else {
            unreachable!("a missing value is always a kept problem")
        };
        let seasons = ProductSeasons::normalised(&seasons);
        self.write_county_check_settings(Some(&thresholds), Some(&seasons))?;
        self.check_settings()
    }

    /// Refuses on an enrolled township laptop: the county sets the checks' settings.
    pub(crate) fn refuse_check_settings_here(&self, code: Code, field: &'static str) -> Result<()> {
        crate::domain::refuse_if(
            !self.county_reference_can_change()?,
            code,
            field,
            "核查阈值和产品季节由县电商中心设定，乡镇电脑不能修改。",
        )?;
        Ok(())
    }

    /// Writes the thresholds and/or seasons given onto the county row, in one change.
    pub(crate) fn write_county_check_settings(
        &mut self,
        thresholds: Option<&Thresholds>,
        seasons: Option<&ProductSeasons>,
    ) -> Result<()> {
        let county: Option<String> = self.conn.value(
            "SELECT id FROM county WHERE deleted_hlc IS NULL ORDER BY code LIMIT 1",
            [],
        )?;
        let field = if thresholds.is_some() {
            "checkThresholds"
        } else {
            "productSeasons"
        };
        let code = if thresholds.is_some() {
            Code::CHECK_THRESHOLDS
        } else {
            Code::SEASON_PRODUCT
        };
        let county = county.ok_or_else(|| {
            Invalid::new(code, field, "还没有建立县，无法保存核查设置。请先建立县。")
        })?;
        let mut values = Vec::new();
        if let Some(thresholds) = thresholds {
            let json = serde_json::to_string(thresholds).expect("thresholds serialise");
            values.push(("check_thresholds", SqlValue::Text(json)));
        }
        if let Some(seasons) = seasons {
            let json = serde_json::to_string(seasons).expect("seasons serialise");
            values.push(("product_seasons", SqlValue::Text(json)));
        }
        self.write(|tx, writer| {
            write::record(tx, writer, &COUNTY, &county, Op::Update, &values)?;
            Ok(())
        })
    }
}
