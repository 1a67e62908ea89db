//! Public notices as records: at least 10 days, complaint phones, objections and their handling,
//! the photo of the posted notice; printed without ID or phone numbers unless the county turns
//! masking on,
//! and refused (never a silent box) when a name has a character no font has.

use fieldbook::domain::notices::{
    NoticeEntry, NoticeInput, NoticePrivacy, NoticeSubject, ObjectionInput,
};
use fieldbook::print::FormKind;
use fieldbook::Store;

use crate::print::{assert_pages, demo_store, number_runs, save_and_read, squeezed};

fn input(start: &str, end: &str) -> NoticeInput {
    NoticeInput {
        title: "关于宋坪乡2019年电商培训学员名单的公示".into(),
        subject: NoticeSubject::TraineeRoster,
        programme_id: None,
        issuer: "宋坪乡人民政府".into(),
        places: vec!["宋坪乡人民政府公示栏".into()],
        start_date: start.into(),
        end_date: end.into(),
        phone_local: "0939-3299001".into(),
        body: String::new(),
        has_list: false,
        entries: vec![
            NoticeEntry {
                name: "李秀英".into(),
                place: "宋坪村三组".into(),
                benefit: "参加电商培训 2 天".into(),
                id_number: "62122119800101123X".into(),
                phone: "13893912345".into(),
            },
            NoticeEntry {
                name: "赵建军".into(),
                place: "宋坪村一组".into(),
                benefit: "参加电商培训 2 天".into(),
                id_number: String::new(),
                phone: "15109391234".into(),
            },
        ],
    }
}

fn valid_id() -> String {
    // A checksum-valid ID for the masked case.
    let first17 = "62122119800101123";
    format!(
        "{first17}{}",
        fieldbook::domain::resident_id::check_char(first17)
    )
}

#[test]
fn a_notice_shorter_than_ten_days_is_refused_and_nothing_is_written() {
    let mut store = Store::open_in_memory().unwrap();
    let mut short = input("2019-08-12", "2019-08-21");
    short.entries[0].id_number = valid_id();
    let err = store.add_notice(&short).unwrap_err();
    assert_eq!(err.code(), "NOTICE_TOO_SHORT");
    assert_eq!(err.field(), Some("endDate"));
    assert!(err.to_string().contains("2019年8月22日"), "{err}");
    assert!(store.list_notices(None).unwrap().is_empty());
    let mut ok = input("2019-08-12", "2019-08-22");
    ok.entries[0].id_number = valid_id();
    let saved = store.add_notice(&ok).unwrap().record;
    assert_eq!(saved.days, 10);
    assert_eq!(saved.phone_national, "12317");
}

#[test]
fn objections_are_recorded_and_handled_on_the_write_path() {
    let mut store = Store::open_in_memory().unwrap();
    let mut n = input("2019-08-12", "2019-08-22");
    n.entries[0].id_number = valid_id();
    let notice = store.add_notice(&n).unwrap().record;
    let early = ObjectionInput {
        notice_id: notice.id.clone(),
        id: None,
        received_date: "2019-08-01".into(),
        objector: "村民".into(),
        content: "赵建军未参加培训".into(),
        handling: String::new(),
        handled_date: None,
    };
    assert_eq!(
        store.save_objection(&early).unwrap_err().code(),
        "OBJECTION_DATE"
    );
    let received = ObjectionInput {
        received_date: "2019-08-15".into(),
        ..early
    };
    let notice = store.save_objection(&received).unwrap();
    assert_eq!(notice.open_objections, 1);
    let objection = notice.objections[0].clone();
    let handled = ObjectionInput {
        id: Some(objection.id.clone()),
        handling: "经核实签到表和照片，该学员两天均到场，异议不成立".into(),
        handled_date: Some("2019-08-18".into()),
        ..received
    };
    let notice = store.save_objection(&handled).unwrap();
    assert_eq!(notice.open_objections, 0);
    assert!(!notice.objections[0].open);
    let log = store.history("notice_objection", &objection.id).unwrap();
    assert_eq!(log.len(), 2, "created then handled, both logged");
    let list = store.list_notices(None).unwrap();
    assert_eq!((list[0].objections, list[0].open_objections), (1, 0));
}

