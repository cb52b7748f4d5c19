//! Unit tests of date, time and duration parsing and order.

use super::*;

fn at(kind: DateKind, s: &str) -> Instant {
    parse_instant(kind, s).unwrap_or_else(|| panic!("{s:?} is a valid {kind:?}"))
}

fn dur(s: &str) -> Duration {
    parse_duration(s).unwrap_or_else(|| panic!("{s:?} is a valid duration"))
}

#[test]
fn leap_years_have_no_year_zero() {
    assert!(parse_instant(DateKind::Date, "-0001-02-29").is_some());
    assert!(parse_instant(DateKind::Date, "0004-02-29").is_some());
    assert!(parse_instant(DateKind::Date, "1900-02-29").is_none());
    assert!(parse_instant(DateKind::Date, "2000-02-29").is_some());
    assert!(parse_instant(DateKind::Date, "0000-01-01").is_none());
    assert!(parse_instant(DateKind::GMonthDay, "--02-29").is_some());
    assert!(parse_instant(DateKind::GMonthDay, "--04-31").is_none());
}

#[test]
fn timezones_normalize_to_one_instant() {
    let a = at(DateKind::DateTime, "2001-12-01T19:45:00Z");
    let b = at(DateKind::DateTime, "2001-12-01T20:45:00+01:00");
    assert_eq!(a, b);
    let local = at(DateKind::DateTime, "2001-12-01T19:45:00");
    assert_ne!(a, local);
    assert_eq!(a.partial_cmp(&local), None);
    let much_later = at(DateKind::DateTime, "2001-12-03T19:45:00");
    assert_eq!(a.partial_cmp(&much_later), Some(Ordering::Less));
    assert!(parse_instant(DateKind::Time, "12:00:00+14:01").is_none());
    assert!(parse_instant(DateKind::Time, "12:00:00-13:00").is_some());
    assert!(parse_instant(DateKind::Time, "12:00:00-13:30").is_none());
    // As in Jing: no hour 24, a leap second 60, an empty fraction.
    assert!(parse_instant(DateKind::Time, "24:00:00").is_none());
    assert!(parse_instant(DateKind::Time, "23:59:60").is_some());
    assert!(parse_instant(DateKind::Time, "23:59:61").is_none());
    assert_eq!(
        at(DateKind::Time, "12:00:00."),
        at(DateKind::Time, "12:00:00.000")
    );
    // A leap second is after every other second of its minute, before the next.
    let leap = at(DateKind::Time, "23:59:60.5");
    assert!(leap > at(DateKind::Time, "23:59:59.999"));
    assert!(leap < at(DateKind::Time, "23:59:60.6"));
    assert_ne!(
        at(DateKind::DateTime, "2001-12-31T23:59:60Z"),
        at(DateKind::DateTime, "2002-01-01T00:00:00Z")
    );
    // Jing keeps milliseconds only.
    assert_eq!(
        at(DateKind::Time, "12:00:00.0001"),
        at(DateKind::Time, "12:00:00")
    );
    assert!(at(DateKind::Time, "12:00:00.001") > at(DateKind::Time, "12:00:00"));
}

#[test]
fn durations_compare_on_four_reference_dates() {
    // As in Jing, equal durations have equal components.
    assert_ne!(dur("P1Y"), dur("P12M"));
    assert_eq!(dur("P1Y").partial_cmp(&dur("P12M")), None);
    assert_ne!(dur("PT1M"), dur("PT60S"));
    assert_eq!(dur("P0D"), dur("-PT0S"));
    assert!(dur("PT59S") < dur("PT1M"));
    assert!(dur("P364D") < dur("P1Y"));
    assert_eq!(dur("P1Y").partial_cmp(&dur("P365D")), None);
    assert!(dur("-P1D") < dur("PT0S"));
    assert_eq!(dur("PT1.S"), dur("PT1S"));
    assert_eq!(dur("PT.5S"), dur("PT0.5S"));
    for bad in [
        "P", "-P", "P1YT", "PT", "P1H", "P1.5Y", "PT1.5H", "PT.S", "P1M1Y",
    ] {
        assert!(parse_duration(bad).is_none(), "{bad:?}");
    }
}
