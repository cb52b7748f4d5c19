//! The built-in datatypes: their names, white-space handling, the primitive
//! each derives from, and the restrictions built into the derived ones.

use super::lexical;
use super::value::{Value, ValueKind};
use super::{IdType, NamespaceContext};

/// A built-in XML Schema datatype, as named in a RELAX NG schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)] // the variants are the XML Schema type names
pub enum Builtin {
    String,
    NormalizedString,
    Token,
    Language,
    Name,
    NCName,
    NmToken,
    NmTokens,
    Id,
    IdRef,
    IdRefs,
    Entity,
    Entities,
}

/// How a type treats white space before anything else sees the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhiteSpace {
    /// Kept as written (`string`).
    Preserve,
    /// Each tab, line feed and carriage return becomes a space.
    Replace,
    /// Replaced, then runs of spaces collapsed and the ends trimmed.
    Collapse,
}

/// Every built-in type with its local name.
const NAMES: &[(&str, Builtin)] = &[
    ("string", Builtin::String),
    ("normalizedString", Builtin::NormalizedString),
    ("token", Builtin::Token),
    ("language", Builtin::Language),
    ("Name", Builtin::Name),
    ("NCName", Builtin::NCName),
    ("NMTOKEN", Builtin::NmToken),
    ("NMTOKENS", Builtin::NmTokens),
    ("ID", Builtin::Id),
    ("IDREF", Builtin::IdRef),
    ("IDREFS", Builtin::IdRefs),
    ("ENTITY", Builtin::Entity),
    ("ENTITIES", Builtin::Entities),
];

impl Builtin {
    /// The type with this local name, if it is built in.
    pub fn from_name(name: &str) -> Option<Builtin> {
        NAMES.iter().find(|(n, _)| *n == name).map(|&(_, b)| b)
    }

    /// The type's local name.
    pub fn name(self) -> &'static str {
        NAMES
            .iter()
            .find(|&&(_, b)| b == self)
            .map_or("anySimpleType", |&(n, _)| n)
    }

    /// How the type handles white space.
    pub fn white_space(self) -> WhiteSpace {
        match self {
            Builtin::String => WhiteSpace::Preserve,
            Builtin::NormalizedString => WhiteSpace::Replace,
            _ => WhiteSpace::Collapse,
        }
    }

    /// The item type when this is a list type (`NMTOKENS`, `IDREFS`, `ENTITIES`).
    pub fn item_type(self) -> Option<Builtin> {
        match self {
            Builtin::NmTokens => Some(Builtin::NmToken),
            Builtin::IdRefs => Some(Builtin::IdRef),
            Builtin::Entities => Some(Builtin::Entity),
            _ => None,
        }
    }

    /// How the type takes part in ID/IDREF checking.
    pub fn id_type(self) -> IdType {
        match self {
            Builtin::Id => IdType::Id,
            Builtin::IdRef => IdType::Idref,
            Builtin::IdRefs => IdType::Idrefs,
            _ => IdType::Null,
        }
    }

    /// `text` with the type's white-space handling applied.
    pub fn normalize(self, text: &str) -> String {
        match self.white_space() {
            WhiteSpace::Preserve => text.to_owned(),
            WhiteSpace::Replace => text.replace(['\t', '\n', '\r'], " "),
            WhiteSpace::Collapse => lexical::collapse(text),
        }
    }

    /// The value of the already normalized `text`, if it is in the lexical space.
    pub fn parse(self, text: &str, ctx: &dyn NamespaceContext) -> Option<Value> {
        if let Some(item) = self.item_type() {
            let items: Option<Vec<Value>> = text
                .split(' ')
                .filter(|s| !s.is_empty())
                .map(|s| item.parse(s, ctx))
                .collect();
            let items = items?;
            return (!items.is_empty()).then(|| Value::new(ValueKind::List(items)));
        }
        let ok = match self {
            Builtin::String | Builtin::NormalizedString | Builtin::Token => true,
            Builtin::Language => lexical::is_language(text),
            Builtin::Name => lexical::is_name(text),
            Builtin::NCName | Builtin::Id | Builtin::IdRef => lexical::is_ncname(text),
            Builtin::NmToken => lexical::is_nmtoken(text),
            Builtin::Entity => lexical::is_ncname(text) && ctx.is_unparsed_entity(text),
            Builtin::NmTokens | Builtin::IdRefs | Builtin::Entities => false,
        };
        ok.then(|| Value::new(ValueKind::Str(text.to_owned())))
    }
}
