//! The checks where they matter (issue 15): two township laptops of 托里县 (654224, not the demo
//! county) send their batches to the county; the import runs the checks across townships, so
//! the same person signed in at both townships on one day, and the same photo on both laptops'
//! inspections, are each ONE finding. Re-running finds the same findings; fixing the cause on a
//! laptop closes the finding at the county with the change that fixed it.

use std::path::Path;

use fieldbook::checks::{CheckCode, FindingFilter, FindingStatus, Scope};
use fieldbook::domain::operators::{OperatorInput, OperatorKind};
use fieldbook::domain::places::VillageInput;
use fieldbook::domain::resident_id::check_char;
use fieldbook::domain::training::{AttendanceInput, HalfDays, TrainingKind, TrainingSessionInput};
use fieldbook::store::entities::INSPECTION;
use fieldbook::store::write::{self, Op};
use fieldbook::Store;
use rusqlite::types::Value as SqlValue;

use crate::sync::{device_at, export};

const T1: &str = "654224100";
const T2: &str = "654224101";

pub(crate) struct Hub {
    pub county: Store,
    pub training: String,
    pub shops: String,
    pub villages: [String; 2],
}

pub(crate) fn hub(dir: &Path) -> Hub {
    let mut county = Store::open(&dir.join("county.db")).unwrap();
    county.set_officer("县办马丽");
    county.create_county("654224", "托里县").unwrap();
    let mut villages = Vec::new();
    for (i, code) in [T1, T2].iter().enumerate() {
        county
            .add_township(code, ["托里镇", "庙尔沟镇"][i])
            .unwrap();
        let village = county
            .add_village(&VillageInput {
                township_code: code.to_string(),
                code: format!("{code}201"),
                name: ["团结村", "和平村"][i].into(),
                poor: true,
            })
            .unwrap();
        villages.push(village.id);
    }
    let training = county
        .add_programme_from_preset("chengxian-2019-training", Some(2026))
        .unwrap()
        .id;
    let shops = county
        .add_programme_from_preset("chengxian-2019-demo-shop", Some(2026))
        .unwrap()
        .id;
    county.county_init().unwrap();
    Hub {
        county,
        training,
        shops,
        villages: villages.try_into().unwrap(),
    }
}

pub(crate) fn id_number(seq: u32) -> String {
    let first17 = format!("65422419850312{seq:03}");
    format!("{first17}{}", check_char(&first17))
}

/// A half-day session at the laptop's township on 2026-03-02 with one trainee signed in.
fn session_with_trainee(
    laptop: &mut Store,
    hub: &Hub,
    township: usize,
    half: HalfDays,
) -> (String, String) {
    let township_id = laptop.find_township([T1, T2][township]).unwrap().id;
    let session = laptop
        .add_training_session(&TrainingSessionInput {
            programme_id: hub.training.clone(),
            kind: TrainingKind::TownshipOnsite,
            title: format!("{}电商培训", ["托里镇", "庙尔沟镇"][township]),
            organiser: "托里县商务局".into(),
            provider: "托里县电商服务中心".into(),
            venue: "镇政府会议室".into(),
            township_id: Some(township_id),
            start_date: "2026-03-02".into(),
            end_date: "2026-03-02".into(),
            half_days: half,
            slots: None,
            trainers: vec!["阿依古丽".into()],
            outline: "网店运营".into(),
            planned_headcount: 30,
            audience: None,
        })
        .unwrap()
        .record
        .id;
    let slot = match half {
        HalfDays::Pm => "2026-03-02 pm",
        _ => "2026-03-02 am",
    };
    let attendance = laptop
        .add_attendance(&AttendanceInput {
            session_id: session.clone(),
            slot: slot.into(),
            name: "努尔兰".into(),
            id_number: id_number(1),
            phone: String::new(),
            township_id: None,
            village_id: None,
            signed: true,
            sheet_page: "第1页".into(),
            audience: None,
        })
        .unwrap()
        .record
        .id;
    (session, attendance)
}

/// The smallest PNG header the attachment check recognises, made distinct by `tail`.
pub(crate) fn png(tail: &[u8]) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.extend_from_slice(tail);
    bytes
}

