//! Record lifecycle on one laptop, in a county that is not the demo's (积石山县): submit, void
//! with a reason, edits of submitted records, locked records, refusals of voids others depend
//! on, and the lists' status filters, for households, operators, agreements, training sessions
//! and notices.

use fieldbook::domain::agreements::{LinkageMode, RosterInput};
use fieldbook::domain::households::{HouseholdInput, HouseholdQuery};
use fieldbook::domain::lifecycle::{RecordKind, RecordStatus};
use fieldbook::domain::notices::{NoticeEntry, NoticeInput, NoticeSubject, ObjectionInput};
use fieldbook::domain::operators::{OperatorInput, OperatorKind};
use fieldbook::domain::training::{AttendanceInput, HalfDays, TrainingKind, TrainingSessionInput};
use fieldbook::store::entities::{COUNTY, TOWNSHIP, VILLAGE};
use fieldbook::store::write::{self, Op, Status};
use fieldbook::Store;
use rusqlite::types::Value as SqlValue;

use crate::records::{agreement, id_number};

/// 积石山县 with one township and one village, written through the write path as a county's
/// set-up would: nothing here is the demo's.
pub struct County {
    pub store: Store,
    pub township_id: String,
    pub village_id: String,
}

pub fn second_county() -> County {
    let mut store = Store::open_in_memory().unwrap();
    let (county, township, village) = ("c-622927", "t-622927100", "v-622927100201");
    let text = |s: &str| SqlValue::Text(s.to_string());
    store
        .write(|tx, w| {
            let county_row = [("code", text("622927")), ("name", text("积石山县"))];
            write::record(tx, w, &COUNTY, county, Op::Create, &county_row)?;
            let township_row = [
                ("county_id", text(county)),
                ("code", text("622927100")),
                ("name", text("吹麻滩镇")),
            ];
            write::record(tx, w, &TOWNSHIP, township, Op::Create, &township_row)?;
            let village_row = [
                ("township_id", text(township)),
                ("code", text("622927100201")),
                ("name", text("大河家村")),
                ("poor", SqlValue::Integer(1)),
            ];
            write::record(tx, w, &VILLAGE, village, Op::Create, &village_row)?;
            Ok(())
        })
        .unwrap();
    County {
        store,
        township_id: township.into(),
        village_id: village.into(),
    }
}

fn household(c: &County, n: u32, name: &str) -> HouseholdInput {
    HouseholdInput {
        head_name: name.into(),
        id_number: id_number(n),
        size: 3,
        village_id: c.village_id.clone(),
        village_group: "二社".into(),
        category: "general".into(),
        year_lifted: None,
        phone: String::new(),
        notes: String::new(),
    }
}

fn operator(c: &County, name: &str) -> OperatorInput {
    OperatorInput {
        kind: OperatorKind::DemoShop,
        name: name.into(),
        credit_code: String::new(),
        person_in_charge: "马志强".into(),
        phone: "13909301234".into(),
        village_id: Some(c.village_id.clone()),
        platform: "淘宝".into(),
        shop_url: String::new(),
    }
}

fn session(c: &mut County, title: &str) -> TrainingSessionInput {
    let programme = c
        .store
        .add_programme_from_preset("chengxian-2019-training", None)
        .map(|p| p.id)
        .unwrap_or_else(|_| c.store.list_programmes().unwrap()[0].id.clone());
    TrainingSessionInput {
        programme_id: programme,
        kind: TrainingKind::TownshipOnsite,
        title: title.into(),
        organiser: "积石山县商务局".into(),
        provider: "积石山县电商服务中心".into(),
        venue: "吹麻滩镇政府会议室".into(),
        township_id: Some(c.township_id.clone()),
        start_date: "2019-06-03".into(),
        end_date: "2019-06-03".into(),
        half_days: HalfDays::Both,
        slots: None,
        trainers: vec!["马老师".into()],
        outline: "网店运营".into(),
        planned_headcount: 30,
        audience: None,
    }
}

fn notice(title: &str) -> NoticeInput {
    NoticeInput {
        title: title.into(),
        subject: NoticeSubject::TraineeRoster,
        programme_id: None,
        issuer: "吹麻滩镇人民政府".into(),
        places: vec!["吹麻滩镇人民政府公示栏".into()],
        start_date: "2019-07-01".into(),
        end_date: "2019-07-15".into(),
        phone_local: "0930-7721234".into(),
        body: String::new(),
        has_list: true,
        entries: vec![NoticeEntry {
            name: "马秀兰".into(),
            place: "大河家村二社".into(),
            benefit: "参加电商培训 1 天".into(),
            id_number: String::new(),
            phone: String::new(),
        }],
    }
}

