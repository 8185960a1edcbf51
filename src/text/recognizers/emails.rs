//! Recognizer for email addresses. Role mailboxes of organisations
//! ("info@", "appointments@") are public contacts, not a patient's address.

use std::sync::LazyLock;

use regex::Regex;

use crate::finding::Category;
use crate::text::document::Document;
use crate::text::recognizer::{Candidate, Recognizer};

pub struct EmailsRecognizer;

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)[a-z0-9][a-z0-9._%+-]{0,63}@[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)*\.[a-z]{2,24}(?-u:\b)")
        .expect("email regex")
});

/// Addresses written out to dodge filters: "rose dot whitlock at lakemail dot net".
static SPOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)[a-z0-9_]+(?:\s*(?:(?-u:\b)dot(?-u:\b)|\.|_|(?-u:\b)underscore(?-u:\b))\s*[a-z0-9_]+)*\s*(?:(?-u:\b)at(?-u:\b)|\[at\]|\(at\))\s*[a-z0-9-]+(?:\s*(?:(?-u:\b)dot(?-u:\b)|\[dot\]|\(dot\))\s*[a-z0-9-]+)*\s*(?:(?-u:\b)dot(?-u:\b)|\[dot\]|\(dot\))\s*(?:com|net|org|edu|gov|io|co|us|uk|ca|me|info|biz)(?-u:\b)")
        .expect("spoken email regex")
});

const ROLE_MAILBOXES: &[&str] = &[
    "info", "contact", "hello", "press", "media", "support", "help", "appointments", "appointment", "office",
    "admin", "noreply", "no-reply", "team", "clinic", "frontdesk", "reception", "enquiries", "inquiries",
    "referrals", "billing", "records", "privacy", "compliance", "newsletter", "booking", "bookings",
];

/// The writer offering their own address.
const OWN_CONTACT_CUES: &[&str] = &[
    "email me", "e-mail me", "email me at", "reach me", "reach me at", "contact me", "contact me at", "write to me",
    "message me", "my email", "my email is", "my work email", "drop me a line", "drop me a line at",
];

impl Recognizer for EmailsRecognizer {
    fn name(&self) -> &'static str {
        "emails"
    }

    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Candidate>) {
        if doc.has_word("dot") && (doc.has_word("at") || doc.text.contains("[at]") || doc.text.contains("(at)")) {
            for m in SPOKEN.find_iter(doc.text) {
                out.push(Candidate::new(m.start(), m.end(), Category::Email, 0.85, "Email address written out: still a direct identifier under HIPAA Safe Harbor").suggest(""));
            }
        }
        if !doc.text.contains('@') {
            return;
        }
        for m in EMAIL.find_iter(doc.text) {
            let local = m.as_str().split('@').next().unwrap_or("").to_ascii_lowercase();
            let domain = m.as_str().rsplit('@').next().unwrap_or("").to_ascii_lowercase();
            // "email me at…", "reach me at…": the writer's own address, theirs to share.
            let own = doc.cue_before(m.start(), 3, OWN_CONTACT_CUES);
            let public = ROLE_MAILBOXES.contains(&local.as_str()) || domain.ends_with(".gov") || own;
            let score = if public { 0.3 } else { 0.9 };
            out.push(Candidate::new(m.start(), m.end(), Category::Email, score, "Email address: a direct identifier under HIPAA Safe Harbor").suggest(""));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::PostContext;

    fn emails(text: &str) -> Vec<String> {
        let ctx = PostContext::default();
        let doc = Document::new(text, &ctx);
        let mut out = Vec::new();
        EmailsRecognizer.recognize(&doc, &mut out);
        out.retain(|c| c.score >= 0.5);
        out.iter().map(|c| text[c.start..c.end].to_string()).collect()
    }

    #[test]
    fn finds_addresses() {
        assert_eq!(emails("her email jdoe@mail.com bounced"), ["jdoe@mail.com"]);
        assert!(emails("Informal chats welcome: email me at fiona.mcleod.stroke@nhs.scot or DM here").is_empty());
        assert_eq!(emails("(J.Smith+pt@example.co.uk)"), ["J.Smith+pt@example.co.uk"]);
        assert_eq!(emails("her email is rose dot whitlock at lakemail dot net ok"), ["rose dot whitlock at lakemail dot net"]);
    }

    #[test]
    fn quiet_on_role_mailboxes_and_handles() {
        assert!(emails("write to info@clinic.org").is_empty());
        assert!(emails("@jenny_runs said hi").is_empty());
        assert!(emails("a@b").is_empty());
        assert!(emails("look at the dot on the scan").is_empty());
    }
}
