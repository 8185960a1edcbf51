//! Recognizer for IPv4 and IPv6 addresses.
//! (Not yet implemented: proposes nothing.)

use crate::text::document::Document;
use crate::text::recognizer::{Candidate, Recognizer};

pub struct IpAddressesRecognizer;

impl Recognizer for IpAddressesRecognizer {
    fn name(&self) -> &'static str {
        "ip_addresses"
    }

    fn recognize(&self, _doc: &Document<'_>, _out: &mut Vec<Candidate>) {}
}
