//! Programmes: presets taken into a year through the one write path.

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, OptionalExtension, Row};

use crate::domain::kinds::{KindList, KindSubject};
use crate::domain::programmes::{
    parse_programme, presets, presets_for, Preset, PresetListing, Programme, ProgrammeSummary,
};
use crate::domain::refuse_if;
use crate::domain::{Invalid, Problems};
use crate::error::{Error, Result};
use crate::store::entities::PROGRAMME;
use crate::store::from_row;
use crate::store::records::kinds;
use crate::store::write::{self, Op};
use crate::store::Query;
use crate::store::Store;
use crate::Code;

pub(crate) fn settings_from_row(row: &Row, index: usize) -> rusqlite::Result<Preset> {
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
        self.refuse_programme_change_on_laptop()?;
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
        // Taken from a preset, a clash of name and year is the preset's (chosen on its field).
        self.add_programme(&preset).map_err(|e| match e {
            Error::Invalid(all) if all.code() == Code::PROGRAMME_DUPLICATE => {
                let first = all.first().clone();
                Invalid::new(first.code, "preset", first.message).into()
            }
            other => other,
        })
    }

    /// Sets up a programme a county configured itself: its own subsidy, tranches, targets and
    /// criteria ("all of these, and at least k of n"), checked like the shipped presets.
    pub fn add_programme(&mut self, preset: &Preset) -> Result<Programme> {
        self.refuse_programme_change_on_laptop()?;
        let id = crate::store::new_id();
        self.save_programme(&id, Op::Create, preset)?;
        self.programme(&id)
    }

    /// A new version of a programme's settings (name, year, kind, subsidy, tranches, targets,
    /// criteria …), checked exactly like a new programme: every problem at once, nothing
    /// written when one is found. A printed form of the old version then verifies as older.
    pub fn edit_programme(&mut self, id: &str, preset: &Preset) -> Result<Programme> {
        self.refuse_programme_change_on_laptop()?;
        self.programme(id)?;
        self.save_programme(id, Op::Update, preset)?;
        self.programme(id)
    }

    /// The programme of `json` (as `programmes show ID --json` prints it) set up or, with `id`,
    /// edited: a malformed document is refused naming its JSON path.
    pub fn save_programme_json(&mut self, id: Option<&str>, json: &str) -> Result<Programme> {
        self.refuse_programme_change_on_laptop()?;
        let preset = parse_programme(json)?;
        match id {
            Some(id) => self.edit_programme(id, &preset),
            None => self.add_programme(&preset),
        }
    }

    /// Programmes are the county's reference data: an enrolled township laptop gets them in
    /// the county's package, and the hub would refuse a laptop's own version later (leaving it
    /// on the laptop until then), so the laptop refuses it now.
    fn refuse_programme_change_on_laptop(&self) -> Result<()> {
        refuse_if(
            !self.county_reference_can_change()?,
            Code::PROGRAMME_DEVICE,
            "programme",
            "项目由县里统一设置，乡镇电脑不能新建或修改项目。请联系县电商中心，\
             项目会随参考数据包发到本机。",
        )?;
        Ok(())
    }

    fn save_programme(&mut self, id: &str, op: Op, preset: &Preset) -> Result<()> {
        let mut problems = Problems::new();
        problems.take_all(preset.validate());
        let kept: Option<String> = self.conn.value(
            "SELECT kind FROM programme WHERE id = ?1 AND deleted_hlc IS NULL",
            [id],
        )?;
        if !problems.has("kind") {
            let kind = preset.kind.code();
            problems.take(kinds::live(
                &self.conn,
                KindList::Programme,
                kind,
                kept.as_deref(),
                "kind",
            )?);
        }
        problems.finish()?;
        let preset = preset.clone();
        self.write(|tx, writer| {
            let taken: Option<String> = tx.value(
                "SELECT id FROM programme WHERE name = ?1 AND year = ?2 AND deleted_hlc IS NULL
                 AND id <> ?3",
                params![preset.name, preset.year, id],
            )?;
            refuse_if(
                taken.is_some(),
                Code::PROGRAMME_DUPLICATE,
                "name",
                format!(
                    "{} 年已有项目“{}”。请换一个名称或年度。",
                    preset.year, preset.name
                ),
            )?;
            let values = [
                ("preset_code", SqlValue::Text(preset.code.clone())),
                ("name", SqlValue::Text(preset.name.clone())),
                ("year", SqlValue::Integer(preset.year.into())),
                ("kind", SqlValue::Text(preset.kind.code().to_string())),
                (
                    "settings",
                    SqlValue::Text(serde_json::to_string(&preset).expect("presets serialise")),
                ),
            ];
            write::record(tx, writer, &PROGRAMME, id, op, &values)
        })?;
        Ok(())
    }

    pub fn programme(&self, id: &str) -> Result<Programme> {
        self.conn
            .query_row(
                "SELECT p.id, p.preset_code, p.name, p.year, p.settings, p.status,
                        coalesce(k.label, p.kind), k.subject
                 FROM programme p
                 LEFT JOIN kind_option k ON k.list = 'programme' AND k.code = p.kind
                 WHERE p.id = ?1 AND p.deleted_hlc IS NULL",
                [id],
                |r| {
                    let settings = settings_from_row(r, 4)?;
                    let subject: Option<String> = r.get(7)?;
                    Ok(from_row!(r => Programme {
                        id, preset_code, name, year, kind = settings.kind.clone(),
                        kind_label = r.get(6)?,
                        subject = subject.as_deref().and_then(KindSubject::from_code),
                        settings = settings, _, status,
                    }))
                },
            )
            .optional()?
            .ok_or_else(|| Error::not_found("项目", id))
    }

    /// Programmes, newest year first.
    pub fn list_programmes(&self) -> Result<Vec<ProgrammeSummary>> {
        Ok(self.conn.list(
            "SELECT p.id, p.name, p.year, p.settings, coalesce(k.label, p.kind), k.subject
             FROM programme p
             LEFT JOIN kind_option k ON k.list = 'programme' AND k.code = p.kind
             WHERE p.deleted_hlc IS NULL
             ORDER BY p.year DESC, p.rowid",
            [],
            |r| {
                let settings = settings_from_row(r, 3)?;
                let subject: Option<String> = r.get(5)?;
                Ok(ProgrammeSummary {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    year: r.get(2)?,
                    kind: settings.kind.clone(),
                    kind_label: r.get(4)?,
                    subject: subject.as_deref().and_then(KindSubject::from_code),
                    tranches: settings.summary_tranches(),
                    rule: settings.summary_rule(),
                })
            },
        )?)
    }
}
