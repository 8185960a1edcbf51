//! Turning what the readers found into [`Finding`]s a clinician reads on
//! the warning card. Photo findings have no text span (offsets are 0).

use crate::finding::{Category, Finding, Severity};
use crate::text::{Analyzer, PostContext};

use super::clinical::ClinicalCues;
use super::dicom::DicomInfo;
use super::faces::{FaceSummary, FULL_FRAME_SHARE};
use super::metadata::{MetaItem, Metadata};

/// A finding about the whole file.
pub fn photo(category: Category, severity: Severity, message: impl Into<String>, score: f32) -> Finding {
    Finding {
        category,
        severity,
        start: 0,
        end: 0,
        start_utf16: 0,
        end_utf16: 0,
        message: message.into(),
        suggestion: None,
        parts: Vec::new(),
        score,
    }
}

/// "SafePost could not check this image: …" — never a silent pass.
pub fn unreadable(reason: &str) -> Finding {
    photo(Category::PhotoUnreadable, Severity::Relative, format!("SafePost could not check this image: {reason}"), 1.0)
}

/// Faces: any face is a Safe Harbor identifier ("full-face photographs and
/// any comparable images"); very small faces are a prompt, not a block.
pub fn faces(s: &FaceSummary) -> Option<Finding> {
    if s.count == 0 {
        return None;
    }
    let pct = (s.largest_share * 100.0).round().max(1.0) as u32;
    let many = if s.count == 1 { "a face".to_string() } else { format!("{} faces", s.count) };
    let (size, severity) = if s.largest_share >= FULL_FRAME_SHARE {
        (format!("full frame (the largest fills {pct}% of the image's area)"), Severity::Absolute)
    } else if s.largest_share >= 0.005 {
        (format!("the largest fills {pct}% of the image's area"), Severity::Absolute)
    } else {
        ("small, in the background".to_string(), Severity::Relative)
    };
    let score = (0.6 + (s.best_score as f32 / 20.0)).min(0.99);
    Some(photo(
        Category::PhotoFace,
        severity,
        format!("{many}, {size}: HIPAA identifier (full-face photograph); post only with documented consent"),
        score,
    ))
}

pub fn clinical(c: &ClinicalCues) -> Option<Finding> {
    c.radiograph_like.then(|| {
        photo(
            Category::PhotoClinical,
            Severity::Relative,
            "looks like an X-ray, CT or MRI image (grayscale on a dark field): check for burned-in names, dates and record numbers, and that consent is documented",
            c.score,
        )
    })
}

pub fn dicom(info: &DicomInfo) -> Finding {
    let modality = info.modality.as_deref().map(|m| format!(" ({m})")).unwrap_or_default();
    if info.patient_tags.is_empty() {
        return photo(
            Category::PhotoDicom,
            Severity::Relative,
            format!("a DICOM medical image file{modality}: no patient tags found, but DICOM files carry study data; post a de-identified screenshot instead"),
            0.9,
        );
    }
    let names: Vec<&str> = info.patient_tags.iter().map(|(n, _)| n.as_str()).collect();
    photo(
        Category::PhotoDicom,
        Severity::Absolute,
        format!("a DICOM medical image file{modality} with {}: patient data travels with the file", names.join(", ")),
        0.99,
    )
}

/// Truncate toward zero at 2 decimals (≈1 km): enough to recognise the place.
fn coord(v: f64) -> String {
    let t = (v * 100.0).trunc() / 100.0;
    format!("{t:.2}")
}

/// EXIF "2026:11:20 14:32:05" → "2026-11-20 14:32".
fn pretty_date(v: &str) -> String {
    let b = v.as_bytes();
    // A malformed file may put any bytes here: slice only plain ASCII.
    if b.len() >= 16 && b[..16].is_ascii() && b[4] == b':' && b[7] == b':' {
        return format!("{}-{}-{} {}", &v[0..4], &v[5..7], &v[8..10], &v[11..16]);
    }
    v.to_string()
}

/// What the text checks say about one metadata value, as a short list of
/// Safe Harbor labels ("names", "medical record numbers").
fn text_identifiers(analyzer: &Analyzer, value: &str) -> (Vec<&'static str>, bool) {
    let found = analyzer.analyze(value, &PostContext::default());
    let mut labels: Vec<&'static str> = Vec::new();
    let mut absolute = false;
    for f in found {
        if !f.category.is_text_identifier() {
            continue;
        }
        absolute |= f.severity == Severity::Absolute;
        let l = f.category.safe_harbor_label();
        if !labels.contains(&l) {
            labels.push(l);
        }
    }
    (labels, absolute)
}

