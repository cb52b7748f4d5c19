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
