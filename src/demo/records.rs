//! Synthetic records for the demo county 成县: registered households in every village, one
//! demonstration shop per village with its linkage agreement, roster and ledger.
//!
//! Nothing here is real. Names are drawn from common surnames and given names; ID numbers carry
//! 成县's region code 621221, a real birth date, a sequence whose parity matches the head's sex and
//! the correct check character; mobiles have the right shape. Ledger prices sit 10–15 % above the
//! local market price, as the agreements promise, and dates fall in each product's season.
//!
//! Every village draws from its own xorshift64* generator seeded from its code, so the data are
//! identical on every run and machine (the only cross-village step is redrawing a duplicate ID or
//! phone number, in a fixed order).

use std::collections::HashSet;

use chrono::{Days, NaiveDate};

use crate::demo::DemoVillage;
use crate::domain::agreements::{AgreementInput, LedgerInput, LinkageMode, PriceRule};
use crate::domain::households::HouseholdInput;
use crate::domain::operators::{OperatorInput, OperatorKind};
use crate::domain::resident_id::check_char;

pub const DEMO_REGION: &str = "621221";
pub const DEMO_PROGRAMME: &str = "成县2019年电商扶贫示范店";
pub const DEMO_TERM: (&str, &str) = ("2019-03-01", "2019-12-31");
/// The township whose first two shops deliberately sign up only 8 and 9 households, so the
/// "at least 10 households" rule has something to show.
pub const SHORT_ROSTER_TOWNSHIP: &str = "苏元乡";
const SHORT_ROSTERS: [usize; 2] = [8, 9];

/// A small, fast, deterministic generator (xorshift64*) for synthetic data. Not for anything
/// that needs unpredictability.
#[derive(Debug, Clone)]
pub struct Synthetic {
    state: u64,
}

const SEED: u64 = 0x0621_2212_0190_0301;

impl Synthetic {
    pub fn new(seed: u64) -> Synthetic {
        // xorshift never leaves 0.
        Synthetic {
            state: if seed == 0 { SEED } else { seed },
        }
    }

