//! Persons: names after titles, initials before a surname, known given names,
//! the person greeted ("Dear Waller"), and possessives.
//!
//! How it decides, most certain first:
//! - **Titled names** ([`titled`]): a title or form of address (`Mr`,
//!   `Mrs.`, `Sir`, `Lord`, `Captain`, `Revd`, `Comrade`, `President`, …,
//!   several in a row as in "Honble Captain Murray") followed by one or more
//!   name words: capitalised words that are not function words, initials, and
//!   the particles `de`, `le`, `von`, `van`, … between them. A title with no
//!   name after it ("Dear Sir") is not a person.
//! - **Initials** ("J. S. Mill", "R.H. Beresford") and **given names**
//!   ("Maria Edgeworth", from a list of common given names) followed by a
//!   capitalised surname.
//! - **Greetings**: the capitalised words after `Dear`, unless they are a
//!   generic address ("Dear Sir", "Dear Friend").
//! - **Weak evidence** ([`weak`], overruled by places and organisations): a
//!   given name standing alone, a capitalised word inside a sentence
//!   followed by a possessive `'s` ("Chibisa's people"), and a capitalised
//!   word after a verb of telling ("I told Scudamore") or before `who` or a
//!   verb of saying ("Vianna says", "Burton who seems").
//! - **Surnames** (`lone_surname`, weak evidence too): a capitalised word
//!   in the bundled surname table (the 1990 US census surnames that are not
//!   English words, `data/gazetteer/surnames.txt`) and not a well-known
//!   place, as in "Murray, Cadell & Davies" or "Longman will print it".
//! - **Offices**: `the` and an office held by one person, with no name
//!   after it ("the Governor", "the Governor General", "the King").
//! - **Coordination** (in [`super::recognize`]): a capitalised word joined
//!   by `&`, `and` or a comma to a person found by the rules above
//!   ("Scott & Tom Moore & old Crabbe").
//!
//! A name's span takes in a possessive `'s` and the full stop after a final
//! initial ("Mrs L."), as editors mark them.
//!
//! Kin terms and bare forms of address ("my father", "my wife", "Sir",
//! "Madam") are not marked. Some editions mark them as persons, others do
//! not, and no edition does so consistently: of the English dev letters,
//! the Edgeworth edition tags six of its nine "my father"/"my wife"/"mother"
//! phrases and one of its twelve "Sir"s, Livingstone Online none of its
//! seven kin phrases, so marking them would add about as many false persons
//! as it finds.

use super::words::{is_function_word, is_title, name_gap, with_possessive, Word};
use super::Mention;

/// Common English (and a few other) given names and their short forms, as
/// found in 18th- and 19th-century letters. Names that are also common words
/// (`May`, `Will`, `Grace`, `Hope`) are left out.
const GIVEN: &[&str] = &[
    "Adam",
    "Agnes",
    "Albert",
    "Alexander",
    "Alfred",
    "Alice",
    "Amelia",
    "Andrew",
    "Ann",
    "Anna",
    "Anne",
    "Annie",
    "Anthony",
    "Arabella",
    "Archibald",
    "Arthur",
    "Barbara",
    "Benjamin",
    "Bessy",
    "Betsy",
    "Betty",
    "Caroline",
    "Catherine",
    "Cecilia",
    "Cecelia",
    "Charles",
    "Charlotte",
    "Christopher",
    "Clara",
    "Daniel",
    "David",
    "Dick",
    "Dora",
    "Dorothy",
    "Edgar",
    "Edmund",
    "Edward",
    "Edwin",
    "Eleanor",
    "Eliza",
    "Elizabeth",
    "Ellen",
    "Emily",
    "Emma",
    "Ernest",
    "Esther",
    "Fanny",
    "Francis",
    "Frances",
    "Frederick",
    "George",
    "Georgiana",
    "Gilbert",
    "Hannah",
    "Harriet",
    "Harry",
    "Helen",
    "Henrietta",
    "Henry",
    "Herbert",
    "Honora",
    "Hugh",
    "Isaac",
    "Isabella",
    "Jack",
    "Jacob",
    "James",
    "Jane",
    "Janet",
    "Jean",
    "Jemima",
    "Jenny",
    "Jessie",
    "John",
    "Johnny",
    "Jonathan",
    "Joseph",
    "Josiah",
    "Julia",
    "Kate",
    "Katherine",
    "Kitty",
    "Lewis",
    "Louisa",
    "Lucy",
    "Lydia",
    "Margaret",
    "Maria",
    "Marianne",
    "Martha",
    "Mary",
    "Matilda",
    "Matthew",
    "Michael",
    "Nancy",
    "Nathaniel",
    "Ned",
    "Nelly",
    "Oliver",
    "Patrick",
    "Peggy",
    "Peter",
    "Philip",
    "Polly",
    "Rachel",
    "Ralph",
    "Rebecca",
    "Richard",
    "Robert",
    "Roger",
    "Samuel",
    "Sarah",
    "Sally",
    "Sophia",
    "Sophy",
    "Stephen",
    "Susan",
    "Susanna",
    "Thomas",
    "Tom",
    "Ursula",
    "Walter",
    "William",
    "Willy",
    "Wm",
    "Thos",
    "Jas",
    "Chas",
    "Geo",
    "Robt",
    "Richd",
    "Edwd",
    "Saml",
    "Jno",
    "Benjn",
    "Mungo",
    "Duncan",
    "Angus",
    "Neil",
    "Donald",
    "Honoria",
];

