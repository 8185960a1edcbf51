//! LinkedIn exports saved as CSV: the company page "All posts" sheet
//! (`Post title,Post link,Post type,Created date,Impressions,…`) and the
//! creator "TOP POSTS" sheet (`Post URL,Post publish date,Engagements,,
//! Post URL,Post publish date,Impressions`, two tables side by side).
//! Dates are `MM/DD/YYYY`; the time comes from the 19-digit activity id in
//! the URL, whose top 41 bits are Unix milliseconds.

use super::tiktok::longest_digit_run;
use super::{same_day_roughly, snowflake_ms, Ctx, ImportError, Imported};
use crate::reach::csv_reader::Row;
use crate::reach::platform::Platform;
use crate::reach::post::Post;

pub(super) fn parse(rows: &[Row], ctx: &Ctx) -> Result<Imported, ImportError> {
    let imp = ctx.require(&["impressions"])?;
    let date = ctx
        .cols
        .find_last_before(&["created date", "post publish date"], imp)
        .map_or_else(|| ctx.require(&["created date", "post publish date"]), Ok)?;
    let link = ctx.cols.find_last_before(&["post link", "post url"], imp).or_else(|| ctx.optional(&["post link", "post url"]));
    let kind = ctx.optional(&["post type", "content type"]);
    let mut posts = Vec::new();
    let (mut skipped, mut from_id) = (0, 0);
    for row in rows {
        if ctx.field(row, date)?.is_empty() && ctx.field(row, imp)?.is_empty() {
            skipped += 1; // the right-hand table can be shorter than the left
            continue;
        }
        if let Some(k) = kind {
            if ctx.field(row, k)?.eq_ignore_ascii_case("sponsored") {
                skipped += 1;
                continue;
            }
        }
        let day = ctx.date(row, date)?;
        let reach = ctx.count(row, imp, true)?.unwrap_or(0.0);
        let id = match link {
            Some(l) => longest_digit_run(ctx.field(row, l)?).map(str::to_string),
            None => None,
        };
        let mut post = Post { platform: Platform::Linkedin, at: day.ms, reach, id: id.clone(), followers: None, time_known: day.has_time };
        if !day.has_time {
            if let Some(ms) = id.as_deref().and_then(|i| snowflake_ms(i, 0)) {
                if same_day_roughly(day.ms, ms) {
                    post.at = ms;
                    post.time_known = true;
                    from_id += 1;
                }
            }
        }
        posts.push(post);
    }
    Ok(ctx.finish(Platform::Linkedin, posts, skipped, from_id, Vec::new()))
}
