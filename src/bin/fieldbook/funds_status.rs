//! `fieldbook funds status --programme ID` and `fieldbook funds budget [--year Y]`: what a
//! programme's budget has awarded, paid, recovered and left, by township and class, and the
//! county's overview of every programme, with their warnings. Read-only.

use clap::Subcommand;
use fieldbook::domain::funds::MoneyLine;
use fieldbook::domain::money::{wan_yuan, yuan_grouped};
use fieldbook::domain::Warning;
use fieldbook::{Error, Store};
use rust_decimal::Decimal;

use crate::console::{print, Table};

#[derive(Subcommand)]
pub enum FundsStatusCommand {
    /// A programme's fund status: budget, awarded, paid, recovered, remaining, to pay and to
    /// recover, in total, by township and by class or sub-budget, with its warnings
    Status {
        #[arg(long, value_name = "ID")]
        programme: String,
    },
    /// The county's budget overview: one line per programme (of one year, or every year)
    Budget {
        #[arg(long)]
        year: Option<i32>,
    },
}

pub fn run(store: &mut Store, command: &FundsStatusCommand, json: bool) -> Result<(), Error> {
    match command {
        FundsStatusCommand::Status { programme } => {
            let status = store.fund_status(programme)?;
            print(json, &status, || {
                let mut out = format!(
                    "{}（{} 年）资金使用情况（金额：元；预算另列万元）\n",
                    status.programme_name, status.year
                );
                out += &money_table("项目", std::slice::from_ref(&status.total));
                out += "\n分乡镇\n";
                out += &money_table("乡镇", &status.by_township);
                out += "\n分类别（子预算）\n";
                out += &money_table("类别", &status.by_class);
                out + &warnings(&status.warnings)
            });
        }
        FundsStatusCommand::Budget { year } => {
            let overview = store.fund_overview(*year)?;
            print(json, &overview, || {
                let title = match overview.year {
                    Some(y) => format!("{y} 年各项目资金预算与使用（金额：元；预算另列万元）\n"),
                    None => "各项目资金预算与使用（金额：元；预算另列万元）\n".to_string(),
                };
                let mut lines = overview.programmes.clone();
                lines.push(overview.total.clone());
                title + &money_table("项目", &lines) + &warnings(&overview.warnings)
            });
        }
    }
    Ok(())
}

/// Yuan with thousands separators; "—" when there is none.
fn yuan(text: Option<&str>) -> String {
    text.and_then(|t| t.parse::<Decimal>().ok())
        .map_or_else(|| "—".to_string(), yuan_grouped)
}

fn money_table(what: &str, lines: &[MoneyLine]) -> String {
    let header = [
        what,
        "预算（万元）",
        "预算",
        "扶持数",
        "已确定",
        "已拨付",
        "已追回",
        "预算结余",
        "待拨付",
        "待追回",
    ];
    let mut table = Table::new(&header);
    for l in lines {
        let budget_wan = l
            .budget
            .as_deref()
            .and_then(|b| b.parse::<Decimal>().ok())
            .map_or_else(|| "—".to_string(), |b| wan_yuan(b, 3));
        let cells = [
            l.label.clone(),
            budget_wan,
            yuan(l.budget.as_deref()),
            l.awards.to_string(),
            yuan(Some(&l.awarded)),
            yuan(Some(&l.paid)),
            yuan(Some(&l.recovered)),
            yuan(l.remaining.as_deref()),
            yuan(Some(&l.to_pay)),
            yuan(Some(&l.to_recover)),
        ];
        let cells: Vec<&dyn std::fmt::Display> =
            cells.iter().map(|c| c as &dyn std::fmt::Display).collect();
        table.row(&cells);
    }
    table.done()
}

fn warnings(list: &[Warning]) -> String {
    list.iter()
        .map(|w| format!("\n注意 [{}] {}", w.code.as_str(), w.message))
        .collect::<String>()
        + if list.is_empty() { "" } else { "\n" }
}
