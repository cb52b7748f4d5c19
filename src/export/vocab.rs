//! The TEI elements the exporters treat alike: which ones are blocks
//! (paragraph-level, starting a new paragraph of reading text) and which
//! readings of a `choice` each reading mode leaves out.
//!
//! Both the Rust exporters and the XSLT twins in `xsl/` follow these lists;
//! a change here must be made there too (the twin tests catch a mismatch).

/// TEI elements that are blocks: in plain text each starts and ends a
/// paragraph; in HTML they become `div`-like boxes. Sorted, for binary search.
pub const BLOCKS: &[&str] = &[
    "ab",
    "addrLine",
    "address",
    "argument",
    "back",
    "body",
    "byline",
    "castGroup",
    "castItem",
    "castList",
    "cell",
    "closer",
    "dateline",
    "div",
    "div1",
    "div2",
    "div3",
    "div4",
    "div5",
    "div6",
    "div7",
    "docAuthor",
    "docDate",
    "docImprint",
    "docTitle",
    "epigraph",
    "figure",
    "floatingText",
    "front",
    "group",
    "head",
    "item",
    "l",
    "lg",
    "list",
    "listBibl",
    "opener",
    "p",
    "postscript",
    "row",
    "salute",
    "set",
    "signed",
    "sp",
    "speaker",
    "stage",
    "table",
    "text",
    "titlePage",
    "titlePart",
    "trailer",
    "u",
];

/// Whether the TEI element `name` is a block.
#[must_use]
pub fn is_block(name: &str) -> bool {
    BLOCKS.binary_search(&name).is_ok()
}

/// Milestones that stand for a line, page or column break: a space in the
/// reading text unless `@break="no"` says the word runs on.
pub const BREAKS: &[&str] = &["cb", "lb", "pb"];

/// Which reading of a `choice` the exporters give.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Reading {
    /// The regularised, expanded and corrected reading (`reg`, `expan`,
    /// `corr`): the default.
    #[default]
    Reg,
    /// The reading of the source (`orig`, `abbr`, `sic`).
    Orig,
}

impl Reading {
    /// The children of a `choice` this reading leaves out.
    #[must_use]
    pub fn dropped(self) -> &'static [&'static str] {
        match self {
            Reading::Reg => &["abbr", "orig", "sic"],
            Reading::Orig => &["corr", "expan", "reg"],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_sorted_for_binary_search() {
        assert!(BLOCKS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_block("p") && is_block("div3") && !is_block("hi"));
    }
}
