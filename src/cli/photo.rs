//! `safepost photo FILE...`: the extension's photo checks on files, for
//! batch checks and tests. Exit code 0 when every file was checked, 1 when
//! any file could not be (fully) checked, 2 on usage or read errors.
//! `safepost photo --strip IN OUT` writes a copy without hidden data.

use std::path::PathBuf;
use std::process::ExitCode;

use safepost::image::strip::{strip, Strip};
use safepost::image::{check_file, embedded_face_detector, inspect, FileInput};
use safepost::{Analyzer, Category};

#[derive(clap::Args)]
pub struct PhotoArgs {
    /// Image, video or DICOM files to check.
    files: Vec<PathBuf>,
    /// Output: `pretty` (one block per file) or `json` (one array of reports).
    #[arg(long, default_value = "pretty")]
    format: String,
    /// Write a copy of IN without hidden data to OUT (lossless for JPEG, PNG, WebP).
    #[arg(long, num_args = 2, value_names = ["IN", "OUT"])]
    strip: Option<Vec<PathBuf>>,
}

pub fn run(args: PhotoArgs) -> ExitCode {
    if let Some(paths) = &args.strip {
        return strip_file(&paths[0], &paths[1]);
    }
    if args.files.is_empty() {
        eprintln!("safepost photo: give one or more files (or --strip IN OUT)");
        return ExitCode::from(2);
    }
    if !matches!(args.format.as_str(), "pretty" | "json") {
        eprintln!("safepost photo: unknown --format {:?} (use pretty or json)", args.format);
        return ExitCode::from(2);
    }
    let analyzer = Analyzer::new();
    let mut detector = match embedded_face_detector() {
        Ok(d) => Some(d),
        Err(e) => {
            eprintln!("safepost photo: {e}; faces will not be checked");
            None
        }
    };
    let mut reports = Vec::new();
    let mut incomplete = false;
    let mut read_error = false;
    for path in &args.files {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("safepost photo: cannot read {}: {e}", path.display());
                read_error = true;
                continue;
            }
        };
        let name = path.file_name().and_then(|n| n.to_str());
        let report = check_file(&bytes, name, &analyzer, detector.as_mut());
        if let Some(f) = report.findings.iter().find(|f| f.category == Category::PhotoUnreadable) {
            eprintln!("safepost photo: {}: {}", path.display(), f.message);
            incomplete = true;
        }
        if args.format == "pretty" {
            print_pretty(path, &report);
        }
        reports.push(serde_json::json!({ "file": path.display().to_string(), "report": report }));
    }
    if args.format == "json" {
        println!("{}", serde_json::to_string_pretty(&reports).unwrap_or_else(|_| "[]".into()));
    }
    if read_error {
        ExitCode::from(2)
    } else if incomplete {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_pretty(path: &std::path::Path, r: &safepost::image::FileReport) {
    let i = &r.inspection;
    let dims = i.dimensions.map(|d| format!(" {}×{}", d.width, d.height)).unwrap_or_default();
    println!("{}: {}{dims}", path.display(), i.format.as_str());
    if r.findings.is_empty() {
        println!("  no findings");
    }
    for f in &r.findings {
        println!("  [{}] {}: {}", f.severity.as_str(), f.category.as_str(), f.message);
    }
}

fn strip_file(input: &std::path::Path, output: &std::path::Path) -> ExitCode {
    let bytes = match std::fs::read(input) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("safepost photo --strip: cannot read {}: {e}", input.display());
            return ExitCode::from(2);
        }
    };
    let info = inspect(&FileInput { bytes: &bytes, tail: None, file_name: None, complete: true }, &Analyzer::new());
    match strip(&bytes, info.orientation) {
        Strip::Stripped(clean) => match std::fs::write(output, clean) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("safepost photo --strip: cannot write {}: {e}", output.display());
                ExitCode::from(2)
            }
        },
        Strip::NeedsReencode => {
            eprintln!("safepost photo --strip: {} is {}; it needs a re-encode (the extension redraws it on a canvas)", input.display(), info.format.as_str());
            ExitCode::from(1)
        }
        Strip::Malformed(e) => {
            eprintln!("safepost photo --strip: {}: {e}", input.display());
            ExitCode::from(1)
        }
    }
}
