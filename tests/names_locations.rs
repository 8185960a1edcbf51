//! Names and locations on SafePost's own labelled posts
//! (`tests/data/names_locations_posts.jsonl`): 250 realistic clinician posts
//! written for this test, none taken from the shared dev set. About 100
//! carry patients' and relatives' names, towns, streets, rooms and postal
//! codes; the rest are clean posts full of hard negatives (eponyms, drug
//! brands, colleagues, public figures, the clinician's own town and family,
//! organisations' addresses). PHI spans are labelled per the annotation
//! guideline; the patient_story and advice fields were not reviewed, so only
//! the NAME and LOCATION figures are asserted here.

use safepost::eval::{evaluate, parse_labeled};
use safepost::{Analyzer, Category};

const POSTS: &str = include_str!("data/names_locations_posts.jsonl");

#[test]
fn names_and_locations_meet_the_bars_on_our_own_posts() {
    let posts = parse_labeled(POSTS).expect("names/locations posts parse");
    assert!(posts.len() >= 200, "set too small: {}", posts.len());
    let r = evaluate(&posts, &Analyzer::new());
    let summary = r.render(false);
    for ty in ["NAME", "LOCATION"] {
        let f = r.per_type.get(ty).unwrap_or_else(|| panic!("no {ty} figures\n{summary}"));
        assert!(f.gold >= 50, "{ty}: only {} gold spans", f.gold);
        assert!(f.recall >= 0.95, "{ty} recall {:.3} < 0.95\n{summary}", f.recall);
        assert!(f.precision >= 0.9, "{ty} precision {:.3} < 0.9\n{summary}", f.precision);
    }
}

#[test]
fn clean_posts_rarely_get_a_name_or_place() {
    let posts = parse_labeled(POSTS).expect("names/locations posts parse");
    let analyzer = Analyzer::new();
    let clean: Vec<_> = posts.iter().filter(|p| p.phi.is_empty()).collect();
    assert!(clean.len() >= 100);
    let flagged: Vec<&str> = clean
        .iter()
        .filter(|p| {
            analyzer
                .analyze(&p.text, &p.context())
                .iter()
                .any(|f| matches!(f.category, Category::Name | Category::Location))
        })
        .map(|p| p.text.as_str())
        .collect();
    let share = flagged.len() as f64 / clean.len() as f64;
    assert!(share <= 0.03, "{:.1}% of clean posts got a name or place: {flagged:#?}", share * 100.0);
}
