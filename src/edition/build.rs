//! `teikit build`: an edition folder in; its new letters encoded, the whole
//! edition validated (schema and edition rules), and, when it is valid, the
//! TEI set and the HTML reading edition out.

use std::path::{Path, PathBuf};

use crate::edition::{Config, ConfigError};
use crate::encode::{self, Options, Publication, Register, RegisterError};
use crate::export::{self, ExportError};
use crate::files::{self, FileError};
use crate::validate::check::{self, CheckError, Targets};
use crate::validate::report::Report;
use crate::validate::Schema;

/// Options for [`build`].
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Where the built edition goes: the HTML reading edition at its top,
    /// the TEI set in `tei/` below it.
    pub out_dir: PathBuf,
}

/// What [`build`] did.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    /// Plain-text sources encoded in this run, with the TEI file written for each.
    pub encoded: Vec<(PathBuf, PathBuf)>,
    /// Sources left alone because their TEI letter already exists.
    pub kept: Vec<PathBuf>,
    /// The TEI letters of the edition, as copied to the output.
    pub letters: Vec<PathBuf>,
    /// The folder the TEI set was written to.
    pub tei_dir: PathBuf,
    /// The validation of the edition's letters and register against the TEI
    /// letters schema and the edition rules.
    pub validation: Option<Report>,
    /// The pages of the reading edition written, sorted; empty when the
    /// edition is invalid (nothing is published then).
    pub site: Vec<PathBuf>,
}

impl BuildReport {
    /// Whether the edition was valid and its TEI set and site were written.
    #[must_use]
    pub fn published(&self) -> bool {
        self.validation.as_ref().is_some_and(Report::is_valid)
    }
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
    /// The edition's documents could not be read for validation.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Check(#[from] CheckError),
    /// The reading edition could not be written.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Export(#[from] ExportError),
}

/// Builds the edition in `edition_dir`.
///
/// Every plain letter in `sources/` that has no TEI in `letters/` yet is
/// encoded into `letters/` (existing TEI letters, which editors may have
/// corrected, are never overwritten). Then the letters and the register are
/// validated against the TEI letters schema and the edition rules. When no
/// error is found, the edition's TEI set (letters and register) is copied to
/// `out_dir/tei/` and the HTML reading edition written to `out_dir`; when
/// one is, nothing is published and [`BuildReport::validation`] says why.
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
            period: config.period,
        };
        files::write_atomic(
            &target,
            encode::encode_to_string(&letter.text, &opts).as_bytes(),
        )?;
        report.encoded.push((source, target));
    }
    let targets = Targets {
        editions: vec![edition_dir.to_path_buf()],
        ..Targets::default()
    };
    let validation = check::check(&targets, Schema::letters(), "the TEI letters schema")?;
    let valid = validation.is_valid();
    report.validation = Some(validation);
    report.letters = list(&letters_dir, "xml")?;
    if !valid {
        return Ok(report);
    }
    for letter in &report.letters {
        copy(
            letter,
            &report.tei_dir.join(letter.file_name().unwrap_or_default()),
        )?;
    }
    let register = register_path.exists().then_some(register_path.as_path());
    if let Some(register) = register {
        copy(
            register,
            &report
                .tei_dir
                .join(register.file_name().unwrap_or_default()),
        )?;
    }
    report.site = export::write_site(&report.letters, register, &config.title, &options.out_dir)?;
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
