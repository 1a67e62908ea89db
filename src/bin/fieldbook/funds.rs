//! The county's funds (资金) from the command line: applications and decisions (engineer A's
//! `funds apply|review|decide …`), awards, payments and recovery (`funds_pay.rs`), budgets and
//! status (`funds_status.rs`). Writes read one JSON document on stdin.

use clap::Subcommand;
use fieldbook::{Error, Store};

use crate::funds_pay::{self, PayCommand};

#[derive(Subcommand)]
pub enum FundsCommand {
    #[command(flatten)]
    Pay(PayCommand),
}

pub fn run(store: &mut Store, command: &FundsCommand, json: bool) -> Result<(), Error> {
    match command {
        FundsCommand::Pay(command) => funds_pay::run(store, command, json),
    }
}

pub fn is_write(command: &FundsCommand) -> bool {
    match command {
        FundsCommand::Pay(command) => funds_pay::is_write(command),
    }
}
