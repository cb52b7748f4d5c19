//! Errors in compact schemas: each one a diagnostic with a code, a labelled
//! span in the compact source and, where there is one, the fix.

use miette::SourceSpan;

/// An error in a compact schema (a miette Diagnostic with a labelled span and a code).
///
/// Every variant carries the compact source it points into, so the error
/// renders on its own; the loader may replace it with a named source.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum RncError {
    /// A character that cannot start any token, or that XML does not allow.
    #[error("unexpected character {found}, expected a token of the compact syntax")]
    #[diagnostic(
        code(teikit::validate::rnc::bad_char),
        help("names, literals in quotes, `#` comments and the operators `{{ }} ( ) [ ] = |= &= , & | ? * + - ~ >>` are allowed here")
    )]
    BadChar {
        /// The character, quoted.
        found: String,
        /// Where it is.
        #[label("this character")]
        span: SourceSpan,
        /// The compact schema.
        #[source_code]
        src: String,
    },
    /// A `\x{...}` escape that is malformed or names no XML character.
    #[error(
        "malformed escape {found}, expected `\\x{{N}}` with N a hexadecimal XML character code"
    )]
    #[diagnostic(
        code(teikit::validate::rnc::bad_escape),
        help("write a character as `\\x{{N}}`, for example `\\x{{A9}}` for ©; surrogates and codes above 10FFFF are not characters")
    )]
    BadEscape {
        /// What was found, quoted.
        found: String,
        /// Where it is.
        #[label("this escape")]
        span: SourceSpan,
        /// The compact schema.
        #[source_code]
        src: String,
    },
    /// A literal without its closing delimiter on the same line.
    #[error("unterminated literal, expected a closing {delimiter}, found {found}")]
    #[diagnostic(
        code(teikit::validate::rnc::unterminated_literal),
        help("close the literal on the same line, or use a triple-quoted literal (`\"\"\"...\"\"\"`) or `\\x{{A}}` for a newline in the value")
    )]
    UnterminatedLiteral {
        /// The delimiter that opened the literal.
        delimiter: String,
        /// What ended it instead.
        found: String,
        /// The literal.
        #[label("this literal")]
        span: SourceSpan,
        /// The compact schema.
        #[source_code]
        src: String,
    },
    /// A token where the grammar allows another.
    #[error("expected {expected}, found {found}")]
    #[diagnostic(code(teikit::validate::rnc::unexpected_token))]
    UnexpectedToken {
        /// What the grammar allows here.
        expected: String,
        /// What is here.
        found: String,
        /// How to fix it, when there is a likely fix.
        #[help]
        help: Option<String>,
        /// Where it is.
        #[label("here")]
        span: SourceSpan,
        /// The compact schema.
        #[source_code]
        src: String,
    },
    /// Two different operators (or a data except) combined without parentheses.
    #[error("`{second}` combined with `{first}` without parentheses")]
    #[diagnostic(
        code(teikit::validate::rnc::mixed_operators),
        help("the compact syntax has no operator precedence: group explicitly, for example `(a | b), c` or `a | (b, c)`")
    )]
    MixedOperators {
        /// The operator (or construct) that came first.
        first: String,
        /// The one that conflicts with it.
        second: String,
        /// Where the second one is.
        #[label("this `{second}`")]
        span: SourceSpan,
        /// The compact schema.
        #[source_code]
        src: String,
    },
    /// A prefix used without a declaration.
    #[error("undeclared {kind} prefix `{prefix}`")]
    #[diagnostic(
        code(teikit::validate::rnc::unknown_prefix),
        help("declare it at the top of the schema: `{declaration} {prefix} = \"...\"`")
    )]
    UnknownPrefix {
        /// `namespace` or `datatypes`.
        kind: &'static str,
        /// The keyword that declares such a prefix.
        declaration: &'static str,
        /// The prefix.
        prefix: String,
        /// Where it is used.
        #[label("used here")]
        span: SourceSpan,
        /// The compact schema.
        #[source_code]
        src: String,
    },
    /// A declaration the specification forbids (a duplicate, a reserved prefix or URI).
    #[error("{message}")]
    #[diagnostic(code(teikit::validate::rnc::bad_declaration))]
    BadDeclaration {
        /// What is wrong, naming both sides.
        message: String,
        /// The fix.
        #[help]
        help: String,
        /// The declaration.
        #[label("this declaration")]
        span: SourceSpan,
        /// The compact schema.
        #[source_code]
        src: String,
    },
    /// An annotation that cannot become a foreign element or attribute.
    #[error("{message}")]
    #[diagnostic(code(teikit::validate::rnc::bad_annotation))]
    BadAnnotation {
        /// What is wrong, naming both sides.
        message: String,
        /// The fix.
        #[help]
        help: String,
        /// The annotation name.
        #[label("this name")]
        span: SourceSpan,
        /// The compact schema.
        #[source_code]
        src: String,
    },
    /// A name-class except that RELAX NG forbids (section 7.1 of its specification).
    #[error("{message}")]
    #[diagnostic(
        code(teikit::validate::rnc::bad_except),
        help("an except of `*` may not contain `*`, and an except of `prefix:*` may contain only names, not `*` or `prefix:*`")
    )]
    BadExcept {
        /// What is wrong.
        message: String,
        /// The offending name class.
        #[label("not allowed in this except")]
        span: SourceSpan,
        /// The compact schema.
        #[source_code]
        src: String,
    },
    /// A top-level pattern that would translate into several elements.
    #[error("the top-level pattern translates to {count} elements, expected exactly one")]
    #[diagnostic(
        code(teikit::validate::rnc::not_single_element),
        help("annotations after a top-level pattern (`>>`, or `[...]` on a value) have no place in the XML syntax: move them inside, or write `start = ...`")
    )]
    NotSingleElement {
        /// How many elements it translates to.
        count: usize,
        /// The pattern.
        #[label("this pattern")]
        span: SourceSpan,
        /// The compact schema.
        #[source_code]
        src: String,
    },
    /// Constructs nested deeper than the translator follows.
    #[error("constructs nested more than {limit} levels deep, expected a shallower schema")]
    #[diagnostic(
        code(teikit::validate::rnc::too_deep),
        help("name the inner parts with definitions (`part = ...`) and refer to them")
    )]
    TooDeep {
        /// The nesting limit.
        limit: usize,
        /// Where the limit was reached.
        #[label("too deep here")]
        span: SourceSpan,
        /// The compact schema.
        #[source_code]
        src: String,
    },
    /// An `include` or `external` reference that is not a usable URI.
    #[error("`{uri}` is not a usable schema reference: {reason}")]
    #[diagnostic(
        code(teikit::validate::rnc::bad_uri),
        help("name the schema file with a relative or absolute URI without a `#fragment`")
    )]
    BadUri {
        /// The reference.
        uri: String,
        /// Why it is refused.
        reason: String,
        /// The literal.
        #[label("this reference")]
        span: SourceSpan,
        /// The compact schema.
        #[source_code]
        src: String,
    },
    /// A value that its datatype can never accept in this schema.
    #[error("value `{value}` is not a valid `{datatype}`: {reason}")]
    #[diagnostic(
        code(teikit::validate::rnc::bad_value),
        help("declare the prefix with `namespace`, or write the value without it")
    )]
    BadValue {
        /// The value.
        value: String,
        /// The datatype.
        datatype: String,
        /// Why it is invalid.
        reason: String,
        /// The value literal.
        #[label("this value")]
        span: SourceSpan,
        /// The compact schema.
        #[source_code]
        src: String,
    },
}

