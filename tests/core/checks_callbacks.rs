//! F11's household call-backs in 托里县 (654224), not the demo county: a seeded draw per
//! township that repeats, outcomes through the write path, a denial that opens a finding no
//! later run closes (only correcting the call does), and the printed call list.

use fieldbook::checks::callbacks::{CallInput, CallOutcome};
use fieldbook::checks::sql::run_suite;
use fieldbook::checks::{CheckCode, FindingFilter, FindingStatus, Scope};
use fieldbook::print::FormKind;
use fieldbook::Code;
use fieldbook::Store;

use crate::targets::county;

/// 托里县 with two townships; 30 households in the first, 5 in the second.
fn toli() -> (Store, Vec<String>) {
    let c = county("654224", "托里县", &[&[true], &[false]]);
    let mut store = c.store;
    store.set_officer("县办马丽");
    for (v, (village, _)) in c.villages.iter().enumerate() {
        let n = if v == 0 { 30 } else { 5 };
        for i in 0..n {
            crate::sync::add_household(
                &mut store,
                village,
                &format!("户主{v}-{i}"),
                &format!("6542241980{:02}{:02}{v}01X", 1 + i % 12, 1 + i),
            );
        }
    }
    let codes = c.townships.iter().map(|(_, code)| code.clone()).collect();
    (store, codes)
}

fn call(outcome: &str, note: &str) -> CallInput {
    CallInput {
        outcome: outcome.into(),
        note: note.into(),
        officer: "县办李芳".into(),
        call_date: String::new(),
    }
}

fn callback_findings(store: &Store) -> Vec<fieldbook::checks::FindingView> {
    store
        .findings(&FindingFilter {
            check: Some(CheckCode::F11_CALLBACK_DENIED),
            ..FindingFilter::default()
        })
        .unwrap()
}

#[test]
fn a_townships_sample_is_ten_percent_by_default_and_the_same_seed_draws_the_same_households() {
    let (mut store, townships) = toli();
    let first = store
        .draw_callback_sample(&townships[0], None, Some(42))
        .unwrap();
    assert_eq!(first.population, 30);
    assert_eq!(first.share, "0.1");
    assert_eq!(first.items.len(), 3, "⌈10 % of 30⌉");
    let again = store
        .draw_callback_sample(&townships[0], None, Some(42))
        .unwrap();
    let households = |s: &fieldbook::checks::callbacks::CallbackSample| {
        s.items
            .iter()
            .map(|i| i.household_id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(households(&first), households(&again));
    assert_ne!(first.id, again.id, "each draw is kept");
    // The second township draws from its own households only: ⌈10 % of 5⌉ = 1.
    let other = store
        .draw_callback_sample(&townships[1], None, Some(42))
        .unwrap();
    assert_eq!(other.items.len(), 1);
    assert!(other.items[0].head_name.starts_with("户主1-"));
    // Masked ID, never the whole number.
    assert!(first.items.iter().all(|i| i.masked_id.contains("********")));
    // A share outside 0–1 is refused and nothing is drawn.
    let refused = store
        .draw_callback_sample(&townships[0], Some("1.5".parse().unwrap()), Some(1))
        .unwrap_err();
    assert_eq!(refused.code(), Code::SAMPLE_SHARE);
    assert_eq!(store.callback_samples(None).unwrap().len(), 3);
}

#[test]
fn a_denial_opens_a_finding_that_later_runs_keep_and_a_corrected_call_closes() {
    let (mut store, townships) = toli();
    let sample = store
        .draw_callback_sample(&townships[0], None, Some(7))
        .unwrap();
    let item = sample.items[0].id.clone();

    // A denial without a note is refused, with the officer's and date's problems at once.
    let err = store
        .record_callback(
            &item,
            &CallInput {
                officer: String::new(),
                call_date: "2019-02-30".into(),
                ..call("denies", "")
            },
        )
        .unwrap_err();
    let fieldbook::Error::Invalid(all) = err else {
        panic!("expected invalid input, got {err:?}");
    };
    let codes: Vec<Code> = all.all().iter().map(|i| i.code).collect();
    assert_eq!(
        codes,
        vec![
            Code::CALLBACK_OFFICER,
            Code::CALLBACK_NOTE,
            Code::CALLBACK_DATE
        ]
    );
    assert_eq!(
        store.callback_item(&item).unwrap().outcome,
        None,
        "nothing written"
    );

    let recorded = store
        .record_callback(&item, &call("denies", "没有签过协议，也没收到钱"))
        .unwrap();
    assert_eq!(recorded.outcome, Some(CallOutcome::Denies));
    assert_eq!(recorded.officer, "县办李芳");
    let open = callback_findings(&store);
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].status, FindingStatus::Open);
    assert!(
        open[0].summary.contains("没有签过协议"),
        "{}",
        open[0].summary
    );

    // The next runs find it again: the same finding, still open.
    store.run_checks(&Scope::All).unwrap();
    store.run_checks(&Scope::All).unwrap();
    let still = callback_findings(&store);
    assert_eq!(still.len(), 1);
    assert_eq!(still[0].id, open[0].id);
    assert_eq!(still[0].status, FindingStatus::Open);

    // The call was mistyped: corrected to a confirmation, the finding closes by that change.
    store.record_callback(&item, &call("confirms", "")).unwrap();
    let closed = callback_findings(&store);
    assert_eq!(closed[0].status, FindingStatus::Closed);
    assert!(closed[0].closed_by.is_some());
    let history = store.readable_history("callback_call", &item).unwrap();
    assert!(
        history.len() >= 3,
        "draw, denial, correction: {}",
        history.len()
    );
}

