//! Video containers: only container metadata is checked (frames are not
//! decoded). MP4/QuickTime: `mvhd` creation time, `©xyz` and Apple's
//! `com.apple.quicktime.location.ISO6709` position, `©day`/`©ART`/`©cmt`
//! and mdta creation date. WebM: the Segment Info `DateUTC`.

use super::metadata::{bytes_to_text, clean_text, MetaItem, Metadata};

/// Boxes that contain other boxes (the walk descends into these only).
const CONTAINERS: &[&[u8; 4]] = &[b"moov", b"udta", b"meta", b"ilst", b"trak", b"mdia"];
/// Deepest nesting followed; real files need 4-5.
const MAX_DEPTH: usize = 8;

/// Add the metadata of an ISO base media (MP4/MOV/3GP) file.
pub fn collect_mp4(b: &[u8], out: &mut Metadata) {
    let mut keys = Vec::new();
    walk(b, 0, &mut keys, out);
}

/// Add metadata from the file's last bytes, when only head and tail were
/// sent: the `moov` box is often written at the end.
pub fn collect_mp4_tail(tail: &[u8], out: &mut Metadata) {
    if let Some(at) = super::dimensions::find(tail, b"moov") {
        if at >= 4 {
            let mut keys = Vec::new();
            walk(&tail[at - 4..], 0, &mut keys, out);
        }
    }
}

fn walk(mut b: &[u8], depth: usize, keys: &mut Vec<String>, out: &mut Metadata) {
    if depth > MAX_DEPTH {
        return;
    }
    while b.len() >= 8 {
        let size32 = u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as u64;
        let kind = [b[4], b[5], b[6], b[7]];
        let (header, size) = match size32 {
            0 => (8usize, b.len() as u64),
            1 => {
                let Some(l) = b.get(8..16) else { return };
                (16, u64::from_be_bytes([l[0], l[1], l[2], l[3], l[4], l[5], l[6], l[7]]))
            }
            s => (8, s),
        };
        if size < header as u64 {
            return;
        }
        // A box running past the data we have (a huge mdat): read what is here.
        let end = size.min(b.len() as u64) as usize;
        let body = &b[header..end];
        match &kind {
            b"mvhd" => mvhd(body, out),
            b"keys" => *keys = key_names(body),
            [0xA9, b'x', b'y', b'z'] => {
                if let Some(s) = qt_string(body) {
                    if let Some((lat, lon)) = iso6709(&s) {
                        out.push(MetaItem::Gps { source: "video ©xyz".into(), lat, lon });
                    }
                }
            }
            [0xA9, ..] if depth >= 1 => user_text(&kind, body, out),
            k if CONTAINERS.contains(&k) => {
                // `meta` is a full box in MP4 (4 bytes version/flags) but not in QuickTime.
                let inner = if k == b"meta" && body.len() >= 4 && body[0..4] == [0, 0, 0, 0] { &body[4..] } else { body };
                if k == b"ilst" {
                    ilst(inner, keys, out);
                } else {
                    walk(inner, depth + 1, keys, out);
                }
            }
            _ => {}
        }
        if end >= b.len() {
            return;
        }
        b = &b[end..];
    }
}

/// Movie header: creation time in seconds since 1904-01-01 UTC.
fn mvhd(body: &[u8], out: &mut Metadata) {
    let Some(&version) = body.first() else { return };
    let secs = if version == 1 {
        body.get(4..12).map(|s| u64::from_be_bytes([s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]]))
    } else {
        body.get(4..8).map(|s| u32::from_be_bytes([s[0], s[1], s[2], s[3]]) as u64)
    };
    if let Some(s) = secs.filter(|&s| s > 0) {
        // 2,082,844,800 s between 1904 and 1970.
        if let Some(unix) = s.checked_sub(2_082_844_800) {
            out.push(MetaItem::DateTime { field: "video creation time (mvhd)".into(), value: format_unix(unix as i64) });
        }
    }
}

/// QuickTime user-data string: u16 length, u16 language, text.
fn qt_string(body: &[u8]) -> Option<String> {
    if body.len() >= 4 {
        let n = u16::from_be_bytes([body[0], body[1]]) as usize;
        if let Some(t) = body.get(4..4 + n) {
            return Some(bytes_to_text(t));
        }
    }
    data_box(body)
}

/// An ilst item's `data` box value (after type and locale).
fn data_box(body: &[u8]) -> Option<String> {
    let at = super::dimensions::find(body, b"data")?;
    let v = body.get(at + 12..)?;
    let size = u32::from_be_bytes(body.get(at - 4..at)?.try_into().ok()?) as usize;
    let len = size.checked_sub(16)?.min(v.len());
    Some(bytes_to_text(&v[..len]))
}

fn user_text(kind: &[u8; 4], body: &[u8], out: &mut Metadata) {
    let Some(v) = qt_string(body).and_then(|s| clean_text(&s)) else { return };
    let name = String::from_utf8_lossy(&kind[1..]).to_string();
    let field = format!("video ©{name}");
    out.push(match &kind[1..] {
        b"day" => MetaItem::DateTime { field, value: v },
        b"ART" | b"aut" | b"wrt" => MetaItem::Person { field, value: v },
        b"cmt" | b"nam" | b"des" | b"inf" => MetaItem::Text { field, value: v },
        _ => return,
    });
}

