//! DICOM: a small reader for the patient-identifying tags. DICOM files
//! usually carry the patient's name, ID, birth date, accession number and
//! the institution in plain text next to the pixels, so a "screenshot of a
//! scan" saved as .dcm is a disclosure on its own.
//!
//! Handles Part 10 files (preamble + `DICM`, meta group, then the dataset in
//! the declared transfer syntax) and bare datasets without the preamble
//! (explicit or implicit VR, little or big endian), which real archives
//! and pydicom's test files contain. Sequences are flattened (their items
//! are read like top-level elements); parsing stops at the pixel data.

use serde::Serialize;

/// The tags that identify a patient (or the place of care) and their labels.
const PATIENT_TAGS: &[((u16, u16), &str)] = &[
    ((0x0010, 0x0010), "PatientName"),
    ((0x0010, 0x0020), "PatientID"),
    ((0x0010, 0x0030), "PatientBirthDate"),
    ((0x0010, 0x1000), "OtherPatientIDs"),
    ((0x0010, 0x1001), "OtherPatientNames"),
    ((0x0010, 0x1040), "PatientAddress"),
    ((0x0010, 0x2154), "PatientTelephoneNumbers"),
    ((0x0008, 0x0050), "AccessionNumber"),
    ((0x0008, 0x0080), "InstitutionName"),
    ((0x0008, 0x0081), "InstitutionAddress"),
    ((0x0008, 0x0090), "ReferringPhysicianName"),
    ((0x0008, 0x0020), "StudyDate"),
];
const MODALITY: (u16, u16) = (0x0008, 0x0060);
const PIXEL_DATA: (u16, u16) = (0x7FE0, 0x0010);
/// Upper bound on elements read, so a crafted file cannot loop for long.
const MAX_ELEMENTS: usize = 200_000;

/// What the reader found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DicomInfo {
    /// (tag name, value) for each non-empty patient-identifying tag.
    pub patient_tags: Vec<(String, String)>,
    pub modality: Option<String>,
    /// Why part of the file was not read (truncated, deflated, damaged).
    pub problems: Vec<String>,
}

#[derive(Clone, Copy)]
struct Syntax {
    explicit: bool,
    little: bool,
}

/// Does a file without the preamble start like a DICOM dataset? The first
/// element must be a group 0002/0008 tag with a valid VR (explicit) or a
/// plausible length (implicit).
pub fn looks_like_preambleless_dicom(b: &[u8]) -> bool {
    if b.len() < 12 {
        return false;
    }
    let (g_le, g_be) = (u16::from_le_bytes([b[0], b[1]]), u16::from_be_bytes([b[0], b[1]]));
    let (e_le, e_be) = (u16::from_le_bytes([b[2], b[3]]), u16::from_be_bytes([b[2], b[3]]));
    let le = (g_le == 0x0002 || g_le == 0x0008) && e_le < 0x0100;
    let be = g_be == 0x0008 && e_be < 0x0100;
    if !(le || be) {
        return false;
    }
    if is_vr(&b[4..6]) {
        return true;
    }
    // Implicit VR little endian: a 4-byte length that fits in the file.
    le && (u32::from_le_bytes([b[4], b[5], b[6], b[7]]) as usize) < b.len().min(1024)
}

/// Read the patient tags of a DICOM file (with or without preamble).
pub fn read(b: &[u8]) -> DicomInfo {
    let mut info = DicomInfo::default();
    let (start, syntax) = if b.len() >= 132 && &b[128..132] == b"DICM" {
        match meta_group(b, &mut info) {
            Some(x) => x,
            None => return info,
        }
    } else if b.len() < 8 {
        return info; // too short to hold one element
    } else {
        let little = u16::from_le_bytes([b[0], b[1]]) <= 0x0008 && b[0] != 0;
        (0, Syntax { explicit: b.len() >= 6 && is_vr(&b[4..6]), little })
    };
    dataset(b, start, syntax, &mut info);
    info
}

/// The file-meta group (always explicit VR little endian): returns where the
/// dataset starts and its transfer syntax.
fn meta_group(b: &[u8], info: &mut DicomInfo) -> Option<(usize, Syntax)> {
    let mut pos = 132;
    let meta = Syntax { explicit: true, little: true };
    let mut ts = String::from("1.2.840.10008.1.2.1");
    while let Some(el) = element(b, pos, meta) {
        if el.group != 0x0002 {
            break;
        }
        if el.element == 0x0010 {
            ts = text(b.get(el.value_start..el.value_start + el.len.min(64))?);
        }
        pos = el.value_start + el.len;
    }
    let syntax = match ts.trim_end_matches('\0').trim() {
        "1.2.840.10008.1.2" => Syntax { explicit: false, little: true },
        "1.2.840.10008.1.2.2" => Syntax { explicit: true, little: false },
        "1.2.840.10008.1.2.1.99" => {
            info.problems.push("the DICOM dataset is deflate-compressed; its patient tags were not read".into());
            return None;
        }
        _ => Syntax { explicit: true, little: true },
    };
    Some((pos, syntax))
}

