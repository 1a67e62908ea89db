//! The rows the xlsx exports print: the household register, rosters, ledgers, attendance and
//! the township progress summary, for one township (9-digit code) or the whole county. Full ID
//! numbers: these files go to the county, which holds the register.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::domain::agreements::LinkageMode;
use crate::domain::training::{slot_label, Audience, Sex};
use crate::error::Result;
use crate::store::records::agreements::{dec, parse_mode};
use crate::store::records::training::register_match::poor_now;
use crate::store::Query;
use crate::store::Store;

/// A cell value of an export.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Text(String),
    Int(i64),
    /// Yuan with 2 decimals.
    Money(Decimal),
}

fn text(s: impl Into<String>) -> Val {
    Val::Text(s.into())
}

fn mode_label(code: &str) -> &'static str {
    let mode: LinkageMode = parse_mode(code);
    mode.label()
}

impl Store {
    /// Register rows: 乡镇, 村, 村代码, 村民小组, 户主姓名, 身份证号, 家庭人口, 类别, 脱贫年度,
    /// 联系电话, 备注.
    pub fn export_households(&self, township: Option<&str>) -> Result<Vec<Vec<Val>>> {
        Ok(self.conn.list(
            "SELECT t.name, v.name, v.code, h.village_group, h.head_name, h.id_number, h.size,
                    c.label, h.year_lifted, h.phone, h.notes
             FROM household h JOIN village v ON v.id = h.village_id
             JOIN township t ON t.id = v.township_id
             JOIN household_category c ON c.code = h.category
             WHERE h.deleted_hlc IS NULL AND (?1 IS NULL OR t.code = ?1)
             ORDER BY v.code, h.village_group, h.head_name, h.id_number",
            [township],
            |r| {
                let year: Option<i64> = r.get(8)?;
                Ok(vec![
                    text(r.get::<_, String>(0)?),
                    text(r.get::<_, String>(1)?),
                    text(r.get::<_, String>(2)?),
                    text(r.get::<_, String>(3)?),
                    text(r.get::<_, String>(4)?),
                    text(r.get::<_, String>(5)?),
                    Val::Int(r.get(6)?),
                    text(r.get::<_, String>(7)?),
                    year.map_or(text(""), Val::Int),
                    text(r.get::<_, String>(9)?),
                    text(r.get::<_, String>(10)?),
                ])
            },
        )?)
    }

