//! `fieldbook funds …`: the county's money loop. Each part's subcommands live in their own
//! file and are flattened into this group.

use clap::Subcommand;
use fieldbook::{Error, Store};

use crate::funds_status;

#[derive(Subcommand)]
pub enum FundsCommand {
    #[command(flatten)]
    Status(funds_status::FundsStatusCommand),
}

pub fn run(store: &mut Store, command: &FundsCommand, json: bool) -> Result<(), Error> {
    match command {
        FundsCommand::Status(c) => funds_status::run(store, c, json),
    }
}

/// Fund writes read JSON on stdin and answer JSON.
pub fn is_write(command: &FundsCommand) -> bool {
    match command {
        FundsCommand::Status(_) => false,
    }
}
