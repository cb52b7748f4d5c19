//! The RELAX NG compact syntax (`.rnc`), read into the equivalent XML syntax.
//!
//! [`to_rng`] translates a compact schema, as the OASIS specification of
//! 21 November 2002 defines it (Appendix A), into RELAX NG XML-syntax text
//! that the XML-syntax loader reads: declarations (`namespace`, `default
//! namespace`, `datatypes`, with the predeclared `xml` and `xsd`), escapes
//! `\x{...}`, literals with `~` and triple quotes, quoted identifiers,
//! patterns, name classes with excepts, `include` with overrides,
//! `external`, nested grammars, `div`, and annotations (`##` documentation,
//! `[...]`, `>>` and grammar annotation elements) as foreign elements and
//! attributes, which validation ignores.
//!
//! Referenced files are not read here: `include "x.rnc"` becomes
//! `<include href="x.rnc">` with the reference exactly as written, and the
//! loader translates referenced compact schemas through [`to_rng`] in turn.
//!
//! ```
//! let t = teikit::validate::rnc::to_rng("element letter { text }")?;
//! assert!(t.xml.contains(r#"name="letter""#) && t.xml.contains("<text/>"));
//! // The `<text/>` element came from the keyword at byte 17 of the compact source.
//! assert_eq!(t.source_offset(t.xml.find("<text/>").unwrap_or(0)), 17);
//! # Ok::<(), teikit::validate::rnc::RncError>(())
//! ```

mod emit;
mod errors;
mod lexer;
mod parser;

pub use errors::RncError;

/// RELAX NG XML syntax translated from a compact schema, with a map back to the compact source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translated {
    /// The schema in the XML syntax (a complete document, namespace-correct).
    pub xml: String,
    /// Sorted (offset in `xml`, offset in the compact source) pairs: each
    /// emitted element's start maps to the compact construct it came from.
    pub map: Vec<(usize, usize)>,
}

impl Translated {
    /// The compact-source byte offset for an offset in `xml` (nearest preceding mapping).
    pub fn source_offset(&self, xml_offset: usize) -> usize {
        let i = self.map.partition_point(|&(x, _)| x <= xml_offset);
        match i.checked_sub(1) {
            Some(i) => self.map[i].1,
            None => self.map.first().map_or(0, |&(_, c)| c),
        }
    }
}

/// Translates a compact schema. Errors carry the span in the compact source.
pub fn to_rng(compact: &str) -> Result<Translated, RncError> {
    let run = || {
        let tokens = lexer::tokenize(compact)?;
        let parsed = parser::parse(tokens)?;
        let (xml, map) = emit::serialize(parsed.root, &parsed.decls);
        Ok(Translated { xml, map })
    };
    run().map_err(|e: RncError| e.with_source(compact))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_offsets_follow_the_nearest_preceding_element() {
        let src = "start = element a { b }\nb = element b { empty }";
        let t = to_rng(src).expect("translates");
        let at = |needle: &str| t.source_offset(t.xml.find(needle).expect("emitted"));
        assert_eq!(at("<ref name=\"b\""), src.find("b }").expect("in source"));
        assert_eq!(at("<empty/>"), src.find("empty").expect("in source"));
        assert_eq!(
            at("<define name=\"b\""),
            src.find("b =").expect("in source")
        );
        assert_eq!(t.source_offset(0), 0);
    }

    #[test]
    fn translates_the_constructs_of_the_grammar() {
        let src = r#"
datatypes dt = "http://example.org/types"
namespace x = "http://example.org/x"
x:meta [ version = "1" ]
start &= element start { \list, mixed { element text { empty }* } }
\list = list { token+ }
start &= grammar { start = parent \list | notAllowed }
n = attribute text { dt:code { length = "3" } }?
"#;
        let t = to_rng(src).expect("translates");
        for expected in [
            r#"<x:meta version="1"/>"#,
            r#"<start combine="interleave">"#,
            r#"<element name="start">"#,
            r#"<ref name="list"/>"#,
            "<mixed>",
            r#"<element name="text">"#,
            r#"<define name="list">"#,
            "<list>",
            r#"<data datatypeLibrary="" type="token"/>"#,
            r#"<parentRef name="list"/>"#,
            "<notAllowed/>",
            r#"<attribute name="text">"#,
            r#"<data datatypeLibrary="http://example.org/types" type="code">"#,
            r#"<param name="length">3</param>"#,
        ] {
            assert!(
                t.xml.contains(expected),
                "{expected} missing from\n{}",
                t.xml
            );
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        for (open, close) in [
            ("(", ")"),
            ("element a { ", " }"),
            ("x [ ", " ]"),
            ("div { ", " }"),
        ] {
            let src = format!("{}empty{}", open.repeat(50_000), close.repeat(50_000));
            let e = to_rng(&src).expect_err("too deep");
            assert!(matches!(e, RncError::TooDeep { .. }), "{open}: {e}");
        }
        let ok = format!("{}empty{}", "(".repeat(150), ")".repeat(150));
        assert!(to_rng(&ok).is_ok());
    }

    #[test]
    fn errors_carry_their_source() {
        let e = to_rng("element foo { bar:baz }").expect_err("undeclared prefix");
        assert_eq!(e.span(), errors::span(14, 21));
        assert!(matches!(e, RncError::UnknownPrefix { ref src, .. } if src.starts_with("element")));
    }
}