/// `keys` box (mdta handler): entry count, then (size, namespace, name).
fn key_names(body: &[u8]) -> Vec<String> {
    let mut names = Vec::new();
    let mut b = body.get(8..).unwrap_or(&[]);
    while b.len() >= 8 {
        let size = u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize;
        if size < 8 || size > b.len() {
            break;
        }
        names.push(bytes_to_text(&b[8..size]));
        b = &b[size..];
    }
    names
}

/// `ilst` items: 4-byte key index (1-based, mdta) or ©-type, each with a data box.
fn ilst(mut b: &[u8], keys: &[String], out: &mut Metadata) {
    while b.len() >= 8 {
        let size = u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize;
        if size < 8 || size > b.len() {
            return;
        }
        let kind = [b[4], b[5], b[6], b[7]];
        let body = &b[8..size];
        let index = u32::from_be_bytes(kind) as usize;
        if kind[0] == 0xA9 {
            if let Some(v) = data_box(body) {
                let mut fake = Vec::with_capacity(v.len() + 4);
                fake.extend_from_slice(&(v.len() as u16).to_be_bytes());
                fake.extend_from_slice(&[0, 0]);
                fake.extend_from_slice(v.as_bytes());
                user_text(&kind, &fake, out);
            }
        } else if index >= 1 && index <= keys.len() {
            let key = keys[index - 1].as_str();
            if let Some(v) = data_box(body) {
                if key.ends_with("location.ISO6709") {
                    if let Some((lat, lon)) = iso6709(&v) {
                        out.push(MetaItem::Gps { source: "video location (ISO 6709)".into(), lat, lon });
                    }
                } else if key.ends_with("creationdate") {
                    if let Some(v) = clean_text(&v) {
                        out.push(MetaItem::DateTime { field: "video creation date".into(), value: v });
                    }
                } else if key.ends_with("author") || key.ends_with("artist") {
                    if let Some(v) = clean_text(&v) {
                        out.push(MetaItem::Person { field: format!("video {key}"), value: v });
                    }
                }
            }
        }
        b = &b[size..];
    }
}

/// ISO 6709 "+37.7749-122.4194+010.000/" → (lat, lon).
pub fn iso6709(s: &str) -> Option<(f64, f64)> {
    let s = s.trim().trim_end_matches('/');
    let mut nums = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        if (c == '+' || c == '-') && !cur.is_empty() {
            nums.push(cur.clone());
            cur.clear();
        }
        cur.push(c);
    }
    if !cur.is_empty() {
        nums.push(cur);
    }
    let lat: f64 = nums.first()?.parse().ok()?;
    let lon: f64 = nums.get(1)?.parse().ok()?;
    (lat.abs() <= 90.0 && lon.abs() <= 180.0).then_some((lat, lon))
}

/// WebM/Matroska: `DateUTC` (ID 0x4461, 8-byte ns since 2001-01-01).
pub fn collect_webm(b: &[u8], out: &mut Metadata) {
    let head = &b[..b.len().min(1 << 16)];
    if let Some(at) = super::dimensions::find(head, &[0x44, 0x61, 0x88]) {
        if let Some(v) = head.get(at + 3..at + 11) {
            let ns = i64::from_be_bytes([v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]]);
            let unix = 978_307_200 + ns.div_euclid(1_000_000_000);
            out.push(MetaItem::DateTime { field: "video DateUTC".into(), value: format_unix(unix) });
        }
    }
}

/// "YYYY-MM-DD HH:MM:SS" (UTC) for Unix seconds (Hinnant's civil_from_days).
pub fn format_unix(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}", rem / 3600, rem % 3600 / 60, rem % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxed(kind: &[u8], body: &[u8]) -> Vec<u8> {
        let mut v = ((body.len() + 8) as u32).to_be_bytes().to_vec();
        v.extend_from_slice(kind);
        v.extend_from_slice(body);
        v
    }

    #[test]
    fn reads_mvhd_time_and_xyz_location() {
        let mut mvhd = vec![0u8; 4];
        mvhd.extend_from_slice(&(2_082_844_800u32 + 1_700_000_000).to_be_bytes());
        mvhd.extend_from_slice(&[0u8; 92]);
        let loc = b"+37.7749-122.4194+010.000/";
        let mut xyz = (loc.len() as u16).to_be_bytes().to_vec();
        xyz.extend_from_slice(&[0x15, 0xC7]);
        xyz.extend_from_slice(loc);
        let udta = boxed(b"udta", &boxed(&[0xA9, b'x', b'y', b'z'], &xyz));
        let mut moov_body = boxed(b"mvhd", &mvhd);
        moov_body.extend(udta);
        let mut file = boxed(b"ftyp", b"isom\0\0\0\0");
        file.extend(boxed(b"moov", &moov_body));
        let mut m = Metadata::default();
        collect_mp4(&file, &mut m);
        assert!(m.items.iter().any(|i| matches!(i, MetaItem::Gps { lat, lon, .. } if (*lat - 37.7749).abs() < 1e-6 && (*lon + 122.4194).abs() < 1e-6)), "{:?}", m.items);
        assert!(m.items.iter().any(|i| matches!(i, MetaItem::DateTime { value, .. } if value == "2023-11-14 22:13:20")), "{:?}", m.items);
    }
}
