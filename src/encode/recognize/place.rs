//! Places: names from the bundled gazetteer, geographical features
//! ("Kongone Harbour", "River Zambesi", "Cape Town"), and capitalised words
//! after a preposition of place ("at Shupanga").
//!
//! How it decides:
//! - **Gazetteer** ([`strong`]): the longest run of up to four capitalised
//!   words (with `of`, `upon`, `de`, … inside) that the gazetteer knows.
//!   Continents, countries, regions, features and cities are taken as they
//!   come; a town (under 100,000 inhabitants today) only after a preposition
//!   of place or `of`, `for`, `past`, `through`, `by`, `round`, since many
//!   town names are also surnames. A one-word match
//!   followed by another capitalised word ("Washington Irvine") is part of a
//!   longer name, not a place.
//! - **Features**: a capitalised name with a geographical head word after it
//!   (`River`, `Bay`, `Harbour`, `Lake`, `Island`, `Road`, `Street`,
//!   `House`, `Court`, `Town`, …) or before it (`River`, `Lake`, `Cape`,
//!   `Mount`, `Port`, `Fort`).
//! - **Context** ([`weak`], overruled by persons and organisations): one or
//!   two capitalised words, not function words, titles or given names,
//!   directly after `at`, `in`, `near`, `via`, `towards` or `into`. Not after
//!   `to` or `from`, which as often name a person ("wrote to Procter", "a
//!   letter from Vianna"); those two count only for names the gazetteer knows.
//! - A gazetteer city that is also a given name ("Sophia", "Florence") is
//!   left to the person recogniser.

use super::gazetteer::{self, PlaceKind};
use super::words::{is_function_word, is_title, Word};
use super::Mention;

/// Words after a name that make it a place ("Kongone Harbour", "Bashukulompo river").
const HEADS_AFTER: &[&str] = &[
    "River",
    "river",
    "Bay",
    "bay",
    "Harbour",
    "harbour",
    "Harbor",
    "Lake",
    "Island",
    "Islands",
    "Isle",
    "Mountains",
    "Mountain",
    "Hills",
    "Falls",
    "Valley",
    "Road",
    "Street",
    "Square",
    "Court",
    "House",
    "Hall",
    "Castle",
    "Abbey",
    "Park",
    "Town",
    "town",
    "Point",
    "Sound",
    "Strait",
    "Straits",
    "Coast",
    "Gulf",
    "Sea",
    "Ocean",
    "Channel",
    "Gardens",
    "Terrace",
    "Lane",
    "Row",
    "Crescent",
    "Place",
    "Cottage",
    "Lodge",
    "Manor",
    "Priory",
    "Rectory",
];

/// Words before a name that make it a place ("River Zambesi", "Cape Town").
const HEADS_BEFORE: &[&str] = &[
    "River", "Lake", "Cape", "Mount", "Port", "Fort", "Isle", "Loch",
];

/// Prepositions of place.
const PREPOSITIONS: &[&str] = &["at", "in", "near", "from", "via", "towards", "to", "into"];

/// Words that make a known town name a place, besides the prepositions of
/// place ("the Governor of Tette", "for Notts", "past Quillimane").
const TOWN_CONTEXT: &[&str] = &["of", "for", "past", "through", "by", "round"];

/// Lower-case words allowed inside a multi-word place name.
const CONNECTORS: &[&str] = &[
    "of", "upon", "on", "de", "la", "le", "the", "en", "sur", "am",
];

fn place_word(w: &Word<'_>) -> bool {
    w.is_capitalised() && !is_function_word(w.text) && !is_title(w.text)
}

/// Whether only a space or hyphen (or a line break) joins two words of a place name.
fn tight(text: &str, a: &Word<'_>, b: &Word<'_>) -> bool {
    let gap = &text[a.end..b.start];
    matches!(gap, " " | "-" | "\n" | ". ")
        || gap.trim().is_empty() && gap.len() <= 3 && !gap.contains("\n\n")
}

fn mention(start: usize, end: usize) -> Mention {
    Mention {
        start,
        end,
        element: "placeName",
        attrs: Vec::new(),
    }
}

