//! EXIF (TIFF IFDs inside JPEG APP1, PNG eXIf, WebP EXIF, HEIF Exif item,
//! TIFF itself) read with `kamadak-exif`, which is small, pure Rust and
//! built for untrusted input.

use std::io::Cursor;

use exif::{Context, Field, In, Reader, Tag, Value};

use super::metadata::{bytes_to_text, clean_text, MetaItem, Metadata};

/// Read EXIF from a container the crate knows; a file with no EXIF adds
/// nothing, a damaged block adds a problem.
pub fn collect(bytes: &[u8], out: &mut Metadata) {
    // JPEG: take the APP1 "Exif" segment from our own lenient segment walk,
    // so a head-only send (up to the scan) or a file cut after its headers
    // still reads, and a JPEG without EXIF is simply "none".
    if bytes.starts_with(&[0xFF, 0xD8]) {
        let (segments, _) = super::strip::jpeg_segments_lenient(bytes);
        if let Some(seg) = segments.iter().find(|s| s.marker == 0xE1 && s.body.starts_with(b"Exif\0\0")) {
            collect_raw(seg.body[6..].to_vec(), out);
        }
        return;
    }
    let mut reader = Reader::new();
    reader.continue_on_error(true);
    let exif = match reader.read_from_container(&mut Cursor::new(bytes)) {
        Ok(e) => e,
        Err(exif::Error::NotFound(_)) => return,
        Err(exif::Error::InvalidFormat("Unknown image format")) => return,
        Err(e) => match e.distill_partial_result(|_| {}) {
            Ok(e) => {
                out.problems.push("part of the EXIF block is damaged".into());
                e
            }
            Err(e) => {
                out.problems.push(format!("the EXIF block could not be read ({e})"));
                return;
            }
        },
    };
    collect_fields(exif.fields(), out);
}

/// Read EXIF from a raw TIFF-structured block (e.g. a DICOM-free HEIF Exif
/// item or a block found by another parser).
pub fn collect_raw(tiff: Vec<u8>, out: &mut Metadata) {
    let mut reader = Reader::new();
    reader.continue_on_error(true);
    match reader.read_raw(tiff) {
        Ok(e) => collect_fields(e.fields(), out),
        Err(e) => match e.distill_partial_result(|_| {}) {
            Ok(e) => collect_fields(e.fields(), out),
            Err(e) => out.problems.push(format!("the EXIF block could not be read ({e})")),
        },
    }
}

