//! `teikit build`: build an edition folder in one step.

use std::path::PathBuf;

use teikit::edition::{self, BuildOptions};

use super::Outcome;

/// Build an edition folder: encode new letters, then write the TEI set.
///
/// Every plain letter in EDITION_DIR/sources/ without a TEI letter in
/// EDITION_DIR/letters/ is encoded there (existing TEI letters are never
/// overwritten), and the edition's TEI set is written to OUT/tei/.
///
/// Example: teikit build editions/thorburn --out-dir site
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The edition folder (holding edition.toml, sources/, letters/, register.xml).
    #[arg(value_name = "EDITION_DIR")]
    pub edition: PathBuf,
    /// Where the built edition goes [default: EDITION_DIR/_site].
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
}

/// Runs `teikit build`.
pub fn run(args: &Args) -> miette::Result<Outcome> {
    let out_dir = args
        .out_dir
        .clone()
        .unwrap_or_else(|| args.edition.join("_site"));
    let report = edition::build(&args.edition, &BuildOptions { out_dir })?;
    for (source, target) in &report.encoded {
        eprintln!("encoded {} -> {}", source.display(), target.display());
    }
    eprintln!(
        "{} letter(s) encoded, {} already encoded and kept as they are",
        report.encoded.len(),
        report.kept.len()
    );
    println!(
        "TEI set of {} letter(s) written to {}",
        report.letters.len(),
        report.tei_dir.display()
    );
    Ok(Outcome::Success)
}
