//! One module per identifier type. Each is a small unit of patterns,
//! context words, a validator and a score (like Presidio's recognizers).

pub mod names;
pub mod locations;
pub mod dates;
pub mod ages;
pub mod phones;
pub mod emails;
pub mod urls;
pub mod ip_addresses;
pub mod handles;
pub mod ssn;
pub mod record_numbers;
pub mod spelled_digits;
/// Word shapes and sentences shared by the names and locations recognizers.
pub mod tokens;

use super::recognizer::Recognizer;

/// Every built-in recognizer, in no particular order (overlaps are
/// resolved by score afterwards).
pub fn all() -> Vec<Box<dyn Recognizer>> {
    vec![
        Box::new(names::NamesRecognizer),
        Box::new(locations::LocationsRecognizer),
        Box::new(dates::DatesRecognizer),
        Box::new(ages::AgesRecognizer),
        Box::new(phones::PhonesRecognizer),
        Box::new(emails::EmailsRecognizer),
        Box::new(urls::UrlsRecognizer),
        Box::new(ip_addresses::IpAddressesRecognizer),
        Box::new(handles::HandlesRecognizer),
        Box::new(ssn::SsnRecognizer),
        Box::new(record_numbers::RecordNumbersRecognizer),
        Box::new(spelled_digits::SpelledDigitsRecognizer),
    ]
}
