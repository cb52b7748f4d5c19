//! `teikit validate`: RELAX NG validation and edition rules.

use std::io::IsTerminal;
use std::path::PathBuf;

use teikit::validate::check::{self, Targets};
use teikit::validate::report::{Format, HumanStyle};
use teikit::validate::Schema;

use super::{print_stdout, Outcome};

/// Validate TEI documents against a RELAX NG schema, and editions against the edition rules.
///
/// Each PATH is a TEI file, a folder (walked for *.xml), or an edition folder
/// (one holding edition.toml): an edition's letters and register are
/// validated against the schema and checked by the edition rules together
/// (references resolve, ids are unique, dates are real, correspDesc agrees
/// with the letter). Every problem in every file is reported.
///
/// Exit codes: 0 all valid (warnings allowed), 1 some document invalid,
/// 2 usage error, unreadable file or incorrect schema.
///
/// Examples:
///   teikit validate editions/thorburn
///   teikit validate letters/ --schema tei_all.rng --format github
///
/// A `--schema` is compiled once and kept, compiled, in a cache folder
/// (see `--no-cache`), so later runs start in milliseconds.
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// TEI files, folders (walked for `*.xml`) or edition folders.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// A RELAX NG schema (`.rng` or `.rnc`) to validate against instead of
    /// the built-in TEI letters schema, e.g. the official `tei_all.rng`.
    #[arg(long, value_name = "FILE")]
    pub schema: Option<PathBuf>,
    /// How to write the report: `human` (diagnostics with the source line),
    /// `json`, `github` (workflow annotations), `junit` (JUnit XML) or
    /// `sarif` (SARIF 2.1.0).
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,
    /// Compile the `--schema` afresh and keep no compiled copy. By default
    /// a compiled schema is kept in `$TEIKIT_CACHE_DIR`, else
    /// `$XDG_CACHE_HOME/teikit`, else `~/.cache/teikit`, and reused while
    /// its files are unchanged.
    #[arg(long)]
    pub no_cache: bool,
}

/// The `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// Diagnostics with the offending line, then a summary.
    Human,
    /// One JSON object with every file and problem.
    Json,
    /// GitHub Actions workflow annotations.
    Github,
    /// A JUnit XML report.
    Junit,
    /// A SARIF 2.1.0 log.
    Sarif,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Human => Format::Human,
            FormatArg::Json => Format::Json,
            FormatArg::Github => Format::Github,
            FormatArg::Junit => Format::Junit,
            FormatArg::Sarif => Format::Sarif,
        }
    }
}

/// Runs `teikit validate`.
pub fn run(args: &Args) -> miette::Result<Outcome> {
    let targets = Targets::from_paths(&args.paths)?;
    let (schema, name) = match &args.schema {
        Some(path) => {
            let schema = match teikit::validate::default_cache_dir().filter(|_| !args.no_cache) {
                Some(dir) => Schema::load_cached(path, &dir)?,
                None => Schema::load(path)?,
            };
            (schema, path.display().to_string())
        }
        None => (
            Schema::letters().clone(),
            "the TEI letters schema".to_owned(),
        ),
    };
    let report = check::check(&targets, &schema, &name)?;
    let style = HumanStyle {
        color: std::io::stdout().is_terminal(),
        ..HumanStyle::default()
    };
    print_stdout(&report.render(args.format.into(), style))?;
    // The process ends here: taking a large schema apart would only cost time.
    std::mem::forget(schema);
    Ok(if report.is_valid() {
        Outcome::Success
    } else {
        Outcome::Invalid
    })
}
