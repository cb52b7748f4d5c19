//! Datatype libraries as a schema sees them: the built-in library
//! (`datatypeLibrary=""`: `string` and `token`) and the XML Schema datatypes
//! of [`crate::validate::xsd`], behind one type.

use crate::validate::xsd::{self, Datatype, IdType, NamespaceContext, Value};

/// The URI of the XML Schema datatype library.
pub(crate) const XSD_LIBRARY: &str = "http://www.w3.org/2001/XMLSchema-datatypes";

/// Namespace bindings (prefix, URI) in scope, innermost last.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct NsMap(pub Vec<(String, String)>);

impl NamespaceContext for NsMap {
    fn namespace_for(&self, prefix: &str) -> Option<&str> {
        if prefix == "xml" {
            return Some(crate::tei::XML_NS);
        }
        self.0
            .iter()
            .rev()
            .find(|(p, _)| p == prefix)
            .map(|(_, u)| u.as_str())
            .filter(|u| !u.is_empty() || prefix.is_empty())
    }
}

/// A datatype of a schema.
#[derive(Debug, Clone)]
pub(crate) enum Dt {
    /// The built-in `string`: every string, compared as it is.
    String,
    /// The built-in `token`: every string, compared with white space collapsed.
    Token,
    /// An XML Schema datatype with its facets.
    Xsd(Box<Datatype>),
}

/// A value of a datatype, for `value` patterns.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum DtValue {
    Str(String),
    Xsd(Box<Value>),
}

/// Why a datatype could not be made.
pub(crate) enum DtError {
    UnknownLibrary,
    UnknownType,
    ParamsNotAllowed,
    Xsd(xsd::DatatypeError),
}

impl Dt {
    /// The datatype `name` of `library` with `params`.
    pub(crate) fn new(
        library: &str,
        name: &str,
        params: &[(String, String)],
    ) -> Result<Dt, DtError> {
        match library {
            "" => {
                let dt = match name {
                    "string" => Dt::String,
                    "token" => Dt::Token,
                    _ => return Err(DtError::UnknownType),
                };
                if params.is_empty() {
                    Ok(dt)
                } else {
                    Err(DtError::ParamsNotAllowed)
                }
            }
            XSD_LIBRARY => {
                if !xsd::is_known(name) {
                    return Err(DtError::UnknownType);
                }
                Datatype::new(name, params)
                    .map(|d| Dt::Xsd(Box::new(d)))
                    .map_err(DtError::Xsd)
            }
            _ => Err(DtError::UnknownLibrary),
        }
    }

    /// Whether `text` is in the datatype.
    pub(crate) fn allows(&self, text: &str, ctx: &dyn NamespaceContext) -> bool {
        match self {
            Dt::String | Dt::Token => true,
            Dt::Xsd(d) => d.allows(text, ctx),
        }
    }

    /// The value of `text`, if it is in the datatype.
    pub(crate) fn value(&self, text: &str, ctx: &dyn NamespaceContext) -> Option<DtValue> {
        match self {
            Dt::String => Some(DtValue::Str(text.to_string())),
            Dt::Token => Some(DtValue::Str(collapse(text))),
            Dt::Xsd(d) => d.value(text, ctx).map(|v| DtValue::Xsd(Box::new(v))),
        }
    }

    /// Whether the values depend on the namespace bindings in scope
    /// (`QName` and `NOTATION`).
    pub(crate) fn context_dependent(&self) -> bool {
        matches!(self, Dt::Xsd(d) if matches!(d.name(), "QName" | "NOTATION"))
    }

    /// The ID-type of the datatype (DTD compatibility).
    pub(crate) fn id_type(&self) -> IdType {
        match self {
            Dt::String | Dt::Token => IdType::Null,
            Dt::Xsd(d) => d.id_type(),
        }
    }

    /// A short description for diagnostics.
    pub(crate) fn describe(&self) -> String {
        match self {
            Dt::String => "a string".into(),
            Dt::Token => "a token".into(),
            Dt::Xsd(d) => d.describe(),
        }
    }
}

/// As [`collapse`], borrowing `s` when it is already collapsed.
pub(crate) fn collapse_cow(s: &str) -> std::borrow::Cow<'_, str> {
    let collapsed = !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.bytes().any(|c| matches!(c, b'\t' | b'\n' | b'\r'))
        && !s.contains("  ");
    if collapsed {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(collapse(s))
    }
}

/// `s` with runs of XML white space collapsed to one space and trimmed.
pub(crate) fn collapse(s: &str) -> String {
    s.split(is_xml_space)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `c` is XML white space.
pub(crate) fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// Whether `s` is only XML white space.
pub(crate) fn is_whitespace(s: &str) -> bool {
    // The white space characters are ASCII, and no byte of a multi-byte
    // character is ASCII.
    s.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapsing_borrows_only_what_is_collapsed_already() {
        for s in [
            "",
            "a",
            "a b",
            " a",
            "a ",
            "a  b",
            "a\tb",
            "\n",
            "ä\u{a0}b",
            " ",
        ] {
            let c = collapse_cow(s);
            assert_eq!(c, collapse(s), "{s:?}");
            assert_eq!(matches!(c, std::borrow::Cow::Borrowed(_)), c == s, "{s:?}");
        }
    }

    #[test]
    fn white_space_is_the_four_xml_characters() {
        assert!(is_whitespace(" \t\r\n") && is_whitespace(""));
        assert!(!is_whitespace("\u{a0}") && !is_whitespace("\u{2028}") && !is_whitespace(" x"));
    }
}
