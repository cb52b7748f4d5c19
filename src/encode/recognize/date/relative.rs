//! Dates that need more than their own words: two-digit years ("Jan 23d
//! 44"), numeric dates ("29/5/45"), ranges ("from May to July 1861"),
//! decades ("the 1850s"), and dates relative to the letter's own date
//! ("yesterday", "Monday last", "the 3d inst.", "the 15th ult.").
//!
//! How it decides: a relative date is resolved only against the letter's
//! date (the anchor); without one it is still marked, without a value. A
//! two-digit year takes the century of the anchor, or else of the first
//! four-digit year in the letter, or else the one century that puts it in
//! the edition's period (when one is given); a value that needed such a
//! guess gets `cert="medium"`. Nothing is invented: a date whose value
//! cannot be known carries none.

use super::{days_in_month, Token};

/// A date's attributes, in output order.
pub type Attrs = Vec<(&'static str, String)>;

/// Where a two-digit year takes its century from: the letter (its date or
/// a four-digit year in it), else the edition's period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Centuries {
    /// The century the letter gives (18 for the 1800s).
    pub known: Option<i32>,
    /// The edition's first and last year.
    pub period: Option<(i32, i32)>,
}

impl Centuries {
    /// The full year of the two-digit year `yy`, if one century gives it.
    #[must_use]
    pub fn year(self, yy: i32) -> Option<i32> {
        if let Some(c) = self.known {
            return c.checked_mul(100)?.checked_add(yy);
        }
        // Years of the common era with four digits at most.
        let (first, last) = self.period?;
        let (first, last) = (first.max(1), last.min(9999));
        let mut years = (first.div_euclid(100)..=last.div_euclid(100))
            .map(|c| c * 100 + yy)
            .filter(|y| (first..=last).contains(y));
        let year = years.next()?;
        years.next().is_none().then_some(year)
    }
}

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    /// The year.
    pub year: i32,
    /// The month, 1–12.
    pub month: u32,
    /// The day, 1–31.
    pub day: u32,
}

impl Day {
    fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Days since 1 March of year 0 (for weekday arithmetic).
    fn ordinal(self) -> i64 {
        let (y, m) = if self.month <= 2 {
            (i64::from(self.year) - 1, i64::from(self.month) + 12)
        } else {
            (i64::from(self.year), i64::from(self.month))
        };
        365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + i64::from(self.day)
    }

    /// 0 = Monday … 6 = Sunday.
    fn weekday(self) -> i64 {
        (self.ordinal() + 1).rem_euclid(7)
    }

    /// The day `n` days later (or earlier, for negative `n`).
    fn plus(self, n: i64) -> Self {
        let mut d = self;
        let mut left = n;
        while left > 0 {
            d = if d.day < days_in_month(d.year, d.month) {
                Self {
                    day: d.day + 1,
                    ..d
                }
            } else if d.month < 12 {
                Self {
                    month: d.month + 1,
                    day: 1,
                    ..d
                }
            } else {
                Self {
                    year: d.year + 1,
                    month: 1,
                    day: 1,
                }
            };
            left -= 1;
        }
        while left < 0 {
            d = if d.day > 1 {
                Self {
                    day: d.day - 1,
                    ..d
                }
            } else if d.month > 1 {
                Self {
                    month: d.month - 1,
                    day: days_in_month(d.year, d.month - 1),
                    ..d
                }
            } else {
                Self {
                    year: d.year - 1,
                    month: 12,
                    day: 31,
                }
            };
            left += 1;
        }
        d
    }
}

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

fn weekday_number(word: &str) -> Option<i64> {
    let w = word.to_lowercase();
    WEEKDAYS
        .iter()
        .position(|d| *d == w)
        .and_then(|i| i64::try_from(i).ok())
}

