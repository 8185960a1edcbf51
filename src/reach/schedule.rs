//! The posting plan behind the popup: posts per week per platform (the
//! user's choice, with defaults a little above the published weekly
//! minimums, reach.md §6.3), this week's progress, the next planned slot,
//! and whether a chosen time fits the plan. These are heuristics and the UI
//! labels them as such.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::civil_time::{format_iso_minute, weekday_monday0, DAY_MS, HOUR_MS, MINUTE_MS};
use super::platform::Platform;
use super::priors::best_weekday_hour;

/// Posts per week per platform.
pub type Plan = BTreeMap<Platform, u32>;

/// One published post from the posting log (or an imported history).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LogEntry {
    pub platform: Platform,
    pub at: i64,
}

/// The default plan: the defaults of the platforms the user posts on, or of
/// X and LinkedIn (clinicians' most common professional networks) when the
/// log is empty.
pub fn default_plan(log: &[LogEntry]) -> Plan {
    let mut plan: Plan = log.iter().map(|e| (e.platform, e.platform.default_posts_per_week())).collect();
    if plan.is_empty() {
        plan.insert(Platform::X, Platform::X.default_posts_per_week());
        plan.insert(Platform::Linkedin, Platform::Linkedin.default_posts_per_week());
    }
    plan
}

/// Monday 00:00 local of the week holding `now`, as UTC ms.
pub fn week_start(now: i64, local_offset_min: i64) -> i64 {
    let local = now + local_offset_min * MINUTE_MS;
    let day = local.div_euclid(DAY_MS) - weekday_monday0(local) as i64;
    day * DAY_MS - local_offset_min * MINUTE_MS
}

/// Planned slot times of one week: days spread evenly, at the hour the
/// published prior rates best on weekdays; when the plan has more posts than
/// days, same-day posts are kept 3 h apart (spacing matters more than the
/// clock).
pub fn planned_slots(platform: Platform, per_week: u32, week_start_ms: i64) -> Vec<i64> {
    let hour = best_weekday_hour(platform) as i64;
    let n = per_week.min(7 * 5) as i64;
    let mut out = Vec::with_capacity(n as usize);
    let mut prev_day = -1;
    let mut k = 0;
    for i in 0..n {
        let day = i * 7 / n.max(1);
        k = if day == prev_day { k + 1 } else { 0 };
        prev_day = day;
        out.push(week_start_ms + day * DAY_MS + (hour + 3 * k).min(23) * HOUR_MS);
    }
    out
}

#[derive(Debug, Clone, Serialize)]
pub struct PlatformStatus {
    pub platform: Platform,
    pub label: &'static str,
    pub planned: u32,
    pub done: u32,
    pub today: u32,
    pub daily_cap: u32,
    pub next_slot: Option<i64>,
    pub next_slot_iso: Option<String>,
    /// Fewer posts in the last 14 days than twice the weekly minimum (once
    /// any post on the platform is known).
    pub too_little: bool,
    /// More this week than the plan or the published weekly maximum.
    pub too_much: bool,
    /// The gaps between the last 10 posts vary more than their mean
    /// (coefficient of variation above 1).
    pub irregular: bool,
}

/// Coefficient of variation of the gaps between the last `n` posts of the
/// past 90 days > 1 (an old imported history says nothing about now).
fn irregular(log: &[LogEntry], platform: Platform, now: i64, n: usize) -> bool {
    let from = now - 90 * DAY_MS;
    let mut times: Vec<i64> = log.iter().filter(|e| e.platform == platform && e.at <= now && e.at >= from).map(|e| e.at).collect();
    times.sort_unstable();
    let recent = &times[times.len().saturating_sub(n)..];
    if recent.len() < 4 {
        return false;
    }
    let gaps: Vec<f64> = recent.windows(2).map(|w| (w[1] - w[0]) as f64).collect();
    let mean = gaps.iter().sum::<f64>() / gaps.len() as f64;
    if mean <= 0.0 {
        return false;
    }
    let var = gaps.iter().map(|g| (g - mean).powi(2)).sum::<f64>() / gaps.len() as f64;
    var.sqrt() / mean > 1.0
}

#[derive(Debug, Clone, Serialize)]
pub struct ScheduleStatus {
    pub week_start: i64,
    pub platforms: Vec<PlatformStatus>,
}

fn count_between(log: &[LogEntry], platform: Platform, from: i64, to: i64) -> u32 {
    log.iter().filter(|e| e.platform == platform && e.at >= from && e.at < to).count() as u32
}

/// The plan's state at `now`.
pub fn status(plan: &Plan, log: &[LogEntry], now: i64, local_offset_min: i64) -> ScheduleStatus {
    let ws = week_start(now, local_offset_min);
    let local_day_start = {
        let local = now + local_offset_min * MINUTE_MS;
        local.div_euclid(DAY_MS) * DAY_MS - local_offset_min * MINUTE_MS
    };
    let platforms = plan
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(&p, &planned)| {
            let done = count_between(log, p, ws, ws + 7 * DAY_MS);
            let today = count_between(log, p, local_day_start, local_day_start + DAY_MS);
            let last14 = count_between(log, p, now - 14 * DAY_MS, now + 1);
            let next = next_slot(p, planned, done, now, ws);
            let (min, max) = p.weekly_range();
            PlatformStatus {
                platform: p,
                label: p.label(),
                planned,
                done,
                today,
                daily_cap: p.daily_cap(),
                next_slot: next,
                next_slot_iso: next.map(format_iso_minute),
                // Only once there is a log to judge by: a fresh install is not "too little".
                too_little: log.iter().any(|e| e.platform == p) && last14 < 2 * min,
                too_much: done > planned || max.is_some_and(|m| done > m),
                irregular: irregular(log, p, now, 10),
            }
        })
        .collect();
    ScheduleStatus { week_start: ws, platforms }
}

