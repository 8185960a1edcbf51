//! analytics.twitter.com per-tweet export: `"Tweet id","Tweet permalink",
//! "Tweet text","time","impressions",…` with minute-level UTC `time`
//! (`2016-12-23 18:50 +0000`) and `promoted …` columns (`-` when organic).

use super::{Ctx, ImportError, Imported};
use crate::reach::csv_reader::Row;
use crate::reach::platform::Platform;
use crate::reach::post::Post;

/// Replies (text starting "@") and old-style retweets ("RT @") are not the
/// account's own broadcast posts; their impressions follow other rules.
pub(crate) fn is_reply_or_repost(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with('@') || t.starts_with("RT @")
}

pub(super) fn parse(rows: &[Row], ctx: &Ctx) -> Result<Imported, ImportError> {
    let id = ctx.require(&["tweet id"])?;
    let time = ctx.require(&["time"])?;
    let imp = ctx.require(&["impressions"])?;
    let text = ctx.optional(&["tweet text"]);
    let promoted = ctx.optional(&["promoted impressions"]);
    let mut posts = Vec::new();
    let mut skipped = 0;
    for row in rows {
        let at = ctx.date(row, time)?;
        let reach = ctx.count(row, imp, true)?.unwrap_or(0.0);
        let is_promoted = match promoted {
            Some(p) => ctx.count(row, p, false)?.is_some_and(|v| v > 0.0),
            None => false,
        };
        let reply = match text {
            Some(t) => is_reply_or_repost(ctx.field(row, t)?),
            None => false,
        };
        if reply || is_promoted {
            skipped += 1;
            continue;
        }
        posts.push(Post {
            platform: Platform::X,
            at: at.ms,
            reach,
            id: Some(ctx.field(row, id)?.to_string()),
            followers: None,
            time_known: at.has_time,
        });
    }
    Ok(ctx.finish(Platform::X, posts, skipped, 0, Vec::new()))
}
