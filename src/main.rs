//! `safepost`: batch scanning, evaluation, photo checks, reach estimates,
//! benchmarks and IT policy tooling over the same core the extension runs.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cli;

#[derive(Parser)]
#[command(name = "safepost", version, about = "Check clinicians' social-media drafts for patient identifiers, identifiable stories and personal medical advice.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scan post text (plain text, or JSONL with --jsonl) and print findings.
    Scan(cli::scan::ScanArgs),
    /// Score the text checks on a labeled JSONL file and print the misses.
    Eval(cli::eval::EvalArgs),
    /// Check image files for faces, clinical images, DICOM and hidden metadata.
    Photo(cli::photo::PhotoArgs),
    /// Reach estimator: import analytics, evaluate, estimate.
    Reach(cli::reach::ReachArgs),
    /// Managed-policy tooling for clinic IT: validate a config, generate deployment files.
    Policy(cli::policy::PolicyArgs),
    /// Benchmarks: per-post latency of the text checks.
    Bench(cli::bench::BenchArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Scan(a) => cli::scan::run(a),
        Command::Eval(a) => cli::eval::run(a),
        Command::Photo(a) => cli::photo::run(a),
        Command::Reach(a) => cli::reach::run(a),
        Command::Policy(a) => cli::policy::run(a),
        Command::Bench(a) => cli::bench::run(a),
    }
}
