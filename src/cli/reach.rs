//! `safepost reach` (not yet implemented).

use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ReachArgs {
    /// Arguments.
    args: Vec<String>,
}

pub fn run(_args: ReachArgs) -> ExitCode {
    eprintln!("safepost reach: not implemented yet");
    ExitCode::from(2)
}
