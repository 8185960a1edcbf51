//! XMP packets (Adobe's RDF/XML metadata): found by their `<x:xmpmeta`
//! wrapper wherever the container put them (JPEG APP1, PNG iTXt, WebP XMP
//! chunk, MP4 uuid box, TIFF tag 700), so one reader serves every format.

use std::sync::LazyLock;

use regex::Regex;

use super::metadata::{clean_text, MetaItem, Metadata};

/// (XMP property, what it holds) for the properties that identify.
const PROPERTIES: &[(&str, Kind)] = &[
    ("exif:DateTimeOriginal", Kind::Date),
    ("xmp:CreateDate", Kind::Date),
    ("photoshop:DateCreated", Kind::Date),
    ("exif:DateTimeDigitized", Kind::Date),
    ("aux:SerialNumber", Kind::Serial),
    ("aux:LensSerialNumber", Kind::Serial),
    ("exifEX:BodySerialNumber", Kind::Serial),
    ("exifEX:LensSerialNumber", Kind::Serial),
    ("exifEX:CameraOwnerName", Kind::Person),
    ("dc:creator", Kind::Person),
    ("photoshop:AuthorsPosition", Kind::Text),
    ("xmpRights:Owner", Kind::Person),
    ("dc:description", Kind::Text),
    ("dc:title", Kind::Text),
    ("dc:subject", Kind::Text),
    ("photoshop:Headline", Kind::Text),
    ("photoshop:City", Kind::Text),
    ("photoshop:State", Kind::Text),
    ("Iptc4xmpCore:Location", Kind::Text),
    ("exif:UserComment", Kind::Text),
];

#[derive(Clone, Copy)]
enum Kind {
    Date,
    Serial,
    Person,
    Text,
}

static TAGS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[^>]*>").expect("static regex"));

/// Add the identifying XMP properties of every packet in `bytes`.
pub fn collect(bytes: &[u8], out: &mut Metadata) {
    let mut rest = bytes;
    let mut packets = 0;
    while let Some(start) = super::dimensions::find(rest, b"<x:xmpmeta") {
        let tail = &rest[start..];
        let end = super::dimensions::find(tail, b"</x:xmpmeta>").map(|e| e + 12).unwrap_or(tail.len().min(1 << 20));
        let packet = String::from_utf8_lossy(&tail[..end]);
        collect_packet(&packet, out);
        rest = &tail[end..];
        packets += 1;
        if packets > 8 {
            break;
        }
    }
}

fn collect_packet(p: &str, out: &mut Metadata) {
    if let (Some(lat), Some(lon)) = (property(p, "exif:GPSLatitude"), property(p, "exif:GPSLongitude")) {
        if let (Some(la), Some(lo)) = (xmp_coordinate(&lat), xmp_coordinate(&lon)) {
            out.push(MetaItem::Gps { source: "XMP GPS".into(), lat: la, lon: lo });
        }
    }
    for (name, kind) in PROPERTIES {
        let Some(v) = property(p, name).and_then(|v| clean_text(&v)) else { continue };
        let field = format!("XMP {name}");
        out.push(match kind {
            Kind::Date => MetaItem::DateTime { field, value: v },
            Kind::Serial => MetaItem::Serial { field, value: v },
            Kind::Person => MetaItem::Person { field, value: v },
            Kind::Text => MetaItem::Text { field, value: v },
        });
    }
}

/// Value of a property in attribute form (`name="v"`) or element form
/// (`<name>…</name>`, with rdf:Seq/Alt/Bag lists flattened to text).
fn property(p: &str, name: &str) -> Option<String> {
    let attr = format!("{name}=\"");
    if let Some(i) = p.find(&attr) {
        let v = &p[i + attr.len()..];
        let end = v.find('"')?;
        return Some(unescape(&v[..end]));
    }
    let open = format!("<{name}");
    let close = format!("</{name}>");
    let i = p.find(&open)?;
    let after = &p[i + open.len()..];
    let gt = after.find('>')?;
    if after[..gt].ends_with('/') {
        return None;
    }
    let body = &after[gt + 1..];
    let end = body.find(&close)?;
    let text = TAGS.replace_all(&body[..end], " ");
    Some(unescape(&text))
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// XMP GPS coordinates: "DDD,MM.mmmmN" or "DDD,MM,SSN" (or plain decimal).
fn xmp_coordinate(s: &str) -> Option<f64> {
    let s = s.trim();
    let last = s.chars().last()?;
    let (body, sign) = match last.to_ascii_uppercase() {
        'N' | 'E' => (&s[..s.len() - 1], 1.0),
        'S' | 'W' => (&s[..s.len() - 1], -1.0),
        _ => (s, 1.0),
    };
    let parts: Vec<f64> = body.split(',').map(|x| x.trim().parse::<f64>()).collect::<Result<_, _>>().ok()?;
    let v = match parts.as_slice() {
        [d] => *d,
        [d, m] => d + m / 60.0,
        [d, m, sec] => d + m / 60.0 + sec / 3600.0,
        _ => return None,
    };
    (v.is_finite() && v.abs() <= 180.0).then_some(sign * v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_attribute_and_element_forms() {
        let p = r#"<x:xmpmeta><rdf:Description exif:GPSLatitude="37,46.494N" exif:GPSLongitude="122,25.164W">
            <dc:creator><rdf:Seq><rdf:li>Dana Whitfield</rdf:li></rdf:Seq></dc:creator></rdf:Description></x:xmpmeta>"#;
        let mut m = Metadata::default();
        collect(p.as_bytes(), &mut m);
        assert!(m.items.iter().any(|i| matches!(i, MetaItem::Gps { lat, lon, .. } if (*lat - 37.7749).abs() < 1e-3 && (*lon + 122.4194).abs() < 1e-3)));
        assert!(m.items.iter().any(|i| matches!(i, MetaItem::Person { value, .. } if value == "Dana Whitfield")));
    }
}