impl RncError {
    /// The span of the error in the compact source (byte offsets).
    pub fn span(&self) -> SourceSpan {
        match self {
            Self::BadChar { span, .. }
            | Self::BadEscape { span, .. }
            | Self::UnterminatedLiteral { span, .. }
            | Self::UnexpectedToken { span, .. }
            | Self::MixedOperators { span, .. }
            | Self::UnknownPrefix { span, .. }
            | Self::BadDeclaration { span, .. }
            | Self::BadAnnotation { span, .. }
            | Self::BadExcept { span, .. }
            | Self::NotSingleElement { span, .. }
            | Self::TooDeep { span, .. }
            | Self::BadUri { span, .. }
            | Self::BadValue { span, .. } => *span,
        }
    }

    /// Attaches the compact source the span points into.
    pub(crate) fn with_source(mut self, source: &str) -> Self {
        match &mut self {
            Self::BadChar { src, .. }
            | Self::BadEscape { src, .. }
            | Self::UnterminatedLiteral { src, .. }
            | Self::UnexpectedToken { src, .. }
            | Self::MixedOperators { src, .. }
            | Self::UnknownPrefix { src, .. }
            | Self::BadDeclaration { src, .. }
            | Self::BadAnnotation { src, .. }
            | Self::BadExcept { src, .. }
            | Self::NotSingleElement { src, .. }
            | Self::TooDeep { src, .. }
            | Self::BadUri { src, .. }
            | Self::BadValue { src, .. } => *src = source.to_owned(),
        }
        self
    }
}

/// A byte range in the compact source, as a miette span.
pub(crate) fn span(start: usize, end: usize) -> SourceSpan {
    SourceSpan::from((start, end.saturating_sub(start)))
}
