//! A county hub of `n` households in realistic proportions, per 100,000 households: 250,000
//! members, 100 operators with an agreement each, 5,000 roster rows, 10,000 ledger entries,
//! 1,000 training sessions with 50,000 attendance rows, 2,000 inspections; all scaled linearly
//! with `n`. Loaded fast, through the batch APIs (`add_households`, `add_attendances`) and the
//! write path in large transactions (`store.write` + `write::record`), never one transaction
//! per row. The hub is a county hub (`county_init` first), so its writes stamp their fields'
//! sync clocks as a real hub's do.

use std::time::Instant;

use chrono::{Datelike, Days, NaiveDate};
use fieldbook::demo::records::Synthetic;
use fieldbook::domain::households::HouseholdInput;
use fieldbook::domain::training::{AttendanceInput, HalfDays, TrainingKind, TrainingSessionInput};
use fieldbook::store::entities::{
    Entity, AGREEMENT, HOUSEHOLD_MEMBER, INSPECTION, LEDGER, OPERATOR, ROSTER,
};
use fieldbook::store::new_id;
use fieldbook::store::write::{self, Op};
use fieldbook::Store;
use rusqlite::types::Value as SqlValue;

use super::{person_id, HEADS, MEMBERS, OUTSIDERS};

/// Households per `add_households` call (one transaction), members written with them.
const BATCH: usize = 10_000;
/// Trainees per half-day; each session is one day, morning and afternoon.
const CLASS: usize = 25;
const ROSTER_SIZE: usize = 50;
const LEDGER_PER_AGREEMENT: usize = 100;

/// How many of each kind a hub of `households` holds.
#[derive(Debug, Clone, Copy)]
pub struct Proportions {
    pub households: usize,
    pub members: usize,
    pub operators: usize,
    pub roster: usize,
    pub ledger: usize,
    pub sessions: usize,
    pub attendance: usize,
    pub inspections: usize,
}

impl Proportions {
    pub fn for_households(n: usize) -> Proportions {
        let operators = (n / 1_000).max(1);
        let sessions = (n / 100).max(1);
        Proportions {
            households: n,
            // 3 for even households, 2 for odd: 2.5 on average.
            members: n / 2 * 3 + (n - n / 2) * 2,
            operators,
            roster: operators * ROSTER_SIZE,
            ledger: operators * LEDGER_PER_AGREEMENT,
            sessions,
            attendance: sessions * 2 * CLASS,
            inspections: (n / 50).max(1),
        }
    }
}

/// What the measurements need of the generated hub.
pub struct Hub {
    pub head_names: Vec<String>,
    pub townships: Vec<String>,
}

fn text(s: impl Into<String>) -> SqlValue {
    SqlValue::Text(s.into())
}

fn phase(what: &str, rows: usize, started: Instant) {
    let took = started.elapsed();
    eprintln!(
        "generate: {rows} {what} in {took:.1?} = {:.0}/s",
        rows as f64 / took.as_secs_f64()
    );
}

