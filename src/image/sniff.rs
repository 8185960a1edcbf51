//! Format by magic bytes. The file name and the browser's MIME type are
//! never trusted: a DICOM saved as `scan.jpg` is still a DICOM.

use serde::Serialize;

/// What the first bytes say the file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Jpeg,
    Png,
    WebP,
    Gif,
    Tiff,
    Heif,
    Avif,
    Bmp,
    Dicom,
    Mp4,
    QuickTime,
    WebM,
    Unknown,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Jpeg => "jpeg",
            Format::Png => "png",
            Format::WebP => "webp",
            Format::Gif => "gif",
            Format::Tiff => "tiff",
            Format::Heif => "heif",
            Format::Avif => "avif",
            Format::Bmp => "bmp",
            Format::Dicom => "dicom",
            Format::Mp4 => "mp4",
            Format::QuickTime => "quicktime",
            Format::WebM => "webm",
            Format::Unknown => "unknown",
        }
    }

    /// Video containers: only container metadata is checked, not frames.
    pub fn is_video(self) -> bool {
        matches!(self, Format::Mp4 | Format::QuickTime | Format::WebM)
    }

    /// Formats a browser decodes with `createImageBitmap`, so the extension
    /// can send pixels for the face and clinical checks.
    pub fn browser_decodable(self) -> bool {
        matches!(self, Format::Jpeg | Format::Png | Format::WebP | Format::Gif | Format::Bmp | Format::Avif)
    }
}

/// Sniff the format from the leading bytes (at least 132 for DICOM).
pub fn sniff(bytes: &[u8]) -> Format {
    let b = bytes;
    // First: a DICOM preamble may itself look like a TIFF header ("II*\0").
    if b.len() >= 132 && &b[128..132] == b"DICM" {
        return Format::Dicom;
    }
    if b.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Format::Jpeg;
    }
    if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Format::Png;
    }
    if b.len() >= 12 && &b[0..4] == b"RIFF" && &b[8..12] == b"WEBP" {
        return Format::WebP;
    }
    if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        return Format::Gif;
    }
    if b.starts_with(b"II*\0") || b.starts_with(b"MM\0*") || b.starts_with(b"II+\0") || b.starts_with(b"MM\0+") {
        return Format::Tiff;
    }
    if b.starts_with(b"BM") && b.len() >= 26 {
        return Format::Bmp;
    }
    if b.len() >= 12 && &b[4..8] == b"ftyp" {
        return iso_brand(&b[8..12], b);
    }
    if b.len() >= 8 && (&b[4..8] == b"moov" || &b[4..8] == b"mdat" || &b[4..8] == b"wide" || &b[4..8] == b"free") {
        return Format::QuickTime;
    }
    if b.starts_with(&[0x1A, 0x45, 0xDF, 0xA3]) {
        return Format::WebM;
    }
    if crate::image::dicom::looks_like_preambleless_dicom(b) {
        return Format::Dicom;
    }
    Format::Unknown
}

/// ISO base media files share `ftyp`: the major brand (and, for HEIF
/// variants, the compatible brands) tells still image from video.
fn iso_brand(major: &[u8], all: &[u8]) -> Format {
    match major {
        b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"mif1" | b"msf1" => {
            if major == b"mif1" || major == b"msf1" {
                // mif1 is generic: AVIF declares `avif` among compatible brands.
                let box_len = u32::from_be_bytes([all[0], all[1], all[2], all[3]]) as usize;
                let end = box_len.min(all.len());
                if end > 16 && all[16..end].chunks(4).any(|c| c == b"avif") {
                    return Format::Avif;
                }
            }
            Format::Heif
        }
        b"avif" | b"avis" => Format::Avif,
        b"qt  " => Format::QuickTime,
        _ => Format::Mp4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_bytes_decide() {
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Format::Jpeg);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Format::Png);
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Format::WebP);
        assert_eq!(sniff(b"\0\0\0\x18ftypheic\0\0\0\0"), Format::Heif);
        assert_eq!(sniff(b"\0\0\0\x18ftypisom\0\0\0\0"), Format::Mp4);
        assert_eq!(sniff(b"\0\0\0\x14ftypqt  \0\0\0\0"), Format::QuickTime);
        assert_eq!(sniff(b"hello world, not an image"), Format::Unknown);
        let mut dcm = vec![0u8; 140];
        dcm[128..132].copy_from_slice(b"DICM");
        assert_eq!(sniff(&dcm), Format::Dicom);
    }
}
