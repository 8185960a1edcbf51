//! The one shape every check reports in: text recognizers, the patient-story
//! and advice checks, and the photo checks all return [`Finding`]s, so the
//! CLI, the extension and the eval share one contract.

use serde::{Deserialize, Serialize};

/// What kind of problem a finding is. The snake_case names are the stable
/// `category` strings of the CLI's JSON output (scripts depend on them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Name,
    Location,
    Date,
    Age,
    Phone,
    Fax,
    Email,
    Url,
    Ip,
    Handle,
    Ssn,
    Mrn,
    HealthPlan,
    Account,
    License,
    Vehicle,
    Device,
    Biometric,
    OtherId,
    PatientStory,
    PersonalAdvice,
    PhotoFace,
    PhotoLocation,
    PhotoMetadata,
    PhotoClinical,
    PhotoDicom,
    /// The image could not be checked (malformed, truncated, too large).
    PhotoUnreadable,
}

impl Category {
    /// The stable snake_case name, as in the JSON contract.
    pub fn as_str(self) -> &'static str {
        use Category::*;
        match self {
            Name => "name",
            Location => "location",
            Date => "date",
            Age => "age",
            Phone => "phone",
            Fax => "fax",
            Email => "email",
            Url => "url",
            Ip => "ip",
            Handle => "handle",
            Ssn => "ssn",
            Mrn => "mrn",
            HealthPlan => "health_plan",
            Account => "account",
            License => "license",
            Vehicle => "vehicle",
            Device => "device",
            Biometric => "biometric",
            OtherId => "other_id",
            PatientStory => "patient_story",
            PersonalAdvice => "personal_advice",
            PhotoFace => "photo_face",
            PhotoLocation => "photo_location",
            PhotoMetadata => "photo_metadata",
            PhotoClinical => "photo_clinical",
            PhotoDicom => "photo_dicom",
            PhotoUnreadable => "photo_unreadable",
        }
    }

    /// The HIPAA Safe Harbor heading a clinician sees on a warning card.
    pub fn safe_harbor_label(self) -> &'static str {
        use Category::*;
        match self {
            Name => "names",
            Location => "geographic subdivisions smaller than a state",
            Date => "dates (other than year) related to an individual",
            Age => "ages (over 89 are a direct identifier)",
            Phone => "telephone numbers",
            Fax => "fax numbers",
            Email => "email addresses",
            Url => "web URLs",
            Ip => "IP addresses",
            Handle => "social media handles (unique identifying codes)",
            Ssn => "Social Security numbers",
            Mrn => "medical record numbers",
            HealthPlan => "health plan beneficiary numbers",
            Account => "account numbers",
            License => "certificate/license numbers",
            Vehicle => "vehicle identifiers and serial numbers, including license plates",
            Device => "device identifiers and serial numbers",
            Biometric => "biometric identifiers",
            OtherId => "any other unique identifying number or code",
            PatientStory => "identifiable when combined",
            PersonalAdvice => "individual medical advice",
            PhotoFace => "full-face photographs",
            PhotoLocation => "geographic data hidden in the file",
            PhotoMetadata => "dates and serial numbers hidden in the file",
            PhotoClinical => "clinical image",
            PhotoDicom => "medical image with patient data",
            PhotoUnreadable => "image could not be checked",
        }
    }

    /// True for the 18 Safe Harbor identifier categories found in text.
    pub fn is_text_identifier(self) -> bool {
        !matches!(
            self,
            Category::PatientStory
                | Category::PersonalAdvice
                | Category::PhotoFace
                | Category::PhotoLocation
                | Category::PhotoMetadata
                | Category::PhotoClinical
                | Category::PhotoDicom
                | Category::PhotoUnreadable
        )
    }
}

/// How bad it is, in the clinician's own terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Quasi-identifier stories, ages under 90, personal advice: a
    /// "relative contraindication" (think twice).
    Relative,
    /// HIPAA Safe Harbor direct identifiers: an "absolute contraindication".
    Absolute,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Relative => "relative",
            Severity::Absolute => "absolute",
        }
    }
}

/// One thing the clinician should not publish, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub category: Category,
    pub severity: Severity,
    /// Unicode code-point offset of the first flagged character.
    pub start: usize,
    /// Unicode code-point offset one past the last flagged character.
    pub end: usize,
    /// The same span in UTF-16 code units, for JavaScript strings.
    pub start_utf16: usize,
    pub end_utf16: usize,
    /// One line a clinician understands: what was found and why it identifies.
    pub message: String,
    /// A safe rewrite of the span; `Some("")` means "remove it".
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub suggestion: Option<String>,
    /// For post-level findings: the parts that combine (e.g. "age", "place").
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub parts: Vec<String>,
    /// Detector confidence in 0..=1.
    pub score: f32,
}
