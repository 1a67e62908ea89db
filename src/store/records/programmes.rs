//! Programmes: presets taken into a year through the one write path.

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, OptionalExtension, Row};

use crate::domain::programmes::{
    presets, presets_for, Preset, PresetListing, Programme, ProgrammeSummary,
};
use crate::domain::refuse_if;
use crate::domain::Invalid;
use crate::error::{Error, Result};
use crate::store::entities::PROGRAMME;
use crate::store::from_row;
use crate::store::write::{self, Op};
use crate::store::Query;
use crate::store::Store;
use crate::Code;

fn settings_from_row(row: &Row, index: usize) -> rusqlite::Result<Preset> {
    let json: String = row.get(index)?;
    serde_json::from_str(&json).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e))
    })
}

impl Store {
    /// The shipped presets as this county sees them: its own plan's first, the other
    /// counties' as templates labelled with their source.
    pub fn preset_listing(&self) -> Result<Vec<PresetListing>> {
        let county = self.county()?;
        Ok(presets_for(
            presets()?,
            county.as_ref().map(|c| c.code.as_str()),
        ))
    }

    /// Sets up a programme for `year` (default: the preset's) from one of the presets shipped
    /// in `assets/programmes/presets.json`. The name takes this county and the year (see
    /// `Preset::adopted`).
    pub fn add_programme_from_preset(
        &mut self,
        code: &str,
        year: Option<i32>,
    ) -> Result<Programme> {
        let preset = presets()?
            .into_iter()
            .find(|p| p.code == code)
            .ok_or_else(|| {
                Invalid::new(
                    Code::PROGRAMME_PRESET_UNKNOWN,
                    "preset",
                    format!("没有编号为“{code}”的项目模板，请用 `fieldbook programmes presets` 查看可用模板。"),
                )
            })?;
        let county = self.county()?;
        let year = year.unwrap_or(preset.year);
        let preset = preset.adopted(county.as_ref().map(|c| c.name.as_str()), year);
        self.add_programme(&preset)
    }

    /// Sets up a programme a county configured itself: its own subsidy, tranches, targets and
    /// criteria ("all of these, and at least k of n"), checked like the shipped presets.
    pub fn add_programme(&mut self, preset: &Preset) -> Result<Programme> {
        preset.validate()?;
        let preset = preset.clone();
        let id = crate::store::new_id();
        self.write(|tx, writer| {
            let taken: Option<String> = tx.value(
                "SELECT id FROM programme WHERE name = ?1 AND year = ?2 AND deleted_hlc IS NULL",
                params![preset.name, preset.year],
            )?;
            refuse_if(
                taken.is_some(),
                Code::PROGRAMME_DUPLICATE,
                "preset",
                format!("{} 年已有项目“{}”。", preset.year, preset.name),
            )?;
            let kind = serde_json::to_value(preset.kind).expect("kinds serialise");
            let values = [
                ("preset_code", SqlValue::Text(preset.code.clone())),
                ("name", SqlValue::Text(preset.name.clone())),
                ("year", SqlValue::Integer(preset.year.into())),
                (
                    "kind",
                    SqlValue::Text(kind.as_str().unwrap_or_default().to_string()),
                ),
                (
                    "settings",
                    SqlValue::Text(serde_json::to_string(&preset).expect("presets serialise")),
                ),
            ];
            write::record(tx, writer, &PROGRAMME, &id, Op::Create, &values)
        })?;
        self.programme(&id)
    }

    pub fn programme(&self, id: &str) -> Result<Programme> {
        self.conn
            .query_row(
                "SELECT id, preset_code, name, year, settings, status FROM programme
                 WHERE id = ?1 AND deleted_hlc IS NULL",
                [id],
                |r| {
                    let settings = settings_from_row(r, 4)?;
                    Ok(from_row!(r => Programme {
                        id, preset_code, name, year, kind = settings.kind,
                        kind_label = settings.kind.label().to_string(), settings = settings, _,
                        status,
                    }))
                },
            )
            .optional()?
            .ok_or_else(|| Error::not_found("项目", id))
    }

    /// Programmes, newest year first.
    pub fn list_programmes(&self) -> Result<Vec<ProgrammeSummary>> {
        Ok(self.conn.list(
            "SELECT id, name, year, settings FROM programme WHERE deleted_hlc IS NULL
             ORDER BY year DESC, rowid",
            [],
            |r| {
                let settings = settings_from_row(r, 3)?;
                Ok(ProgrammeSummary {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    year: r.get(2)?,
                    kind: settings.kind,
                    kind_label: settings.kind.label().to_string(),
                    tranches: settings.summary_tranches(),
                    rule: settings.summary_rule(),
                })
            },
        )?)
    }
}

impl Store {
    /// The fund plan of a programme subsidised per village class, from the villages of the
    /// county (townships in code order) and the programme's amounts.
    pub fn fund_plan(&self, programme_id: &str) -> Result<crate::domain::fund_plan::FundPlan> {
        use crate::domain::fund_plan::{fund_plan, PlanVillage};
        let programme = self.programme(programme_id)?;
        let villages = self.list_villages(None)?;
        let plan_villages: Vec<PlanVillage> = villages
            .iter()
            .map(|v| PlanVillage {
                township: &v.township_name,
                poor: v.poor,
            })
            .collect();
        Ok(fund_plan(
            &programme.name,
            &programme.settings.subsidy,
            &plan_villages,
        )?)
    }
}
