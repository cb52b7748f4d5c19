//! teikit: a toolkit for TEI P5 digital editions of letters.
//!
//! The pipeline runs plain text → TEI → validation → export:
//!
//! - [`encode`] turns a plain-text letter into a TEI P5 document with a
//!   `teiHeader`/`correspDesc` and the letter's structure (opener, paragraphs,
//!   closer, postscript), without losing or changing a character of the text.
//! - [`validate`] checks TEI documents against RELAX NG schemas and edition rules.
//! - [`export`] renders TEI as a reading edition (HTML) and as plain text.
//! - [`edition`] reads an edition folder and builds it in one step.
//! - [`tei`] holds the TEI vocabulary and the document model the others share,
//!   and [`files`] the safe reading and atomic writing of files.
//!
//! The library never panics on bad input: every failure is an error value that
//! carries a diagnostic (see each module's error type). The command-line
//! interface lives in the binary and is a thin layer over these modules.

pub mod edition;
pub mod encode;
pub mod eval;
pub mod export;
pub mod files;
pub mod tei;
pub mod validate;

/// The version of teikit, as recorded in the `encodingDesc` of encoded documents.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