/// A shop in the laptop's village, an inspection of it and one photo.
pub(crate) fn inspection_with_photo(
    laptop: &mut Store,
    hub: &Hub,
    township: usize,
    photo: &[u8],
) -> String {
    let operator = laptop
        .add_operator(&OperatorInput {
            kind: OperatorKind::DemoShop,
            name: format!("{}电商示范店", ["团结村", "和平村"][township]),
            credit_code: String::new(),
            person_in_charge: "王芳".into(),
            phone: "13909391234".into(),
            village_id: Some(hub.villages[township].clone()),
            platform: "淘宝".into(),
            shop_url: String::new(),
        })
        .unwrap()
        .record
        .id;
    let inspection = format!("00000000-0000-4000-a000-00000000000{township}");
    laptop
        .write(|tx, w| {
            write::record(
                tx,
                w,
                &INSPECTION,
                &inspection,
                Op::Create,
                &[
                    ("operator_id", SqlValue::Text(operator.clone())),
                    ("programme_id", SqlValue::Text(hub.shops.clone())),
                    ("stage", SqlValue::Text("preliminary".into())),
                    ("inspection_date", SqlValue::Text("2026-03-05".into())),
                ],
            )?;
            Ok(())
        })
        .unwrap();
    laptop
        .add_inspection_photo(&inspection, "门头.png", photo, "门头")
        .unwrap();
    inspection
}

fn of(county: &Store, check: CheckCode) -> Vec<fieldbook::checks::FindingView> {
    county
        .findings(&FindingFilter {
            check: Some(check),
            ..FindingFilter::default()
        })
        .unwrap()
}

#[test]
fn two_laptops_batches_raise_one_cross_township_finding_each_and_a_fix_closes_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut hub = hub(dir.path());
    let mut a = device_at(&mut hub.county, &dir.path().join("a.db"), T1, "托里镇王强");
    let mut b = device_at(
        &mut hub.county,
        &dir.path().join("b.db"),
        T2,
        "庙尔沟镇李娟",
    );
    let (morning, _) = session_with_trainee(&mut a, &hub, 0, HalfDays::Am);
    let (afternoon, signed_b) = session_with_trainee(&mut b, &hub, 1, HalfDays::Pm);
    let photo = png(b"same shop front");
    inspection_with_photo(&mut a, &hub, 0, &photo);
    inspection_with_photo(&mut b, &hub, 1, &photo);
    // On a laptop the checks see only its own township: nothing crosses, nothing is stored.
    let local = a.run_checks(&Scope::All).unwrap();
    assert!(!local.stored);
    assert!(local
        .findings
        .iter()
        .all(|f| f.check != CheckCode::F3_TWO_TOWNSHIPS_ONE_DAY));

    let first = hub.county.import_batch(&export(&mut a), false).unwrap();
    assert_eq!(
        first.checks.unwrap().new,
        0,
        "one township alone: no finding"
    );
    let second = hub.county.import_batch(&export(&mut b), false).unwrap();
    assert_eq!(second.checks.unwrap().new, 2);

    let day = of(&hub.county, CheckCode::F3_TWO_TOWNSHIPS_ONE_DAY);
    assert_eq!(day.len(), 1, "{day:#?}");
    let sessions: Vec<&str> = day[0]
        .records
        .iter()
        .filter(|r| r.kind == "training_session")
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(sessions.len(), 2);
    assert!(sessions.contains(&morning.as_str()) && sessions.contains(&afternoon.as_str()));
    let names: Vec<&str> = day[0].townships.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["托里镇", "庙尔沟镇"]);
    assert!(
        !day[0].summary.contains(&id_number(1)),
        "no full ID in evidence"
    );
    let photos = of(&hub.county, CheckCode::F10_PHOTO_REUSED);
    assert_eq!(photos.len(), 1, "{photos:#?}");
    assert_eq!(photos[0].townships.len(), 2);

    // Re-running: the same findings, ids and count.
    let all = |county: &Store| -> Vec<String> {
        county
            .findings(&FindingFilter::default())
            .unwrap()
            .into_iter()
            .map(|f| f.id)
            .collect()
    };
    let before = all(&hub.county);
    for _ in 0..2 {
        let run = hub.county.run_checks(&Scope::All).unwrap();
        assert_eq!((run.report.new, run.report.closed), (0, 0));
        assert_eq!(all(&hub.county), before);
    }

    // The afternoon sign-in was a mistake: laptop B removes it, and the county's next import
    // closes the finding with that change.
    b.remove_attendance(&signed_b).unwrap();
    let fixed = hub.county.import_batch(&export(&mut b), false).unwrap();
    assert_eq!(fixed.checks.unwrap().closed, 1);
    let closed = hub.county.finding(&day[0].id).unwrap();
    assert_eq!(closed.status, FindingStatus::Closed);
    let removal = hub
        .county
        .history("attendance", &signed_b)
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(removal.op, "delete");
    assert_eq!(
        closed.closed_by.as_deref(),
        Some(removal.change_id.as_str())
    );
    assert_eq!(
        hub.county.finding(&photos[0].id).unwrap().status,
        FindingStatus::Open
    );
}