fn collect_fields<'a>(fields: impl Iterator<Item = &'a Field>, out: &mut Metadata) {
    let fields: Vec<&Field> = fields.collect();
    let get = |tag: Tag| fields.iter().find(|f| f.tag == tag && f.ifd_num == In::PRIMARY).copied();

    if let (Some(lat), Some(lon)) = (get(Tag::GPSLatitude), get(Tag::GPSLongitude)) {
        let lat_ref = get(Tag::GPSLatitudeRef).and_then(ascii).unwrap_or_default();
        let lon_ref = get(Tag::GPSLongitudeRef).and_then(ascii).unwrap_or_default();
        if let (Some(mut la), Some(mut lo)) = (dms(&lat.value), dms(&lon.value)) {
            if lat_ref.trim().eq_ignore_ascii_case("S") {
                la = -la;
            }
            if lon_ref.trim().eq_ignore_ascii_case("W") {
                lo = -lo;
            }
            if la.is_finite() && lo.is_finite() && la.abs() <= 90.0 && lo.abs() <= 180.0 {
                out.push(MetaItem::Gps { source: "EXIF GPS".into(), lat: la, lon: lo });
            }
        }
    }
    for f in &fields {
        if f.ifd_num == In::THUMBNAIL {
            if f.tag == Tag::JPEGInterchangeFormatLength {
                let n = f.value.get_uint(0).unwrap_or(0) as usize;
                if n > 0 {
                    out.push(MetaItem::Thumbnail { bytes: n });
                }
            }
            continue;
        }
        let name = tag_name(f.tag);
        let text = || text_value(&f.value).and_then(|s| clean_text(&s));
        match f.tag {
            Tag::DateTimeOriginal | Tag::DateTimeDigitized | Tag::DateTime | Tag::GPSDateStamp => {
                if let Some(v) = text() {
                    out.push(MetaItem::DateTime { field: name, value: v });
                }
            }
            Tag::BodySerialNumber | Tag::LensSerialNumber | Tag::ImageUniqueID => {
                if let Some(v) = text() {
                    out.push(MetaItem::Serial { field: name, value: v });
                }
            }
            Tag::CameraOwnerName | Tag::Artist => {
                if let Some(v) = text() {
                    out.push(MetaItem::Person { field: name, value: v });
                }
            }
            Tag::ImageDescription | Tag::UserComment | Tag::Copyright => {
                if let Some(v) = text() {
                    out.push(MetaItem::Text { field: name, value: v });
                }
            }
            Tag::Orientation => {
                out.orientation = f.value.get_uint(0).map(|v| v as u16).filter(|v| (1..=8).contains(v));
            }
            Tag(Context::Tiff, n @ 0x9c9b..=0x9c9f) => {
                // Windows XP fields: UTF-16LE in BYTE arrays.
                if let Value::Byte(b) = &f.value {
                    let units: Vec<u16> = b.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
                    if let Some(v) = clean_text(&String::from_utf16_lossy(&units)) {
                        let field = xp_name(n).to_string();
                        if n == 0x9c9d {
                            out.push(MetaItem::Person { field, value: v });
                        } else {
                            out.push(MetaItem::Text { field, value: v });
                        }
                    }
                }
            }
            _ => {}
        }
    }
    // Maker serials (Canon 0xc62f/`SerialNumber` in older files): the
    // standard tag 0xa431 is BodySerialNumber; 0xc62f is the DNG camera serial.
    for f in &fields {
        if f.tag == Tag(Context::Tiff, 0xc62f) {
            if let Some(v) = text_value(&f.value).and_then(|s| clean_text(&s)) {
                out.push(MetaItem::Serial { field: "CameraSerialNumber".into(), value: v });
            }
        }
    }
}

fn xp_name(n: u16) -> &'static str {
    match n {
        0x9c9b => "XPTitle",
        0x9c9c => "XPComment",
        0x9c9d => "XPAuthor",
        0x9c9e => "XPKeywords",
        _ => "XPSubject",
    }
}

fn tag_name(t: Tag) -> String {
    format!("{t}")
}

fn ascii(f: &Field) -> Option<String> {
    text_value(&f.value)
}

/// Text of an ASCII field, or of an UNDEFINED UserComment with its 8-byte
/// character-code prefix ("ASCII\0\0\0", "UNICODE\0", "JIS\0\0\0\0\0").
fn text_value(v: &Value) -> Option<String> {
    match v {
        Value::Ascii(parts) => {
            let s: Vec<String> = parts.iter().map(|p| bytes_to_text(p)).collect();
            Some(s.join(" "))
        }
        Value::Undefined(b, _) => {
            if b.len() >= 8 && b.starts_with(b"UNICODE\0") {
                let body = &b[8..];
                let units: Vec<u16> = body.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
                let be = String::from_utf16_lossy(&units);
                let units_le: Vec<u16> = body.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
                let le = String::from_utf16_lossy(&units_le);
                // Pick the reading with more ASCII letters (byte order is not declared).
                let score = |s: &str| s.chars().filter(|c| c.is_ascii_alphanumeric() || *c == ' ').count();
                Some(if score(&le) > score(&be) { le } else { be })
            } else if b.len() >= 8 {
                Some(bytes_to_text(&b[8..]))
            } else {
                Some(bytes_to_text(b))
            }
        }
        Value::Byte(b) => Some(bytes_to_text(b)),
        _ => None,
    }
}

/// Degrees/minutes/seconds rationals to decimal degrees.
fn dms(v: &Value) -> Option<f64> {
    match v {
        Value::Rational(r) if !r.is_empty() => {
            let part = |i: usize| r.get(i).map(|x| if x.denom == 0 { 0.0 } else { x.to_f64() }).unwrap_or(0.0);
            if r[0].denom == 0 {
                return None;
            }
            Some(part(0) + part(1) / 60.0 + part(2) / 3600.0)
        }
        _ => None,
    }
}
