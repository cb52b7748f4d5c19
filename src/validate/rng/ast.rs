//! The tree of patterns that the XML syntax is read into (after steps 4.1
//! to 4.11 of simplification): patterns, name classes, grammar components,
//! and where in the schema each was written.

use super::datatype::NsMap;

/// A place in a schema: file index and byte offset in that file's text
/// (line and column are computed only when an error is reported).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Loc {
    pub file: u32,
    pub offset: u32,
}

/// A name class as written (names resolved to namespace URIs).
#[derive(Clone, Debug)]
pub(crate) enum Nc {
    Name(String, String),
    Any(Option<Box<Nc>>),
    NsName(String, Option<Box<Nc>>),
    Choice(Vec<Nc>),
}

/// A pattern as written, after steps 4.1 to 4.11.
#[derive(Clone, Debug)]
pub(crate) enum P {
    Element(Nc, Box<P>, Loc),
    Attribute(Nc, Box<P>, Loc),
    Group(Vec<P>, Loc),
    Interleave(Vec<P>, Loc),
    Choice(Vec<P>, Loc),
    Optional(Box<P>),
    ZeroOrMore(Box<P>),
    OneOrMore(Box<P>, Loc),
    List(Box<P>, Loc),
    Mixed(Box<P>),
    Ref(String, Loc),
    ParentRef(String, Loc),
    Empty,
    Text,
    NotAllowed,
    Data(Box<DataP>),
    Value(Box<ValueP>),
    Grammar(Box<GrammarP>),
}

/// A `data` pattern.
#[derive(Clone, Debug)]
pub(crate) struct DataP {
    pub lib: String,
    pub name: String,
    pub params: Vec<(String, String)>,
    pub except: Option<P>,
    pub loc: Loc,
}

/// A `value` pattern.
#[derive(Clone, Debug)]
pub(crate) struct ValueP {
    pub lib: String,
    pub name: String,
    pub text: String,
    pub ns: NsMap,
    pub loc: Loc,
}

/// How components of the same name combine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Combine {
    Choice,
    Interleave,
}

/// A grammar component, with includes already expanded into divs.
#[derive(Clone, Debug)]
pub(crate) enum Comp {
    Start(Option<Combine>, P, Loc),
    Define(String, Option<Combine>, P, Loc),
    Div(Vec<Comp>),
}

/// A `grammar` pattern.
#[derive(Clone, Debug)]
pub(crate) struct GrammarP {
    pub comps: Vec<Comp>,
    pub loc: Loc,
}