struct Element {
    group: u16,
    element: u16,
    vr: [u8; 2],
    /// Value length; `usize::MAX` for undefined length.
    len: usize,
    value_start: usize,
}

fn element(b: &[u8], pos: usize, s: Syntax) -> Option<Element> {
    let h = b.get(pos..pos + 8)?;
    let u16at = |x: &[u8]| if s.little { u16::from_le_bytes([x[0], x[1]]) } else { u16::from_be_bytes([x[0], x[1]]) };
    let u32at = |x: &[u8]| if s.little { u32::from_le_bytes([x[0], x[1], x[2], x[3]]) } else { u32::from_be_bytes([x[0], x[1], x[2], x[3]]) };
    let group = u16at(&h[0..2]);
    let element_no = u16at(&h[2..4]);
    let undefined = |l: u32| if l == 0xFFFF_FFFF { usize::MAX } else { l as usize };
    if group == 0xFFFE || !s.explicit {
        // Items/delimiters, and everything in implicit VR: tag + u32 length.
        return Some(Element { group, element: element_no, vr: *b"UN", len: undefined(u32at(&h[4..8])), value_start: pos + 8 });
    }
    let vr = [h[4], h[5]];
    if matches!(&vr, b"OB" | b"OW" | b"OF" | b"OD" | b"OL" | b"OV" | b"SQ" | b"UT" | b"UN" | b"UC" | b"UR" | b"SV" | b"UV") {
        let l = b.get(pos + 8..pos + 12)?;
        Some(Element { group, element: element_no, vr, len: undefined(u32at(l)), value_start: pos + 12 })
    } else {
        Some(Element { group, element: element_no, vr, len: u16at(&h[6..8]) as usize, value_start: pos + 8 })
    }
}

fn dataset(b: &[u8], mut pos: usize, s: Syntax, info: &mut DicomInfo) {
    for _ in 0..MAX_ELEMENTS {
        if pos >= b.len() {
            return;
        }
        let Some(el) = element(b, pos, s) else {
            info.problems.push("the DICOM file is cut short".into());
            return;
        };
        let tag = (el.group, el.element);
        if tag == PIXEL_DATA {
            return;
        }
        // Containers (sequences, items, undefined-length values): step inside.
        if el.group == 0xFFFE || &el.vr == b"SQ" || el.len == usize::MAX {
            pos = el.value_start;
            continue;
        }
        let end = match el.value_start.checked_add(el.len) {
            Some(e) if e <= b.len() => e,
            _ => {
                info.problems.push("the DICOM file is cut short".into());
                return;
            }
        };
        let value = &b[el.value_start..end];
        if let Some((_, name)) = PATIENT_TAGS.iter().find(|(t, _)| *t == tag) {
            let v = text(value);
            if !v.is_empty() && !info.patient_tags.iter().any(|(n, _)| n == name) {
                info.patient_tags.push((name.to_string(), v));
            }
        } else if tag == MODALITY {
            let v = text(value);
            if !v.is_empty() {
                info.modality = Some(v);
            }
        }
        pos = end;
    }
    info.problems.push("the DICOM file has too many elements; stopped reading".into());
}

/// A string value: trailing padding removed, PN components joined.
fn text(v: &[u8]) -> String {
    let s: String = super::metadata::bytes_to_text(v)
        .chars()
        .map(|c| if c == '^' || c == '\\' { ' ' } else { c })
        .filter(|c| !c.is_control())
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_vr(v: &[u8]) -> bool {
    const VRS: &[&[u8; 2]] = &[
        b"AE", b"AS", b"AT", b"CS", b"DA", b"DS", b"DT", b"FL", b"FD", b"IS", b"LO", b"LT", b"OB", b"OD", b"OF", b"OL", b"OV",
        b"OW", b"PN", b"SH", b"SL", b"SQ", b"SS", b"ST", b"SV", b"TM", b"UC", b"UI", b"UL", b"UN", b"UR", b"US", b"UT", b"UV",
    ];
    v.len() == 2 && VRS.iter().any(|x| x[..] == v[..])
}
