//! Calendar arithmetic on UTC milliseconds without a date crate: exports only
//! need a few fixed formats, and the WASM build stays small. Algorithms are
//! Howard Hinnant's `days_from_civil` / `civil_from_days`.

pub const MINUTE_MS: i64 = 60_000;
pub const HOUR_MS: i64 = 60 * MINUTE_MS;
pub const DAY_MS: i64 = 24 * HOUR_MS;

/// Days since 1970-01-01 for a proleptic Gregorian date.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// (year, month, day) for days since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// UTC milliseconds for a validated civil date and time; `None` when any
/// field is out of range (so "2021-02-30" is rejected, not rolled over).
pub fn to_ms(y: i64, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> Option<i64> {
    if !(1970..=2200).contains(&y) || !(1..=12).contains(&mo) || d == 0 || d > days_in_month(y, mo) {
        return None;
    }
    if h > 23 || mi > 59 || s > 60 {
        return None;
    }
    Some(days_from_civil(y, mo, d) * DAY_MS + h as i64 * HOUR_MS + mi as i64 * MINUTE_MS + s as i64 * 1000)
}

/// Weekday with 0 = Monday, for UTC milliseconds.
pub fn weekday_monday0(ms: i64) -> u32 {
    // 1970-01-01 was a Thursday (3 when Monday = 0).
    (ms.div_euclid(DAY_MS) + 3).rem_euclid(7) as u32
}

pub fn hour_of_day(ms: i64) -> u32 {
    (ms.rem_euclid(DAY_MS) / HOUR_MS) as u32
}

/// `2026-12-02T14:00Z` style (minute precision, UTC).
pub fn format_iso_minute(ms: i64) -> String {
    let (y, m, d) = civil_from_days(ms.div_euclid(DAY_MS));
    let rem = ms.rem_euclid(DAY_MS);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}Z", rem / HOUR_MS, (rem % HOUR_MS) / MINUTE_MS)
}

fn month_from_name(s: &str) -> Option<u32> {
    let s = s.trim().to_ascii_lowercase();
    const NAMES: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    if s.len() < 3 {
        return None;
    }
    NAMES.iter().position(|n| s.starts_with(n)).map(|i| i as u32 + 1)
}

fn num<T: std::str::FromStr>(s: &str) -> Option<T> {
    let s = s.trim();
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Parses `HH:MM[:SS]` with optional `am`/`pm`.
fn parse_clock(s: &str) -> Option<(u32, u32, u32)> {
    let s = s.trim().to_ascii_lowercase();
    let (body, pm) = if let Some(b) = s.strip_suffix("pm") {
        (b.trim().to_string(), Some(true))
    } else if let Some(b) = s.strip_suffix("am") {
        (b.trim().to_string(), Some(false))
    } else {
        (s.clone(), None)
    };
    let mut it = body.split(':');
    let mut h: u32 = num(it.next()?)?;
    let mi: u32 = num(it.next()?)?;
    let sec: u32 = match it.next() {
        Some(x) => num(x.split('.').next().unwrap_or(x))?,
        None => 0,
    };
    if it.next().is_some() {
        return None;
    }
    if let Some(pm) = pm {
        if h == 0 || h > 12 {
            return None;
        }
        h = match (pm, h) {
            (false, 12) => 0,
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, h) => h,
        };
    }
    Some((h, mi, sec))
}

/// Parses a UTC offset like `+0000`, `+05:30`, `Z`, `UTC`; minutes east.
fn parse_offset(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("z") || s.eq_ignore_ascii_case("utc") || s.eq_ignore_ascii_case("gmt") {
        return Some(0);
    }
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 {
        return None;
    }
    let h: i64 = num(digits.get(..2)?)?;
    let m: i64 = num(digits.get(2..)?)?;
    Some(sign * (h * 60 + m))
}

/// A parsed timestamp and whether it carried a time of day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParsedTime {
    pub ms: i64,
    pub has_time: bool,
}

