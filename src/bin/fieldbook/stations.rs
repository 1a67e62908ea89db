//! Service stations' monthly service records (站点月度服务) from the command line.

use clap::Subcommand;
use fieldbook::domain::stations::StationMonthInput;
use fieldbook::{Error, Store};

use crate::console::{print, print_list, save};

#[derive(Subcommand)]
pub enum StationsCommand {
    /// A station's months: `stations months --station ID`, record one with
    /// `stations months add < json` ({stationId, month: "2020-03", serviceValue: "2350.00",
    /// purchases, sales, parcels, billsPaid, publicity, reports, notes}), correct one with
    /// `stations months edit ID < json` (the same document), void one with
    /// `stations months void ID --reason …`
    Months {
        #[command(subcommand)]
        action: Option<MonthsAction>,
        /// The service station (operator id)
        #[arg(long, value_name = "ID")]
        station: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum MonthsAction {
    /// Record one month of a station: one JSON document on stdin
    Add,
    /// Correct a recorded month (its id): the whole month's JSON document on stdin
    Edit { id: String },
    /// Void a recorded month (作废); the reason is required and kept. The month may then be
    /// recorded again
    Void {
        id: String,
        #[arg(long)]
        reason: String,
    },
}

pub fn run(store: &mut Store, command: &StationsCommand, json: bool) -> Result<(), Error> {
    match command {
        StationsCommand::Months {
            action: Some(MonthsAction::Add),
            ..
        } => save("站点月度服务", |input: &StationMonthInput| {
            store.add_station_month(input)
        }),
        StationsCommand::Months {
            action: Some(MonthsAction::Edit { id }),
            ..
        } => save("站点月度服务", |input: &StationMonthInput| {
            store.edit_station_month(id, input)
        }),
        StationsCommand::Months {
            action: Some(MonthsAction::Void { id, reason }),
            ..
        } => {
            let voided = store.void_station_month(id, reason)?;
            print(json, &voided, || {
                format!("已作废站点月度服务 {id}（原因：{}）", voided.void_reason)
            });
            Ok(())
        }
        StationsCommand::Months {
            action: None,
            station,
        } => {
            let Some(station) = station else {
                return Err(Error::from(fieldbook::domain::Invalid::new(
                    fieldbook::Code::STATION_MONTH_STATION,
                    "station",
                    "请用 --station 指定服务站点（实施主体 id）。",
                )));
            };
            let months = store.station_months(station)?;
            let header = [
                "编号",
                "月份",
                "站点",
                "服务金额",
                "代购",
                "代销",
                "快递",
                "代缴",
                "宣传",
                "上报",
            ];
            print_list(json, &months, &header, "个月", |t, m| {
                t.row(&[
                    &m.id,
                    &m.month,
                    &m.station_name,
                    &m.service_value,
                    &m.purchases,
                    &m.sales,
                    &m.parcels,
                    &m.bills_paid,
                    &m.publicity,
                    &m.reports,
                ])
            });
            Ok(())
        }
    }
}

pub fn is_write(command: &StationsCommand) -> bool {
    matches!(
        command,
        StationsCommand::Months {
            action: Some(_),
            ..
        }
    )
}
