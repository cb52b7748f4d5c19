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
    if c.is_ascii() {
        return c.is_ascii_alphabetic() || c == '_' || c == ':';
    }
    in_ranges(NAME_START, c)
}

/// Whether `c` may appear in an XML name (`\c`).
pub fn is_name_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, '_' | ':' | '.' | '-');
    }
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

/// `(prefix, local)` of a `QName`, when `s` is one (prefix "" when none).
pub fn split_qname(s: &str) -> Option<(&str, &str)> {
    match s.split_once(':') {
        Some((prefix, local)) if is_ncname(prefix) && is_ncname(local) => Some((prefix, local)),
        Some(_) => None,
        None => is_ncname(s).then_some(("", s)),
    }
}

/// `true`, `false`, `1` or `0`.
pub fn parse_boolean(s: &str) -> Option<bool> {
    match s {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

/// Whether `s` is a `float`/`double` lexical form: a decimal mantissa with
/// an optional exponent, `INF`, `-INF` or `NaN` (no `+INF`).
pub fn is_float_lexical(s: &str) -> bool {
    if matches!(s, "INF" | "-INF" | "NaN") {
        return true;
    }
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
    });
    exponent_ok && super::decimal::Decimal::parse(mantissa).is_some()
}

/// The bytes of a `hexBinary` lexical form (pairs of hex digits).
pub fn parse_hex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    s.as_bytes()
        .chunks(2)
        .map(|pair| Some((hex_digit(pair[0])? << 4) | hex_digit(pair[1])?))
        .collect()
}

