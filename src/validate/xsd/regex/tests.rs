//! Unit tests of the translation: what XSD accepts and rejects, and what
//! the translated patterns match.

use super::{translate, Pattern};

fn matches(xsd: &str, s: &str) -> bool {
    Pattern::new(xsd).expect("the pattern compiles").is_match(s)
}

#[test]
fn anchored_whole_string() {
    assert!(matches("abc", "abc"));
    assert!(!matches("abc", "xabcx"));
    assert!(matches("a|b", "b"));
    assert!(!matches("a|b", "ab"));
}

#[test]
fn rejects_what_xsd_rejects() {
    for bad in [
        "a??",
        "a*?",
        "a**",
        "\\$",
        "\\b",
        "x{1, 2}",
        "[]",
        "[^]",
        "(",
        ")",
        "]",
        "{",
        "\\pL",
        "[a-[a]-[a]]",
        "[z-a]",
        "[\\d-z]",
        // As in Jing, an unescaped `-` only makes ranges and subtractions.
        "[a-]",
        "[-a]",
        "[^-a]",
        "[-]",
        "[a-c-x]",
        "[!--]",
        "[a-z-[aeiou]-]",
    ] {
        assert!(translate(bad).is_err(), "{bad:?} must be rejected");
    }
}

#[test]
fn metacharacters_of_the_regex_crate_are_literal() {
    assert!(matches("^$", "^$"));
    assert!(matches("[f&&g]", "&"));
    assert!(matches("[a~~b]", "~"));
    assert!(matches("#", "#"));
}

#[test]
fn subtraction_and_escapes() {
    assert!(matches("[a-z-[aeiou]]+", "xyz"));
    assert!(matches("[\\--a]", "-"));
    assert!(matches("[a\\-z]", "-"));
    assert!(!matches("[a-z-[aeiou]]+", "xaz"));
    assert!(matches("\\i\\c*", "_x1.y"));
    assert!(!matches("\\i\\c*", "1x"));
    assert!(matches("\\d+", "\u{0661}2"));
    assert!(!matches(".", "\r"));
    assert!(matches("[\\p{IsBasicLatin}-[a-z]]", "A"));
    assert!(!matches("[\\p{IsBasicLatin}-[a-z]]", "a"));
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = format!("{}a{}", "(".repeat(100_000), ")".repeat(100_000));
    assert!(translate(&deep).is_err());
    let classes = format!("{}]", "[a-".repeat(100_000));
    assert!(translate(&classes).is_err());
    let fine = format!("{}a{}", "(".repeat(50), ")".repeat(50));
    assert!(Pattern::new(&fine).is_ok());
}
