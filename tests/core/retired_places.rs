//! A retired village, or a village of a retired township, takes no new records: households,
//! operators and agreements' witness villages are neither created in it nor moved into it
//! (`PLACE_RETIRED`, naming the place), while the records already there keep working and can
//! still be edited. Set up as a second county would be (徽县 621227), not on the demo county.

use fieldbook::domain::places::VillageInput;
use fieldbook::{Error, Store};

use fieldbook::domain::households::HouseholdInput;
use fieldbook::domain::operators::{OperatorInput, OperatorKind};

use crate::records::{agreement, id_number};

const FUJIA: &str = "621227100";
const JIANGLUO: &str = "621227101";
const YANGJIA: &str = "621227100202";
const LUOBA: &str = "621227101201";

/// 徽县's villages: 石门村 stays in use, 杨家庄村 is retired, 罗坝村 and its township 江洛镇 are
/// retired (a township retires only once its villages have).
struct Hui {
    store: Store,
    open: String,
    retired: String,
    in_retired_township: String,
}

fn village(store: &mut Store, township: &str, code: &str, name: &str) -> String {
    let input = VillageInput {
        township_code: township.into(),
        code: code.into(),
        name: name.into(),
        poor: false,
    };
    store.add_village(&input).unwrap().id
}

/// 徽县 set up by hand; `before_retiring` puts records in the places before they retire.
fn hui(before_retiring: impl FnOnce(&mut Store, &[&str; 3])) -> Hui {
    let mut store = Store::open_in_memory().unwrap();
    store.save_officer("县办王芳").unwrap();
    store.create_county("621227", "徽县").unwrap();
    store.add_township(FUJIA, "伏家镇").unwrap();
    store.add_township(JIANGLUO, "江洛镇").unwrap();
    let open = village(&mut store, FUJIA, "621227100201", "石门村");
    let retired = village(&mut store, FUJIA, YANGJIA, "杨家庄村");
    let in_retired_township = village(&mut store, JIANGLUO, LUOBA, "罗坝村");
    before_retiring(&mut store, &[&open, &retired, &in_retired_township]);
    store.retire_place(YANGJIA).unwrap();
    store.retire_place(LUOBA).unwrap();
    store.retire_place(JIANGLUO).unwrap();
    Hui {
        store,
        open,
        retired,
        in_retired_township,
    }
}

fn household_in(village: &str, n: u32, name: &str) -> HouseholdInput {
    HouseholdInput {
        head_name: name.into(),
        id_number: id_number(n),
        size: 3,
        village_id: village.into(),
        village_group: "二组".into(),
        category: "general".into(),
        year_lifted: None,
        phone: String::new(),
        notes: String::new(),
    }
}

fn shop_in(village: &str, name: &str) -> OperatorInput {
    OperatorInput {
        kind: OperatorKind::DemoShop,
        name: name.into(),
        credit_code: String::new(),
        person_in_charge: "王强".into(),
        phone: "13809397777".into(),
        village_id: Some(village.into()),
        platform: "淘宝".into(),
        shop_url: "https://shop.example.cn/hui".into(),
    }
}

fn refused_as_retired(error: &Error, field: &str, place: &str) {
    let problem = error
        .problems()
        .iter()
        .find(|p| p.code == fieldbook::Code::PLACE_RETIRED)
        .unwrap_or_else(|| panic!("PLACE_RETIRED expected, got {error:?}"));
    assert_eq!(problem.field, field);
    assert!(problem.message.contains(place), "{}", problem.message);
    assert!(
        problem.message.contains("请选择一个在用的村"),
        "{}",
        problem.message
    );
}

#[test]
fn a_household_is_not_registered_in_a_retired_village_or_one_of_a_retired_township() {
    let mut hui = hui(|_, _| {});
    let mut input = household_in(&hui.retired, 1, "赵春生");
    let refused = hui.store.add_household(&input).unwrap_err();
    refused_as_retired(&refused, "villageId", "伏家镇杨家庄村已停用");

    input.village_id = hui.in_retired_township.clone();
    let refused = hui.store.add_household(&input).unwrap_err();
    refused_as_retired(&refused, "villageId", "江洛镇已停用");

    // A batch (what an import adds) is refused as a whole, naming the row.
    let second = household_in(&hui.open, 2, "钱秋菊");
    let refused = hui.store.add_households(&[second, input]).unwrap_err();
    refused_as_retired(&refused, "villageId", "第 2 条：江洛镇已停用");
    let none_written = hui.store.household_by_id_number(&id_number(2)).unwrap();
    assert!(none_written.is_none(), "a refused batch writes no row");

    // With a typing mistake too, the form hears of both at once.
    let mut mistyped = household_in(&hui.retired, 4, "周夏至");
    mistyped.size = 0;
    let refused = hui.store.add_household(&mistyped).unwrap_err();
    refused_as_retired(&refused, "villageId", "杨家庄村");
    assert!(
        refused.problems().iter().any(|p| p.field == "size"),
        "{refused:?}"
    );

    let input = household_in(&hui.open, 3, "孙冬梅");
    hui.store.add_household(&input).unwrap();
}

