//! County: the enrolled devices, reading a laptop's request before enrolling it, and revocation.
//! A revoked device keeps its row (its changes in the county's log name it); its batches are refused.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{now_text, open_request, require_county};
use crate::error::Result;
use crate::store::from_row;
use crate::store::Store;
use crate::sync::model::{DeviceRow, RequestInfo, RevokeSummary};
use crate::sync::refuse;
use crate::sync::wire::keys::PublicKeys;
use crate::Code;

const DEVICE_SELECT: &str =
    "SELECT d.device_id, t.code, t.name, d.officer, d.signing_key, d.age_recipient,
            d.status, d.enrolled_at, d.revoked_at, d.last_seq,
            (SELECT count(*) FROM sync_conflict c
             WHERE c.device_id = d.device_id AND c.status = 'open')
     FROM sync_device d JOIN township t ON t.id = d.township_id";

fn device_row(r: &Row) -> rusqlite::Result<DeviceRow> {
    let keys = PublicKeys {
        signing_key: r.get(4)?,
        age_recipient: r.get(5)?,
    };
    Ok(from_row!(r => DeviceRow {
        device_id, township_code, township_name, officer, fingerprint = keys.fingerprint(), _,
        _, status, enrolled_at, revoked_at, last_seq,
        open_conflicts = r.get::<_, i64>(10)? as u64,
    }))
}

fn find_device(conn: &Connection, device_id: &str) -> Result<Option<DeviceRow>> {
    Ok(conn
        .prepare(&format!("{DEVICE_SELECT} WHERE d.device_id = ?1"))?
        .query_row([device_id], device_row)
        .optional()?)
}

impl Store {
    /// County: reads an enrollment request without enrolling it (checks its signature).
    pub fn county_read_request(&self, request: &[u8]) -> Result<RequestInfo> {
        require_county(&self.conn)?;
        let request = open_request(request)?;
        Ok(RequestInfo {
            enrolled: find_device(&self.conn, &request.device_id)?,
            device_fingerprint: request.keys.fingerprint(),
            device_id: request.device_id,
            officer: request.officer,
            created_at: request.created_at,
        })
    }

    /// County: revokes an enrolled device; its batches are refused from now on. Revoking a
    /// device already revoked changes nothing and says so (`already_revoked`); an id the county
    /// never enrolled is `SYNC_UNKNOWN_DEVICE`.
    pub fn county_revoke(&mut self, device_id: &str) -> Result<RevokeSummary> {
        require_county(&self.conn)?;
        let device_id = device_id.trim();
        let tx = self.conn.transaction()?;
        let Some(before) = find_device(&tx, device_id)? else {
            return Err(refuse(
                Code::SYNC_UNKNOWN_DEVICE,
                format!(
                    "县中心没有登记过设备 “{device_id}”，无法注销。请核对设备编号（fieldbook county devices 列出全部设备）。"
                ),
            ));
        };
        if before.status == "revoked" {
            return Ok(RevokeSummary {
                device: before,
                already_revoked: true,
            });
        }
        tx.execute(
            "UPDATE sync_device SET status = 'revoked', revoked_at = ?2 WHERE device_id = ?1",
            params![device_id, now_text()],
        )?;
        let device = find_device(&tx, device_id)?.expect("the row just updated");
        tx.commit()?;
        Ok(RevokeSummary {
            device,
            already_revoked: false,
        })
    }

    /// County: every enrolled device, active and revoked, by township then enrollment.
    pub fn sync_devices(&self) -> Result<Vec<DeviceRow>> {
        require_county(&self.conn)?;
        let mut stmt = self
            .conn
            .prepare(&format!("{DEVICE_SELECT} ORDER BY t.code, d.enrolled_at"))?;
        let rows = stmt.query_map([], device_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