#[test]
fn the_call_list_prints_masked_ids_phones_and_what_to_ask_with_chinese_dates() {
    let (mut store, townships) = toli();
    let sample = store
        .draw_callback_sample(&townships[0], None, Some(3))
        .unwrap();
    store
        .record_callback(&sample.items[0].id, &call("unreachable", "关机"))
        .unwrap();
    let form = store.form(FormKind::Callbacks, &sample.id).unwrap();
    let mut texts = Vec::new();
    for block in &form.doc.blocks {
        block.texts(&mut texts);
    }
    let all = texts.join("\n");
    assert!(all.contains("第1镇农户回访名单"), "{all}");
    assert!(all.contains("30 户中抽取 3 户（10%）"), "{all}");
    assert!(all.contains("联系不上"), "{all}");
    assert!(
        all.contains("□属实 □否认"),
        "uncalled rows leave room: {all}"
    );
    assert!(
        all.contains("年") && all.contains("月"),
        "dates as 2019年8月12日: {all}"
    );
    for item in &sample.items {
        assert!(all.contains(&item.masked_id));
    }
    assert!(!all.contains("654224198001"), "no whole ID: {all}");
    let printed = store.print_form(FormKind::Callbacks, &sample.id).unwrap();
    assert!(printed.pdf.starts_with(b"%PDF"));
}

#[test]
fn a_denial_is_found_by_the_suite_over_the_whole_county_with_its_township() {
    let (mut store, townships) = toli();
    let sample = store
        .draw_callback_sample(&townships[1], None, Some(9))
        .unwrap();
    store
        .record_callback(&sample.items[0].id, &call("denies", "没参加过培训"))
        .unwrap();
    let found = run_suite(&store, &Scope::All).unwrap();
    let denied: Vec<_> = found
        .iter()
        .filter(|f| f.check == CheckCode::F11_CALLBACK_DENIED)
        .collect();
    assert_eq!(denied.len(), 1);
    assert_eq!(denied[0].records.len(), 2, "the call and the household");
    assert!(denied[0].records.iter().all(|r| r.township_id.is_some()));
}

#[test]
fn a_draw_without_a_share_takes_the_countys_callback_share() {
    let (mut store, townships) = toli();
    assert_eq!(store.callback_default_share().unwrap().to_string(), "0.1");
    let mut thresholds = fieldbook::checks::Thresholds::read(&store).unwrap();
    thresholds.callback_share = 20;
    store.set_check_thresholds(&thresholds).unwrap();
    assert_eq!(store.callback_default_share().unwrap().to_string(), "0.2");
    let sample = store
        .draw_callback_sample(&townships[0], None, Some(5))
        .unwrap();
    assert_eq!(sample.share, "0.2");
    assert_eq!(sample.items.len(), 6, "⌈20 % of 30⌉");
    // A share given for the draw wins over the county's.
    let given = store
        .draw_callback_sample(&townships[0], Some("0.1".parse().unwrap()), Some(5))
        .unwrap();
    assert_eq!(given.items.len(), 3);
}
