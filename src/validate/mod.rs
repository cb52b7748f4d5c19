//! Validation of TEI documents: RELAX NG schemas and edition rules.
//!
//! - [`xsd`]: the XML Schema datatypes (with facets and XSD regular
//!   expressions) that RELAX NG schemas such as TEI's use.
//! - [`rnc`]: the RELAX NG compact syntax, read into the XML syntax.
//! - [`rng`]: the RELAX NG engine (XML syntax, simplification, restrictions,
//!   streaming validation with derivatives).
//! - [`rules`]: edition rules, checked across an edition's letters and register.

pub mod check;
pub mod report;
pub mod rnc;
pub mod rng;
pub mod rules;
pub mod xsd;

pub use rng::{default_cache_dir, Schema, SchemaError, SchemaLocation, Violation};
