//! One published post as the estimator sees it: where, when, how many people
//! it reached. Text is never kept (it may hold patient details).

use serde::{Deserialize, Serialize};

use super::platform::Platform;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Post {
    pub platform: Platform,
    /// Publication time, UTC milliseconds since 1970.
    pub at: i64,
    /// Lifetime reach: impressions (X, LinkedIn), reach (Meta), views
    /// (TikTok, YouTube).
    pub reach: f64,
    /// The platform's post id when the export has one (for de-duplication).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Follower count at posting time, when the export states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub followers: Option<f64>,
    /// False when only the date is known (the time was set to 00:00 UTC of
    /// that day, so the hour-of-week effect must not learn from it).
    #[serde(default = "yes")]
    pub time_known: bool,
}

fn yes() -> bool {
    true
}

impl Post {
    /// The modelled outcome: log(1 + reach), so zero-reach posts stay finite.
    pub fn log_reach(&self) -> f64 {
        (1.0 + self.reach.max(0.0)).ln()
    }
}

/// Sorts by time and drops duplicates (same platform and id, or same
/// platform, time and reach when there is no id), which appear when
/// overlapping monthly exports are imported together.
pub fn merge_history(mut posts: Vec<Post>) -> Vec<Post> {
    posts.sort_by(|a, b| a.at.cmp(&b.at).then(a.platform.cmp(&b.platform)));
    let mut seen_ids = std::collections::HashSet::new();
    let mut out: Vec<Post> = Vec::with_capacity(posts.len());
    for p in posts {
        if let Some(id) = &p.id {
            if !seen_ids.insert((p.platform, id.clone())) {
                continue;
            }
        } else if out.iter().rev().take(8).any(|q| q.id.is_none() && q.platform == p.platform && q.at == p.at && q.reach == p.reach) {
            continue;
        }
        out.push(p);
    }
    out
}