/// One new draft of `kind`, its id.
fn draft(c: &mut County, kind: RecordKind, n: u32) -> String {
    match kind {
        RecordKind::Household => {
            let input = household(c, 900 + n, &format!("马{n}"));
            c.store.add_household(&input).unwrap().record.id
        }
        RecordKind::Operator => {
            let input = operator(c, &format!("积石山县大河家电商服务站{n}"));
            c.store.add_operator(&input).unwrap().record.id
        }
        RecordKind::Agreement => {
            let op = draft(c, RecordKind::Operator, 100 + n);
            let input = agreement(&op, &format!("JSS2019-{n:02}"));
            c.store.add_agreement(&input).unwrap().record.id
        }
        RecordKind::TrainingSession => {
            let input = session(c, &format!("电商培训第{n}期"));
            c.store.add_training_session(&input).unwrap().record.id
        }
        RecordKind::Notice => {
            let input = notice(&format!("关于吹麻滩镇电商培训学员名单的公示（{n}）"));
            c.store.add_notice(&input).unwrap().record.id
        }
    }
}

/// The ids and statuses a kind's list shows with `filter`.
fn listed(c: &County, kind: RecordKind, filter: Option<RecordStatus>) -> Vec<(String, String)> {
    let s = &c.store;
    match kind {
        RecordKind::Household => {
            let query = HouseholdQuery {
                text: String::new(),
                township_code: None,
                village_id: None,
                offset: 0,
                limit: 100,
                status: filter,
            };
            let page = s.search_households(&query).unwrap();
            page.rows.into_iter().map(|r| (r.id, r.status)).collect()
        }
        RecordKind::Operator => s
            .list_operators(None, filter)
            .unwrap()
            .into_iter()
            .map(|r| (r.id, r.status))
            .collect(),
        RecordKind::Agreement => s
            .list_agreements(None, filter)
            .unwrap()
            .into_iter()
            .map(|r| (r.id, r.status))
            .collect(),
        RecordKind::TrainingSession => s
            .list_training_sessions(None, filter)
            .unwrap()
            .into_iter()
            .map(|r| (r.id, r.status))
            .collect(),
        RecordKind::Notice => s
            .list_notices(filter)
            .unwrap()
            .into_iter()
            .map(|r| (r.id, r.status))
            .collect(),
    }
}

fn has(list: &[(String, String)], id: &str, status: &str) -> bool {
    list.iter().any(|(i, s)| i == id && s == status)
}

#[test]
fn each_kind_is_submitted_and_voided_with_a_reason_and_listed_by_status() {
    let mut c = second_county();
    for kind in RecordKind::ALL {
        let id = draft(&mut c, kind, 1);
        assert!(has(
            &listed(&c, kind, Some(RecordStatus::Draft)),
            &id,
            "draft"
        ));

        let submitted = c.store.submit_record(kind, &id).unwrap();
        assert_eq!(submitted.status, RecordStatus::Submitted, "{kind:?}");
        assert!(has(
            &listed(&c, kind, Some(RecordStatus::Submitted)),
            &id,
            "submitted"
        ));
        assert!(!has(
            &listed(&c, kind, Some(RecordStatus::Draft)),
            &id,
            "draft"
        ));

        let refused = c.store.void_record(kind, &id, "  ").unwrap_err();
        assert_eq!(refused.code(), "VOID_REASON_REQUIRED", "{kind:?}");
        assert_eq!(
            c.store.record_state(kind, &id).unwrap().status,
            RecordStatus::Submitted
        );

        let voided = c.store.void_record(kind, &id, " 重复登记 ").unwrap();
        assert_eq!(voided.status, RecordStatus::Voided);
        assert_eq!(voided.void_reason.as_deref(), Some("重复登记"));
        assert!(
            listed(&c, kind, None).iter().all(|(i, _)| *i != id),
            "{kind:?}"
        );
        assert!(has(
            &listed(&c, kind, Some(RecordStatus::Voided)),
            &id,
            "voided"
        ));

        // The void is one delete entry carrying its reason: what syncs and what history shows.
        let entity = fieldbook::store::entity_of(kind).name;
        let last = c.store.history(entity, &id).unwrap().pop().unwrap();
        assert_eq!(last.op, "delete");
        assert_eq!(last.fields["void_reason"].1, "重复登记");

        for again in [
            c.store.void_record(kind, &id, "再次作废").unwrap_err(),
            c.store.submit_record(kind, &id).unwrap_err(),
        ] {
            assert_eq!(again.code(), "RECORD_VOIDED", "{kind:?}");
            assert!(again.to_string().contains("重复登记"), "{again}");
        }
    }
}

