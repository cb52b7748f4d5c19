//! Words of a letter with their spans, and the small word lists the name
//! recognisers share (function words, titles, kin words).

/// A word (letters, digits, inner apostrophes) with its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// The word.
    pub text: &'a str,
    /// Whether a sentence or block starts here (after `.`, `!`, `?`, a blank
    /// line, or at the start of the text).
    pub sentence_start: bool,
}

impl Word<'_> {
    /// Whether the word starts with a capital letter.
    #[must_use]
    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether the word is one capital letter (an initial).
    #[must_use]
    pub fn is_initial(&self) -> bool {
        let mut c = self.text.chars();
        c.next().is_some_and(char::is_uppercase) && c.next().is_none()
    }
}

/// Splits `text` into words. Apostrophes between letters stay inside a word
/// only when something other than `s` follows (`O'Brien`, but `Smith` `'s`).
#[must_use]
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out: Vec<Word<'_>> = Vec::new();
    let mut start: Option<usize> = None;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        let inner_apostrophe = (c == '\'' || c == '’')
            && start.is_some()
            && text[i + c.len_utf8()..]
                .chars()
                .next()
                .is_some_and(char::is_alphabetic)
            && !possessive_at(text, i);
        if c.is_alphanumeric() || inner_apostrophe {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            push_word(text, &mut out, s, i);
        }
    }
    if let Some(s) = start {
        push_word(text, &mut out, s, bytes.len());
    }
    out
}

fn push_word<'a>(text: &'a str, out: &mut Vec<Word<'a>>, start: usize, end: usize) {
    let before = &text[out.last().map_or(0, |w| w.end)..start];
    let prev = out.last().map(|w| w.text);
    let sentence_start = out.is_empty()
        || before.contains("\n\n")
        || before.trim_end().ends_with(['!', '?'])
        || (before.trim_end().ends_with('.') && !prev.is_some_and(is_abbreviation));
    out.push(Word {
        start,
        end,
        text: &text[start..end],
        sentence_start,
    });
}

/// Whether the apostrophe at `i` begins a possessive `'s` that ends a word.
#[must_use]
pub fn possessive_at(text: &str, i: usize) -> bool {
    let rest = &text[i..];
    let after = rest.chars().next().map_or(1, char::len_utf8);
    let rest = &rest[after..];
    rest.starts_with('s') && !rest[1..].chars().next().is_some_and(char::is_alphanumeric)
}

/// The end of a name with its possessive `'s`, if one follows at `end`.
#[must_use]
pub fn with_possessive(text: &str, end: usize) -> usize {
    let rest = &text[end..];
    match rest.chars().next() {
        Some(c @ ('\'' | '’')) if possessive_at(text, end) => end + c.len_utf8() + 1,
        _ => end,
    }
}

/// Words followed by a full stop that do not end a sentence.
fn is_abbreviation(word: &str) -> bool {
    word.chars().count() == 1 || is_title(word) || matches!(word, "St" | "Co" | "No" | "Esq")
}

/// Titles and forms of address that come before a person's name.
const TITLES: &[&str] = &[
    "Mr",
    "Mrs",
    "Messrs",
    "Miss",
    "Ms",
    "Mister",
    "Dr",
    "Doctor",
    "Sir",
    "Lord",
    "Lady",
    "Dame",
    "Captain",
    "Captn",
    "Capt",
    "Cm",
    "Commander",
    "Colonel",
    "Col",
    "Major",
    "General",
    "Genl",
    "Admiral",
    "Lieutenant",
    "Lieut",
    "Lt",
    "Sergeant",
    "Serjeant",
    "Rev",
    "Revd",
    "Revdd",
    "Reverend",
    "Honble",
    "Hon",
    "Honourable",
    "Professor",
    "Prof",
    "Bishop",
    "Archbishop",
    "Dean",
    "Canon",
    "Aunt",
    "Uncle",
    "Cousin",
    "Duke",
    "Duc",
    "Duchess",
    "Earl",
    "Count",
    "Countess",
    "Baron",
    "Baroness",
    "Marquis",
    "Marquess",
    "Viscount",
    "Prince",
    "Princess",
    "King",
    "Queen",
    "Emperor",
    "Empress",
    "Pope",
    "Monsieur",
    "Madame",
    "Mademoiselle",
    "Mme",
    "Mlle",
    "Herr",
    "Frau",
    "Comrade",
    "President",
    "Governor",
    "Senator",
    "Judge",
    "Chancellor",
    "Secretary",
    "Chairman",
    "Brother",
    "Sister",
    "Mother",
    "Father",
    "Saint",
];

/// A word list as a set, built on first use (the lists are looked up for
/// every word of every letter).
pub struct WordSet {
    words: &'static [&'static str],
    set: std::sync::OnceLock<std::collections::HashSet<&'static str>>,
}

impl WordSet {
    /// A set over `words`.
    #[must_use]
    pub const fn new(words: &'static [&'static str]) -> Self {
        Self {
            words,
            set: std::sync::OnceLock::new(),
        }
    }

    /// Whether `word` is in the set.
    #[must_use]
    pub fn contains(&self, word: &str) -> bool {
        self.set
            .get_or_init(|| self.words.iter().copied().collect())
            .contains(word)
    }
}

