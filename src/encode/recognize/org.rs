//! Organisations: runs of capitalised words holding a head noun such as
//! `Society`, `Company`, `Church`, `University`, `Committee`, `Government`,
//! `Board`, `Bank`, `Railway` or `Party` ("Royal Geographical Society",
//! "Bank of England", "Society for the Propagation of the Gospel").
//!
//! How it decides: a run starts at a capitalised word that is not a function
//! word or title, continues over capitalised words and over `of`, `for`,
//! `the`, `and`, `&` when a capitalised word follows, and must hold a head
//! noun and at least one other capitalised word ("the Society" alone is not
//! marked: it could be any society). Organisations win over the places and
//! persons inside them ("London Missionary Society").

use super::words::{is_title, Word};
use super::Mention;

/// Nouns that make a run of capitalised words an organisation.
const HEADS: &[&str] = &[
    "Society",
    "Company",
    "Church",
    "College",
    "University",
    "Committee",
    "Government",
    "Board",
    "Bank",
    "Railway",
    "Party",
    "Association",
    "Institution",
    "Institute",
    "Club",
    "Parliament",
    "Admiralty",
    "Academy",
    "Museum",
    "Council",
    "Ministry",
    "Office",
    "Corporation",
    "Union",
    "League",
    "Mission",
    "Expedition",
    "Army",
    "Navy",
    "Regiment",
    "Department",
    "Commission",
    "Assembly",
    "Congress",
    "Senate",
    "School",
    "Seminary",
    "Hospital",
    "Library",
    "Trust",
    "Guild",
    "Chamber",
    "Brotherhood",
    "Federation",
    "Conference",
    "Synod",
    "Presbytery",
];

/// Lower-case words allowed inside an organisation's name.
const CONNECTORS: &[&str] = &["of", "for", "the", "and", "&", "in", "de"];

/// Capitalised words that cannot start an organisation's name.
const NOT_FIRST: &[&str] = &[
    "The", "A", "An", "This", "That", "Our", "My", "Your", "His", "Her", "Their", "I", "We", "In",
    "At", "To", "Dear",
];

fn joined(text: &str, a: &Word<'_>, b: &Word<'_>) -> bool {
    let gap = &text[a.end..b.start];
    if gap.contains('.') && !a.is_initial() {
        return false;
    }
    gap.len() <= 3
        && !gap.contains("\n\n")
        && gap
            .chars()
            .all(|c| c.is_whitespace() || c == '\'' || c == '’' || c == '.')
        && !gap.is_empty()
}

/// Organisations in the text.
#[must_use]
pub fn find(text: &str, ws: &[Word<'_>]) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        match run_at(text, ws, i) {
            Some(end) => {
                out.push(Mention {
                    start: ws[i].start,
                    end: ws[end - 1].end,
                    element: "orgName",
                    attrs: Vec::new(),
                });
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// A run of capitalised words with a head noun starting at `i`: the index past it.
fn run_at(text: &str, ws: &[Word<'_>], i: usize) -> Option<usize> {
    let first = &ws[i];
    if !first.is_capitalised()
        || NOT_FIRST.contains(&first.text)
        || is_title(first.text) && !HEADS.contains(&first.text)
    {
        return None;
    }
    let mut end = i + 1;
    let mut j = i + 1;
    while j < ws.len() && j < i + 8 && joined(text, &ws[j - 1], &ws[j]) {
        if ws[j].is_capitalised() {
            end = j + 1;
        } else if !CONNECTORS.contains(&ws[j].text) {
            break;
        }
        j += 1;
    }
    let head = (i..end).rev().find(|&k| HEADS.contains(&ws[k].text))?;
    let end = if ws
        .get(head + 1)
        .is_some_and(|w| CONNECTORS.contains(&w.text))
        && head + 1 < end
    {
        end
    } else {
        head + 1
    };
    (ws[i..end].iter().filter(|w| w.is_capitalised()).count() >= 2).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::super::words::words;
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let ws = words(text);
        find(text, &ws)
            .iter()
            .map(|m| &text[m.start..m.end])
            .collect()
    }

    #[test]
    fn heads_make_organisations() {
        assert_eq!(
            found("a meeting of the Royal Geographical Society on Monday"),
            ["Royal Geographical Society"]
        );
        assert_eq!(found("paid by the Bank of England."), ["Bank of England"]);
        assert_eq!(
            found("the Workers' Party of Korea"),
            ["Workers' Party of Korea"]
        );
        assert!(found("the Society met").is_empty());
        assert!(found("The Society met").is_empty());
    }
}
