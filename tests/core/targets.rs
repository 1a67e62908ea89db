//! Targets that compute themselves, one seed county at a time: each county set up from scratch
//! (`create_county`, its townships and villages; 成县 from the demo places), its plan's
//! programmes added from presets or JSON, records added, and every target's done / goal / met
//! asserted with real numbers.

use fieldbook::domain::agreements::{
    AgreementInput, LedgerInput, LinkageMode, PriceRule, RosterInput,
};
use fieldbook::domain::households::HouseholdInput;
use fieldbook::domain::inspections::{InspectionInput, Inspector, Stage};
use fieldbook::domain::operators::{OperatorInput, OperatorKind};
use fieldbook::domain::places::VillageInput;
use fieldbook::domain::programmes::{
    FundCategory, Observation, ObservedValue, ProgrammeProgress, ValueType,
};
use fieldbook::domain::stations::StationMonthInput;
use fieldbook::domain::training::{AttendanceInput, HalfDays, TrainingKind, TrainingSessionInput};
use fieldbook::Store;

use crate::records::id_number;

/// A county set up from scratch: `villages[t]` lists (name, poor) for township `t`.
pub(crate) struct County {
    pub store: Store,
    /// (id, township code) of each township.
    pub townships: Vec<(String, String)>,
    /// (id, poor) of each village, in order.
    pub villages: Vec<(String, bool)>,
}

pub(crate) fn county(code: &str, name: &str, villages: &[&[bool]]) -> County {
    county_in(Store::open_in_memory().unwrap(), code, name, villages)
}

/// `county` in a store of the caller's (a database file the command line can open).
pub(crate) fn county_in(mut store: Store, code: &str, name: &str, villages: &[&[bool]]) -> County {
    store.create_county(code, name).unwrap();
    let mut county = County {
        store,
        townships: Vec::new(),
        villages: Vec::new(),
    };
    for (t, poor_flags) in villages.iter().enumerate() {
        let township_code = format!("{code}{}", 100 + t);
        let township = county
            .store
            .add_township(&township_code, &format!("第{}镇", t + 1))
            .unwrap();
        for (v, poor) in poor_flags.iter().enumerate() {
            let village = county
                .store
                .add_village(&VillageInput {
                    township_code: township_code.clone(),
                    code: format!("{township_code}{}", 200 + v),
                    name: format!("{}镇{}村", t + 1, v + 1),
                    poor: *poor,
                })
                .unwrap();
            county.villages.push((village.id, *poor));
        }
        county.townships.push((township.id, township_code));
    }
    county
}

impl County {
    pub fn programme(&mut self, preset: &str, year: Option<i32>) -> String {
        self.store
            .add_programme_from_preset(preset, year)
            .unwrap()
            .id
    }

    pub fn operator(&mut self, kind: OperatorKind, village: usize, name: &str) -> String {
        let input = OperatorInput {
            kind,
            name: name.into(),
            credit_code: String::new(),
            person_in_charge: "负责人".into(),
            phone: "13809391234".into(),
            village_id: Some(self.villages[village].0.clone()),
            platform: "拼多多".into(),
            shop_url: String::new(),
        };
        self.store.add_operator(&input).unwrap().record.id
    }

    /// An inspection meeting every typed item of the programme's criteria (or failing the
    /// boolean ones when `pass` is false); items computed from the records keep their values.
    pub fn inspect(
        &mut self,
        operator: &str,
        programme: &str,
        stage: Stage,
        date: &str,
        pass: bool,
    ) {
        let criteria = self.store.programme(programme).unwrap().settings.criteria;
        let observations = criteria
            .eligibility
            .iter()
            .chain(&criteria.scored)
            .map(|item| match (item.value_type, item.threshold) {
                (ValueType::Boolean, _) => Observation::bool(&item.key, pass),
                (_, Some(t)) => Observation::number(&item.key, t),
                _ => Observation::new(&item.key, ObservedValue::Text("有".into())),
            })
            .collect();
        let input = InspectionInput {
            operator_id: operator.into(),
            programme_id: programme.into(),
            stage,
            date: date.into(),
            inspectors: ["王芳", "李明", "赵刚"]
                .map(|n| Inspector {
                    name: n.into(),
                    unit: "县商务局".into(),
                })
                .to_vec(),
            observations,
            problems: String::new(),
            rectification: vec![],
            investment: String::new(),
            recheck_sample_id: None,
        };
        self.store.add_inspection(&input).unwrap();
    }

    pub fn month(&mut self, station: &str, month: &str, value: &str) {
        self.store
            .add_station_month(&StationMonthInput {
                station_id: station.into(),
                month: month.into(),
                service_value: value.into(),
                parcels: 30,
                bills_paid: 12,
                ..StationMonthInput::default()
            })
            .unwrap();
    }

    /// A registered household in `village`, numbered `n`.
    pub fn household(&mut self, village: usize, n: u32) -> String {
        let input = HouseholdInput {
            head_name: format!("户主{n}"),
            id_number: id_number(n),
            size: 4,
            village_id: self.villages[village].0.clone(),
            village_group: "一组".into(),
            category: "general".into(),
            year_lifted: None,
            phone: String::new(),
            notes: String::new(),
        };
        self.store.add_household(&input).unwrap().record.id
    }

