//! The demo county 成县 (Gansu): the 17 townships and 124 villages of its 2019 demonstration-shop
//! plan, embedded from `assets/demo/`. Codes below the county level are synthetic but stable
//! (see `assets/demo/README.md`): the n-th township in the plan gets `621221` + (100 + n), the
//! m-th village within it gets its township code + (200 + m). The households, shops, agreements,
//! rosters and ledgers loaded with it are synthetic (`demo_records`).

pub mod funds;
pub mod notices;
pub mod records;

use std::collections::{HashMap, HashSet};

use rusqlite::types::Value as SqlValue;
use serde::Serialize;
use uuid::Uuid;

use crate::store::with_deterministic_ids;

use crate::demo::records::{demo_records, DemoShopRecords};
use crate::domain::agreements::{AgreementInput, LedgerInput, RosterInput};
use crate::domain::households::HouseholdInput;
use crate::domain::operators::OperatorInput;
use crate::domain::programmes::ProgrammeSummary;
use crate::error::{Error, Result};
use crate::store::entities::{COUNTY, TOWNSHIP, VILLAGE};
use crate::store::write::{self, Op};
use crate::store::Store;

pub const DEMO_CSV: &str = include_str!("../../assets/demo/chengxian-2019-demo-shops.csv");
/// 成县's real GB/T 2260 code.
pub const DEMO_COUNTY_CODE: &str = "621221";
pub const DEMO_COUNTY_NAME: &str = "成县";
const EXPECTED_HEADER: &str = "township,village,village_class,subsidy_yuan";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoVillage {
    pub township_code: String,
    pub township_name: String,
    pub code: String,
    pub name: String,
    pub poor: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DemoReport {
    pub county: String,
    pub already_loaded: bool,
    pub townships_added: usize,
    pub villages_added: usize,
    pub households_added: usize,
    pub operators_added: usize,
    pub agreements_added: usize,
    pub roster_rows_added: usize,
    pub ledger_entries_added: usize,
    pub programmes_added: usize,
    pub inspections_added: usize,
    pub training_sessions_added: usize,
    pub attendance_added: usize,
    /// The demo's money: applications (each reviewed, approved and awarded), payments of
    /// tranches and recovery orders.
    pub fund_awards_added: usize,
    pub fund_payments_added: usize,
    pub fund_recoveries_added: usize,
}

/// Parses the embedded plan into villages with their synthetic codes, in plan order.
pub fn demo_villages() -> Result<Vec<DemoVillage>> {
    let mut lines = DEMO_CSV.lines().enumerate();
    match lines.next() {
        Some((_, header)) if header.trim_start_matches('\u{feff}') == EXPECTED_HEADER => {}
        _ => {
            return Err(Error::DemoData {
                line: 1,
                reason: format!("表头应为 {EXPECTED_HEADER}"),
            })
        }
    }
    let mut townships: Vec<String> = Vec::new();
    let mut villages_in_current = 0;
    let mut out = Vec::new();
    for (index, line) in lines {
        let line_no = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        let [township, village, class, _subsidy] = fields[..] else {
            return Err(Error::DemoData {
                line: line_no,
                reason: format!("应有 4 列，实有 {} 列", fields.len()),
            });
        };
        let poor = match class {
            "poor" => true,
            "non_poor" => false,
            other => {
                return Err(Error::DemoData {
                    line: line_no,
                    reason: format!("村类别应为 poor 或 non_poor，而不是 {other}"),
                })
            }
        };
        if townships.last().map(String::as_str) != Some(township) {
            if townships.iter().any(|t| t == township) {
                return Err(Error::DemoData {
                    line: line_no,
                    reason: format!("{township} 的村不连续，合成代码会不稳定"),
                });
            }
            townships.push(township.to_string());
            villages_in_current = 0;
        }
        villages_in_current += 1;
        let township_code = format!("{DEMO_COUNTY_CODE}{:03}", 100 + townships.len());
        out.push(DemoVillage {
            code: format!("{township_code}{:03}", 200 + villages_in_current),
            township_code,
            township_name: township.to_string(),
            name: village.to_string(),
            poor,
        });
    }
    Ok(out)
}

/// Loads the demo county into a database that holds no county yet: its townships and villages
/// (one transaction), then, through the same public API the screens use, 12–16 registered
/// households per village (one transaction), and per village a demonstration shop, its 2019
/// linkage agreement, roster and ledger (see `demo_records`). Loading again changes nothing; a
/// load that was interrupted halfway is completed. A database set up for another county is
/// refused rather than mixed with demo data.
pub fn load_demo(store: &mut Store) -> Result<DemoReport> {
    let villages = demo_villages()?;
    let records = demo_records(&villages);
    // Each part draws its ids from its own sequence (see `store::with_deterministic_ids`), so
    // two databases that load the demo agree on every id.
    let ids = |part: &str| Uuid::new_v5(&DEMO_NAMESPACE, part.as_bytes());
    let county = loaded_demo_county(store)?;
    let partial = county.is_some();
    let (mut report, complete) = match county {
        Some(county) => {
            let complete = records_complete(store, &records)?;
            (DemoReport::unchanged(county), complete)
        }
        None => (load_places(store, &villages)?, false),
    };
    with_deterministic_ids(ids("seasons"), || set_demo_seasons(store))?;
    // Before the records: the agreements name their programme and are linked to it on saving.
    report.programmes_added = with_deterministic_ids(ids("programmes"), || add_programmes(store))?;
    if !complete {
        with_deterministic_ids(ids("records"), || {
            add_records(store, &records, partial, &mut report)
        })?;
    }
    report.inspections_added =
        with_deterministic_ids(ids("inspections"), || add_inspections(store))?;
    (report.training_sessions_added, report.attendance_added) =
        with_deterministic_ids(ids("training"), || add_training(store))?;
    with_deterministic_ids(ids("notices"), || {
        crate::demo::notices::add_demo_notices(store)
    })?;
    // After the acceptance notice: the balances it clears are paid through the gate.
    let funds = with_deterministic_ids(ids("funds"), || crate::demo::funds::add_demo_funds(store))?;
    report.fund_awards_added = funds.awards;
    report.fund_payments_added = funds.payments;
    report.fund_recoveries_added = funds.recoveries;
    report.already_loaded = report.already_loaded
        && report.households_added
            + report.operators_added
            + report.agreements_added
            + report.roster_rows_added
            + report.ledger_entries_added
            + report.programmes_added
            + report.inspections_added
            + report.training_sessions_added
            + report.fund_awards_added
            == 0;
    Ok(report)
}

/// The demo county's product seasons, from its generator's table (the ledger's dates fall in
/// them), set at the hub unless already set; a laptop receives them with the county.
fn set_demo_seasons(store: &mut Store) -> Result<()> {
    let seasons = crate::demo::records::demo_product_seasons();
    if store.county_reference_can_change()?
        && crate::checks::ProductSeasons::read(store)? != seasons
    {
        store.set_product_seasons(&seasons)?;
    }
    Ok(())
}

/// The presets the demo county runs: its own plan's (成县 2019) and 霍邱's village service
/// stations as a template (the demo's stations), unless a programme of that name and year is
/// there already.
pub const DEMO_TEMPLATES: [&str; 1] = ["huoqiu-2019-service-station"];

/// How many programmes the demo county runs (its own presets and `DEMO_TEMPLATES`).
pub fn demo_programme_count() -> Result<usize> {
    Ok(crate::domain::programmes::presets()?
        .iter()
        .filter(|p| {
            p.source
                .as_ref()
                .is_some_and(|s| s.county_code == DEMO_COUNTY_CODE)
                || DEMO_TEMPLATES.contains(&p.code.as_str())
        })
        .count())
}

fn add_programmes(store: &mut Store) -> Result<usize> {
    let existing: Vec<(String, i32)> = store
        .list_programmes()?
        .into_iter()
        .map(|p| (p.name, p.year))
        .collect();
    let mut added = 0;
    for listed in store.preset_listing()? {
        let preset = listed.preset;
        if !listed.own && !DEMO_TEMPLATES.contains(&preset.code.as_str()) {
            continue;
        }
        let year = preset.year;
        let name = preset.clone().adopted(Some(DEMO_COUNTY_NAME), year).name;
        if !existing.contains(&(name, year)) {
            store.add_programme_from_preset(&preset.code, None)?;
            added += 1;
        }
    }
    Ok(added)
}

/// The demo county's 2019 programme of that name, once `add_programmes` has set it up.
pub(crate) fn programme_named(store: &Store, name: &str) -> Result<Option<ProgrammeSummary>> {
    Ok(store
        .list_programmes()?
        .into_iter()
        .find(|p| p.name == name && p.year == 2019))
}

/// The township preliminary inspection (乡镇初验) of every demonstration shop in 鸡峰镇, and the
/// county acceptance of ten of them; the preliminary ones as its
/// officers would record it in November 2019: office, plaque, online shop, records and services
/// seen on site; sales and linked households measured from the ledgers and rosters. Skipped when
/// the demo-shop programme already has inspections.
fn add_inspections(store: &mut Store) -> Result<usize> {
    use crate::domain::inspections::{InspectionInput, Inspector, Stage};
    use crate::domain::operators::Operator;
    use crate::domain::programmes::{Observation, ObservedValue};
    let Some(programme) = programme_named(store, crate::demo::records::DEMO_PROGRAMME)? else {
        return Ok(0);
    };
    if !store.list_inspections(Some(&programme.id))?.is_empty() {
        return Ok(0);
    }
    let township = store.find_township("鸡峰镇")?;
    let shops = store.list_operators(Some(&township.code), None)?;
    let seen = |key: &str| Observation::new(key, ObservedValue::Bool(true));
    // What each shop put in itself (computer, network, desks, shelves, the plaque): 6,000 to
    // 17,950 yuan, the same at both checks, from its place in the list.
    let investment = |n: usize| format!("{}.00", 6_000 + (n * 2_350) % 12_000);
    // Both checks saw everything on site.
    let inspection = |n: usize, shop: &Operator, stage, date, inspectors| InspectionInput {
        operator_id: shop.id.clone(),
        programme_id: programme.id.clone(),
        stage,
        date,
        inspectors,
        observations: ["office", "plaque", "operator_shop", "records", "services"]
            .into_iter()
            .map(seen)
            .collect(),
        problems: String::new(),
        rectification: vec![],
        investment: investment(n),
        recheck_sample_id: None,
    };
    let who = |unit: &str, name: &str| Inspector {
        name: name.into(),
        unit: unit.into(),
    };
    for (day, shop) in shops.iter().enumerate() {
        let township_team = vec![
            who("鸡峰镇人民政府", "王建国"),
            who("鸡峰镇人民政府", "刘芳"),
            who(&format!("{}村民委员会", shop.place), &shop.person_in_charge),
        ];
        let date = format!("2019-11-{:02}", 4 + day % 20);
        store.add_inspection(&inspection(
            day,
            shop,
            Stage::Preliminary,
            date,
            township_team,
        ))?;
    }
    // The county's acceptance (验收) of the first ten, so a re-check sample can be drawn.
    let county_team: Vec<Inspector> = [
        ("县商务局", "陈志强"),
        ("县电商中心", "马丽"),
        ("县财政局", "高峰"),
    ]
    .into_iter()
    .map(|(unit, name)| who(unit, name))
    .collect();
    for (n, shop) in shops.iter().take(10).enumerate() {
        let date = "2019-12-09".to_string();
        let team = county_team.clone();
        store.add_inspection(&inspection(n, shop, Stage::Acceptance, date, team))?;
    }
    let accepted = shops.iter().take(10).count();
    Ok(shops.len() + accepted)
}

/// The first sessions of 成县's 2019 e-commerce training: a one-day on-site session in each of
/// the first three townships for 25 registered household heads, and a three-day county session
/// for 30 people from across the county (five of them not in the register). Skipped when the
/// training programme already has sessions.
fn add_training(store: &mut Store) -> Result<(usize, usize)> {
    use crate::domain::households::HouseholdQuery;
    use crate::domain::training::{
        AttendanceInput, Audience, HalfDays, TrainingKind, TrainingSessionInput,
    };
    let Some(programme) = programme_named(store, "成县2019年电商技能培训")? else {
        return Ok((0, 0));
    };
    if !store
        .list_training_sessions(Some(&programme.id), None)?
        .is_empty()
    {
        return Ok((0, 0));
    }
    let heads =
        |store: &Store, township: Option<String>, count: u32| -> Result<Vec<(String, String)>> {
            let page = store.search_households(&HouseholdQuery {
                text: String::new(),
                township_code: township,
                village_id: None,
                offset: 0,
                limit: count,
                status: None,
            })?;
            page.rows
                .iter()
                .map(|row| Ok((row.head_name.clone(), store.household(&row.id)?.id_number)))
                .collect()
        };
    let session =
        |kind, title: String, township_id, start: &str, end: &str, planned| TrainingSessionInput {
            programme_id: programme.id.clone(),
            kind,
            title,
            organiser: "成县商务局".into(),
            provider: "成县电子商务公共服务中心".into(),
            venue: String::new(),
            township_id,
            start_date: start.into(),
            end_date: end.into(),
            half_days: HalfDays::Both,
            slots: None,
            trainers: vec!["张明".into(), "李婷".into()],
            outline: "网店开设与运营；农产品拍照、详情页与上架；微信小店与直播带货；物流与售后"
                .into(),
            planned_headcount: planned,
            // The register's households are the audience; outsiders are marked one by one.
            audience: Some(Audience::PoorHousehold),
        };
    // A person who signed the sheet for a slot; the register gives the village.
    let signed_in = |session_id: &str, slot, (name, id_number), sheet_page| AttendanceInput {
        session_id: session_id.to_string(),
        slot,
        name,
        id_number,
        phone: String::new(),
        township_id: None,
        village_id: None,
        signed: true,
        sheet_page,
        audience: None,
    };
    let mut sessions = 0;
    let mut rows = Vec::new();
    for (i, township) in store.list_townships()?.into_iter().take(3).enumerate() {
        let date = format!("2019-06-{:02}", 3 + 7 * i);
        let mut input = session(
            TrainingKind::TownshipOnsite,
            format!("{}电商技能培训（第一期）", township.name),
            Some(township.id.clone()),
            &date,
            &date,
            30,
        );
        input.venue = format!("{}人民政府会议室", township.name);
        let saved = store.add_training_session(&input)?.record;
        sessions += 1;
        for slot in ["am", "pm"] {
            let people = heads(store, Some(township.code.clone()), 25)?;
            for (page, person) in people.into_iter().enumerate() {
                let line = format!("第{}页第{}行", page / 20 + 1, page % 20 + 1);
                rows.push(signed_in(&saved.id, format!("{date} {slot}"), person, line));
            }
        }
    }
    let mut county = session(
        TrainingKind::County,
        "成县电商能力提升培训班".into(),
        None,
        "2019-07-15",
        "2019-07-17",
        40,
    );
    county.venue = "成县电子商务公共服务中心培训室".into();
    let saved = store.add_training_session(&county)?.record;
    sessions += 1;
    // Every twentieth of the first 500 household heads, and five young people not in the register.
    let county_heads: Vec<(String, String)> =
        heads(store, None, 500)?.into_iter().step_by(20).collect();
    let outsiders = [
        ("赵晓梅", "621221199503154424"),
        ("孙浩", "621221199711020631"),
        ("周丽娜", "621221199208127247"),
        ("吴强", "62122119990123661X"),
        ("郑佳", "621221199605300023"),
    ];
    let attendees: Vec<(String, String)> = county_heads
        .into_iter()
        .chain(
            outsiders
                .iter()
                .map(|(n, i)| (n.to_string(), i.to_string())),
        )
        .collect();
    for day in ["2019-07-15", "2019-07-16", "2019-07-17"] {
        for slot in ["am", "pm"] {
            for person in &attendees {
                let slot = format!("{day} {slot}");
                let mut row = signed_in(&saved.id, slot, person.clone(), String::new());
                if outsiders.iter().any(|(_, id)| *id == person.1) {
                    row.audience = Some(Audience::OnlineSeller);
                }
                rows.push(row);
            }
        }
    }
    store.add_attendances(&rows)?;
    Ok((sessions, rows.len()))
}

/// Loads only the demo county's townships and villages, with no households, operators or
/// agreements (tests that need an empty register; a county that wants the places only).
pub fn load_demo_places(store: &mut Store) -> Result<DemoReport> {
    match loaded_demo_county(store)? {
        Some(county) => Ok(DemoReport::unchanged(county)),
        None => load_places(store, &demo_villages()?),
    }
}

impl DemoReport {
    fn unchanged(county: String) -> DemoReport {
        DemoReport {
            county,
            already_loaded: true,
            townships_added: 0,
            villages_added: 0,
            households_added: 0,
            operators_added: 0,
            agreements_added: 0,
            roster_rows_added: 0,
            ledger_entries_added: 0,
            programmes_added: 0,
            inspections_added: 0,
            training_sessions_added: 0,
            attendance_added: 0,
            fund_awards_added: 0,
            fund_payments_added: 0,
            fund_recoveries_added: 0,
        }
    }
}

/// The demo county's name if it is loaded (and the database marked as the demo's), nothing if
/// the database has no county yet, and a refusal if it holds a real county: the demo's county
/// has its own id (`demo_id`), so a real 成县 set up with the same code is refused too.
fn loaded_demo_county(store: &mut Store) -> Result<Option<String>> {
    match store.county()? {
        None => {
            store.mark_demo()?;
            Ok(None)
        }
        Some(county) if county.id == demo_id("county", DEMO_COUNTY_CODE) => {
            store.mark_demo()?;
            Ok(Some(county.name))
        }
        Some(county) => Err(Error::DemoData {
            line: 0,
            reason: format!(
                "数据库已设为{}（{}），是真实县的数据，示范县只能装入空数据库或另一个示范数据库。请用 --db 指定一个新文件（桌面端的示范数据库在 {}）。",
                county.name,
                county.code,
                store
                    .path()
                    .map(|p| crate::store::demo_db_path(p).display().to_string())
                    .unwrap_or_else(|| "另一个文件".into())
            ),
        }),
    }
}

/// The demo's places have the same ids in every database (UUIDv5 of their codes), so a county
/// and a township laptop that both loaded the demo agree on them when they sync.
const DEMO_NAMESPACE: Uuid = Uuid::from_u128(0x8d3c_1f6a_52e4_4b7e_a1c9_3f0e_6d2b_94a7);

pub fn demo_id(kind: &str, key: &str) -> String {
    Uuid::new_v5(&DEMO_NAMESPACE, format!("{kind}/{key}").as_bytes()).to_string()
}

fn load_places(store: &mut Store, villages: &[DemoVillage]) -> Result<DemoReport> {
    let townships_added = store.write(|tx, writer| {
        let text = |s: &str| SqlValue::Text(s.to_string());
        let county_id = demo_id("county", DEMO_COUNTY_CODE);
        let county = [
            ("code", text(DEMO_COUNTY_CODE)),
            ("name", text(DEMO_COUNTY_NAME)),
        ];
        write::record(tx, writer, &COUNTY, &county_id, Op::Create, &county)?;
        let mut township_id = String::new();
        let mut current_township = "";
        let mut townships_added = 0;
        for village in villages {
            if village.township_code != current_township {
                township_id = demo_id("township", &village.township_code);
                let township = [
                    ("county_id", text(&county_id)),
                    ("code", text(&village.township_code)),
                    ("name", text(&village.township_name)),
                ];
                write::record(tx, writer, &TOWNSHIP, &township_id, Op::Create, &township)?;
                current_township = &village.township_code;
                townships_added += 1;
            }
            let row = [
                ("township_id", text(&township_id)),
                ("code", text(&village.code)),
                ("name", text(&village.name)),
                ("poor", SqlValue::Integer(i64::from(village.poor))),
            ];
            let id = demo_id("village", &village.code);
            write::record(tx, writer, &VILLAGE, &id, Op::Create, &row)?;
        }
        Ok(townships_added)
    })?;
    Ok(DemoReport {
        already_loaded: false,
        townships_added,
        villages_added: villages.len(),
        ..DemoReport::unchanged(DEMO_COUNTY_NAME.to_string())
    })
}

/// The records are written in order and the last one written is the last village's last ledger
/// entry: if it is there, so is everything before it.
fn records_complete(store: &Store, records: &[DemoShopRecords]) -> Result<bool> {
    let Some(last) = records.last() else {
        return Ok(true);
    };
    let Some(voucher) = last.ledger.last().map(|l| &l.entry.voucher_no) else {
        return Ok(true);
    };
    let agreement = store
        .list_agreements(None, None)?
        .into_iter()
        .find(|a| a.number == last.agreement.number);
    Ok(match agreement {
        Some(agreement) => store
            .ledger(&agreement.id)?
            .iter()
            .any(|entry| &entry.voucher_no == voucher),
        None => false,
    })
}

/// Writes the demo records through the public API, so they pass every rule a user's input
/// passes. `resume` (the county was there already) skips what an interrupted load had written.
fn add_records(
    store: &mut Store,
    records: &[DemoShopRecords],
    resume: bool,
    report: &mut DemoReport,
) -> Result<()> {
    let village_ids: HashMap<String, String> = store
        .list_villages(None)?
        .into_iter()
        .map(|v| (v.code, v.id))
        .collect();

    // The register: every household in one transaction.
    let mut household_ids: Vec<Option<Vec<String>>> = Vec::with_capacity(records.len());
    let mut new_households = Vec::new();
    let mut slots = Vec::new();
    for (s, shop) in records.iter().enumerate() {
        let Some(village_id) = village_ids.get(&shop.village_code) else {
            // Only possible on resuming, after someone changed a demo village's code.
            household_ids.push(None);
            continue;
        };
        let mut ids = Vec::with_capacity(shop.households.len());
        for (h, input) in shop.households.iter().enumerate() {
            let existing = if resume {
                store.household_by_id_number(&input.id_number)?
            } else {
                None
            };
            if let Some(household) = existing {
                ids.push(household.id);
                continue;
            }
            ids.push(String::new());
            new_households.push(HouseholdInput {
                village_id: village_id.clone(),
                ..input.clone()
            });
            slots.push((s, h));
        }
        household_ids.push(Some(ids));
    }
    let saved = store.add_households(&new_households)?;
    report.households_added = saved.len();
    for ((s, h), saved) in slots.into_iter().zip(saved) {
        if let Some(ids) = &mut household_ids[s] {
            ids[h] = saved.record.id;
        }
    }

    let (operators, agreements) = if resume {
        (
            store.list_operators(None, None)?,
            store.list_agreements(None, None)?,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    for (shop, ids) in records.iter().zip(&household_ids) {
        let Some(ids) = ids else { continue };
        let village_id = &village_ids[&shop.village_code];
        let operator_id = match operators
            .iter()
            .find(|o| o.village_id.as_ref() == Some(village_id) && o.name == shop.operator.name)
        {
            Some(operator) => operator.id.clone(),
            None => {
                let input = OperatorInput {
                    village_id: Some(village_id.clone()),
                    ..shop.operator.clone()
                };
                report.operators_added += 1;
                store.add_operator(&input)?.record.id
            }
        };
        let agreement_id = match agreements
            .iter()
            .find(|a| a.number == shop.agreement.number)
        {
            Some(agreement) => agreement.id.clone(),
            None => {
                let input = AgreementInput {
                    operator_id,
                    witness_village_id: Some(village_id.clone()),
                    ..shop.agreement.clone()
                };
                report.agreements_added += 1;
                store.add_agreement(&input)?.record.id
            }
        };
        add_roster_and_ledger(store, &agreement_id, shop, ids, resume, report)?;
    }
    Ok(())
}

/// What a shop's agreement already holds when resuming an interrupted load (household ids on
/// the roster, ledger vouchers); nothing on a first load.
fn already_written<T>(
    resume: bool,
    read: impl FnOnce() -> Result<Vec<T>>,
    key: impl Fn(T) -> String,
) -> Result<HashSet<String>> {
    Ok(if resume {
        read()?.into_iter().map(key).collect()
    } else {
        HashSet::new()
    })
}

/// A shop's roster and ledger lines, into its agreement.
fn add_roster_and_ledger(
    store: &mut Store,
    agreement_id: &str,
    shop: &DemoShopRecords,
    ids: &[String],
    resume: bool,
    report: &mut DemoReport,
) -> Result<()> {
    let on_roster = already_written(resume, || store.roster(agreement_id), |r| r.household_id)?;
    for line in &shop.roster {
        let household_id = &ids[line.household];
        if on_roster.contains(household_id) {
            continue;
        }
        let input = RosterInput {
            agreement_id: agreement_id.to_string(),
            household_id: household_id.clone(),
            mode: line.mode,
            content: line.content.clone(),
        };
        match store.add_to_roster(&input) {
            Ok(_) => report.roster_rows_added += 1,
            // Someone took the household off the roster since: leave it off.
            Err(e) if resume && e.code() == "ROSTER_REMOVED" => {}
            Err(e) => return Err(e),
        }
    }

    let vouchers = already_written(resume, || store.ledger(agreement_id), |l| l.voucher_no)?;
    for line in &shop.ledger {
        if vouchers.contains(&line.entry.voucher_no) {
            continue;
        }
        let input = LedgerInput {
            agreement_id: agreement_id.to_string(),
            household_id: ids[line.household].clone(),
            ..line.entry.clone()
        };
        match store.add_ledger_entry(&input) {
            Ok(_) => report.ledger_entries_added += 1,
            Err(e) if resume && e.code() == "LEDGER_NOT_IN_ROSTER" => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}