    /// A generator of its own for `key` (FNV-1a of the key, mixed with a fixed seed).
    pub fn for_key(key: &str) -> Synthetic {
        let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        Synthetic::new(hash ^ SEED)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.state;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.state = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform in `0..n` (the modulo bias is irrelevant at these sizes). `n` must not be 0.
    pub fn below(&mut self, n: u64) -> u64 {
        (self.next_u64() >> 11) % n
    }

    /// Uniform in `lo..=hi`.
    pub fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True with the given chance in percent.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// An index into `weights`, drawn in proportion to them.
    pub fn weighted(&mut self, weights: &[u64]) -> usize {
        let mut roll = self.below(weights.iter().sum());
        for (i, &w) in weights.iter().enumerate() {
            if roll < w {
                return i;
            }
            roll -= w;
        }
        weights.len() - 1
    }

    /// A plausible rural Chinese name: a common surname and a one- or two-character given name.
    pub fn person_name(&mut self, male: bool) -> String {
        let surname = SURNAMES[self.weighted(&SURNAME_WEIGHTS)];
        let (first, second, single) = if male {
            (MALE_FIRST, MALE_SECOND, MALE_SINGLE)
        } else {
            (FEMALE_FIRST, FEMALE_SECOND, FEMALE_SINGLE)
        };
        if self.chance(15) {
            return format!("{surname}{}", self.pick(single));
        }
        loop {
            let (a, b) = (self.pick(first), self.pick(second));
            if a != b {
                return format!("{surname}{a}{b}");
            }
        }
    }

    /// A valid 18-digit ID number: `region` (6 digits), a real birth date between the two years
    /// (inclusive), a 3-digit sequence that is odd for men and even for women, the check character.
    pub fn resident_id(
        &mut self,
        region: &str,
        born_from: i32,
        born_to: i32,
        male: bool,
    ) -> String {
        let first = NaiveDate::from_ymd_opt(born_from, 1, 1).expect("a valid year");
        let last = NaiveDate::from_ymd_opt(born_to, 12, 31).expect("a valid year");
        let span = (last - first).num_days();
        let birth = first + Days::new(self.between(0, span) as u64);
        let mut sequence = self.between(1, 999);
        if (sequence % 2 == 1) != male {
            sequence = if sequence == 999 { 998 } else { sequence + 1 };
        }
        let first17 = format!("{region}{}{sequence:03}", birth.format("%Y%m%d"));
        format!("{first17}{}", check_char(&first17))
    }

    /// A mainland mobile number, `1[3-9]` and nine more digits, with a common operator prefix.
    pub fn mobile(&mut self) -> String {
        let prefix = self.pick(MOBILE_PREFIXES);
        format!("{prefix}{:08}", self.below(100_000_000))
    }
}

const SURNAMES: [&str; 40] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "罗", "郑", "梁", "谢", "宋", "唐", "韩", "冯", "邓", "曹", "彭", "苏", "吕", "蒋",
    "贾", "丁", "魏", "薛", "任", "姚", "雷", "焦",
];
/// Roughly how common each surname is in Longnan (the first few dominate).
const SURNAME_WEIGHTS: [u64; 40] = [
    14, 13, 11, 9, 7, 7, 5, 4, 4, 4, 3, 3, 4, 2, 2, 3, 2, 2, 2, 2, 1, 2, 2, 2, 2, 1, 1, 2, 1, 1, 1,
    1, 2, 1, 2, 1, 2, 1, 2, 2,
];
/// Given names are built the way rural names of the 1950s–90s often were: a first character
/// (often shared by siblings) and a second one, or a single character.
const MALE_FIRST: &[&str] = &[
    "建", "志", "国", "海", "永", "文", "德", "学", "福", "保", "有", "卫", "小", "天", "春", "新",
    "兴", "玉", "长", "世", "振", "明", "金", "成", "宏", "俊", "继", "双", "满", "进", "生", "万",
    "占", "怀", "正", "红",
];
const MALE_SECOND: &[&str] = &[
    "国", "军", "华", "强", "刚", "平", "明", "林", "福", "东", "生", "民", "旺", "才", "杰", "义",
    "荣", "祥", "斌", "龙", "虎", "宝", "山", "贵", "财", "喜", "发", "成", "仓", "礼",
];
const MALE_SINGLE: &[&str] = &[
    "明", "军", "勇", "强", "伟", "刚", "平", "斌", "涛", "鹏", "俊", "林", "虎", "龙", "杰",
];
const FEMALE_FIRST: &[&str] = &[
    "秀", "桂", "玉", "凤", "淑", "翠", "红", "丽", "春", "彩", "金", "小", "巧", "亚", "爱", "改",
    "月", "银", "兰", "梅",
];
const FEMALE_SECOND: &[&str] = &[
    "英", "兰", "珍", "花", "梅", "琴", "芳", "娟", "霞", "燕", "莲", "萍", "玲", "香", "娥", "翠",
    "云", "芬",
];
const FEMALE_SINGLE: &[&str] = &["丽", "芳", "娟", "霞", "燕", "敏", "静", "英", "兰", "梅"];
const MOBILE_PREFIXES: &[&str] = &[
    "130", "131", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "157",
    "158", "159", "177", "180", "181", "182", "183", "187", "188", "189", "191", "198", "199",
];
const GROUPS: [&str; 6] = ["一组", "二组", "三组", "四组", "五组", "六组"];
const PLATFORMS: [&str; 4] = ["淘宝", "京东", "拼多多", "微信小店"];
const PAYMENT_METHODS: [&str; 3] = ["微信", "银行转账", "现金"];
const PAYMENT_WEIGHTS: [u64; 3] = [45, 35, 20];

/// What 成县's households sell to the shops, when, and for how much (2019 village prices).
struct Product {
    name: &'static str,
    unit: &'static str,
    /// First and last (month, day) of the buying season, within the 2019 term.
    season: ((u32, u32), (u32, u32)),
    /// Local market price range, in fen per unit.
    market_fen: (i64, i64),
    /// Quantity per delivery: smallest, largest, step.
    quantity: (i64, i64, i64),
    min_quantity: &'static str,
}

const PRODUCTS: [Product; 6] = [
    Product {
        name: "核桃",
        unit: "斤",
        season: ((9, 5), (10, 31)),
        market_fen: (1100, 1500),
        quantity: (50, 400, 10),
        min_quantity: "500斤",
    },
    Product {
        name: "土豆",
        unit: "斤",
        season: ((7, 20), (10, 31)),
        market_fen: (85, 120),
        quantity: (300, 2000, 50),
        min_quantity: "5000斤",
    },
    Product {
        name: "花椒",
        unit: "斤",
        season: ((7, 10), (9, 10)),
        market_fen: (6000, 7500),
        quantity: (5, 40, 1),
        min_quantity: "100斤",
    },
    Product {
        name: "蜂蜜",
        unit: "斤",
        season: ((6, 1), (10, 31)),
        market_fen: (4500, 6000),
        quantity: (10, 60, 1),
        min_quantity: "200斤",
    },
    Product {
        name: "中药材",
        unit: "公斤",
        season: ((9, 15), (11, 30)),
        market_fen: (3200, 4500),
        quantity: (20, 150, 5),
        min_quantity: "500公斤",
    },
    Product {
        name: "鸡蛋",
        unit: "枚",
        season: ((3, 1), (12, 31)),
        market_fen: (100, 130),
        quantity: (90, 600, 30),
        min_quantity: "3000枚",
    },
];
const PRODUCT_WEIGHTS: [u64; 6] = [30, 20, 15, 12, 13, 10];

