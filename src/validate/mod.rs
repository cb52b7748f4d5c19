//! Validation of TEI documents: RELAX NG schemas and edition rules.
//!
//! Not built yet: `teikit validate` says so and exits 2.
