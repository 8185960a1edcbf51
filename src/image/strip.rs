//! Lossless removal of hidden data: JPEG APPn/COM segments, PNG text/EXIF/
//! time chunks, WebP EXIF/XMP chunks. The compressed pixels are copied byte
//! for byte (no re-encode, so no quality loss); the orientation is kept by
//! writing a minimal EXIF block holding only the Orientation tag. Other
//! formats return [`Strip::NeedsReencode`] and the extension redraws the
//! image on a canvas instead.

use super::sniff::{sniff, Format};

/// The outcome of a strip request.
#[derive(Debug, Clone, PartialEq)]
pub enum Strip {
    /// Same pixels, no metadata (orientation kept).
    Stripped(Vec<u8>),
    /// This format is not stripped losslessly; re-encode on a canvas.
    NeedsReencode,
    /// The file is damaged; it cannot be stripped safely.
    Malformed(String),
}

/// A JPEG marker segment before the scan data.
pub struct Segment<'a> {
    pub marker: u8,
    pub body: &'a [u8],
    pub raw: &'a [u8],
}

/// JPEG segments from SOI up to (not including) SOS, and the offset of SOS.
pub fn jpeg_segments(b: &[u8]) -> Result<(Vec<Segment<'_>>, usize), String> {
    let (segments, sos) = jpeg_segments_lenient(b);
    sos.map(|at| (segments, at))
}

/// The segments that could be read, and where SOS starts (or why not): a
/// cut-off file still yields the metadata before the cut.
pub fn jpeg_segments_lenient(b: &[u8]) -> (Vec<Segment<'_>>, Result<usize, String>) {
    let mut out = Vec::new();
    if !b.starts_with(&[0xFF, 0xD8]) {
        return (out, Err("not a JPEG".into()));
    }
    let mut i = 2usize;
    loop {
        while i < b.len() && b[i] == 0xFF && b.get(i + 1) == Some(&0xFF) {
            i += 1; // fill bytes
        }
        let Some(m) = b.get(i..i + 2) else { return (out, Err("the JPEG file is cut short".into())) };
        if m[0] != 0xFF {
            return (out, Err("the JPEG segment structure is damaged".into()));
        }
        let marker = m[1];
        if marker == 0xDA {
            return (out, Ok(i));
        }
        if marker == 0xD9 {
            return (out, Err("the JPEG file has no image data".into()));
        }
        let Some(l) = b.get(i + 2..i + 4) else { return (out, Err("the JPEG file is cut short".into())) };
        let len = u16::from_be_bytes([l[0], l[1]]) as usize;
        if len < 2 || i + 2 + len > b.len() {
            return (out, Err("the JPEG file is cut short".into()));
        }
        out.push(Segment { marker, body: &b[i + 4..i + 2 + len], raw: &b[i..i + 2 + len] });
        i += 2 + len;
    }
}

/// Strip hidden data from an image, keeping `orientation` (1..=8).
pub fn strip(b: &[u8], orientation: Option<u16>) -> Strip {
    let keep = orientation.filter(|o| (2..=8).contains(o));
    match sniff(b) {
        Format::Jpeg => jpeg(b, keep),
        Format::Png => png(b, keep),
        Format::WebP => webp(b, keep),
        _ => Strip::NeedsReencode,
    }
}

fn jpeg(b: &[u8], orientation: Option<u16>) -> Strip {
    let (segments, sos) = match jpeg_segments(b) {
        Ok(x) => x,
        Err(e) => return Strip::Malformed(e),
    };
    let keep = |s: &Segment| match s.marker {
        0xE0 => s.body.starts_with(b"JFIF\0") || s.body.starts_with(b"JFXX\0"),
        0xE2 => s.body.starts_with(b"ICC_PROFILE\0"), // colour, not identity
        0xEE => s.body.starts_with(b"Adobe"),         // needed for the colour transform
        0xE1..=0xEF | 0xFE => false,                  // EXIF, XMP, IPTC, comments, maker data
        _ => true,                                    // tables, frame header
    };
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(&[0xFF, 0xD8]);
    // JFIF must stay first; the orientation-only EXIF block follows it.
    let mut rest = &segments[..];
    if let Some(first) = segments.first() {
        if first.marker == 0xE0 && keep(first) {
            out.extend_from_slice(first.raw);
            rest = &segments[1..];
        }
    }
    if let Some(o) = orientation {
        let tiff = orientation_tiff(o);
        let len = (2 + 6 + tiff.len()) as u16;
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(b"Exif\0\0");
        out.extend_from_slice(&tiff);
    }
    for s in rest {
        if keep(s) {
            out.extend_from_slice(s.raw);
        }
    }
    out.extend_from_slice(&b[sos..]);
    Strip::Stripped(out)
}

