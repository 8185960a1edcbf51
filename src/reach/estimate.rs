//! The estimate the popup shows for a platform and posting time: "estimated
//! reach ~1,200 (typical range 450–3,100)", what drives it (usual level,
//! time of day, spacing), how much arrives in the first hour and day, and
//! the two best nearby slots — or "no reliable difference" when the
//! intervals cannot tell them apart.

use serde::Serialize;

use super::civil_time::{format_iso_minute, HOUR_MS};
use super::model::{Forecaster, ModelConfig, Prediction};
use super::platform::Platform;
use super::post::Post;
use super::priors::slot_name;
use super::schedule::LogEntry;

#[derive(Debug, Clone, Copy)]
pub struct EstimateRequest {
    pub platform: Platform,
    pub at: i64,
    /// Nearby slots are never suggested in the past.
    pub now: i64,
    pub local_offset_min: i64,
    /// Follower count when the user gave one (starts the level with no history).
    pub followers: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum EstimateError {
    NoHistory { platform: Platform },
}

impl std::fmt::Display for EstimateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EstimateError::NoHistory { platform } => write!(
                f,
                "no {} history yet: import an analytics export or enter your follower count",
                platform.label()
            ),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SlotEstimate {
    pub at: i64,
    pub at_iso: String,
    pub reach: f64,
    pub low80: f64,
    pub high80: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Drivers {
    /// Reach of a typical recent post (the rolling level).
    pub usual_level: f64,
    pub slot: String,
    /// Time-of-day effect in percent (e.g. +8 = 8 % above the usual level).
    pub time_of_day_pct: f64,
    /// Spacing effect vs. a rested account, in percent (negative = less).
    pub spacing_pct: f64,
    pub recent_posts: usize,
    pub minutes_since_last_post: Option<i64>,
    pub spacing_message: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Estimate {
    pub platform: Platform,
    pub at: i64,
    pub at_iso: String,
    pub reach: f64,
    pub low50: f64,
    pub high50: f64,
    pub low80: f64,
    pub high80: f64,
    pub history_posts: usize,
    /// "low" under 20 posts, "medium" under 100, else "high".
    pub confidence: &'static str,
    pub drivers: Drivers,
    pub share_first_hour: f64,
    pub share_first_day: f64,
    pub best_nearby: Vec<SlotEstimate>,
    pub no_reliable_difference: bool,
    pub headline: String,
    pub nearby_message: String,
}

/// Rounds to two significant figures for display ("~1,200").
pub fn round2(x: f64) -> f64 {
    if x < 10.0 {
        return x.round();
    }
    let mag = 10f64.powi(x.log10().floor() as i32 - 1);
    (x / mag).round() * mag
}

/// `1234.0` → `"1,234"`.
pub fn group_thousands(x: f64) -> String {
    let s = format!("{}", x.round() as i64);
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn fmt_reach(x: f64) -> String {
    group_thousands(round2(x))
}

fn fmt_ago(minutes: i64) -> String {
    if minutes < 90 {
        format!("{minutes} min")
    } else {
        format!("{} h", (minutes as f64 / 60.0).round() as i64)
    }
}

/// Builds the estimate from an imported history and the posting log
/// (log entries count for spacing; only history has reach).
pub fn estimate(history: &[Post], log: &[LogEntry], req: &EstimateRequest) -> Result<Estimate, EstimateError> {
    let cfg = ModelConfig { local_offset_min: req.local_offset_min };
    let mut f = Forecaster::fit(req.platform, cfg, history);
    for e in log.iter().filter(|e| e.platform == req.platform) {
        f.note_post_time(e.at);
    }
    let p = f.predict(req.at, true, req.followers).ok_or(EstimateError::NoHistory { platform: req.platform })?;
    let c = &p.components;
    let (low50, high50) = p.range50();
    let (low80, high80) = p.range80();
    let last = f.last_post_before(req.at);
    let minutes_since = last.map(|t| (req.at - t) / 60_000);
    let spacing_pct = 100.0 * (c.spacing_vs_rested.exp() - 1.0);
    let spacing_message = match minutes_since {
        Some(m) if c.spacing_count > 0 && spacing_pct <= -5.0 => {
            Some(format!("you posted {} ago: expect ~{:.0}% less", fmt_ago(m), -spacing_pct.round()))
        }
        Some(m) if c.spacing_count > 0 => Some(format!("you posted {} ago: little effect expected on your account", fmt_ago(m))),
        _ => None,
    };
    let (best, no_diff) = nearby(&f, &p, req);
    let headline = format!("estimated reach ~{} (typical range {}–{})", fmt_reach(p.reach()), fmt_reach(low80), fmt_reach(high80));
    let nearby_message = if no_diff {
        "no reliable difference between nearby times".to_string()
    } else {
        let b = &best[0];
        format!("{} looks better: ~{}", b.at_iso, fmt_reach(b.reach))
    };
    let n = f.history_posts();
    Ok(Estimate {
        platform: req.platform,
        at: req.at,
        at_iso: format_iso_minute(req.at),
        reach: p.reach(),
        low50,
        high50,
        low80,
        high80,
        history_posts: n,
        confidence: if n < 20 {
            "low"
        } else if n < 100 {
            "medium"
        } else {
            "high"
        },
        drivers: Drivers {
            usual_level: (c.level.exp() - 1.0).max(0.0),
            slot: slot_name(c.slot),
            time_of_day_pct: 100.0 * (c.slot_effect.exp() - 1.0),
            spacing_pct,
            recent_posts: c.spacing_count,
            minutes_since_last_post: minutes_since,
            spacing_message,
        },
        share_first_hour: req.platform.share_arrived(60.0),
        share_first_day: req.platform.share_arrived(24.0 * 60.0),
        best_nearby: best,
        no_reliable_difference: no_diff,
        headline,
        nearby_message,
    })
}

/// The two best whole hours within ±6 h of the chosen time (not in the
/// past), and whether the best is reliably better than the chosen time: only
/// when its advantage exceeds half the 50 % interval, i.e. the likely ranges
/// barely overlap.
fn nearby(f: &Forecaster, chosen: &Prediction, req: &EstimateRequest) -> (Vec<SlotEstimate>, bool) {
    let base = (req.at / HOUR_MS) * HOUR_MS;
    let mut cands: Vec<(i64, Prediction)> = (-6..=6)
        .map(|k| base + k * HOUR_MS)
        .filter(|t| *t >= req.now - HOUR_MS && *t != req.at)
        .filter_map(|t| f.predict(t, true, req.followers).map(|p| (t, p)))
        .collect();
    cands.sort_by(|a, b| b.1.log_point.total_cmp(&a.1.log_point).then(a.0.cmp(&b.0)));
    let best: Vec<SlotEstimate> = cands
        .iter()
        .take(2)
        .map(|(t, p)| {
            let (lo, hi) = p.range80();
            SlotEstimate { at: *t, at_iso: format_iso_minute(*t), reach: p.reach(), low80: lo, high80: hi }
        })
        .collect();
    let half50 = (chosen.band50.hi - chosen.band50.lo) / 2.0;
    let no_diff = cands.first().map_or(true, |(_, p)| p.log_point - chosen.log_point <= half50);
    (best, no_diff)
}

impl Estimate {
    pub fn summary_lines(&self) -> Vec<String> {
        let mut v = vec![
            format!("{} at {}: {}", self.platform.label(), self.at_iso, self.headline),
            format!("likely range (50 %): {}–{}; based on {} posts ({} confidence)", fmt_reach(self.low50), fmt_reach(self.high50), self.history_posts, self.confidence),
            format!("your usual level: ~{}", fmt_reach(self.drivers.usual_level)),
            format!("time of day ({}): {:+.0} %", self.drivers.slot, self.drivers.time_of_day_pct),
        ];
        v.push(match &self.drivers.spacing_message {
            Some(m) => format!("spacing: {m}"),
            None => "spacing: no recent posts on this platform".to_string(),
        });
        v.push(format!("{:.0} % of the reach typically arrives in the first hour, {:.0} % in the first day", 100.0 * self.share_first_hour, 100.0 * self.share_first_day));
        v.push(format!("nearby: {}", self.nearby_message));
        for s in &self.best_nearby {
            v.push(format!("  {}: ~{} ({}–{})", s.at_iso, fmt_reach(s.reach), fmt_reach(s.low80), fmt_reach(s.high80)));
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_the_popup() {
        assert_eq!(fmt_reach(1234.0), "1,200");
        assert_eq!(fmt_reach(3149.0), "3,100");
        assert_eq!(fmt_reach(448.0), "450");
        assert_eq!(group_thousands(1234567.0), "1,234,567");
    }

    #[test]
    fn spacing_message_after_a_recent_post() {
        let hist: Vec<Post> = (0..40).map(|i| Post { platform: Platform::X, at: i * 86_400_000, reach: 500.0 + 10.0 * (i % 5) as f64, id: None, followers: None, time_known: true }).collect();
        let at = 41 * 86_400_000;
        let log = [LogEntry { platform: Platform::X, at: at - 2 * HOUR_MS }];
        let req = EstimateRequest { platform: Platform::X, at, now: at, local_offset_min: 0, followers: None };
        let e = estimate(&hist, &log, &req).unwrap();
        assert_eq!(e.drivers.recent_posts, 1);
        assert!(e.drivers.spacing_message.as_deref().unwrap().starts_with("you posted 2 h ago"), "{:?}", e.drivers.spacing_message);
        assert!(e.headline.starts_with("estimated reach ~"));
        assert!(e.low80 <= e.reach && e.reach <= e.high80);
        assert!(e.best_nearby.iter().all(|s| s.at >= at - HOUR_MS));
        let none = estimate(&[], &[], &EstimateRequest { platform: Platform::Tiktok, ..req });
        assert!(matches!(none, Err(EstimateError::NoHistory { .. })));
    }
}
