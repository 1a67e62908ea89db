//! Linkage agreements (带贫协议): terms, the signed scan, and the totals derived from their
//! rosters (`roster.rs`) and ledgers (`ledger.rs`).

use crate::domain::lifecycle::RecordStatus;
use crate::store::records::lifecycle;
use crate::store::records::places::retired_village_problem;
use std::collections::BTreeMap;
use std::str::FromStr;

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, Row, Transaction};
use rust_decimal::Decimal;

use crate::domain::agreements::{
    programme_warnings, roster_minimum, Agreement, AgreementInput, AgreementSummary, LinkageMode,
    LinkedProgramme, PriceRule, ProgrammeLink,
};
use crate::domain::programmes::Preset;
use crate::domain::refuse_if;
use crate::domain::{Invalid, Saved, Warning};
use crate::error::{Error, Result};
use crate::store::attachments::{self, Kinds};
use crate::store::entities::AGREEMENT;
use crate::store::from_row;
use crate::store::write::{self, Op};
use crate::store::Query;
use crate::store::Store;
use crate::Code;

pub(crate) fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap_or_default()
}

pub(crate) fn yuan(d: Decimal) -> String {
    format!("{:.2}", d)
}

pub(super) struct AgreementRow {
    pub(super) agreement: Agreement,
    pub(super) status: String,
}

impl Store {
    pub fn add_agreement(&mut self, input: &AgreementInput) -> Result<Saved<Agreement>> {
        let id = crate::store::new_id();
        let warnings = self.save_agreement(&id, Op::Create, input)?;
        Ok(Saved::new(self.agreement(&id)?, warnings))
    }

    pub fn update_agreement(
        &mut self,
        id: &str,
        input: &AgreementInput,
    ) -> Result<Saved<Agreement>> {
        self.agreement(id)?;
        let warnings = self.save_agreement(id, Op::Update, input)?;
        Ok(Saved::new(self.agreement(id)?, warnings))
    }

    fn save_agreement(&mut self, id: &str, op: Op, input: &AgreementInput) -> Result<Vec<Warning>> {
        let link = self.programme_link(
            crate::domain::optional_id(&input.programme_id).as_deref(),
            &input.programme,
            input.year,
        )?;
        let valid = input.validated_for(&link)?;
        let input = &valid.input;
        let (programme_id, programme_text) = match &link {
            ProgrammeLink::Linked(p) => (SqlValue::Text(p.id.clone()), p.name.clone()),
            _ => (SqlValue::Null, input.programme.clone()),
        };
        let back_to_draft = self.write(|tx, writer| {
            exists(
                tx,
                "operator",
                &input.operator_id,
                "operatorId",
                "所选的实施主体不存在。",
            )?;
            if let Some(village) = &input.witness_village_id {
                exists(
                    tx,
                    "village",
                    village,
                    "witnessVillageId",
                    "所选的见证村不存在。",
                )?;
                let kept: Option<String> = tx.value(
                    "SELECT witness_village_id FROM agreement
                     WHERE id = ?1 AND witness_village_id IS NOT NULL",
                    [id],
                )?;
                if let Some(retired) =
                    retired_village_problem(tx, village, kept.as_deref(), "witnessVillageId")?
                {
                    return Err(retired.into());
                }
            }
            let same_number: Option<String> = tx.value(
                "SELECT id FROM agreement WHERE number = ?1 AND deleted_hlc IS NULL AND id <> ?2",
                params![input.number, id],
            )?;
            refuse_if(
                same_number.is_some(),
                Code::AGREEMENT_NUMBER_DUPLICATE,
                "number",
                format!(
                    "协议编号 {} 已被另一份协议使用，请换一个编号。",
                    input.number
                ),
            )?;
            if op == Op::Update {
                let outside: i64 = tx.query_row(
                    "SELECT count(*) FROM ledger_entry WHERE agreement_id = ?1
                     AND (entry_date < ?2 OR entry_date > ?3)",
                    params![id, valid.term_start.to_string(), valid.term_end.to_string()],
                    |r| r.get(0),
                )?;
                refuse_if(
                    outside > 0,
                    Code::AGREEMENT_TERM_EXCLUDES_LEDGER,
                    "termStart",
                    format!("台账中有 {outside} 笔记录不在新的协议期限内，请先核对台账。"),
                )?;
            }
            let text = |s: &str| SqlValue::Text(s.to_string());
            let modes = serde_json::to_string(&input.modes).expect("modes serialise");
            let values = [
                ("number", text(&input.number)),
                ("year", SqlValue::Integer(input.year.into())),
                ("programme", text(&programme_text)),
                ("programme_id", programme_id.clone()),
                ("operator_id", text(&input.operator_id)),
                (
                    "witness_village_id",
                    input
                        .witness_village_id
                        .clone()
                        .map_or(SqlValue::Null, SqlValue::Text),
                ),
                ("modes", SqlValue::Text(modes)),
                ("price_rule", text(input.price_rule.code())),
                (
                    "price_value",
                    SqlValue::Text(valid.price_value.map(|v| v.to_string()).unwrap_or_default()),
                ),
                ("min_quantity", text(&input.min_quantity)),
                (
                    "pay_within_days",
                    input
                        .pay_within_days
                        .map_or(SqlValue::Null, |d| SqlValue::Integer(d.into())),
                ),
                (
                    "target_households",
                    SqlValue::Integer(input.target_households.into()),
                ),
                ("target_income", SqlValue::Text(yuan(valid.target_income))),
                ("term_start", SqlValue::Text(valid.term_start.to_string())),
                ("term_end", SqlValue::Text(valid.term_end.to_string())),
            ];
            let edited = write::record(tx, writer, &AGREEMENT, id, op, &values)?.is_some();
            lifecycle::back_to_draft_if_submitted(tx, writer, &AGREEMENT, id, edited)
        })?;
        let mut warnings: Vec<Warning> = valid.warnings.into_iter().map(Warning::from).collect();
        warnings.extend(back_to_draft);
        Ok(warnings)
    }

