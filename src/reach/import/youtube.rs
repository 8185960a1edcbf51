//! YouTube Studio "Table data.csv": `Content,Video title,Video publish time,
//! …,Views,…`. The first data row is the `Total`; the publish time is a
//! date only, which suits a platform whose half-life is days.

use super::{Ctx, ImportError, Imported};
use crate::reach::csv_reader::Row;
use crate::reach::platform::Platform;
use crate::reach::post::Post;

pub(super) fn parse(rows: &[Row], ctx: &Ctx) -> Result<Imported, ImportError> {
    let time = ctx.require(&["video publish time"])?;
    let views = ctx.require(&["views"])?;
    let content = ctx.optional(&["content"]);
    let mut posts = Vec::new();
    let mut skipped = 0;
    for row in rows {
        let id = match content {
            Some(c) => ctx.field(row, c)?.to_string(),
            None => String::new(),
        };
        let publish = ctx.field(row, time)?;
        if id.eq_ignore_ascii_case("total") || (publish.is_empty() && row.line <= 3) {
            skipped += 1;
            continue;
        }
        let at = ctx.date(row, time)?;
        let reach = ctx.count(row, views, true)?.unwrap_or(0.0);
        posts.push(Post { platform: Platform::Youtube, at: at.ms, reach, id: Some(id).filter(|s| !s.is_empty()), followers: None, time_known: at.has_time });
    }
    Ok(ctx.finish(Platform::Youtube, posts, skipped, 0, Vec::new()))
}