/// A relative date starting at token `i`: (index past it, attributes).
pub fn relative_at(toks: &[Token<'_>], i: usize, anchor: Option<Day>) -> Option<(usize, Attrs)> {
    if !toks[i]
        .text
        .as_bytes()
        .first()
        .is_some_and(|b| b"yYtTlLnNmMwWfFsS0123456789".contains(b))
    {
        return None;
    }
    let word = toks[i].text.to_lowercase();
    let shift = match word.as_str() {
        "yesterday" => Some(-1),
        "today" => Some(0),
        "tomorrow" => Some(1),
        "to" => match toks.get(i + 1).map(|t| t.text.to_lowercase()).as_deref() {
            Some("day") if joined_by_hyphen(toks, i) => Some(0),
            Some("morrow") if joined_by_hyphen(toks, i) => Some(1),
            _ => None,
        },
        _ => None,
    };
    if let Some(n) = shift {
        let next = if word == "to" { i + 2 } else { i + 1 };
        return Some((
            next,
            anchor.map(|a| when(a.plus(n), None)).unwrap_or_default(),
        ));
    }
    weekday_at(toks, i, anchor).or_else(|| ordinal_at(toks, i, anchor))
}

fn joined_by_hyphen(toks: &[Token<'_>], i: usize) -> bool {
    toks.get(i + 1).is_some_and(|n| n.start == toks[i].end + 1)
}

fn when(day: Day, cert: Option<&str>) -> Attrs {
    let mut a = vec![("when", day.iso())];
    if let Some(c) = cert {
        a.push(("cert", c.to_owned()));
    }
    a
}

/// "last Tuesday", "Monday last", "next Friday", "Friday next".
fn weekday_at(toks: &[Token<'_>], i: usize, anchor: Option<Day>) -> Option<(usize, Attrs)> {
    let lower = |k: usize| toks.get(k).map(|t| t.text.to_lowercase());
    let (wd, dir, next) = match (lower(i).as_deref(), lower(i + 1)) {
        (Some("last"), Some(w)) => (weekday_number(&w)?, -1, i + 2),
        (Some("next"), Some(w)) => (weekday_number(&w)?, 1, i + 2),
        (Some(w), Some(d)) if d == "last" || d == "next" => {
            (weekday_number(w)?, if d == "last" { -1 } else { 1 }, i + 2)
        }
        _ => return None,
    };
    let attrs = anchor.map(|a| {
        let mut d = a.plus(dir);
        while d.weekday() != wd {
            d = d.plus(dir);
        }
        when(d, Some("medium"))
    });
    Some((next, attrs.unwrap_or_default()))
}

/// "the 3d inst.", "15th ult.", "the 2nd instant", "the 30th ultimo".
fn ordinal_at(toks: &[Token<'_>], i: usize, anchor: Option<Day>) -> Option<(usize, Attrs)> {
    let day = super::day_number(toks[i].text)?;
    let rel = toks.get(i + 1)?.text.to_lowercase();
    let back = match rel.as_str() {
        "inst" | "instant" => 0,
        "ult" | "ultimo" => 1,
        _ => return None,
    };
    let attrs = anchor.and_then(|a| {
        let (year, month) = if back == 1 && a.month == 1 {
            (a.year - 1, 12)
        } else {
            (a.year, a.month - back)
        };
        (day <= days_in_month(year, month)).then(|| when(Day { year, month, day }, None))
    });
    Some((i + 2, attrs.unwrap_or_default()))
}

/// "1850s": the decade, as `notBefore`/`notAfter`.
pub fn decade_at(toks: &[Token<'_>], i: usize) -> Option<(usize, Attrs)> {
    let t = toks[i].text;
    let digits = t.strip_suffix('s')?;
    if digits.len() != 4 || !digits.ends_with('0') || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let y: i32 = digits.parse().ok()?;
    Some((
        i + 1,
        vec![
            ("notBefore", format!("{y:04}")),
            ("notAfter", format!("{:04}", y + 9)),
        ],
    ))
}

/// "29/5/45", "29/5/1845": day, month, year in British order.
pub fn numeric_at(
    text: &str,
    toks: &[Token<'_>],
    i: usize,
    century: Centuries,
) -> Option<(usize, Attrs)> {
    let (d, m, y) = (toks.get(i)?, toks.get(i + 1)?, toks.get(i + 2)?);
    if &text[d.end..m.start] != "/" || &text[m.end..y.start] != "/" {
        return None;
    }
    let day: u32 = d.text.parse().ok().filter(|d| (1..=31).contains(d))?;
    let month: u32 = m.text.parse().ok().filter(|m| (1..=12).contains(m))?;
    let (year, cert) = year_value(y.text, century)?;
    let attrs = if day <= days_in_month(year, month) {
        when(Day { year, month, day }, cert)
    } else {
        Attrs::new()
    };
    Some((i + 3, attrs))
}

/// A four-digit year, or a two-digit one with a known century (then `cert`).
pub fn year_value(word: &str, century: Centuries) -> Option<(i32, Option<&'static str>)> {
    if !word.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    match word.len() {
        4 => Some((word.parse().ok()?, None)),
        2 => Some((century.year(word.parse().ok()?)?, Some("medium"))),
        _ => None,
    }
}
