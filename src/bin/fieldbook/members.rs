//! Household members (家庭成员) and the register lookup of the sign-in desk, from the command
//! line: `households members KEY`, `member-add` / `member-edit ID` (MemberInput on stdin),
//! `member-void ID --reason …`, `lookup ID_NUMBER`.

use fieldbook::{Error, Store};

use crate::console::{print, save, Table};

/// `households members KEY`: the household by record id or the head's ID number.
pub fn list(store: &Store, key: &str, json: bool) -> Result<(), Error> {
    let household = match store.household_by_id_number(&key.trim().to_uppercase())? {
        Some(h) => h,
        None => store.household(key)?,
    };
    let members = store.household_members(&household.id)?;
    let value = serde_json::json!({ "household": household, "members": members });
    print(json, &value, || {
        let header = ["姓名", "与户主关系", "性别", "出生日期", "身份证号", "id"];
        let table = Table::of(&header, &members, |t, m| {
            t.row(&[
                &m.name,
                &m.relation.label(),
                &m.sex.label(),
                &m.birth_date,
                &m.id_masked,
                &m.id,
            ])
        });
        format!(
            "{}户（{}{}）家庭成员：\n{}",
            household.head_name,
            household.township_name,
            household.village_name,
            table.with_count("人")
        )
    });
    Ok(())
}

/// `households member-add` / `member-edit ID`: MemberInput on stdin.
pub fn save_member(store: &mut Store, id: Option<&str>) -> Result<(), Error> {
    match id {
        None => save("家庭成员", |input| store.add_household_member(input)),
        Some(id) => save("家庭成员", |input| {
            store.update_household_member(id, input)
        }),
    }
}

pub fn void(store: &mut Store, id: &str, reason: &str, json: bool) -> Result<(), Error> {
    store.void_household_member(id, reason)?;
    let value = serde_json::json!({ "voided": id });
    print(json, &value, || format!("已作废家庭成员 {id}"));
    Ok(())
}

/// `households lookup ID_NUMBER`: what the sign-in desk fills in.
pub fn lookup(store: &Store, id_number: &str, json: bool) -> Result<(), Error> {
    let person = store.register_person(id_number)?;
    print(json, &person, || match &person {
        Some(p) => format!(
            "{}（{}，{}户，{}，{}）",
            p.name,
            p.relation.label(),
            p.head_name,
            p.village_name,
            p.category_label
        ),
        None => "不在登记册".to_string(),
    });
    Ok(())
}
