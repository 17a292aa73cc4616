//! Freshness: whether a profile or an organization is still what its owner says, and
//! what follows when nobody has said so for a long time. Plain rules of two instants
//! (Unix seconds), so the unit tests run them with a fixed clock.
//!
//! An owner *confirms* by saving their profile or organization, or by the one-click
//! "still accurate" (signed in, or from the link of a reminder). Then:
//! - [`REMIND_BEFORE_DAYS`] before [`STALE_AFTER_DAYS`] days, the owner is reminded by email;
//! - after [`STALE_AFTER_DAYS`], it ranks lower in matching ([`STALE_PENALTY`] of its
//!   points), the reason shown;
//! - [`WARN_BEFORE_DELISTING_DAYS`] before [`DELIST_AFTER_DAYS`], the owner is told it will
//!   leave the directory, and it leaves no sooner than that many days after being told.

use serde::{Deserialize, Serialize};

const DAY: i64 = 24 * 3600;

/// Days after a confirmation before a profile counts as stale (twelve months).
pub const STALE_AFTER_DAYS: i64 = 365;
/// The reminders, in days before it turns stale.
pub const REMIND_BEFORE_DAYS: [i64; 3] = [60, 30, 15];
/// Days after a confirmation before it leaves the directory (24 months).
pub const DELIST_AFTER_DAYS: i64 = 730;
/// How long before leaving the directory the owner is told; at least that long.
pub const WARN_BEFORE_DELISTING_DAYS: i64 = 15;
/// The share of its points a stale candidate loses in matching.
pub const STALE_PENALTY: f64 = 0.25;
/// How long the link of a reminder confirms, in days.
pub const LINK_VALID_DAYS: i64 = 30;

/// What a reminder's link confirms, as its page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FreshnessLink {
    /// An organization (else the recipient's own profile).
    pub organization: bool,
    pub name: String,
    /// Its page.
    pub path: String,
    pub confirmed_at: i64,
    pub delisted: bool,
}

/// Where a record stands, as its page and the matcher see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Standing {
    /// Confirmed within twelve months.
    Current,
    /// Not confirmed for twelve months: ranked lower.
    Stale,
    /// Out of the directory and matching until its owner confirms it.
    Delisted,
}

/// What has been sent since the last confirmation, stored as a small number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Notice {
    /// A reminder, `n` of [`REMIND_BEFORE_DAYS`] (0 is 60 days before).
    Reminder(u8),
    /// It will leave the directory in [`WARN_BEFORE_DELISTING_DAYS`] days.
    LeavingSoon,
    /// It has left the directory.
    Delisted,
}

impl Notice {
    /// The number stored in `freshness_notice` once this notice went (0: none yet).
    pub fn stage(self) -> i64 {
        match self {
            Self::Reminder(n) => i64::from(n) + 1,
            Self::LeavingSoon => 4,
            Self::Delisted => 5,
        }
    }
}

/// The instant before which a confirmation makes a record stale at `now`.
pub fn stale_before(now: i64) -> i64 {
    now - STALE_AFTER_DAYS * DAY
}

/// Whether a record confirmed at `confirmed_at` is stale at `now`.
pub fn is_stale(confirmed_at: i64, now: i64) -> bool {
    confirmed_at < stale_before(now)
}

/// The standing of a record confirmed at `confirmed_at`, delisted or not.
pub fn standing(confirmed_at: i64, delisted: bool, now: i64) -> Standing {
    if delisted {
        Standing::Delisted
    } else if is_stale(confirmed_at, now) {
        Standing::Stale
    } else {
        Standing::Current
    }
}