/// Findings for the hidden metadata: one per kind, so the card stays short.
pub fn metadata(m: &Metadata, analyzer: &Analyzer) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut seen_gps: Vec<(String, String)> = Vec::new();
    for item in &m.items {
        if let MetaItem::Gps { source, lat, lon } = item {
            let key = (coord(*lat), coord(*lon));
            if seen_gps.contains(&key) {
                continue;
            }
            out.push(photo(
                Category::PhotoLocation,
                Severity::Absolute,
                format!("GPS location in the file: {}, {} ({source}); it shows where the photo was taken", key.0, key.1),
                0.99,
            ));
            seen_gps.push(key);
        }
    }
    // Capture dates identify the encounter; modification stamps (EXIF
    // DateTime, PNG tIME) only say when the file was last saved.
    let is_modified = |field: &str| field == "DateTime" || field == "PNG tIME";
    let mut dates: Vec<String> = Vec::new();
    let mut captured = false;
    for i in &m.items {
        if let MetaItem::DateTime { field, value } = i {
            captured |= !is_modified(field);
            let d = format!("{} ({field})", pretty_date(value));
            if !dates.contains(&d) {
                dates.push(d);
            }
        }
    }
    if !dates.is_empty() {
        let (what, severity) = if captured {
            ("taken", Severity::Absolute)
        } else {
            ("last saved", Severity::Relative)
        };
        out.push(photo(
            Category::PhotoMetadata,
            severity,
            format!("{what} {}: dates tied to a patient are identifiers", list(&dates)),
            0.95,
        ));
    }
    let serials: Vec<String> = m
        .items
        .iter()
        .filter_map(|i| match i {
            MetaItem::Serial { field, value } => Some(format!("{value} ({field})")),
            _ => None,
        })
        .collect();
    if !serials.is_empty() {
        out.push(photo(
            Category::PhotoMetadata,
            Severity::Absolute,
            format!("camera serial number in the file: {}: device serial numbers are identifiers", list(&serials)),
            0.95,
        ));
    }
    // One entry per name, with every field that holds it.
    let mut people: Vec<(String, Vec<String>)> = Vec::new();
    for i in &m.items {
        if let MetaItem::Person { field, value } = i {
            match people.iter_mut().find(|(v, _)| v.eq_ignore_ascii_case(value)) {
                Some((_, fields)) => fields.push(field.clone()),
                None => people.push((value.clone(), vec![field.clone()])),
            }
        }
    }
    let people: Vec<String> = people.iter().map(|(v, f)| format!("“{v}” ({})", f.join(", "))).collect();
    if !people.is_empty() {
        out.push(photo(
            Category::PhotoMetadata,
            Severity::Relative,
            format!("names in the file: {}: usually the photographer or owner, but they are published with the file", list(&people)),
            0.8,
        ));
    }
    // Free-text fields: the text checks run on each; the card gets one
    // line for fields holding identifiers and one for other hidden text.
    let mut with_ids: Vec<String> = Vec::new();
    let mut ids_absolute = false;
    let mut plain: Vec<String> = Vec::new();
    for item in &m.items {
        match item {
            MetaItem::Text { field, value } | MetaItem::Person { field, value } => {
                let (labels, absolute) = text_identifiers(analyzer, value);
                if !labels.is_empty() {
                    ids_absolute |= absolute;
                    with_ids.push(format!("{field} ({})", list_plain(&labels)));
                } else if matches!(item, MetaItem::Text { .. }) {
                    let short: String = value.chars().take(60).collect();
                    let ell = if value.chars().count() > 60 { "…" } else { "" };
                    plain.push(format!("{field} “{short}{ell}”"));
                }
            }
            MetaItem::Thumbnail { bytes } => out.push(photo(
                Category::PhotoMetadata,
                Severity::Relative,
                format!("an embedded preview image ({:.1} KB): it can show the photo before cropping or blurring", *bytes as f64 / 1024.0),
                0.8,
            )),
            MetaItem::Unread { field } => plain.push(format!("{field} (compressed, not read)")),
            _ => {}
        }
    }
    if !with_ids.is_empty() {
        out.push(photo(
            Category::PhotoMetadata,
            if ids_absolute { Severity::Absolute } else { Severity::Relative },
            format!("hidden fields in the file hold identifiers: {}", list(&with_ids)),
            0.9,
        ));
    }
    if !plain.is_empty() {
        out.push(photo(Category::PhotoMetadata, Severity::Relative, format!("hidden text in the file: {}", list(&plain)), 0.6));
    }
    out
}

/// Identifiers in the file name ("Smith_John_MRN48213377.jpg"): sites often
/// publish or keep the original name.
pub fn file_name(name: &str, analyzer: &Analyzer) -> Option<Finding> {
    let stem = match name.rfind('.') {
        Some(i) if i > 0 => &name[..i],
        _ => name,
    };
    let spaced: String = stem.chars().map(|c| if c == '_' || c == '+' { ' ' } else { c }).collect();
    let (labels, absolute) = text_identifiers(analyzer, &spaced);
    if labels.is_empty() {
        return None;
    }
    Some(photo(
        Category::PhotoMetadata,
        if absolute { Severity::Absolute } else { Severity::Relative },
        format!("the file name “{name}” holds {}: rename the file before posting", list_plain(&labels)),
        0.85,
    ))
}

fn list(v: &[String]) -> String {
    v.join("; ")
}
fn list_plain(v: &[&str]) -> String {
    v.join(", ")
}

#[cfg(test)]
mod tests {
    use super::pretty_date;

    #[test]
    fn pretty_date_never_slices_inside_a_character() {
        assert_eq!(pretty_date("2026:11:20 14:32:05"), "2026-11-20 14:32");
        // A mutated file: a two-byte letter where a digit was.
        assert_eq!(pretty_date("2026:11:20 14:3Ó:05"), "2026:11:20 14:3Ó:05");
    }
}
