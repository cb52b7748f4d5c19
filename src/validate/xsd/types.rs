//! The built-in datatypes: their names, white-space handling, the primitive
//! each derives from, and the restrictions built into the derived ones.

use super::datetime::{self, DateKind};
use super::decimal::Decimal;
use super::lexical;
use super::value::{Value, ValueKind};
use super::{IdType, NamespaceContext};
use std::borrow::Cow;

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
    AnyUri,
    QName,
    Notation,
    Boolean,
    Decimal,
    Integer,
    NonPositiveInteger,
    NegativeInteger,
    Long,
    Int,
    Short,
    Byte,
    NonNegativeInteger,
    UnsignedLong,
    UnsignedInt,
    UnsignedShort,
    UnsignedByte,
    PositiveInteger,
    Float,
    Double,
    Duration,
    Date(DateKind),
    HexBinary,
    Base64Binary,
    /// XPath 2.0's `untypedAtomic`, accepted as Jing does: any string.
    UntypedAtomic,
    /// XPath 2.0's `anyAtomicType`, accepted as Jing does: any string.
    AnyAtomicType,
}

/// The value space a type's values live in; it decides which facets apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Strings and the types derived from them, and `anyURI`.
    String,
    /// List types.
    List,
    /// `boolean`.
    Boolean,
    /// `decimal` and the integers.
    Decimal,
    /// `float` and `double`.
    Float,
    /// `duration`.
    Duration,
    /// Dates and times.
    Date,
    /// `QName` and `NOTATION`.
    QName,
    /// `hexBinary` and `base64Binary`.
    Binary,
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
    ("anyURI", Builtin::AnyUri),
    ("QName", Builtin::QName),
    ("NOTATION", Builtin::Notation),
    ("boolean", Builtin::Boolean),
    ("decimal", Builtin::Decimal),
    ("integer", Builtin::Integer),
    ("nonPositiveInteger", Builtin::NonPositiveInteger),
    ("negativeInteger", Builtin::NegativeInteger),
    ("long", Builtin::Long),
    ("int", Builtin::Int),
    ("short", Builtin::Short),
    ("byte", Builtin::Byte),
    ("nonNegativeInteger", Builtin::NonNegativeInteger),
    ("unsignedLong", Builtin::UnsignedLong),
    ("unsignedInt", Builtin::UnsignedInt),
    ("unsignedShort", Builtin::UnsignedShort),
    ("unsignedByte", Builtin::UnsignedByte),
    ("positiveInteger", Builtin::PositiveInteger),
    ("float", Builtin::Float),
    ("double", Builtin::Double),
    ("duration", Builtin::Duration),
    ("dateTime", Builtin::Date(DateKind::DateTime)),
    ("date", Builtin::Date(DateKind::Date)),
    ("time", Builtin::Date(DateKind::Time)),
    ("gYearMonth", Builtin::Date(DateKind::GYearMonth)),
    ("gYear", Builtin::Date(DateKind::GYear)),
    ("gMonthDay", Builtin::Date(DateKind::GMonthDay)),
    ("gDay", Builtin::Date(DateKind::GDay)),
    ("gMonth", Builtin::Date(DateKind::GMonth)),
    ("hexBinary", Builtin::HexBinary),
    ("base64Binary", Builtin::Base64Binary),
    ("untypedAtomic", Builtin::UntypedAtomic),
    ("anyAtomicType", Builtin::AnyAtomicType),
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
            Builtin::String | Builtin::UntypedAtomic | Builtin::AnyAtomicType => {
                WhiteSpace::Preserve
            }
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

    /// `text` with the type's white-space handling applied (borrowed when
    /// that changes nothing, as for most attribute values).
    pub fn normalize(self, text: &str) -> Cow<'_, str> {
        let has_other_space = text.contains(['\t', '\n', '\r']);
        match self.white_space() {
            WhiteSpace::Preserve => Cow::Borrowed(text),
            WhiteSpace::Replace if !has_other_space => Cow::Borrowed(text),
            WhiteSpace::Replace => Cow::Owned(text.replace(['\t', '\n', '\r'], " ")),
            WhiteSpace::Collapse if !has_other_space && is_collapsed(text) => Cow::Borrowed(text),
            WhiteSpace::Collapse => Cow::Owned(lexical::collapse(text)),
        }
    }

    /// The value space the type's values live in.
    pub fn family(self) -> Family {
        use Builtin::*;
        match self {
            NmTokens | IdRefs | Entities => Family::List,
            QName | Notation => Family::QName,
            Boolean => Family::Boolean,
            Float | Double => Family::Float,
            Duration => Family::Duration,
            Date(_) => Family::Date,
            HexBinary | Base64Binary => Family::Binary,
            _ if self.integer_bounds().is_some() || self == Decimal => Family::Decimal,
            _ => Family::String,
        }
    }

    /// For the integer types, their inclusive bounds (None = unbounded).
    pub fn integer_bounds(self) -> Option<(Option<i128>, Option<i128>)> {
        use Builtin::*;
        let bounds = match self {
            Integer => (None, None),
            NonPositiveInteger => (None, Some(0)),
            NegativeInteger => (None, Some(-1)),
            Long => (Some(i64::MIN.into()), Some(i64::MAX.into())),
            Int => (Some(i32::MIN.into()), Some(i32::MAX.into())),
            Short => (Some(i16::MIN.into()), Some(i16::MAX.into())),
            Byte => (Some(i8::MIN.into()), Some(i8::MAX.into())),
            NonNegativeInteger => (Some(0), None),
            UnsignedLong => (Some(0), Some(u64::MAX.into())),
            UnsignedInt => (Some(0), Some(u32::MAX.into())),
            UnsignedShort => (Some(0), Some(u16::MAX.into())),
            UnsignedByte => (Some(0), Some(u8::MAX.into())),
            PositiveInteger => (Some(1), None),
            _ => return None,
        };
        Some(bounds)
    }

    /// The value of the already normalized `text`, if it is in the lexical space.
    pub fn parse(self, text: &str, ctx: &dyn NamespaceContext) -> Option<Value> {
        match self.family() {
            Family::List => self.parse_list(text, ctx),
            Family::String => self.parse_string(text, ctx),
            Family::Boolean => lexical::parse_boolean(text).map(|b| Value::new(ValueKind::Bool(b))),
            Family::Decimal => self.parse_decimal(text),
            Family::Float => self.parse_float(text),
            Family::Duration => {
                datetime::parse_duration(text).map(|d| Value::new(ValueKind::Duration(d)))
            }
            Family::Date => match self {
                Builtin::Date(kind) => {
                    datetime::parse_instant(kind, text).map(|i| Value::new(ValueKind::Instant(i)))
                }
                _ => None,
            },
            Family::QName => parse_qname(text, ctx),
            Family::Binary => {
                let bytes = if self == Builtin::HexBinary {
                    lexical::parse_hex(text)
                } else {
                    lexical::parse_base64(text)
                };
                bytes.map(|b| Value::new(ValueKind::Binary(b)))
            }
        }
    }

    fn parse_list(self, text: &str, ctx: &dyn NamespaceContext) -> Option<Value> {
        let item = self.item_type()?;
        let items: Vec<Value> = text
            .split(' ')
            .filter(|s| !s.is_empty())
            .map(|s| item.parse(s, ctx))
            .collect::<Option<_>>()?;
        (!items.is_empty()).then(|| Value::new(ValueKind::List(items)))
    }

    fn parse_string(self, text: &str, ctx: &dyn NamespaceContext) -> Option<Value> {
        let ok = match self {
            Builtin::Language => lexical::is_language(text),
            Builtin::Name => lexical::is_name(text),
            Builtin::NCName | Builtin::Id | Builtin::IdRef => lexical::is_ncname(text),
            Builtin::NmToken => lexical::is_nmtoken(text),
            Builtin::Entity => lexical::is_ncname(text) && ctx.is_unparsed_entity(text),
            Builtin::AnyUri => lexical::is_any_uri(text),
            _ => true,
        };
        ok.then(|| Value::new(ValueKind::Str(text.to_owned())))
    }

    fn parse_decimal(self, text: &str) -> Option<Value> {
        let Some((min, max)) = self.integer_bounds() else {
            return Decimal::parse(text).map(|d| Value::new(ValueKind::Decimal(d)));
        };
        let d = Decimal::parse_integer(text)?;
        let below = min.is_some_and(|min| d < Decimal::from_i128(min));
        let above = max.is_some_and(|max| d > Decimal::from_i128(max));
        (!below && !above).then(|| Value::new(ValueKind::Decimal(d)))
    }

    fn parse_float(self, text: &str) -> Option<Value> {
        if !lexical::is_float_lexical(text) {
            return None;
        }
        let f = match text {
            "INF" => f64::INFINITY,
            "-INF" => f64::NEG_INFINITY,
            "NaN" => f64::NAN,
            _ if self == Builtin::Float => f64::from(text.parse::<f32>().ok()?),
            _ => text.parse::<f64>().ok()?,
        };
        Some(Value::float(f))
    }
}

/// Whether `text` (without tabs or line breaks) has no leading, trailing
/// or doubled spaces.
fn is_collapsed(text: &str) -> bool {
    !text.starts_with(' ') && !text.ends_with(' ') && !text.contains("  ")
}

/// A `QName` value: the prefix resolved in `ctx` (unprefixed names take
/// the default namespace, or none).
fn parse_qname(text: &str, ctx: &dyn NamespaceContext) -> Option<Value> {
    let (prefix, local) = lexical::split_qname(text)?;
    let ns = if prefix.is_empty() {
        ctx.namespace_for("").unwrap_or("")
    } else {
        ctx.namespace_for(prefix)?
    };
    Some(Value::new(ValueKind::QName(
        ns.to_owned(),
        local.to_owned(),
    )))
}
