//! Declared image size, read from the header before anything is decoded,
//! so a 30,000 × 30,000 PNG or a deflate bomb is refused instead of
//! allocating gigabytes in the clinician's tab.

use super::sniff::Format;
use serde::Serialize;

/// Largest image the checks decode: 64 megapixels (a 48 MP phone photo
/// passes; RGBA at this size is 256 MB, the most a tab should spend).
pub const MAX_DECODE_PIXELS: u64 = 64_000_000;
/// Longest side the checks decode; panoramas longer than this are refused.
pub const MAX_SIDE: u32 = 30_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Dimensions {
    pub width: u32,
    pub height: u32,
}

impl Dimensions {
    pub fn pixels(self) -> u64 {
        self.width as u64 * self.height as u64
    }

    /// Why this size is refused, or `None` if it may be decoded.
    pub fn refusal(self) -> Option<String> {
        if self.width == 0 || self.height == 0 {
            return Some(format!("the header declares an empty image ({} × {})", self.width, self.height));
        }
        if self.width > MAX_SIDE || self.height > MAX_SIDE || self.pixels() > MAX_DECODE_PIXELS {
            return Some(format!(
                "the header declares {} × {} pixels ({:.0} megapixels), more than the {} megapixels SafePost decodes",
                self.width,
                self.height,
                self.pixels() as f64 / 1e6,
                MAX_DECODE_PIXELS / 1_000_000
            ));
        }
        None
    }
}

/// Width and height as the header declares them; `None` when the header is
/// missing or cut short.
pub fn declared(format: Format, b: &[u8]) -> Option<Dimensions> {
    let d = match format {
        Format::Jpeg => jpeg(b)?,
        Format::Png => {
            if b.len() < 24 || &b[12..16] != b"IHDR" {
                return None;
            }
            Dimensions { width: be32(&b[16..20]), height: be32(&b[20..24]) }
        }
        Format::Gif => {
            if b.len() < 10 {
                return None;
            }
            Dimensions { width: le16(&b[6..8]) as u32, height: le16(&b[8..10]) as u32 }
        }
        Format::Bmp => {
            if b.len() < 26 {
                return None;
            }
            let w = i32::from_le_bytes([b[18], b[19], b[20], b[21]]);
            let h = i32::from_le_bytes([b[22], b[23], b[24], b[25]]);
            Dimensions { width: w.unsigned_abs(), height: h.unsigned_abs() }
        }
        Format::WebP => webp(b)?,
        Format::Heif | Format::Avif => {
            // First `ispe` (image spatial extents) property: version/flags, w, h.
            let at = find(b, b"ispe")?;
            let body = b.get(at + 8..at + 16)?;
            Dimensions { width: be32(&body[0..4]), height: be32(&body[4..8]) }
        }
        _ => return None,
    };
    Some(d)
}

/// Walk JPEG segments to the first start-of-frame marker.
fn jpeg(b: &[u8]) -> Option<Dimensions> {
    let mut i = 2usize;
    while i + 4 <= b.len() {
        if b[i] != 0xFF {
            return None;
        }
        let marker = b[i + 1];
        if marker == 0xFF {
            i += 1; // fill byte
            continue;
        }
        if marker == 0xD8 || (0xD0..=0xD7).contains(&marker) || marker == 0x01 {
            i += 2;
            continue;
        }
        let len = be16(&b[i + 2..i + 4]) as usize;
        if len < 2 {
            return None;
        }
        let is_sof = (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_sof {
            let s = b.get(i + 4..i + 9)?;
            return Some(Dimensions { width: be16(&s[3..5]) as u32, height: be16(&s[1..3]) as u32 });
        }
        if marker == 0xDA || marker == 0xD9 {
            return None;
        }
        i += 2 + len;
    }
    None
}

fn webp(b: &[u8]) -> Option<Dimensions> {
    let kind = b.get(12..16)?;
    let body = b.get(20..)?;
    match kind {
        b"VP8X" => {
            let s = body.get(4..10)?;
            let w = 1 + (s[0] as u32 | (s[1] as u32) << 8 | (s[2] as u32) << 16);
            let h = 1 + (s[3] as u32 | (s[4] as u32) << 8 | (s[5] as u32) << 16);
            Some(Dimensions { width: w, height: h })
        }
        b"VP8 " => {
            let s = body.get(6..10)?;
            Some(Dimensions { width: (le16(&s[0..2]) & 0x3FFF) as u32, height: (le16(&s[2..4]) & 0x3FFF) as u32 })
        }
        b"VP8L" => {
            let s = body.get(1..5)?;
            let bits = u32::from_le_bytes([s[0], s[1], s[2], s[3]]);
            Some(Dimensions { width: (bits & 0x3FFF) + 1, height: ((bits >> 14) & 0x3FFF) + 1 })
        }
        _ => None,
    }
}

pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
pub(crate) fn be16(b: &[u8]) -> u16 {
    u16::from_be_bytes([b[0], b[1]])
}
pub(crate) fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}
pub(crate) fn le16(b: &[u8]) -> u16 {
    u16::from_le_bytes([b[0], b[1]])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_absurd_sizes() {
        assert!(Dimensions { width: 30000, height: 30000 }.refusal().is_some());
        assert!(Dimensions { width: 0, height: 10 }.refusal().is_some());
        assert!(Dimensions { width: 4032, height: 3024 }.refusal().is_none());
    }
}
