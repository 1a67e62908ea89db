//! Linkage agreements, their rosters and append-only ledgers, and the derived income.

use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::NaiveDate;
use rusqlite::types::Value as SqlValue;
use rusqlite::{params, OptionalExtension, Row, Transaction};
use rust_decimal::Decimal;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::write::{self, Op, AGREEMENT, LEDGER, ROSTER};
use super::Store;
use crate::domain::agreements::{
    income_by_household, Agreement, AgreementInput, AgreementSummary, HouseholdLink, Income,
    LedgerInput, LedgerLine, LedgerRow, LinkageMode, PriceRule, RosterInput, RosterRow, Term,
    DEMO_SHOP_MIN_HOUSEHOLDS,
};
use crate::domain::resident_id::ResidentId;
use crate::domain::{Invalid, Saved, Warning};
use crate::error::{Error, Result};

/// Roster rows are UUIDv5 of (agreement, household) in this namespace, so the same household
/// added to the same agreement on two laptops is one row.
const ROSTER_NAMESPACE: Uuid = Uuid::from_u128(0x6f1e_2c3a_9b7d_4e10_8a55_0c2f_d1b3_7e90);
/// Scanned agreements are photos or PDFs; anything larger is almost certainly the wrong file.
pub const MAX_ATTACHMENT_BYTES: usize = 20 * 1024 * 1024;

pub fn roster_id(agreement_id: &str, household_id: &str) -> String {
    Uuid::new_v5(
        &ROSTER_NAMESPACE,
        format!("{agreement_id}/{household_id}").as_bytes(),
    )
    .to_string()
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap_or_default()
}

fn yuan(d: Decimal) -> String {
    format!("{:.2}", d)
}

struct AgreementRow {
    agreement: Agreement,
    status: String,
}

impl Store {
    pub fn add_agreement(&mut self, input: &AgreementInput) -> Result<Saved<Agreement>> {
        let id = Uuid::now_v7().to_string();
        let warnings = self.save_agreement(&id, Op::Create, input)?;
        Ok(Saved {
            record: self.agreement(&id)?,
            warnings,
        })
    }

    pub fn update_agreement(
        &mut self,
        id: &str,
        input: &AgreementInput,
    ) -> Result<Saved<Agreement>> {
        self.agreement(id)?;
        let warnings = self.save_agreement(id, Op::Update, input)?;
        Ok(Saved {
            record: self.agreement(id)?,
            warnings,
        })
    }

    fn save_agreement(&mut self, id: &str, op: Op, input: &AgreementInput) -> Result<Vec<Warning>> {
        let valid = input.validated()?;
        let input = &valid.input;
        self.write(|tx, writer| {
            exists(tx, "operator", &input.operator_id, "operatorId", "所选的实施主体不存在。")?;
            if let Some(village) = &input.witness_village_id {
                exists(tx, "village", village, "witnessVillageId", "所选的见证村不存在。")?;
            }
            let same_number: Option<String> = tx
                .query_row(
                    "SELECT id FROM agreement WHERE number = ?1 AND deleted_hlc IS NULL AND id <> ?2",
                    params![input.number, id],
                    |r| r.get(0),
                )
                .optional()?;
            if same_number.is_some() {
                return Err(Invalid::new(
                    "AGREEMENT_NUMBER_DUPLICATE",
                    "number",
                    format!("协议编号 {} 已被另一份协议使用，请换一个编号。", input.number),
                )
                .into());
            }
            if op == Op::Update {
                let outside: i64 = tx.query_row(
                    "SELECT count(*) FROM ledger_entry WHERE agreement_id = ?1
                     AND (entry_date < ?2 OR entry_date > ?3)",
                    params![id, valid.term_start.to_string(), valid.term_end.to_string()],
                    |r| r.get(0),
                )?;
                if outside > 0 {
                    return Err(Invalid::new(
                        "AGREEMENT_TERM_EXCLUDES_LEDGER",
                        "termStart",
                        format!("台账中有 {outside} 笔记录不在新的协议期限内，请先核对台账。"),
                    )
                    .into());
                }
            }
            let text = |s: &str| SqlValue::Text(s.to_string());
            let modes = serde_json::to_string(&input.modes).expect("modes serialise");
            let values = [
                ("number", text(&input.number)),
                ("year", SqlValue::Integer(input.year.into())),
                ("programme", text(&input.programme)),
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
                ("target_households", SqlValue::Integer(input.target_households.into())),
                ("target_income", SqlValue::Text(yuan(valid.target_income))),
                ("term_start", SqlValue::Text(valid.term_start.to_string())),
                ("term_end", SqlValue::Text(valid.term_end.to_string())),
            ];
            write::record(tx, writer, &AGREEMENT, id, op, &values)?;
            Ok(())
        })?;
        Ok(valid.warnings.into_iter().map(Warning::from).collect())
    }

