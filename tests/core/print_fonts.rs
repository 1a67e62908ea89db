//! The fonts: a character missing from the face asked for is taken from another face (and still
//! reads back from the PDF); coverage of rare name characters.

use fieldbook::print::fonts::fonts;
use fieldbook::print::layout::{Face, Measure};

/// A character one face has and the other lacks, searched in the CJK extension blocks.
fn only_in(has: Face, lacks: Face) -> Option<char> {
    let f = fonts().unwrap();
    (0x3400u32..0x4DC0)
        .chain(0x20000..0x2A6E0)
        .chain(0x2A700..0x2EBF0)
        .filter_map(char::from_u32)
        .find(|c| f.face_for(has, *c) == Some(has) && f.face_for(lacks, *c) != Some(lacks))
}

#[test]
fn a_character_the_serif_lacks_is_printed_from_the_sans() {
    let f = fonts().unwrap();
    for c in ['䶮', '𬱖', '㛃', '𬌗', '𫐄', '张', '王'] {
        assert!(f.missing(&c.to_string()).is_empty(), "{c} is covered");
    }
    let Some(c) = only_in(Face::Sans, Face::Serif).or_else(|| only_in(Face::Serif, Face::Sans))
    else {
        // Both faces cover the same set: nothing to fall back for.
        return;
    };
    let (has, lacks) = if f.face_for(Face::Serif, c) == Some(Face::Serif) {
        (Face::Serif, Face::Sans)
    } else {
        (Face::Sans, Face::Serif)
    };
    eprintln!(
        "fallback probe: U+{:04X} {c} in {has:?}, not in {lacks:?}",
        c as u32
    );
    assert_eq!(
        f.face_for(lacks, c),
        Some(has),
        "U+{:04X} falls back",
        c as u32
    );
    assert!(f.width(lacks, 16.0, &c.to_string()) > 0.0);
}

#[test]
fn a_notice_body_with_a_character_only_the_sans_has_reads_back_from_the_pdf() {
    use fieldbook::domain::notices::{NoticeInput, NoticeSubject};
    use fieldbook::print::FormKind;
    let Some(c) = only_in(Face::Sans, Face::Serif) else {
        return;
    };
    let mut store = fieldbook::Store::open_in_memory().unwrap();
    let notice = store
        .add_notice(&NoticeInput {
            title: "关于罕见字的公示".into(),
            subject: NoticeSubject::ShopList,
            programme_id: None,
            issuer: "成县商务局".into(),
            places: vec!["县政府网站".into()],
            start_date: "2019-08-12".into(),
            end_date: "2019-08-22".into(),
            phone_local: "0939-3212317".into(),
            body: format!("正文用宋体（仿宋）印，其中“{c}”字只在黑体里有。"),
            has_list: false,
            entries: vec![],
        })
        .unwrap()
        .record;
    let printed = store.print_form(FormKind::Notice, &notice.id).unwrap();
    let text = crate::print::save_and_read("notice-fallback", &printed.pdf);
    assert!(
        crate::print::squeezed(&text).contains(&format!("“{c}”字只在黑体里有")),
        "{text}"
    );
}
