//! Analytics-export importers. Each file is recognised by its header
//! (column names, case-insensitive, any order) and parsed completely before
//! anything is returned: one bad row rejects the whole file with a message
//! naming the row and column, so nothing is ever imported half-way.

pub mod account_summary;
mod columns;
mod linkedin;
mod meta_business_suite;
pub mod numbers;
mod tiktok;
mod uci_facebook;
mod x_content;
mod x_tweet_activity;
mod youtube;

use serde::Serialize;

use super::csv_reader::{self, CsvError, Row};
use super::platform::Platform;
use super::post::Post;
use columns::Columns;

/// The export shapes SafePost reads (reach.md §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// analytics.twitter.com per-tweet "tweet activity" CSV, minute-level UTC.
    XTweetActivity,
    /// X Premium `account_analytics_content_*.csv`, date only; time from the id.
    XAccountContent,
    /// Meta Business Suite post export (Facebook Page or Instagram).
    MetaBusinessSuite,
    /// Legacy Facebook Insights columns as in the UCI "Facebook metrics" set.
    UciFacebookMetrics,
    /// LinkedIn company "All posts" or creator "TOP POSTS" sheet saved as CSV.
    Linkedin,
    /// TikTok Studio content export.
    Tiktok,
    /// YouTube Studio "Table data.csv".
    Youtube,
    /// Account-level daily/monthly summary (no posts; maybe follower counts).
    AccountSummary,
}

impl ExportFormat {
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::XTweetActivity => "X tweet activity export",
            ExportFormat::XAccountContent => "X account analytics content export",
            ExportFormat::MetaBusinessSuite => "Meta Business Suite post export",
            ExportFormat::UciFacebookMetrics => "Facebook Insights post metrics",
            ExportFormat::Linkedin => "LinkedIn posts export",
            ExportFormat::Tiktok => "TikTok Studio content export",
            ExportFormat::Youtube => "YouTube Studio table export",
            ExportFormat::AccountSummary => "account-level summary",
        }
    }
}

/// Why a file was rejected. Every variant names what the user can check.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImportError {
    Unreadable { message: String },
    UnknownFormat { columns: Vec<String> },
    MissingColumn { format: String, column: String },
    BadDate { line: usize, column: String, value: String },
    BadNumber { line: usize, column: String, value: String },
    ShortRow { line: usize, expected: usize, found: usize },
    NoPosts { format: String, skipped: usize },
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Unreadable { message } => write!(f, "cannot read this file as CSV: {message}"),
            ImportError::UnknownFormat { columns } => {
                let shown: Vec<&str> = columns.iter().take(6).map(String::as_str).collect();
                write!(
                    f,
                    "not a known analytics export (columns: {}{}); export per-post analytics from X, Meta Business Suite, LinkedIn, TikTok or YouTube Studio as CSV",
                    shown.join(", "),
                    if columns.len() > 6 { ", …" } else { "" }
                )
            }
            ImportError::MissingColumn { format, column } => {
                write!(f, "this looks like a {format} but the column \"{column}\" is missing")
            }
            ImportError::BadDate { line, column, value } => {
                write!(f, "unreadable date \"{value}\" in column \"{column}\" at line {line}")
            }
            ImportError::BadNumber { line, column, value } => {
                write!(f, "\"{value}\" in column \"{column}\" at line {line} is not a number")
            }
            ImportError::ShortRow { line, expected, found } => {
                write!(f, "line {line} has {found} fields, the header has {expected}")
            }
            ImportError::NoPosts { format, skipped } => {
                write!(f, "this {format} holds no original posts ({skipped} replies, reposts, promoted or total rows skipped)")
            }
        }
    }
}

impl std::error::Error for ImportError {}

impl From<CsvError> for ImportError {
    fn from(e: CsvError) -> Self {
        ImportError::Unreadable { message: e.to_string() }
    }
}

