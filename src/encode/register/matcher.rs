//! Finding a register's names in running text with one aho-corasick pass.
//!
//! Every name and variant of every entry is a pattern. The text's white-space
//! runs are read as single spaces (a name may be broken across lines), the
//! match is case-insensitive but must begin with a capital letter or a digit
//! as names do, and it must stand on word boundaries. Of overlapping matches
//! the leftmost, then the longest, wins.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::{EntityKind, Register};

/// A register name found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegisterMatch {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// What the entry is.
    pub kind: EntityKind,
    /// Index into [`Register::entries`].
    pub entry: usize,
}

/// The automaton over all names, built on first use.
#[derive(Default, Clone)]
pub(super) struct Matcher(OnceLock<Option<Automaton>>);

#[derive(Clone)]
struct Automaton {
    ac: AhoCorasick,
    /// Pattern index → entry index.
    entries: Vec<usize>,
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Matcher")
    }
}

/// The matcher is derived from the entries, so it never makes two registers differ.
impl PartialEq for Matcher {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Matcher {}

fn build(register: &Register) -> Option<Automaton> {
    let mut patterns = Vec::new();
    let mut entries = Vec::new();
    for (i, e) in register.entries.iter().enumerate() {
        for name in e.names.iter().filter(|n| usable(n)) {
            patterns.push(name.as_str());
            entries.push(i);
        }
    }
    let ac = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .ok()?;
    Some(Automaton { ac, entries })
}

/// Whether a register name is worth looking for in running text: it starts
/// with a capital letter or digit, has two characters or more, and is not a
/// lone function word or title ("I", "Sir", "Mr"), which would match
/// everywhere.
fn usable(name: &str) -> bool {
    use crate::encode::recognize::words::{is_function_word, is_title};
    let single = !name.contains(' ');
    name.chars().nth(1).is_some()
        && name.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && !(single && (is_function_word(name) || is_title(name)))
}

/// `text` with each white-space run made one space, and for each byte of
/// the result the offset of its byte in `text`.
fn squeeze(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    let mut in_space = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
                map.push(i);
            }
            in_space = true;
            continue;
        }
        in_space = false;
        out.push(c);
        map.extend((0..c.len_utf8()).map(|k| i + k));
    }
    map.push(text.len());
    (out, map)
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric())
}

impl Register {
    /// Every register name in `text`, in order, without overlaps.
    #[must_use]
    pub fn find(&self, text: &str) -> Vec<RegisterMatch> {
        let Some(auto) = self.matcher.0.get_or_init(|| build(self)) else {
            return Vec::new();
        };
        let (flat, map) = squeeze(text);
        let mut out = Vec::new();
        for m in auto.ac.find_iter(&flat) {
            let (s, e) = (m.start(), m.end());
            let first = flat[s..].chars().next();
            let bounded = !is_word_char(flat[..s].chars().next_back())
                && !is_word_char(flat[e..].chars().next());
            if !bounded || !first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) {
                continue;
            }
            let entry = auto.entries[m.pattern().as_usize()];
            out.push(RegisterMatch {
                start: map[s],
                end: map[e - 1] + 1,
                kind: self.entries[entry].kind,
                entry,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::Entry;
    use super::*;

    fn register() -> Register {
        let mut r = Register::default();
        r.insert(Entry {
            id: "kim".into(),
            kind: EntityKind::Person,
            names: vec!["Kim Jong Il".into(), "Kim".into()],
        });
        r.insert(Entry {
            id: "bath".into(),
            kind: EntityKind::Place,
            names: vec!["Bath".into()],
        });
        r
    }

    #[test]
    fn longest_name_on_word_boundaries_across_lines() {
        let text = "To Kim\n  Jong Il in Bath, not Bathurst; a bath; Kim.";
        let r = register();
        let found: Vec<(&str, &str)> = r
            .find(text)
            .iter()
            .map(|m| (&text[m.start..m.end], r.entries[m.entry].id.as_str()))
            .collect();
        assert_eq!(
            found,
            [("Kim\n  Jong Il", "kim"), ("Bath", "bath"), ("Kim", "kim")]
        );
    }

    #[test]
    fn empty_register_finds_nothing() {
        assert!(Register::default().find("Kim Jong Il").is_empty());
    }
}
