//! Time zones: a time typed in one (an HTML `datetime-local` field) read as an instant,
//! and an instant written out in another. The IANA database is compiled into the binary
//! (jiff's bundled copy), so every server reads zones the same, with or without
//! `/usr/share/zoneinfo`.

use jiff::civil::DateTime;
use jiff::tz::{self, TimeZone};
use jiff::Timestamp;
use std::sync::OnceLock;

/// The zone of someone who has not chosen one.
pub const DEFAULT: &str = "UTC";

/// The regions of the canonical `Area/City` names: the other names in the database are
/// old aliases (`US/Eastern`, `Etc/GMT+3`) that would only lengthen the list.
const AREAS: [&str; 9] = [
    "Africa/",
    "America/",
    "Antarctica/",
    "Asia/",
    "Atlantic/",
    "Australia/",
    "Europe/",
    "Indian/",
    "Pacific/",
];

/// The zones a person may choose, sorted, UTC first.
pub fn names() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: Vec<String> = tz::db()
            .available()
            .map(|name| name.as_str().to_owned())
            .filter(|name| AREAS.iter().any(|area| name.starts_with(area)))
            .collect();
        names.sort();
        names.insert(0, DEFAULT.to_owned());
        names
    })
}

/// The zone called `name`, if it is one offered.
pub fn get(name: &str) -> Option<TimeZone> {
    if !names().iter().any(|known| known == name) {
        return None;
    }
    tz::db().get(name).ok()
}

/// A stored zone name, or the default when none (or an unknown one) is stored.
pub fn or_default(name: Option<&str>) -> String {
    name.filter(|name| get(name).is_some())
        .unwrap_or(DEFAULT)
        .to_owned()
}

/// The instant of `typed` (`2027-01-15T15:00`, seconds optional) read in `zone`. A time
/// that the clocks skip (spring forward) reads as the same wall time after the jump.
pub fn parse_local(typed: &str, zone: &TimeZone) -> Option<i64> {
    let civil: DateTime = typed.trim().parse().ok()?;
    let zoned = civil.to_zoned_datetime(zone.clone()).ok()?;
    Some(zoned.timestamp().as_second())
}

/// `at` (Unix seconds) written out in `zone`: `2027-01-15 15:00`.
pub fn local(at: i64, zone: &TimeZone) -> String {
    format(at, zone, "%Y-%m-%d %H:%M")
}

/// `at` in `zone` as a `datetime-local` field holds it: `2027-01-15T15:00`.
pub fn field_value(at: i64, zone: &TimeZone) -> String {
    format(at, zone, "%Y-%m-%dT%H:%M")
}

/// `at` as iCalendar writes a UTC time: `20270115T140000Z`.
pub fn ical_utc(at: i64) -> String {
    format(at, &TimeZone::UTC, "%Y%m%dT%H%M%SZ")
}

fn format(at: i64, zone: &TimeZone, pattern: &str) -> String {
    match Timestamp::from_second(at) {
        Ok(instant) => instant
            .to_zoned_datetime(zone.clone())
            .strftime(pattern)
            .to_string(),
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(name: &str) -> TimeZone {
        get(name).expect("a known zone")
    }

    #[test]
    fn a_typed_time_is_read_in_its_zone_with_summer_time() {
        // 15:00 in Paris is 14:00 UTC in winter, 13:00 in summer.
        assert_eq!(
            parse_local("2027-01-15T15:00", &zone("Europe/Paris")),
            Some(1_800_021_600)
        );
        assert_eq!(
            parse_local("2027-07-15T15:00", &zone("Europe/Paris")),
            Some(1_815_656_400)
        );
        assert_eq!(parse_local("2027-02-30T15:00", &zone("UTC")), None);
        assert_eq!(parse_local("tomorrow", &zone("UTC")), None);
    }

    #[test]
    fn an_instant_is_written_in_the_readers_zone() {
        let at = 1_800_021_600; // 2027-01-15 14:00 UTC
        assert_eq!(local(at, &zone("Europe/Paris")), "2027-01-15 15:00");
        assert_eq!(local(at, &zone("America/Bogota")), "2027-01-15 09:00");
        assert_eq!(local(at, &zone("Asia/Kolkata")), "2027-01-15 19:30");
        assert_eq!(field_value(at, &zone("UTC")), "2027-01-15T14:00");
        assert_eq!(ical_utc(at + 5), "20270115T140005Z");
    }

    #[test]
    fn only_offered_zones_are_known() {
        assert!(get("Africa/Dakar").is_some());
        assert!(get("UTC").is_some());
        assert!(get("Mars/Olympus").is_none());
        assert!(get("US/Eastern").is_none());
        assert_eq!(or_default(Some("Nowhere")), "UTC");
        assert_eq!(names().first().map(String::as_str), Some("UTC"));
        assert!(names().len() > 300);
    }
}
