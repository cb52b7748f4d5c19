//! The RELAX NG validation engine: schemas in the XML syntax are read
//! ([`parse`](self)), simplified as in section 4 of the specification,
//! checked against the restrictions of its section 7, and matched against
//! documents streamed from quick-xml with memoised derivatives of
//! hash-consed patterns.
//!
//! ```
//! use teikit::validate::Schema;
//! let schema = Schema::from_rng_str(
//!     r#"<element name="note" xmlns="http://relaxng.org/ns/structure/1.0"><text/></element>"#,
//!     std::path::Path::new("note.rng"),
//! ).unwrap();
//! assert!(schema.validate_str("<note>hi</note>").is_empty());
//! assert_eq!(schema.validate_str("<note><b/></note>")[0].code, "teikit::validate::unexpected_element");
//! ```

mod ast;
mod cache;
mod datatype;
mod deriv;
mod errors;
mod explain;
mod ids;
mod parse;
mod restrict;
mod schema;
mod simplify;
mod stream;
mod tree;
mod uri;

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

pub use errors::{SchemaError, SchemaLocation};

/// One violation of a schema in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// A stable code, e.g. `teikit::validate::unexpected_element`.
    pub code: &'static str,
    /// What is wrong, naming what was expected and what was found.
    pub message: String,
    /// The byte range in the document (the start tag name for an element,
    /// the value for an attribute value, the text for text).
    pub span: std::ops::Range<usize>,
    /// The line of `span.start`, 1-based.
    pub line: u32,
    /// The column of `span.start`, 1-based, in bytes.
    pub column: u32,
    /// What the schema allows there (element or attribute names, values).
    pub expected: Vec<String>,
    /// What the document has there, if anything.
    pub found: Option<String>,
    /// How to fix it (e.g. "did you mean `persName`?").
    pub help: Option<String>,
}

struct Inner {
    grammar: schema::Grammar,
    ids: ids::IdMap,
    pool: Mutex<Vec<deriv::Cache>>,
}

/// A compiled RELAX NG schema. Cheap to clone and share across threads.
#[derive(Clone)]
pub struct Schema {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Schema {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Schema")
            .field("patterns", &self.inner.grammar.pats.len())
            .field("elements", &self.inner.grammar.elements.len())
            .finish()
    }
}

impl Schema {
    /// Loads a schema from a file: the RELAX NG XML syntax, or the compact
    /// syntax for a `.rnc` file (and for `.rnc` files it includes).
    ///
    /// # Errors
    ///
    /// A [`SchemaError`] with the place in the schema: unreadable files,
    /// syntax errors, broken references, restrictions, unknown datatypes.
    pub fn load(path: &Path) -> Result<Schema, SchemaError> {
        Schema::from_rng_str(&read_schema(path)?, path)
    }

    /// Loads a schema as [`Schema::load`] does, but through a cache folder:
    /// when `cache_dir` holds the compiled form of this schema and none of
    /// the files it was compiled from has changed since, that is read
    /// instead of compiling again (a few milliseconds instead of tens for
    /// `tei_all.rng`); otherwise the schema is compiled and stored there.
    /// A cache that cannot be read or written is passed over silently.
    ///
    /// # Errors
    ///
    /// As [`Schema::load`].
    pub fn load_cached(path: &Path, cache_dir: &Path) -> Result<Schema, SchemaError> {
        // Named by the file it finally is, compiled from the path as given
        // (relative references resolve beside a link, as without a cache).
        let (Ok(key), Ok(path)) = (std::fs::canonicalize(path), std::path::absolute(path)) else {
            return Schema::load(path);
        };
        if let Some((grammar, ids)) = cache::read(cache_dir, &key) {
            return Ok(Schema::from_parts(grammar, ids));
        }
        let text = read_schema(&path)?;
        let (schema, loader) = Schema::compile(&text, &path)?;
        let inner = &schema.inner;
        cache::write(
            cache_dir,
            &key,
            &loader.sources(),
            &inner.grammar,
            &inner.ids,
        );
        Ok(schema)
    }

