//! Export of TEI documents as an HTML reading edition and as plain text.
//!
//! - [`text`] streams the reading text of any TEI document from quick-xml
//!   events (`teikit export text`);
//! - [`html`] renders letters as a static site: one page per letter, the
//!   indices of letters, persons, places and organisations, and one CSS file
//!   (`teikit export html`, and the site of `teikit build`).
//!
//! Both follow the same vocabulary ([`vocab`]), and both have a twin in
//! XSLT 1.0 under `xsl/` ([`TEI_TO_TEXT_XSL`], [`TEI_TO_HTML_XSL`]).

mod header;
pub mod html;
mod model;
pub mod text;
pub mod vocab;

use std::path::PathBuf;

pub use html::{write_site, HtmlOptions};
pub use model::{Entry, Kind, Register};
pub use text::{text_of, write_text, TextOptions};
pub use vocab::Reading;

/// `xsl/tei-to-text.xsl`: the plain-text export in XSLT 1.0.
pub const TEI_TO_TEXT_XSL: &str = include_str!("../../xsl/tei-to-text.xsl");

/// `xsl/tei-to-html.xsl`: an HTML rendering of one TEI document in XSLT 1.0,
/// for a browser to apply through an `<?xml-stylesheet?>` instruction.
pub const TEI_TO_HTML_XSL: &str = include_str!("../../xsl/tei-to-html.xsl");

/// An error exporting TEI.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ExportError {
    /// An input or output file could not be read or written.
    #[error(transparent)]
    #[diagnostic(transparent)]
    File(#[from] crate::files::FileError),
    /// The input is not well-formed XML.
    #[error("`{path}` is not well-formed XML: {message}")]
    #[diagnostic(
        code(teikit::export::malformed),
        help("check the file with `xmllint --noout FILE`; documents with a DTD or entities other than the five predefined ones are refused")
    )]
    Malformed {
        /// The input.
        path: PathBuf,
        /// The parser's message, with the position.
        message: String,
    },
    /// Writing the output failed.
    #[error("cannot write the export of `{path}`")]
    #[diagnostic(code(teikit::export::output))]
    Output {
        /// The input being exported.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// Two inputs, or an input and an index page, would be written to the same file.
    #[error("`{first}` and `{second}` would both be written to `{name}`")]
    #[diagnostic(
        code(teikit::export::name_clash),
        help("outputs are named after their inputs (`NAME.xml` becomes `NAME.html`); rename one of them or export them separately")
    )]
    NameClash {
        /// The first input (or the index page).
        first: PathBuf,
        /// The second input.
        second: PathBuf,
        /// The output file name both would take.
        name: String,
    },
}

impl ExportError {
    fn output(path: &std::path::Path, source: std::io::Error) -> Self {
        ExportError::Output {
            path: path.to_path_buf(),
            source,
        }
    }

    fn malformed(path: &std::path::Path, error: &roxmltree::Error) -> Self {
        let (line, col) = (error.pos().row, error.pos().col);
        ExportError::Malformed {
            path: path.to_path_buf(),
            message: format!("{error} (line {line}, column {col})"),
        }
    }
}