    /// An agreement of `operator` naming `programme` by name in `year` (the store links it to
    /// the programme of that name and year), with `households`
    /// on its roster; its id.
    pub fn agreement(
        &mut self,
        operator: &str,
        number: &str,
        programme: &str,
        year: i32,
        households: &[String],
    ) -> String {
        let input = AgreementInput {
            number: number.into(),
            year,
            programme: programme.into(),
            programme_id: None,
            operator_id: operator.into(),
            witness_village_id: None,
            modes: vec![LinkageMode::ProtectivePurchase],
            price_rule: PriceRule::MarketPlus,
            price_value: "10".into(),
            min_quantity: "500斤".into(),
            pay_within_days: Some(7),
            target_households: households.len() as u32,
            target_income: "1000".into(),
            term_start: format!("{year}-01-01"),
            term_end: format!("{year}-12-31"),
        };
        let id = self.store.add_agreement(&input).unwrap().record.id;
        for household in households {
            self.store
                .add_to_roster(&RosterInput {
                    agreement_id: id.clone(),
                    household_id: household.clone(),
                    mode: LinkageMode::ProtectivePurchase,
                    content: String::new(),
                })
                .unwrap();
        }
        id
    }

    pub fn purchase(
        &mut self,
        agreement: &str,
        household: &str,
        date: &str,
        quantity: &str,
        price: &str,
    ) {
        self.store
            .add_ledger_entry(&LedgerInput {
                agreement_id: agreement.into(),
                household_id: household.into(),
                date: date.into(),
                product: "核桃".into(),
                quantity: quantity.into(),
                unit: "斤".into(),
                unit_price: price.into(),
                market_price: String::new(),
                payment_method: String::new(),
                voucher_no: String::new(),
                delivered_date: String::new(),
            })
            .unwrap();
    }

    /// A one-day session of `kind` in `township` (None: county level), its first half-day
    /// only, attended by `people` (name, ID; one slot, so 人次 is the same however slots are counted).
    pub fn session(
        &mut self,
        programme: &str,
        kind: TrainingKind,
        township: Option<usize>,
        (start, end): (&str, &str),
        people: &[(String, String)],
    ) {
        let input = TrainingSessionInput {
            programme_id: programme.into(),
            kind,
            title: format!("电商培训{start}"),
            organiser: "县商务局".into(),
            provider: "县电商服务中心".into(),
            venue: "会议室".into(),
            township_id: township.map(|t| self.townships[t].0.clone()),
            start_date: start.into(),
            end_date: end.into(),
            half_days: HalfDays::Am,
            slots: None,
            trainers: vec!["王老师".into()],
            outline: "网店开设与运营".into(),
            planned_headcount: 50,
            audience: None,
        };
        let session = self.store.add_training_session(&input).unwrap().record.id;
        for (name, id) in people {
            self.store
                .add_attendance(&AttendanceInput {
                    session_id: session.clone(),
                    slot: format!("{start} am"),
                    name: name.clone(),
                    id_number: id.clone(),
                    phone: String::new(),
                    township_id: None,
                    village_id: None,
                    signed: true,
                    sheet_page: "第1页".into(),
                    audience: None,
                })
                .unwrap();
        }
    }

    pub fn progress(&self, programme: &str) -> ProgrammeProgress {
        self.store.programme_progress(programme).unwrap()
    }
}

/// Trainees (name, ID): the heads of households registered as `registered` (in the first
/// villages, under their registered names), then people not in the register.
pub(crate) fn trainees(
    c: &mut County,
    registered: &[u32],
    others: &[u32],
) -> Vec<(String, String)> {
    let mut people = Vec::new();
    for (i, n) in registered.iter().enumerate() {
        c.household(i % c.villages.len(), *n);
        people.push((format!("户主{n}"), id_number(*n)));
    }
    for n in others {
        people.push((format!("学员{n}"), id_number(*n)));
    }
    people
}

/// Each target as (key, done, goal, met).
pub(crate) fn judged(p: &ProgrammeProgress) -> Vec<(&str, Option<&str>, u32, Option<bool>)> {
    p.targets
        .iter()
        .map(|t| (t.key.as_str(), t.done.as_deref(), t.goal, t.met))
        .collect()
}

