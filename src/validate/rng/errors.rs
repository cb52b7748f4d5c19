//! Errors in schemas: an incorrect schema is an error with its place in the
//! schema file, never a verdict on a document.

use std::path::PathBuf;

/// Where in a schema something is: file, line and column (1-based).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SchemaLocation {
    /// The schema file.
    pub file: PathBuf,
    /// The line, 1-based.
    pub line: u32,
    /// The column, 1-based.
    pub column: u32,
}

impl std::fmt::Display for SchemaLocation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// Why a RELAX NG schema could not be loaded.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum SchemaError {
    /// A schema file could not be read.
    #[error("cannot read schema `{}`: {message}", location.file.display())]
    #[diagnostic(code(teikit::validate::schema_io))]
    Io {
        /// Where the file was referenced (or the file itself).
        location: SchemaLocation,
        /// What went wrong.
        message: String,
    },
    /// The schema is not well-formed XML.
    #[error("{location}: schema is not well-formed XML: {message}")]
    #[diagnostic(code(teikit::validate::schema_not_well_formed))]
    NotWellFormed {
        /// Where.
        location: SchemaLocation,
        /// The parser's message.
        message: String,
    },
    /// The schema breaks the RELAX NG syntax or a rule of simplification
    /// (section 4 of the specification).
    #[error("{location}: {message}")]
    #[diagnostic(code(teikit::validate::schema_syntax))]
    Syntax {
        /// Where.
        location: SchemaLocation,
        /// What is wrong.
        message: String,
        /// How to fix it.
        #[help]
        help: Option<String>,
    },
    /// The simplified schema breaks a restriction of section 7.
    #[error("{location}: {message}")]
    #[diagnostic(code(teikit::validate::schema_restriction))]
    Restriction {
        /// Where.
        location: SchemaLocation,
        /// Which restriction and how.
        message: String,
    },
    /// A datatype is unknown or its parameters are wrong.
    #[error("{location}: {message}")]
    #[diagnostic(code(teikit::validate::schema_datatype))]
    Datatype {
        /// Where.
        location: SchemaLocation,
        /// What is wrong.
        message: String,
    },
    /// A schema in the compact syntax (`.rnc`) is incorrect.
    #[error("{location}: incorrect compact schema")]
    #[diagnostic(code(teikit::validate::schema_compact))]
    Compact {
        /// Where.
        location: SchemaLocation,
        /// The compact reader's diagnostic, with the offending span.
        #[diagnostic_source]
        error: crate::validate::rnc::RncError,
    },
    /// The schema breaks the ID/IDREF rules of RELAX NG DTD compatibility.
    #[error("{location}: {message}")]
    #[diagnostic(code(teikit::validate::schema_id_type))]
    IdType {
        /// Where.
        location: SchemaLocation,
        /// What is wrong.
        message: String,
    },
}

impl SchemaError {
    /// Where in the schema the error is.
    #[must_use]
    pub fn location(&self) -> &SchemaLocation {
        match self {
            SchemaError::Io { location, .. }
            | SchemaError::NotWellFormed { location, .. }
            | SchemaError::Syntax { location, .. }
            | SchemaError::Restriction { location, .. }
            | SchemaError::Datatype { location, .. }
            | SchemaError::IdType { location, .. }
            | SchemaError::Compact { location, .. } => location,
        }
    }
}
