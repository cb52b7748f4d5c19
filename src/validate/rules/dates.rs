//! ISO 8601 dates as TEI's dating attributes hold them (`teidata.temporal.w3c`):
//! `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (with an optional time), `--MM-DD`, `--MM`
//! and `---DD`, years perhaps negative or longer than four digits.

use std::cmp::Ordering;

/// A day as (year, month, day), ordered as dates are.
pub type Day = (i64, u32, u32);

/// A parsed date: the year when given, and the month and day when given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IsoDate {
    /// The year, if the value has one.
    pub year: Option<i64>,
    /// The month (1–12), if given.
    pub month: Option<u32>,
    /// The day (1–31), if given.
    pub day: Option<u32>,
}

/// Why a value is not a real date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateProblem {
    /// Not in any ISO 8601 form TEI allows.
    Form,
    /// A month outside 1–12.
    Month(u32),
    /// A day the month does not have.
    Day {
        /// The day.
        day: u32,
        /// The days the month has.
        max: u32,
    },
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn days_in_month(year: Option<i64>, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
            Some(_) => 28,
            None => 29,
        },
        _ => 31,
    }
}

/// Parses a dating attribute's value and checks that the date exists.
///
/// # Errors
///
/// The [`DateProblem`] that makes it no real date.
pub fn parse(value: &str) -> Result<IsoDate, DateProblem> {
    let date_part = value.split('T').next().unwrap_or("");
    let date_part = strip_zone(date_part);
    let (year, rest) = if let Some(rest) = date_part.strip_prefix("--") {
        (None, rest)
    } else {
        let (sign, body) = date_part
            .strip_prefix('-')
            .map_or((1, date_part), |b| (-1, b));
        let (y, rest) = body.split_once('-').unwrap_or((body, ""));
        if !digits(y) || y.len() < 4 || (y.len() > 4 && y.starts_with('0')) {
            return Err(DateProblem::Form);
        }
        (
            Some(sign * y.parse::<i64>().map_err(|_| DateProblem::Form)?),
            rest,
        )
    };
    let parts: Vec<&str> = if rest.is_empty() {
        Vec::new()
    } else {
        rest.split('-').collect()
    };
    let (month, day) = match (year, parts.as_slice()) {
        (Some(_), []) => (None, None),
        (Some(_), [m]) | (None, [m]) if m.len() == 2 => (Some(*m), None),
        (Some(_), [m, d]) | (None, [m, d]) if m.len() == 2 && d.len() == 2 => (Some(*m), Some(*d)),
        (None, ["", d]) if d.len() == 2 => (None, Some(*d)),
        _ => return Err(DateProblem::Form),
    };
    let num = |s: Option<&str>| -> Result<Option<u32>, DateProblem> {
        s.map(|s| {
            if digits(s) {
                s.parse().map_err(|_| DateProblem::Form)
            } else {
                Err(DateProblem::Form)
            }
        })
        .transpose()
    };
    let (month, day) = (num(month)?, num(day)?);
    if let Some(m) = month {
        if !(1..=12).contains(&m) {
            return Err(DateProblem::Month(m));
        }
    }
    if let Some(d) = day {
        let max = month.map_or(31, |m| days_in_month(year, m));
        if d == 0 || d > max {
            return Err(DateProblem::Day { day: d, max });
        }
    }
    Ok(IsoDate { year, month, day })
}

fn strip_zone(s: &str) -> &str {
    if let Some(z) = s.strip_suffix('Z') {
        return z;
    }
    if s.len() > 6
        && (s.as_bytes()[s.len() - 6] == b'+'
            || (s.as_bytes()[s.len() - 6] == b'-' && s.as_bytes()[s.len() - 3] == b':'))
    {
        return &s[..s.len() - 6];
    }
    s
}

impl IsoDate {
    /// The earliest and latest day the date may mean, as (year, month, day);
    /// `None` without a year.
    #[must_use]
    pub fn bounds(&self) -> Option<(Day, Day)> {
        let y = self.year?;
        let (m0, m1) = self.month.map_or((1, 12), |m| (m, m));
        let d0 = self.day.unwrap_or(1);
        let d1 = self.day.unwrap_or_else(|| days_in_month(Some(y), m1));
        Some(((y, m0, d0), (y, m1, d1)))
    }

    /// Whether `self` certainly lies after `other` (every day it may mean is
    /// later than every day `other` may mean); `None` when either lacks a year.
    #[must_use]
    pub fn after(&self, other: &IsoDate) -> Option<bool> {
        let (a0, _) = self.bounds()?;
        let (_, b1) = other.bounds()?;
        Some(a0.cmp(&b1) == Ordering::Greater)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_tei_allows() {
        for v in [
            "2003",
            "2003-07",
            "2003-07-26",
            "2003-07-26T10:00:00",
            "2003-07-26Z",
            "--07-26",
            "--07",
            "---26",
            "-0044-03-15",
            "12003",
        ] {
            assert!(parse(v).is_ok(), "{v}");
        }
    }

    #[test]
    fn dates_that_do_not_exist() {
        assert_eq!(
            parse("1850-02-30"),
            Err(DateProblem::Day { day: 30, max: 28 })
        );
        assert_eq!(
            parse("1900-02-29"),
            Err(DateProblem::Day { day: 29, max: 28 })
        );
        assert!(parse("2000-02-29").is_ok());
        assert_eq!(parse("1850-13"), Err(DateProblem::Month(13)));
        assert_eq!(parse("--04-31"), Err(DateProblem::Day { day: 31, max: 30 }));
        for v in ["26 July 2003", "03", "2003/07/26", "2003-7-26", ""] {
            assert_eq!(parse(v), Err(DateProblem::Form), "{v}");
        }
    }

    #[test]
    fn order_respects_precision() {
        let d = |s| parse(s).unwrap();
        assert_eq!(d("1851").after(&d("1850-12-31")), Some(true));
        assert_eq!(d("1850").after(&d("1850-06")), Some(false));
        assert_eq!(d("1850-06-02").after(&d("1850-06")), Some(false));
        assert_eq!(d("--06-02").after(&d("1850")), None);
    }
}
