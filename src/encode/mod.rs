//! Encoding a plain-text letter as a TEI P5 document.
//!
//! [`segment`] finds the letter's structure (title line, opener, paragraphs,
//! closer, postscripts), [`recognize`] finds things in its text, and the
//! header is built from what they found. The text itself is never changed:
//! the output's text content, white space collapsed, equals the input's.

mod build;
mod header;
pub mod recognize;
mod register;
pub mod segment;

pub use register::{
    collapse, harvest, suggest, Candidate, EntityKind, Entry, Harvest, HarvestError, Register,
    RegisterError, RegisterMatch,
};

use crate::tei::{self, Element};

/// Options for [`encode`].
#[derive(Debug, Clone, Default)]
pub struct Options<'r> {
    /// The language of the letter (BCP 47), for `xml:lang` and `langUsage`.
    pub lang: String,
    /// The name of the plain-text source, recorded in `sourceDesc`.
    pub source: String,
    /// The edition's register, for linking names with `@ref`.
    pub register: Option<&'r Register>,
    /// Who publishes the encoded letter; without it the `publicationStmt`
    /// says the encoding is unpublished.
    pub publication: Option<Publication>,
    /// The years the edition's letters were written in (first, last): a
    /// two-digit year ("Jan 23d 44") that nothing in the letter dates takes
    /// the century that puts it in this period. Default: none (such a year
    /// gets no value).
    pub period: Option<(i32, i32)>,
}

/// Publication details for the `publicationStmt`, usually from `edition.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publication {
    /// The edition the letter belongs to.
    pub edition: String,
    /// The publisher.
    pub publisher: String,
    /// The licence's name.
    pub licence: String,
    /// The licence's URL.
    pub licence_url: Option<String>,
}

/// Reads an edition's period as written in `edition.toml` and on the
/// command line: `"1768-1849"` (first and last year), or one year.
///
/// # Errors
///
/// A message naming what is wrong, for years that are not numbers or a
/// first year after the last.
pub fn parse_period(s: &str) -> Result<(i32, i32), String> {
    let year = |y: &str| {
        y.trim()
            .parse::<i32>()
            .ok()
            .filter(|y| (1..=9999).contains(y))
            .ok_or_else(|| format!("expected a year such as `1850`, found `{}`", y.trim()))
    };
    let (first, last) = match s.split_once('-') {
        Some((a, b)) => (year(a)?, year(b)?),
        None => (year(s)?, year(s)?),
    };
    if first > last {
        return Err(format!("the period `{s}` ends before it begins"));
    }
    Ok((first, last))
}

/// Encodes a plain-text letter as a TEI document (the `TEI` root element).
///
/// `text` should come from [`crate::files::read_text`], which normalises line
/// endings; other text works too.
#[must_use]
pub fn encode(text: &str, options: &Options<'_>) -> Element {
    let letter = segment::segment(text);
    build::document(text, &letter, options)
}

/// Encodes a plain-text letter and serialises the TEI document.
#[must_use]
pub fn encode_to_string(text: &str, options: &Options<'_>) -> String {
    tei::write_document(&encode(text, options))
}