#[test]
fn a_household_already_in_a_retired_village_is_edited_but_not_moved_into_one() {
    let mut ids = Vec::new();
    let mut hui = hui(|store, villages| {
        for (n, village) in villages.iter().enumerate() {
            let input = household_in(village, n as u32 + 10, &format!("李{n}户"));
            ids.push((store.add_household(&input).unwrap().record.id, input));
        }
    });
    let (in_open, mut moving) = ids[0].clone();
    moving.village_id = hui.retired.clone();
    let refused = hui.store.update_household(&in_open, &moving).unwrap_err();
    refused_as_retired(&refused, "villageId", "杨家庄村");
    assert_eq!(hui.store.household(&in_open).unwrap().village_id, hui.open);

    // Already there: edits keep working, in the retired village and the retired township alike.
    for (id, input) in &ids[1..] {
        let mut edited = input.clone();
        edited.phone = "13909391234".into();
        let saved = hui.store.update_household(id, &edited).unwrap();
        assert_eq!(saved.record.phone, "13909391234");
    }
    // And may move out to a village in use.
    let (in_retired, mut leaving) = ids[1].clone();
    leaving.village_id = hui.open.clone();
    assert_eq!(
        hui.store
            .update_household(&in_retired, &leaving)
            .unwrap()
            .record
            .village_id,
        hui.open
    );
}

#[test]
fn an_operator_is_not_created_in_or_moved_into_a_retired_village() {
    let mut kept = String::new();
    let mut hui = hui(|store, villages| {
        let input = shop_in(villages[1], "徽县杨家庄村电商扶贫示范店");
        kept = store.add_operator(&input).unwrap().record.id;
    });
    let mut input = shop_in(&hui.in_retired_township, "徽县伏家镇电商服务站");
    let refused = hui.store.add_operator(&input).unwrap_err();
    refused_as_retired(&refused, "villageId", "江洛镇已停用，其下的罗坝村");

    input.village_id = Some(hui.open.clone());
    let moved = hui.store.add_operator(&input).unwrap().record.id;
    input.village_id = Some(hui.retired.clone());
    let refused = hui.store.update_operator(&moved, &input).unwrap_err();
    refused_as_retired(&refused, "villageId", "杨家庄村");

    // The operator registered in 杨家庄村 before it retired is still edited there.
    let mut edited = shop_in(&hui.retired, "徽县杨家庄村电商扶贫示范店");
    edited.phone = "13909395678".into();
    let saved = hui.store.update_operator(&kept, &edited).unwrap();
    assert_eq!(saved.record.phone, "13909395678");
    assert_eq!(
        saved.record.village_id.as_deref(),
        Some(hui.retired.as_str())
    );
}

#[test]
fn an_agreement_does_not_take_a_retired_witness_village_unless_it_had_it() {
    let mut kept = (String::new(), String::new());
    let mut hui = hui(|store, villages| {
        let operator = shop_in(villages[0], "徽县石门村合作社");
        let operator = store.add_operator(&operator).unwrap().record.id;
        let mut input = agreement(&operator, "徽电协〔2019〕1号");
        input.witness_village_id = Some(villages[1].to_string());
        kept = (store.add_agreement(&input).unwrap().record.id, operator);
    });
    let (kept_id, operator) = kept;
    let mut input = agreement(&operator, "徽电协〔2019〕2号");
    input.witness_village_id = Some(hui.retired.clone());
    let refused = hui.store.add_agreement(&input).unwrap_err();
    refused_as_retired(&refused, "witnessVillageId", "杨家庄村");

    let mut edited = agreement(&operator, "徽电协〔2019〕1号");
    edited.witness_village_id = Some(hui.retired.clone());
    edited.target_households = 12;
    let saved = hui.store.update_agreement(&kept_id, &edited).unwrap();
    assert_eq!(saved.record.target_households, 12);
}

/// The places import adds no village under a retired township either (the row is refused with
/// `PLACE_RETIRED`, nothing written); a village already there is still corrected by the file.
#[test]
fn a_places_file_adds_no_village_under_a_retired_township() {
    use fieldbook::sheets::{import, ImportKind, ImportMode};
    let mut hui = hui(|_, _| {});
    let file = crate::sheets::csv_text(&[
        vec!["统计用区划代码", "名称", "乡镇"],
        vec!["621227101202", "新设村", "江洛镇"],
        vec!["621227101201", "罗坝村", "江洛镇"],
    ]);
    let report = import(
        &mut hui.store,
        file.as_bytes(),
        "徽县区划代码.csv",
        &crate::sheets::options(ImportKind::Places, ImportMode::ValidOnly),
    )
    .unwrap();
    let codes: Vec<String> = report.rows[0]
        .problems
        .iter()
        .map(|p| p.code.to_string())
        .collect();
    assert_eq!(codes, ["PLACE_RETIRED"], "{:#?}", report.rows);
    assert!(report.rows[1].problems.is_empty(), "{:#?}", report.rows[1]);
    let villages = hui.store.list_villages(Some(JIANGLUO)).unwrap();
    assert_eq!(villages.len(), 1, "no village added under 江洛镇");
}
