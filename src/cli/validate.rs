//! `teikit validate`: RELAX NG validation and edition rules.

use std::path::PathBuf;

use super::{NotAvailable, Outcome};

/// Validate TEI documents against a RELAX NG schema and the edition rules.
///
/// Example: `teikit validate editions/thorburn/letters --schema tei_all.rng`
#[derive(Debug, clap::Args)]
pub struct Args {
    /// TEI files or directories (walked for `*.xml`).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// A RELAX NG schema (`.rng` or `.rnc`) to validate against instead of the
    /// built-in TEI letters schema.
    #[arg(long, value_name = "FILE")]
    pub schema: Option<PathBuf>,
}

/// Runs `teikit validate`.
pub fn run(_args: &Args) -> miette::Result<Outcome> {
    Err(NotAvailable("validate").into())
}