/// The demo county's product seasons (`county.product_seasons`), from `PRODUCTS`.
pub fn demo_product_seasons() -> crate::checks::ProductSeasons {
    let md = |(m, d): (u32, u32)| format!("{m:02}-{d:02}");
    crate::checks::ProductSeasons(
        PRODUCTS
            .iter()
            .map(|p| crate::checks::ProductSeason {
                product: p.name.into(),
                from: md(p.season.0),
                to: md(p.season.1),
            })
            .collect(),
    )
}

/// Days between a demo delivery and its payment: 1–3, within every demo agreement's
/// `pay_within_days` (7), so the demo raises no F8_LATE_PAYMENT. Drawn from the line's
/// number, not the generator, so the rest of the demo stays as it was.
fn days_to_payment(line: usize) -> u64 {
    1 + (line % 3) as u64
}

/// A household on a demo roster: its index in [`DemoShopRecords::households`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoRosterLine {
    pub household: usize,
    pub mode: LinkageMode,
    pub content: String,
}

/// A demo ledger entry; `entry.agreement_id` and `entry.household_id` are filled in on loading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLedgerLine {
    pub household: usize,
    pub entry: LedgerInput,
}

/// One village's demo records. Ids (village, operator, agreement, household) are empty here and
/// filled in when the records are loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoShopRecords {
    pub village_code: String,
    pub households: Vec<HouseholdInput>,
    pub operator: OperatorInput,
    pub agreement: AgreementInput,
    pub roster: Vec<DemoRosterLine>,
    /// In date order; voucher numbers follow that order.
    pub ledger: Vec<DemoLedgerLine>,
}

/// The demo records of every village, in village order. Same input, same output, always.
pub fn demo_records(villages: &[DemoVillage]) -> Vec<DemoShopRecords> {
    let mut ids = HashSet::new();
    let mut phones = HashSet::new();
    let mut short_rosters = SHORT_ROSTERS.iter();
    villages
        .iter()
        .map(|village| {
            let roster_size = (village.township_name == SHORT_ROSTER_TOWNSHIP)
                .then(|| short_rosters.next().copied())
                .flatten();
            village_records(village, roster_size, &mut ids, &mut phones)
        })
        .collect()
}

fn unique(taken: &mut HashSet<String>, mut draw: impl FnMut() -> String) -> String {
    loop {
        let value = draw();
        if taken.insert(value.clone()) {
            return value;
        }
    }
}

