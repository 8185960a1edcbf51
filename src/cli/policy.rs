//! `safepost policy` (not yet implemented).

use std::process::ExitCode;

#[derive(clap::Args)]
pub struct PolicyArgs {
    /// Arguments.
    args: Vec<String>,
}

pub fn run(_args: PolicyArgs) -> ExitCode {
    eprintln!("safepost policy: not implemented yet");
    ExitCode::from(2)
}
