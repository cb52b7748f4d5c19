//! `teikit export`: HTML reading editions and plain text.

use std::path::{Path, PathBuf};

use teikit::export::{self, html::HtmlOptions, Reading, TextOptions};
use teikit::files;

use super::Outcome;

/// Export TEI documents as an HTML reading edition or as plain text.
///
/// Outputs are named after their inputs (NAME.xml becomes NAME.html or
/// NAME.txt); directories are walked for *.xml. The HTML export also writes
/// the index pages (index.html, persons.html, places.html, orgs.html) and
/// teikit.css.
///
/// Examples:
///   teikit export html editions/thorburn/letters --register editions/thorburn/register.xml --out-dir site
///   teikit export text letter.xml --out-dir text --reading orig --header
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
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
    /// html: the edition's register (listPerson/listPlace/listOrg); names whose
    /// `@ref` points into it link to its entries.
    #[arg(long, value_name = "FILE")]
    pub register: Option<PathBuf>,
    /// html: the title shown on every page.
    #[arg(long, value_name = "TEXT", default_value = "TEI documents")]
    pub title: String,
    /// html: also write each TEI file with an `<?xml-stylesheet?>` instruction,
    /// and `tei-to-html.xsl` beside it, so a browser renders the TEI directly.
    #[arg(long)]
    pub xml_stylesheet: bool,
    /// text: which reading of a `choice` to give.
    #[arg(long, value_enum, default_value_t = ReadingArg::Reg)]
    pub reading: ReadingArg,
    /// text: begin with a short metadata block (title, from, to, place, date).
    #[arg(long)]
    pub header: bool,
}

/// An export format.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// A reading edition: one page per letter plus indices.
    Html,
    /// The reading text.
    Text,
}

/// The reading of a `choice`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReadingArg {
    /// Regularised, expanded, corrected (`reg`, `expan`, `corr`).
    Reg,
    /// As in the source (`orig`, `abbr`, `sic`).
    Orig,
}

/// Runs `teikit export`.
pub fn run(args: &Args) -> miette::Result<Outcome> {
    let inputs = files::collect_files(&args.paths, "xml")?;
    match args.format {
        Format::Html => html(args, &inputs)?,
        Format::Text => text(args, &inputs)?,
    }
    Ok(Outcome::Success)
}

fn html(args: &Args, inputs: &[PathBuf]) -> miette::Result<()> {
    let register = args.register.as_deref().map(Path::to_path_buf);
    // The register is not a letter, even when it lies in a folder given.
    let letters: Vec<PathBuf> = inputs
        .iter()
        .filter(|p| register.as_ref().is_none_or(|r| !same_file(p, r)))
        .cloned()
        .collect();
    let options = HtmlOptions {
        title: args.title.clone(),
        xml_stylesheet: args.xml_stylesheet,
    };
    export::html::export_site(&letters, register.as_deref(), &options, &args.out_dir)?;
    Ok(())
}

fn text(args: &Args, inputs: &[PathBuf]) -> miette::Result<()> {
    let options = TextOptions {
        reading: match args.reading {
            ReadingArg::Reg => Reading::Reg,
            ReadingArg::Orig => Reading::Orig,
        },
        header: args.header,
    };
    let mut seen = std::collections::BTreeMap::new();
    for input in inputs {
        let name = format!("{}.txt", stem(input));
        if let Some(first) = seen.insert(name.clone(), input.clone()) {
            return Err(export::ExportError::NameClash {
                first,
                second: input.clone(),
                name,
            }
            .into());
        }
        let output = args.out_dir.join(&name);
        files::check_not_input(&output, inputs)?;
        // Streamed: the document is never held whole, only its text.
        let reader = std::fs::File::open(input)
            .map(std::io::BufReader::new)
            .map_err(|source| files::FileError::Read {
                path: input.clone(),
                source,
            })?;
        let mut text = Vec::new();
        export::write_text(reader, &mut text, &options, input)?;
        files::write_atomic(&output, &text)?;
    }
    Ok(())
}

fn stem(path: &Path) -> String {
    path.file_stem().map_or_else(
        || "document".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    )
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
