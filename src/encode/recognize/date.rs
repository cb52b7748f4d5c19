//! Absolute calendar dates in English letters ("July 26, 2003", "26th July
//! 1953", "Jan.y 2d 1835", "Octr. 30h 1812", "June 1950", "2003-07-26").
//!
//! How it decides: a date needs a month word and at least a day or a year
//! next to it. Month words are the full names and the abbreviations letter
//! writers used: a three-letter prefix of the name followed by letters taken
//! in order from the rest of the name (so `Jany`, `Octr`, `Septr` and `Feby`
//! are months, while `Jane`, `Mart` and `Decent` are not). `May` counts only
//! with a day or year beside it. A year has four digits; a day 1 to 31 with an
//! optional ordinal suffix (`st`, `nd`, `rd`, `th`, `d`, `h`). Impossible
//! dates (30 February) are not given a value.

use super::Mention;

/// A date found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// The ISO 8601 value for `@when`: `YYYY-MM-DD`, `YYYY-MM`, or `--MM-DD`
    /// when the year is not given; `None` for an impossible date.
    pub when: Option<String>,
}

impl FoundDate {
    /// The date as a [`Mention`] of a TEI `date` element.
    #[must_use]
    pub fn to_mention(&self) -> Mention {
        Mention {
            start: self.start,
            end: self.end,
            element: "date",
            attrs: self.when.iter().map(|w| ("when", w.clone())).collect(),
        }
    }
}

/// A word or number of the text with its byte span.
#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

/// Words and numbers; a full stop between a letter and a lower-case letter
/// stays inside the word, for abbreviations such as `Jan.y`.
fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut prev = ' ';
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map_or(' ', |&(_, n)| n);
        let inner_dot = c == '.' && prev.is_alphabetic() && next.is_lowercase() && start.is_some();
        prev = c;
        if c.is_alphanumeric() || inner_dot {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(Token {
                start: s,
                end: i,
                text: &text[s..i],
            });
        }
    }
    if let Some(s) = start {
        out.push(Token {
            start: s,
            end: text.len(),
            text: &text[s..],
        });
    }
    out
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month (1–12) a word names, by the rule in the module docs.
#[must_use]
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.replace('.', "").to_lowercase();
    if w.len() < 3 || !w.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    MONTHS.iter().zip(1..).find_map(|(name, n)| {
        let (head, rest) = w.split_at(3);
        if !name.starts_with(head) {
            return None;
        }
        let mut tail = name[3..].chars();
        rest.chars().all(|c| tail.any(|t| t == c)).then_some(n)
    })
}

