//! Dates, times and durations: the lexical forms of `dateTime`, `date`,
//! `time`, the `g*` types and `duration`, their values and partial order.
//!
//! A date or time value is the instant it names, in seconds (timezone
//! applied), and whether it had a timezone: XML Schema 1.0 compares a value
//! without one against one with it only when they are more than 14 hours
//! apart. Years follow XML Schema 1.0: there is no year 0000, and -0001 is
//! the year before 0001 (a leap year). Where Jing departs from XML Schema
//! (timezones, hour 24, milliseconds, duration equality), this follows Jing.

use super::decimal::Decimal;
use std::cmp::Ordering;

/// Which of the date and time types a lexical form belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateKind {
    /// `dateTime`: `2001-12-01T19:45:00Z`.
    DateTime,
    /// `date`: `2001-12-01`.
    Date,
    /// `time`: `19:45:00`.
    Time,
    /// `gYearMonth`: `2001-12`.
    GYearMonth,
    /// `gYear`: `2001`.
    GYear,
    /// `gMonthDay`: `--12-01`.
    GMonthDay,
    /// `gDay`: `---01`.
    GDay,
    /// `gMonth`: `--12`.
    GMonth,
}

/// A point in time (or a recurring one, for the `g*` types and `time`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Instant {
    /// Seconds since 1970-01-01T00:00:00, timezone applied.
    seconds: Decimal,
    /// Whether the lexical form had a timezone.
    zoned: bool,
    /// For a leap second (`:60`), its milliseconds plus one; otherwise 0.
    /// As in Jing, `23:59:60.5` is the instant `23:59:59.999` and 501
    /// milliseconds of leap: after every `23:59:59.x`, before midnight.
    leap: u32,
}

/// A duration: its years, months, days, hours, minutes and seconds, each
/// signed. As in Jing, two durations are equal when every component is
/// (`PT1.0S` equals `PT1S`, but `P1Y` does not equal `P12M`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Duration {
    parts: [Decimal; 6],
}

/// The fields read from a lexical form; missing ones take reference values
/// (1972 is a leap year, so `--02-29` is a valid `gMonthDay`).
struct Fields {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: Decimal,
    leap: u32,
    offset_minutes: Option<i64>,
}

/// A cursor over a lexical form.
struct Reader<'a> {
    s: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn eat(&mut self, b: u8) -> Option<()> {
        (self.s.get(self.pos) == Some(&b)).then(|| self.pos += 1)
    }

    fn digits(&mut self, n: usize) -> Option<u32> {
        let part = self.s.get(self.pos..self.pos + n)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        self.pos += n;
        Some(
            part.iter()
                .fold(0, |acc, &b| acc * 10 + u32::from(b - b'0')),
        )
    }

    fn run_of_digits(&mut self) -> &str {
        let start = self.pos;
        while self.s.get(self.pos).is_some_and(u8::is_ascii_digit) {
            self.pos += 1;
        }
        std::str::from_utf8(&self.s[start..self.pos]).unwrap_or_default()
    }

    fn at_end(&self) -> bool {
        self.pos == self.s.len()
    }

    /// `-?YYYY+`: at least four digits, no leading zero beyond four, not 0000.
    fn year(&mut self) -> Option<i64> {
        let negative = self.eat(b'-').is_some();
        let digits = self.run_of_digits();
        if digits.len() < 4 || (digits.len() > 4 && digits.starts_with('0')) || digits.len() > 15 {
            return None;
        }
        let year: i64 = digits.parse().ok()?;
        (year != 0).then_some(if negative { -year } else { year })
    }

    fn month(&mut self) -> Option<u32> {
        self.digits(2).filter(|m| (1..=12).contains(m))
    }

    fn day(&mut self) -> Option<u32> {
        self.digits(2).filter(|d| (1..=31).contains(d))
    }

    /// `hh:mm:ss(.s*)?`. As in Jing, the hour is 00 to 23 (no `24:00:00`),
    /// second 60 (a leap second) is allowed, and the value keeps milliseconds.
    fn time(&mut self, f: &mut Fields) -> Option<()> {
        f.hour = self.digits(2).filter(|h| *h < 24)?;
        self.eat(b':')?;
        f.minute = self.digits(2).filter(|m| *m < 60)?;
        self.eat(b':')?;
        let whole = self.digits(2).filter(|s| *s <= 60)?;
        let mut millis = 0;
        if self.eat(b'.').is_some() {
            // Jing keeps milliseconds: further digits are read but dropped.
            let frac = self.run_of_digits();
            let kept = format!("{:0<3}", &frac[..frac.len().min(3)]);
            millis = kept.parse().ok()?;
        }
        if whole == 60 {
            f.leap = millis + 1;
            f.second = Decimal::parse("59.999")?;
        } else {
            f.second = Decimal::parse(&format!("{whole}.{millis:03}"))?;
        }
        Some(())
    }

    /// An optional timezone `Z` or `(+|-)hh:mm`, then the end.
    fn timezone(&mut self) -> Option<Option<i64>> {
        if self.at_end() {
            return Some(None);
        }
        if self.eat(b'Z').is_some() {
            return self.at_end().then_some(Some(0));
        }
        let sign = if self.eat(b'+').is_some() {
            1
        } else {
            self.eat(b'-')?;
            -1
        };
        let hours = self.digits(2)?;
        self.eat(b':')?;
        let minutes = self.digits(2).filter(|m| *m < 60)?;
        // Jing (through Java's calendar) takes offsets from -13:00 to +14:00.
        let offset = sign * i64::from(hours * 60 + minutes);
        ((-13 * 60..=14 * 60).contains(&offset) && self.at_end()).then_some(Some(offset))
    }
}