fn yuan(fen: i64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

fn village_records(
    village: &DemoVillage,
    roster_size: Option<usize>,
    ids: &mut HashSet<String>,
    phones: &mut HashSet<String>,
) -> DemoShopRecords {
    let rng = &mut Synthetic::for_key(&village.code);
    let households = households(rng, ids, phones);

    let operator = OperatorInput {
        kind: OperatorKind::DemoShop,
        name: format!(
            "成县{}{}电商扶贫示范店",
            village.township_name, village.name
        ),
        credit_code: String::new(),
        person_in_charge: {
            let male = rng.chance(70);
            rng.person_name(male)
        },
        phone: unique(phones, || rng.mobile()),
        village_id: None,
        platform: rng.pick(&PLATFORMS).to_string(),
        shop_url: format!("https://shop.example.cn/{}", village.code),
    };

    // Each village sells two of the county's products to its shop.
    let first = rng.weighted(&PRODUCT_WEIGHTS);
    let second = loop {
        let p = rng.weighted(&PRODUCT_WEIGHTS);
        if p != first {
            break p;
        }
    };
    let products = [first, second];
    let market: Vec<i64> = products
        .iter()
        .map(|&p| rng.between(PRODUCTS[p].market_fen.0, PRODUCTS[p].market_fen.1))
        .collect();

    let mut modes = vec![LinkageMode::ProtectivePurchase];
    if rng.chance(35) {
        modes.push(LinkageMode::SaleOnBehalf);
    }
    let agreement = AgreementInput {
        number: format!("CX2019-{}", village.code),
        year: 2019,
        programme: DEMO_PROGRAMME.into(),
        programme_id: None,
        operator_id: String::new(),
        witness_village_id: None,
        modes,
        price_rule: PriceRule::MarketPlus,
        price_value: "10".into(),
        min_quantity: PRODUCTS[first].min_quantity.into(),
        pay_within_days: Some(7),
        target_households: 10,
        target_income: "1000".into(),
        term_start: DEMO_TERM.0.into(),
        term_end: DEMO_TERM.1.into(),
    };

    // The roster: a random choice of the village's households, kept in register order.
    let size = roster_size.unwrap_or_else(|| rng.between(10, 12) as usize);
    let mut chosen: Vec<usize> = (0..households.len()).collect();
    for i in 0..size {
        let j = i + rng.below((chosen.len() - i) as u64) as usize;
        chosen.swap(i, j);
    }
    chosen.truncate(size);
    chosen.sort_unstable();
    let sells: Vec<usize> = chosen.iter().map(|_| rng.below(2) as usize).collect();
    let roster: Vec<DemoRosterLine> = chosen
        .iter()
        .zip(&sells)
        .map(|(&household, &which)| DemoRosterLine {
            household,
            mode: LinkageMode::ProtectivePurchase,
            content: format!("收购{}", PRODUCTS[products[which]].name),
        })
        .collect();

    let ledger = deliveries(rng, &chosen, &sells, products, &market, &village.code);

    DemoShopRecords {
        village_code: village.code.clone(),
        households,
        operator,
        agreement,
        roster,
        ledger,
    }
}

/// 2–4 deliveries per roster household, on distinct days of its product's season, priced 10–15 %
/// above a market price near the village's. Draws from `rng` in the order the demo always did.
fn deliveries(
    rng: &mut Synthetic,
    chosen: &[usize],
    sells: &[usize],
    products: [usize; 2],
    market: &[i64],
    village_code: &str,
) -> Vec<DemoLedgerLine> {
    // 2–4 deliveries per household, on distinct days of the product's season.
    let mut lines: Vec<(NaiveDate, usize, usize)> = Vec::new();
    for (&household, &which) in chosen.iter().zip(sells) {
        let product = &PRODUCTS[products[which]];
        let ((m1, d1), (m2, d2)) = product.season;
        let start = NaiveDate::from_ymd_opt(2019, m1, d1).expect("season dates are valid");
        let end = NaiveDate::from_ymd_opt(2019, m2, d2).expect("season dates are valid");
        let days = (end - start).num_days();
        let mut dates: Vec<NaiveDate> = Vec::new();
        let count = rng.between(2, 4);
        while dates.len() < count as usize {
            let date = start + Days::new(rng.between(0, days) as u64);
            if !dates.contains(&date) {
                dates.push(date);
            }
        }
        dates.sort_unstable();
        lines.extend(dates.into_iter().map(|d| (d, household, which)));
    }
    lines.sort_unstable();
    let code_tail = &village_code[DEMO_REGION.len()..];
    lines
        .into_iter()
        .enumerate()
        .map(|(n, (date, household, which))| {
            let product = &PRODUCTS[products[which]];
            let (lo, hi, step) = product.quantity;
            let quantity = lo + step * rng.between(0, (hi - lo) / step);
            let market_fen = market[which] * rng.between(97, 103) / 100;
            // 10–15 % above market, rounded half-up to the fen: never below the 10 % promise.
            let price_fen = (market_fen * rng.between(110, 115) + 50) / 100;
            DemoLedgerLine {
                household,
                entry: LedgerInput {
                    agreement_id: String::new(),
                    household_id: String::new(),
                    date: date.to_string(),
                    product: product.name.into(),
                    quantity: quantity.to_string(),
                    unit: product.unit.into(),
                    unit_price: yuan(price_fen),
                    market_price: yuan(market_fen),
                    payment_method: PAYMENT_METHODS[rng.weighted(&PAYMENT_WEIGHTS)].into(),
                    voucher_no: format!("PZ2019-{code_tail}-{:03}", n + 1),
                    delivered_date: (date - Days::new(days_to_payment(n))).to_string(),
                },
            }
        })
        .collect()
}

/// 12–16 households; head names are unique within the village.
fn households(
    rng: &mut Synthetic,
    ids: &mut HashSet<String>,
    phones: &mut HashSet<String>,
) -> Vec<HouseholdInput> {
    let count = rng.between(12, 16);
    let mut names = HashSet::new();
    (0..count)
        .map(|_| {
            let male = rng.chance(82);
            let head_name = unique(&mut names, || rng.person_name(male));
            let id_number = unique(ids, || rng.resident_id(DEMO_REGION, 1950, 1995, male));
            let category = ["general", "dibao", "tekun"][rng.weighted(&[75, 17, 8])];
            let size = if category == "tekun" {
                rng.between(1, 2)
            } else {
                1 + rng.weighted(&[6, 14, 20, 26, 18, 10, 6]) as i64
            };
            let year_lifted = rng.chance(50).then(|| rng.between(2017, 2020) as i32);
            let phone = if rng.chance(50) {
                unique(phones, || rng.mobile())
            } else {
                String::new()
            };
            HouseholdInput {
                head_name,
                id_number,
                size: size as u32,
                village_id: String::new(),
                village_group: rng.pick(&GROUPS).to_string(),
                category: category.into(),
                year_lifted,
                phone,
                notes: String::new(),
            }
        })
        .collect()
}