#[test]
fn a_draft_may_be_voided_and_submitting_twice_changes_nothing() {
    let mut c = second_county();
    let id = draft(&mut c, RecordKind::Notice, 2);
    c.store.submit_record(RecordKind::Notice, &id).unwrap();
    let entries = c.store.history("notice", &id).unwrap().len();
    c.store.submit_record(RecordKind::Notice, &id).unwrap();
    assert_eq!(c.store.history("notice", &id).unwrap().len(), entries);

    let other = draft(&mut c, RecordKind::Household, 3);
    let state = c
        .store
        .void_record(RecordKind::Household, &other, "录入错误")
        .unwrap();
    assert_eq!(state.status, RecordStatus::Voided);
}

#[test]
fn editing_a_submitted_record_returns_it_to_draft_with_a_warning() {
    let mut c = second_county();
    let id = draft(&mut c, RecordKind::Household, 4);
    let mut input = household(&c, 904, "马4");

    input.phone = "13909300001".into();
    let saved = c.store.update_household(&id, &input).unwrap();
    assert!(saved
        .warnings
        .iter()
        .all(|w| w.code.as_str() != "RECORD_BACK_TO_DRAFT"));

    c.store.submit_record(RecordKind::Household, &id).unwrap();
    // Saving without a change keeps it submitted.
    let unchanged = c.store.update_household(&id, &input).unwrap();
    assert_eq!(unchanged.record.status, "submitted");

    input.phone = "13909300002".into();
    let saved = c.store.update_household(&id, &input).unwrap();
    assert_eq!(saved.record.status, "draft");
    let warning = saved
        .warnings
        .iter()
        .find(|w| w.code.as_str() == "RECORD_BACK_TO_DRAFT")
        .expect("the back-to-draft warning");
    assert!(warning.message.contains("重新提交"));

    let op = draft(&mut c, RecordKind::Operator, 5);
    c.store.submit_record(RecordKind::Operator, &op).unwrap();
    let saved = c
        .store
        .update_operator(&op, &operator(&c, "积石山县大河家电商服务站（新址）"))
        .unwrap();
    assert_eq!(saved.record.status, "draft");
    assert!(saved
        .warnings
        .iter()
        .any(|w| w.code.as_str() == "RECORD_BACK_TO_DRAFT"));

    // A notice submitted before its posting date may still be corrected (back to draft); once
    // its date has come, submitted means posted on the board and the text is frozen.
    let mut future = notice("关于吹麻滩镇电商培训学员名单的公示（下月张贴）");
    future.start_date = "2099-07-01".into();
    future.end_date = "2099-07-15".into();
    let n = c.store.add_notice(&future).unwrap().record.id;
    c.store.submit_record(RecordKind::Notice, &n).unwrap();
    future.title = "更正后的公示".into();
    let saved = c.store.update_notice(&n, &future).unwrap();
    assert_eq!(saved.record.status, "draft");
    assert_eq!(saved.warnings[0].code.as_str(), "RECORD_BACK_TO_DRAFT");

    let posted = draft(&mut c, RecordKind::Notice, 6);
    c.store.submit_record(RecordKind::Notice, &posted).unwrap();
    let refused = c
        .store
        .update_notice(&posted, &notice("更正后的公示"))
        .unwrap_err();
    assert_eq!(refused.code().as_str(), "NOTICE_POSTED");
}

#[test]
fn a_locked_record_refuses_edits_and_voids_and_only_the_county_locks() {
    let mut c = second_county();
    let id = draft(&mut c, RecordKind::Household, 7);
    c.store.submit_record(RecordKind::Household, &id).unwrap();

    let not_county = c.store.lock_record(RecordKind::Household, &id).unwrap_err();
    assert_eq!(not_county.code(), "SYNC_NOT_COUNTY");

    // As a county's package would leave it: locked through the write path.
    c.store
        .write(|tx, w| {
            write::set_status(
                tx,
                w,
                &fieldbook::store::entities::HOUSEHOLD,
                &id,
                Status::Locked,
            )
        })
        .unwrap();
    assert!(has(
        &listed(&c, RecordKind::Household, Some(RecordStatus::Locked)),
        &id,
        "locked"
    ));

    let edit = c
        .store
        .update_household(&id, &household(&c, 907, "马七"))
        .unwrap_err();
    assert_eq!(edit.code(), "RECORD_LOCKED");
    let void = c
        .store
        .void_record(RecordKind::Household, &id, "重复")
        .unwrap_err();
    assert_eq!(void.code(), "RECORD_LOCKED");
    assert!(void.to_string().contains("不能作废"), "{void}");
    assert_eq!(
        c.store
            .record_state(RecordKind::Household, &id)
            .unwrap()
            .status,
        RecordStatus::Locked
    );
}

