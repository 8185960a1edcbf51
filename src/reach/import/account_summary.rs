//! Account-level summaries that sit beside per-post exports: X's daily
//! `daily_tweet_activity_metrics_*.csv` ("Date","Tweets published",
//! "impressions",…) and hand-kept monthly sheets with a `followers` column
//! (e.g. rOpenSci's `twitter_metrics_monthly_*.csv`). They hold no posts;
//! follower counts, when present, give the level its follower prior.

use serde::{Deserialize, Serialize};

use super::{Ctx, ImportError, Imported};
use crate::reach::csv_reader::Row;
use crate::reach::platform::Platform;
use crate::reach::post::Post;

/// A follower count on a date.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FollowerPoint {
    pub platform: Platform,
    pub at: i64,
    pub followers: f64,
}

pub(super) fn parse(rows: &[Row], ctx: &Ctx) -> Result<Imported, ImportError> {
    let date = ctx.require(&["date", "day", "month"])?;
    let followers = ctx.optional(&["followers", "follower count", "total followers"]);
    let mut series = Vec::new();
    if let Some(f) = followers {
        for row in rows {
            // Hand-kept sheets write NA for months not recorded.
            let Some(n) = ctx.count(row, f, false)? else { continue };
            let at = ctx.date(row, date)?;
            series.push(FollowerPoint { platform: Platform::X, at: at.ms, followers: n });
        }
    }
    series.sort_by_key(|p| p.at);
    let note = if series.is_empty() {
        "account-level summary without follower counts: nothing to import from it (per-post exports hold the posts)".to_string()
    } else {
        format!("account-level summary: {} follower counts used for the level prior", series.len())
    };
    let mut imp = ctx.finish(Platform::X, Vec::new(), rows.len(), 0, vec![note]);
    imp.followers = series;
    Ok(imp)
}

/// Gives each post the latest follower count on or before it (or the first
/// one after, for posts older than the series), per platform.
pub fn attach_followers(posts: &mut [Post], series: &[FollowerPoint]) {
    for p in posts.iter_mut().filter(|p| p.followers.is_none()) {
        let mine = series.iter().filter(|s| s.platform == p.platform);
        let before = mine.clone().filter(|s| s.at <= p.at).max_by_key(|s| s.at);
        let pick = before.or_else(|| mine.min_by_key(|s| s.at));
        if let Some(s) = pick {
            p.followers = Some(s.followers);
        }
    }
}
