//! Printing: a 40-page landscape roster (917 households) laid out and rendered to PDF, and a
//! one-page-class acceptance report from the demo county, both with the fonts already loaded
//! (the first `fonts()` call is timed apart). Targets: roster < 500 ms and < 1 MB; acceptance
//! report < 200 ms. Figures are printed, never asserted.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use fieldbook::demo::load_demo;
use fieldbook::domain::agreements::{Agreement, LinkageMode, PriceRule, RosterRow};
use fieldbook::print::{self, forms, FormKind};
use fieldbook::Store;

const ROSTER_ROWS: usize = 917;
const SURNAMES: &str =
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕";
const GIVEN: &str = "建国秀英志强丽娟红梅海燕德明春花玉兰小军永平桂芳长林淑珍金凤宏伟晓东";

fn agreement() -> Agreement {
    Agreement {
        id: "0192f0b0-0000-7000-8000-000000000917".into(),
        number: "CX2019-621221101201".into(),
        year: 2019,
        programme: "成县2019年电商扶贫示范店".into(),
        programme_id: None,
        operator_id: String::new(),
        operator_name: "成县鸡峰镇长沟村电商扶贫示范店".into(),
        witness_village_id: None,
        witness: "鸡峰镇长沟村村民委员会".into(),
        modes: vec![LinkageMode::ProtectivePurchase],
        price_rule: PriceRule::MarketPlus,
        price_value: "0.10".into(),
        min_quantity: String::new(),
        pay_within_days: Some(7),
        target_households: ROSTER_ROWS as u32,
        target_income: "1000.00".into(),
        term_start: "2019-03-01".into(),
        term_end: "2019-12-31".into(),
        scan_sha256: None,
        scan_file_name: None,
        roster_count: ROSTER_ROWS as u32,
        roster_min: Some(10),
        meets_demo_shop_rule: true,
        total_income: String::new(),
        total_premium: String::new(),
        income_per_household: String::new(),
        status: "draft".into(),
    }
}

fn roster() -> Vec<RosterRow> {
    let s: Vec<char> = SURNAMES.chars().collect();
    let g: Vec<char> = GIVEN.chars().collect();
    (0..ROSTER_ROWS)
        .map(|i| RosterRow {
            id: format!("r{i}"),
            household_id: format!("h{i}"),
            head_name: format!(
                "{}{}{}",
                s[i % s.len()],
                g[(i * 7) % g.len()],
                g[(i * 13 + 3) % g.len()]
            ),
            id_masked: format!("6212**********{:04}", i),
            place: format!(
                "鸡峰镇{}村{}组",
                ["长沟", "草滩", "麒麟", "左山"][i % 4],
                i % 9 + 1
            ),
            size: (i % 6 + 1) as u32,
            category_label: ["一般贫困户", "低保贫困户", "特困供养户"][i % 3].into(),
            mode: LinkageMode::ProtectivePurchase,
            content: ["收购花椒", "收购蜂蜜", "收购核桃"][i % 3].into(),
            income: format!("{}.{:02}", 1000 + i * 7, i % 100),
            premium: String::new(),
            entries: 3,
        })
        .collect()
}

fn printing(c: &mut Criterion) {
    let started = Instant::now();
    print::fonts::fonts().unwrap();
    eprintln!(
        "font load (3 faces, once per process): {:.1?}",
        started.elapsed()
    );

    let (a, rows) = (agreement(), roster());
    let started = Instant::now();
    let printed = print::print(forms::roster::roster(&a, &rows, 1)).unwrap();
    eprintln!(
        "landscape roster of {ROSTER_ROWS} households: {} pages, {} KB, first run {:.1?} \
         (target < 500 ms, < 1 MB)",
        printed.pages,
        printed.pdf.len() / 1024,
        started.elapsed()
    );

    let mut store = Store::open_in_memory().unwrap();
    load_demo(&mut store).unwrap();
    let inspection = store
        .list_inspections(None)
        .unwrap()
        .into_iter()
        .find(|i| i.stage_label == "县级验收")
        .unwrap()
        .id;
    let started = Instant::now();
    let printed = print::print(store.form(FormKind::Acceptance, &inspection).unwrap()).unwrap();
    eprintln!(
        "acceptance report: {} pages, {} KB, first run {:.1?} (target < 200 ms)",
        printed.pages,
        printed.pdf.len() / 1024,
        started.elapsed()
    );

    let mut group = c.benchmark_group("print");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5));
    let (_, doc, pages) = print::lay_out(forms::roster::roster(&a, &rows, 1)).unwrap();
    let fonts = print::fonts::fonts().unwrap();
    group.bench_function("roster 917 rows: layout only", |b| {
        b.iter(|| black_box(print::lay_out(forms::roster::roster(&a, &rows, 1)).unwrap()))
    });
    group.bench_function("roster 917 rows: PDF only", |b| {
        b.iter(|| black_box(print::pdf::render(fonts, &doc.name, &pages)))
    });
    group.bench_function("roster 917 rows landscape", |b| {
        b.iter(|| black_box(print::print(forms::roster::roster(&a, &rows, 1)).unwrap()))
    });
    group.bench_function("acceptance report (records read + layout + PDF)", |b| {
        b.iter(|| {
            black_box(print::print(store.form(FormKind::Acceptance, &inspection).unwrap()).unwrap())
        })
    });
    group.finish();
}

criterion_group!(benches, printing);
criterion_main!(benches);
