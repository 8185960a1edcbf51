//! Published hour-of-week priors (`data/priors_hour_of_week.json`, a copy of
//! `shared/research/priors_hour_of_week.json`; sources in reach.md §1),
//! collapsed to 10 coarse slots — 5 parts of the day × weekday/weekend —
//! because real accounts cannot support 168 separate hourly effects.

use std::sync::OnceLock;

use super::civil_time::{hour_of_day, weekday_monday0, MINUTE_MS};
use super::platform::Platform;

const PRIORS_JSON: &str = include_str!("data/priors_hour_of_week.json");

pub const SLOTS: usize = 10;

/// Part of the day for an hour: night 0–5, morning 6–10, midday 11–13,
/// afternoon 14–17, evening 18–23.
pub fn daypart(hour: u32) -> usize {
    match hour {
        0..=5 => 0,
        6..=10 => 1,
        11..=13 => 2,
        14..=17 => 3,
        _ => 4,
    }
}

pub const DAYPART_NAMES: [&str; 5] = ["night", "morning", "midday", "afternoon", "evening"];

/// Slot index of a UTC time as seen in the audience's zone.
pub fn slot_of(at_ms: i64, local_offset_min: i64) -> usize {
    let local = at_ms + local_offset_min * MINUTE_MS;
    let weekend = weekday_monday0(local) >= 5;
    daypart(hour_of_day(local)) + if weekend { 5 } else { 0 }
}

pub fn slot_name(slot: usize) -> String {
    format!("{} {}", if slot >= 5 { "weekend" } else { "weekday" }, DAYPART_NAMES[slot % 5])
}

/// The raw 7×24 multiplier grid of one platform (weekday 0 = Monday).
fn grid(platform: Platform) -> Option<&'static [[f64; 24]; 7]> {
    static GRIDS: OnceLock<Vec<(String, [[f64; 24]; 7])>> = OnceLock::new();
    let grids = GRIDS.get_or_init(|| {
        let v: serde_json::Value = serde_json::from_str(PRIORS_JSON).unwrap_or(serde_json::Value::Null);
        let mut out = Vec::new();
        if let Some(map) = v.get("platforms").and_then(|p| p.as_object()) {
            for (name, rows) in map {
                let mut g = [[1.0f64; 24]; 7];
                let ok = rows.as_array().is_some_and(|days| {
                    days.len() == 7
                        && days.iter().enumerate().all(|(d, hours)| {
                            hours.as_array().is_some_and(|hs| {
                                hs.len() == 24
                                    && hs.iter().enumerate().all(|(h, x)| match x.as_f64() {
                                        Some(x) if x > 0.0 => {
                                            g[d][h] = x;
                                            true
                                        }
                                        _ => false,
                                    })
                            })
                        })
                });
                if ok {
                    out.push((name.clone(), g));
                }
            }
        }
        out
    });
    grids.iter().find(|(n, _)| n == platform.name()).map(|(_, g)| g)
}

/// Log multiplier per coarse slot, centred so the average hour is 0.
pub fn slot_prior(platform: Platform) -> [f64; SLOTS] {
    let mut sums = [0.0; SLOTS];
    let mut counts = [0.0; SLOTS];
    let Some(g) = grid(platform) else {
        return [0.0; SLOTS];
    };
    let mut total = 0.0;
    for (d, hours) in g.iter().enumerate() {
        for (h, m) in hours.iter().enumerate() {
            let s = daypart(h as u32) + if d >= 5 { 5 } else { 0 };
            sums[s] += m.ln();
            counts[s] += 1.0;
            total += m.ln();
        }
    }
    let mean = total / 168.0;
    let mut out = [0.0; SLOTS];
    for s in 0..SLOTS {
        out[s] = if counts[s] > 0.0 { sums[s] / counts[s] - mean } else { 0.0 };
    }
    out
}

/// The weekday hour the published prior rates highest (the default hour for
/// planned slots), earliest on ties.
pub fn best_weekday_hour(platform: Platform) -> u32 {
    let Some(g) = grid(platform) else {
        return 10;
    };
    let mut best = (9u32, f64::MIN);
    for h in 7..21u32 {
        let v: f64 = (0..5).map(|d| g[d][h as usize].ln()).sum();
        if v > best.1 + 1e-12 {
            best = (h, v);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_priors_cover_every_platform_and_are_weak() {
        for p in Platform::ALL {
            assert!(grid(p).is_some(), "{p:?}");
            let s = slot_prior(p);
            assert!(s.iter().all(|m| m.abs() < 0.5), "{p:?} {s:?}");
        }
        let li = slot_prior(Platform::Linkedin);
        assert!(li[2] > li[7], "LinkedIn weekday midday beats weekend midday");
    }

    #[test]
    fn slots_follow_local_time() {
        // 2026-12-02 is a Wednesday. 14:00Z at UTC-8 is 06:00 local: morning.
        let at = crate::reach::civil_time::to_ms(2026, 12, 2, 14, 0, 0).unwrap();
        assert_eq!(slot_of(at, 0), 3);
        assert_eq!(slot_of(at, -480), 1);
        assert_eq!(slot_name(7), "weekend midday");
        assert!((7..21).contains(&best_weekday_hour(Platform::X)));
    }
}
