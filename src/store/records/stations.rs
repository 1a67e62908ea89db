//! Service stations' monthly service records through the one write path: one per station and
//! month (the id is UUIDv5(station, month), so two laptops converge on one row).

use rusqlite::types::Value as SqlValue;
use rusqlite::Row;
use uuid::Uuid;

use crate::domain::refuse_if;
use crate::domain::stations::{StationMonth, StationMonthInput};
use crate::domain::Invalid;
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

impl Store {
    /// Records a station's month. Refused: a station that is not a live service station
    /// (STATION_MONTH_STATION), a month already recorded for it (STATION_MONTH_DUPLICATE), a
    /// bad month or value.
    pub fn add_station_month(&mut self, input: &StationMonthInput) -> Result<StationMonth> {
        let value = input.validated()?;
        let kind: Option<String> = self.conn.value(
            "SELECT kind FROM operator WHERE id = ?1 AND deleted_hlc IS NULL",
            [&input.station_id],
        )?;
        refuse_if(
            kind.as_deref() != Some("service_station"),
            Code::STATION_MONTH_STATION,
            "stationId",
            match kind {
                None => "所选的服务站点不存在或已作废。".to_string(),
                Some(_) => {
                    "月度服务记录只能记在村级电商服务站点（实施主体类型为服务站点）上。".into()
                }
            },
        )?;
        let id = Uuid::new_v5(
            &MONTH_NAMESPACE,
            format!("{}|{}", input.station_id, input.month).as_bytes(),
        )
        .to_string();
        let input = input.clone();
        self.write(|tx, writer| {
            let taken: Option<String> = tx.value(
                "SELECT id FROM station_month WHERE operator_id = ?1 AND month = ?2
                 AND deleted_hlc IS NULL",
                [&input.station_id, &input.month],
            )?;
            if taken.is_some() {
                return Err(Invalid::new(
                    Code::STATION_MONTH_DUPLICATE,
                    "month",
                    format!(
                        "这个站点 {} 的月度服务已经记录过，不能重复录入。",
                        input.month
                    ),
                )
                .into());
            }
            let count = |n: u32| SqlValue::Integer(n.into());
            let values = [
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
            ];
            write::record(tx, writer, &STATION_MONTH, &id, Op::Create, &values)
        })?;
        self.station_month(&id)
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