    /// Roster rows of the agreements whose operator is in the township: 协议编号, 实施主体,
    /// 户主姓名, 身份证号, 乡镇, 村, 带贫方式, 带贫内容, 增收(元) derived from the ledger.
    pub fn export_rosters(&self, township: Option<&str>) -> Result<Vec<Vec<Val>>> {
        let raw: Vec<(String, Vec<Val>, String)> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT a.id, h.id, a.number, o.name, h.head_name, h.id_number, t.name, v.name,
                        r.mode, r.content
                 FROM roster r JOIN agreement a ON a.id = r.agreement_id
                 JOIN operator o ON o.id = a.operator_id
                 LEFT JOIN village ov ON ov.id = o.village_id
                 LEFT JOIN township ot ON ot.id = ov.township_id
                 JOIN household h ON h.id = r.household_id
                 JOIN village v ON v.id = h.village_id JOIN township t ON t.id = v.township_id
                 WHERE r.deleted_hlc IS NULL AND a.deleted_hlc IS NULL
                   AND (?1 IS NULL OR ot.code = ?1)
                 ORDER BY a.number, v.code, h.village_group, h.head_name",
            )?;
            let rows = stmt.query_map([township], |r| {
                let mode: String = r.get(8)?;
                Ok((
                    r.get::<_, String>(0)?,
                    vec![
                        text(r.get::<_, String>(2)?),
                        text(r.get::<_, String>(3)?),
                        text(r.get::<_, String>(4)?),
                        text(r.get::<_, String>(5)?),
                        text(r.get::<_, String>(6)?),
                        text(r.get::<_, String>(7)?),
                        text(mode_label(&mode)),
                        text(r.get::<_, String>(9)?),
                    ],
                    r.get::<_, String>(1)?,
                ))
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut incomes = BTreeMap::new();
        let mut out = Vec::with_capacity(raw.len());
        for (agreement_id, mut row, household_id) in raw {
            if !incomes.contains_key(&agreement_id) {
                incomes.insert(agreement_id.clone(), self.income(&agreement_id)?);
            }
            let income = incomes[&agreement_id]
                .get(&household_id)
                .map(|i| i.income)
                .unwrap_or_default();
            row.push(Val::Money(income));
            out.push(row);
        }
        Ok(out)
    }

    /// Ledger entries of the township's operators' agreements: 协议编号, 实施主体, 日期, 户主姓名,
    /// 身份证号, 产品, 数量, 单位, 单价, 市场价, 金额, 付款方式, 凭证号, 交货日期 (empty when not
    /// recorded; 日期 is the day paid).
    pub fn export_ledgers(&self, township: Option<&str>) -> Result<Vec<Vec<Val>>> {
        Ok(self.conn.list(
            "SELECT a.number, o.name, l.entry_date, h.head_name, h.id_number, l.product,
                    l.quantity, l.unit, l.unit_price, l.market_price, l.amount, l.payment_method,
                    l.voucher_no, l.delivered_date
             FROM ledger_entry l JOIN agreement a ON a.id = l.agreement_id
             JOIN operator o ON o.id = a.operator_id
             LEFT JOIN village ov ON ov.id = o.village_id
             LEFT JOIN township ot ON ot.id = ov.township_id
             JOIN household h ON h.id = l.household_id
             WHERE l.deleted_hlc IS NULL AND a.deleted_hlc IS NULL AND (?1 IS NULL OR ot.code = ?1)
             ORDER BY a.number, l.entry_date, l.rowid",
            [township],
            |r| {
                let s = |i: usize| r.get::<_, String>(i);
                let market = s(9)?;
                Ok(vec![
                    text(s(0)?),
                    text(s(1)?),
                    text(s(2)?),
                    text(s(3)?),
                    text(s(4)?),
                    text(s(5)?),
                    text(s(6)?),
                    text(s(7)?),
                    Val::Money(dec(&s(8)?)),
                    if market.is_empty() {
                        text("")
                    } else {
                        Val::Money(dec(&market))
                    },
                    Val::Money(dec(&s(10)?)),
                    text(s(11)?),
                    text(s(12)?),
                    text(s(13)?),
                ])
            },
        )?)
    }

    /// Attendance of the township's sessions: 培训, 时段, 姓名, 性别, 身份证号, 联系电话, 乡镇,
    /// 村, 建档立卡户, 签名, 签到表页码, 培训对象.
    /// 建档立卡户 follows the register as it is now, as the totals count it.
    pub fn export_attendance(&self, township: Option<&str>) -> Result<Vec<Vec<Val>>> {
        Ok(self.conn.list(
            &format!(
                "SELECT s.title, a.slot, a.name, a.sex, a.id_number, a.phone, coalesce(t.name, ''),
                    coalesce(v.name, ''), {}, a.signed, a.sheet_page, a.audience
             FROM attendance a JOIN training_session s ON s.id = a.session_id
             LEFT JOIN township st ON st.id = s.township_id
             LEFT JOIN township t ON t.id = a.township_id
             LEFT JOIN village v ON v.id = a.village_id
             WHERE a.deleted_hlc IS NULL AND s.deleted_hlc IS NULL
               AND (?1 IS NULL OR st.code = ?1)
             ORDER BY s.title, a.slot, a.rowid",
                poor_now("a")
            ),
            [township],
            |r| {
                let s = |i: usize| r.get::<_, String>(i);
                let yes = |b: bool| text(if b { "是" } else { "否" });
                Ok(vec![
                    text(s(0)?),
                    text(slot_label(&s(1)?)),
                    text(s(2)?),
                    text(Sex::from_code(&s(3)?).label()),
                    text(s(4)?),
                    text(s(5)?),
                    text(s(6)?),
                    text(s(7)?),
                    yes(r.get(8)?),
                    yes(r.get(9)?),
                    text(s(10)?),
                    text(Audience::from_code(&s(11)?).label()),
                ])
            },
        )?)
    }

    /// One row per township: 乡镇代码, 乡镇, 村数, 贫困村数, 建档立卡户数, 实施主体数, 带贫协议数,
    /// 花名册户数, 台账金额(元), 培训人次 (each person once per session, as the totals count).
    pub fn export_summary(&self, township: Option<&str>) -> Result<Vec<Vec<Val>>> {
        let mut sales: BTreeMap<String, Decimal> = BTreeMap::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT ot.code, l.amount FROM ledger_entry l
                 JOIN agreement a ON a.id = l.agreement_id JOIN operator o ON o.id = a.operator_id
                 JOIN village ov ON ov.id = o.village_id JOIN township ot ON ot.id = ov.township_id
                 WHERE l.deleted_hlc IS NULL AND a.deleted_hlc IS NULL",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                *sales.entry(r.get(0)?).or_default() += dec(&r.get::<_, String>(1)?);
            }
        }
        Ok(self.conn.list("SELECT t.code, t.name,
               (SELECT count(*) FROM village v WHERE v.township_id = t.id AND v.deleted_hlc IS NULL),
               (SELECT count(*) FROM village v WHERE v.township_id = t.id AND v.deleted_hlc IS NULL
                  AND v.poor = 1),
               (SELECT count(*) FROM household h JOIN village v ON v.id = h.village_id
                  WHERE v.township_id = t.id AND h.deleted_hlc IS NULL),
               (SELECT count(*) FROM operator o JOIN village v ON v.id = o.village_id
                  WHERE v.township_id = t.id AND o.deleted_hlc IS NULL),
               (SELECT count(*) FROM agreement a JOIN operator o ON o.id = a.operator_id
                  JOIN village v ON v.id = o.village_id
                  WHERE v.township_id = t.id AND a.deleted_hlc IS NULL),
               (SELECT count(DISTINCT r.household_id) FROM roster r
                  JOIN agreement a ON a.id = r.agreement_id JOIN operator o ON o.id = a.operator_id
                  JOIN village v ON v.id = o.village_id
                  WHERE v.township_id = t.id AND r.deleted_hlc IS NULL AND a.deleted_hlc IS NULL),
               (SELECT count(DISTINCT at.session_id || '/' || at.id_number)
                  FROM attendance at JOIN training_session s ON s.id = at.session_id
                  WHERE s.township_id = t.id AND at.deleted_hlc IS NULL AND s.deleted_hlc IS NULL)
             FROM township t WHERE t.deleted_hlc IS NULL AND (?1 IS NULL OR t.code = ?1)
             ORDER BY t.code", [township], |r| {
            let code: String = r.get(0)?;
            let mut row = vec![text(code.clone()), text(r.get::<_, String>(1)?)];
            for i in 2..=7 {
                row.push(Val::Int(r.get(i)?));
            }
            row.push(Val::Money(sales.get(&code).copied().unwrap_or_default()));
            row.push(Val::Int(r.get(8)?));
            Ok(row)
        })?)
    }
}
