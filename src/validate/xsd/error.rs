//! Why a datatype could not be built from a schema's `data` or `value`.

use super::regex::RegexError;

/// Why a datatype could not be built from a schema's `data`/`value`: the
/// schema is incorrect, so this is never a verdict on a document.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum DatatypeError {
    /// The type is not a built-in XML Schema datatype.
    #[error("unknown datatype: expected a built-in XML Schema type, found `{name}`")]
    #[diagnostic(
        code(teikit::validate::xsd::unknown_type),
        help("use a built-in type such as `token`, `NCName`, `integer`, `date` or `anyURI`")
    )]
    UnknownType {
        /// The local name the schema gave.
        name: String,
    },
    /// The param is not the name of any facet.
    #[error("unknown param `{param}` on `{type_name}`: it is not an XML Schema facet")]
    #[diagnostic(
        code(teikit::validate::xsd::unknown_param),
        help("params are facets: length, minLength, maxLength, pattern, minInclusive, maxInclusive, minExclusive, maxExclusive, totalDigits, fractionDigits")
    )]
    UnknownParam {
        /// The param's name.
        param: String,
        /// The datatype it was given to.
        type_name: String,
    },
    /// The facet exists but cannot be used as a param on this type.
    #[error("param `{param}` is not allowed on `{type_name}`")]
    #[diagnostic(code(teikit::validate::xsd::param_not_allowed), help("{help}"))]
    ParamNotAllowed {
        /// The param's name.
        param: String,
        /// The datatype it was given to.
        type_name: String,
        /// What to write instead.
        help: String,
    },
    /// The param's value is not valid for the facet or the type.
    #[error("bad value `{value}` for param `{param}` on `{type_name}`: {reason}")]
    #[diagnostic(code(teikit::validate::xsd::bad_param_value))]
    BadParamValue {
        /// The param's name.
        param: String,
        /// The value given.
        value: String,
        /// The datatype it was given to.
        type_name: String,
        /// What the value should be.
        reason: String,
    },
    /// A `pattern` param is not a valid XSD regular expression.
    #[error("bad pattern `{pattern}`")]
    #[diagnostic(code(teikit::validate::xsd::bad_pattern))]
    BadPattern {
        /// The pattern as written in the schema.
        pattern: String,
        /// What is wrong with it.
        #[source]
        #[diagnostic_source]
        source: RegexError,
    },
}
