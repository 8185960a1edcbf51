//! X Premium `account_analytics_content_*.csv`: `Post id,Date,Post text,
//! Post Link,Impressions,…` where `Date` ("Tue, Jul 14, 2026") has no time;
//! the time is decoded from the snowflake id: (id >> 22) + 1288834974657 ms.

use super::x_tweet_activity::is_reply_or_repost;
use super::{same_day_roughly, snowflake_ms, Ctx, ImportError, Imported};
use crate::reach::csv_reader::Row;
use crate::reach::platform::Platform;
use crate::reach::post::Post;

const X_EPOCH_MS: i64 = 1_288_834_974_657;

pub(super) fn parse(rows: &[Row], ctx: &Ctx) -> Result<Imported, ImportError> {
    let id = ctx.require(&["post id"])?;
    let date = ctx.require(&["date"])?;
    let imp = ctx.require(&["impressions"])?;
    let text = ctx.optional(&["post text"]);
    let mut posts = Vec::new();
    let (mut skipped, mut from_id) = (0, 0);
    for row in rows {
        let day = ctx.date(row, date)?;
        let reach = ctx.count(row, imp, true)?.unwrap_or(0.0);
        if let Some(t) = text {
            if is_reply_or_repost(ctx.field(row, t)?) {
                skipped += 1;
                continue;
            }
        }
        let id_text = ctx.field(row, id)?.to_string();
        let (at, known) = match snowflake_ms(&id_text, X_EPOCH_MS) {
            Some(ms) if day.has_time || same_day_roughly(day.ms, ms) => {
                from_id += 1;
                (ms, true)
            }
            _ => (day.ms, day.has_time),
        };
        posts.push(Post { platform: Platform::X, at, reach, id: Some(id_text), followers: None, time_known: known });
    }
    Ok(ctx.finish(Platform::X, posts, skipped, from_id, Vec::new()))
}
