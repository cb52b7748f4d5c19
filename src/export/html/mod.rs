//! The HTML reading edition: one semantic HTML5 page per letter, the index
//! pages (letters in date order; persons, places, organisations), and one
//! CSS file. No JavaScript; the same input gives the same bytes.
//!
//! - [`page`]: the frame every page shares, and escaping;
//! - [`render`]: TEI elements to HTML;
//! - [`letter`]: the page of one letter;
//! - [`indices`]: the index pages;
//! - `teikit.css`: the style sheet ([`CSS`]).

pub mod indices;
pub mod letter;
pub mod page;
pub mod render;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::model::{LetterView, Register};
use super::ExportError;
use crate::files;
use crate::tei::parse_untrusted;

pub use page::{CSS_FILE, INDEX_FILE};

/// The site's style sheet: readable on screen, plain on paper.
pub const CSS: &str = include_str!("teikit.css");

/// The file name the XSLT twin is written under next to TEI copies.
pub const XSL_FILE: &str = "tei-to-html.xsl";

/// Page names the site takes for itself; no letter may be named so.
const RESERVED: [&str; 4] = ["index", "persons", "places", "orgs"];

/// Options for [`export_site`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlOptions {
    /// The edition's title, shown on every page. Default: empty, which
    /// becomes "TEI documents".
    pub title: String,
    /// Whether to also write each input as TEI with an
    /// `<?xml-stylesheet?>` instruction and `tei-to-html.xsl` beside it, so
    /// a browser renders the TEI directly. Default: no.
    pub xml_stylesheet: bool,
}

/// Writes the HTML reading edition of `letters` (TEI files) with the
/// edition's register (persons/places/orgs) into `out_dir`: one page per
/// letter, index pages, the CSS. Returns the paths written, sorted.
///
/// Every page is made before the first is written, so a letter that cannot
/// be read or parsed leaves `out_dir` as it was; each page is written
/// atomically.
///
/// # Errors
///
/// [`ExportError::File`] when a letter or the register cannot be read or an
/// output not written (an output that would overwrite an input is refused),
/// [`ExportError::Malformed`] for XML that is not well-formed,
/// [`ExportError::NameClash`] when two letters (or a letter and an index
/// page) would take the same file name.
pub fn write_site(
    letters: &[PathBuf],
    register: Option<&Path>,
    title: &str,
    out_dir: &Path,
) -> Result<Vec<PathBuf>, ExportError> {
    let options = HtmlOptions {
        title: title.to_owned(),
        xml_stylesheet: false,
    };
    export_site(letters, register, &options, out_dir)
}

/// [`write_site`] with all options.
///
/// # Errors
///
/// As [`write_site`].
pub fn export_site(
    letters: &[PathBuf],
    register: Option<&Path>,
    options: &HtmlOptions,
    out_dir: &Path,
) -> Result<Vec<PathBuf>, ExportError> {
    let site_title = match options.title.trim() {
        "" => "TEI documents",
        title => title,
    };
    let reg = match register {
        Some(path) => Register::load(path)?,
        None => Register::default(),
    };
    let stems = stems(letters)?;
    let mut inputs = letters.to_vec();
    inputs.extend(register.map(Path::to_path_buf));
    let mut out = Output {
        dir: out_dir,
        inputs: &inputs,
        pages: Vec::new(),
    };
    let mut views = Vec::with_capacity(letters.len());
    for (stem, path) in &stems {
        views.push(out.letter(stem, path, &reg, site_title, options)?);
    }
    indices::sort_letters(&mut views);
    let index = indices::letters_index(&views, site_title);
    out.add(INDEX_FILE, index.into_bytes())?;
    for kind in super::model::Kind::ALL {
        let html = indices::entity_index(kind, &reg, &views, site_title);
        out.add(kind.page(), html.into_bytes())?;
    }
    out.add(CSS_FILE, CSS.as_bytes().to_vec())?;
    if options.xml_stylesheet {
        out.add(XSL_FILE, super::TEI_TO_HTML_XSL.as_bytes().to_vec())?;
    }
    out.write_all()
}

