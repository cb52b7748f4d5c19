//! Lexical rules shared by several types: white-space collapsing, XML names
//! and language tags.

use super::xmlchars::{in_ranges, NAME_CHAR, NAME_START};

/// Tabs, line feeds and carriage returns become spaces, runs of spaces
/// become one, and the ends are trimmed (`whiteSpace="collapse"`).
pub fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(is_xml_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether `c` is XML white space (space, tab, line feed, carriage return).
pub fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// Whether `c` may start an XML name (`\i`).
pub fn is_name_start(c: char) -> bool {
    in_ranges(NAME_START, c)
}

/// Whether `c` may appear in an XML name (`\c`).
pub fn is_name_char(c: char) -> bool {
    in_ranges(NAME_CHAR, c)
}

/// Whether `s` is an XML `Name`.
pub fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(is_name_start) && chars.all(is_name_char)
}

/// Whether `s` is an `NCName` (a name without colons).
pub fn is_ncname(s: &str) -> bool {
    is_name(s) && !s.contains(':')
}

/// Whether `s` is an `NMTOKEN` (one or more name characters).
pub fn is_nmtoken(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_name_char)
}

/// Whether `s` is a `language` tag: `[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*`.
pub fn is_language(s: &str) -> bool {
    let mut parts = s.split('-');
    let first_ok = parts
        .next()
        .is_some_and(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    first_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse_trims_and_joins() {
        assert_eq!(collapse("\t a \r\n b  "), "a b");
        assert_eq!(collapse("   "), "");
    }

    #[test]
    fn names_follow_xml_1_0_second_edition() {
        assert!(is_ncname("_a-b.c"));
        assert!(!is_ncname("a:b"));
        assert!(is_name("a:b"));
        assert!(!is_name("1a"));
        assert!(is_nmtoken("1a"));
        // U+10000 is a name character only from XML 1.0 Fifth Edition on.
        assert!(!is_name("\u{10000}"));
    }

    #[test]
    fn language_tags() {
        assert!(is_language("en"));
        assert!(is_language("de-CH-1901"));
        assert!(!is_language("toolonglang"));
        assert!(!is_language("en-"));
        assert!(!is_language("1en"));
    }
}
