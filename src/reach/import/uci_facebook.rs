//! Legacy Facebook Insights post metrics as in the UCI "Facebook metrics"
//! dataset (Moro, Rita & Vala 2016): `Page total likes,Type,Category,
//! Post Month,Post Weekday,Post Hour,Paid,Lifetime Post Total Reach,…`.
//!
//! The rows carry month, weekday and hour but no day or year, newest first.
//! Dates are reconstructed by walking the rows oldest-first and taking the
//! first day on or after the previous post that has the stated weekday and
//! month — exact in weekday and hour (what the slot effect needs), approximate
//! in day. The year is unknown and set to 2014 (the dataset's year); weekday
//! codes are read as 1 = Sunday … 7 = Saturday (undocumented; noted).

use super::{Ctx, ImportError, Imported};
use crate::reach::civil_time::{days_from_civil, weekday_monday0, DAY_MS, HOUR_MS};
use crate::reach::csv_reader::Row;
use crate::reach::platform::Platform;
use crate::reach::post::Post;

const ASSUMED_YEAR: i64 = 2014;

pub(super) fn parse(rows: &[Row], ctx: &Ctx) -> Result<Imported, ImportError> {
    let month = ctx.require(&["post month"])?;
    let weekday = ctx.require(&["post weekday"])?;
    let hour = ctx.require(&["post hour"])?;
    let reach = ctx.require(&["lifetime post total reach"])?;
    let paid = ctx.optional(&["paid"]);
    let likes = ctx.optional(&["page total likes"]);
    let small_int = |row: &Row, idx: usize, lo: f64, hi: f64| -> Result<u32, ImportError> {
        let v = ctx.count(row, idx, false)?;
        match v {
            Some(v) if v >= lo && v <= hi && v.fract() == 0.0 => Ok(v as u32),
            _ => Err(ImportError::BadDate { line: row.line, column: ctx.cols.name(idx), value: ctx.field(row, idx)?.to_string() }),
        }
    };
    let mut posts = Vec::new();
    let mut skipped = 0;
    let mut year = ASSUMED_YEAR;
    let mut prev_month = 0u32;
    let mut cursor_day = days_from_civil(year, 1, 1);
    for row in rows.iter().rev() {
        let m = small_int(row, month, 1.0, 12.0)?;
        let wd = small_int(row, weekday, 1.0, 7.0)?;
        let h = small_int(row, hour, 0.0, 23.0)?;
        let r = ctx.count(row, reach, false)?;
        let is_paid = match paid {
            Some(p) => ctx.count(row, p, true)?.is_some_and(|v| v > 0.0),
            None => false,
        };
        if m < prev_month {
            year += 1; // wrapped into the next year
        }
        if m != prev_month {
            cursor_day = cursor_day.max(days_from_civil(year, m, 1));
            prev_month = m;
        }
        // 1 = Sunday → Monday-0 index 6; 2 = Monday → 0.
        let want = (wd + 5) % 7;
        let mut day = cursor_day;
        while weekday_monday0(day * DAY_MS) != want {
            day += 1;
        }
        // Past the month's end: stay in the month on its last such weekday.
        let next_month_start = if m == 12 { days_from_civil(year + 1, 1, 1) } else { days_from_civil(year, m + 1, 1) };
        if day >= next_month_start {
            day -= 7 * ((day - next_month_start) / 7 + 1);
        }
        cursor_day = cursor_day.max(day);
        let Some(r) = r else {
            return Err(ImportError::BadNumber { line: row.line, column: ctx.cols.name(reach), value: String::new() });
        };
        if is_paid {
            skipped += 1;
            continue;
        }
        let followers = match likes {
            Some(l) => ctx.count(row, l, false)?,
            None => None,
        };
        posts.push(Post { platform: Platform::Facebook, at: day * DAY_MS + h as i64 * HOUR_MS, reach: r, id: None, followers, time_known: true });
    }
    posts.sort_by_key(|p| p.at);
    let notes = vec![
        "This export has month, weekday and hour but no date; days were reconstructed from the row order (year assumed 2014, weekday 1 = Sunday).".to_string(),
    ];
    Ok(ctx.finish(Platform::Facebook, posts, skipped, 0, notes))
}
