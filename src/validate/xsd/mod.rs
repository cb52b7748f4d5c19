//! The XML Schema Part 2 datatypes used by RELAX NG schemas: lexical
//! spaces, value spaces and equality, facets, and XSD regular expressions.
//!
//! This is the library a RELAX NG schema names with
//! `datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes"`, following
//! the "Guidelines for using W3C XML Schema Datatypes with RELAX NG": every
//! built-in type is available by its local name, and the facets other than
//! `enumeration` and `whiteSpace` may be given as `param`s. Jing is the
//! reference: where it departs from XML Schema (timezone range, digit
//! counting, duration equality, `-` in character classes), this follows it,
//! so that verdicts agree.
//!
//! - [`types`]: the built-in types, their white-space handling and lexical
//!   rules.
//! - [`value`]: value spaces, equality and order.
//! - [`decimal`]: exact decimals for `decimal` and the integer types.
//! - [`datetime`]: dates, times and durations.
//! - [`facets`]: the facets a schema applies as `param`s.
//! - [`regex`]: XSD regular expressions, translated to the `regex` crate.

pub mod datetime;
pub mod decimal;
mod error;
pub mod facets;
mod lexical;
pub mod regex;
pub mod types;
pub mod value;
mod xmlchars;

pub use error::DatatypeError;
pub use value::Value;

use facets::Facets;
use types::Builtin;

/// Resolves namespace prefixes for QName / NOTATION values.
pub trait NamespaceContext {
    /// The namespace URI bound to `prefix` ("" = the default namespace), if any.
    fn namespace_for(&self, prefix: &str) -> Option<&str>;

    /// Whether `name` is an unparsed entity declared in the document's DTD
    /// (for `ENTITY` and `ENTITIES`). Without a DTD there are none.
    fn is_unparsed_entity(&self, name: &str) -> bool {
        let _ = name;
        false
    }
}

/// A context that binds no prefixes and declares no entities.
#[derive(Debug, Clone, Copy, Default)]
pub struct EmptyContext;

impl NamespaceContext for EmptyContext {
    fn namespace_for(&self, prefix: &str) -> Option<&str> {
        // The default namespace is "no namespace" unless declared; the
        // `xml` prefix is always bound.
        match prefix {
            "" => Some(""),
            "xml" => Some(XML_NAMESPACE),
            _ => None,
        }
    }
}

/// The namespace the `xml` prefix is bound to.
pub const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";

/// A compiled datatype: a built-in type with its facets (params) applied.
///
/// Two datatypes are equal when they are the same type with the same
/// params in the same order, so patterns holding them can be hash-consed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Datatype {
    builtin: Builtin,
    facets: Facets,
}

/// How a datatype takes part in ID/IDREF checking (RELAX NG DTD compatibility).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdType {
    /// Not an ID-like type.
    Null,
    /// `xsd:ID`: the value must be unique in the document.
    Id,
    /// `xsd:IDREF`: the value must be the ID of some element.
    Idref,
    /// `xsd:IDREFS`: every token must be the ID of some element.
    Idrefs,
}

impl Datatype {
    /// `name` is the local name (e.g. "token"); params in document order.
    pub fn new(name: &str, params: &[(String, String)]) -> Result<Datatype, DatatypeError> {
        let builtin = Builtin::from_name(name).ok_or_else(|| DatatypeError::UnknownType {
            name: name.to_owned(),
        })?;
        let facets = Facets::new(builtin, params)?;
        Ok(Datatype { builtin, facets })
    }

    /// Whether `text` (as it appears in the document) is a value of this type.
    pub fn allows(&self, text: &str, ctx: &dyn NamespaceContext) -> bool {
        self.value(text, ctx).is_some()
    }

    /// The value of `text`, or None when `text` is not in the lexical space.
    pub fn value(&self, text: &str, ctx: &dyn NamespaceContext) -> Option<Value> {
        let normal = self.builtin.normalize(text);
        if !self.facets.matches_patterns(&normal) {
            return None;
        }
        let value = self.builtin.parse(&normal, ctx)?;
        self.facets.admits(&value, &normal).then_some(value)
    }

    /// How this type takes part in ID/IDREF checking.
    pub fn id_type(&self) -> IdType {
        self.builtin.id_type()
    }

    /// The built-in type's local name (e.g. "integer").
    pub fn name(&self) -> &'static str {
        self.builtin.name()
    }

    /// A short human description for diagnostics, e.g. "an integer from 1 to 12".
    pub fn describe(&self) -> String {
        self.facets.describe(self.builtin)
    }
}

/// Whether `name` is a datatype of this library.
pub fn is_known(name: &str) -> bool {
    Builtin::from_name(name).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Binds `e` to one namespace and declares the unparsed entity `pic`.
    struct Ctx;

    impl NamespaceContext for Ctx {
        fn namespace_for(&self, prefix: &str) -> Option<&str> {
            (prefix == "e").then_some("http://example.com/e")
        }

        fn is_unparsed_entity(&self, name: &str) -> bool {
            name == "pic"
        }
    }

    fn dt(name: &str) -> Datatype {
        Datatype::new(name, &[]).expect("a built-in type")
    }

    #[test]
    fn datatypes_can_be_shared_across_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<Datatype>();
        shared::<Value>();
    }

    #[test]
    fn equal_datatypes_for_equal_declarations() {
        let params = |max: &str| {
            vec![
                ("pattern".to_owned(), "[+0-9]+".to_owned()),
                ("maxInclusive".to_owned(), max.to_owned()),
            ]
        };
        let a = Datatype::new("integer", &params("12")).expect("correct");
        assert_eq!(
            a,
            Datatype::new("integer", &params("+012")).expect("correct")
        );
        assert_ne!(a, Datatype::new("integer", &params("13")).expect("correct"));
        assert_ne!(a, Datatype::new("long", &params("12")).expect("correct"));
    }

    #[test]
    fn names_and_id_types() {
        assert!(is_known("gMonthDay") && is_known("NOTATION"));
        assert!(!is_known("anySimpleType") && !is_known("Token"));
        assert_eq!(dt("ID").id_type(), IdType::Id);
        assert_eq!(dt("IDREF").id_type(), IdType::Idref);
        assert_eq!(dt("IDREFS").id_type(), IdType::Idrefs);
        assert_eq!(dt("NCName").id_type(), IdType::Null);
        assert_eq!(dt("integer").name(), "integer");
    }

    #[test]
    fn qnames_resolve_prefixes_in_the_context() {
        let qname = dt("QName");
        assert!(qname.allows("e:x", &Ctx));
        assert!(!qname.allows("f:x", &Ctx));
        // Unprefixed names take the default namespace, here none.
        assert_eq!(qname.value("x", &Ctx), qname.value("x", &EmptyContext));
        assert_ne!(qname.value("e:x", &Ctx), qname.value("x", &Ctx));
        assert!(qname.allows("xml:lang", &EmptyContext));
    }

    #[test]
    fn entities_must_be_declared() {
        assert!(dt("ENTITY").allows("pic", &Ctx));
        assert!(!dt("ENTITY").allows("pic", &EmptyContext));
        assert!(dt("ENTITIES").allows(" pic  pic ", &Ctx));
        assert!(!dt("ENTITIES").allows("pic other", &Ctx));
    }
}
