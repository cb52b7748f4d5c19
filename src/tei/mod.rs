//! The TEI vocabulary and the small document model the encoder builds.
//!
//! [`Element`] and [`Node`] form an ordered tree of TEI elements and text,
//! and [`write`] serialises it with quick-xml: element-only content is
//! indented, mixed content is written exactly as it is, so indentation never
//! adds white space to the text of a letter.

mod model;
mod write;

pub use model::{Element, Node};
pub use write::{write, write_document};

/// The TEI namespace URI.
pub const TEI_NS: &str = "http://www.tei-c.org/ns/1.0";

/// The XML namespace URI (bound to the `xml:` prefix).
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Parses untrusted XML into a read-only tree with positions.
///
/// Documents with a DTD are refused (no entity can be defined, so none can be
/// expanded or fetched, and nothing is read from the network or the disk).
///
/// # Errors
///
/// The parser's error, with its position.
pub fn parse_untrusted(text: &str) -> Result<roxmltree::Document<'_>, roxmltree::Error> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: u32::MAX,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, options)?;
    Ok(doc)
}

/// teikit's TEI letters schema in the RELAX NG XML syntax: the subset of TEI
/// P5 4.12.0 that letter editions need (see `schemas/README.md`).
pub const LETTERS_SCHEMA_RNG: &str = include_str!("../../schemas/tei_letters.rng");

/// The same schema in the RELAX NG compact syntax.
pub const LETTERS_SCHEMA_RNC: &str = include_str!("../../schemas/tei_letters.rnc");
