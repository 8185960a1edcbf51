//! `safepost photo` (not yet implemented).

use std::process::ExitCode;

#[derive(clap::Args)]
pub struct PhotoArgs {
    /// Arguments.
    args: Vec<String>,
}

pub fn run(_args: PhotoArgs) -> ExitCode {
    eprintln!("safepost photo: not implemented yet");
    ExitCode::from(2)
}
