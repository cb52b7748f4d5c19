//! Recognisers: each finds one kind of thing in the text of a letter and
//! reports it as a [`Mention`] with its byte span, never changing the text.

pub mod date;

/// A thing found in the text: its byte span and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// The TEI element that marks it (`date`, `persName`, ...).
    pub element: &'static str,
    /// The attributes to put on that element, in output order.
    pub attrs: Vec<(&'static str, String)>,
}
