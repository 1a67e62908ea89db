//! Households, operators, agreements and ledgers from the command line. Reads print tables or
//! `--json`; writes read one JSON document on standard input, go through exactly the validation
//! and write path the desktop uses, and answer JSON (a refusal: `{"error": {code, message,
//! field}}` and exit 1, nothing written).

use std::path::PathBuf;

use clap::Subcommand;
use fieldbook::domain::households::HouseholdQuery;
use fieldbook::{Error, Store};

use crate::console::{print, print_list, read_file, save, township_code, Table};
use crate::lifecycle::{status_filter, status_label, LifecycleCommand};
use fieldbook::domain::lifecycle::RecordKind;

#[derive(Subcommand)]
pub enum HouseholdsCommand {
    /// Search the register: by name (prefix first) or the last digits of an ID number
    List {
        #[arg(long, value_name = "TEXT", default_value = "")]
        search: String,
        /// Township name or 9-digit code
        #[arg(long, value_name = "NAME")]
        township: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
        /// Only records of this status: 草稿 / 已提交 / 已锁定 / 已作废 (voided ones only so)
        #[arg(long)]
        status: Option<String>,
    },
    /// One household (by record id or 18-digit ID number) with the agreements it is on
    Show { key: String },
    /// Register a household: HouseholdInput as JSON on stdin
    Add,
    /// Edit a household: HouseholdInput as JSON on stdin
    Edit { id: String },
    /// The county's household categories (code and label)
    Categories,
    /// Rename a category, or add one: `households category monitored 监测户`
    Category { code: String, label: String },
    /// A household's members (家庭成员), by record id or the head's ID number
    Members { key: String },
    /// Add a member: MemberInput as JSON on stdin
    MemberAdd,
    /// Edit a member: MemberInput as JSON on stdin
    MemberEdit { id: String },
    /// Void a member (作废) with a reason
    MemberVoid {
        id: String,
        #[arg(long)]
        reason: String,
    },
    /// Who the register knows under an ID number (head or member): what the sign-in desk fills
    Lookup { id_number: String },
    #[command(flatten)]
    Lifecycle(LifecycleCommand),
}

#[derive(Subcommand)]
pub enum OperatorsCommand {
    /// Operators, optionally of one township
    List {
        #[arg(long, value_name = "NAME")]
        township: Option<String>,
        /// Only records of this status: 草稿 / 已提交 / 已锁定 / 已作废 (voided ones only so)
        #[arg(long)]
        status: Option<String>,
    },
    Show {
        id: String,
    },
    /// Register an operator: OperatorInput as JSON on stdin
    Add,
    /// Edit an operator: OperatorInput as JSON on stdin
    Edit {
        id: String,
    },
    #[command(flatten)]
    Lifecycle(LifecycleCommand),
}

#[derive(Subcommand)]
pub enum AgreementsCommand {
    /// Agreements, optionally of one operator
    List {
        #[arg(long, value_name = "ID")]
        operator: Option<String>,
        /// Only records of this status: 草稿 / 已提交 / 已锁定 / 已作废 (voided ones only so)
        #[arg(long)]
        status: Option<String>,
    },
    /// One agreement with its roster, ledger and derived income
    Show { id: String },
    /// Open an agreement: AgreementInput as JSON on stdin
    Add,
    /// Add a household to a roster: RosterInput as JSON on stdin
    RosterAdd,
    /// Attach the signed agreement's scan (JPEG, PNG or PDF)
    Attach { id: String, file: PathBuf },
    /// Agreements linked to no programme (their old free-text programme matched none)
    Unlinked,
    /// Link an agreement to one of the county's programmes
    Link {
        id: String,
        #[arg(long, value_name = "ID")]
        programme: String,
    },
    /// Link every unlinked agreement whose free-text programme names a programme
    LinkByName,
    #[command(flatten)]
    Lifecycle(LifecycleCommand),
}

#[derive(Subcommand)]
pub enum LedgerCommand {
    /// Append a ledger entry: LedgerInput as JSON on stdin
    Add,
    /// Cancel an entry with a reversing entry
    Reverse {
        id: String,
        #[arg(long)]
        reason: String,
    },
}

/// Whether the command reads JSON on stdin (and so always answers JSON).
pub fn is_write(
    households: Option<&HouseholdsCommand>,
    operators: Option<&OperatorsCommand>,
    agreements: Option<&AgreementsCommand>,
) -> bool {
    matches!(
        households,
        Some(
            HouseholdsCommand::Add
                | HouseholdsCommand::Edit { .. }
                | HouseholdsCommand::MemberAdd
                | HouseholdsCommand::MemberEdit { .. }
        )
    ) || matches!(
        operators,
        Some(OperatorsCommand::Add | OperatorsCommand::Edit { .. })
    ) || matches!(
        agreements,
        Some(AgreementsCommand::Add | AgreementsCommand::RosterAdd)
    )
}

