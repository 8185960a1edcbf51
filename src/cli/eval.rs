//! `safepost eval LABELS.jsonl`: score the text checks on a labeled file.

use std::path::PathBuf;
use std::process::ExitCode;

use safepost::eval::{evaluate, parse_labeled};
use safepost::Analyzer;

#[derive(clap::Args)]
pub struct EvalArgs {
    /// Labeled posts, one JSON object per line (see shared/eval/GUIDELINE.md).
    labels: PathBuf,
    /// `text` (figures then misses) or `json` (one object, for scripts).
    #[arg(long, default_value = "text")]
    format: String,
    /// Print only the figures, not the misses.
    #[arg(long)]
    no_misses: bool,
}

pub fn run(args: EvalArgs) -> ExitCode {
    let raw = match std::fs::read(&args.labels) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("safepost eval: cannot read {}: {e}", args.labels.display());
            return ExitCode::from(2);
        }
    };
    let text = match String::from_utf8(raw) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("safepost eval: {} is not UTF-8 (byte {})", args.labels.display(), e.utf8_error().valid_up_to());
            return ExitCode::from(2);
        }
    };
    let posts = match parse_labeled(&text) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("safepost eval: {}: {e}", args.labels.display());
            return ExitCode::from(2);
        }
    };
    let report = evaluate(&posts, &Analyzer::new());
    match args.format.as_str() {
        "json" => println!("{}", serde_json::to_string(&report).unwrap_or_default()),
        "text" => print!("{}", report.render(!args.no_misses)),
        other => {
            eprintln!("safepost eval: unknown --format {other:?} (use text or json)");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