/// Words of address that name nobody in particular ("Dear Sir").
const GENERIC: &[&str] = &[
    "Sir",
    "Sirs",
    "Madam",
    "Madame",
    "Gentlemen",
    "Ladies",
    "Friend",
    "Friends",
    "Brother",
    "Sister",
    "Mother",
    "Father",
    "Son",
    "Daughter",
    "Aunt",
    "Uncle",
    "Cousin",
    "Child",
    "Children",
    "Colleague",
    "Colleagues",
    "Wife",
    "Husband",
    "Lord",
    "Lady",
    "Doctor",
    "Madm",
    "Editor",
    "Brethren",
    "Comrade",
    "Comrades",
    "Love",
    "Girl",
    "Boy",
    "Papa",
    "Mama",
    "Mamma",
];

static GIVEN_SET: super::words::WordSet = super::words::WordSet::new(GIVEN);

const PARTICLES: &[&str] = &[
    "de", "du", "le", "la", "von", "van", "der", "den", "di", "da", "del", "des", "St",
];

/// Whether a word can be part of a name after a title or given name.
fn name_word(w: &Word<'_>) -> bool {
    w.is_capitalised() && (!is_function_word(w.text) || w.text == "May") && !is_title(w.text)
}

/// Whether a name word is better read as a well-known place (a country,
/// region or city), which ends a name that already has a word.
fn place_word(w: &Word<'_>) -> bool {
    super::gazetteer::lookup(w.text).is_some_and(|p| p.kind < super::gazetteer::PlaceKind::Town)
}