    /// Stores the scanned, signed agreement by its SHA-256 (the same file twice is stored once)
    /// and links it to the agreement through the write path.
    pub fn attach_scan(
        &mut self,
        agreement_id: &str,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<Agreement> {
        if bytes.is_empty() || bytes.len() > MAX_ATTACHMENT_BYTES {
            return Err(Invalid::new(
                "ATTACHMENT_SIZE",
                "scan",
                format!(
                    "扫描件应为 1 字节到 {} MB 之间的图片或 PDF，这个文件有 {} 字节。",
                    MAX_ATTACHMENT_BYTES / 1024 / 1024,
                    bytes.len()
                ),
            )
            .into());
        }
        let media_type = sniff_media_type(bytes).ok_or_else(|| {
            Invalid::new(
                "ATTACHMENT_TYPE",
                "scan",
                "扫描件只能是 JPEG、PNG 图片或 PDF 文件。",
            )
        })?;
        self.agreement(agreement_id)?;
        let sha: String = Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        self.write(|tx, writer| {
            tx.execute(
                "INSERT OR IGNORE INTO attachment (sha256, media_type, file_name, size, content)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![sha, media_type, file_name, bytes.len() as i64, bytes],
            )?;
            write::record(
                tx,
                writer,
                &AGREEMENT,
                agreement_id,
                Op::Update,
                &[("scan_sha256", SqlValue::Text(sha.clone()))],
            )?;
            Ok(())
        })?;
        self.agreement(agreement_id)
    }

    pub fn attachment(&self, sha256: &str) -> Result<(String, String, Vec<u8>)> {
        self.conn
            .query_row(
                "SELECT media_type, file_name, content FROM attachment WHERE sha256 = ?1",
                [sha256],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "附件",
                key: sha256.to_string(),
            })
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
        agreement.meets_demo_shop_rule = agreement.roster_count >= DEMO_SHOP_MIN_HOUSEHOLDS;
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

    fn agreement_row(&self, id: &str) -> Result<AgreementRow> {
        self.conn
            .query_row(
                "SELECT a.id, a.number, a.year, a.programme, a.operator_id, o.name,
                        a.witness_village_id, coalesce(t.name || v.name || '村民委员会', ''),
                        a.modes, a.price_rule, a.price_value, a.min_quantity, a.pay_within_days,
                        a.target_households, a.target_income, a.term_start, a.term_end,
                        a.scan_sha256, att.file_name, a.status
                 FROM agreement a JOIN operator o ON o.id = a.operator_id
                 LEFT JOIN village v ON v.id = a.witness_village_id
                 LEFT JOIN township t ON t.id = v.township_id
                 LEFT JOIN attachment att ON att.sha256 = a.scan_sha256
                 WHERE a.id = ?1 AND a.deleted_hlc IS NULL",
                [id],
                agreement_from_row,
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "带贫协议",
                key: id.to_string(),
            })
    }