/// A day of the month with an optional ordinal suffix (`26`, `26th`, `2d`, `30h`).
fn day_number(word: &str) -> Option<u32> {
    let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
    let suffix = &word[digits.len()..].to_lowercase();
    if digits.is_empty() || digits.len() > 2 {
        return None;
    }
    if !matches!(
        suffix.as_str(),
        "" | "st" | "nd" | "rd" | "th" | "d" | "h" | "t"
    ) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_number(word: &str) -> Option<i32> {
    (word.len() == 4 && word.chars().all(|c| c.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
}

/// The number of days in a month of a year (Gregorian, proleptic).
#[must_use]
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

fn iso(year: Option<i32>, month: u32, day: Option<u32>) -> Option<String> {
    match (year, day) {
        (Some(y), Some(d)) => {
            (d <= days_in_month(y, month)).then(|| format!("{y:04}-{month:02}-{d:02}"))
        }
        (Some(y), None) => Some(format!("{y:04}-{month:02}")),
        (None, Some(d)) => {
            (d <= days_in_month(2000, month)).then(|| format!("--{month:02}-{d:02}"))
        }
        (None, None) => None,
    }
}

/// Whether only punctuation a date may hold (`,`, `.`, white space)
/// separates two tokens.
fn joined(text: &str, a: &Token<'_>, b: &Token<'_>) -> bool {
    let gap = &text[a.end..b.start];
    gap.len() <= 4
        && gap
            .chars()
            .all(|c| c == '.' || c == ',' || c.is_whitespace())
}

/// Finds the dates in `text`, absolute and relative, in order, without
/// overlaps; dates without a year, and relative ones, are resolved against
/// `anchor` (the letter's own date: year, month, day) when there is one.
#[must_use]
pub fn find_dates_with(text: &str, anchor: Option<(i32, u32, Option<u32>)>) -> Vec<FoundDate> {
    let mut found = find_dates(text);
    if let Some((year, _, _)) = anchor {
        for d in &mut found {
            if let Some(w) = d.when.as_mut().filter(|w| w.starts_with("--")) {
                *w = format!("{year:04}{}", &w[1..]);
            }
        }
    }
    found
}

/// Finds the absolute dates in `text`, in order, without overlaps.
#[must_use]
pub fn find_dates(text: &str) -> Vec<FoundDate> {
    let toks = tokens(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some((found, next)) = iso_date_at(text, &toks, i).or_else(|| date_at(text, &toks, i))
        {
            out.push(found);
            i = next;
        } else {
            i += 1;
        }
    }
    out
}

/// `YYYY-MM-DD` written out.
fn iso_date_at(text: &str, toks: &[Token<'_>], i: usize) -> Option<(FoundDate, usize)> {
    let (y, m, d) = (toks.get(i)?, toks.get(i + 1)?, toks.get(i + 2)?);
    let year = year_number(y.text)?;
    if &text[y.end..m.start] != "-"
        || &text[m.end..d.start] != "-"
        || m.text.len() != 2
        || d.text.len() != 2
    {
        return None;
    }
    let month: u32 = m.text.parse().ok().filter(|m| (1..=12).contains(m))?;
    let day: u32 = d.text.parse().ok()?;
    Some((
        FoundDate {
            start: y.start,
            end: d.end,
            when: iso(Some(year), month, Some(day)),
        },
        i + 3,
    ))
}

/// "Month [day][,] [year]" or "day [of] Month[,] [year]".
fn date_at(text: &str, toks: &[Token<'_>], i: usize) -> Option<(FoundDate, usize)> {
    let t = toks[i];
    let near = |a: usize, b: usize| toks.get(b).filter(|tb| joined(text, &toks[a], tb));
    if let Some(day) = day_number(t.text) {
        let mut k = i + 1;
        if near(i, k).is_some_and(|w| w.text.eq_ignore_ascii_case("of")) {
            k += 1;
        }
        let m = near(k - 1, k)?;
        let month = month_number(m.text)?;
        let year = near(k, k + 1).and_then(|y| year_number(y.text));
        let (end, next) = if year.is_some() {
            (toks[k + 1].end, k + 2)
        } else {
            (m.end, k + 1)
        };
        return Some((
            FoundDate {
                start: t.start,
                end,
                when: iso(year, month, Some(day)),
            },
            next,
        ));
    }
    let month = month_number(t.text)?;
    let mut j = i + 1;
    let day = near(i, j).and_then(|d| day_number(d.text));
    if day.is_some() {
        j += 1;
    }
    let year = near(j - 1, j).and_then(|y| year_number(y.text));
    if year.is_some() {
        j += 1;
    }
    if day.is_none() && year.is_none() {
        return None;
    }
    if t.text.eq_ignore_ascii_case("may") && day.is_none() && t.text != "May" {
        return None;
    }
    Some((
        FoundDate {
            start: t.start,
            end: toks[j - 1].end,
            when: iso(year, month, day),
        },
        j,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> (String, Option<String>) {
        let found = find_dates(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        (
            text[found[0].start..found[0].end].to_owned(),
            found[0].when.clone(),
        )
    }

    #[test]
    fn common_forms() {
        let cases = [
            ("July 26, 2003", "July 26, 2003", Some("2003-07-26")),
            (
                "on the 26th July 1953.",
                "26th July 1953",
                Some("1953-07-26"),
            ),
            (
                "Edgeworthtown Jan.y 2d 1835",
                "Jan.y 2d 1835",
                Some("1835-01-02"),
            ),
            ("Octr. 30h 1812", "Octr. 30h 1812", Some("1812-10-30")),
            ("in June 1950, U.S.", "June 1950", Some("1950-06")),
            ("9th March 1865", "9th March 1865", Some("1865-03-09")),
            ("June 28", "June 28", Some("--06-28")),
            ("Feby. 13. 1827.", "Feby. 13. 1827", Some("1827-02-13")),
            (
                "the 3rd of May, 1808",
                "3rd of May, 1808",
                Some("1808-05-03"),
            ),
            ("2003-07-26", "2003-07-26", Some("2003-07-26")),
        ];
        for (text, span, when) in cases {
            assert_eq!(
                one(text),
                (span.to_owned(), when.map(str::to_owned)),
                "{text}"
            );
        }
    }

    #[test]
    fn impossible_dates_get_no_value() {
        assert_eq!(one("February 30, 1850").1, None);
        assert_eq!(one("February 29, 1900").1, None);
        assert_eq!(one("February 29, 2000").1, Some("2000-02-29".into()));
    }

    #[test]
    fn words_that_are_not_months() {
        for text in [
            "Jane 12",
            "the 12 Mart",
            "we may 1850",
            "Decent 3",
            "Augustine 1850",
        ] {
            assert!(find_dates(text).is_empty(), "{text}");
        }
        assert_eq!(month_number("Septr"), Some(9));
        assert_eq!(month_number("Jany"), Some(1));
    }
}