/// Whether `year` (XML Schema numbering: no year 0) is a leap year.
fn is_leap(year: i64) -> bool {
    let y = if year < 0 { year + 1 } else { year };
    y.rem_euclid(4) == 0 && (y.rem_euclid(100) != 0 || y.rem_euclid(400) == 0)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to the date (proleptic Gregorian calendar).
fn days_from_civil(year: i64, month: u32, day: u32) -> i128 {
    let y = i128::from(if year < 0 { year + 1 } else { year }) - i128::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i128::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i128::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The value of `s` as a `kind` (already white-space collapsed).
pub fn parse_instant(kind: DateKind, s: &str) -> Option<Instant> {
    let mut r = Reader {
        s: s.as_bytes(),
        pos: 0,
    };
    let mut f = Fields {
        year: 1972,
        month: 12,
        day: 31,
        hour: 0,
        minute: 0,
        second: Decimal::zero(),
        leap: 0,
        offset_minutes: None,
    };
    read_fields(kind, &mut r, &mut f)?;
    if f.day > days_in_month(f.year, f.month) {
        return None;
    }
    f.offset_minutes = r.timezone()?;
    Some(instant_of(&f))
}

fn read_fields(kind: DateKind, r: &mut Reader<'_>, f: &mut Fields) -> Option<()> {
    use DateKind::*;
    if matches!(kind, DateTime | Date | GYearMonth | GYear) {
        f.year = r.year()?;
        f.month = 1;
        f.day = 1;
    }
    if matches!(kind, DateTime | Date | GYearMonth) {
        r.eat(b'-')?;
        f.month = r.month()?;
    }
    if matches!(kind, GMonthDay | GMonth) {
        r.eat(b'-')?;
        r.eat(b'-')?;
        f.month = r.month()?;
        f.day = 1;
    }
    if matches!(kind, DateTime | Date | GMonthDay) {
        r.eat(b'-')?;
        f.day = r.day()?;
    }
    if kind == GDay {
        r.eat(b'-')?;
        r.eat(b'-')?;
        r.eat(b'-')?;
        f.month = 1;
        f.day = r.day()?;
    }
    if kind == DateTime {
        r.eat(b'T')?;
    }
    if matches!(kind, DateTime | Time) {
        r.time(f)?;
    }
    Some(())
}

fn instant_of(f: &Fields) -> Instant {
    let days = days_from_civil(f.year, f.month, f.day);
    let whole = days * 86_400 + i128::from(f.hour * 3600 + f.minute * 60)
        - i128::from(f.offset_minutes.unwrap_or(0)) * 60;
    Instant {
        seconds: Decimal::from_i128(whole).add(&f.second),
        zoned: f.offset_minutes.is_some(),
        leap: f.leap,
    }
}

impl PartialOrd for Instant {
    fn partial_cmp(&self, other: &Instant) -> Option<Ordering> {
        if self.zoned == other.zoned {
            return Some(
                self.seconds
                    .cmp(&other.seconds)
                    .then(self.leap.cmp(&other.leap)),
            );
        }
        // One side has no timezone: it may be anywhere from -14:00 to +14:00.
        let slack = Decimal::from_i128(14 * 3600);
        let (zoned, local, flip) = if self.zoned {
            (&self.seconds, &other.seconds, false)
        } else {
            (&other.seconds, &self.seconds, true)
        };
        let order = if *zoned < local.add(&slack.negate()) {
            Ordering::Less
        } else if *zoned > local.add(&slack) {
            Ordering::Greater
        } else {
            return None;
        };
        Some(if flip { order.reverse() } else { order })
    }
}

/// The value of a `duration` lexical form `-?PnYnMnDTnHnMnS`.
pub fn parse_duration(s: &str) -> Option<Duration> {
    let (negative, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let body = body.strip_prefix('P')?;
    let (date, time) = match body.split_once('T') {
        Some((d, t)) if !t.is_empty() => (d, Some(t)),
        Some(_) => return None,
        None => (body, None),
    };
    let [years, months, days] = components(date, &['Y', 'M', 'D'], false)?;
    let [hours, minutes, secs] = match time {
        Some(t) => components(t, &['H', 'M', 'S'], true)?,
        None => [None, None, None],
    };
    let all = [&years, &months, &days, &hours, &minutes, &secs];
    if all.iter().all(|c| c.is_none()) {
        return None;
    }
    let parts = [years, months, days, hours, minutes, secs].map(|c| {
        let c = c.unwrap_or_else(Decimal::zero);
        if negative {
            c.negate()
        } else {
            c
        }
    });
    Some(Duration { parts })
}

/// Reads `nX` parts in the order of `designators`; only the last may have
/// a fraction when `fraction_last`.
fn components(
    s: &str,
    designators: &[char; 3],
    fraction_last: bool,
) -> Option<[Option<Decimal>; 3]> {
    let mut out: [Option<Decimal>; 3] = [None, None, None];
    let mut rest = s;
    let mut next = 0;
    while !rest.is_empty() {
        let end = rest.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
        let (number, tail) = rest.split_at(end);
        let designator = tail.chars().next()?;
        let slot = (next..3).find(|&i| designators[i] == designator)?;
        let fraction_ok = fraction_last && slot == 2;
        // Seconds may be `1.`, `.5` or `1.5`, as in Jing.
        let valid = match number.split_once('.') {
            None => !number.is_empty(),
            Some((i, f)) => fraction_ok && i.len() + f.len() > 0 && !f.contains('.'),
        };
        if !valid {
            return None;
        }
        out[slot] = Some(Decimal::parse(number)?);
        next = slot + 1;
        rest = &tail[1..];
    }
    Some(out)
}

impl Duration {
    /// The whole months: years and months.
    fn months(&self) -> Decimal {
        self.parts[0].mul_small(12).add(&self.parts[1])
    }

    /// The seconds: days, hours, minutes and seconds.
    fn seconds(&self) -> Decimal {
        self.parts[2]
            .mul_small(86_400)
            .add(&self.parts[3].mul_small(3600))
            .add(&self.parts[4].mul_small(60))
            .add(&self.parts[5])
    }

    /// The instant `self` after the first of the month `(year, month)`.
    fn after(&self, year: i64, month: u32) -> Option<Decimal> {
        // Beyond a trillion years the comparison is left undecided.
        let months = self
            .months()
            .to_i128()
            .filter(|m| m.abs() < 12_000_000_000_000)?;
        let index = i128::from(year) * 12 + i128::from(month - 1) + months;
        let y = i64::try_from(index.div_euclid(12)).ok()?;
        let m = u32::try_from(index.rem_euclid(12)).ok()? + 1;
        // Reference years are positive; month arithmetic uses astronomical years.
        let y = if y <= 0 { y - 1 } else { y };
        let days = days_from_civil(y, m, 1);
        Some(Decimal::from_i128(days * 86_400).add(&self.seconds()))
    }
}

impl PartialOrd for Duration {
    /// The order of XML Schema 1.0: compare the two durations added to each
    /// of four reference instants; they are ordered only if all four agree.
    fn partial_cmp(&self, other: &Duration) -> Option<Ordering> {
        if self == other {
            return Some(Ordering::Equal);
        }
        const REFERENCES: [(i64, u32); 4] = [(1696, 9), (1697, 2), (1903, 3), (1903, 7)];
        let mut orders = REFERENCES.iter().map(|&(y, m)| {
            let (a, b) = (self.after(y, m)?, other.after(y, m)?);
            Some(a.cmp(&b))
        });
        let first = orders.next()??;
        for order in orders {
            if order? != first {
                return None;
            }
        }
        (first != Ordering::Equal).then_some(first)
    }
}

#[cfg(test)]
mod tests;
