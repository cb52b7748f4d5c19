//! Tests of the segmentation rules, one group per rule.

use super::*;

fn texts(text: &str, blocks: &[Block]) -> Vec<String> {
    blocks
        .iter()
        .map(|b| b.span().of(text).to_owned())
        .collect()
}

#[test]
fn blank_lines_and_indentation_separate_blocks() {
    let text = "Dear Sir,\n\n  First line\nwrapped here.\n  Second para\nagain.\n\n\nYours";
    assert_eq!(
        texts(text, &blocks(text)),
        [
            "Dear Sir,",
            "First line\nwrapped here.",
            "Second para\nagain.",
            "Yours"
        ]
    );
}

#[test]
fn uniformly_indented_block_stays_whole() {
    let text = "    one\n    two\n";
    assert_eq!(texts(text, &blocks(text)), ["one\n    two"]);
}

#[test]
fn title_line() {
    assert!(is_title_line(
        "Letter to Comrade Kim Jong Il, General Secretary"
    ));
    assert!(is_title_line("Copy of a letter from J. Smith"));
    assert!(!is_title_line("Letters to the editor were many.\nAnd more"));
    assert!(!is_title_line("Dear Sir,"));
}

#[test]
fn salutations() {
    for s in [
        "Dear Sir,",
        "My dear Miss Edgeworth",
        "Sir",
        "Dearest mother",
        "Comrades:",
        "Lieber Freund!",
    ] {
        assert!(is_salutation(s), "{s}");
    }
    for s in [
        "Sirius is bright.",
        "Dear me, what a day it has been, and how long the road was to town.",
        "Madame Bovary was a novel I read last year.",
    ] {
        assert!(!is_salutation(s), "{s}");
    }
}

#[test]
fn datelines() {
    assert!(is_dateline("July 26, 2003").is_some());
    assert!(is_dateline("Edgeworths town May 16th. 1848").is_some());
    assert!(is_dateline("Zambesi River 5th Octr 1858").is_some());
    assert!(is_dateline(
        "Then in June 1950, U.S. imperialism launched all out war against the north and we saw it."
    )
    .is_none());
}

#[test]
fn place_lines() {
    assert!(is_place_line("Edgeworthtown"));
    assert!(is_place_line("Stratford upon Avon"));
    assert!(!is_place_line("the river"));
    assert!(!is_place_line("It rained."));
}

#[test]
fn closing_salutations() {
    for s in [
        "Yours truly,",
        "Believe me ever most truly & faithfully yours",
        "I have the honor to be Sir",
        "In solidarity,",
    ] {
        assert!(is_closing_salutation(s), "{s}");
    }
    assert!(!is_closing_salutation("Your letter came yesterday and I read it with the greatest pleasure, for it told me everything about the state of the roads and the harvest, which I had been anxious to hear of."));
}

#[test]
fn signatures_with_titles_and_organisations() {
    let s = "Michael Thorburn, First Secretary, Workers Party U.S.A.";
    let (name, org) = split_signature(s).unwrap();
    assert_eq!(name.of(s), "Michael Thorburn");
    assert_eq!(org.unwrap().of(s), "Workers Party U.S.A.");
    let s = "J. S. Mill, Secretary, Political Economy Club.";
    let (name, org) = split_signature(s).unwrap();
    assert_eq!(name.of(s), "J. S. Mill");
    assert_eq!(org.unwrap().of(s), "Political Economy Club");
    assert_eq!(
        split_signature("David Livingstone")
            .unwrap()
            .0
            .of("David Livingstone"),
        "David Livingstone"
    );
    assert!(split_signature("we went home, tired").is_none());
}

#[test]
fn closing_with_signature_splits_the_name() {
    let s = "I am Dr. Sir Yours truly obliged Maria Edgeworth";
    assert_eq!(&s[closing_with_signature(s).unwrap()..], "Maria Edgeworth");
    let s = "Most truly David Livingstone";
    assert_eq!(
        &s[closing_with_signature(s).unwrap()..],
        "David Livingstone"
    );
    assert_eq!(closing_with_signature("Yours truly,"), None);
}

#[test]
fn postscripts() {
    for s in [
        "P.S. I forgot",
        "PS: one more",
        "P. S. Also",
        "P.P.S. And",
        "N.B. Note",
    ] {
        assert!(is_postscript_start(s), "{s}");
    }
    for s in ["Psalms are sung", "Please write", "PSA results"] {
        assert!(!is_postscript_start(s), "{s}");
    }
}

#[test]
fn page_break_inside_a_sentence() {
    assert!(continues_across_break(
        "to step up our work in the",
        "U. S. to stay the hand"
    ));
    assert!(continues_across_break("and so we went", "home again."));
    assert!(!continues_across_break("It ended.", "the next"));
    assert!(!continues_across_break(
        "Today, we face war",
        "The Bush administration"
    ));
}

#[test]
fn verse_keeps_its_line_breaks() {
    let text = "This is a long hard-wrapped paragraph of prose that goes on and on\nand on until it stops.\n\nShall I compare thee\nTo a summer's day?\n";
    let all = blocks(text);
    let width = wrap_width(&all, text);
    assert!(!keeps_line_breaks(text, &all[0], width));
    assert!(keeps_line_breaks(text, &all[1], width));
}

#[test]
fn whole_letter() {
    let text = "12 High Street\nLondon\n\nMarch 4, 1850\n\nDear Mr. Smith,\n\nI write in haste.\n\nYours truly,\n\nJohn Brown\n\nP.S. Burn this.";
    let letter = segment(text);
    assert!(
        matches!(letter.opener[0], Part::Address(_)),
        "{:?}",
        letter.opener
    );
    assert_eq!(
        letter
            .dateline()
            .unwrap()
            .date
            .as_ref()
            .unwrap()
            .when
            .as_deref(),
        Some("1850-03-04")
    );
    assert_eq!(letter.salute().unwrap().of(text), "Dear Mr. Smith,");
    assert_eq!(letter.body.len(), 1);
    assert_eq!(
        letter.signed().unwrap().name.unwrap().of(text),
        "John Brown"
    );
    assert_eq!(letter.postscripts.len(), 1);
}

#[test]
fn dateline_at_the_bottom() {
    let text = "Sir\n\nI have your letter and thank you.\n\nEdgeworthtown\n\nJan.y 2d 1835";
    let letter = segment(text);
    let d = letter.dateline().unwrap();
    assert_eq!(d.place.unwrap().of(text), "Edgeworthtown");
    assert_eq!(d.date.as_ref().unwrap().when.as_deref(), Some("1835-01-02"));
    assert!(letter.closer.iter().any(|p| matches!(p, Part::Dateline(_))));
}