/// The pages of a site, made before any is written: refuses to overwrite
/// inputs.
struct Output<'a> {
    dir: &'a Path,
    inputs: &'a [PathBuf],
    pages: Vec<(PathBuf, Vec<u8>)>,
}

impl Output<'_> {
    fn add(&mut self, name: &str, contents: Vec<u8>) -> Result<(), ExportError> {
        let path = self.dir.join(name);
        files::check_not_input(&path, self.inputs)?;
        self.pages.push((path, contents));
        Ok(())
    }

    /// Writes every page, each atomically; the paths written, sorted.
    fn write_all(self) -> Result<Vec<PathBuf>, ExportError> {
        let mut written = Vec::with_capacity(self.pages.len());
        for (path, contents) in self.pages {
            files::write_atomic(&path, &contents)?;
            written.push(path);
        }
        written.sort();
        Ok(written)
    }

    /// Makes the page of one letter (and its TEI with the stylesheet
    /// instruction, when asked), returning its view for the indices.
    fn letter(
        &mut self,
        stem: &str,
        path: &Path,
        reg: &Register,
        site_title: &str,
        options: &HtmlOptions,
    ) -> Result<LetterView, ExportError> {
        let file = files::read_text(path)?;
        let doc = parse_untrusted(&file.text).map_err(|e| ExportError::malformed(path, &e))?;
        let view = LetterView::of(&doc, stem, reg);
        let html = letter::letter_page(&doc, &view, reg, site_title);
        self.add(&format!("{stem}.html"), html.into_bytes())?;
        if options.xml_stylesheet {
            let tei = with_stylesheet(&file.text);
            self.add(&format!("{stem}.xml"), tei.into_bytes())?;
        }
        Ok(view)
    }
}

/// The HTML page of one TEI letter, on its own (for previews and tests).
///
/// # Errors
///
/// [`ExportError::Malformed`] when `xml` is not well-formed.
pub fn letter_html(
    xml: &str,
    path: &Path,
    register: &Register,
    site_title: &str,
) -> Result<String, ExportError> {
    let doc = parse_untrusted(xml).map_err(|e| ExportError::malformed(path, &e))?;
    let stem = file_stem(path);
    let view = LetterView::of(&doc, &stem, register);
    Ok(letter::letter_page(&doc, &view, register, site_title))
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map_or_else(|| "letter".to_owned(), |s| s.to_string_lossy().into_owned())
}

/// Each letter's output stem, refusing two letters with one name and
/// letters named like an index page.
fn stems(letters: &[PathBuf]) -> Result<BTreeMap<String, PathBuf>, ExportError> {
    let mut stems: BTreeMap<String, PathBuf> = BTreeMap::new();
    for path in letters {
        let stem = file_stem(path);
        if RESERVED.contains(&stem.as_str()) {
            return Err(ExportError::NameClash {
                first: PathBuf::from(format!("the {stem} page")),
                second: path.clone(),
                name: format!("{stem}.html"),
            });
        }
        if let Some(first) = stems.insert(stem.clone(), path.clone()) {
            return Err(ExportError::NameClash {
                first,
                second: path.clone(),
                name: format!("{stem}.html"),
            });
        }
    }
    Ok(stems)
}

/// The TEI `xml` with an `<?xml-stylesheet?>` instruction for
/// `tei-to-html.xsl` after its XML declaration (before the first element).
#[must_use]
pub fn with_stylesheet(xml: &str) -> String {
    let pi = format!("<?xml-stylesheet type=\"text/xsl\" href=\"{XSL_FILE}\"?>");
    if xml.starts_with("<?xml ") {
        if let Some(end) = xml.find("?>") {
            let (head, tail) = xml.split_at(end + 2);
            return format!("{head}\n{pi}{tail}");
        }
    }
    format!("{pi}\n{xml}")
}
