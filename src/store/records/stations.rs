//! Service stations' monthly service records through the one write path: one per station and
//! month (the id is UUIDv5(station, month), so two laptops converge on one row); a month may be
//! corrected and voided (作废) with a reason, and recorded again once voided.

use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, Row, Transaction};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::domain::lifecycle::void_reason;
use crate::domain::refuse_if;
use crate::domain::stations::{StationMonth, StationMonthInput, VoidedMonth};
use crate::error::{Error, Result};
use crate::store::entities::STATION_MONTH;
use crate::store::write::{self, Op};
use crate::store::{Query, Store};
use crate::Code;

const MONTH_NAMESPACE: Uuid = Uuid::from_u128(0x6f1c_2a94_53be_4d70_8a1e_c0b7_94d2_1e35);

const MONTH_SELECT: &str = "SELECT m.id, m.operator_id, o.name, m.month, m.service_value,
        m.purchases, m.sales, m.parcels, m.bills_paid, m.publicity, m.reports, m.notes, m.status
     FROM station_month m JOIN operator o ON o.id = m.operator_id";

fn month_from_row(r: &Row) -> rusqlite::Result<StationMonth> {
    Ok(StationMonth {
        id: r.get(0)?,
        station_id: r.get(1)?,
        station_name: r.get(2)?,
        month: r.get(3)?,
        service_value: r.get(4)?,
        purchases: r.get(5)?,
        sales: r.get(6)?,
        parcels: r.get(7)?,
        bills_paid: r.get(8)?,
        publicity: r.get(9)?,
        reports: r.get(10)?,
        notes: r.get(11)?,
        status: r.get(12)?,
    })
}

/// The id of a station's month: UUIDv5(station, month), so two laptops recording the same month
/// converge on one row. A voided month keeps its tombstone (sync treats a delete as final: the
/// hub refuses an edit of a deleted row), so recording the month again takes the next free
/// generation `station|month|n` — the same id on every laptop that saw the same voids.
fn month_id(station_id: &str, month: &str, generation: u32) -> String {
    let name = match generation {
        0 => format!("{station_id}|{month}"),
        n => format!("{station_id}|{month}|{n}"),
    };
    Uuid::new_v5(&MONTH_NAMESPACE, name.as_bytes()).to_string()
}

fn free_month_id(tx: &Transaction, station_id: &str, month: &str) -> Result<String> {
    for generation in 0.. {
        let id = month_id(station_id, month, generation);
        let taken: Option<i64> = tx.value("SELECT 1 FROM station_month WHERE id = ?1", [&id])?;
        if taken.is_none() {
            return Ok(id);
        }
    }
    unreachable!("a free generation exists")
}

/// Refuses a station that is not a live service station.
fn check_station(conn: &Connection, station_id: &str) -> Result<()> {
    let kind: Option<String> = conn.value(
        "SELECT kind FROM operator WHERE id = ?1 AND deleted_hlc IS NULL",
        [station_id],
    )?;
    refuse_if(
        kind.as_deref() != Some("service_station"),
        Code::STATION_MONTH_STATION,
        "stationId",
        match kind {
            None => "所选的服务站点不存在或已作废。".to_string(),
            Some(_) => "月度服务记录只能记在村级电商服务站点（实施主体类型为服务站点）上。".into(),
        },
    )?;
    Ok(())
}

/// Refuses a second live record of the station's month (`except_id`: the month being edited).
fn refuse_month_taken(tx: &Transaction, input: &StationMonthInput, except_id: &str) -> Result<()> {
    let taken: Option<String> = tx.value(
        "SELECT id FROM station_month WHERE operator_id = ?1 AND month = ?2
         AND deleted_hlc IS NULL AND id <> ?3",
        [&input.station_id, &input.month, except_id],
    )?;
    refuse_if(
        taken.is_some(),
        Code::STATION_MONTH_DUPLICATE,
        "month",
        format!(
            "这个站点 {} 的月度服务已经记录过，不能重复录入。请改那一条，或先把它作废。",
            input.month
        ),
    )?;
    Ok(())
}

