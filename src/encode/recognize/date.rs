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

mod relative;

use relative::{Attrs, Day};

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
/// stays inside the word, for abbreviations such as `Jan.y`. A day glued to
/// what follows it ("12thJune", "15thult") is two tokens.
fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    for t in raw_tokens(text) {
        match glued_day(t.text) {
            Some(k) => {
                out.push(Token {
                    start: t.start,
                    end: t.start + k,
                    text: &t.text[..k],
                });
                out.push(Token {
                    start: t.start + k,
                    end: t.end,
                    text: &t.text[k..],
                });
            }
            None => out.push(t),
        }
    }
    out
}

/// Where a day with its ordinal suffix ends inside a longer token.
fn glued_day(word: &str) -> Option<usize> {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 || digits == word.len() {
        return None;
    }
    ["st", "nd", "rd", "th", "d"].iter().find_map(|suffix| {
        let k = digits + suffix.len();
        let rest = word.get(k..)?;
        (word[digits..].starts_with(suffix)
            && !rest.is_empty()
            && (month_number(rest).is_some()
                || matches!(rest, "ult" | "inst" | "instant" | "ultimo")))
        .then_some(k)
    })
}

fn raw_tokens(text: &str) -> Vec<Token<'_>> {
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
    if word.len() < 3
        || word.len() > 12
        || !word
            .as_bytes()
            .first()
            .is_some_and(|b| b"JFMASONDjfmasond".contains(b))
    {
        return None;
    }
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
    let n = word.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > 2 || word.len() > n + 2 {
        return None;
    }
    let digits = &word[..n];
    let suffix = &word[n..].to_ascii_lowercase();
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
/// overlaps, as `date` mentions with `@when`, `@from`/`@to` or
/// `@notBefore`/`@notAfter` (and `@cert` where the value needed a guess).
/// Dates without a year and relative ones are resolved against `anchor`
/// (the letter's own date: year, month, day), or else against the first full
/// date in the text; see [`relative`] for the rules.
#[must_use]
pub fn find_dates_with(text: &str, anchor: Option<(i32, u32, Option<u32>)>) -> Vec<Mention> {
    find_dates_in_period(text, anchor, None)
}

/// [`find_dates_with`], for a letter of an edition whose letters were
/// written from `period.0` to `period.1` (years): a two-digit year that
/// nothing in the letter dates takes the century that puts it in the period.
#[must_use]
pub fn find_dates_in_period(
    text: &str,
    anchor: Option<(i32, u32, Option<u32>)>,
    period: Option<(i32, i32)>,
) -> Vec<Mention> {
    let toks = tokens(text);
    let absolute = find_dates_in(text, &toks);
    let mut anchor = anchor
        .and_then(|(year, month, day)| day.map(|day| Day { year, month, day }))
        .or_else(|| absolute.iter().find_map(|d| full_day(d.when.as_deref()?)));
    let known = anchor.map(|a| a.year / 100).or_else(|| {
        toks.iter()
            .find_map(|t| year_number(t.text).filter(|y| (1000..2100).contains(y)))
            .map(|y| y / 100)
    });
    let century = relative::Centuries { known, period };
    let complete_all = |anchor: Option<Day>| -> Vec<Mention> {
        absolute
            .iter()
            .map(|d| complete(text, d, anchor.map(|a| a.year), century))
            .collect()
    };
    let mut out = complete_all(anchor);
    let mut guessed = false;
    if anchor.is_none() {
        // A date that a two-digit year completed ("Jan 23d 44") dates the
        // letter as well as a full one would, but its century was a guess.
        anchor = out.iter().find_map(|m| full_day(&when_of(m)?));
        if anchor.is_some() {
            guessed = true;
            out = complete_all(anchor);
        }
    }
    ranges(&toks, &mut out);
    let mut i = 0;
    while i < toks.len() {
        let inside = out
            .iter()
            .any(|m| m.start <= toks[i].start && toks[i].start < m.end);
        let found = (!inside)
            .then(|| {
                relative::relative_at(&toks, i, anchor)
                    .map(|(next, attrs)| (next, if guessed { uncertain(attrs) } else { attrs }))
                    .or_else(|| relative::numeric_at(text, &toks, i, century))
                    .or_else(|| relative::decade_at(&toks, i))
            })
            .flatten();
        match found {
            Some((next, attrs)) => {
                out.push(date_mention(toks[i].start, toks[next - 1].end, attrs));
                i = next;
            }
            None => i += 1,
        }
    }
    out.sort_by_key(|m| m.start);
    out
}

