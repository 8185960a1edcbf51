//! TikTok Studio content export: `Video title,Video link,Post time,…,
//! Total views,…`. `Post time` looks like `2026-08-02 19:05:00` (no zone);
//! when it is date-only, the video id's top 32 bits give Unix seconds.

use super::{same_day_roughly, Ctx, ImportError, Imported};
use crate::reach::csv_reader::Row;
use crate::reach::platform::Platform;
use crate::reach::post::Post;

/// Longest run of digits in a URL (the video id in `/video/7261…`).
pub(crate) fn longest_digit_run(s: &str) -> Option<&str> {
    s.split(|c: char| !c.is_ascii_digit()).filter(|r| r.len() >= 15).max_by_key(|r| r.len())
}

pub(super) fn parse(rows: &[Row], ctx: &Ctx) -> Result<Imported, ImportError> {
    let time = ctx.require(&["post time"])?;
    let views = ctx.require(&["total views", "video views", "views"])?;
    let link = ctx.optional(&["video link"]);
    let mut posts = Vec::new();
    let mut from_id = 0;
    for row in rows {
        let at = ctx.date(row, time)?;
        let reach = ctx.count(row, views, true)?.unwrap_or(0.0);
        let id = match link {
            Some(l) => longest_digit_run(ctx.field(row, l)?).map(str::to_string),
            None => None,
        };
        let mut post = Post { platform: Platform::Tiktok, at: at.ms, reach, id: id.clone(), followers: None, time_known: at.has_time };
        if !at.has_time {
            if let Some(secs) = id.as_deref().and_then(|i| i.parse::<u64>().ok()).map(|n| (n >> 32) as i64 * 1000) {
                if same_day_roughly(at.ms, secs) {
                    post.at = secs;
                    post.time_known = true;
                    from_id += 1;
                }
            }
        }
        posts.push(post);
    }
    Ok(ctx.finish(Platform::Tiktok, posts, 0, from_id, vec!["TikTok gives post times without a zone; they were read in your own time zone.".into()]))
}
