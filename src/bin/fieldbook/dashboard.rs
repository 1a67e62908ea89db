//! `fieldbook dashboard [--year Y] [--programme ID] [--township 名称或代码] [--json]`: the home
//! dashboard (首页) as the desktop shows it — the county hub's, or a township laptop's own.

use clap::Args;
use fieldbook::domain::dashboard::{Dashboard, DashboardFilter};
use fieldbook::{Error, Store};

use crate::console::{print, Table};

#[derive(Args)]
pub struct DashboardArgs {
    /// Programme year [default: the latest year with a programme]
    #[arg(long)]
    year: Option<i32>,
    /// One programme (its id)
    #[arg(long, value_name = "ID")]
    programme: Option<String>,
    /// One township: its name or 9-digit code (a laptop always sees its own)
    #[arg(long, value_name = "NAME")]
    township: Option<String>,
}

pub fn run(store: &Store, args: &DashboardArgs, json: bool) -> Result<(), Error> {
    let township_id = match &args.township {
        Some(key) => Some(store.find_township(key)?.id),
        None => None,
    };
    let dashboard = store.dashboard(&DashboardFilter {
        year: args.year,
        programme_id: args.programme.clone(),
        township_id,
    })?;
    print(json, &dashboard, || text(&dashboard));
    Ok(())
}

fn text(d: &Dashboard) -> String {
    let year = d.filter.year.unwrap_or_default();
    let whose = d.township_name.as_deref().unwrap_or("全县");
    let mut out = format!("首页：{whose} {year} 年\n\n项目目标\n");
    let mut targets = Table::new(&["项目", "目标", "完成", "目标值", "达成"]);
    for p in &d.programmes {
        for t in &p.targets {
            let met = match t.met {
                Some(true) => "已达成",
                Some(false) => "未达成",
                None => "—",
            };
            targets.row(&[
                &p.programme_name,
                &t.label,
                &t.done.as_deref().unwrap_or("—"),
                &t.goal,
                &met,
            ]);
        }
    }
    out += &targets.done();
    let f = &d.funds;
    out += &format!(
        "\n资金：预算 {}，已确定 {} 元（{} 笔），已拨付 {} 元，待追回 {} 元\n",
        f.budget.as_deref().unwrap_or("—"),
        f.awarded.amount,
        f.awards.count,
        f.paid.amount,
        f.to_recover.amount
    );
    let i = &d.inspections;
    out += &format!(
        "核验：{} 次，合格 {} 次，限期整改 {} 次\n",
        i.done.count, i.passed.count, i.rectifying.count
    );
    let t = &d.training;
    out += &format!(
        "培训：{} 期，{} 人次，其中脱贫（建档立卡）{} 人次\n",
        t.sessions.count, t.person_times.count, t.poor_person_times.count
    );
    if let Some(c) = &d.conflicts_open {
        out += &format!("待处理冲突：{} 个\n", c.count);
    }
    out += "\n分乡镇\n";
    out += &Table::of(
        &["乡镇", "验收合格", "培训人次", "已确定资金", "台账收入"],
        &d.townships,
        |table, b| {
            table.row(&[
                &b.township_name,
                &b.inspections_passed.count,
                &b.person_times.count,
                &b.awarded.amount,
                &b.ledger_income.amount,
            ])
        },
    )
    .done();
    if let Some(batches) = &d.batches {
        out += "\n各乡镇最近一次上报\n";
        out += &Table::of(
            &["乡镇", "最近收到", "天数", ""],
            batches,
            |table, b| {
                table.row(&[
                    &b.township_name,
                    &b.last_received_at.as_deref().unwrap_or("从未"),
                    &b.days_since.map_or("—".to_string(), |d| d.to_string()),
                    &if b.silent {
                        "超过三周未上报"
                    } else {
                        ""
                    },
                ])
            },
        )
        .done();
    }
    if let Some(own) = &d.own_sync {
        out += &format!(
            "\n本机最近导出：{}；最近回执：{}；待上报改动 {} 条\n",
            own.last_export.as_deref().unwrap_or("从未"),
            own.last_receipt.as_deref().unwrap_or("从未"),
            own.pending
        );
    }
    out
}
