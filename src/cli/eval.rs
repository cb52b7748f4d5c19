//! `teikit eval`: measure recognition against letters an editor marked up.

use std::path::PathBuf;

use teikit::encode::Register;
use teikit::{eval, files};

use super::{print_stdout, Outcome};

/// Measure how well teikit marks names and dates, against TEI letters an
/// editor marked up.
///
/// Each letter is stripped to plain text, encoded, and teikit's persName,
/// placeName, orgName and date marks are compared with the editors' (top-level
/// entities only): precision, recall and F1 by exact span and by overlap, and
/// the share of dates whose ISO value is right.
///
/// Examples:
///   teikit eval gold/*.xml
///   teikit eval gold/ --register register.xml --format json
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Gold TEI letters, or directories (walked for `*.xml`).
    #[arg(required = true, value_name = "GOLD.xml")]
    pub inputs: Vec<PathBuf>,
    /// A register to encode with (warm mode).
    #[arg(long, value_name = "FILE")]
    pub register: Option<PathBuf>,
    /// The years the letters were written in, e.g. `1768-1849`, as an
    /// edition's `period`: a two-digit year that nothing in a letter dates
    /// takes the century that puts it in this period.
    #[arg(long, value_name = "FIRST-LAST", value_parser = teikit::encode::parse_period)]
    pub period: Option<(i32, i32)>,
    /// The report's format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// The report's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A plain table.
    Table,
    /// JSON, with counts per letter.
    Json,
    /// Every gold and found entity and how it matched, tab-separated.
    Details,
}

/// Runs `teikit eval`.
pub fn run(args: &Args) -> miette::Result<Outcome> {
    let register = match &args.register {
        Some(path) => Some(Register::load(path)?),
        None => None,
    };
    let paths = files::collect_files(&args.inputs, "xml")?;
    let report = eval::evaluate(&paths, register.as_ref(), args.period)?;
    let text = match args.format {
        Format::Table => report.table(),
        Format::Json => report.json(),
        Format::Details => report.details(),
    };
    print_stdout(&text)?;
    Ok(Outcome::Success)
}