fn month_values(input: &StationMonthInput, value: Decimal) -> Vec<(&'static str, SqlValue)> {
    let count = |n: u32| SqlValue::Integer(n.into());
    vec![
        ("operator_id", SqlValue::Text(input.station_id.clone())),
        ("month", SqlValue::Text(input.month.clone())),
        ("service_value", SqlValue::Text(format!("{value:.2}"))),
        ("purchases", count(input.purchases)),
        ("sales", count(input.sales)),
        ("parcels", count(input.parcels)),
        ("bills_paid", count(input.bills_paid)),
        ("publicity", count(input.publicity)),
        ("reports", count(input.reports)),
        ("notes", SqlValue::Text(input.notes.trim().to_string())),
    ]
}

impl Store {
    /// Records a station's month. Refused: a station that is not a live service station
    /// (STATION_MONTH_STATION), a month already recorded for it (STATION_MONTH_DUPLICATE), a
    /// bad month or value. A month voided before may be recorded again (a new row).
    pub fn add_station_month(&mut self, input: &StationMonthInput) -> Result<StationMonth> {
        let value = input.validated()?;
        check_station(&self.conn, &input.station_id)?;
        let input = input.clone();
        let id = self.write(|tx, writer| {
            refuse_month_taken(tx, &input, "")?;
            let id = free_month_id(tx, &input.station_id, &input.month)?;
            let values = month_values(&input, value);
            write::record(tx, writer, &STATION_MONTH, &id, Op::Create, &values)?;
            Ok(id)
        })?;
        self.station_month(&id)
    }

    /// Corrects a recorded month (a mistyped month, value or count), checked like a new one;
    /// a month changed onto one already recorded for the station is STATION_MONTH_DUPLICATE.
    /// The row keeps its id. A voided month is RECORD_VOIDED: record it again instead.
    pub fn edit_station_month(
        &mut self,
        id: &str,
        input: &StationMonthInput,
    ) -> Result<StationMonth> {
        self.refuse_voided_month(id, "修改")?;
        let value = input.validated()?;
        check_station(&self.conn, &input.station_id)?;
        let input = input.clone();
        self.write(|tx, writer| {
            refuse_month_taken(tx, &input, id)?;
            let values = month_values(&input, value);
            write::record(tx, writer, &STATION_MONTH, id, Op::Update, &values)
        })?;
        self.station_month(id)
    }

    /// Voids a month (作废) with a required reason: a tombstone through the write path, the
    /// reason in the same change-log entry. It no longer counts in `programme_progress`, and
    /// the month may be recorded again.
    pub fn void_station_month(&mut self, id: &str, reason: &str) -> Result<VoidedMonth> {
        let reason = void_reason(reason)?;
        self.refuse_voided_month(id, "作废")?;
        self.write(|tx, writer| {
            write::record(
                tx,
                writer,
                &STATION_MONTH,
                id,
                Op::Delete,
                &[("void_reason", SqlValue::Text(reason.clone()))],
            )
        })?;
        Ok(VoidedMonth {
            id: id.to_string(),
            void_reason: reason,
        })
    }

    fn refuse_voided_month(&self, id: &str, step: &str) -> Result<()> {
        let row: Option<(bool, Option<String>)> = self.conn.row(
            "SELECT deleted_hlc IS NOT NULL, void_reason FROM station_month WHERE id = ?1",
            [id],
        )?;
        let (voided, reason) = row.ok_or_else(|| Error::not_found("站点月度服务", id))?;
        refuse_if(
            voided,
            Code::RECORD_VOIDED,
            "id",
            format!(
                "这条站点月度服务记录已作废（原因：{}），不能再{step}。如需更正，请重新录入这个月。",
                reason.as_deref().unwrap_or("未填写")
            ),
        )?;
        Ok(())
    }

    pub fn station_month(&self, id: &str) -> Result<StationMonth> {
        let sql = format!("{MONTH_SELECT} WHERE m.id = ?1 AND m.deleted_hlc IS NULL");
        self.conn
            .first(&sql, [id], month_from_row)?
            .ok_or_else(|| Error::not_found("站点月度服务", id))
    }

    /// A station's live months, oldest first.
    pub fn station_months(&self, station_id: &str) -> Result<Vec<StationMonth>> {
        let sql = format!(
            "{MONTH_SELECT} WHERE m.operator_id = ?1 AND m.deleted_hlc IS NULL ORDER BY m.month"
        );
        Ok(self.conn.list(&sql, [station_id], month_from_row)?)
    }
}
