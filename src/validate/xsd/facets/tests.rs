//! Unit tests of facets as params: ranges, lengths, patterns and digits,
//! and the params a schema may not give.

use crate::validate::xsd::{Datatype, DatatypeError, EmptyContext};

fn dt(name: &str, params: &[(&str, &str)]) -> Result<Datatype, DatatypeError> {
    let params: Vec<(String, String)> = params
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
    Datatype::new(name, &params)
}

fn allows(name: &str, params: &[(&str, &str)], text: &str) -> bool {
    dt(name, params)
        .expect("a correct datatype")
        .allows(text, &EmptyContext)
}

#[test]
fn inclusive_and_exclusive_ranges() {
    let month = [("minInclusive", "1"), ("maxInclusive", "12")];
    assert!(allows("integer", &month, "1"));
    assert!(allows("integer", &month, " +012 "));
    assert!(!allows("integer", &month, "0"));
    assert!(!allows("integer", &month, "13"));
    let open = [("minExclusive", "0"), ("maxExclusive", "1")];
    assert!(allows("decimal", &open, "0.5"));
    assert!(!allows("decimal", &open, "0"));
    assert!(!allows("decimal", &open, "1.0"));
    assert!(allows(
        "date",
        &[("minInclusive", "1800-01-01")],
        "1850-06-30"
    ));
    assert!(!allows(
        "date",
        &[("minInclusive", "1800-01-01")],
        "1799-12-31"
    ));
    assert!(allows("double", &[("maxInclusive", "INF")], "1e308"));
    assert!(!allows("duration", &[("maxExclusive", "P1D")], "PT25H"));
}

#[test]
fn describe_names_the_range() {
    let month = dt("integer", &[("minInclusive", "1"), ("maxInclusive", "12")]).expect("correct");
    assert_eq!(month.describe(), "an integer from 1 to 12");
}

#[test]
fn length_counts_characters_items_or_bytes() {
    assert!(allows("string", &[("length", "3")], "a\u{e9}b"));
    assert!(!allows("string", &[("length", "3")], "ab"));
    // A list's length is its number of items, not characters.
    assert!(allows("NMTOKENS", &[("length", "2")], " alpha  beta "));
    assert!(!allows("NMTOKENS", &[("length", "2")], "a b c"));
    assert!(allows("hexBinary", &[("length", "2")], "0aFF"));
    assert!(allows(
        "token",
        &[("minLength", "1"), ("maxLength", "3")],
        " ab "
    ));
    assert!(!allows("token", &[("minLength", "1")], "   "));
}

#[test]
fn every_pattern_must_match() {
    let two = [("pattern", "[a-z]+"), ("pattern", ".{2,3}")];
    assert!(allows("token", &two, "abc"));
    assert!(!allows("token", &two, "abcd"));
    assert!(!allows("token", &two, "AB"));
    // Patterns see the white-space-normalized form.
    assert!(allows("token", &[("pattern", "a b")], "  a \n b "));
}

#[test]
fn total_and_fraction_digits() {
    let money = [("totalDigits", "5"), ("fractionDigits", "2")];
    assert!(allows("decimal", &money, "123.45"));
    assert!(allows("decimal", &money, "1234.5"));
    assert!(!allows("decimal", &money, "1234.56"));
    assert!(!allows("decimal", &money, "1.234"));
    assert!(allows("integer", &[("totalDigits", "2")], "-0099"));
    assert!(!allows("integer", &[("totalDigits", "2")], "100"));
    // As in Jing, digits are counted on the lexical form: trailing zeros
    // after the point count, leading zeros do not.
    assert!(!allows("decimal", &money, "00123.450"));
    assert!(!allows("decimal", &[("fractionDigits", "0")], "5.0"));
    assert!(allows("decimal", &[("totalDigits", "2")], "0.012"));
    assert!(allows("decimal", &[("totalDigits", "1")], "0.00"));
}

#[test]
fn incorrect_params_are_schema_errors() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("token", &[("enumeration", "a")]),
        ("token", &[("whiteSpace", "collapse")]),
        ("token", &[("minInclusive", "a")]),
        ("integer", &[("length", "2")]),
        ("boolean", &[("maxLength", "2")]),
        ("date", &[("totalDigits", "2")]),
        ("token", &[("noSuchFacet", "1")]),
        ("token", &[("length", "-1")]),
        ("decimal", &[("totalDigits", "0")]),
        ("positiveInteger", &[("maxInclusive", "0")]),
        // A bound must be allowed by the params before it.
        ("integer", &[("minInclusive", "5"), ("maxInclusive", "4")]),
        ("token", &[("length", "1.5")]),
        ("token", &[("length", "2.0")]),
        // A bound must satisfy the digit facets before it.
        ("decimal", &[("totalDigits", "2"), ("minInclusive", "1.50")]),
        ("QName", &[("length", "1")]),
        ("string", &[("pattern", "a??")]),
        ("noSuchType", &[]),
    ];
    for (name, params) in cases {
        assert!(
            dt(name, params).is_err(),
            "{name} {params:?} must be an error"
        );
    }
}

#[test]
fn repeated_and_contradictory_params_all_apply() {
    // As in Jing: every param restricts the type further.
    let twice = [("maxLength", "5"), ("maxLength", "3")];
    assert!(allows("string", &twice, "abc"));
    assert!(!allows("string", &twice, "abcd"));
    let empty = [("minLength", "3"), ("maxLength", "2")];
    for s in ["", "ab", "abc"] {
        assert!(!allows("string", &empty, s));
    }
    let nothing = [("minInclusive", "5"), ("maxExclusive", "5")];
    assert!(!allows("integer", &nothing, "5"));
    assert!(allows("integer", &[("fractionDigits", "1")], "7"));
}
