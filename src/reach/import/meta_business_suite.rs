//! Meta Business Suite post exports (Facebook Page and Instagram content):
//! `Post ID,…,Publish time,…,Post type,…,Reach,…`. Column order varies and
//! `Publish time` (`MM/DD/YYYY HH:MM`) carries no zone, so it is read in the
//! user's zone (`ImportOptions::local_offset_min`).

use super::{Ctx, ImportError, Imported};
use crate::reach::csv_reader::Row;
use crate::reach::platform::Platform;
use crate::reach::post::Post;

pub(super) fn parse(rows: &[Row], ctx: &Ctx) -> Result<Imported, ImportError> {
    let time = ctx.require(&["publish time"])?;
    let reach_col = ctx.require(&["reach", "views", "impressions"])?;
    let id = ctx.optional(&["post id"]);
    let kind = ctx.optional(&["post type"]);
    let instagram_header = ctx.cols.has("account username") || ctx.cols.has("account id");
    let mut posts = Vec::new();
    let mut skipped = 0;
    let mut instagram_rows = 0;
    for row in rows {
        let kind_text = match kind {
            Some(k) => ctx.field(row, k)?.to_ascii_lowercase(),
            None => String::new(),
        };
        // Stories reach a different audience share; paid rows are not organic.
        let paid = kind_text.split(|c: char| !c.is_alphanumeric()).any(|w| matches!(w, "ad" | "ads" | "paid" | "boosted" | "sponsored"));
        if kind_text.contains("story") || kind_text.contains("stories") || paid {
            skipped += 1;
            continue;
        }
        if kind_text.starts_with("ig") {
            instagram_rows += 1;
        }
        let at = ctx.date(row, time)?;
        let reach = ctx.count(row, reach_col, true)?.unwrap_or(0.0);
        let id = match id {
            Some(i) => Some(ctx.field(row, i)?.to_string()).filter(|s| !s.is_empty()),
            None => None,
        };
        posts.push(Post { platform: Platform::Facebook, at: at.ms, reach, id, followers: None, time_known: at.has_time });
    }
    let platform = if instagram_header || instagram_rows * 2 > posts.len() { Platform::Instagram } else { Platform::Facebook };
    for p in &mut posts {
        p.platform = platform;
    }
    let notes = vec!["Meta exports give times without a zone; they were read in your own time zone.".to_string()];
    Ok(ctx.finish(platform, posts, skipped, 0, notes))
}
