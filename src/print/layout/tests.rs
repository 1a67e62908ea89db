use super::flow::PageNumbers;
use super::*;

fn w(text: &str, size: f32) -> f32 {
    FixedMeasure.width(Face::Sans, size, text)
}

#[test]
fn chinese_wraps_at_any_character_and_fills_the_line() {
    let lines = wrap(
        &FixedMeasure,
        Face::Sans,
        10.0,
        "甲乙丙丁戊己庚辛壬癸",
        40.0,
    );
    assert_eq!(lines, ["甲乙丙丁", "戊己庚辛", "壬癸"]);
}

#[test]
fn no_line_starts_with_closing_punctuation_nor_ends_with_opening() {
    // The comma would start line 2: the character before it comes down with it.
    let lines = wrap(&FixedMeasure, Face::Sans, 10.0, "甲乙丙丁，戊己", 40.0);
    assert_eq!(lines, ["甲乙丙", "丁，戊己"]);
    // The opening quote would end line 1: it moves down to its word.
    let lines = wrap(&FixedMeasure, Face::Sans, 10.0, "甲乙丙《丁戊》", 40.0);
    assert_eq!(lines, ["甲乙丙", "《丁戊》"]);
    // A long mixed paragraph: the rules hold on every line.
    let text = "经乡镇初验、县级验收，该店铺（站点）符合《成县电子商务进农村综合示范项目》要求。带贫户10户，销售额12317.50元；结论：合格。".repeat(3);
    for max in [30.0, 45.0, 60.0, 95.0, 130.0] {
        let lines = wrap(&FixedMeasure, Face::Sans, 10.0, &text, max);
        assert_eq!(lines.concat(), text, "no text lost at width {max}");
        for line in &lines {
            let first = line.chars().next().unwrap();
            let last = line.chars().last().unwrap();
            assert!(!NO_START.contains(first), "{line:?} starts with {first}");
            assert!(!NO_END.contains(last), "{line:?} ends with {last}");
        }
    }
}

#[test]
fn digit_and_latin_runs_stay_together() {
    let lines = wrap(
        &FixedMeasure,
        Face::Sans,
        10.0,
        "投诉电话12317和0939-3212345",
        60.0,
    );
    assert!(lines.iter().any(|l| l.contains("12317")), "{lines:?}");
    assert!(
        lines.iter().any(|l| l.contains("0939-3212345")),
        "{lines:?}"
    );
    // Latin words break at spaces, and the space does not start the next line.
    let lines = wrap(&FixedMeasure, Face::Sans, 10.0, "Noto Sans SC font", 40.0);
    assert_eq!(lines, ["Noto", "Sans SC", "font"]);
    // A run wider than the line is cut rather than lost.
    let lines = wrap(&FixedMeasure, Face::Sans, 10.0, "621221198001011234", 40.0);
    assert_eq!(lines.concat(), "621221198001011234");
    assert!(lines.iter().all(|l| w(l, 10.0) <= 40.0));
}

fn doc(blocks: Vec<Block>, page: PageSize) -> FormDoc {
    FormDoc {
        name: "测试".into(),
        page,
        margins: Margins::form(),
        blocks,
        footer: Footer {
            numbers: PageNumbers::Form,
            stamp: "校验码 TEST".into(),
            qr: None,
            leading: 1.5,
        },
    }
}

fn table(rows: usize, totals: bool) -> Table {
    Table {
        columns: vec![
            Column::new("序号", 1.0, Align::Center),
            Column::new("户主姓名", 2.0, Align::Left),
            Column::new("金额（元）", 2.0, Align::Right),
        ],
        header: true,
        rows: (1..=rows)
            .map(|i| vec![i.to_string(), format!("农户{i}"), format!("{i}.00")])
            .collect(),
        totals: if totals {
            vec![vec!["合计".into(), String::new(), "999.00".into()]]
        } else {
            vec![]
        },
        size: size::WU,
    }
}

fn texts(page: &Page) -> Vec<&str> {
    page.items
        .iter()
        .filter_map(|i| match i {
            Item::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

#[test]
fn long_tables_repeat_the_header_and_number_every_page() {
    let pages = paginate(
        &FixedMeasure,
        &doc(vec![Block::Table(table(200, true))], A4_LANDSCAPE),
    );
    assert!(pages.len() > 3, "{} pages", pages.len());
    let m = pages.len();
    for (n, page) in pages.iter().enumerate() {
        let t = texts(page);
        assert_eq!(
            t.iter().filter(|s| **s == "户主姓名").count(),
            1,
            "header on page {}",
            n + 1
        );
        assert!(t.contains(&format!("第 {} 页 共 {m} 页", n + 1).as_str()));
        // Nothing is drawn below the bottom margin except the footer.
        for item in &page.items {
            if let Item::Text { y, text, .. } = item {
                if !text.starts_with('第') && !text.starts_with("校验码") {
                    assert!(
                        *y < A4_LANDSCAPE.height - Margins::form().bottom,
                        "{text} at {y}"
                    );
                }
            }
        }
    }
    // Every row printed exactly once.
    let all: Vec<&str> = pages.iter().flat_map(texts).collect();
    for i in 1..=200 {
        let name = format!("农户{i}");
        assert_eq!(all.iter().filter(|s| **s == name).count(), 1, "{name}");
    }
}

#[test]
fn totals_never_start_a_page_alone() {
    // Find a row count where the last body row ends a page exactly, with and without totals.
    for rows in 20..80 {
        let plain = paginate(
            &FixedMeasure,
            &doc(vec![Block::Table(table(rows, false))], A4_PORTRAIT),
        );
        let with = paginate(
            &FixedMeasure,
            &doc(vec![Block::Table(table(rows, true))], A4_PORTRAIT),
        );
        let last = with.last().unwrap();
        let t = texts(last);
        assert!(t.contains(&"合计"));
        assert!(
            t.iter().any(|s| s.starts_with("农户")),
            "{rows} rows: the total is alone on page {}",
            with.len()
        );
        assert!(with.len() >= plain.len());
    }
}

#[test]
fn a_kept_block_moves_whole_to_the_next_page() {
    let filler: Vec<Block> = (0..38)
        .map(|i| Block::para(format!("第{i}行"), 12.0))
        .collect();
    let signatures = Block::Keep(vec![
        Block::para("验收组成员签字：", 12.0),
        Block::para("组长：________", 12.0),
        Block::para("成员：________", 12.0),
    ]);
    let mut blocks = filler;
    blocks.push(signatures);
    let pages = paginate(&FixedMeasure, &doc(blocks, A4_PORTRAIT));
    assert_eq!(pages.len(), 2);
    assert!(
        texts(&pages[0]).contains(&"第37行"),
        "the filler stays on page 1"
    );
    let second = texts(&pages[1]);
    for s in ["验收组成员签字：", "组长：________", "成员：________"] {
        assert!(second.contains(&s), "{s} on page 2: {second:?}");
    }
}

#[test]
fn gbt9704_text_block_is_156_by_225_mm() {
    let m = Margins::gbt9704();
    assert!((A4_PORTRAIT.width - m.left - m.right - mm(156.0)).abs() < 0.01);
    assert!((A4_PORTRAIT.height - m.top - m.bottom - mm(225.0)).abs() < 0.01);
    assert!((m.top - mm(37.0)).abs() < 0.01 && (m.left - mm(28.0)).abs() < 0.01);
}
