//! Export of TEI documents as an HTML reading edition and as plain text.
//!
//! Not built yet: `teikit export` says so and exits 2.