/// Fills `store` (the demo places loaded, `county_init` done) with the hub of `p`.
pub fn generate(store: &mut Store, p: Proportions) -> Hub {
    let village_ids: Vec<String> = (store.list_villages(None).unwrap().into_iter())
        .map(|v| v.id)
        .collect();
    let townships: Vec<String> = store
        .list_townships()
        .unwrap()
        .into_iter()
        .map(|t| t.id)
        .collect();
    let mut rng = Synthetic::new(0x5ca1e);
    let mut head_names = Vec::with_capacity(p.households);
    let mut household_ids = Vec::with_capacity(p.households);

    let started = Instant::now();
    let mut member = 0;
    for first in (0..p.households).step_by(BATCH) {
        let inputs: Vec<HouseholdInput> = (first..(first + BATCH).min(p.households))
            .map(|n| {
                let male = rng.chance(82);
                let name = rng.person_name(male);
                head_names.push(name.clone());
                HouseholdInput {
                    head_name: name,
                    id_number: person_id(HEADS, n),
                    size: if n % 2 == 0 { 4 } else { 3 },
                    village_id: village_ids[n % village_ids.len()].clone(),
                    village_group: format!("{}组", ["一", "二", "三", "四", "五", "六"][n % 6]),
                    category: ["general", "dibao", "tekun"][rng.weighted(&[75, 17, 8])].into(),
                    year_lifted: rng.chance(50).then(|| rng.between(2016, 2020) as i32),
                    phone: rng.mobile(),
                    notes: String::new(),
                }
            })
            .collect();
        let saved = store.add_households(&inputs).unwrap();
        let ids: Vec<String> = saved.into_iter().map(|s| s.record.id).collect();
        // The members of this batch, in one transaction of their own.
        let mut rows = Vec::with_capacity(ids.len() * 3);
        for (k, household) in ids.iter().enumerate() {
            for relation in ["spouse", "child", "parent"]
                .iter()
                .take(if (first + k) % 2 == 0 { 3 } else { 2 })
            {
                let id_number = person_id(MEMBERS, member);
                member += 1;
                let birth = NaiveDate::parse_from_str(&id_number[6..14], "%Y%m%d").unwrap();
                let male = (id_number.as_bytes()[16] - b'0') % 2 == 1;
                rows.push((
                    &HOUSEHOLD_MEMBER,
                    new_id(),
                    vec![
                        ("household_id", text(household.clone())),
                        ("name", text(rng.person_name(male))),
                        ("id_number", text(id_number)),
                        ("relation", text(*relation)),
                        ("sex", text(if male { "male" } else { "female" })),
                        ("birth_date", text(birth.to_string())),
                    ],
                ));
            }
        }
        raw(store, rows);
        household_ids.extend(ids);
        if (first / BATCH) % 20 == 19 {
            phase("households so far (with members)", first + BATCH, started);
        }
    }
    phase("households", p.households, started);
    eprintln!("generate: {member} members with them");

    let training = store
        .add_programme_from_preset("chengxian-2019-training", Some(2026))
        .unwrap()
        .id;
    let shops = store
        .add_programme_from_preset("chengxian-2019-demo-shop", Some(2026))
        .unwrap()
        .id;

    let started = Instant::now();
    let rows = sessions(store, &training, &townships, &head_names, p);
    phase("attendance rows", rows, started);

    let started = Instant::now();
    linkage(store, &shops, &village_ids, &household_ids, p);
    phase(
        "operators, agreements, roster rows, ledger entries, inspections",
        p.operators * 2 + p.roster + p.ledger + p.inspections,
        started,
    );
    Hub {
        head_names,
        townships,
    }
}

/// Operators have ids of their own making, so inspections can name them without a lookup.
fn operator_id(o: usize) -> String {
    format!("00000000-0000-4000-0001-{o:012}")
}

/// A record to create on the write path: its kind, id and values.
type Row = (&'static Entity, String, Vec<(&'static str, SqlValue)>);

/// Creates `rows` in one transaction.
fn raw(store: &mut Store, rows: Vec<Row>) {
    store
        .write(|tx, w| {
            for (entity, id, values) in &rows {
                write::record(tx, w, entity, id, Op::Create, values)?;
            }
            Ok(())
        })
        .unwrap();
}

