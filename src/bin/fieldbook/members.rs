//! Household members (家庭成员) and the register lookup of the sign-in desk, from the command
//! line: `households members KEY`, `member-add` / `member-edit ID` (MemberInput on stdin),
//! `member-void ID --reason …`, `lookup ID_NUMBER`.

use fieldbook::{Error, Store};

use crate::console::{print, save, Table};
use crate::records::HouseholdsCommand;

pub fn run(store: &mut Store, command: &HouseholdsCommand, json: bool) -> Result<(), Error> {
    match command {
        HouseholdsCommand::Members { key } => {
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
        }
        HouseholdsCommand::MemberAdd => {
            save("家庭成员", |input| store.add_household_member(input))?
        }
        HouseholdsCommand::MemberEdit { id } => save("家庭成员", |input| {
            store.update_household_member(id, input)
        })?,
        HouseholdsCommand::MemberVoid { id, reason } => {
            store.void_household_member(id, reason)?;
            let value = serde_json::json!({ "voided": id });
            print(json, &value, || format!("已作废家庭成员 {id}"));
        }
        HouseholdsCommand::Lookup { id_number } => {
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
        }
        _ => unreachable!("only member commands are routed here"),
    }
    Ok(())
}
