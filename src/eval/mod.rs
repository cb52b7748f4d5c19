//! Measuring recognition against letters an editor marked up.
//!
//! A gold TEI letter is stripped to plain text the way the dev corpus's
//! `.txt` files were made ([`strip`]), the text is encoded with teikit, the
//! encoded TEI is stripped the same way, and the two sets of top-level
//! entities are compared ([`compare`]): precision, recall and F1 per category
//! (person, place, org, date) by exact span and by overlap, micro-averaged
//! over person, place and org, plus the share of dates whose ISO value is
//! the editors' one.

pub mod compare;
mod report;
pub mod strip;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use compare::{Comparison, Counts, DateValues, Prf};
pub use report::Report;
pub use strip::{Category, Entity, Stripped};

use crate::encode::{self, Register};

/// An error evaluating a letter.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum EvalError {
    /// The file could not be read.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Read(#[from] crate::files::FileError),
    /// The gold letter is not well-formed XML.
    #[error("the gold letter `{path}` is not well-formed XML: {message}")]
    #[diagnostic(
        code(teikit::eval::xml),
        help("check the file with `teikit validate`; eval needs well-formed TEI")
    )]
    Xml {
        /// The file.
        path: PathBuf,
        /// What the parser said.
        message: String,
    },
    /// Encoding changed the letter's text (a bug in teikit).
    #[error("encoding `{path}` changed its text: expected `{expected}`, found `{found}`")]
    #[diagnostic(
        code(teikit::eval::text_changed),
        help("this is a bug in teikit's encoder; please report it with the letter")
    )]
    TextChanged {
        /// The file.
        path: PathBuf,
        /// The gold text near the first difference.
        expected: String,
        /// The encoded text there.
        found: String,
    },
}

/// The evaluation of one letter.
#[derive(Debug, Clone, PartialEq)]
pub struct LetterEval {
    /// The gold file.
    pub path: PathBuf,
    /// The letter stripped to plain text, with the editors' entities.
    pub gold: Stripped,
    /// teikit's entities, located in the same text.
    pub found: Vec<Entity>,
    /// The comparison.
    pub comparison: Comparison,
}

/// Evaluates gold TEI letters, optionally with a register (warm mode) and
/// the edition's period (see [`encode::Options::period`]).
///
/// # Errors
///
/// The first letter that cannot be read or parsed.
pub fn evaluate(
    paths: &[PathBuf],
    register: Option<&Register>,
    period: Option<(i32, i32)>,
) -> Result<Report, EvalError> {
    let mut letters = Vec::with_capacity(paths.len());
    for path in paths {
        let text = crate::files::read_text(path)?;
        letters.push(evaluate_text(path, &text.text, register, period)?);
    }
    Ok(Report::new(letters))
}

/// Evaluates one gold TEI letter given as text (as [`evaluate`]).
///
/// # Errors
///
/// [`EvalError::Xml`] for malformed XML, [`EvalError::TextChanged`] if the
/// encoder changed the text.
pub fn evaluate_text(
    path: &Path,
    xml: &str,
    register: Option<&Register>,
    period: Option<(i32, i32)>,
) -> Result<LetterEval, EvalError> {
    let xml_error = |e: roxmltree::Error| EvalError::Xml {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let doc = crate::tei::parse_untrusted(xml).map_err(xml_error)?;
    let gold = strip::strip(&doc);
    let options = encode::Options {
        lang: language(&doc),
        source: path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        register,
        publication: None,
        period,
    };
    let encoded = encode::encode_to_string(&gold.text, &options);
    let doc = crate::tei::parse_untrusted(&encoded).map_err(xml_error)?;
    let ours = strip::strip(&doc);
    check_same_text(path, &gold.text, &ours.text)?;
    let comparison = compare::compare(&gold.entities, &ours.entities);
    Ok(LetterEval {
        path: path.to_path_buf(),
        gold,
        found: ours.entities,
        comparison,
    })
}

/// The letter's language: `xml:lang` on `text` or the root, else English.
fn language(doc: &roxmltree::Document<'_>) -> String {
    let lang =
        |n: roxmltree::Node<'_, '_>| n.attribute((crate::tei::XML_NS, "lang")).map(str::to_owned);
    doc.descendants()
        .find(|n| n.has_tag_name((crate::tei::TEI_NS, "text")))
        .and_then(lang)
        .or_else(|| lang(doc.root_element()))
        .unwrap_or_else(|| "en".to_owned())
}

fn check_same_text(path: &Path, gold: &str, ours: &str) -> Result<(), EvalError> {
    let a = gold.chars().filter(|c| !c.is_whitespace());
    let b = ours.chars().filter(|c| !c.is_whitespace());
    let Some(at) = a
        .clone()
        .zip(b.clone())
        .position(|(x, y)| x != y)
        .or_else(|| {
            let (n, m) = (a.clone().count(), b.clone().count());
            (n != m).then_some(n.min(m))
        })
    else {
        return Ok(());
    };
    let near = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .skip(at)
            .take(30)
            .collect()
    };
    Err(EvalError::TextChanged {
        path: path.to_path_buf(),
        expected: near(gold),
        found: near(ours),
    })
}

/// Sums counts per category over letters.
fn totals(letters: &[LetterEval]) -> (BTreeMap<Category, Counts>, DateValues) {
    let mut counts: BTreeMap<Category, Counts> = BTreeMap::new();
    let mut dates = DateValues::default();
    for l in letters {
        for (cat, c) in &l.comparison.counts {
            counts.entry(*cat).or_default().add(c);
        }
        dates.compared += l.comparison.dates.compared;
        dates.right += l.comparison.dates.right;
    }
    (counts, dates)
}
