//! Hidden metadata, gathered from every place a file can carry it (EXIF,
//! XMP, IPTC, PNG text chunks, video containers, DICOM is separate) into one
//! list of [`MetaItem`]s that [`super::report`] turns into findings.

use serde::Serialize;

/// One piece of hidden data, with the field it came from (for the message).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MetaItem {
    /// A position in decimal degrees.
    Gps { source: String, lat: f64, lon: f64 },
    /// A capture/creation/modification date-time.
    DateTime { field: String, value: String },
    /// A camera, lens or image serial / unique id.
    Serial { field: String, value: String },
    /// A person named in the file (owner, artist, creator, author).
    Person { field: String, value: String },
    /// Free text (comment, description, caption, keywords, place names).
    Text { field: String, value: String },
    /// An embedded preview image, which may show the uncropped original.
    Thumbnail { bytes: usize },
    /// A field that is present but could not be read (compressed text).
    Unread { field: String },
}

/// All metadata found, plus problems met while reading it (a damaged EXIF
/// block is reported rather than silently treated as "no metadata").
#[derive(Debug, Default, Clone, Serialize)]
pub struct Metadata {
    pub items: Vec<MetaItem>,
    pub problems: Vec<String>,
    /// EXIF orientation (1..=8), kept when stripping.
    pub orientation: Option<u16>,
}

impl Metadata {
    pub fn push(&mut self, item: MetaItem) {
        if !self.items.contains(&item) {
            self.items.push(item);
        }
    }
}

/// Clean a text value: drop NULs and control characters, trim, cap length
/// (a comment can be kilobytes; the card shows one line).
pub fn clean_text(raw: &str) -> Option<String> {
    let s: String = raw.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.is_empty() {
        return None;
    }
    Some(s.chars().take(500).collect())
}

/// Decode bytes as UTF-8, falling back to Latin-1 (old cameras).
pub fn bytes_to_text(b: &[u8]) -> String {
    match std::str::from_utf8(b) {
        Ok(s) => s.to_string(),
        Err(_) => b.iter().map(|&c| c as char).collect(),
    }
}