static TITLE_SET: WordSet = WordSet::new(TITLES);
static FUNCTION_SET: WordSet = WordSet::new(FUNCTION_WORDS);

/// Whether a word (without its full stop) is a title.
#[must_use]
pub fn is_title(word: &str) -> bool {
    TITLE_SET.contains(word.trim_end_matches('.'))
}

/// Capitalised words that are not names: pronouns, articles, conjunctions,
/// prepositions, closing formulas, and the like.
const FUNCTION_WORDS: &[&str] = &[
    "I",
    "A",
    "An",
    "The",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Then",
    "Than",
    "Thus",
    "My",
    "Your",
    "Yours",
    "You",
    "We",
    "Our",
    "Ours",
    "He",
    "Him",
    "His",
    "She",
    "Her",
    "Hers",
    "It",
    "Its",
    "They",
    "Them",
    "Their",
    "Me",
    "Us",
    "Who",
    "Whom",
    "Whose",
    "What",
    "Which",
    "When",
    "Where",
    "Why",
    "How",
    "And",
    "But",
    "Or",
    "Nor",
    "If",
    "As",
    "So",
    "Yet",
    "Not",
    "No",
    "Yes",
    "In",
    "On",
    "At",
    "To",
    "For",
    "From",
    "With",
    "By",
    "Of",
    "Off",
    "Up",
    "Down",
    "Into",
    "Upon",
    "After",
    "Before",
    "Since",
    "Until",
    "Till",
    "While",
    "Whilst",
    "Although",
    "Though",
    "Because",
    "All",
    "Any",
    "Some",
    "Every",
    "Each",
    "Many",
    "Much",
    "More",
    "Most",
    "Such",
    "Other",
    "Another",
    "One",
    "Two",
    "Three",
    "Both",
    "Either",
    "Neither",
    "Do",
    "Does",
    "Did",
    "Have",
    "Has",
    "Had",
    "Is",
    "Are",
    "Was",
    "Were",
    "Be",
    "Been",
    "Will",
    "Would",
    "Shall",
    "Should",
    "Can",
    "Could",
    "May",
    "Might",
    "Must",
    "Let",
    "Pray",
    "Please",
    "Dear",
    "Dearest",
    "Believe",
    "Ever",
    "Very",
    "Truly",
    "Sincerely",
    "Faithfully",
    "Affectionately",
    "Affectionate",
    "Obedient",
    "Humble",
    "Servant",
    "Remember",
    "Thanks",
    "Thank",
    "Oh",
    "O",
    "Ah",
    "Alas",
    "Well",
    "Now",
    "Here",
    "Also",
    "Only",
    "Just",
    "Still",
    "Even",
    "Perhaps",
    "Tell",
    "Give",
    "Send",
    "Love",
    "God",
    "Lord",
    "Christ",
    "Jesus",
    "Heaven",
    "Providence",
    "Private",
    "Confidential",
    "Postscript",
    "PS",
    "Esq",
    "Esqre",
    "Jun",
    "Junr",
    "Sen",
    "Senr",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Christmas",
    "Easter",
    "English",
    "French",
    "German",
    "Irish",
    "Scotch",
    "Scottish",
    "British",
    "American",
    "Portuguese",
    "Spanish",
    "Italian",
    "Dutch",
    "European",
    "African",
    "Indian",
    "Government",
    "Society",
    "Company",
    "Church",
    "College",
    "University",
    "Committee",
    "Mission",
    "Expedition",
    "Bible",
    "Testament",
    "Gospel",
    "Review",
    "Magazine",
    "Times",
    "Co",
    "Gentlemen",
    "Ladies",
    "Order",
    "Sir",
    "Madam",
    "First",
    "Second",
    "Third",
    "Last",
    "Next",
];

/// Whether a capitalised word cannot be (part of) a name.
#[must_use]
pub fn is_function_word(word: &str) -> bool {
    FUNCTION_SET.contains(word) || super::date::month_number(word).is_some() && word != "May"
}

/// Whether only white space, full stops and at most one hyphen or comma-free
/// punctuation separate two words of one name (`Mr. W. Smith`, `Mrs.- Edgeworth`).
#[must_use]
pub fn name_gap(text: &str, a: &Word<'_>, b: &Word<'_>) -> bool {
    let gap = &text[a.end..b.start];
    !gap.is_empty()
        && gap.len() <= 4
        && !gap.contains("\n\n")
        && gap
            .chars()
            .all(|c| c == '.' || c == '-' || c.is_whitespace())
        && gap.chars().filter(|&c| c == '-').count() <= 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_sentences_and_possessives() {
        let text = "Dear Mr. Smith. O'Brien's dog went to Smith's house.\n\nNow";
        let ws = words(text);
        let list: Vec<(&str, bool)> = ws.iter().map(|w| (w.text, w.sentence_start)).collect();
        assert_eq!(
            list,
            [
                ("Dear", true),
                ("Mr", false),
                ("Smith", false),
                ("O'Brien", true),
                ("s", false),
                ("dog", false),
                ("went", false),
                ("to", false),
                ("Smith", false),
                ("s", false),
                ("house", false),
                ("Now", true),
            ]
        );
        assert_eq!(with_possessive(text, ws[3].end), ws[4].end);
        assert_eq!(with_possessive(text, ws[5].end), ws[5].end);
    }
}
