//! Recognisers: each finds one kind of thing in the text of a letter and
//! reports it as a [`Mention`] with its byte span, never changing the text.
//!
//! [`recognize`] runs them all and keeps a set of mentions without overlaps.
//! Candidates are ranked by how sure their evidence is, and a candidate is
//! kept only if it overlaps no better-ranked (or, at the same rank, longer)
//! one:
//!
//! 1. names from the edition's register (linked with `@ref`),
//! 2. dates ([`date`]),
//! 3. organisations ([`org`]),
//! 4. titled and full person names ([`person::strong`]),
//! 5. gazetteer places and geographical features ([`place::strong`]),
//! 6. lone given names and possessives ([`person::weak`]),
//! 7. capitalised words after a preposition of place ([`place::weak`]),
//! 8. the rest of the letter's mentions of a name found above: a surname or
//!    given name of a person, a place's name ("one sense per letter").
//!
//! Person, place and organisation names the register knows are linked to
//! its entry with `@ref` whichever recogniser found them.

pub mod date;
mod gazetteer;
pub mod org;
pub mod person;
pub mod place;
mod surnames;
pub mod words;

use super::{EntityKind, Register};

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

impl Mention {
    fn overlaps(&self, other: &Self) -> bool {
        self.start < other.end && other.start < self.end
    }

    fn kind(&self) -> Option<EntityKind> {
        EntityKind::from_name_element(self.element)
    }
}

/// What the recognisers may use besides the text.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'r> {
    /// The edition's register: its names are found first and linked.
    pub register: Option<&'r Register>,
    /// The letter's own date (year, month, day), to resolve relative dates
    /// ("yesterday", "the 3d inst.") and dates without a year.
    pub anchor: Option<(i32, u32, Option<u32>)>,
    /// The edition's period (first and last year), for two-digit years that
    /// nothing in the letter dates.
    pub period: Option<(i32, i32)>,
    /// Names already found by the letter's structure (the dateline's place,
    /// the signer): their other mentions in the letter are marked too.
    pub seeds: &'r [Mention],
}

/// Collapses white-space runs to one space.
pub(crate) fn collapse_ws(s: &str) -> String {
    super::collapse(s)
}

/// Finds persons, places, organisations and dates in `text`, in order,
/// without overlaps.
#[must_use]
pub fn recognize(text: &str, ctx: &Context<'_>) -> Vec<Mention> {
    let ws = words::words(text);
    let mut ranked: Vec<(u8, Mention)> = Vec::new();
    if let Some(register) = ctx.register {
        ranked.extend(register.find(text).into_iter().map(|m| {
            let mention = Mention {
                start: m.start,
                end: words::with_possessive(text, m.end),
                element: m.kind.name_element(),
                attrs: vec![("ref", format!("#{}", register.entries[m.entry].id))],
            };
            (0, mention)
        }));
    }
    let dates = date::find_dates_in_period(text, ctx.anchor, ctx.period);
    ranked.extend(dates.into_iter().map(|d| (1, d)));
    ranked.extend(org::find(text, &ws).into_iter().map(|m| (2, m)));
    ranked.extend(person::strong(text, &ws).into_iter().map(|m| (3, m)));
    ranked.extend(place::strong(text, &ws).into_iter().map(|m| (4, m)));
    ranked.extend(person::weak(text, &ws).into_iter().map(|m| (5, m)));
    ranked.extend(place::weak(text, &ws).into_iter().map(|m| (6, m)));
    let mut kept = resolve(ranked);
    let known: Vec<Mention> = kept.iter().chain(ctx.seeds).cloned().collect();
    let mut echoes = echoes(text, &ws, &known);
    echoes.extend(coordinated(text, &ws, &kept));
    kept = resolve(
        kept.into_iter()
            .map(|m| (0, m))
            .chain(echoes.into_iter().map(|m| (7, m)))
            .collect(),
    );
    if let Some(register) = ctx.register {
        link(text, register, &mut kept);
    }
    kept
}