#[test]
fn the_county_locks_only_what_was_submitted() {
    let dir = tempfile::tempdir().unwrap();
    let mut county = crate::sync::county_at(dir.path());
    let id = crate::sync::add_household(
        &mut county,
        &crate::sync::village("621221101201"),
        "赵六",
        &id_number(960),
    );
    let draft = county.lock_record(RecordKind::Household, &id).unwrap_err();
    assert_eq!(draft.code(), "RECORD_STATUS");
    county.submit_record(RecordKind::Household, &id).unwrap();
    let locked = county.lock_record(RecordKind::Household, &id).unwrap();
    assert_eq!(locked.status, RecordStatus::Locked);
}

#[test]
fn a_household_on_a_live_roster_cannot_be_voided_until_removed() {
    let mut c = second_county();
    let household = draft(&mut c, RecordKind::Household, 10);
    let agreement = draft(&mut c, RecordKind::Agreement, 10);
    let row = c
        .store
        .add_to_roster(&RosterInput {
            agreement_id: agreement.clone(),
            household_id: household.clone(),
            mode: LinkageMode::ProtectivePurchase,
            content: "收购花椒".into(),
        })
        .unwrap()
        .record;

    let refused = c
        .store
        .void_record(RecordKind::Household, &household, "迁出")
        .unwrap_err();
    assert_eq!(refused.code(), "RECORD_IN_USE");
    assert!(refused.to_string().contains("JSS2019-10"), "{refused}");
    assert_eq!(
        c.store
            .record_state(RecordKind::Household, &household)
            .unwrap()
            .status,
        RecordStatus::Draft
    );

    c.store.remove_from_roster(&row.id).unwrap();
    c.store
        .void_record(RecordKind::Household, &household, "迁出")
        .unwrap();
}

#[test]
fn an_operator_with_a_live_agreement_cannot_be_voided() {
    let mut c = second_county();
    let operator = draft(&mut c, RecordKind::Operator, 11);
    let agreement = c
        .store
        .add_agreement(&agreement(&operator, "JSS2019-XY"))
        .unwrap()
        .record
        .id;
    let refused = c
        .store
        .void_record(RecordKind::Operator, &operator, "停业")
        .unwrap_err();
    assert_eq!(refused.code(), "RECORD_IN_USE");
    assert!(
        refused.to_string().contains("带贫协议 JSS2019-XY"),
        "{refused}"
    );

    c.store
        .void_record(RecordKind::Agreement, &agreement, "对方退出")
        .unwrap();
    c.store
        .void_record(RecordKind::Operator, &operator, "停业")
        .unwrap();
}

#[test]
fn a_session_with_sign_ins_and_a_notice_with_open_objections_cannot_be_voided() {
    let mut c = second_county();
    let session = draft(&mut c, RecordKind::TrainingSession, 12);
    let signed = c
        .store
        .add_attendance(&AttendanceInput {
            session_id: session.clone(),
            slot: "2019-06-03 am".into(),
            name: "马秀兰".into(),
            id_number: id_number(912),
            phone: String::new(),
            township_id: Some(c.township_id.clone()),
            village_id: None,
            signed: true,
            sheet_page: "第1页".into(),
            audience: None,
        })
        .unwrap()
        .record;
    let refused = c
        .store
        .void_record(RecordKind::TrainingSession, &session, "改期")
        .unwrap_err();
    assert_eq!(refused.code(), "RECORD_IN_USE");
    assert!(refused.to_string().contains("马秀兰"), "{refused}");
    c.store.remove_attendance(&signed.id).unwrap();
    c.store
        .void_record(RecordKind::TrainingSession, &session, "改期")
        .unwrap();

    let notice = draft(&mut c, RecordKind::Notice, 13);
    c.store
        .save_objection(&ObjectionInput {
            notice_id: notice.clone(),
            id: None,
            received_date: "2019-07-03".into(),
            objector: "匿名".into(),
            content: "名单有误".into(),
            handling: String::new(),
            handled_date: None,
        })
        .unwrap();
    let refused = c
        .store
        .void_record(RecordKind::Notice, &notice, "重发")
        .unwrap_err();
    assert_eq!(refused.code(), "RECORD_IN_USE");
    assert!(refused.to_string().contains("异议"), "{refused}");
}
