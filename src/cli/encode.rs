//! `teikit encode`: plain-text letters to TEI P5.

use std::path::{Path, PathBuf};

use teikit::encode::{self, Options, Register};
use teikit::files;

use super::{print_stdout, Outcome};

/// Encode plain-text letters as TEI P5 documents.
///
/// Each letter gets a teiHeader with correspDesc (sender, addressee, place and
/// date), and its text is divided into opener, paragraphs, closer and
/// postscript. No character of the letter is lost or changed.
///
/// Examples:
///   teikit encode letter.txt                      (TEI on standard output)
///   teikit encode letter.txt -o letter.xml
///   teikit encode sources/*.txt --out-dir letters --register register.xml
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Plain-text letters (UTF-8).
    #[arg(required = true, value_name = "LETTER.txt")]
    pub inputs: Vec<PathBuf>,
    /// Write the TEI of a single letter to this file instead of standard output.
    #[arg(
        short = 'o',
        long = "output",
        value_name = "OUT.xml",
        conflicts_with = "out_dir"
    )]
    pub output: Option<PathBuf>,
    /// Write one `NAME.xml` per `NAME.txt` into this directory.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// The edition's register (TEI listPerson/listPlace/listOrg): names found in
    /// it are linked to its entries with `@ref`.
    #[arg(long, value_name = "FILE")]
    pub register: Option<PathBuf>,
    /// The years the letters were written in, e.g. `1768-1849` (an
    /// edition's `period`): a two-digit year ("Jan 23d 44") that nothing in
    /// the letter dates takes the century that puts it in this period.
    #[arg(long, value_name = "FIRST-LAST", value_parser = teikit::encode::parse_period)]
    pub period: Option<(i32, i32)>,
    /// The language of the letters, as a BCP 47 tag (recorded in `langUsage`
    /// and `xml:lang`).
    #[arg(long, default_value = "en", value_name = "TAG")]
    pub lang: String,
}

/// A usage error specific to `teikit encode`.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
enum UsageError {
    #[error("`-o` takes one letter, but {0} were given")]
    #[diagnostic(
        code(teikit::cli::encode::one_output),
        help("use `--out-dir DIR` to encode several letters")
    )]
    OneOutput(usize),
    #[error("{0} letters were given, but standard output can take only one")]
    #[diagnostic(
        code(teikit::cli::encode::out_dir_needed),
        help("use `--out-dir DIR` to encode several letters")
    )]
    OutDirNeeded(usize),
}

/// Runs `teikit encode`.
pub fn run(args: &Args) -> miette::Result<Outcome> {
    let n = args.inputs.len();
    if args.output.is_some() && n > 1 {
        return Err(UsageError::OneOutput(n).into());
    }
    if args.output.is_none() && args.out_dir.is_none() && n > 1 {
        return Err(UsageError::OutDirNeeded(n).into());
    }
    let register = match &args.register {
        Some(path) => Some(Register::load(path)?),
        None => None,
    };
    let targets: Vec<Option<PathBuf>> = args
        .inputs
        .iter()
        .map(|input| output_for(args, input))
        .collect();
    for target in targets.iter().flatten() {
        files::check_not_input(target, &args.inputs)?;
    }
    for (input, target) in args.inputs.iter().zip(&targets) {
        let letter = files::read_text(input)?;
        let options = Options {
            lang: args.lang.clone(),
            source: source_name(input),
            register: register.as_ref(),
            publication: None,
            period: args.period,
        };
        let xml = encode::encode_to_string(&letter.text, &options);
        match target {
            Some(path) => {
                files::write_atomic(path, xml.as_bytes())?;
                eprintln!("encoded {} -> {}", input.display(), path.display());
            }
            None => print_stdout(&xml)?,
        }
    }
    Ok(Outcome::Success)
}

/// The output path for one input, or `None` for standard output.
fn output_for(args: &Args, input: &Path) -> Option<PathBuf> {
    if let Some(out) = &args.output {
        return Some(out.clone());
    }
    let dir = args.out_dir.as_ref()?;
    let stem = input
        .file_stem()
        .map_or_else(|| "letter".into(), |s| s.to_os_string());
    let mut name = stem;
    name.push(".xml");
    Some(dir.join(name))
}

/// The name recorded as the plain-text source in the header.
fn source_name(input: &Path) -> String {
    input.file_name().map_or_else(
        || input.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
