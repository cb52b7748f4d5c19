//! `teikit build`: build an edition folder in one step.

use std::path::PathBuf;

use teikit::edition::{self, BuildOptions};

use std::io::IsTerminal;

use teikit::validate::report::{Format, HumanStyle};

use super::Outcome;

/// Build an edition folder: encode new letters, validate, publish.
///
/// 1. Every plain letter in EDITION_DIR/sources/ without a TEI letter in
///    EDITION_DIR/letters/ is encoded there (existing TEI letters, which
///    editors may have corrected, are never overwritten).
/// 2. The letters and the register are validated against the TEI letters
///    schema and the edition rules; problems are reported as by
///    `teikit validate`.
/// 3. When no error is found, the HTML reading edition (letters, indices of
///    persons, places, organisations and letters) is written to OUT and the
///    TEI set to OUT/tei/. When one is, nothing is published and the exit
///    code is 1.
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
    let report = edition::build(
        &args.edition,
        &BuildOptions {
            out_dir: out_dir.clone(),
        },
    )?;
    for (source, target) in &report.encoded {
        eprintln!("encoded {} -> {}", source.display(), target.display());
    }
    eprintln!(
        "{} letter(s) encoded, {} already encoded and kept as they are",
        report.encoded.len(),
        report.kept.len()
    );
    if let Some(validation) = report.validation.as_ref() {
        if !validation.files.iter().all(|f| f.problems.is_empty()) {
            let style = HumanStyle {
                color: std::io::stderr().is_terminal(),
                ..HumanStyle::default()
            };
            eprint!("{}", validation.render(Format::Human, style));
        }
    }
    if !report.published() {
        eprintln!(
            "the edition is invalid: nothing was published (fix the errors above and build again)"
        );
        return Ok(Outcome::Invalid);
    }
    println!(
        "TEI set of {} letter(s) written to {}",
        report.letters.len(),
        report.tei_dir.display()
    );
    println!(
        "reading edition ({} pages) written to {}",
        report.site.len(),
        out_dir.join(teikit::export::html::INDEX_FILE).display()
    );
    Ok(Outcome::Success)
}