/// Parses the date/time shapes analytics exports use:
/// `2016-12-23 18:50 +0000`, `2026-08-02 19:05:00`, `2026-12-02T14:00Z`,
/// `12/23/2016 18:50` (US month first), `Tue, Jul 14, 2026`, `Mar 5, 2023`,
/// `2023-03-05`. Times without an offset are taken as `local_offset_min`
/// minutes east of UTC (the export's own zone, which it does not state).
pub fn parse_datetime(raw: &str, local_offset_min: i64) -> Option<ParsedTime> {
    let s = raw.trim().trim_matches('"').trim();
    if s.is_empty() {
        return None;
    }
    // ISO-like: YYYY-MM-DD[(T| )HH:MM[:SS][offset]]
    if s.len() >= 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-' {
        let y: i64 = num(s.get(0..4)?)?;
        let mo: u32 = num(s.get(5..7)?)?;
        let d: u32 = num(s.get(8..10)?)?;
        let rest = s.get(10..)?.trim_start_matches(['T', ' ']);
        if rest.is_empty() {
            return Some(ParsedTime { ms: to_ms(y, mo, d, 0, 0, 0)?, has_time: false });
        }
        // Split the clock from the offset.
        let (clock, offset) = split_clock_offset(rest)?;
        let (h, mi, sec) = parse_clock(&clock)?;
        let off = match offset {
            Some(o) => parse_offset(&o)?,
            None => local_offset_min,
        };
        return Some(ParsedTime { ms: to_ms(y, mo, d, h, mi, sec)? - off * MINUTE_MS, has_time: true });
    }
    // US numeric: MM/DD/YYYY[ HH:MM[ am|pm]]
    if s.contains('/') {
        let (date, clock) = match s.find(' ') {
            Some(i) => (&s[..i], s[i + 1..].trim()),
            None => (s, ""),
        };
        let parts: Vec<&str> = date.split('/').collect();
        if parts.len() != 3 {
            return None;
        }
        let mo: u32 = num(parts[0])?;
        let d: u32 = num(parts[1])?;
        let mut y: i64 = num(parts[2])?;
        if parts[2].len() == 2 {
            y += 2000;
        }
        if clock.is_empty() {
            return Some(ParsedTime { ms: to_ms(y, mo, d, 0, 0, 0)?, has_time: false });
        }
        let (h, mi, sec) = parse_clock(clock)?;
        return Some(ParsedTime { ms: to_ms(y, mo, d, h, mi, sec)? - local_offset_min * MINUTE_MS, has_time: true });
    }
    // Month-name dates: "Tue, Jul 14, 2026", "Mar 5, 2023", "5 Mar 2023".
    let cleaned: String = s.replace(',', " ");
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let mut month = None;
    let mut numbers = Vec::new();
    for w in &words {
        if let Some(n) = num::<i64>(w) {
            numbers.push(n);
        } else if month.is_none() {
            month = month_from_name(w).filter(|_| !is_weekday_name(w));
        }
    }
    let mo = month?;
    if numbers.len() != 2 {
        return None;
    }
    let (d, y) = if numbers[0] > 31 { (numbers[1], numbers[0]) } else { (numbers[0], numbers[1]) };
    Some(ParsedTime { ms: to_ms(y, mo, u32::try_from(d).ok()?, 0, 0, 0)?, has_time: false })
}

fn is_weekday_name(w: &str) -> bool {
    let w = w.to_ascii_lowercase();
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].iter().any(|d| w.starts_with(d))
}

fn split_clock_offset(rest: &str) -> Option<(String, Option<String>)> {
    let rest = rest.trim();
    if let Some(i) = rest.find(' ') {
        let (c, o) = rest.split_at(i);
        let o = o.trim();
        if o.eq_ignore_ascii_case("am") || o.eq_ignore_ascii_case("pm") {
            return Some((rest.to_string(), None));
        }
        return Some((c.to_string(), Some(o.to_string())));
    }
    if let Some(c) = rest.strip_suffix(['Z', 'z']) {
        return Some((c.to_string(), Some("Z".into())));
    }
    if let Some(i) = rest.rfind(['+', '-']) {
        return Some((rest[..i].to_string(), Some(rest[i..].to_string())));
    }
    Some((rest.to_string(), None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_days() {
        for z in [-1000, 0, 1, 365, 19_000, 20_000, 60_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(weekday_monday0(0), 3); // Thursday
    }

    #[test]
    fn parses_export_shapes() {
        let t = parse_datetime("2016-12-23 18:50 +0000", 0).unwrap();
        assert_eq!(format_iso_minute(t.ms), "2016-12-23T18:50Z");
        assert!(t.has_time);
        let t = parse_datetime("2026-12-02T14:00Z", 0).unwrap();
        assert_eq!(format_iso_minute(t.ms), "2026-12-02T14:00Z");
        let t = parse_datetime("2026-08-02 19:05:00", 60).unwrap();
        assert_eq!(format_iso_minute(t.ms), "2026-08-02T18:05Z");
        let t = parse_datetime("07/14/2026 09:30", 0).unwrap();
        assert_eq!(format_iso_minute(t.ms), "2026-07-14T09:30Z");
        let t = parse_datetime("07/14/2026 9:30 pm", 0).unwrap();
        assert_eq!(format_iso_minute(t.ms), "2026-07-14T21:30Z");
        let t = parse_datetime("Tue, Jul 14, 2026", 0).unwrap();
        assert!(!t.has_time);
        assert_eq!(format_iso_minute(t.ms), "2026-07-14T00:00Z");
        assert_eq!(format_iso_minute(parse_datetime("Mar 5, 2023", 0).unwrap().ms), "2023-03-05T00:00Z");
        assert_eq!(format_iso_minute(parse_datetime("2026-12-02T14:00+01:00", 0).unwrap().ms), "2026-12-02T13:00Z");
    }

    #[test]
    fn rejects_nonsense() {
        for s in ["", "yesterday", "2021-02-30", "13/01/2021", "2021-01-01 25:00", "Foo 3, 2020"] {
            assert!(parse_datetime(s, 0).is_none(), "{s}");
        }
    }
}