/// `attrs` of a value resolved against a guessed date: `cert="medium"`
/// unless they say less already.
fn uncertain(mut attrs: Attrs) -> Attrs {
    if !attrs.is_empty() && !attrs.iter().any(|(k, _)| *k == "cert") {
        attrs.push(("cert", "medium".to_owned()));
    }
    attrs
}

fn date_mention(start: usize, end: usize, attrs: Attrs) -> Mention {
    Mention {
        start,
        end,
        element: "date",
        attrs,
    }
}

/// The `@when` of a mention.
fn when_of(m: &Mention) -> Option<String> {
    m.attrs
        .iter()
        .find(|(k, _)| *k == "when")
        .map(|(_, v)| v.clone())
}

fn full_day(when: &str) -> Option<Day> {
    let year = when.get(..4)?.parse().ok()?;
    let month = when.get(5..7)?.parse().ok()?;
    let day = when.get(8..10)?.parse().ok()?;
    Some(Day { year, month, day })
}

/// An absolute date as a mention; a date without a year takes a two-digit
/// year written after it ("Jan 23d 44", "2d March /56"), or else the
/// anchor's year.
fn complete(text: &str, d: &FoundDate, year: Option<i32>, century: relative::Centuries) -> Mention {
    let Some(md) = d.when.as_deref().and_then(|w| w.strip_prefix("--")) else {
        let attrs = d.when.iter().map(|w| ("when", w.clone())).collect();
        return date_mention(d.start, d.end, attrs);
    };
    let rest = &text[d.end..];
    let lead = rest.len() - rest.trim_start_matches([' ', ',', '.', '/']).len();
    let two: String = rest[lead..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    if two.len() == 2 && lead <= 3 {
        let end = d.end + lead + 2;
        let attrs = relative::year_value(&two, century)
            .map(|(y, cert)| {
                let mut a = vec![("when", format!("{y:04}-{md}"))];
                a.extend(cert.map(|c| ("cert", c.to_owned())));
                a
            })
            .filter(|a| valid_iso(&a[0].1))
            .unwrap_or_default();
        return date_mention(d.start, end, attrs);
    }
    let attrs = year
        .map(|y| {
            vec![
                ("when", format!("{y:04}-{md}")),
                ("cert", "medium".to_owned()),
            ]
        })
        .filter(|a| valid_iso(&a[0].1))
        .unwrap_or_else(|| vec![("when", format!("--{md}"))]);
    date_mention(d.start, d.end, attrs)
}

fn valid_iso(when: &str) -> bool {
    full_day(when).is_none_or(|d| d.day <= days_in_month(d.year, d.month))
}

/// "from May to July 1861", "between the 3rd and the 9th of May 1850": the
/// first date takes the second's year (and month), and both become one
/// `date` with `@from` and `@to`.
fn ranges(toks: &[Token<'_>], out: &mut Vec<Mention>) {
    let mut merged = Vec::new();
    for m in out.iter() {
        let Some(when) = m
            .attrs
            .iter()
            .find(|(k, _)| *k == "when")
            .map(|(_, v)| v.clone())
        else {
            continue;
        };
        let Some(k) = toks.iter().position(|t| t.start == m.start) else {
            continue;
        };
        if k < 3 || !matches!(toks[k - 1].text, "to" | "till" | "until" | "and") {
            continue;
        }
        let (first, opener) = match (month_number(toks[k - 2].text), day_number(toks[k - 2].text)) {
            (Some(month), _) => (format!("{}-{month:02}", &when[..4]), k - 3),
            (None, Some(day)) if when.len() >= 7 => (format!("{}-{day:02}", &when[..7]), k - 3),
            _ => continue,
        };
        if !matches!(toks[opener].text, "from" | "From" | "between" | "Between")
            || when.starts_with('-')
        {
            continue;
        }
        let to = if first.len() == 7 {
            when[..7].to_owned()
        } else {
            when.clone()
        };
        merged.push((toks[k - 2].start, m.start, m.end, first, to));
    }
    for (start, old, end, from, to) in merged {
        out.retain(|m| m.start != old);
        out.push(date_mention(start, end, vec![("from", from), ("to", to)]));
    }
}

/// Finds the absolute dates in `text`, in order, without overlaps.
#[must_use]
pub fn find_dates(text: &str) -> Vec<FoundDate> {
    find_dates_in(text, &tokens(text))
}

fn find_dates_in(text: &str, toks: &[Token<'_>]) -> Vec<FoundDate> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some((found, next)) = iso_date_at(text, toks, i).or_else(|| date_at(text, toks, i)) {
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

    fn with_anchor(text: &str, anchor: Option<(i32, u32, Option<u32>)>) -> Vec<(String, String)> {
        find_dates_with(text, anchor)
            .iter()
            .map(|m| {
                let attrs: Vec<String> = m.attrs.iter().map(|(k, v)| format!("{k}={v}")).collect();
                (text[m.start..m.end].to_owned(), attrs.join(" "))
            })
            .collect()
    }

    #[test]
    fn relative_dates_resolve_against_the_letter() {
        let anchor = Some((1862, 7, Some(7)));
        let cases = [
            ("came yesterday", "yesterday", "when=1862-07-06"),
            ("go to-morrow", "to-morrow", "when=1862-07-08"),
            (
                "on Monday last",
                "Monday last",
                "when=1862-06-30 cert=medium",
            ),
            (
                "on last Friday",
                "last Friday",
                "when=1862-07-04 cert=medium",
            ),
            ("yours of the 3d inst.", "3d inst", "when=1862-07-03"),
            ("on 15thult without", "15thult", "when=1862-06-15"),
            ("on 12thJune we", "12thJune", "when=1862-06-12 cert=medium"),
            (
                "between 20th May and",
                "20th May",
                "when=1862-05-20 cert=medium",
            ),
        ];
        for (text, span, attrs) in cases {
            assert_eq!(
                with_anchor(text, anchor),
                [(span.to_owned(), attrs.to_owned())],
                "{text}"
            );
        }
    }

    #[test]
    fn relative_dates_without_a_letter_date_get_no_value() {
        assert_eq!(
            with_anchor("came yesterday", None),
            [("yesterday".to_owned(), String::new())]
        );
        assert_eq!(
            with_anchor("the 3d inst.", None),
            [("3d inst".to_owned(), String::new())]
        );
    }

    #[test]
    fn two_digit_years_numeric_dates_decades_and_ranges() {
        let cases = [
            (
                "Tette 2d March /56. In 1856",
                "2d March /56",
                "when=1856-03-02 cert=medium",
            ),
            (
                "29/5/45 and 9th March 1865",
                "29/5/45",
                "when=1845-05-29 cert=medium",
            ),
            ("in the 1850s", "1850s", "notBefore=1850 notAfter=1859"),
            (
                "from May to July 1861",
                "May to July 1861",
                "from=1861-05 to=1861-07",
            ),
        ];
        for (text, span, attrs) in cases {
            assert_eq!(
                with_anchor(text, None)[0],
                (span.to_owned(), attrs.to_owned()),
                "{text}"
            );
        }
        assert_eq!(
            with_anchor("Jan 23d 44", None),
            [("Jan 23d 44".to_owned(), String::new())]
        );
    }

    #[test]
    fn the_editions_period_dates_two_digit_years() {
        let dates = |text: &str, period| -> Vec<(String, String)> {
            find_dates_in_period(text, None, Some(period))
                .iter()
                .map(|m| {
                    let attrs: Vec<String> =
                        m.attrs.iter().map(|(k, v)| format!("{k}={v}")).collect();
                    (text[m.start..m.end].to_owned(), attrs.join(" "))
                })
                .collect()
        };
        let letter = "Jan 23d 44\nI wrote on Feby 9 and on the 15 instant, and 29/5/45.";
        assert_eq!(
            dates(letter, (1768, 1849)),
            [
                ("Jan 23d 44", "when=1844-01-23 cert=medium"),
                ("Feby 9", "when=1844-02-09 cert=medium"),
                ("15 instant", "when=1844-01-15 cert=medium"),
                ("29/5/45", "when=1845-05-29 cert=medium"),
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
        // A period over two centuries dates a year only when one century fits.
        assert_eq!(
            dates("Jan 23d 05", (1890, 1910))[0].1,
            "when=1905-01-23 cert=medium"
        );
        assert_eq!(
            dates("Jan 23d 95", (1890, 1910))[0].1,
            "when=1895-01-23 cert=medium"
        );
        assert_eq!(dates("Jan 23d 50", (1890, 1910))[0].1, "");
        assert_eq!(dates("Jan 23d 44", (1700, 1899))[0].1, "", "1744 or 1844");
        assert_eq!(
            dates("Jan 23d 44", (i32::MIN, i32::MAX))[0].1,
            "",
            "any century"
        );
        // A four-digit year in the letter outweighs the period.
        assert_eq!(
            dates("Jan 23d 44, as in 1744", (1800, 1899))[0].1,
            "when=1744-01-23 cert=medium"
        );
    }
}