    /// Stores the scanned, signed agreement by its SHA-256 (the same file twice is stored once)
    /// and links it to the agreement through the write path.
    pub fn attach_scan(
        &mut self,
        agreement_id: &str,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<Agreement> {
        let upload = attachments::check(bytes, "scan", "扫描件", Kinds::ImagesOrPdf)?;
        self.agreement(agreement_id)?;
        self.write(|tx, writer| {
            upload.put(tx, file_name)?;
            write::record(
                tx,
                writer,
                &AGREEMENT,
                agreement_id,
                Op::Update,
                &[("scan_sha256", SqlValue::Text(upload.sha256.clone()))],
            )?;
            Ok(())
        })?;
        self.agreement(agreement_id)
    }

    pub fn agreement(&self, id: &str) -> Result<Agreement> {
        let row = self.agreement_row(id)?;
        let mut agreement = row.agreement;
        agreement.status = row.status;
        let roster = self.roster(id)?;
        let (income, premium) = roster
            .iter()
            .fold((Decimal::ZERO, Decimal::ZERO), |acc, r| {
                (acc.0 + dec(&r.income), acc.1 + dec(&r.premium))
            });
        agreement.roster_count = roster.len() as u32;
        agreement.roster_min = match &agreement.programme_id {
            Some(programme) => self.roster_minimums()?.get(programme).copied().flatten(),
            None => None,
        };
        agreement.meets_demo_shop_rule = agreement
            .roster_min
            .is_none_or(|min| agreement.roster_count >= min);
        agreement.total_income = yuan(income);
        agreement.total_premium = yuan(premium);
        agreement.income_per_household = if roster.is_empty() {
            yuan(Decimal::ZERO)
        } else {
            yuan(crate::domain::money::round_fen(
                income / Decimal::from(roster.len()),
            ))
        };
        Ok(agreement)
    }

    pub(super) fn agreement_row(&self, id: &str) -> Result<AgreementRow> {
        self.conn
            .first(
                "SELECT a.id, a.number, a.year, coalesce(p.name, a.programme), a.operator_id, o.name,
                        a.witness_village_id, coalesce(t.name || v.name || '村民委员会', ''),
                        a.modes, a.price_rule, a.price_value, a.min_quantity, a.pay_within_days,
                        a.target_households, a.target_income, a.term_start, a.term_end,
                        a.scan_sha256, att.file_name, a.status, a.programme_id
                 FROM agreement a JOIN operator o ON o.id = a.operator_id
                 LEFT JOIN programme p ON p.id = a.programme_id
                 LEFT JOIN village v ON v.id = a.witness_village_id
                 LEFT JOIN township t ON t.id = v.township_id
                 LEFT JOIN attachment att ON att.sha256 = a.scan_sha256
                 WHERE a.id = ?1 AND a.deleted_hlc IS NULL",
                [id],
                agreement_from_row,
            )?
            .ok_or_else(|| Error::not_found("带贫协议", id))
    }

    /// Agreements, optionally of one operator and of one status (the live ones without).
    pub fn list_agreements(
        &self,
        operator_id: Option<&str>,
        status: Option<RecordStatus>,
    ) -> Result<Vec<AgreementSummary>> {
        self.agreement_summaries(
            &format!(
                "{} AND (?1 IS NULL OR a.operator_id = ?1)",
                lifecycle::status_condition("a", status)
            ),
            operator_id,
        )
    }

    /// Live agreements linked to no programme (their free-text programme matched none, or
    /// they name none), for the clerk to link one by one (`link_agreement_programme`).
    pub fn unlinked_agreements(&self) -> Result<Vec<AgreementSummary>> {
        self.agreement_summaries(
            "a.deleted_hlc IS NULL AND a.programme_id IS NULL AND ?1 IS NULL",
            None,
        )
    }

    /// Links an agreement to a programme of the county, through the write path (the free-text
    /// name becomes the programme's). Warnings: the programme's year is not the agreement's,
    /// the agreement promises fewer households than the programme asks.
    pub fn link_agreement_programme(
        &mut self,
        agreement_id: &str,
        programme_id: &str,
    ) -> Result<Saved<Agreement>> {
        let agreement = self.agreement(agreement_id)?;
        let link = self.programme_link_by_id(programme_id)?;
        let ProgrammeLink::Linked(linked) = &link else {
            return Err(Invalid::new(
                Code::AGREEMENT_PROGRAMME_UNKNOWN,
                "programmeId",
                "所选的项目不存在。请从本县的项目中选择，或先在“项目”中添加。",
            )
            .into());
        };
        refuse_locked_agreement(&agreement.status)?;
        // Only what the programme says: a link is not refused for the agreement's other fields.
        let found = programme_warnings(&link, agreement.year, agreement.target_households);
        let back_to_draft = self.write(|tx, writer| {
            let values = [
                ("programme_id", SqlValue::Text(linked.id.clone())),
                ("programme", SqlValue::Text(linked.name.clone())),
            ];
            let edited =
                write::record(tx, writer, &AGREEMENT, agreement_id, Op::Update, &values)?.is_some();
            lifecycle::back_to_draft_if_submitted(tx, writer, &AGREEMENT, agreement_id, edited)
        })?;
        let mut warnings: Vec<Warning> = found.into_iter().map(Warning::from).collect();
        warnings.extend(back_to_draft);
        Ok(Saved::new(self.agreement(agreement_id)?, warnings))
    }

    /// Links every unlinked agreement whose free-text programme names a programme (the rule of
    /// migration 0021: by name, the agreement's year deciding between years), through the write
    /// path; answers how many it linked. For a county that adds its programmes after the
    /// agreements naming them.
    pub fn link_agreements_by_name(&mut self) -> Result<usize> {
        let mut linked = 0;
        for summary in self.unlinked_agreements()? {
            let agreement = self.agreement(&summary.id)?;
            if agreement.status == "locked" {
                continue;
            }
            let named = self.programme_link(None, &agreement.programme, agreement.year)?;
            if let ProgrammeLink::Linked(p) = named {
                self.link_agreement_programme(&agreement.id, &p.id)?;
                linked += 1;
            }
        }
        Ok(linked)
    }

    /// The programme an agreement names: by id when it gives one, else by its free-text name
    /// (the agreement's `year` decides between programmes of the same name in several years).
    fn programme_link(&self, id: Option<&str>, text: &str, year: i32) -> Result<ProgrammeLink> {
        if let Some(id) = id {
            return self.programme_link_by_id(id);
        }
        let name = text.trim();
        if name.is_empty() {
            return Ok(ProgrammeLink::Unlinked);
        }
        let found: Vec<(String, i32)> = self.conn.list(
            "SELECT id, year FROM programme WHERE name = ?1 AND deleted_hlc IS NULL
             ORDER BY year",
            [name],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let id = match found.as_slice() {
            [(id, _)] => Some(id),
            many => many.iter().find(|(_, of)| *of == year).map(|(id, _)| id),
        };
        match id {
            Some(id) => self.programme_link_by_id(&id.clone()),
            None => Ok(ProgrammeLink::Unlinked),
        }
    }

    fn programme_link_by_id(&self, id: &str) -> Result<ProgrammeLink> {
        match self.programme(id) {
            Ok(p) => Ok(ProgrammeLink::Linked(LinkedProgramme {
                roster_min: roster_minimum(&p.settings),
                id: p.id,
                name: p.name,
                year: p.year,
            })),
            Err(Error::NotFound { .. }) => Ok(ProgrammeLink::Missing),
            Err(e) => Err(e),
        }
    }

    /// Each programme's roster minimum (`roster_minimum`), by id.
    fn roster_minimums(&self) -> Result<BTreeMap<String, Option<u32>>> {
        Ok(self
            .conn
            .list(
                "SELECT id, settings FROM programme WHERE deleted_hlc IS NULL",
                [],
                |r| {
                    let json: String = r.get(1)?;
                    let preset: Preset = serde_json::from_str(&json).map_err(|e| {
                        rusqlite::Error::FromSqlConversionFailure(
                            1,
                            rusqlite::types::Type::Text,
                            Box::new(e),
                        )
                    })?;
                    Ok((r.get(0)?, roster_minimum(&preset)))
                },
            )?
            .into_iter()
            .collect())
    }

    /// Agreement summaries `WHERE condition` (`?1`: `bound`), newest year first.
    pub(crate) fn agreement_summaries(
        &self,
        condition: &str,
        bound: Option<&str>,
    ) -> Result<Vec<AgreementSummary>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT a.id, a.number, a.year, o.name, coalesce(t.name || v.name, ''),
                    coalesce(p.name, a.programme), a.programme_id,
                    (SELECT count(*) FROM roster r WHERE r.agreement_id = a.id AND r.deleted_hlc IS NULL),
                    {}
             FROM agreement a JOIN operator o ON o.id = a.operator_id
             LEFT JOIN programme p ON p.id = a.programme_id
             LEFT JOIN village v ON v.id = o.village_id
             LEFT JOIN township t ON t.id = v.township_id
             WHERE {condition}
             ORDER BY a.year DESC, a.number",
            lifecycle::status_column("a"),
        ))?;
        let minimums = self.roster_minimums()?;
        let rows: Vec<AgreementSummary> = stmt
            .query_map([bound], |r| {
                let roster_count: u32 = r.get(7)?;
                let programme_id: Option<String> = r.get(6)?;
                let roster_min = programme_id
                    .as_ref()
                    .and_then(|p| minimums.get(p).copied().flatten());
                Ok(from_row!(r => AgreementSummary {
                    id, number, year, operator_name, place, programme,
                    programme_id = programme_id, roster_count = roster_count,
                    roster_min = roster_min,
                    meets_demo_shop_rule = roster_min.is_none_or(|min| roster_count >= min),
                    total_income = String::new(), _, _, status,
                }))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let totals = self.income_totals()?;
        Ok(rows
            .into_iter()
            .map(|mut summary| {
                summary.total_income = yuan(totals.get(&summary.id).copied().unwrap_or_default());
                summary
            })
            .collect())
    }
}

fn agreement_from_row(r: &Row) -> rusqlite::Result<AgreementRow> {
    let modes: String = r.get(8)?;
    let rule: String = r.get(9)?;
    Ok(AgreementRow {
        agreement: Agreement {
            id: r.get(0)?,
            number: r.get(1)?,
            year: r.get(2)?,
            programme: r.get(3)?,
            programme_id: r.get(20)?,
            operator_id: r.get(4)?,
            operator_name: r.get(5)?,
            witness_village_id: r.get(6)?,
            witness: r.get(7)?,
            modes: serde_json::from_str(&modes).unwrap_or_default(),
            price_rule: PriceRule::from_code(&rule),
            price_value: r.get(10)?,
            min_quantity: r.get(11)?,
            pay_within_days: r.get(12)?,
            target_households: r.get(13)?,
            target_income: r.get(14)?,
            term_start: r.get(15)?,
            term_end: r.get(16)?,
            scan_sha256: r.get(17)?,
            scan_file_name: r.get(18)?,
            roster_count: 0,
            roster_min: None,
            meets_demo_shop_rule: false,
            total_income: String::new(),
            total_premium: String::new(),
            income_per_household: String::new(),
            status: String::new(),
        },
        status: r.get(19)?,
    })
}

pub(crate) fn parse_mode(code: &str) -> LinkageMode {
    serde_json::from_value(serde_json::Value::String(code.to_string()))
        .unwrap_or(LinkageMode::ProtectivePurchase)
}

pub(crate) fn refuse_locked_agreement(status: &str) -> Result<()> {
    refuse_if(
        status == "locked",
        Code::RECORD_LOCKED,
        "status",
        "这份带贫协议已被县里锁定，不能再修改花名册或台账。如需更正，请联系县电商中心解锁。",
    )?;
    Ok(())
}

fn exists(
    tx: &Transaction,
    table: &str,
    id: &str,
    field: &'static str,
    message: &str,
) -> Result<()> {
    let found: Option<i64> = tx.value(
        &format!("SELECT 1 FROM {table} WHERE id = ?1 AND deleted_hlc IS NULL"),
        [id],
    )?;
    match found {
        Some(_) => Ok(()),
        None => Err(Invalid::new(Code::REFERENCE_MISSING, field, message).into()),
    }
}

impl Store {
    /// Moves an agreement along draft → submitted → locked; a locked agreement's roster and
    /// ledger refuse changes too.
    pub fn set_agreement_status(&mut self, id: &str, to: write::Status) -> Result<()> {
        self.write(|tx, writer| write::set_status(tx, writer, &AGREEMENT, id, to))?;
        Ok(())
    }
}
