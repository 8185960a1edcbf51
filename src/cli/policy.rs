//! `safepost policy`: clinic IT's tooling. `validate` checks an admin config
//! (TOML or JSON) against the extension's managed schema and value rules;
//! `generate` writes every deployment file from it; `schema` prints the
//! schema Chrome uses. Errors name the field and the exit code is 1, so the
//! commands fit in a deployment pipeline.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use safepost::policy::{config, generate_all, schema, FieldError};

#[derive(clap::Args)]
pub struct PolicyArgs {
    #[command(subcommand)]
    command: PolicyCommand,
}

#[derive(Subcommand)]
enum PolicyCommand {
    /// Check an admin config file (TOML or JSON); prints every problem with its field name.
    Validate {
        /// The admin config, e.g. docs/examples/clinic.toml.
        config: PathBuf,
    },
    /// Write Chrome/Edge/Chromium (Linux JSON, Windows .reg, macOS .mobileconfig), Firefox and Google Admin files.
    Generate {
        /// The admin config, e.g. docs/examples/clinic.toml.
        config: PathBuf,
        /// Output directory (created if missing).
        #[arg(long, short)]
        out: PathBuf,
    },
    /// Print the managed-storage schema the extension ships (extension/managed_schema.json).
    Schema,
}

pub fn run(args: PolicyArgs) -> ExitCode {
    match args.command {
        PolicyCommand::Validate { config } => match load(&config) {
            Ok(cfg) => {
                println!("{}: OK ({} settings; Chrome ID {}, Edge ID {}, Firefox ID {})", config.display(), cfg.settings.len(), cfg.install.chrome_id, cfg.install.edge_id, cfg.install.firefox_id);
                ExitCode::SUCCESS
            }
            Err(code) => code,
        },
        PolicyCommand::Generate { config, out } => {
            let cfg = match load(&config) {
                Ok(c) => c,
                Err(code) => return code,
            };
            for f in generate_all(&cfg) {
                let path = out.join(&f.path);
                if let Err(e) = write(&path, &f.bytes) {
                    eprintln!("safepost policy: cannot write {}: {e}", path.display());
                    return ExitCode::FAILURE;
                }
                println!("{}  ({})", path.display(), f.note);
            }
            ExitCode::SUCCESS
        }
        PolicyCommand::Schema => {
            print!("{}", schema::MANAGED_SCHEMA_JSON);
            ExitCode::SUCCESS
        }
    }
}

fn load(path: &Path) -> Result<config::AdminConfig, ExitCode> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("safepost policy: cannot read {}: {e}", path.display());
            return Err(ExitCode::FAILURE);
        }
    };
    let parsed = if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) {
        serde_json::from_str(&text)
            .map_err(|e| vec![FieldError::new("(file)", format!("not valid JSON: {e}"))])
            .and_then(|v| config::from_value(&v))
    } else {
        config::load(&text)
    };
    parsed.map_err(|errors| {
        eprintln!("{}: {} problem(s):", path.display(), errors.len());
        for e in errors {
            eprintln!("  {e}");
        }
        ExitCode::FAILURE
    })
}

fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, bytes)
}