/// The next planned slot: the first not-yet-used slot of this week still
/// ahead; a missed slot moves to the next whole hour; a finished week moves
/// to next week's first slot.
fn next_slot(platform: Platform, planned: u32, done: u32, now: i64, ws: i64) -> Option<i64> {
    if planned == 0 {
        return None;
    }
    let slots = planned_slots(platform, planned, ws);
    if done >= planned {
        return planned_slots(platform, planned, ws + 7 * DAY_MS).first().copied();
    }
    let remaining = &slots[done as usize..];
    remaining.iter().copied().find(|t| *t >= now).or_else(|| Some((now / HOUR_MS + 1) * HOUR_MS))
}

/// Whether posting on `platform` at `at` keeps within the plan.
#[derive(Debug, Clone, Serialize)]
pub struct PlanFit {
    pub fits: bool,
    pub reason: String,
}

pub fn fits_plan(plan: &Plan, log: &[LogEntry], platform: Platform, at: i64, local_offset_min: i64) -> PlanFit {
    let Some(&planned) = plan.get(&platform) else {
        return PlanFit { fits: false, reason: format!("{} is not in your plan", platform.label()) };
    };
    let ws = week_start(at, local_offset_min);
    let done = count_between(log, platform, ws, ws + 7 * DAY_MS);
    let local = at + local_offset_min * MINUTE_MS;
    let day_start = local.div_euclid(DAY_MS) * DAY_MS - local_offset_min * MINUTE_MS;
    let today = count_between(log, platform, day_start, day_start + DAY_MS);
    if done >= planned {
        return PlanFit { fits: false, reason: format!("you have already posted {done} of {planned} planned this week") };
    }
    if today >= platform.daily_cap() {
        return PlanFit { fits: false, reason: format!("{today} posts that day already (suggested maximum {})", platform.daily_cap()) };
    }
    PlanFit { fits: true, reason: format!("post {} of {planned} planned this week", done + 1) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reach::civil_time::to_ms;

    fn t(d: u32, h: u32) -> i64 {
        to_ms(2026, 11, d, h, 0, 0).unwrap() // 2026-11-30 is a Monday
    }

    #[test]
    fn week_starts_on_local_monday() {
        assert_eq!(week_start(t(30, 12), 0), t(30, 0));
        assert_eq!(week_start(to_ms(2026, 12, 2, 14, 0, 0).unwrap(), 0), t(30, 0));
        // 01:00Z Monday is still Sunday evening in New York.
        assert_eq!(week_start(t(30, 1), -300), to_ms(2026, 11, 23, 5, 0, 0).unwrap());
    }

    #[test]
    fn progress_and_next_slot() {
        let plan: Plan = [(Platform::X, 3)].into_iter().collect();
        let log = vec![LogEntry { platform: Platform::X, at: t(30, 9) }, LogEntry { platform: Platform::X, at: to_ms(2026, 11, 20, 9, 0, 0).unwrap() }];
        let now = to_ms(2026, 12, 1, 8, 0, 0).unwrap();
        let s = status(&plan, &log, now, 0);
        let x = &s.platforms[0];
        assert_eq!((x.planned, x.done, x.today), (3, 1, 0));
        let slots = planned_slots(Platform::X, 3, t(30, 0));
        assert_eq!(slots.len(), 3);
        let hour = crate::reach::priors::best_weekday_hour(Platform::X) as i64;
        assert_eq!(slots, vec![t(30, 0) + hour * HOUR_MS, t(30, 0) + 2 * DAY_MS + hour * HOUR_MS, t(30, 0) + 4 * DAY_MS + hour * HOUR_MS]);
        let busy = planned_slots(Platform::X, 14, t(30, 0));
        assert_eq!(busy.len(), 14);
        assert_eq!(busy[1] - busy[0], 3 * HOUR_MS, "two a day, 3 h apart");
        assert_eq!(x.next_slot, Some(slots[1]));
        assert!(x.next_slot.unwrap() >= now);
        assert!(x.too_little, "2 posts in 14 days < 2 × weekly minimum 3");
    }

    #[test]
    fn flags_irregular_posting() {
        let day = |d: i64| t(1, 9) + d * DAY_MS;
        let steady: Vec<LogEntry> = (0..10).map(|i| LogEntry { platform: Platform::X, at: day(i * 2) }).collect();
        assert!(!irregular(&steady, Platform::X, day(30), 10));
        let bursty: Vec<LogEntry> = [0, 0, 0, 1, 25, 25, 25, 26, 60, 60].iter().map(|&d| LogEntry { platform: Platform::X, at: day(d) + d }).collect();
        assert!(irregular(&bursty, Platform::X, day(70), 10));
    }

    #[test]
    fn plan_fit_checks_week_and_day() {
        let plan: Plan = [(Platform::Linkedin, 2)].into_iter().collect();
        let log = vec![LogEntry { platform: Platform::Linkedin, at: t(30, 9) }];
        assert!(!fits_plan(&plan, &log, Platform::Linkedin, t(30, 15), 0).fits, "LinkedIn daily cap 1");
        assert!(fits_plan(&plan, &log, Platform::Linkedin, to_ms(2026, 12, 2, 9, 0, 0).unwrap(), 0).fits);
        assert!(!fits_plan(&plan, &log, Platform::X, t(30, 9), 0).fits);
        assert_eq!(default_plan(&[]).len(), 2);
    }
}
