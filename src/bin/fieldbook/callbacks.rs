//! `fieldbook callbacks`: the household call-back sample (回访, F11) — draw it, list it, print
//! the call list, record each call's outcome (a denial opens a finding).

use std::path::PathBuf;
use std::str::FromStr;

use clap::Subcommand;
use fieldbook::checks::callbacks::{CallInput, CallbackSample};
use fieldbook::domain::Invalid;
use fieldbook::print::FormKind;
use fieldbook::{Code, Error, Store};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::console::{print, print_list, Table};

#[derive(Subcommand)]
pub enum CallbacksCommand {
    /// Draw a township's household call-back sample (default share: the county's, 10 %)
    Draw {
        /// The township: 9-digit code or name
        #[arg(long, value_name = "TOWNSHIP")]
        township: String,
        /// Share of the township's households, 0–1 (0.1 = 10 %)
        #[arg(long, value_name = "SHARE")]
        share: Option<String>,
        /// The seed: the same seed over the same households draws the same sample
        #[arg(long, value_name = "SEED")]
        seed: Option<u64>,
    },
    /// The samples drawn, or one sample's households and their calls (--sample)
    List {
        #[arg(long, value_name = "TOWNSHIP")]
        township: Option<String>,
        #[arg(long, value_name = "ID")]
        sample: Option<String>,
    },
    /// Print the call list (农户回访名单) of a sample, or of a township's latest sample
    Print {
        #[arg(long, value_name = "ID")]
        sample: Option<String>,
        #[arg(long, value_name = "TOWNSHIP")]
        township: Option<String>,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// Record a call's outcome: reached | confirms | denies | unreachable (a denial needs a
    /// note and opens an F11_CALLBACK_DENIED finding); the officer is --officer
    Record {
        /// The drawn item's id (callbacks list --sample ID)
        item: String,
        #[arg(long)]
        outcome: String,
        #[arg(long, default_value = "")]
        note: String,
        /// The day of the call, YYYY-MM-DD (default today)
        #[arg(long, value_name = "DATE", default_value = "")]
        date: String,
    },
}

fn share(text: &str) -> Result<Decimal, Error> {
    Decimal::from_str(text.trim()).map_err(|_| {
        Invalid::new(
            Code::SAMPLE_SHARE,
            "share",
            format!("抽样比例“{text}”不是数字。请写 0 到 1 之间的小数，例如 0.1 表示 10%。"),
        )
        .into()
    })
}

fn print_sample(json: bool, sample: &CallbackSample) {
    print(json, sample, || {
        let mut table = Table::new(&[
            "编号",
            "序号",
            "户主",
            "村",
            "身份证号",
            "电话",
            "结果",
            "回访人",
        ]);
        for i in &sample.items {
            table.row(&[
                &i.id,
                &i.position,
                &i.head_name,
                &i.village,
                &i.masked_id,
                &i.phone,
                &i.outcome.map_or("未回访", |o| o.label()),
                &i.officer,
            ]);
        }
        format!(
            "{} 回访抽样 {}（{} 户中抽 {} 户，种子 {}）：已回访 {} 户，否认 {} 户\n{}",
            sample.township_name,
            sample.id,
            sample.population,
            sample.items.len(),
            sample.seed,
            sample.called,
            sample.denied,
            table.done()
        )
    });
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PrintedOut {
    file: PathBuf,
    pages: usize,
    bytes: usize,
    sample_id: String,
    hash: String,
}

pub fn run(
    store: &mut Store,
    command: &CallbacksCommand,
    officer: Option<&str>,
    json: bool,
) -> Result<(), Error> {
    match command {
        CallbacksCommand::Draw {
            township,
            share: s,
            seed,
        } => {
            let s = s.as_deref().map(share).transpose()?;
            let sample = store.draw_callback_sample(township, s, *seed)?;
            print_sample(json, &sample);
        }
        CallbacksCommand::List { township, sample } => match sample {
            Some(id) => print_sample(json, &store.callback_sample(id)?),
            None => {
                let samples = store.callback_samples(township.as_deref())?;
                print_list(
                    json,
                    &samples,
                    &[
                        "编号",
                        "乡镇",
                        "抽样日期",
                        "户数",
                        "抽中",
                        "已回访",
                        "否认",
                        "种子",
                    ],
                    "次回访抽样",
                    |t: &mut Table, s| {
                        t.row(&[
                            &s.id,
                            &s.township_name,
                            &s.drawn_date,
                            &s.population,
                            &s.items.len(),
                            &s.called,
                            &s.denied,
                            &s.seed,
                        ])
                    },
                );
            }
        },
        CallbacksCommand::Print {
            sample,
            township,
            out,
        } => {
            let id = match (sample, township) {
                (Some(id), _) => id.clone(),
                (None, Some(t)) => store
                    .callback_samples(Some(&store.find_township(t)?.code))?
                    .into_iter()
                    .next()
                    .map(|s| s.id)
                    .ok_or_else(|| {
                        Invalid::new(
                            Code::CALLBACK_NOT_FOUND,
                            "township",
                            "这个乡镇还没有抽过回访样本。请先运行 fieldbook callbacks draw --township 乡镇。",
                        )
                    })?,
                (None, None) => {
                    return Err(Invalid::new(
                        Code::CALLBACK_NOT_FOUND,
                        "sample",
                        "请用 --sample 指定回访抽样，或用 --township 打印该乡镇最近一次抽样。",
                    )
                    .into())
                }
            };
            let printed = store.print_form(FormKind::Callbacks, &id)?;
            // Written next to the target first, then renamed: a failed write leaves no half file.
            let tmp = out.with_extension("pdf.part");
            std::fs::write(&tmp, &printed.pdf).map_err(|e| Error::io(&tmp, e))?;
            std::fs::rename(&tmp, out).map_err(|e| Error::io(out, e))?;
            let result = PrintedOut {
                file: out.clone(),
                pages: printed.pages,
                bytes: printed.pdf.len(),
                sample_id: id,
                hash: printed.stamp.hash.clone(),
            };
            print(json, &result, || {
                format!(
                    "已生成农户回访名单：{}（{} 页），校验码 {}",
                    out.display(),
                    result.pages,
                    result.hash
                )
            });
        }
        CallbacksCommand::Record {
            item,
            outcome,
            note,
            date,
        } => {
            let input = CallInput {
                outcome: outcome.clone(),
                note: note.clone(),
                officer: officer.unwrap_or(store.officer()).to_string(),
                call_date: date.clone(),
            };
            let item = store.record_callback(item, &input)?;
            print(json, &item, || {
                format!(
                    "已记录 {} 的回访结果：{}",
                    item.head_name,
                    item.outcome.map_or("未回访", |o| o.label())
                )
            });
        }
    }
    Ok(())
}