/// Keeps the best-ranked, then longest, candidates that overlap nothing kept.
fn resolve(mut ranked: Vec<(u8, Mention)>) -> Vec<Mention> {
    ranked.sort_by_key(|(rank, m)| (*rank, std::cmp::Reverse(m.end - m.start), m.start));
    let mut kept: Vec<Mention> = Vec::with_capacity(ranked.len());
    for (_, m) in ranked {
        if m.start < m.end && !kept.iter().any(|k| k.overlaps(&m)) {
            kept.push(m);
        }
    }
    kept.sort_by_key(|m| m.start);
    kept
}

/// Other mentions of names already found: each capitalised name word of a
/// person (not a title or initial) and each place's full name, wherever they
/// stand alone in the letter.
fn echoes(text: &str, ws: &[words::Word<'_>], kept: &[Mention]) -> Vec<Mention> {
    let mut known: Vec<(&str, &'static str)> = Vec::new();
    for m in kept {
        match m.element {
            "persName" => {
                for w in ws.iter().filter(|w| w.start >= m.start && w.end <= m.end) {
                    if w.is_capitalised()
                        && !w.is_initial()
                        && !words::is_title(w.text)
                        && !words::is_function_word(w.text)
                        && w.text.len() > 2
                    {
                        known.push((w.text, "persName"));
                    }
                }
            }
            "placeName" => {
                for name in text[m.start..m.end].split(", ") {
                    if !name.contains(char::is_whitespace) && !name.is_empty() {
                        known.push((name, "placeName"));
                    }
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (i, w) in ws.iter().enumerate() {
        if let Some((_, element)) = known.iter().find(|(name, _)| *name == w.text) {
            out.push(Mention {
                start: echo_start(text, ws, i, element),
                end: words::with_possessive(text, w.end),
                element,
                attrs: Vec::new(),
            });
        }
    }
    out
}

/// Capitalised words joined by `&`, `and` or a comma to a person found
/// ("Murray, Cadell & Davies"), that are not function words, titles or
/// places; a chain is followed to its end.
fn coordinated(text: &str, ws: &[words::Word<'_>], kept: &[Mention]) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut ends: Vec<usize> = kept
        .iter()
        .filter(|m| m.element == "persName")
        .map(|m| m.end)
        .collect();
    for m in kept.iter().filter(|m| m.element == "persName") {
        if let Some(w) = previous_coordinated(text, ws, m.start) {
            out.push(Mention {
                start: w.start,
                end: w.end,
                element: "persName",
                attrs: Vec::new(),
            });
        }
    }
    while let Some(end) = ends.pop() {
        let Some(w) = next_coordinated(text, ws, end) else {
            continue;
        };
        let mention = Mention {
            start: w.start,
            end: words::with_possessive(text, w.end),
            element: "persName",
            attrs: Vec::new(),
        };
        if !out.contains(&mention) && out.len() < 64 {
            ends.push(mention.end);
            out.push(mention);
        }
    }
    out
}

/// The name word joined by `&` or `and` to a name starting at `start`
/// ("Cook & Mrs M.").
fn previous_coordinated<'t>(
    text: &str,
    ws: &'t [words::Word<'t>],
    start: usize,
) -> Option<&'t words::Word<'t>> {
    let i = ws.iter().rposition(|w| w.end <= start)?;
    let (w, gap) = if ws[i].text == "and" {
        let k = i.checked_sub(1)?;
        (&ws[k], text[ws[k].end..start].trim())
    } else {
        (&ws[i], text[ws[i].end..start].trim())
    };
    let joined = matches!(gap, "&" | "and");
    let name = w.is_capitalised()
        && !w.is_initial()
        && !words::is_function_word(w.text)
        && !words::is_title(w.text)
        && gazetteer::lookup(w.text).is_none();
    (joined && name).then_some(w)
}

/// The name word joined to a name ending at `end` by `&`, `and` or a comma.
fn next_coordinated<'t>(
    text: &str,
    ws: &'t [words::Word<'t>],
    end: usize,
) -> Option<&'t words::Word<'t>> {
    let i = ws.iter().position(|w| w.start >= end)?;
    let gap = text[end..ws[i].start].trim_matches(|c: char| c.is_whitespace() || c == '(');
    let next_is_name = |k: usize| {
        ws.get(k + 1)
            .is_some_and(|n| n.is_capitalised() && text[ws[k].end..n.start] == *" ")
    };
    let w = match gap {
        "&" => &ws[i],
        "," if !next_is_name(i) => &ws[i],
        "" if ws[i].text == "and" => ws.get(i + 1)?,
        _ => return None,
    };
    let name = w.is_capitalised()
        && !w.is_initial()
        && !words::is_function_word(w.text)
        && !words::is_title(w.text)
        && gazetteer::lookup(w.text).is_none();
    name.then_some(w)
}

/// A surname echoed with a new given name before it ("Sneyd Edgeworth")
/// starts at that name.
fn echo_start(text: &str, ws: &[words::Word<'_>], i: usize, element: &str) -> usize {
    let w = &ws[i];
    let Some(prev) = i.checked_sub(1).map(|k| &ws[k]) else {
        return w.start;
    };
    let joined = &text[prev.end..w.start] == " ";
    let name = prev.is_capitalised()
        && !prev.sentence_start
        && !words::is_function_word(prev.text)
        && !words::is_title(prev.text)
        && gazetteer::lookup(prev.text).is_none();
    if element == "persName" && joined && name {
        prev.start
    } else {
        w.start
    }
}

/// Adds `@ref` to names the register knows.
fn link(text: &str, register: &Register, kept: &mut [Mention]) {
    for m in kept.iter_mut().filter(|m| m.attrs.is_empty()) {
        let Some(kind) = m.kind() else { continue };
        let name = &text[m.start..m.end];
        let bare = name
            .strip_suffix("'s")
            .or_else(|| name.strip_suffix("’s"))
            .unwrap_or(name);
        if let Some(e) = register
            .lookup(kind, name)
            .or_else(|| register.lookup(kind, bare))
        {
            m.attrs.push(("ref", format!("#{}", e.id)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(text: &str) -> Vec<(&str, &'static str)> {
        recognize(text, &Context::default())
            .iter()
            .map(|m| (&text[m.start..m.end], m.element))
            .collect()
    }

    #[test]
    fn ranks_resolve_overlaps_and_names_echo() {
        assert_eq!(
            marks("Mr. Burns went to the London Missionary Society. Burns wrote on 3 May 1850 from Paris."),
            [
                ("Mr. Burns", "persName"),
                ("London Missionary Society", "orgName"),
                ("Burns", "persName"),
                ("3 May 1850", "date"),
                ("Paris", "placeName"),
            ]
        );
    }

    #[test]
    fn coordinated_names_and_cued_persons() {
        assert_eq!(
            marks("We saw Sir Walter Scott & Crabbe, and I told Scudamore so."),
            [
                ("Sir Walter Scott", "persName"),
                ("Crabbe", "persName"),
                ("Scudamore", "persName"),
            ]
        );
    }

    #[test]
    fn a_name_before_and_a_person_is_a_person() {
        assert_eq!(
            marks("Kind regards to Cook & Mrs M. and the rest"),
            [("Cook", "persName"), ("Mrs M.", "persName")]
        );
    }

    #[test]
    fn a_title_after_a_comma_is_not_coordinated() {
        assert_eq!(
            marks("Yours, John Smith, Chief Clerk"),
            [("John Smith", "persName")]
        );
    }

    #[test]
    fn nothing_in_plain_prose() {
        assert!(marks("the weather was fine and we walked along the river.").is_empty());
    }
}
