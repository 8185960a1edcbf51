//! IPTC-IIM records (Photoshop's APP13 "8BIM" resource 0x0404): bylines,
//! captions, cities and dates that news and photo tools still write.

use super::metadata::{bytes_to_text, clean_text, MetaItem, Metadata};

/// Add IPTC datasets found in a JPEG's APP13 segments.
pub fn collect(bytes: &[u8], out: &mut Metadata) {
    for seg in super::strip::jpeg_segments_lenient(bytes).0 {
        if seg.marker == 0xED && seg.body.starts_with(b"Photoshop 3.0\0") {
            resources(&seg.body[14..], out);
        }
    }
}

/// Walk 8BIM image resources and read the IPTC one.
fn resources(mut b: &[u8], out: &mut Metadata) {
    while b.len() >= 12 && &b[0..4] == b"8BIM" {
        let id = u16::from_be_bytes([b[4], b[5]]);
        let name_len = b[6] as usize;
        let mut pos = 7 + name_len;
        if pos % 2 == 1 {
            pos += 1; // Pascal name padded to even length
        }
        let Some(size_bytes) = b.get(pos..pos + 4) else { return };
        let size = u32::from_be_bytes([size_bytes[0], size_bytes[1], size_bytes[2], size_bytes[3]]) as usize;
        let start = pos + 4;
        let Some(data) = b.get(start..start.saturating_add(size)) else { return };
        if id == 0x0404 {
            datasets(data, out);
        }
        let next = start + size + (size % 2);
        if next > b.len() {
            return;
        }
        b = &b[next..];
    }
}

fn datasets(mut b: &[u8], out: &mut Metadata) {
    while b.len() >= 5 && b[0] == 0x1C {
        let (record, set) = (b[1], b[2]);
        let len = u16::from_be_bytes([b[3], b[4]]) as usize;
        if len & 0x8000 != 0 {
            return; // extended length: not used for text fields
        }
        let Some(v) = b.get(5..5 + len) else { return };
        if record == 2 {
            if let Some(text) = clean_text(&bytes_to_text(v)) {
                let item = match set {
                    80 => Some(MetaItem::Person { field: "IPTC By-line".into(), value: text }),
                    116 => Some(MetaItem::Text { field: "IPTC Copyright".into(), value: text }),
                    120 => Some(MetaItem::Text { field: "IPTC Caption".into(), value: text }),
                    105 => Some(MetaItem::Text { field: "IPTC Headline".into(), value: text }),
                    5 => Some(MetaItem::Text { field: "IPTC Title".into(), value: text }),
                    25 => Some(MetaItem::Text { field: "IPTC Keywords".into(), value: text }),
                    90 => Some(MetaItem::Text { field: "IPTC City".into(), value: text }),
                    92 => Some(MetaItem::Text { field: "IPTC Sub-location".into(), value: text }),
                    95 => Some(MetaItem::Text { field: "IPTC State".into(), value: text }),
                    55 => Some(MetaItem::DateTime { field: "IPTC Date Created".into(), value: text }),
                    122 => Some(MetaItem::Person { field: "IPTC Writer".into(), value: text }),
                    _ => None,
                };
                if let Some(i) = item {
                    out.push(i);
                }
            }
        }
        b = &b[5 + len..];
    }
}