fn hex_digit(b: u8) -> Option<u8> {
    char::from(b)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

/// The bytes of a `base64Binary` lexical form (single spaces allowed
/// between characters; padding only where the grammar allows it).
pub fn parse_base64(s: &str) -> Option<Vec<u8>> {
    let chars: Vec<u8> = s.bytes().filter(|&b| b != b' ').collect();
    if s.contains("  ") || chars.len() % 4 != 0 {
        return None;
    }
    let mut out = Vec::with_capacity(chars.len() / 4 * 3);
    for (i, quad) in chars.chunks(4).enumerate() {
        let last = i + 1 == chars.len() / 4;
        decode_quad(quad, last, &mut out)?;
    }
    Some(out)
}

fn decode_quad(quad: &[u8], last: bool, out: &mut Vec<u8>) -> Option<()> {
    let pads = quad.iter().rev().take_while(|&&b| b == b'=').count();
    if pads > 2 || (pads > 0 && !last) {
        return None;
    }
    let mut bits = 0u32;
    for &b in &quad[..4 - pads] {
        bits = (bits << 6) | u32::from(base64_value(b)?);
    }
    // With padding, the unused low bits of the last character must be zero.
    let unused = match pads {
        1 => 2,
        2 => 4,
        _ => 0,
    };
    if bits & ((1 << unused) - 1) != 0 {
        return None;
    }
    let bits = bits >> unused;
    let n = 3 - pads;
    for k in (0..n).rev() {
        out.push(((bits >> (8 * k)) & 0xFF) as u8);
    }
    Some(())
}

fn base64_value(b: u8) -> Option<u8> {
    match b {
        b'A'..=b'Z' => Some(b - b'A'),
        b'a'..=b'z' => Some(b - b'a' + 26),
        b'0'..=b'9' => Some(b - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// Whether `s` is an `anyURI`: a URI reference once the characters XLink
/// would escape (spaces, non-ASCII, `<>"{}|\^``) are escaped. `%` must start
/// a two-digit escape, there is at most one `#`, and a `:` before the first
/// `/`, `?` or `#` must end a valid scheme followed by something.
pub fn is_any_uri(s: &str) -> bool {
    let bytes = s.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'%'
            && !(bytes.len() > i + 2
                && bytes[i + 1].is_ascii_hexdigit()
                && bytes[i + 2].is_ascii_hexdigit())
        {
            return false;
        }
    }
    if s.matches('#').count() > 1 {
        return false;
    }
    let first_part = s.split(['/', '?', '#']).next().unwrap_or("");
    let rest = match first_part.split_once(':') {
        None => s,
        Some((scheme, _)) => {
            let mut chars = scheme.chars();
            let scheme_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
            let rest = &s[scheme.len() + 1..];
            // An absolute URI has something after its scheme (`a:` is not one).
            if !scheme_ok || rest.split('#').next().unwrap_or("").is_empty() {
                return false;
            }
            rest
        }
    };
    // Queries, fragments and opaque URIs (`mailto:x[y]`) may hold brackets;
    // hierarchical parts only around a host.
    let opaque = rest.len() < s.len() && !rest.starts_with('/');
    opaque || brackets_ok(rest.split(['?', '#']).next().unwrap_or(""))
}

/// `[` and `]` only around an IPv6 host (`http://[::1]:80/`), as in Jing;
/// `after_scheme` stops before any query or fragment.
fn brackets_ok(after_scheme: &str) -> bool {
    if !after_scheme.contains(['[', ']']) {
        return true;
    }
    let Some(authority) = after_scheme.strip_prefix("//") else {
        return false;
    };
    let authority = authority.split('/').next().unwrap_or("");
    let outside = after_scheme.len() - 2 - authority.len();
    if after_scheme[after_scheme.len() - outside..].contains(['[', ']']) {
        return false;
    }
    let host = authority.rsplit('@').next().unwrap_or("");
    let Some(literal) = host.strip_prefix('[') else {
        return false;
    };
    let Some((address, port)) = literal.split_once(']') else {
        return false;
    };
    let address_ok = !address.is_empty()
        && address
            .chars()
            .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
    let port_ok = port.is_empty()
        || port
            .strip_prefix(':')
            .is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit()));
    address_ok && port_ok && !authority[..authority.len() - host.len()].contains(['[', ']'])
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
    fn normalizing_fast_paths_agree_with_collapsing() {
        use crate::validate::xsd::types::Builtin;
        for text in ["a b", " a", "a ", "a  b", "a\tb", "", "\n"] {
            let token = Builtin::Token.normalize(text);
            assert_eq!(token, collapse(text), "{text:?}");
            let replaced = Builtin::NormalizedString.normalize(text);
            assert_eq!(replaced, text.replace(['\t', '\n', '\r'], " "), "{text:?}");
        }
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
        // The ASCII fast path agrees with the tables.
        for b in 0u8..128 {
            let c = char::from(b);
            assert_eq!(is_name_start(c), in_ranges(NAME_START, c), "{c:?}");
            assert_eq!(is_name_char(c), in_ranges(NAME_CHAR, c), "{c:?}");
        }
    }

    #[test]
    fn binary_forms() {
        assert_eq!(parse_hex("0aFF"), Some(vec![0x0a, 0xff]));
        assert_eq!(parse_hex("0"), None);
        assert_eq!(parse_base64("BA=="), Some(vec![4]));
        assert_eq!(parse_base64("dead beef").map(|b| b.len()), Some(6));
        assert_eq!(parse_base64("BB=="), None);
        assert_eq!(parse_base64("BBB="), None);
        assert_eq!(parse_base64("===="), None);
        assert_eq!(parse_base64("AA==AAAA"), None);
    }

    #[test]
    fn uris_and_floats() {
        assert!(is_any_uri("http://example.com/a b"));
        assert!(is_any_uri("#frag"));
        assert!(!is_any_uri("a#b#c"));
        assert!(!is_any_uri("f%oo"));
        assert!(!is_any_uri("foo$bar:stuff"));
        assert!(!is_any_uri("a:"));
        assert!(is_any_uri("http://[::1]:80/x"));
        assert!(is_any_uri("//u@[fe80::1]"));
        assert!(!is_any_uri("[::1]"));
        assert!(!is_any_uri("http://a/[b]"));
        assert!(!is_any_uri("http://[::1]x/"));
        assert!(is_any_uri("a?[b]#[c]"));
        assert!(is_any_uri("mailto:x[y]@z"));
        assert!(!is_any_uri("a:/b[c"));
        assert!(is_any_uri("a:b"));
        assert!(is_float_lexical("-1.5E-3"));
        assert!(is_float_lexical("INF"));
        assert!(!is_float_lexical("+INF"));
        assert!(!is_float_lexical("1e"));
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