/// How the import went: the posts plus what was skipped and why.
#[derive(Debug, Clone, Serialize)]
pub struct Imported {
    pub format: ExportFormat,
    pub platform: Platform,
    pub posts: Vec<Post>,
    /// Replies, reposts, promoted/paid and summary rows: not organic reach
    /// of the account's own posts, so they would bias the level.
    pub skipped: usize,
    /// Posts whose time of day was recovered from the post id.
    pub times_from_id: usize,
    /// Posts with a date but no time of day.
    pub date_only: usize,
    pub notes: Vec<String>,
    /// Follower counts over time (account summaries only).
    pub followers: Vec<account_summary::FollowerPoint>,
}

/// Options for the importers.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    /// Offset (minutes east of UTC) for exports whose times carry no zone
    /// (Meta, TikTok): the user's own zone is the best guess.
    pub local_offset_min: i64,
}

/// Recognises and parses one export file's text.
pub fn import_text(text: &str, opts: ImportOptions) -> Result<Imported, ImportError> {
    let rows = csv_reader::read(text)?;
    let (header_at, cols) = find_header(&rows)?;
    let data = &rows[header_at + 1..];
    let format = detect(&cols).ok_or_else(|| ImportError::UnknownFormat { columns: rows[header_at].fields.clone() })?;
    let ctx = Ctx { cols: &cols, format, opts };
    let imported = match format {
        ExportFormat::XTweetActivity => x_tweet_activity::parse(data, &ctx)?,
        ExportFormat::XAccountContent => x_content::parse(data, &ctx)?,
        ExportFormat::MetaBusinessSuite => meta_business_suite::parse(data, &ctx)?,
        ExportFormat::UciFacebookMetrics => uci_facebook::parse(data, &ctx)?,
        ExportFormat::Linkedin => linkedin::parse(data, &ctx)?,
        ExportFormat::Tiktok => tiktok::parse(data, &ctx)?,
        ExportFormat::Youtube => youtube::parse(data, &ctx)?,
        ExportFormat::AccountSummary => account_summary::parse(data, &ctx)?,
    };
    if imported.posts.is_empty() && format != ExportFormat::AccountSummary {
        return Err(ImportError::NoPosts { format: format.label().to_string(), skipped: imported.skipped });
    }
    Ok(imported)
}

/// Exports sometimes start with a title or blank-ish rows (LinkedIn skips
/// two); the header is the first of the first five rows that a format
/// recognises, else the first row.
fn find_header(rows: &[Row]) -> Result<(usize, Columns), ImportError> {
    for (i, r) in rows.iter().take(5).enumerate() {
        let cols = Columns::new(&r.fields);
        if detect(&cols).is_some() {
            return Ok((i, cols));
        }
    }
    Err(ImportError::UnknownFormat { columns: rows.first().map(|r| r.fields.clone()).unwrap_or_default() })
}

fn detect(c: &Columns) -> Option<ExportFormat> {
    if c.has("tweet id") && c.has("time") && c.has("impressions") {
        return Some(ExportFormat::XTweetActivity);
    }
    if c.has("post id") && c.has("date") && c.has("impressions") && (c.has("post link") || c.has("post text")) {
        return Some(ExportFormat::XAccountContent);
    }
    if c.has("lifetime post total reach") && c.has("post hour") {
        return Some(ExportFormat::UciFacebookMetrics);
    }
    if c.has("publish time") && (c.has("reach") || c.has("views") || c.has("impressions")) {
        return Some(ExportFormat::MetaBusinessSuite);
    }
    if c.has("video publish time") && c.has("views") {
        return Some(ExportFormat::Youtube);
    }
    if c.has("post time") && (c.has("total views") || c.has("video views") || c.has("views")) {
        return Some(ExportFormat::Tiktok);
    }
    if (c.has("created date") || c.has("post publish date")) && c.has("impressions") {
        return Some(ExportFormat::Linkedin);
    }
    let dated = c.has("date") || c.has("month");
    if dated && (c.has("followers") || c.has("tweets published")) && !c.has("post id") && !c.has("tweet id") {
        return Some(ExportFormat::AccountSummary);
    }
    None
}

