//! `teikit build`: an edition folder in, a TEI set (and later a site) out.

use std::path::{Path, PathBuf};

use crate::edition::{Config, ConfigError};
use crate::encode::{self, Options, Publication, Register, RegisterError};
use crate::files::{self, FileError};

/// Options for [`build`].
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Where the built edition goes. The TEI set is written to `tei/` below it.
    pub out_dir: PathBuf,
}

/// What [`build`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuildReport {
    /// Plain-text sources encoded in this run, with the TEI file written for each.
    pub encoded: Vec<(PathBuf, PathBuf)>,
    /// Sources left alone because their TEI letter already exists.
    pub kept: Vec<PathBuf>,
    /// The TEI letters of the edition, as copied to the output.
    pub letters: Vec<PathBuf>,
    /// The folder the TEI set was written to.
    pub tei_dir: PathBuf,
}

/// An error building an edition.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum BuildError {
    /// `edition.toml` is missing or wrong.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Config(#[from] ConfigError),
    /// The register is unreadable or malformed.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Register(#[from] RegisterError),
    /// A source could not be read or an output not written.
    #[error(transparent)]
    #[diagnostic(transparent)]
    File(#[from] FileError),
}

/// Builds the edition in `edition_dir`.
///
/// Every plain letter in `sources/` that has no TEI in `letters/` yet is
/// encoded into `letters/` (existing TEI letters, which editors may have
/// corrected, are never overwritten), and the edition's TEI set (letters and
/// register) is copied to `out_dir/tei/`.
///
/// # Errors
///
/// A [`BuildError`] naming the file at fault.
pub fn build(edition_dir: &Path, options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let config = Config::load(edition_dir)?;
    let register_path = edition_dir.join(&config.register);
    let register = if register_path.exists() {
        Some(Register::load(&register_path)?)
    } else {
        None
    };
    let publication = Publication {
        edition: config.title.clone(),
        publisher: config.publisher.clone(),
        licence: config.licence.clone(),
        licence_url: config.licence_url.clone(),
    };
    let mut report = BuildReport {
        tei_dir: options.out_dir.join("tei"),
        ..BuildReport::default()
    };
    let letters_dir = edition_dir.join("letters");
    let sources = list(&edition_dir.join("sources"), "txt")?;
    for source in sources {
        let target = letters_dir.join(source.with_extension("xml").file_name().unwrap_or_default());
        if target.exists() {
            report.kept.push(source);
            continue;
        }
        let letter = files::read_text(&source)?;
        let opts = Options {
            lang: config.language.clone(),
            source: source
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned(),
            register: register.as_ref(),
            publication: Some(publication.clone()),
        };
        files::write_atomic(
            &target,
            encode::encode_to_string(&letter.text, &opts).as_bytes(),
        )?;
        report.encoded.push((source, target));
    }
    for letter in list(&letters_dir, "xml")? {
        let out = report.tei_dir.join(letter.file_name().unwrap_or_default());
        copy(&letter, &out)?;
        report.letters.push(letter);
    }
    if register_path.exists() {
        copy(
            &register_path,
            &report
                .tei_dir
                .join(register_path.file_name().unwrap_or_default()),
        )?;
    }
    Ok(report)
}

/// The files with extension `ext` directly in `dir`, sorted; none if `dir` is absent.
fn list(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, FileError> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    files::collect_files(&[dir.to_path_buf()], ext)
}

fn copy(from: &Path, to: &Path) -> Result<(), FileError> {
    files::check_not_input(to, &[from.to_path_buf()])?;
    let bytes = std::fs::read(from).map_err(|source| FileError::Read {
        path: from.to_path_buf(),
        source,
    })?;
    files::write_atomic(to, &bytes)
}
