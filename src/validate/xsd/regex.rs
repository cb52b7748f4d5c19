//! XML Schema 1.0 regular expressions (the `pattern` facet), checked against
//! the XSD grammar and translated into `regex` crate syntax.
//!
//! An XSD pattern always matches the whole string, so the translation is
//! anchored. Everything the XSD grammar rejects is rejected here, even where
//! the `regex` crate would accept it (`a??`, `\$`, `[]`, `x{1, 2}`). The XSD
//! escapes are spelled out as explicit character classes: `\i` and `\c` are
//! XML 1.0 (Second Edition) name characters, `\d` is `\p{Nd}`, `\w` is every
//! character except punctuation, separators and "other", `.` is every
//! character except line feed and carriage return, and `\p{IsBlock}` uses
//! the XML Schema 1.0 block table (Unicode 3.1).

mod blocks;
mod parse;

use std::fmt;

/// Why a pattern is not a valid XML Schema regular expression.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
pub enum RegexError {
    /// The pattern breaks the XSD regular-expression grammar.
    #[error("{message} at character {position} of the pattern")]
    #[diagnostic(
        code(teikit::validate::xsd::regex_syntax),
        help("XML Schema patterns are not Perl regexes: escape `.\\?*+{{}}()|[]` with `\\`, and there are no anchors, lazy quantifiers or `\\b`")
    )]
    Syntax {
        /// What is wrong, naming what was expected and what was found.
        message: String,
        /// 1-based character position in the pattern.
        position: usize,
    },
    /// The translated pattern is too large for the regex engine.
    #[error("the pattern is too large to compile: {message}")]
    #[diagnostic(
        code(teikit::validate::xsd::regex_too_large),
        help("split the pattern into smaller ones (several `pattern` params must all match)")
    )]
    TooLarge {
        /// The regex engine's message.
        message: String,
    },
}

/// Translates an XSD regular expression into `regex` crate syntax, anchored
/// so that it matches whole strings only.
pub fn translate(xsd: &str) -> Result<String, RegexError> {
    let body = parse::Translator::new(xsd).translate()?;
    Ok(format!(r"\A(?:{body})\z"))
}

/// A compiled XSD regular expression.
#[derive(Clone)]
pub struct Pattern {
    source: String,
    regex: regex::Regex,
}

impl Pattern {
    /// Compiles an XSD regular expression.
    pub fn new(xsd: &str) -> Result<Pattern, RegexError> {
        let translated = translate(xsd)?;
        let regex = regex::RegexBuilder::new(&translated)
            .size_limit(64 << 20)
            .build()
            .map_err(|e| RegexError::TooLarge {
                message: e.to_string(),
            })?;
        Ok(Pattern {
            source: xsd.to_owned(),
            regex,
        })
    }

    /// Whether the whole of `s` matches.
    pub fn is_match(&self, s: &str) -> bool {
        self.regex.is_match(s)
    }

    /// The pattern as written in the schema.
    pub fn source(&self) -> &str {
        &self.source
    }
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Pattern").field(&self.source).finish()
    }
}

#[cfg(test)]
mod tests;