    pub fn list_agreements(&self, operator_id: Option<&str>) -> Result<Vec<AgreementSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.number, a.year, o.name, coalesce(t.name || v.name, ''),
                    (SELECT count(*) FROM roster r WHERE r.agreement_id = a.id AND r.deleted_hlc IS NULL),
                    a.status
             FROM agreement a JOIN operator o ON o.id = a.operator_id
             LEFT JOIN village v ON v.id = o.village_id
             LEFT JOIN township t ON t.id = v.township_id
             WHERE a.deleted_hlc IS NULL AND (?1 IS NULL OR a.operator_id = ?1)
             ORDER BY a.year DESC, a.number",
        )?;
        let rows: Vec<(AgreementSummary, String)> = stmt
            .query_map([operator_id], |r| {
                let roster_count: u32 = r.get(5)?;
                Ok((
                    AgreementSummary {
                        id: r.get(0)?,
                        number: r.get(1)?,
                        year: r.get(2)?,
                        operator_name: r.get(3)?,
                        place: r.get(4)?,
                        roster_count,
                        meets_demo_shop_rule: roster_count >= DEMO_SHOP_MIN_HOUSEHOLDS,
                        total_income: String::new(),
                        status: r.get(6)?,
                    },
                    r.get::<_, String>(0)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let totals = self.income_totals()?;
        Ok(rows
            .into_iter()
            .map(|(mut summary, id)| {
                summary.total_income = yuan(totals.get(&id).copied().unwrap_or_default());
                summary
            })
            .collect())
    }

    /// Σ ledger amounts per agreement.
    fn income_totals(&self) -> Result<BTreeMap<String, Decimal>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT agreement_id, amount FROM ledger_entry WHERE deleted_hlc IS NULL",
        )?;
        let mut totals: BTreeMap<String, Decimal> = BTreeMap::new();
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            let amount: String = row.get(1)?;
            *totals.entry(id).or_default() += dec(&amount);
        }
        Ok(totals)
    }

    /// The roster with each household's income derived from the ledger.
    pub fn roster(&self, agreement_id: &str) -> Result<Vec<RosterRow>> {
        let income = self.income(agreement_id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.id, r.household_id, h.head_name, h.id_number, t.name || v.name, h.size,
                    c.label, r.mode, r.content
             FROM roster r JOIN household h ON h.id = r.household_id
             JOIN village v ON v.id = h.village_id JOIN township t ON t.id = v.township_id
             JOIN household_category c ON c.code = h.category
             WHERE r.agreement_id = ?1 AND r.deleted_hlc IS NULL
             ORDER BY v.code, h.village_group, h.head_name",
        )?;
        let rows = stmt.query_map([agreement_id], |r| {
            let household_id: String = r.get(1)?;
            let mode: String = r.get(7)?;
            let got = income.get(&household_id).copied().unwrap_or_default();
            Ok(RosterRow {
                id: r.get(0)?,
                head_name: r.get(2)?,
                id_masked: ResidentId::from_stored(r.get(3)?).masked_for_list(),
                place: r.get(4)?,
                size: r.get(5)?,
                category_label: r.get(6)?,
                mode: parse_mode(&mode),
                content: r.get(8)?,
                income: yuan(got.income),
                premium: yuan(got.premium),
                entries: got.entries,
                household_id,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Income per household of one agreement, from its ledger (reversals included).
    pub fn income(&self, agreement_id: &str) -> Result<BTreeMap<String, Income>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT household_id, quantity, unit_price, market_price, amount FROM ledger_entry
             WHERE agreement_id = ?1 AND deleted_hlc IS NULL",
        )?;
        let lines = stmt
            .query_map([agreement_id], |r| {
                let market: String = r.get(3)?;
                Ok(LedgerLine {
                    household_id: r.get(0)?,
                    quantity: dec(&r.get::<_, String>(1)?),
                    unit_price: dec(&r.get::<_, String>(2)?),
                    market_price: (!market.is_empty()).then(|| dec(&market)),
                    amount: dec(&r.get::<_, String>(4)?),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(income_by_household(&lines))
    }

    pub fn add_to_roster(&mut self, input: &RosterInput) -> Result<Saved<RosterRow>> {
        let content = input.content.trim().to_string();
        crate::domain::places::check_optional_text(&content, "content", "带贫内容", 100)?;
        let agreement = self.agreement_row(&input.agreement_id)?;
        refuse_locked_agreement(&agreement.status)?;
        let household = self.household(&input.household_id).map_err(|_| {
            Invalid::new(
                "ROSTER_HOUSEHOLD",
                "householdId",
                "所选的农户不在登记册中。",
            )
        })?;
        let id = roster_id(&input.agreement_id, &input.household_id);
        let existing: Option<Option<i64>> = self
            .conn
            .query_row("SELECT deleted_hlc FROM roster WHERE id = ?1", [&id], |r| {
                r.get(0)
            })
            .optional()?;
        match existing {
            Some(None) => {
                return Err(Invalid::new(
                    "ROSTER_DUPLICATE",
                    "householdId",
                    format!("{}户已在本协议的花名册中。", household.head_name),
                )
                .into())
            }
            Some(Some(_)) => {
                return Err(Invalid::new(
                    "ROSTER_REMOVED",
                    "householdId",
                    format!(
                        "{}户曾从本协议花名册移除，移除记录需保留备查，不能再次加入。如确需恢复，请联系县电商中心。",
                        household.head_name
                    ),
                )
                .into())
            }
            None => {}
        }
        // Fabrication check 2: one household on many operators' rosters in one year.
        let elsewhere: Vec<String> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT DISTINCT o.name FROM roster r JOIN agreement a ON a.id = r.agreement_id
                 JOIN operator o ON o.id = a.operator_id
                 WHERE r.household_id = ?1 AND r.deleted_hlc IS NULL AND a.year = ?2
                   AND a.operator_id <> ?3",
            )?;
            let names = stmt.query_map(
                params![
                    input.household_id,
                    agreement.agreement.year,
                    agreement.agreement.operator_id
                ],
                |r| r.get(0),
            )?;
            names.collect::<rusqlite::Result<_>>()?
        };
        let mode = serde_json::to_value(input.mode).expect("mode serialises");
        self.write(|tx, writer| {
            let values = [
                ("agreement_id", SqlValue::Text(input.agreement_id.clone())),
                ("household_id", SqlValue::Text(input.household_id.clone())),
                (
                    "mode",
                    SqlValue::Text(mode.as_str().unwrap_or_default().to_string()),
                ),
                ("content", SqlValue::Text(content.clone())),
            ];
            write::record(tx, writer, &ROSTER, &id, Op::Create, &values)
        })?;
        let mut warnings = Vec::new();
        if !elsewhere.is_empty() {
            warnings.push(Warning::from(Invalid::new(
                "ROSTER_OTHER_OPERATOR",
                "householdId",
                format!(
                    "{}户在 {} 年还在 {} 的花名册中；县里汇总时只计一次。",
                    household.head_name,
                    agreement.agreement.year,
                    elsewhere.join("、")
                ),
            )));
        }
        let record = self
            .roster(&input.agreement_id)?
            .into_iter()
            .find(|r| r.id == id)
            .expect("the row just written");
        Ok(Saved { record, warnings })
    }

    /// Takes a household off a roster (a tombstone). Refused once the ledger has entries for it.
    pub fn remove_from_roster(&mut self, roster_id: &str) -> Result<()> {
        let (agreement_id, household_id): (String, String) = self
            .conn
            .query_row(
                "SELECT agreement_id, household_id FROM roster WHERE id = ?1 AND deleted_hlc IS NULL",
                [roster_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "花名册记录",
                key: roster_id.to_string(),
            })?;
        let entries: i64 = self.conn.query_row(
            "SELECT count(*) FROM ledger_entry WHERE agreement_id = ?1 AND household_id = ?2",
            params![agreement_id, household_id],
            |r| r.get(0),
        )?;
        if entries > 0 {
            return Err(Invalid::new(
                "ROSTER_HAS_LEDGER",
                "householdId",
                format!("该户在台账中已有 {entries} 笔记录，不能从花名册移除。"),
            )
            .into());
        }
        self.write(|tx, writer| write::record(tx, writer, &ROSTER, roster_id, Op::Delete, &[]))?;
        Ok(())
    }

    pub fn add_ledger_entry(&mut self, input: &LedgerInput) -> Result<Saved<LedgerRow>> {
        let agreement = self.agreement_row(&input.agreement_id)?;
        refuse_locked_agreement(&agreement.status)?;
        let term = Term {
            start: NaiveDate::from_str(&agreement.agreement.term_start).unwrap_or_default(),
            end: NaiveDate::from_str(&agreement.agreement.term_end).unwrap_or_default(),
            price_rule: agreement.agreement.price_rule,
            price_value: (!agreement.agreement.price_value.is_empty())
                .then(|| dec(&agreement.agreement.price_value)),
        };
        let valid = input.validated(&term)?;
        let on_roster: Option<i64> = self
            .conn
            .query_row(
                "SELECT 1 FROM roster WHERE agreement_id = ?1 AND household_id = ?2
                 AND deleted_hlc IS NULL",
                params![input.agreement_id, input.household_id],
                |r| r.get(0),
            )
            .optional()?;
        if on_roster.is_none() {
            return Err(Invalid::new(
                "LEDGER_NOT_IN_ROSTER",
                "householdId",
                "该户不在本协议的花名册中，请先把该户加入花名册。",
            )
            .into());
        }
        let id = Uuid::now_v7().to_string();
        self.write(|tx, writer| {
            let text = |s: &str| SqlValue::Text(s.to_string());
            let values = [
                ("agreement_id", text(&input.agreement_id)),
                ("household_id", text(&input.household_id)),
                ("entry_date", SqlValue::Text(valid.date.to_string())),
                ("product", text(&valid.product)),
                ("quantity", SqlValue::Text(valid.quantity.to_string())),
                ("unit", text(&valid.unit)),
                ("unit_price", SqlValue::Text(yuan(valid.unit_price))),
                (
                    "market_price",
                    SqlValue::Text(valid.market_price.map(yuan).unwrap_or_default()),
                ),
                ("amount", SqlValue::Text(yuan(valid.amount))),
                ("payment_method", text(&valid.payment_method)),
                ("voucher_no", text(&valid.voucher_no)),
            ];
            write::record(tx, writer, &LEDGER, &id, Op::Create, &values)
        })?;
        Ok(Saved {
            record: self.ledger_entry(&id)?,
            warnings: valid.warnings.into_iter().map(Warning::from).collect(),
        })
    }

    /// Cancels a ledger entry with a new entry of opposite quantity and amount that points at
    /// it; the original stays, as an auditor expects of a ledger.
    pub fn reverse_ledger_entry(&mut self, entry_id: &str, reason: &str) -> Result<LedgerRow> {
        let original = self.ledger_entry(entry_id)?;
        if original.reverses_id.is_some() {
            return Err(Invalid::new(
                "LEDGER_REVERSE_REVERSAL",
                "id",
                "这是一笔冲销记录，不能再冲销；如需恢复，请重新登记一笔。",
            )
            .into());
        }
        if original.reversed_by.is_some() {
            return Err(
                Invalid::new("LEDGER_ALREADY_REVERSED", "id", "这笔记录已经冲销过了。").into(),
            );
        }
        let agreement_id: String = self.conn.query_row(
            "SELECT agreement_id FROM ledger_entry WHERE id = ?1",
            [entry_id],
            |r| r.get(0),
        )?;
        refuse_locked_agreement(&self.agreement_row(&agreement_id)?.status)?;
        let reason = reason.trim();
        crate::domain::places::check_text(reason, "reason", "冲销原因", 100)?;
        let id = Uuid::now_v7().to_string();
        self.write(|tx, writer| {
            let text = |s: &str| SqlValue::Text(s.to_string());
            let values = [
                ("agreement_id", text(&agreement_id)),
                ("household_id", text(&original.household_id)),
                ("entry_date", text(&original.date)),
                ("product", text(&original.product)),
                (
                    "quantity",
                    SqlValue::Text((-dec(&original.quantity)).to_string()),
                ),
                ("unit", text(&original.unit)),
                ("unit_price", text(&original.unit_price)),
                ("market_price", text(&original.market_price)),
                ("amount", SqlValue::Text(yuan(-dec(&original.amount)))),
                ("payment_method", text(&original.payment_method)),
                ("voucher_no", SqlValue::Text(format!("冲销：{reason}"))),
                ("reverses_id", text(entry_id)),
            ];
            write::record(tx, writer, &LEDGER, &id, Op::Create, &values)
        })?;
        self.ledger_entry(&id)
    }

    pub fn ledger(&self, agreement_id: &str) -> Result<Vec<LedgerRow>> {
        let sql = format!(
            "{LEDGER_SELECT} WHERE l.agreement_id = ?1 ORDER BY l.entry_date, l.created_hlc"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([agreement_id], ledger_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn ledger_entry(&self, id: &str) -> Result<LedgerRow> {
        let sql = format!("{LEDGER_SELECT} WHERE l.id = ?1");
        self.conn
            .query_row(&sql, [id], ledger_from_row)
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "台账记录",
                key: id.to_string(),
            })
    }

    /// Every agreement a household is on, with its derived income, for the household's page.
    pub fn household_links(&self, household_id: &str) -> Result<Vec<HouseholdLink>> {
        let rows: Vec<(String, String, i32, String, String, String)> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT a.id, a.number, a.year, o.name, r.mode, r.content
                 FROM roster r JOIN agreement a ON a.id = r.agreement_id
                 JOIN operator o ON o.id = a.operator_id
                 WHERE r.household_id = ?1 AND r.deleted_hlc IS NULL AND a.deleted_hlc IS NULL
                 ORDER BY a.year DESC, a.number",
            )?;
            let mapped = stmt.query_map([household_id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })?;
            mapped.collect::<rusqlite::Result<_>>()?
        };
        rows.into_iter()
            .map(
                |(agreement_id, number, year, operator_name, mode, content)| {
                    let income = self
                        .income(&agreement_id)?
                        .get(household_id)
                        .copied()
                        .unwrap_or_default();
                    Ok(HouseholdLink {
                        agreement_id,
                        number,
                        year,
                        operator_name,
                        mode: parse_mode(&mode),
                        content,
                        income: yuan(income.income),
                        premium: yuan(income.premium),
                    })
                },
            )
            .collect()
    }
}

const LEDGER_SELECT: &str = "SELECT l.id, l.household_id, h.head_name, l.entry_date, l.product,
        l.quantity, l.unit, l.unit_price, l.market_price, l.amount, l.payment_method,
        l.voucher_no, l.reverses_id,
        (SELECT r.id FROM ledger_entry r WHERE r.reverses_id = l.id)
     FROM ledger_entry l JOIN household h ON h.id = l.household_id";

fn ledger_from_row(r: &Row) -> rusqlite::Result<LedgerRow> {
    Ok(LedgerRow {
        id: r.get(0)?,
        household_id: r.get(1)?,
        head_name: r.get(2)?,
        date: r.get(3)?,
        product: r.get(4)?,
        quantity: r.get(5)?,
        unit: r.get(6)?,
        unit_price: r.get(7)?,
        market_price: r.get(8)?,
        amount: r.get(9)?,
        payment_method: r.get(10)?,
        voucher_no: r.get(11)?,
        reverses_id: r.get(12)?,
        reversed_by: r.get(13)?,
    })
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
            meets_demo_shop_rule: false,
            total_income: String::new(),
            total_premium: String::new(),
            income_per_household: String::new(),
            status: String::new(),
        },
        status: r.get(19)?,
    })
}

fn parse_mode(code: &str) -> LinkageMode {
    serde_json::from_value(serde_json::Value::String(code.to_string()))
        .unwrap_or(LinkageMode::ProtectivePurchase)
}

fn refuse_locked_agreement(status: &str) -> Result<()> {
    if status == "locked" {
        return Err(Invalid::new(
            "RECORD_LOCKED",
            "status",
            "这份带贫协议已被县里锁定，不能再修改花名册或台账。如需更正，请联系县电商中心解锁。",
        )
        .into());
    }
    Ok(())
}

fn exists(
    tx: &Transaction,
    table: &str,
    id: &str,
    field: &'static str,
    message: &str,
) -> Result<()> {
    let found: Option<i64> = tx
        .query_row(
            &format!("SELECT 1 FROM {table} WHERE id = ?1 AND deleted_hlc IS NULL"),
            [id],
            |r| r.get(0),
        )
        .optional()?;
    match found {
        Some(_) => Ok(()),
        None => Err(Invalid::new("REFERENCE_MISSING", field, message).into()),
    }
}

/// What the bytes are, by their magic numbers rather than the file name.
fn sniff_media_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else {
        None
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