/// A TIFF block with IFD0 holding only Orientation.
pub fn orientation_tiff(o: u16) -> Vec<u8> {
    let mut t = b"MM\0*\0\0\0\x08".to_vec();
    t.extend_from_slice(&1u16.to_be_bytes()); // one entry
    t.extend_from_slice(&0x0112u16.to_be_bytes());
    t.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    t.extend_from_slice(&1u32.to_be_bytes());
    t.extend_from_slice(&o.to_be_bytes());
    t.extend_from_slice(&[0, 0]);
    t.extend_from_slice(&0u32.to_be_bytes()); // no next IFD
    t
}

/// PNG chunks kept: the image and how to show it (colour, transparency,
/// animation, physical size). Dropped: text, EXIF, time, private chunks.
const PNG_KEEP: &[&[u8; 4]] = &[
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT", b"pHYs", b"bKGD", b"acTL",
    b"fcTL", b"fdAT", b"cICP", b"mDCV", b"cLLI",
];

fn png(b: &[u8], orientation: Option<u16>) -> Strip {
    let Some((chunks, truncated)) = super::png_text::chunks(b) else { return Strip::Malformed("not a PNG".into()) };
    if truncated {
        return Strip::Malformed("the PNG file is cut short".into());
    }
    let mut out = b[..8].to_vec();
    for c in &chunks {
        if PNG_KEEP.contains(&&c.kind) {
            out.extend_from_slice(c.raw);
            if &c.kind == b"IHDR" {
                if let Some(o) = orientation {
                    out.extend_from_slice(&png_chunk(b"eXIf", &orientation_tiff(o)));
                }
            }
        }
    }
    Strip::Stripped(out)
}

fn png_chunk(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let mut v = (body.len() as u32).to_be_bytes().to_vec();
    v.extend_from_slice(kind);
    v.extend_from_slice(body);
    let mut crc_input = kind.to_vec();
    crc_input.extend_from_slice(body);
    v.extend_from_slice(&crc32(&crc_input).to_be_bytes());
    v
}

/// CRC-32 (ISO 3309), as PNG chunks need.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in data {
        crc ^= byte as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 { 0xEDB8_8320 ^ (crc >> 1) } else { crc >> 1 };
        }
    }
    !crc
}

fn webp(b: &[u8], orientation: Option<u16>) -> Strip {
    let mut out = b"RIFF\0\0\0\0WEBP".to_vec();
    let mut i = 12usize;
    let mut vp8x_at = None;
    while i + 8 <= b.len() {
        let kind = [b[i], b[i + 1], b[i + 2], b[i + 3]];
        let len = u32::from_le_bytes([b[i + 4], b[i + 5], b[i + 6], b[i + 7]]) as usize;
        let padded = len + (len & 1);
        let Some(end) = (i + 8).checked_add(padded).filter(|&e| e <= b.len() + (len & 1)) else {
            return Strip::Malformed("the WebP file is cut short".into());
        };
        let end = end.min(b.len());
        match &kind {
            b"EXIF" | b"XMP " => {}
            b"VP8X" => {
                vp8x_at = Some(out.len());
                out.extend_from_slice(&b[i..end]);
                if let Some(o) = orientation {
                    // EXIF must come after ICCP/ANIM by spec, but readers accept it after VP8X.
                    let tiff = orientation_tiff(o);
                    out.extend_from_slice(b"EXIF");
                    out.extend_from_slice(&(tiff.len() as u32).to_le_bytes());
                    out.extend_from_slice(&tiff);
                    if tiff.len() % 2 == 1 {
                        out.push(0);
                    }
                }
            }
            _ => out.extend_from_slice(&b[i..end]),
        }
        i = end;
    }
    if let Some(at) = vp8x_at {
        // Flags byte: bit 3 EXIF, bit 2 XMP.
        let flags = &mut out[at + 8];
        *flags &= !0x04;
        if orientation.is_some() {
            *flags |= 0x08;
        } else {
            *flags &= !0x08;
        }
    }
    let size = (out.len() - 8) as u32;
    out[4..8].copy_from_slice(&size.to_le_bytes());
    Strip::Stripped(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_matches_png_reference() {
        // CRC of the IEND chunk type is the well-known AE 42 60 82.
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
    }
}
