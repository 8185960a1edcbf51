//! Recognizer for IP addresses (IPv4 with octet validation, IPv6). Version
//! numbers ("v1.2.3.4", "version 10.0.0.1") are not addresses.

use std::sync::LazyLock;

use regex::Regex;

use crate::finding::Category;
use crate::text::document::Document;
use crate::text::recognizer::{Candidate, Recognizer};

pub struct IpAddressesRecognizer;

static IPV4: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u:\b)([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})(?-u:\b)").expect("ipv4 regex"));
static IPV6: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(?-u:\b)[0-9a-f]{1,4}|::)[0-9a-f:]*:[0-9a-f:]*[0-9a-f](?-u:\b)").expect("ipv6 regex")
});

fn message() -> &'static str {
    "IP address: a direct identifier under HIPAA Safe Harbor"
}

impl Recognizer for IpAddressesRecognizer {
    fn name(&self) -> &'static str {
        "ip_addresses"
    }

    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Candidate>) {
        let text = doc.text;
        for c in IPV4.captures_iter(text) {
            let m = c.get(0).expect("match");
            let octets: Vec<u32> = (1..=4).filter_map(|i| c[i].parse().ok()).collect();
            if octets.len() != 4 || octets.iter().any(|&o| o > 255) {
                continue;
            }
            let before = &text[..m.start()];
            let after = &text[m.end()..];
            if before.ends_with(['.', 'v', 'V']) || after.starts_with('.') && after[1..].starts_with(|ch: char| ch.is_ascii_digit()) {
                continue;
            }
            if doc.cue_before(m.start(), 2, &["version", "ver", "v", "release", "build", "icd", "icd-10", "cpt"]) {
                continue;
            }
            out.push(Candidate::new(m.start(), m.end(), Category::Ip, 0.85, message()).suggest(""));
        }
        if text.contains("::") || text.matches(':').count() >= 5 {
            for m in IPV6.find_iter(text) {
                let s = m.as_str();
                // The standard library's parser is the validator.
                let groups = s.split(':').filter(|g| !g.is_empty()).count();
                if groups < 3 || s.parse::<std::net::Ipv6Addr>().is_err() {
                    continue;
                }
                out.push(Candidate::new(m.start(), m.end(), Category::Ip, 0.85, message()).suggest(""));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::PostContext;

    fn ips(text: &str) -> Vec<String> {
        let ctx = PostContext::default();
        let doc = Document::new(text, &ctx);
        let mut out = Vec::new();
        IpAddressesRecognizer.recognize(&doc, &mut out);
        out.iter().map(|c| text[c.start..c.end].to_string()).collect()
    }

    #[test]
    fn finds_addresses() {
        assert_eq!(ips("logged in from 192.168.14.201 at"), ["192.168.14.201"]);
        assert_eq!(ips("addr 2001:db8:85a3::8a2e:370:7334 seen"), ["2001:db8:85a3::8a2e:370:7334"]);
    }

    #[test]
    fn quiet_on_versions_and_times() {
        assert!(ips("update to version 10.2.0.1 now").is_empty());
        assert!(ips("values 300.1.1.1").is_empty());
        assert!(ips("at 12:30:45 today").is_empty());
        assert!(ips("ratio 1.2.3").is_empty());
    }
}