fn after_preposition(text: &str, ws: &[Word<'_>], i: usize) -> bool {
    i > 0 && PREPOSITIONS.contains(&ws[i - 1].text) && tight(text, &ws[i - 1], &ws[i])
}

/// The longest gazetteer name starting at word `i`: (end word index, place).
fn gazetteer_at(text: &str, ws: &[Word<'_>], i: usize) -> Option<(usize, gazetteer::Place)> {
    if !ws[i].is_capitalised() {
        return None;
    }
    let mut best = None;
    for j in i..ws.len().min(i + 5) {
        if j > i && !tight(text, &ws[j - 1], &ws[j]) {
            break;
        }
        if !ws[j].is_capitalised() && !CONNECTORS.contains(&ws[j].text) {
            break;
        }
        if ws[j].is_capitalised() {
            let name = super::collapse_ws(&text[ws[i].start..ws[j].end]);
            if let Some(p) = gazetteer::lookup(&name) {
                best = Some((j + 1, p));
            }
        }
    }
    best
}

/// Gazetteer names and features.
#[must_use]
pub fn strong(text: &str, ws: &[Word<'_>]) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        if let Some(end) = feature_at(text, ws, i) {
            out.push(mention(ws[i].start, ws[end - 1].end));
            i = end;
            continue;
        }
        if let Some((end, place)) = gazetteer_at(text, ws, i) {
            let single_then_name = end == i + 1
                && place.kind >= PlaceKind::Region
                && ws.get(end).is_some_and(|n| {
                    place_word(n)
                        && tight(text, &ws[i], n)
                        && gazetteer::lookup(n.text).is_none_or(|p| p.kind >= PlaceKind::Feature)
                });
            let town_ok = place.kind < PlaceKind::Town
                || after_preposition(text, ws, i)
                || i > 0 && TOWN_CONTEXT.contains(&ws[i - 1].text);
            let titled = i > 0 && is_title(ws[i - 1].text) && ws[i - 1].is_capitalised();
            if single_then_name {
                i = skip_name(text, ws, i);
                continue;
            }
            let given = place.kind >= PlaceKind::City && super::person::is_given_name(ws[i].text);
            if town_ok && !titled && !given && !is_function_word(ws[i].text) {
                out.push(mention(ws[i].start, ws[end - 1].end));
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The index past a run of capitalised words starting at `i` (a longer name).
fn skip_name(text: &str, ws: &[Word<'_>], i: usize) -> usize {
    let mut j = i + 1;
    while j < ws.len() && place_word(&ws[j]) && tight(text, &ws[j - 1], &ws[j]) {
        j += 1;
    }
    j
}

/// A feature name starting at word `i`: the index past it.
fn feature_at(text: &str, ws: &[Word<'_>], i: usize) -> Option<usize> {
    let w = &ws[i];
    let next = ws.get(i + 1)?;
    if HEADS_BEFORE.contains(&w.text) && place_word(next) && tight(text, w, next) {
        return Some(i + 2);
    }
    if !place_word(w) {
        return None;
    }
    if super::words::with_possessive(text, w.end) > w.end {
        let head = ws.get(i + 2)?;
        let ok = HEADS_AFTER.contains(&head.text) && tight(text, &ws[i + 1], head);
        return ok.then_some(i + 3);
    }
    let mut j = i + 1;
    if place_word(&ws[j]) && tight(text, &ws[j - 1], &ws[j]) && !HEADS_AFTER.contains(&ws[j].text) {
        j += 1;
    }
    let head = ws.get(j)?;
    (HEADS_AFTER.contains(&head.text) && tight(text, &ws[j - 1], head)).then_some(j + 1)
}

/// Capitalised words after a preposition of place.
#[must_use]
pub fn weak(text: &str, ws: &[Word<'_>]) -> Vec<Mention> {
    let mut out = Vec::new();
    for i in 1..ws.len() {
        if !after_preposition(text, ws, i)
            || matches!(ws[i - 1].text, "to" | "from")
            || !place_word(&ws[i])
            || ws[i].is_initial()
            || super::person::is_given_name(ws[i].text)
        {
            continue;
        }
        let two = ws
            .get(i + 1)
            .is_some_and(|n| place_word(n) && tight(text, &ws[i], n));
        let end = if two { i + 2 } else { i + 1 };
        out.push(mention(ws[i].start, ws[end - 1].end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::words::words;
    use super::*;

    fn found(text: &str, f: fn(&str, &[Word<'_>]) -> Vec<Mention>) -> Vec<&str> {
        let ws = words(text);
        f(text, &ws).iter().map(|m| &text[m.start..m.end]).collect()
    }

    #[test]
    fn gazetteer_features_and_context() {
        assert_eq!(
            found(
                "We left England for the Cape of Good Hope and Bombay.",
                strong
            ),
            ["England", "Cape of Good Hope", "Bombay"]
        );
        assert_eq!(
            found("up the Kongone Harbour to River Zambesi", strong),
            ["Kongone Harbour", "River Zambesi"]
        );
        assert!(found("Washington Irvine wrote", strong).is_empty());
        assert_eq!(
            found("we reached Shupanga at last", weak),
            Vec::<&str>::new()
        );
        assert_eq!(found("we stayed at Shupanga", weak), ["Shupanga"]);
        assert!(found("I wrote to Procter", weak).is_empty());
    }
}
