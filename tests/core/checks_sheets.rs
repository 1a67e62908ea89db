//! A GB18030 sign-in file of 30 people sharing one phone number, imported in 托里县, raises ONE
//! shared-phone finding naming all 30 sign-ins; 2 people sharing a number raise none.

use fieldbook::checks::{CheckCode, FindingFilter, Scope, Thresholds};
use fieldbook::domain::resident_id::check_char;
use fieldbook::domain::training::{HalfDays, TrainingKind, TrainingSessionInput};
use fieldbook::sheets::{import, ImportKind, ImportMode};

use crate::county::{tori, TORI_TOWN};
use crate::sheets::{csv_text, options};

fn id_number(n: u32) -> String {
    let birth = format!("19{:02}0{}{:02}", 60 + n % 30, n % 9 + 1, n % 28 + 1);
    let first17 = format!("654224{birth}{n:03}");
    format!("{first17}{}", check_char(&first17))
}

#[test]
fn a_gb18030_sign_in_sheet_of_30_people_on_one_phone_raises_one_shared_phone_finding() {
    let mut store = tori(None);
    let programme = store
        .add_programme_from_preset("chengxian-2019-training", Some(2026))
        .unwrap()
        .id;
    let township = store.find_township(TORI_TOWN).unwrap().id;
    let session = store
        .add_training_session(&TrainingSessionInput {
            programme_id: programme,
            kind: TrainingKind::TownshipOnsite,
            title: "托里镇电商培训".into(),
            organiser: "托里县商务局".into(),
            provider: "托里县电商服务中心".into(),
            venue: "镇政府会议室".into(),
            township_id: Some(township),
            start_date: "2026-03-02".into(),
            end_date: "2026-03-02".into(),
            half_days: HalfDays::Am,
            slots: None,
            trainers: vec!["阿依古丽".into()],
            outline: String::new(),
            planned_headcount: 40,
            audience: None,
        })
        .unwrap()
        .record
        .id;
    let mut rows = vec![vec![
        "姓名".to_string(),
        "身份证号".into(),
        "时段".into(),
        "手机号".into(),
    ]];
    for n in 1..=32u32 {
        // 30 share one number; the last two share another (below the threshold of 3).
        let phone = if n <= 30 {
            "13899990000"
        } else {
            "13577776666"
        };
        rows.push(vec![
            format!("学员{n}"),
            id_number(n),
            "2026-03-02 上午".into(),
            phone.into(),
        ]);
    }
    let text = csv_text(
        &rows
            .iter()
            .map(|r| r.iter().map(String::as_str).collect())
            .collect::<Vec<Vec<&str>>>(),
    );
    let (gb18030, _, lossy) = encoding_rs::GB18030.encode(&text);
    assert!(!lossy);
    let mut opts = options(ImportKind::Attendance, ImportMode::All);
    opts.into = Some(session);
    let report = import(&mut store, &gb18030, "签到表.csv", &opts).unwrap();
    assert_eq!(report.format, "csv-gb18030");
    assert_eq!(report.counts.new, 32, "{:#?}", report.rows);

    let run = store.run_checks(&Scope::All).unwrap();
    assert!(run.stored);
    let shared = store
        .findings(&FindingFilter {
            check: Some(CheckCode::F5_SHARED_PHONE),
            ..FindingFilter::default()
        })
        .unwrap();
    assert_eq!(shared.len(), 1, "{shared:#?}");
    assert_eq!(shared[0].records.len(), 30);
    assert!(shared[0].compared.iter().any(|c| c.value == "138****0000"));
    assert!(!shared[0].summary.contains("13899990000"), "masked");

    // The county raises its threshold above 30: the next run closes the finding.
    let mut thresholds = Thresholds::read(&store).unwrap();
    assert_eq!(thresholds.trainees_per_phone, 3, "the default");
    thresholds.trainees_per_phone = 31;
    store.set_check_thresholds(&thresholds).unwrap();
    assert_eq!(Thresholds::read(&store).unwrap(), thresholds);
    let run = store.run_checks(&Scope::All).unwrap();
    assert_eq!(run.report.closed, 1);
}
