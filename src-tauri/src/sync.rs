//! Sync commands that write files: the desktop saves them in the save folder
//! (`files::save_dir`: `FIELDBOOK_SAVE_DIR`, else Downloads) and answers where.

use fieldbook::sync::files::{save_path, write_atomic};
use fieldbook::sync::sql::{PackageSummary, Resolution};
use fieldbook::sync::{refuse, BatchExportSummary, EnrollmentSummary};
use fieldbook::Code;
use fieldbook::{Result, Store};

pub fn export(store: &mut Store) -> Result<BatchExportSummary> {
    let township = store.sync_status()?.township_code.unwrap_or_default();
    let path = save_path(&format!("同步包-{township}"), "fbsync")?;
    fieldbook::sync::export_to(store, &path)
}

pub fn device_request(store: &mut Store) -> Result<EnrollmentSummary> {
    let (bytes, mut summary) = store.device_request()?;
    let path = save_path("设备登记申请", "json")?;
    write_atomic(&path, &bytes)?;
    summary.file = Some(path.display().to_string());
    Ok(summary)
}

/// County: enrolls a laptop's request for a township; the signed answer goes to the save folder.
pub fn county_enroll(
    store: &mut Store,
    request: &[u8],
    township: &str,
) -> Result<EnrollmentSummary> {
    let (bytes, mut summary) = store.county_enroll(request, township)?;
    let town = summary.township_name.clone().unwrap_or_default();
    let path = save_path(&format!("登记答复-{town}"), "json")?;
    write_atomic(&path, &bytes)?;
    summary.file = Some(path.display().to_string());
    Ok(summary)
}

pub fn package(store: &mut Store, device_id: &str) -> Result<PackageSummary> {
    let (bytes, mut summary) = store.sync_package(device_id)?;
    let short: String = device_id.chars().take(8).collect();
    let path = save_path(&format!("参考数据包-{short}"), "fbpkg")?;
    write_atomic(&path, &bytes)?;
    summary.file = Some(path.display().to_string());
    Ok(summary)
}

pub fn resolution(keep: &str, value: Option<serde_json::Value>) -> Result<Resolution> {
    match (keep, value) {
        ("county", _) => Ok(Resolution::County),
        ("incoming", _) => Ok(Resolution::Incoming),
        ("value", Some(v)) => Ok(Resolution::Value(v)),
        _ => Err(refuse(
            Code::SYNC_BAD_VALUE,
            "请选择采用县里的值、设备的值，或填写一个新值。",
        )),
    }
}
