//! `edition.toml`: what an edition says about itself.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The contents of `edition.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The edition's title.
    pub title: String,
    /// The editors, as they are to be credited.
    #[serde(default)]
    pub editors: Vec<String>,
    /// The publisher (a person, project or institution).
    pub publisher: String,
    /// The licence of the edition's texts and markup, such as `CC-BY-4.0`.
    pub licence: String,
    /// The licence's URL, recorded in `availability/licence/@target`.
    #[serde(default)]
    pub licence_url: Option<String>,
    /// The language of the letters (BCP 47); defaults to `en`.
    #[serde(default = "default_language")]
    pub language: String,
    /// The register file, relative to the edition folder; defaults to `register.xml`.
    #[serde(default = "default_register")]
    pub register: PathBuf,
    /// The years the letters were written in, `"1768-1849"`: a two-digit
    /// year that nothing in a letter dates takes the century that puts it
    /// in this period. Default: none.
    #[serde(default, deserialize_with = "period")]
    pub period: Option<(i32, i32)>,
}

fn period<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<(i32, i32)>, D::Error> {
    let text = <String as serde::Deserialize>::deserialize(d)?;
    crate::encode::parse_period(&text)
        .map(Some)
        .map_err(serde::de::Error::custom)
}

fn default_language() -> String {
    "en".to_owned()
}

fn default_register() -> PathBuf {
    PathBuf::from("register.xml")
}

/// An error reading `edition.toml`.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ConfigError {
    /// The file is missing or unreadable.
    #[error("cannot read `{path}`")]
    #[diagnostic(
        code(teikit::edition::config_read),
        help("an edition folder holds an `edition.toml` with its title, publisher and licence")
    )]
    Read {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The file is not valid TOML or lacks a required key.
    #[error("`{path}` is not a valid edition configuration: {message}")]
    #[diagnostic(code(teikit::edition::config_syntax))]
    Syntax {
        /// The file.
        path: PathBuf,
        /// What the TOML parser said.
        message: String,
        /// The source, for the label.
        #[source_code]
        src: miette::NamedSource<String>,
        /// Where the problem is.
        #[label("here")]
        span: Option<miette::SourceSpan>,
    },
}

impl Config {
    /// Reads `edition.toml` from an edition folder.
    ///
    /// # Errors
    ///
    /// [`ConfigError::Read`] when the file is missing, [`ConfigError::Syntax`]
    /// (with the location) when it is not a valid configuration.
    pub fn load(edition_dir: &Path) -> Result<Self, ConfigError> {
        let path = edition_dir.join("edition.toml");
        let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Read {
            path: path.clone(),
            source,
        })?;
        Self::parse(&path, &text)
    }

    /// Parses the text of an `edition.toml`.
    ///
    /// # Errors
    ///
    /// [`ConfigError::Syntax`] with the location of the problem.
    pub fn parse(path: &Path, text: &str) -> Result<Self, ConfigError> {
        toml::from_str(text).map_err(|e| ConfigError::Syntax {
            path: path.to_path_buf(),
            message: e.message().to_owned(),
            span: e.span().map(Into::into),
            src: miette::NamedSource::new(path.display().to_string(), text.to_owned()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_period_is_read_and_checked() {
        let base = "title = \"T\"\npublisher = \"P\"\nlicence = \"CC-BY-4.0\"\n";
        let c = Config::parse(
            Path::new("e.toml"),
            &format!("{base}period = \"1768-1849\"\n"),
        )
        .unwrap();
        assert_eq!(c.period, Some((1768, 1849)));
        assert_eq!(
            Config::parse(Path::new("e.toml"), base).unwrap().period,
            None
        );
        let err = Config::parse(
            Path::new("e.toml"),
            &format!("{base}period = \"1849-1768\"\n"),
        )
        .unwrap_err();
        let ConfigError::Syntax { message, span, .. } = err else {
            panic!("a syntax error")
        };
        assert!(message.contains("ends before it begins"), "{message}");
        assert!(span.is_some(), "located in the file");
    }

    #[test]
    fn defaults_apply() {
        let c = Config::parse(
            Path::new("edition.toml"),
            "title = \"T\"\npublisher = \"P\"\nlicence = \"CC-BY-4.0\"\n",
        )
        .unwrap();
        assert_eq!(c.language, "en");
        assert_eq!(c.register, PathBuf::from("register.xml"));
        assert!(c.editors.is_empty());
    }

    #[test]
    fn missing_key_is_located() {
        let err = Config::parse(Path::new("edition.toml"), "title = \"T\"\n").unwrap_err();
        assert!(err.to_string().contains("publisher"), "{err}");
    }

    #[test]
    fn unknown_key_is_refused() {
        let err = Config::parse(
            Path::new("edition.toml"),
            "title = \"T\"\npublisher = \"P\"\nlicence = \"L\"\ntitel = \"x\"\n",
        )
        .unwrap_err();
        assert!(
            matches!(err, ConfigError::Syntax { span: Some(_), .. }),
            "{err:?}"
        );
    }
}
