//! Reading and setting the county's check thresholds (`county.check_thresholds`).

use rusqlite::types::Value as SqlValue;

use crate::checks::Thresholds;
use crate::domain::Invalid;
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
    /// Sets the county's check thresholds through the write path (the county hub only).
    pub fn set_check_thresholds(&mut self, thresholds: &Thresholds) -> Result<()> {
        crate::domain::refuse_if(
            !self.county_reference_can_change()?,
            Code::CHECK_THRESHOLDS,
            "checkThresholds",
            "核查阈值由县电商中心设定，乡镇电脑不能修改。",
        )?;
        let county: Option<String> = self.conn.value(
            "SELECT id FROM county WHERE deleted_hlc IS NULL ORDER BY code LIMIT 1",
            [],
        )?;
        let county = county.ok_or_else(|| {
            Invalid::new(
                Code::CHECK_THRESHOLDS,
                "checkThresholds",
                "还没有建立县，无法保存核查阈值。请先建立县。",
            )
        })?;
        let json = serde_json::to_string(thresholds).expect("thresholds serialise");
        self.write(|tx, writer| {
            write::record(
                tx,
                writer,
                &COUNTY,
                &county,
                Op::Update,
                &[("check_thresholds", SqlValue::Text(json))],
            )?;
            Ok(())
        })
    }
}