/// The notice due at `now` for a record confirmed at `confirmed_at`, of which notices up to
/// `stage` went, the last at `noticed_at`; `None` when nothing is due. Only the latest
/// notice due goes (a late sweep does not send three reminders at once), and delisting
/// waits until the owner was told [`WARN_BEFORE_DELISTING_DAYS`] days before.
pub fn due(confirmed_at: i64, stage: i64, noticed_at: Option<i64>, now: i64) -> Option<Notice> {
    let age = now - confirmed_at;
    let delist_at = DELIST_AFTER_DAYS * DAY;
    let warned = stage >= Notice::LeavingSoon.stage();
    if stage >= Notice::Delisted.stage() {
        return None;
    }
    if warned {
        let told_long_enough =
            noticed_at.is_some_and(|at| now - at >= WARN_BEFORE_DELISTING_DAYS * DAY);
        return (age >= delist_at && told_long_enough).then_some(Notice::Delisted);
    }
    if age >= delist_at - WARN_BEFORE_DELISTING_DAYS * DAY {
        return Some(Notice::LeavingSoon);
    }
    let stale_at = STALE_AFTER_DAYS * DAY;
    let reminder = (0u8..)
        .zip(REMIND_BEFORE_DAYS)
        .filter(|(_, before)| age >= stale_at - before * DAY)
        .map(|(n, _)| Notice::Reminder(n))
        .last()?;
    // Reminders belong to the year before it turns stale; once it is stale, the next
    // word is the warning before delisting.
    (reminder.stage() > stage && age < stale_at).then_some(reminder)
}

/// How many points a stale candidate loses from `points` (before text relevance).
pub fn penalty(points: f64) -> f64 {
    points * STALE_PENALTY
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_700_000_000;

    fn at(days: i64) -> i64 {
        T0 + days * DAY
    }

    #[test]
    fn reminders_go_60_30_and_15_days_before_the_year_is_up() {
        assert_eq!(due(T0, 0, None, at(304)), None);
        assert_eq!(due(T0, 0, None, at(305)), Some(Notice::Reminder(0)));
        assert_eq!(due(T0, 1, Some(at(305)), at(320)), None);
        assert_eq!(
            due(T0, 1, Some(at(305)), at(335)),
            Some(Notice::Reminder(1))
        );
        assert_eq!(
            due(T0, 2, Some(at(335)), at(350)),
            Some(Notice::Reminder(2))
        );
        assert_eq!(due(T0, 3, Some(at(350)), at(364)), None);
    }

    #[test]
    fn a_late_sweep_sends_only_the_latest_reminder() {
        assert_eq!(due(T0, 0, None, at(352)), Some(Notice::Reminder(2)));
    }

    #[test]
    fn a_stale_record_gets_no_more_reminders_but_a_warning_before_it_leaves() {
        assert_eq!(due(T0, 0, None, at(400)), None);
        assert_eq!(due(T0, 3, Some(at(350)), at(714)), None);
        assert_eq!(
            due(T0, 3, Some(at(350)), at(715)),
            Some(Notice::LeavingSoon)
        );
    }

    #[test]
    fn delisting_comes_at_24_months_and_never_before_the_owner_was_told() {
        assert_eq!(due(T0, 4, Some(at(715)), at(729)), None);
        assert_eq!(due(T0, 4, Some(at(715)), at(730)), Some(Notice::Delisted));
        // Never reminded (the sweep was off for a year): warned first, delisted 15 days on.
        assert_eq!(due(T0, 0, None, at(900)), Some(Notice::LeavingSoon));
        assert_eq!(due(T0, 4, Some(at(900)), at(910)), None);
        assert_eq!(due(T0, 4, Some(at(900)), at(915)), Some(Notice::Delisted));
        assert_eq!(due(T0, 5, Some(at(915)), at(1000)), None);
    }

    #[test]
    fn a_record_turns_stale_after_twelve_months_and_loses_a_quarter_of_its_points() {
        assert_eq!(standing(T0, false, at(365)), Standing::Current);
        assert_eq!(standing(T0, false, at(366)), Standing::Stale);
        assert_eq!(standing(T0, true, at(10)), Standing::Delisted);
        assert!((penalty(80.0) - 20.0).abs() < 1e-9);
    }
}