    /// Compiles a schema in the RELAX NG XML syntax from `text`; `base` is
    /// the file it stands for (relative `href`s resolve against its folder;
    /// a folder may be given too).
    ///
    /// # Errors
    ///
    /// As [`Schema::load`].
    pub fn from_rng_str(text: &str, base: &Path) -> Result<Schema, SchemaError> {
        Schema::compile(text, base).map(|(schema, _)| schema)
    }

    /// Compiles `text` standing for the file `base`; also gives the loader,
    /// which knows every file read and its text.
    fn compile(text: &str, base: &Path) -> Result<(Schema, parse::Loader), SchemaError> {
        let base: PathBuf = if base.is_dir() {
            base.join("schema.rng")
        } else {
            base.to_path_buf()
        };
        let mut loader = parse::Loader::new();
        let root = loader.load_str(text, &base)?;
        let (grammar, locs, element_locs) = simplify::Simplifier::new(&loader).run(&root)?;
        restrict::check(&grammar, &loader, &locs, &element_locs)?;
        let ids = ids::build(&grammar, &loader, &locs, &element_locs)?;
        Ok((Schema::from_parts(grammar, ids), loader))
    }

    fn from_parts(grammar: schema::Grammar, ids: ids::IdMap) -> Schema {
        Schema {
            inner: Arc::new(Inner {
                grammar,
                ids,
                pool: Mutex::new(Vec::new()),
            }),
        }
    }

    /// teikit's TEI letters schema ([`crate::tei::LETTERS_SCHEMA_RNG`]),
    /// compiled once.
    ///
    /// # Panics
    ///
    /// Never for the built-in schema, which a test compiles.
    #[must_use]
    pub fn letters() -> &'static Schema {
        static LETTERS: OnceLock<Schema> = OnceLock::new();
        LETTERS.get_or_init(|| {
            Schema::from_rng_str(crate::tei::LETTERS_SCHEMA_RNG, Path::new("tei_letters.rng"))
                .unwrap_or_else(|e| panic!("the built-in letters schema compiles: {e}"))
        })
    }

    /// Validates a document held in a string.
    #[must_use]
    pub fn validate_str(&self, xml: &str) -> Vec<Violation> {
        self.validate_reader(xml.as_bytes()).unwrap_or_default()
    }

    /// Validates a document read from `r`, holding only the open elements.
    ///
    /// # Errors
    ///
    /// The reader's I/O errors.
    pub fn validate_reader<R: BufRead>(&self, r: R) -> Result<Vec<Violation>, std::io::Error> {
        let inner = &*self.inner;
        let cache = inner
            .pool
            .lock()
            .ok()
            .and_then(|mut p| p.pop())
            .unwrap_or_default();
        let d = deriv::Deriv::new(&inner.grammar, cache);
        let ids = ids::IdChecker::new(&inner.ids, &inner.grammar.main_ns);
        let (violations, d) = stream::Validator::new(d, ids).run(r)?;
        let cache = d.into_cache();
        if !cache.too_big() {
            if let Ok(mut pool) = inner.pool.lock() {
                pool.push(cache);
            }
        }
        Ok(violations)
    }

    /// Whether a document is valid.
    #[must_use]
    pub fn is_valid(&self, xml: &str) -> bool {
        self.validate_str(xml).is_empty()
    }
}

/// Where compiled schemas are kept unless told otherwise: `$TEIKIT_CACHE_DIR`
/// (set but empty: nowhere), else `$XDG_CACHE_HOME/teikit`, else
/// `$HOME/.cache/teikit`; None when none of these is set.
#[must_use]
pub fn default_cache_dir() -> Option<PathBuf> {
    let var = |name| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(dir) = std::env::var_os("TEIKIT_CACHE_DIR") {
        return (!dir.is_empty()).then(|| PathBuf::from(dir));
    }
    var("XDG_CACHE_HOME")
        .map(|d| PathBuf::from(d).join("teikit"))
        .or_else(|| var("HOME").map(|h| PathBuf::from(h).join(".cache/teikit")))
}

/// The text of the schema file at `path`.
fn read_schema(path: &Path) -> Result<String, SchemaError> {
    crate::files::read_text(path)
        .map(|t| t.text)
        .map_err(|e| SchemaError::Io {
            location: SchemaLocation {
                file: path.to_path_buf(),
                line: 0,
                column: 0,
            },
            message: e.to_string(),
        })
}

#[cfg(test)]
mod tests;
