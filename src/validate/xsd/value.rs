//! Value spaces: what a lexical form means, so that `<value>` patterns
//! compare values (`+010` equals `10` as an integer) rather than strings,
//! and the order the range facets use.

use super::datetime::{Duration, Instant};
use super::decimal::Decimal;
use std::cmp::Ordering;

/// A value in a datatype's value space, for `<value>` comparison.
///
/// Values are compared within one datatype: equal values of a type are
/// `==`, and [`PartialOrd`] gives the type's (possibly partial) order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Value {
    kind: ValueKind,
}

/// The value spaces of the built-in primitives.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum ValueKind {
    /// A string after white-space handling (string and its derived types, `anyURI`).
    Str(String),
    /// A list of items (`NMTOKENS`, `IDREFS`, `ENTITIES`).
    List(Vec<Value>),
    /// `boolean`.
    Bool(bool),
    /// `decimal` and the integer types.
    Decimal(Decimal),
    /// `float` and `double`, as the bits of an `f64` (-0 is 0; one NaN,
    /// equal to itself as XML Schema 1.0 has it).
    Float(u64),
    /// `duration`.
    Duration(Duration),
    /// The date and time types.
    Instant(Instant),
    /// `QName` and `NOTATION`: namespace URI and local name.
    QName(String, String),
    /// `hexBinary` and `base64Binary`.
    Binary(Vec<u8>),
}

impl Value {
    /// Wraps a value of one of the primitive value spaces.
    pub(crate) fn new(kind: ValueKind) -> Value {
        Value { kind }
    }

    /// A `float` or `double` value.
    pub(crate) fn float(f: f64) -> Value {
        let canonical = if f.is_nan() {
            f64::NAN
        } else if f == 0.0 {
            0.0
        } else {
            f
        };
        Value::new(ValueKind::Float(canonical.to_bits()))
    }

    /// The value's kind, for facets.
    pub(crate) fn kind(&self) -> &ValueKind {
        &self.kind
    }

    /// The value's length for the length facets: characters of a string,
    /// octets of binary data, items of a list; None where length does not apply.
    pub(crate) fn length(&self) -> Option<usize> {
        match &self.kind {
            ValueKind::Str(s) => Some(s.chars().count()),
            ValueKind::List(items) => Some(items.len()),
            ValueKind::Binary(bytes) => Some(bytes.len()),
            _ => None,
        }
    }
}

impl PartialOrd for Value {
    /// The order of the type's value space: total for numbers, partial for
    /// durations and for dates with and without timezones, none for the
    /// unordered types (strings, booleans, names, binary data, lists).
    fn partial_cmp(&self, other: &Value) -> Option<Ordering> {
        if self == other {
            return Some(Ordering::Equal);
        }
        match (&self.kind, &other.kind) {
            (ValueKind::Decimal(a), ValueKind::Decimal(b)) => Some(a.cmp(b)),
            (ValueKind::Float(a), ValueKind::Float(b)) => {
                f64::from_bits(*a).partial_cmp(&f64::from_bits(*b))
            }
            (ValueKind::Duration(a), ValueKind::Duration(b)) => a.partial_cmp(b),
            (ValueKind::Instant(a), ValueKind::Instant(b)) => a.partial_cmp(b),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_equal_as_xml_schema_1_0_has_it() {
        assert_eq!(Value::float(0.0), Value::float(-0.0));
        assert_eq!(Value::float(f64::NAN), Value::float(-f64::NAN));
        assert_eq!(Value::float(f64::NAN).partial_cmp(&Value::float(1.0)), None);
        assert!(Value::float(f64::NEG_INFINITY) < Value::float(-1000.0));
    }

    #[test]
    fn unordered_kinds_do_not_compare() {
        let a = Value::new(ValueKind::Str("a".into()));
        let b = Value::new(ValueKind::Str("b".into()));
        assert_eq!(a.partial_cmp(&b), None);
        assert_eq!(a.partial_cmp(&a.clone()), Some(Ordering::Equal));
    }
}
