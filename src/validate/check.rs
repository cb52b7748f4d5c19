//! Checking a set of documents: what to read (files, directories, edition
//! folders), the schema and the edition rules applied together, files
//! validated in parallel, and one [`Report`] in a stable order.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::report::{FileReport, Problem, Report, Severity};
use super::rules::{self, Source};
use super::{Schema, Violation};
use crate::edition::{Config, ConfigError};
use crate::files::{self, FileError};

/// An error that stops a check before any verdict: nothing to read, or a
/// file that cannot be read.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum CheckError {
    /// A document could not be read.
    #[error(transparent)]
    #[diagnostic(transparent)]
    File(#[from] FileError),
    /// An edition folder's `edition.toml` is wrong.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Config(#[from] ConfigError),
    /// The paths held no XML document.
    #[error("no `.xml` file found in {}", paths)]
    #[diagnostic(
        code(teikit::validate::no_documents),
        help("name TEI files, folders holding them, or an edition folder")
    )]
    NoDocuments {
        /// The paths as given.
        paths: String,
    },
}

/// What to check, sorted out from the command line's paths.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Targets {
    /// Documents validated against the schema only.
    pub documents: Vec<PathBuf>,
    /// Edition folders: their letters and register are validated against the
    /// schema and checked by the edition rules together.
    pub editions: Vec<PathBuf>,
    /// The paths as given, for messages.
    pub given: Vec<PathBuf>,
}

impl Targets {
    /// Sorts `paths` into documents and editions: a folder holding an
    /// `edition.toml` is an edition, any other folder is walked for `*.xml`.
    ///
    /// # Errors
    ///
    /// A path that does not exist or a folder that cannot be listed.
    pub fn from_paths(paths: &[PathBuf]) -> Result<Self, CheckError> {
        let mut targets = Targets {
            given: paths.to_vec(),
            ..Targets::default()
        };
        let mut plain = Vec::new();
        for path in paths {
            if path.is_dir() && path.join("edition.toml").is_file() {
                targets.editions.push(path.clone());
            } else {
                plain.push(path.clone());
            }
        }
        if !plain.is_empty() {
            targets.documents = files::collect_files(&plain, "xml")?;
        }
        Ok(targets)
    }
}

/// Validates every target against `schema` (shown as `schema_name`) and runs
/// the edition rules over each edition.
///
/// # Errors
///
/// A [`CheckError`] when a document cannot be read or nothing was found.
pub fn check(targets: &Targets, schema: &Schema, schema_name: &str) -> Result<Report, CheckError> {
    let mut jobs: Vec<PathBuf> = targets.documents.clone();
    let mut editions = Vec::new();
    for dir in &targets.editions {
        let edition = EditionFiles::find(dir)?;
        jobs.extend(edition.letters.iter().cloned());
        jobs.extend(edition.register.iter().cloned());
        editions.push(edition);
    }
    if jobs.is_empty() {
        return Err(CheckError::NoDocuments {
            paths: describe_paths(targets),
        });
    }
    let mut seen = std::collections::BTreeSet::new();
    jobs.retain(|p| seen.insert(p.clone()));
    let mut files: Vec<FileReport> = jobs
        .par_iter()
        .map(|path| validate_file(path, schema))
        .collect::<Result<_, _>>()?;
    for edition in &editions {
        apply_rules(edition, &mut files);
    }
    Ok(Report {
        schema: schema_name.to_owned(),
        files,
    })
}

/// The documents of an edition folder.
#[derive(Debug, Clone)]
struct EditionFiles {
    letters: Vec<PathBuf>,
    register: Option<PathBuf>,
}

impl EditionFiles {
    fn find(dir: &Path) -> Result<Self, CheckError> {
        let config = Config::load(dir)?;
        let letters_dir = dir.join("letters");
        let letters = if letters_dir.is_dir() {
            files::collect_files(&[letters_dir], "xml")?
        } else {
            Vec::new()
        };
        let register = Some(dir.join(&config.register)).filter(|p| p.is_file());
        Ok(Self { letters, register })
    }
}

fn validate_file(path: &Path, schema: &Schema) -> Result<FileReport, CheckError> {
    let text: Arc<str> = files::read_text(path)?.text.into();
    let problems = schema
        .validate_str(&text)
        .into_iter()
        .map(|v| {
            let mut problem = problem_from_violation(v);
            problem.column = char_column(&text, problem.span.start);
            problem
        })
        .collect();
    Ok(FileReport {
        path: path.to_path_buf(),
        text: Some(text),
        problems,
    })
}

/// Adds the edition rules' findings to the reports of the edition's files,
/// keeping each file's problems in document order.
fn apply_rules(edition: &EditionFiles, files: &mut [FileReport]) {
    let source = |path: &PathBuf| {
        files.iter().find(|f| &f.path == path).map(|f| Source {
            path: path.clone(),
            text: f.text.as_deref().unwrap_or_default().to_owned(),
        })
    };
    let letters: Vec<Source> = edition.letters.iter().filter_map(source).collect();
    let register = edition.register.as_ref().and_then(source);
    for finding in rules::check(&letters, register.as_ref()) {
        if let Some(file) = files.iter_mut().find(|f| f.path == finding.path) {
            file.problems.push(Problem::from_finding(&finding));
        }
    }
    for file in files.iter_mut() {
        file.problems.sort_by_key(|p| p.span.start);
    }
}

/// The 1-based column, in characters, of byte `offset` in `text` (the
/// streaming validator counts bytes; reports count characters, as the
/// edition rules and editors' tools do).
fn char_column(text: &str, offset: usize) -> u32 {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let column = text
        .get(line_start..offset)
        .map_or(offset - line_start, |s| s.chars().count());
    u32::try_from(column + 1).unwrap_or(u32::MAX)
}

/// A schema violation as a report problem.
#[must_use]
pub fn problem_from_violation(v: Violation) -> Problem {
    Problem {
        code: v.code.to_owned(),
        severity: Severity::Error,
        message: v.message,
        span: v.span,
        line: v.line,
        column: v.column,
        expected: v.expected,
        found: v.found,
        help: v.help,
    }
}

fn describe_paths(targets: &Targets) -> String {
    let all: Vec<String> = targets
        .given
        .iter()
        .map(|p| format!("`{}`", p.display()))
        .collect();
    all.join(", ")
}

#[cfg(test)]
mod tests {
    use super::char_column;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "<a>\n  <ü>é<b/></ü>";
        let b = text.find("<b/>").unwrap();
        assert_eq!(char_column(text, b), 7);
        assert_eq!(char_column(text, 0), 1);
        assert_eq!(char_column(text, text.len() + 5), 15);
    }
}
