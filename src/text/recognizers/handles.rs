//! Recognizer for patients' social handles. An @handle is PHI only when the
//! text ties it to a patient or a patient's relative ("my patient
//! @jenny_runs", "her daughter @k.lee"); the person being replied to, the
//! clinician's own handle and organisations' handles are not.

use std::sync::LazyLock;

use regex::Regex;

use crate::finding::Category;
use crate::text::document::Document;
use crate::text::recognizer::{Candidate, Recognizer};

pub struct HandlesRecognizer;

static HANDLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:^|[^\w@.])(@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)").expect("handle regex"));

/// Words that tie a handle to a patient or their family.
const PATIENT_TIES: &[&str] = &[
    "patient", "pt", "client", "resident", "daughter", "son", "wife", "husband", "mom", "mother", "mum", "dad",
    "father", "sister", "brother", "grandson", "granddaughter", "grandma", "grandpa", "baby", "kid", "child",
    "family", "partner", "fiance", "fiancee", "niece", "nephew", "aunt", "uncle", "cousin", "caregiver",
];

impl Recognizer for HandlesRecognizer {
    fn name(&self) -> &'static str {
        "handles"
    }

    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Candidate>) {
        if !doc.text.contains('@') {
            return;
        }
        for c in HANDLE.captures_iter(doc.text) {
            let m = c.get(1).expect("handle");
            // Part of an email address: the email recognizer owns it.
            if doc.text[m.end()..].starts_with('@') {
                continue;
            }
            let tied_before = doc.cue_before(m.start(), 4, PATIENT_TIES)
                || doc.patient_context && doc.cue_before(m.start(), 2, &["handle", "account", "profile", "username", "ig", "insta", "instagram", "tiktok", "page", "channel", "snap"]);
            // A reply that opens with the person's handle and speaks of their
            // own visit shows they are the clinician's patient.
            // ("Hi @rita, lovely to see you in clinic!": a greeting may come first.)
            let head = doc.text[..m.start()].trim().trim_end_matches(',').trim().to_ascii_lowercase();
            let leading = head.is_empty() || matches!(head.as_str(), "hi" | "hey" | "hello" | "thanks" | "thank you");
            let own_patient = leading
                && (super::names::reply_shows_own_patient(doc) || doc.has_cue(&["at your", "see you in clinic", "your follow-up", "your next appointment", "your visit"]));
            let tied_after = doc.cue_after(m.end(), 3, &["my patient", "a patient", "our patient", "is my patient", "the patient"])
                || described_as_patient(doc, m.end())
                || tagged_with_consent(doc, m.end())
                || recovery_follows(doc, m.end());
            let patient_of_reply = doc.context.is_reply() && tied_after;
            if !(tied_before || tied_after || patient_of_reply || own_patient) {
                continue;
            }
            out.push(
                Candidate::new(m.start(), m.end(), Category::Handle, 0.85, "Social media handle of a patient or relative: a unique identifying code under HIPAA Safe Harbor")
                    .suggest(""),
            );
        }
    }
}

/// "@jaxon.walks.again (tagged with his permission)": the consent a post
/// mentions is a patient's (and consent does not make the handle less PHI).
fn tagged_with_consent(doc: &Document<'_>, end: usize) -> bool {
    // "with his permission", "her consent": a person's own, not "with permission to repost".
    doc.words_after(end, 6).windows(2).any(|w| matches!(w[0].bare(), "his" | "her" | "their") && matches!(w[1].bare(), "permission" | "consent" | "blessing" | "ok"))
}

/// "So proud of @jess_runs_far, 8 months after her ACL reconstruction": a
/// recovery told right after the handle, in a post about care.
fn recovery_follows(doc: &Document<'_>, end: usize) -> bool {
    (doc.patient_context || doc.has_cue(&["in our clinic", "rehab", "physio", "surgery"])) && {
        let after = doc.words_after(end, 10);
        after.windows(3).any(|w| {
            matches!(w[0].bare(), "after" | "since" | "post") && matches!(w[1].bare(), "her" | "his" | "their")
                || matches!(w[0].bare(), "her" | "his" | "their") && matches!(w[1].bare(), "surgery" | "op" | "operation" | "reconstruction" | "fracture" | "stroke" | "transplant" | "injury" | "rehab" | "recovery" | "diagnosis" | "acl" | "knee" | "hip")
        })
    }
}

/// "@marathon_mel, my ACL reconstruction patient": set off by a comma, the
/// handle is described as the writer's patient within a few words.
fn described_as_patient(doc: &Document<'_>, end: usize) -> bool {
    if !doc.text[end..].trim_start().starts_with(',') {
        return false;
    }
    let after = doc.words_after(end, 5);
    after.first().is_some_and(|w| matches!(w.bare(), "my" | "our"))
        && after.iter().skip(1).any(|w| matches!(w.bare(), "patient" | "pt" | "client" | "resident"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::PostContext;

    fn handles(text: &str) -> Vec<String> {
        let ctx = PostContext::default();
        let doc = Document::new(text, &ctx);
        let mut out = Vec::new();
        HandlesRecognizer.recognize(&doc, &mut out);
        out.iter().map(|c| text[c.start..c.end].to_string()).collect()
    }

    #[test]
    fn flags_patient_handles() {
        assert_eq!(handles("shoutout to my patient @jenny_runs for finishing"), ["@jenny_runs"]);
        assert_eq!(handles("her daughter @k.lee posted"), ["@k.lee"]);
        assert_eq!(handles("Congrats to @marathon_mel, my ACL reconstruction patient from last March!"), ["@marathon_mel"]);
        let reply = PostContext { kind: Some("reply".into()), reply_to: Some("thank you for fixing my wrist!!".into()), platform: None };
        let text = "@climbtess so happy for you!! see you for the 6-week x-ray";
        let doc = Document::new(text, &reply);
        let mut out = Vec::new();
        HandlesRecognizer.recognize(&doc, &mut out);
        assert_eq!(out.len(), 1, "a reply to one's own patient");
        assert_eq!(handles("Look who came back to visit the rehab gym!! @jaxon.walks.again (tagged with his permission) walked in"), ["@jaxon.walks.again"]);
        let reply = PostContext { kind: Some("reply".into()), reply_to: Some("Thanks for seeing me Tuesday! the new inhaler makes my voice hoarse".into()), platform: None };
        let text = "Hi @rita.solis.77, lovely to see you in clinic! Yes, that's the steroid.";
        let mut out = Vec::new();
        HandlesRecognizer.recognize(&Document::new(text, &reply), &mut out);
        assert_eq!(out.len(), 1, "a greeting, then the handle of one's own patient");
        assert_eq!(handles("So proud of @jess_runs_far, 8 months after her ACL reconstruction in our clinic"), ["@jess_runs_far"]);
    }

    #[test]
    fn quiet_on_ordinary_mentions() {
        assert!(handles("@sam great question! hydration matters").is_empty());
        assert!(handles("Congrats to @marathon_mel, my running buddy, on her first marathon").is_empty());
        assert!(handles("thanks @CDCgov for the guidance").is_empty());
        assert!(handles("email me at jo@clinic.com").is_empty());
        assert!(handles("thanks @CDCgov, shared with permission to repost").is_empty());
        assert!(handles("my shift today: @sam asked a great question about flu shots").is_empty());
    }
}
