//! The county's lists of programme kinds and operator kinds from the command line: listing them
//! anywhere, changing them on the county hub.

use clap::Subcommand;
use fieldbook::domain::kinds::{KindInput, KindList, KindOption, KindSubject};
use fieldbook::{Error, Store};

use crate::console::{print, print_list};

#[derive(Subcommand)]
pub enum KindsCommand {
    /// The county's kinds, in its order (retired ones marked)
    List {
        /// Only one list
        #[arg(long, value_parser = ["programme", "operator"])]
        list: Option<String>,
    },
    /// Add a kind to a list (county hub only)
    Add {
        #[arg(long, value_parser = ["programme", "operator"])]
        list: String,
        /// Lower-case letters, digits and underscores: logistics_x
        #[arg(long)]
        code: String,
        #[arg(long)]
        label: String,
        /// Programme kinds: what the programme funds
        #[arg(long, value_parser = ["operator", "station", "training"])]
        subject: Option<String>,
        /// Operator kinds: an operator of this kind must name its online shop
        #[arg(long)]
        requires_online_shop: bool,
    },
    /// Give a kind a new label (county hub only); records keep its code
    Rename {
        #[arg(long, value_parser = ["programme", "operator"])]
        list: String,
        #[arg(long)]
        code: String,
        #[arg(long)]
        label: String,
    },
    /// Stop offering a kind for new records (county hub only); --restore puts it back
    Retire {
        #[arg(long, value_parser = ["programme", "operator"])]
        list: String,
        #[arg(long)]
        code: String,
        #[arg(long)]
        restore: bool,
    },
}

fn list_of(code: &str) -> KindList {
    KindList::from_code(code).expect("clap keeps the list to its values")
}

fn describe(kind: &KindOption) -> String {
    let state = if kind.retired { "（已停用）" } else { "" };
    format!(
        "{}：{}（{}）{state}",
        kind.list.label(),
        kind.label,
        kind.code
    )
}

pub fn run(store: &mut Store, command: &KindsCommand, json: bool) -> Result<(), Error> {
    let answer = match command {
        KindsCommand::List { list } => {
            let kinds = store.kind_options(list.as_deref().map(list_of))?;
            let header = ["列表", "代码", "名称", "资助对象", "须开设网店", "状态"];
            print_list(json, &kinds, &header, "个类型", |t, k| {
                let subject = k.subject.map_or("", KindSubject::code);
                let shop = if k.requires_online_shop { "是" } else { "" };
                let state = if k.retired { "已停用" } else { "在用" };
                t.row(&[&k.list.label(), &k.code, &k.label, &subject, &shop, &state])
            });
            return Ok(());
        }
        KindsCommand::Add {
            list,
            code,
            label,
            subject,
            requires_online_shop,
        } => store.add_kind(&KindInput {
            list: list_of(list),
            code: code.clone(),
            label: label.clone(),
            subject: subject.as_deref().and_then(KindSubject::from_code),
            requires_online_shop: *requires_online_shop,
        })?,
        KindsCommand::Rename { list, code, label } => {
            store.rename_kind(list_of(list), code, label)?
        }
        KindsCommand::Retire {
            list,
            code,
            restore,
        } => store.retire_kind(list_of(list), code, !restore)?,
    };
    print(json, &answer, || format!("已保存 {}", describe(&answer)));
    Ok(())
}
