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
    assert_eq!(
        at(DateKind::DateTime, "2001-12-01T24:00:00"),
        at(DateKind::DateTime, "2001-12-02T00:00:00")
    );
    assert!(parse_instant(DateKind::Time, "24:00:01").is_none());
}

#[test]
fn durations_compare_on_four_reference_dates() {
    assert_eq!(dur("P1Y"), dur("P12M"));
    assert_eq!(dur("PT1M"), dur("PT60S"));
    assert!(dur("P364D") < dur("P1Y"));
    assert_eq!(dur("P1Y").partial_cmp(&dur("P365D")), None);
    assert!(dur("-P1D") < dur("PT0S"));
    for bad in ["P", "-P", "P1YT", "PT", "P1H", "P1.5Y", "PT1.S", "P1M1Y"] {
        assert!(parse_duration(bad).is_none(), "{bad:?}");
    }
}