/// One-day sessions spread over 2026, each with a class of `CLASS` in both half-days: half of
/// them registered heads signing under their registered name, half outsiders. Returns the rows.
fn sessions(
    store: &mut Store,
    programme: &str,
    townships: &[String],
    head_names: &[String],
    p: Proportions,
) -> usize {
    let day0 = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    let mut rows = 0;
    for i in 0..p.sessions {
        let date = day0 + Days::new((i * 350 / p.sessions) as u64);
        let session = store
            .add_training_session(&TrainingSessionInput {
                programme_id: programme.into(),
                kind: TrainingKind::TownshipOnsite,
                title: format!("第{}期电商培训", i + 1),
                organiser: "县商务局".into(),
                provider: "县电商服务中心".into(),
                venue: "会议室".into(),
                township_id: Some(townships[i % townships.len()].clone()),
                start_date: date.to_string(),
                end_date: date.to_string(),
                half_days: HalfDays::Both,
                slots: None,
                trainers: vec!["王老师".into()],
                outline: String::new(),
                planned_headcount: CLASS as u32,
                audience: None,
            })
            .unwrap()
            .record
            .id;
        let sheet: Vec<AttendanceInput> = ["am", "pm"]
            .iter()
            .flat_map(|half| {
                let session = &session;
                (0..CLASS).map(move |j| {
                    let person = (i * CLASS + j) % p.households;
                    let registered = j % 2 == 0;
                    AttendanceInput {
                        session_id: session.clone(),
                        slot: format!("{date} {half}"),
                        name: if registered {
                            head_names[person].clone()
                        } else {
                            format!("学员{person}")
                        },
                        id_number: person_id(if registered { HEADS } else { OUTSIDERS }, person),
                        phone: format!("13{:09}", 100_000_000 + person),
                        township_id: None,
                        village_id: None,
                        signed: true,
                        sheet_page: String::new(),
                        audience: None,
                    }
                })
            })
            .collect();
        rows += store.add_attendances(&sheet).unwrap().len();
    }
    rows
}

/// Operators (demo shops) with an agreement each under the shops programme, a roster of
/// `ROSTER_SIZE` households, `LEDGER_PER_AGREEMENT` purchases over 2026; the inspections of the
/// operators. One transaction for the linkage, one for the inspections.
fn linkage(
    store: &mut Store,
    programme: &str,
    villages: &[String],
    households: &[String],
    p: Proportions,
) {
    let on_roster =
        |o: usize, h: usize| households[(o * ROSTER_SIZE + h) % households.len()].clone();
    let mut rows: Vec<Row> = Vec::new();
    for o in 0..p.operators {
        let (operator, agreement) = (operator_id(o), format!("00000000-0000-4000-0002-{o:012}"));
        rows.push((
            &OPERATOR,
            operator.clone(),
            vec![
                ("kind", text("demo_shop")),
                ("name", text(format!("示范店{o}"))),
                ("village_id", text(villages[o % villages.len()].clone())),
            ],
        ));
        rows.push((
            &AGREEMENT,
            agreement.clone(),
            vec![
                ("number", text(format!("SCALE-{o}"))),
                ("year", SqlValue::Integer(2026)),
                ("programme", text("电商扶贫示范店")),
                ("programme_id", text(programme)),
                ("operator_id", text(operator.clone())),
                ("modes", text("[\"protective_purchase\"]")),
                ("term_start", text("2026-01-01")),
                ("term_end", text("2026-12-31")),
            ],
        ));
        for h in 0..ROSTER_SIZE {
            rows.push((
                &ROSTER,
                new_id(),
                vec![
                    ("agreement_id", text(agreement.clone())),
                    ("household_id", text(on_roster(o, h))),
                    ("mode", text("protective_purchase")),
                ],
            ));
        }
        let year_start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        for e in 0..LEDGER_PER_AGREEMENT {
            let date = year_start + Days::new((e * 360 / LEDGER_PER_AGREEMENT) as u64);
            rows.push((
                &LEDGER,
                new_id(),
                vec![
                    ("agreement_id", text(agreement.clone())),
                    ("household_id", text(on_roster(o, e % ROSTER_SIZE))),
                    ("entry_date", text(date.to_string())),
                    ("product", text("核桃")),
                    ("quantity", text("100")),
                    ("unit", text("斤")),
                    ("unit_price", text("12.50")),
                    ("market_price", text("11.00")),
                    ("amount", text("1250.00")),
                ],
            ));
        }
    }
    raw(store, rows);
    let rows = (0..p.inspections)
        .map(|i| {
            let date = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap() + Days::new((i % 240) as u64);
            (
                &INSPECTION,
                new_id(),
                vec![
                    ("operator_id", text(operator_id(i % p.operators))),
                    ("programme_id", text(programme)),
                    ("stage", text(["preliminary", "acceptance"][i % 2])),
                    ("inspection_date", text(date.to_string())),
                    (
                        "conclusion",
                        text(if date.day().is_multiple_of(5) {
                            "fail"
                        } else {
                            "pass"
                        }),
                    ),
                ],
            )
        })
        .collect();
    raw(store, rows);
}
