//! PNG ancillary text: tEXt, iTXt (uncompressed), zTXt (compressed: named
//! but not inflated, since the wasm build carries no inflater; stripping
//! removes it anyway) and the tIME modification stamp.

use super::metadata::{bytes_to_text, clean_text, MetaItem, Metadata};

/// One PNG chunk: its type and body.
pub struct Chunk<'a> {
    pub kind: [u8; 4],
    pub body: &'a [u8],
    /// The whole chunk (length, type, body, CRC), for copying.
    pub raw: &'a [u8],
}

/// Split a PNG into chunks; `None` if the signature is missing; a cut-off
/// chunk ends the list (with `truncated` set).
pub fn chunks(b: &[u8]) -> Option<(Vec<Chunk<'_>>, bool)> {
    if !b.starts_with(b"\x89PNG\r\n\x1a\n") {
        return None;
    }
    let mut out = Vec::new();
    let mut i = 8usize;
    while i < b.len() {
        let Some(head) = b.get(i..i + 8) else { return Some((out, true)) };
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        let end = i.checked_add(12).and_then(|x| x.checked_add(len));
        let Some(end) = end.filter(|&e| e <= b.len()) else { return Some((out, true)) };
        let kind = [head[4], head[5], head[6], head[7]];
        out.push(Chunk { kind, body: &b[i + 8..i + 8 + len], raw: &b[i..end] });
        i = end;
        if &kind == b"IEND" {
            return Some((out, false));
        }
    }
    Some((out, true))
}

/// Add text chunks and tIME; a truncated file is a problem.
pub fn collect(b: &[u8], out: &mut Metadata) {
    let Some((list, truncated)) = chunks(b) else { return };
    if truncated {
        out.problems.push("the PNG file is cut short".into());
    }
    for c in list {
        match &c.kind {
            b"tEXt" => {
                let (key, val) = split_nul(c.body);
                push_text(&bytes_to_text(key), &bytes_to_text(val), out);
            }
            b"iTXt" => {
                let (key, rest) = split_nul(c.body);
                if rest.len() < 2 {
                    continue;
                }
                let compressed = rest[0] != 0;
                let rest = &rest[2..];
                let (_lang, rest) = split_nul(rest);
                let (_translated, text) = split_nul(rest);
                let key = bytes_to_text(key);
                if key == "XML:com.adobe.xmp" {
                    continue; // read by the XMP reader
                }
                if compressed {
                    out.push(MetaItem::Unread { field: format!("PNG iTXt {key}") });
                } else {
                    push_text(&key, &String::from_utf8_lossy(text), out);
                }
            }
            b"zTXt" => {
                let (key, _) = split_nul(c.body);
                out.push(MetaItem::Unread { field: format!("PNG zTXt {}", bytes_to_text(key)) });
            }
            b"tIME" if c.body.len() == 7 => {
                let y = u16::from_be_bytes([c.body[0], c.body[1]]);
                let v = format!("{y:04}-{:02}-{:02} {:02}:{:02}:{:02}", c.body[2], c.body[3], c.body[4], c.body[5], c.body[6]);
                out.push(MetaItem::DateTime { field: "PNG tIME".into(), value: v });
            }
            _ => {}
        }
    }
}

fn push_text(key: &str, val: &str, out: &mut Metadata) {
    let Some(value) = clean_text(val) else { return };
    let field = format!("PNG {key}");
    let k = key.to_ascii_lowercase();
    let item = if k == "author" || k == "artist" || k == "owner" {
        MetaItem::Person { field, value }
    } else if k.contains("creation time") || k == "date" || k.contains("date:") || k == "create-date" {
        MetaItem::DateTime { field, value }
    } else if k == "software" {
        return; // the editor's name identifies no one
    } else {
        MetaItem::Text { field, value }
    };
    out.push(item);
}

fn split_nul(b: &[u8]) -> (&[u8], &[u8]) {
    match b.iter().position(|&c| c == 0) {
        Some(i) => (&b[..i], &b[i + 1..]),
        None => (b, &[]),
    }
}
