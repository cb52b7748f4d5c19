//! `teikit export`: HTML reading editions and plain text.

use std::path::PathBuf;

use super::{NotAvailable, Outcome};

/// Export TEI documents as an HTML reading edition or as plain text.
///
/// Example: `teikit export html editions/thorburn/letters --out-dir site`
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The output format.
    #[arg(value_enum)]
    pub format: Format,
    /// TEI files or directories (walked for `*.xml`).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The directory the outputs are written to (`NAME.xml` becomes `NAME.html`
    /// or `NAME.txt`).
    #[arg(long, value_name = "DIR", required = true)]
    pub out_dir: PathBuf,
}

/// An export format.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// A reading edition: one page per letter plus indices.
    Html,
    /// The reading text.
    Text,
}

/// Runs `teikit export`.
pub fn run(_args: &Args) -> miette::Result<Outcome> {
    Err(NotAvailable("export").into())
}
