//! Recognizer for web addresses that identify a patient: personal pages
//! (fundraisers, care journals, social profiles) and any link in a post that
//! is about a patient. Reference links to public health resources (.gov,
//! .edu, journals, DOIs) are education, not identifiers.

use std::sync::LazyLock;

use regex::Regex;

use crate::finding::Category;
use crate::text::document::Document;
use crate::text::recognizer::{Candidate, Recognizer};

pub struct UrlsRecognizer;

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:https?://|www\.)[^\s<>()\x22']+|(?-u:\b)[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,12}/[^\s<>()\x22']*")
        .expect("url regex")
});

/// Hosts whose paths name one person: fundraisers, care journals, profiles.
const PERSONAL_HOSTS: &[&str] = &[
    "gofundme.com", "caringbridge.org", "facebook.com", "fb.com", "instagram.com", "tiktok.com", "twitter.com",
    "x.com", "linkedin.com/in", "youtube.com/@", "venmo.com", "cash.app", "paypal.me", "mealtrain.com",
    "lotsahelpinghands.com", "giveforward.com", "spot.fund", "fundly.com", "threads.net", "reddit.com/user",
    "reddit.com/u/", "snapchat.com", "legacy.com", "obituaries",
];

/// Does the host+path start with a personal-page host, whatever its TLD
/// ("gofundme.com/f/x", "gofundme.example/f/x", "m.facebook.com/x")?
fn personal_match(stripped: &str, personal: &str) -> bool {
    let (p_host, p_path) = personal.split_once('/').map_or((personal, ""), |(h, p)| (h, p));
    let name = p_host.split('.').next().unwrap_or(p_host);
    let host = stripped.split('/').next().unwrap_or("");
    let path = &stripped[host.len()..];
    host.split('.').any(|label| label == name) && path.trim_start_matches('/').starts_with(p_path)
}

/// Paths of an organisation's own pages (booking, contact, newsletter).
fn org_path(stripped: &str) -> bool {
    let path = stripped.split_once('/').map_or("", |(_, p)| p);
    ["book", "booking", "appointments", "appointment", "contact", "newsletter", "schedule", "about", "services", "subscribe", "events", "careers"]
        .iter()
        .any(|p| path.starts_with(p))
}

/// Public reference sites: sharing them is education.
fn reference_host(host: &str) -> bool {
    host.ends_with(".gov") || host.ends_with(".edu") || host.ends_with(".int") || host.contains(".gov.") || host.contains(".nhs.")
        || ["doi.org", "pubmed", "ncbi.nlm", "who.int", "cdc.gov", "nih.gov", "mayoclinic.org", "clevelandclinic.org", "nejm.org", "thelancet.com", "jamanetwork.com", "bmj.com", "medlineplus", "uptodate.com", "cochrane", "heart.org", "cancer.org", "aap.org", "acog.org", "nhs.uk", "wikipedia.org", "youtube.com/watch", "youtu.be"]
            .iter()
            .any(|r| host.contains(r))
}

impl Recognizer for UrlsRecognizer {
    fn name(&self) -> &'static str {
        "urls"
    }

    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Candidate>) {
        if !doc.text.contains('.') {
            return;
        }
        let near_patient = |start: usize| doc.cue_before(start, 10, &["pt", "patient", "patient's", "client", "resident", "family", "daughter", "son", "wife", "husband", "mom", "dad", "mother", "father", "baby", "fundraiser", "gofundme", "donate"]);
        for m in URL.find_iter(doc.text) {
            let s = m.as_str().trim_end_matches(['.', ',', ';', ':', '!', '?']);
            let end = m.start() + s.len();
            let lower = s.to_ascii_lowercase();
            let stripped = lower.trim_start_matches("https://").trim_start_matches("http://").trim_start_matches("www.");
            let host = stripped.split('/').next().unwrap_or("");
            let has_path = stripped.len() > host.len() + 1;
            let score = if reference_host(stripped) {
                0.2
            } else if has_path && PERSONAL_HOSTS.iter().any(|p| personal_match(stripped, p)) {
                0.9
            } else if near_patient(m.start()) && !org_path(stripped) {
                0.6
            } else {
                0.3
            };
            out.push(Candidate::new(m.start(), end, Category::Url, score, "Web address that points to a person: a direct identifier under HIPAA Safe Harbor").suggest(""));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::PostContext;

    fn urls(text: &str) -> Vec<String> {
        let ctx = PostContext::default();
        let doc = Document::new(text, &ctx);
        let mut out = Vec::new();
        UrlsRecognizer.recognize(&doc, &mut out);
        out.retain(|c| c.score >= 0.5);
        out.iter().map(|c| text[c.start..c.end].to_string()).collect()
    }

    #[test]
    fn flags_personal_pages() {
        assert_eq!(urls("please share gofundme.com/f/help-jake-walk."), ["gofundme.com/f/help-jake-walk"]);
        assert_eq!(urls("my patient's page https://www.caringbridge.org/visit/annb"), ["https://www.caringbridge.org/visit/annb"]);
        assert_eq!(urls("pt's blog https://annsjourney.blogspot.com/p/1"), ["https://annsjourney.blogspot.com/p/1"]);
    }

    #[test]
    fn quiet_on_references() {
        assert!(urls("see https://www.cdc.gov/flu/index.html").is_empty());
        assert!(urls("study: https://doi.org/10.1056/NEJMoa2034577").is_empty());
        assert!(urls("my newsletter https://drsmith.substack.com/p/sleep").is_empty());
    }
}
