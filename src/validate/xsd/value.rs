//! Value spaces: what a lexical form means, so that `<value>` patterns
//! compare values (`+010` equals `10` as an integer) rather than strings.

/// A value in a datatype's value space, for `<value>` comparison.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Value {
    kind: ValueKind,
}

/// The value spaces of the built-in primitives.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum ValueKind {
    /// A string after white-space handling (string and its derived types).
    Str(String),
    /// A list of items (`NMTOKENS`, `IDREFS`, `ENTITIES`).
    List(Vec<Value>),
}

impl Value {
    /// Wraps a value of one of the primitive value spaces.
    pub(crate) fn new(kind: ValueKind) -> Value {
        Value { kind }
    }

    /// The value's length for the length facets: characters of a string,
    /// octets of binary data, items of a list; None where length does not apply.
    pub(crate) fn length(&self) -> Option<usize> {
        match &self.kind {
            ValueKind::Str(s) => Some(s.chars().count()),
            ValueKind::List(items) => Some(items.len()),
        }
    }
}