#[test]
fn the_photo_of_the_posted_notice_is_attached() {
    let mut store = Store::open_in_memory().unwrap();
    let mut n = input("2019-08-12", "2019-08-22");
    n.entries[0].id_number = valid_id();
    let notice = store.add_notice(&n).unwrap().record;
    let err = store
        .attach_notice_photo(&notice.id, "a.txt", b"not a photo")
        .unwrap_err();
    assert_eq!(err.code(), "ATTACHMENT_TYPE");
    let png = b"\x89PNG\r\n\x1a\n0000fake";
    let notice = store
        .attach_notice_photo(&notice.id, "posted.png", png)
        .unwrap();
    let sha = notice.photo_sha256.expect("photo linked");
    assert_eq!(store.attachment(&sha).unwrap().2, png);
    assert!(store.list_notices(None).unwrap()[0].has_photo);
}

#[test]
fn the_demo_notice_prints_as_gbt9704_without_ids_or_phones() {
    let (_dir, mut store) = demo_store();
    let list = store.list_notices(None).unwrap();
    assert_eq!(list.len(), 1, "the demo county has its notice");
    let notice = store.notice(&list[0].id).unwrap();
    assert!(notice.days >= 10);
    assert!(notice.entries.len() >= 10);
    assert!(
        notice.entries.iter().all(|e| !e.phone.is_empty()),
        "phones are held"
    );
    let printed = store.print_form(FormKind::Notice, &notice.id).unwrap();
    let text = save_and_read("notice", &printed.pdf);
    let flat = squeezed(&text);
    assert!(flat.contains(&squeezed(&notice.title)));
    for e in &notice.entries {
        assert!(flat.contains(&squeezed(&e.name)), "{} missing", e.name);
    }
    assert!(flat.contains("2019年12月12日") && flat.contains("2019年12月22日"));
    assert!(flat.contains("12317") && flat.contains("0939-3212317"));
    assert!(flat.contains("—1—"), "GB/T 9704 page number");
    let runs: Vec<String> = number_runs(&flat)
        .into_iter()
        .filter(|r| r != "0939")
        .collect();
    assert!(runs.is_empty(), "no ID or phone number printed: {runs:?}");
    assert!(printed.pdf.len() < 200 * 1024);
    let _ = printed.pages;
}

#[test]
fn masking_shows_only_the_ends_of_ids_and_phones() {
    let (_dir, mut store) = demo_store();
    let mut n = input("2019-08-12", "2019-08-22");
    n.entries[0].id_number = valid_id();
    store.set_notice_masking(NoticePrivacy::Masked).unwrap();
    let notice = store.add_notice(&n).unwrap().record;
    assert_eq!(notice.masking, NoticePrivacy::Masked);
    let printed = store.print_form(FormKind::Notice, &notice.id).unwrap();
    let text = save_and_read("notice-masked", &printed.pdf);
    let flat = squeezed(&text);
    let id = valid_id();
    assert!(
        flat.contains(&format!("{}********{}", &id[..6], &id[14..])),
        "{flat}"
    );
    assert!(flat.contains("138****2345") && flat.contains("151****1234"));
    // Each masked number sits whole on one line (never cut across a cell's lines).
    for masked in [
        format!("{}********{}", &id[..6], &id[14..]),
        "138****2345".into(),
    ] {
        assert!(
            text.lines().any(|l| l.contains(&masked)),
            "{masked} cut: {text}"
        );
    }
    assert!(number_runs(&flat).is_empty(), "{:?}", number_runs(&flat));
    assert_pages_notice(&flat, printed.pages);
}

fn assert_pages_notice(flat: &str, pages: usize) {
    for n in 1..=pages {
        assert!(flat.contains(&format!("—{n}—")));
    }
}

#[test]
fn a_name_outside_the_fonts_is_refused_naming_the_character_and_the_record() {
    let (_dir, mut store) = demo_store();
    let mut n = input("2019-08-12", "2019-08-22");
    n.entries[0].id_number = String::new();
    n.entries[1].name = "赵\u{17000}军".into();
    let notice = store.add_notice(&n).unwrap().record;
    let err = store.print_form(FormKind::Notice, &notice.id).unwrap_err();
    assert_eq!(err.code(), "PRINT_GLYPH_MISSING");
    let message = err.to_string();
    assert!(message.contains("U+17000"), "{message}");
    assert!(message.contains(&notice.title), "{message}");
    // Rare characters the fonts do have print and read back.
    n.entries[1].name = "赵䶮𬱖".into();
    n.title = "关于罕见字姓名的公示".into();
    let notice = store.add_notice(&n).unwrap().record;
    let printed = store.print_form(FormKind::Notice, &notice.id).unwrap();
    let text = save_and_read("notice-rare", &printed.pdf);
    assert!(squeezed(&text).contains("赵䶮𬱖"), "{text}");
    let _ = assert_pages;
}
