//! XML Schema 1.0 regular expressions (the `pattern` facet), checked against
//! the XSD grammar and translated into `regex` crate syntax.
//!
//! An XSD pattern always matches the whole string, so the translation is
//! anchored. Everything the XSD grammar rejects is rejected here, even where
//! the `regex` crate would accept it (`a??`, `\$`, `[]`, `x{1, 2}`). The XSD
//! escapes are spelled out as explicit character classes: `\i` and `\c` are
//! XML 1.0 (Second Edition) name characters, `\d` is `\p{Nd}`, `\w` is every
//! character except punctuation, separators and "other", `.` is every
//! character except line feed and carriage return, and `\p{IsBlock}` takes
//! the XML Schema 1.0 block names with today's block ranges, as Jing does.

mod blocks;
mod parse;

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, OnceLock};

/// Why a pattern is not a valid XML Schema regular expression.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
pub enum RegexError {
    /// The pattern breaks the XSD regular-expression grammar.
    #[error("{message} at character {position} of the pattern")]
    #[diagnostic(
        code(teikit::validate::xsd::regex_syntax),
        help("XML Schema patterns are not Perl regexes: escape `.\\?*+{{}}()|[]` with `\\`, and there are no anchors, lazy quantifiers or `\\b`")
    )]
    Syntax {
        /// What is wrong, naming what was expected and what was found.
        message: String,
        /// 1-based character position in the pattern.
        position: usize,
    },
    /// The translated pattern is too large for the regex engine.
    #[error("the pattern is too large to compile: {message}")]
    #[diagnostic(
        code(teikit::validate::xsd::regex_too_large),
        help("split the pattern into smaller ones (several `pattern` params must all match)")
    )]
    TooLarge {
        /// The regex engine's message.
        message: String,
    },
}

/// Translates an XSD regular expression into `regex` crate syntax, anchored
/// so that it matches whole strings only.
pub fn translate(xsd: &str) -> Result<String, RegexError> {
    let body = parse::Translator::new(xsd).translate()?;
    Ok(format!(r"\A(?:{body})\z"))
}

/// A compiled XSD regular expression.
#[derive(Clone)]
pub struct Pattern {
    source: String,
    /// The compiled regex: set when the pattern is made, or on its first use
    /// for patterns made [`deferred`] (None if it then fails to compile).
    regex: OnceLock<Option<regex::Regex>>,
}

/// Compiled patterns by their XSD source: schemas repeat patterns (the 341
/// `pattern` params of `tei_all.rng` are 13 distinct ones), and compiling
/// Unicode classes is the costly part, so each is compiled once per process.
/// A compiled `regex::Regex` is shared cheaply between clones.
static CACHE: OnceLock<Mutex<HashMap<String, regex::Regex>>> = OnceLock::new();

/// Enough distinct patterns for any set of schemas; beyond it, no caching.
const CACHE_LIMIT: usize = 4096;

thread_local! {
    static DEFERRED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, in which patterns are checked but compiled only on first use:
/// for schemas whose patterns are known to compile (a compiled schema read
/// back from disk), so that the ones a document never uses cost nothing.
pub fn deferred<T>(f: impl FnOnce() -> T) -> T {
    let before = DEFERRED.with(|d| d.replace(true));
    let out = f();
    DEFERRED.with(|d| d.set(before));
    out
}

impl Pattern {
    /// Compiles an XSD regular expression.
    pub fn new(xsd: &str) -> Result<Pattern, RegexError> {
        let regex = OnceLock::new();
        if DEFERRED.with(std::cell::Cell::get) {
            translate(xsd)?;
        } else {
            let _ = regex.set(Some(cached_compile(xsd)?));
        }
        Ok(Pattern {
            source: xsd.to_owned(),
            regex,
        })
    }

    /// Whether the whole of `s` matches.
    pub fn is_match(&self, s: &str) -> bool {
        self.regex
            .get_or_init(|| cached_compile(&self.source).ok())
            .as_ref()
            .is_some_and(|r| r.is_match(s))
    }

    /// The pattern as written in the schema.
    pub fn source(&self) -> &str {
        &self.source
    }
}

/// The compiled regex for `xsd`, from [`CACHE`] when it was compiled before.
fn cached_compile(xsd: &str) -> Result<regex::Regex, RegexError> {
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(regex) = cache.lock().ok().and_then(|c| c.get(xsd).cloned()) {
        return Ok(regex);
    }
    let regex = compile(xsd)?;
    if let Ok(mut c) = cache.lock() {
        if c.len() < CACHE_LIMIT {
            c.insert(xsd.to_owned(), regex.clone());
        }
    }
    Ok(regex)
}

fn compile(xsd: &str) -> Result<regex::Regex, RegexError> {
    let translated = translate(xsd)?;
    regex::RegexBuilder::new(&translated)
        .size_limit(64 << 20)
        .build()
        .map_err(|e| RegexError::TooLarge {
            message: e.to_string(),
        })
}

/// Patterns are equal when their XSD sources are (the same source always
/// compiles to the same regex), so datatypes can be hash-consed.
impl PartialEq for Pattern {
    fn eq(&self, other: &Pattern) -> bool {
        self.source == other.source
    }
}

impl Eq for Pattern {}

impl std::hash::Hash for Pattern {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.source.hash(state);
    }
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Pattern").field(&self.source).finish()
    }
}

#[cfg(test)]
mod tests;