/// Extends a name from word `i`: name words, initials and inner particles.
/// Returns the index just past the last name word, or `i` if there is none.
fn name_run(text: &str, ws: &[Word<'_>], i: usize, first_gap_ok: bool) -> usize {
    let mut j = i;
    while j < ws.len() && j < i + 4 {
        let w = &ws[j];
        let joined = j == i && first_gap_ok || j > i && name_gap(text, &ws[j - 1], w);
        if !joined {
            break;
        }
        if j > i && place_word(w) {
            break;
        }
        if name_word(w) || w.is_initial() && w.text != "I" {
            j += 1;
        } else if PARTICLES.contains(&w.text)
            && ws
                .get(j + 1)
                .is_some_and(|n| name_word(n) && name_gap(text, w, n))
        {
            j += 2;
        } else {
            break;
        }
    }
    j
}

/// The end of a person mention ending with word `last`: a full stop after a
/// final initial, then a possessive.
fn mention_end(text: &str, last: &Word<'_>) -> usize {
    if last.is_initial() && text[last.end..].starts_with('.') {
        return last.end + 1;
    }
    with_possessive(text, last.end)
}

fn person(text: &str, ws: &[Word<'_>], from: usize, to: usize) -> Mention {
    Mention {
        start: ws[from].start,
        end: mention_end(text, &ws[to - 1]),
        element: "persName",
        attrs: Vec::new(),
    }
}

/// Titled names, names after initials or given names, and greetings.
#[must_use]
pub fn strong(text: &str, ws: &[Word<'_>]) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        if let Some(end) = titled(text, ws, i)
            .or_else(|| middle_initial(text, ws, i))
            .or_else(|| initials(text, ws, i))
            .or_else(|| given_and_surname(text, ws, i))
        {
            out.push(person(text, ws, i, end));
            i = end;
        } else if let Some((from, end)) = greeted(text, ws, i) {
            out.push(person(text, ws, from, end));
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// Title(s) then a name: the index past the name, if `i` starts one.
fn titled(text: &str, ws: &[Word<'_>], i: usize) -> Option<usize> {
    if !(ws[i].is_capitalised() && is_title(ws[i].text)) {
        return None;
    }
    let mut j = i + 1;
    while j < ws.len()
        && name_gap(text, &ws[j - 1], &ws[j])
        && (is_title(ws[j].text) && ws[j].is_capitalised() || PARTICLES.contains(&ws[j].text))
    {
        j += 1;
    }
    if j >= ws.len() || !name_gap(text, &ws[j - 1], &ws[j]) {
        return None;
    }
    let end = name_run(text, ws, j, true);
    (end > j).then_some(end)
}

/// Initials then a surname ("J G Lockhart", "R.H. Beresford").
fn initials(text: &str, ws: &[Word<'_>], i: usize) -> Option<usize> {
    if i > 0 && ws[i - 1].is_initial() && name_gap(text, &ws[i - 1], &ws[i]) {
        return None;
    }
    let mut j = i;
    while j < ws.len() && j < i + 3 && ws[j].is_initial() && ws[j].text != "I" && ws[j].text != "A"
    {
        if j > i && !name_gap(text, &ws[j - 1], &ws[j]) {
            return None;
        }
        j += 1;
    }
    let particle_then_name = PARTICLES.contains(&ws.get(j)?.text)
        && ws
            .get(j + 1)
            .is_some_and(|n| name_word(n) && name_gap(text, &ws[j], n));
    if j == i || !name_gap(text, &ws[j - 1], &ws[j]) || !(name_word(&ws[j]) || particle_then_name) {
        return None;
    }
    let letters: String = ws[i..j].iter().map(|w| w.text).collect();
    if matches!(
        letters.as_str(),
        "PS" | "PPS" | "NB" | "AM" | "PM" | "AD" | "BC"
    ) {
        return None;
    }
    Some(name_run(text, ws, j, true))
}

/// A name, a middle initial with its full stop, and a surname ("José M. Nunes").
fn middle_initial(text: &str, ws: &[Word<'_>], i: usize) -> Option<usize> {
    let (first, mid, last) = (&ws[i], ws.get(i + 1)?, ws.get(i + 2)?);
    let ok = name_word(first)
        && !first.is_initial()
        && !place_word(first)
        && mid.is_initial()
        && text[mid.end..].starts_with('.')
        && name_gap(text, first, mid)
        && name_gap(text, mid, last)
        && name_word(last);
    ok.then(|| name_run(text, ws, i + 2, true))
}

/// Whether a word is a known given name.
#[must_use]
pub fn is_given_name(word: &str) -> bool {
    GIVEN_SET.contains(word)
}

/// A known given name then a surname.
fn given_and_surname(text: &str, ws: &[Word<'_>], i: usize) -> Option<usize> {
    if !GIVEN_SET.contains(ws[i].text) {
        return None;
    }
    let next = ws.get(i + 1)?;
    if !name_gap(text, &ws[i], next) || !name_word(next) {
        return None;
    }
    Some(name_run(text, ws, i + 1, true))
}

/// `Dear X`: the words of X, unless X is a generic address.
fn greeted(text: &str, ws: &[Word<'_>], i: usize) -> Option<(usize, usize)> {
    if !matches!(ws[i].text, "Dear" | "dear" | "Dearest" | "dearest") {
        return None;
    }
    let from = i + 1;
    let w = ws.get(from)?;
    if GENERIC.contains(&w.text) || !text[ws[i].end..w.start].trim().is_empty() {
        return None;
    }
    let end = name_run(text, ws, from, true);
    (end > from).then_some((from, end))
}

/// Offices that name one person when written with `the` ("the Governor").
const OFFICES: &[&str] = &[
    "Governor",
    "Admiral",
    "King",
    "Queen",
    "Emperor",
    "Empress",
    "Pope",
    "President",
    "Bishop",
    "Archbishop",
    "Consul",
    "Commodore",
    "Ambassador",
    "Viceroy",
    "Sultan",
    "Chancellor",
];

/// `the` and an office with no name after it ("the Governor General"): the
/// index past the office words.
fn office(text: &str, ws: &[Word<'_>], i: usize) -> Option<usize> {
    let prev = ws.get(i.checked_sub(1)?)?;
    if !prev.text.eq_ignore_ascii_case("the") || !OFFICES.contains(&ws[i].text) {
        return None;
    }
    let mut end = i + 1;
    if ws
        .get(end)
        .is_some_and(|n| n.text == "General" && name_gap(text, &ws[i], n))
    {
        end += 1;
    }
    let named = ws
        .get(end)
        .is_some_and(|n| name_word(n) && name_gap(text, &ws[end - 1], n));
    (!named).then_some(end)
}

/// Verbs that take a person as their object ("I told Scudamore").
const BEFORE_PERSON: &[&str] = &[
    "told", "tell", "asked", "ask", "thank", "thanked", "married", "met",
];

/// Words after a person's name ("Vianna says", "Burton who seems").
const AFTER_PERSON: &[&str] = &[
    "who", "says", "said", "writes", "wrote", "thinks", "wants", "wishes", "seems", "tells",
];

/// A capitalised name word that a verb of telling or saying, or `who`, marks
/// as a person; not a well-known place.
fn cued(ws: &[Word<'_>], i: usize) -> bool {
    let w = &ws[i];
    let before = i > 0 && BEFORE_PERSON.contains(&ws[i - 1].text);
    let after = ws
        .get(i + 1)
        .is_some_and(|n| AFTER_PERSON.contains(&n.text));
    (before || after) && name_word(w) && !w.is_initial() && !place_word(w)
}

/// A capitalised word that is a surname of the bundled table (surnames that
/// are not English words) and not a well-known place. At the start of a
/// sentence it must stand alone (a lower-case word follows: "Rae was ill").
/// A small town that shares a surname (`Murray`) is read as the person,
/// except at the start of a sentence or line, where it is more likely a
/// place or an address line ("Marlow, Bucks."); after a preposition of place
/// the place recogniser, which ranks higher, takes it.
fn lone_surname(text: &str, ws: &[Word<'_>], i: usize) -> bool {
    let w = &ws[i];
    let line_start = text[..w.start]
        .trim_end_matches([' ', '\t', '\r'])
        .ends_with('\n');
    let town = super::gazetteer::lookup(w.text).is_some();
    !(w.sentence_start && (town || ws.get(i + 1).is_none_or(Word::is_capitalised)))
        && name_word(w)
        && w.text.len() > 2
        && !place_word(w)
        && !(town && line_start)
        && super::surnames::is_surname(w.text)
}

/// The first word of a name that ends with the surname at `i`: capitalised
/// name words just before it ("Sneyd Edgeworth"), not places.
fn surname_start(text: &str, ws: &[Word<'_>], i: usize) -> usize {
    let mut from = i;
    while from > 0 {
        let prev = &ws[from - 1];
        if !name_word(prev) || place_word(prev) || !name_gap(text, prev, &ws[from]) {
            break;
        }
        from -= 1;
        if prev.sentence_start {
            break;
        }
    }
    from
}

/// Given names alone, capitalised words with a possessive inside a
/// sentence, and names a verb of telling or saying marks ([`cued`]).
#[must_use]
pub fn weak(text: &str, ws: &[Word<'_>]) -> Vec<Mention> {
    let mut out = Vec::new();
    for (i, w) in ws.iter().enumerate() {
        let possessive =
            with_possessive(text, w.end) > w.end && name_word(w) && w.text.chars().count() > 2;
        if lone_surname(text, ws, i) {
            out.push(person(text, ws, surname_start(text, ws, i), i + 1));
        } else if GIVEN_SET.contains(w.text) || possessive || cued(ws, i) {
            out.push(person(text, ws, i, i + 1));
        } else if let Some(end) = office(text, ws, i) {
            out.push(person(text, ws, i, end));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::words::words;
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let ws = words(text);
        let mut all = strong(text, &ws);
        let weak: Vec<Mention> = weak(text, &ws)
            .into_iter()
            .filter(|w| !all.iter().any(|s| s.start < w.end && w.start < s.end))
            .collect();
        all.extend(weak);
        all.sort_by_key(|m| m.start);
        all.iter().map(|m| &text[m.start..m.end]).collect()
    }

    #[test]
    fn titled_initials_given_and_greeted() {
        assert_eq!(found("Dear Sir, I saw Mr. Curtis."), ["Mr. Curtis"]);
        assert_eq!(
            found("with Honble Captain Murray and Duc de Broglie's wife"),
            ["Honble Captain Murray", "Duc de Broglie's"]
        );
        assert_eq!(
            found("from J G Lockhart and R.H. Beresford"),
            ["J G Lockhart", "R.H. Beresford"]
        );
        assert_eq!(found("Yours, Maria Edgeworth"), ["Maria Edgeworth"]);
        assert_eq!(found("My Dear Waller"), ["Waller"]);
        assert_eq!(found("I told Mrs L. so"), ["Mrs L."]);
        assert_eq!(found("the people of Chibisa's village"), ["Chibisa's"]);
        assert_eq!(found("Dear Friend, The King is ill."), ["King"]);
        assert!(found("P.S. Burn this letter.").is_empty());
        assert_eq!(
            found("I wrote to the Governor General of it"),
            ["Governor General"]
        );
        assert!(found("the Governor Smith").iter().all(|f| *f != "Governor"));
    }

    #[test]
    fn lone_surnames_inside_a_sentence() {
        assert_eq!(
            found("of London Booksellers only three - Murray, Cadell & Rees"),
            ["Murray"]
        );
        assert_eq!(
            found("the letter that Sneyd Dickinson sent"),
            ["Sneyd Dickinson"]
        );
        // Sentence-initial, English words, places and adjectives are not names.
        assert_eq!(found("Crabbe came. Rae was ill."), ["Crabbe", "Rae"]);
        assert!(found("Marlow is near. Dickinson came. Crabbe Street. The Young men").is_empty());
        assert!(found("a Christian and a Parisian").is_empty());
        assert!(found("The Grange,\nMarlow, Bucks.").is_empty());
    }
}