/// 霍邱县: stations covering 60 % of the villages, three of six reaching 2,000 yuan a month, the
/// fund-share caps on the year's budgets, training, and the poverty-demonstration targets.
#[test]
fn huoqiu_stations_training_logistics_and_poverty_demonstration() {
    let mut c = county(
        "341522",
        "霍邱县",
        &[
            &[true, true, false, false, false],
            &[true, true, false, false, false],
        ],
    );
    let station_programme = c.programme("huoqiu-2019-service-station", None);
    let training = c.programme("huoqiu-2019-training", None);
    let logistics = c.programme("huoqiu-2019-logistics", None);
    let demo = c.programme("huoqiu-2019-poverty-demo", None);
    assert_eq!(
        c.store.programme(&demo).unwrap().name,
        "霍邱县2019年电子商务精准扶贫示范工程"
    );
    // Six stations in six villages (of ten), each inspected by its township.
    let values: [&[(&str, &str)]; 6] = [
        &[("01", "2500.00"), ("02", "2500.00"), ("03", "2500.00")],
        &[("01", "2000.00"), ("02", "2000.00"), ("03", "2000.00")],
        // One big month carries the three-month period: 6,000 ÷ 3.
        &[("02", "6000.00")],
        &[("01", "1000.00"), ("02", "1000.00"), ("03", "1000.00")],
        &[("01", "1999.99"), ("02", "1999.99"), ("03", "1999.99")],
        &[],
    ];
    let mut stations = Vec::new();
    for (i, months) in values.iter().enumerate() {
        let village = i * 2 % 10 + i / 5;
        let station = c.operator(OperatorKind::ServiceStation, village, &format!("站点{i}"));
        c.inspect(
            &station,
            &station_programme,
            Stage::Preliminary,
            "2019-04-10",
            true,
        );
        for (m, v) in *months {
            c.month(&station, &format!("2019-{m}"), v);
        }
        stations.push(station);
    }
    // A month of another year does not count.
    c.month(&stations[5], "2018-12", "50000.00");
    let p = c.progress(&station_programme);
    assert_eq!(
        judged(&p),
        [
            ("village_coverage", Some("60"), 60, Some(true)),
            ("active_stations", Some("50"), 80, Some(false)),
            // 160万 of 910万 budgeted in 2019: 17.6 % > 15 %.
            ("public_service_share", Some("17.6"), 15, Some(false)),
        ]
    );
    assert_eq!(p.targets[1].share.as_deref(), Some("62.5"));
    assert!(
        p.targets[1].basis.contains("3 / 6 个站点 2019年1–3月"),
        "{}",
        p.targets[1].basis
    );

    // Training: four trainees, two of them registered (poor).
    let people = trainees(&mut c, &[500, 501], &[900, 901]);
    c.session(
        &training,
        TrainingKind::TownshipOnsite,
        Some(0),
        ("2019-05-06", "2019-05-06"),
        &people,
    );
    assert_eq!(
        judged(&c.progress(&training)),
        [
            ("persons", Some("4"), 3000, Some(false)),
            ("poor_persons", Some("2"), 1000, Some(false)),
            ("training_share", Some("33"), 20, Some(false)),
        ]
    );

    // Poverty demonstration: two enterprises accepted, households linked once each however many rosters name them, purchases from the ledger.
    let name = c.store.programme(&demo).unwrap().name;
    let a = c.operator(OperatorKind::Enterprise, 2, "甲公司");
    let b = c.operator(OperatorKind::Enterprise, 3, "乙公司");
    let h: Vec<String> = (0..6)
        .map(|n| c.household(n % 10, 600 + n as u32))
        .collect();
    let first = c.agreement(&a, "HQ-1", &name, 2019, &h[0..3]);
    c.agreement(&b, "HQ-2", &name, 2019, &h[2..4]);
    c.agreement(&b, "HQ-3", &name, 2020, &h[4..5]);
    c.agreement(&b, "HQ-4", "其他项目", 2019, &h[5..6]);
    c.purchase(&first, &h[0], "2019-09-01", "100", "12.50");
    c.purchase(&first, &h[1], "2019-09-02", "40", "10.00");
    c.inspect(&a, &demo, Stage::Acceptance, "2019-11-01", true);
    c.inspect(&b, &demo, Stage::Acceptance, "2019-11-02", true);
    assert_eq!(c.store.households_linked(&demo, 2019).unwrap(), 4);
    let p = c.progress(&demo);
    assert_eq!(
        judged(&p),
        [
            ("demo_enterprises", Some("2"), 5, Some(false)),
            ("households", Some("4"), 1000, Some(false)),
            ("poor_sales", Some("1650.00"), 10_000_000, Some(false)),
            ("products", None, 10, None),
        ]
    );
    assert_eq!(p.targets[0].share.as_deref(), Some("40"));

    // Logistics: 300万 of 910万 for the upward channel, short of half.
    assert_eq!(
        judged(&c.progress(&logistics)),
        [
            ("upward_share", Some("33"), 50, Some(false)),
            ("three_tier", None, 1, None),
        ]
    );
    let shares = c.store.fund_shares(2019).unwrap();
    assert_eq!(shares.total, "9100000.00");
    let by: Vec<(FundCategory, &str, &str)> = shares
        .categories
        .iter()
        .map(|s| (s.category, s.budget.as_str(), s.share.as_str()))
        .collect();
    assert_eq!(
        by,
        [
            (FundCategory::UpwardChannel, "3000000.00", "33.0"),
            (FundCategory::PublicService, "1600000.00", "17.6"),
            (FundCategory::Training, "3000000.00", "33.0"),
            (FundCategory::Other, "1500000.00", "16.5"),
        ]
    );
    assert_eq!(shares.caps.len(), 3);
}
