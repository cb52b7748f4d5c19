//! `teikit register`: teach the edition's register from its letters.

use std::path::{Path, PathBuf};

use teikit::edition::Config;
use teikit::encode::{self, EntityKind};
use teikit::files;

use super::{print_stdout, Outcome};

/// Keep the edition's register of persons, places and organisations.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Collect every name marked in the edition's TEI letters into its register.
    ///
    /// A name whose `@ref` points at a register entry becomes a variant of
    /// that entry; a name without `@ref` that no entry knows becomes a new
    /// entry. Existing entries and ids are never changed; the register is
    /// rewritten atomically.
    ///
    /// Example: teikit register harvest editions/thorburn
    #[command(verbatim_doc_comment)]
    Harvest(EditionArgs),
    /// List names in the edition's letters that no register entry links, with
    /// counts, for an editor to review.
    ///
    /// Lists names the editors marked without a `@ref` the register resolves,
    /// and names teikit finds that are neither marked nor in the register.
    /// Output: count, kind, `marked` or `found`, name (tab-separated).
    ///
    /// Example: teikit register suggest editions/thorburn
    #[command(verbatim_doc_comment)]
    Suggest(EditionArgs),
}

/// The edition to work on.
#[derive(Debug, clap::Args)]
pub struct EditionArgs {
    /// The edition folder (with `edition.toml`, `register.xml` and `letters/`).
    #[arg(value_name = "EDITION_DIR")]
    pub edition: PathBuf,
}

/// The edition's register file and letters.
fn locate(edition: &Path) -> miette::Result<(PathBuf, Vec<PathBuf>)> {
    let config = Config::load(edition)?;
    let register = edition.join(&config.register);
    let letters_dir = edition.join("letters");
    let letters = if letters_dir.is_dir() {
        files::collect_files(&[letters_dir], "xml")?
    } else {
        Vec::new()
    };
    Ok((register, letters))
}

/// Runs `teikit register`.
pub fn run(cmd: &Command) -> miette::Result<Outcome> {
    match cmd {
        Command::Harvest(args) => {
            let (register, letters) = locate(&args.edition)?;
            let result = encode::harvest(&register, &letters)?;
            files::write_atomic(&register, result.text.as_bytes())?;
            eprintln!(
                "harvested {} letters into {}: {} new entries, {} new variants",
                letters.len(),
                register.display(),
                result.entries.len(),
                result.variants.len()
            );
            Ok(Outcome::Success)
        }
        Command::Suggest(args) => {
            let (register, letters) = locate(&args.edition)?;
            let mut out = String::new();
            for c in encode::suggest(&register, &letters)? {
                let kind = match c.kind {
                    EntityKind::Person => "person",
                    EntityKind::Place => "place",
                    EntityKind::Org => "org",
                };
                let how = if c.marked { "marked" } else { "found" };
                out.push_str(&format!("{}\t{kind}\t{how}\t{}\n", c.count, c.name));
            }
            print_stdout(&out)?;
            Ok(Outcome::Success)
        }
    }
}