/// What every parser needs: the header map, the format, the options.
pub(crate) struct Ctx<'a> {
    pub cols: &'a Columns,
    pub format: ExportFormat,
    pub opts: ImportOptions,
}

impl Ctx<'_> {
    /// Index of the first of `names` present, or a MissingColumn error
    /// naming the first (canonical) one.
    pub fn require(&self, names: &[&str]) -> Result<usize, ImportError> {
        self.cols.find(names).ok_or_else(|| ImportError::MissingColumn {
            format: self.format.label().to_string(),
            column: names[0].to_string(),
        })
    }

    pub fn optional(&self, names: &[&str]) -> Option<usize> {
        self.cols.find(names)
    }

    /// The field at `idx` of `row`, or a ShortRow error (a truncated file).
    pub fn field<'r>(&self, row: &'r Row, idx: usize) -> Result<&'r str, ImportError> {
        row.fields.get(idx).map(|s| s.trim()).ok_or(ImportError::ShortRow {
            line: row.line,
            expected: self.cols.len(),
            found: row.fields.len(),
        })
    }

    /// A required count; `-`/empty count as 0 only when `blank_is_zero`.
    pub fn count(&self, row: &Row, idx: usize, blank_is_zero: bool) -> Result<Option<f64>, ImportError> {
        let raw = self.field(row, idx)?;
        match numbers::parse_count(raw) {
            Ok(Some(v)) => Ok(Some(v)),
            Ok(None) if blank_is_zero => Ok(Some(0.0)),
            Ok(None) => Ok(None),
            Err(()) => Err(ImportError::BadNumber { line: row.line, column: self.cols.name(idx), value: raw.to_string() }),
        }
    }

    pub fn date(&self, row: &Row, idx: usize) -> Result<super::civil_time::ParsedTime, ImportError> {
        let raw = self.field(row, idx)?;
        super::civil_time::parse_datetime(raw, self.opts.local_offset_min).ok_or_else(|| ImportError::BadDate {
            line: row.line,
            column: self.cols.name(idx),
            value: raw.to_string(),
        })
    }

    pub fn finish(&self, platform: Platform, posts: Vec<Post>, skipped: usize, times_from_id: usize, notes: Vec<String>) -> Imported {
        let date_only = posts.iter().filter(|p| !p.time_known).count();
        Imported { format: self.format, platform, posts, skipped, times_from_id, date_only, notes, followers: Vec::new() }
    }
}

/// Time from a snowflake-style id whose top bits are milliseconds since an
/// epoch: X `(id >> 22) + 1288834974657`, LinkedIn activity ids `id >> 22`
/// (Unix epoch). `None` for ids that do not decode to a plausible time.
pub(crate) fn snowflake_ms(id: &str, epoch_ms: i64) -> Option<i64> {
    let n: u64 = id.trim().parse().ok()?;
    let ms = (n >> 22) as i64 + epoch_ms;
    // Plausible: 2010-11-04 (X snowflake launch) to 2100.
    (1_288_834_974_657..4_102_444_800_000).contains(&ms).then_some(ms)
}

/// True when `a` (date-only, 00:00 UTC of the stated day) and `b` fall
/// within a day and a half of each other — the stated date is in the
/// export's zone, so up to ±14 h off, and a mismatch means the id is not a
/// snowflake and must not be trusted.
pub(crate) fn same_day_roughly(date_ms: i64, decoded_ms: i64) -> bool {
    let d = decoded_ms - date_ms;
    (-14 * super::civil_time::HOUR_MS..38 * super::civil_time::HOUR_MS).contains(&d)
}

#[cfg(test)]
mod tests;