pub fn households(store: &mut Store, command: &HouseholdsCommand, json: bool) -> Result<(), Error> {
    match command {
        HouseholdsCommand::List {
            search,
            township,
            limit,
            offset,
            status,
        } => {
            let page = store.search_households(&HouseholdQuery {
                text: search.clone(),
                township_code: township_code(store, township.as_deref())?,
                village_id: None,
                offset: *offset,
                limit: *limit,
                status: status_filter(status.as_deref())?,
            })?;
            print(json, &page, || {
                let header = ["户主", "身份证号", "人口", "村", "组", "类别", "状态"];
                Table::of(&header, &page.rows, |t, r| {
                    t.row(&[
                        &r.head_name,
                        &r.id_masked,
                        &r.size,
                        &r.place,
                        &r.village_group,
                        &r.category_label,
                        &status_label(&r.status),
                    ])
                })
                .with_total(format!(
                    "{} {} 户，显示 {} 户",
                    if page.more { "超过" } else { "共" },
                    page.total,
                    page.rows.len()
                ))
            });
        }
        HouseholdsCommand::Show { key } => {
            let household = match store.household_by_id_number(&key.trim().to_uppercase())? {
                Some(h) => h,
                None => store.household(key)?,
            };
            let links = store.household_links(&household.id)?.links;
            let value = serde_json::json!({ "household": household, "agreements": links });
            print(json, &value, || {
                let mut out = format!(
                    "{} {} {}人 {}{} {} {}\n",
                    household.head_name,
                    household.id_number,
                    household.size,
                    household.township_name,
                    household.village_name,
                    household.village_group,
                    household.category_label
                );
                for l in &links {
                    out += &format!(
                        "  {} {} {}：增收 {} 元\n",
                        l.number, l.year, l.operator_name, l.income
                    );
                }
                out
            });
        }
        HouseholdsCommand::Lifecycle(step) => {
            crate::lifecycle::run(store, RecordKind::Household, step, json)?
        }
        HouseholdsCommand::Add => save("农户", |input| store.add_household(input))?,
        HouseholdsCommand::Edit { id } => {
            save("农户", |input| store.update_household(id, input))?
        }
        HouseholdsCommand::Categories => {
            let categories = store.household_categories()?;
            print(json, &categories, || {
                categories
                    .iter()
                    .map(|c| format!("{}\t{}", c.code, c.label))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        HouseholdsCommand::Members { key } => crate::members::list(store, key, json)?,
        HouseholdsCommand::MemberAdd => crate::members::save_member(store, None)?,
        HouseholdsCommand::MemberEdit { id } => crate::members::save_member(store, Some(id))?,
        HouseholdsCommand::MemberVoid { id, reason } => {
            crate::members::void(store, id, reason, json)?
        }
        HouseholdsCommand::Lookup { id_number } => crate::members::lookup(store, id_number, json)?,
        HouseholdsCommand::Category { code, label } => {
            let category = store.set_household_category(code, label)?;
            print(json, &category, || {
                format!("农户类别 {} 现为“{}”。", category.code, category.label)
            });
        }
    }
    Ok(())
}

pub fn operators(store: &mut Store, command: &OperatorsCommand, json: bool) -> Result<(), Error> {
    match command {
        OperatorsCommand::List { township, status } => {
            let code = township_code(store, township.as_deref())?;
            let status = status_filter(status.as_deref())?;
            let operators = store.list_operators(code.as_deref(), status)?;
            let header = ["名称", "类型", "负责人", "村", "协议数", "状态", "id"];
            print_list(json, &operators, &header, "个实施主体", |t, o| {
                t.row(&[
                    &o.name,
                    &o.kind_label,
                    &o.person_in_charge,
                    &o.place,
                    &o.agreement_count,
                    &status_label(&o.status),
                    &o.id,
                ])
            });
        }
        OperatorsCommand::Show { id } => {
            let operator = store.operator(id)?;
            let agreements = store.list_agreements(Some(id), None)?;
            let value = serde_json::json!({ "operator": operator, "agreements": agreements });
            print(json, &value, || {
                format!(
                    "{}（{}）负责人 {} 电话 {} {} {}\n协议 {} 份",
                    operator.name,
                    operator.kind_label,
                    operator.person_in_charge,
                    operator.phone,
                    operator.platform,
                    operator.shop_url,
                    agreements.len()
                )
            });
        }
        OperatorsCommand::Lifecycle(step) => {
            crate::lifecycle::run(store, RecordKind::Operator, step, json)?
        }
        OperatorsCommand::Add => save("实施主体", |input| store.add_operator(input))?,
        OperatorsCommand::Edit { id } => {
            save("实施主体", |input| store.update_operator(id, input))?
        }
    }
    Ok(())
}

pub fn agreements(store: &mut Store, command: &AgreementsCommand, json: bool) -> Result<(), Error> {
    match command {
        AgreementsCommand::List { operator, status } => {
            let status = status_filter(status.as_deref())?;
            let list = store.list_agreements(operator.as_deref(), status)?;
            let header = [
                "编号",
                "年度",
                "实施主体",
                "花名册",
                "增收合计",
                "状态",
                "id",
            ];
            print_list(json, &list, &header, "份协议", |t, a| {
                let rule = match a.roster_min {
                    Some(min) if !a.meets_demo_shop_rule => format!("（不足{min}户）"),
                    _ => String::new(),
                };
                let roster = format!("{}户{rule}", a.roster_count);
                t.row(&[
                    &a.number,
                    &a.year,
                    &a.operator_name,
                    &roster,
                    &a.total_income,
                    &status_label(&a.status),
                    &a.id,
                ])
            });
        }
        AgreementsCommand::Show { id } => {
            let agreement = store.agreement(id)?;
            let roster = store.roster(id)?;
            let ledger = store.ledger(id)?;
            let value =
                serde_json::json!({ "agreement": agreement, "roster": roster, "ledger": ledger });
            print(json, &value, || {
                let mut out = format!(
                    "{} {} {}至{}\n花名册 {} 户{}；增收合计 {} 元，户均 {} 元，溢价 {} 元\n",
                    agreement.number,
                    agreement.operator_name,
                    agreement.term_start,
                    agreement.term_end,
                    agreement.roster_count,
                    match agreement.roster_min {
                        Some(min) if !agreement.meets_demo_shop_rule =>
                            format!("（不足项目“{}”要求的{min}户）", agreement.programme),
                        _ => String::new(),
                    },
                    agreement.total_income,
                    agreement.income_per_household,
                    agreement.total_premium
                );
                for r in &roster {
                    out += &format!(
                        "  {} {} {}：{} 元（{} 笔）\n",
                        r.head_name, r.id_masked, r.place, r.income, r.entries
                    );
                }
                out
            });
        }
        AgreementsCommand::Lifecycle(step) => {
            crate::lifecycle::run(store, RecordKind::Agreement, step, json)?
        }
        AgreementsCommand::Add => save("带贫协议", |input| store.add_agreement(input))?,
        AgreementsCommand::RosterAdd => save("花名册", |input| store.add_to_roster(input))?,
        AgreementsCommand::Unlinked => {
            let list = store.unlinked_agreements()?;
            let header = ["编号", "年度", "实施主体", "原填项目", "id"];
            print_list(json, &list, &header, "份协议未关联项目", |t, a| {
                t.row(&[&a.number, &a.year, &a.operator_name, &a.programme, &a.id])
            });
        }
        AgreementsCommand::Link { id, programme } => {
            let saved = store.link_agreement_programme(id, programme)?;
            print(json, &saved, || {
                let mut out = format!(
                    "协议 {} 已关联项目“{}”",
                    saved.record.number, saved.record.programme
                );
                for w in &saved.warnings {
                    out += &format!("\n提醒：{}", w.message);
                }
                out
            });
        }
        AgreementsCommand::LinkByName => {
            let linked = store.link_agreements_by_name()?;
            let left = store.unlinked_agreements()?.len();
            let value = serde_json::json!({ "linked": linked, "unlinked": left });
            print(json, &value, || {
                format!("按项目名称关联了 {linked} 份协议，还有 {left} 份未关联。")
            });
        }
        AgreementsCommand::Attach { id, file } => {
            let (name, bytes) = read_file(file)?;
            let agreement = store.attach_scan(id, &name, &bytes)?;
            print(json, &agreement, || {
                format!(
                    "已附上扫描件 {}（SHA-256 {}）",
                    name,
                    agreement.scan_sha256.clone().unwrap_or_default()
                )
            });
        }
    }
    Ok(())
}

pub fn ledger(store: &mut Store, command: &LedgerCommand, json: bool) -> Result<(), Error> {
    match command {
        LedgerCommand::Add => save("台账", |input| store.add_ledger_entry(input))?,
        LedgerCommand::Reverse { id, reason } => {
            let entry = store.reverse_ledger_entry(id, reason)?;
            print(json, &entry, || {
                format!("已冲销：新记录 {}，金额 {} 元", entry.id, entry.amount)
            });
        }
    }
    Ok(())
}
