//! Meetings of an accepted introduction, between its two sides only (the same two that
//! move its stage): one proposes up to three times, the other picks one or proposes
//! others; either side moves or cancels it and the other is told by email, in their own
//! language and time zone. A reminder goes to both a day before; each side can add the
//! meeting to a calendar with its `.ics` file.

use super::follow_up::side_of;
use super::{events, IntroRow, Mailer};
use crate::domain::follow_up::Side;
use crate::domain::meeting::{
    allows, Meeting, MeetingAction, MeetingStatus, Mode, ProposalForm, ProposalInput, Slot,
    ValidProposal, REMINDER_BEFORE_SECS,
};
use crate::domain::{CurrentUser, FieldIssue, FormErrors};
use crate::i18n::Locale;
use crate::server::db::{self, Pool};
use crate::server::error::{Error, Result};
use crate::server::mail::{self, messages};
use crate::server::time_zones;
use anyhow::Context;
use jiff::tz::TimeZone;
use sqlx::AnyConnection;

/// A stored meeting.
#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    status: String,
    mode: String,
    place: String,
    minutes: i64,
    proposed_by: String,
    starts_at: Option<i64>,
}

impl Row {
    fn status(&self) -> MeetingStatus {
        MeetingStatus::parse(&self.status).unwrap_or(MeetingStatus::Cancelled)
    }

    fn proposed_by(&self) -> Side {
        Side::parse(&self.proposed_by).unwrap_or(Side::Sender)
    }

    /// Whether its time has passed: it was held (or missed), and is history.
    fn past(&self, now: i64) -> bool {
        self.status() == MeetingStatus::Confirmed
            && self
                .starts_at
                .is_some_and(|start| start + self.minutes * 60 <= now)
    }

    /// What the rules of [`allows`] need to know.
    fn state(&self, now: i64) -> (MeetingStatus, Side, bool) {
        (self.status(), self.proposed_by(), self.past(now))
    }
}

const COLUMNS: &str = "id, status, mode, place, minutes, proposed_by, starts_at";

/// The latest meeting of introduction `id`.
async fn latest(db: impl db::Executor<'_>, id: i64) -> Result<Option<Row>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM meetings WHERE intro_id = $1 ORDER BY id DESC LIMIT 1"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
    .context("Failed to load a meeting")?)
}

async fn slots_of(db: impl db::Executor<'_>, meeting: i64) -> Result<Vec<i64>> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT starts_at FROM meeting_slots WHERE meeting_id = $1 ORDER BY starts_at",
    )
    .bind(meeting)
    .fetch_all(db)
    .await
    .context("Failed to load a meeting's times")?;
    Ok(rows.into_iter().map(|(at,)| at).collect())
}

/// The time zone `user` reads times in (its name, and the zone).
pub async fn zone_of(db: impl db::Executor<'_>, user: i64) -> Result<(String, TimeZone)> {
    let stored: Option<(Option<String>,)> =
        sqlx::query_as("SELECT time_zone FROM users WHERE id = $1")
            .bind(user)
            .fetch_optional(db)
            .await
            .context("Failed to read a time zone")?;
    let name = time_zones::or_default(stored.and_then(|(zone,)| zone).as_deref());
    let zone = time_zones::get(&name).unwrap_or(TimeZone::UTC);
    Ok((name, zone))
}

/// Remembers the time zone `user` reads times in.
pub async fn set_zone(pool: &Pool, user: &CurrentUser, name: &str) -> Result<()> {
    if time_zones::get(name).is_none() {
        return Err(Error::Form(
            FormErrors::default().field("zone", FieldIssue::InvalidChoice),
        ));
    }
    sqlx::query("UPDATE users SET time_zone = $1 WHERE id = $2")
        .bind(name)
        .bind(user.id)
        .execute(pool)
        .await
        .context("Failed to save a time zone")?;
    Ok(())
}

/// The latest meeting of introduction `id` as `side` reads it in `zone` (none yet, or
/// the last one was cancelled: none).
pub async fn current(pool: &Pool, id: i64, zone: &TimeZone, now: i64) -> Result<Option<Meeting>> {
    let Some(row) = latest(pool, id).await? else {
        return Ok(None);
    };
    let status = row.status();
    if matches!(status, MeetingStatus::Cancelled | MeetingStatus::Replaced) {
        return Ok(None);
    }
    let times = match (status, row.starts_at) {
        (MeetingStatus::Confirmed, Some(start)) => vec![start],
        _ => slots_of(pool, row.id).await?,
    };
    Ok(Some(Meeting {
        id: row.id,
        status,
        mode: Mode::parse(&row.mode).unwrap_or(Mode::Online),
        place: row.place.clone(),
        minutes: u32::try_from(row.minutes).unwrap_or(60),
        proposed_by: row.proposed_by(),
        slots: times
            .into_iter()
            .map(|starts_at| Slot {
                starts_at,
                local: time_zones::local(starts_at, zone),
            })
            .collect(),
        past: row.past(now),
    }))
}

/// The accounts that act for `side` of an introduction: the member, or the admins of
/// the organization (and the member who wrote for it).
async fn people_of(tx: &mut AnyConnection, row: &IntroRow, side: Side) -> Result<Vec<i64>> {
    let (user, org) = match side {
        Side::Sender => (Some(row.sender_id), row.sender_org_id),
        Side::Recipient => (row.recipient_user_id, row.recipient_org_id),
    };
    let mut people: Vec<i64> = user.into_iter().collect();
    if let Some(org) = org {
        for (admin, _, _) in events::admins(tx, org).await? {
            if !people.contains(&admin) {
                people.push(admin);
            }
        }
    }
    Ok(people)
}

/// The accounts of both sides, each once (an admin of both organizations is told once).
async fn both_sides(tx: &mut AnyConnection, row: &IntroRow) -> Result<Vec<i64>> {
    let mut everyone = people_of(tx, row, Side::Sender).await?;
    for person in people_of(tx, row, Side::Recipient).await? {
        if !everyone.contains(&person) {
            everyone.push(person);
        }
    }
    Ok(everyone)
}

/// What the email says happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum News {
    Proposed,
    Confirmed,
    Cancelled,
    Reminder,
}

/// Emails each live account of `people` about the meeting (its times in their own zone).
async fn tell(
    tx: &mut AnyConnection,
    mailer: &Mailer,
    people: &[i64],
    news: News,
    intro: i64,
    times: &[i64],
    now: i64,
) -> Result<()> {
    for &person in people {
        let address: Option<(String, String, Option<String>)> = sqlx::query_as(
            "SELECT email, locale, time_zone FROM users WHERE id = $1 AND erased_at IS NULL",
        )
        .bind(person)
        .fetch_optional(&mut *tx)
        .await
        .context("Failed to read an address")?;
        let Some((email, locale, zone)) = address else {
            continue;
        };
        let name = time_zones::or_default(zone.as_deref());
        let zone = time_zones::get(&name).unwrap_or(TimeZone::UTC);
        let when: Vec<String> = times
            .iter()
            .map(|at| format!("{} ({name})", time_zones::local(*at, &zone)))
            .collect();
        let link = format!("{}/introductions/{intro}#meeting", mailer.public_url);
        let locale: Locale = crate::server::locale::from_code(&locale);
        let message = messages::meeting(email, locale, news, &when, &link);
        mail::enqueue(&mut *tx, &message, now).await?;
    }
    Ok(())
}

/// The refusal of an action on a meeting the other side changed since the page showed it.
fn changed() -> Error {
    Error::Form(FormErrors::default().field("meeting", FieldIssue::MeetingChanged))
}

/// The proposal with its times read in its zone (`None`: not a zone offered).
fn read(posted: &ProposalForm) -> Option<ProposalInput> {
    let zone = time_zones::get(&posted.zone)?;
    Some(ProposalInput {
        mode: posted.mode.clone(),
        link: posted.link.clone(),
        place: posted.place.clone(),
        minutes: posted.minutes.clone(),
        slots: posted
            .slots()
            .into_iter()
            .map(|typed| (!typed.trim().is_empty()).then(|| time_zones::parse_local(typed, &zone)))
            .collect(),
    })
}

/// Proposes times for a meeting. If the other side changed the meeting since the page
/// showed it (`posted.seen`), nothing changes and the person is told. A proposal replaces
/// the one waiting (other times in answer, or a change of one's own) and moves a
/// confirmed meeting still to come.
pub async fn propose(
    pool: &Pool,
    mailer: &Mailer,
    user: &CurrentUser,
    id: i64,
    posted: ProposalForm,
) -> Result<()> {
    let (intro, side, _) = side_of(pool, user, id).await?;
    let now = db::now();
    let refuse = |errors: FormErrors| Error::Form(posted.keep(errors));
    let input = read(&posted)
        .ok_or_else(|| refuse(FormErrors::default().field("zone", FieldIssue::InvalidChoice)))?;
    let valid: ValidProposal = input.validate(now).map_err(refuse)?;
    let seen = posted.seen;
    let zone_name = posted.zone.as_str();
    let mut tx = db::begin_write(pool)
        .await
        .context("Failed to begin a transaction")?;
    let before = latest(&mut *tx, id).await?;
    if before.as_ref().map_or(0, |m| m.id) != seen {
        return Err(changed());
    }
    if !allows(
        before.as_ref().map(|m| m.state(now)),
        side,
        MeetingAction::Propose,
    ) {
        return Err(changed());
    }
    if let Some(before) = before.as_ref().filter(|m| !m.past(now)) {
        sqlx::query(
            "UPDATE meetings SET status = 'replaced', updated_at = $1
             WHERE id = $2 AND status IN ('proposed', 'confirmed')",
        )
        .bind(now)
        .bind(before.id)
        .execute(&mut *tx)
        .await
        .context("Failed to replace a meeting")?;
    }
    let (meeting,): (i64,) = sqlx::query_as(
        "INSERT INTO meetings (intro_id, status, mode, place, minutes, proposed_by,
             proposed_by_user, created_at, updated_at)
         VALUES ($1, 'proposed', $2, $3, $4, $5, $6, $7, $7) RETURNING id",
    )
    .bind(id)
    .bind(valid.mode.code())
    .bind(&valid.place)
    .bind(i64::from(valid.minutes))
    .bind(side.code())
    .bind(user.id)
    .bind(now)
    .fetch_one(&mut *tx)
    .await
    .context("Failed to propose a meeting")?;
    for start in &valid.slots {
        sqlx::query("INSERT INTO meeting_slots (meeting_id, starts_at) VALUES ($1, $2)")
            .bind(meeting)
            .bind(start)
            .execute(&mut *tx)
            .await
            .context("Failed to store a meeting time")?;
    }
    // The zone the times were typed in is the one this person reads them in.
    sqlx::query("UPDATE users SET time_zone = $1 WHERE id = $2")
        .bind(zone_name)
        .bind(user.id)
        .execute(&mut *tx)
        .await
        .context("Failed to save a time zone")?;
    let others = people_of(&mut tx, &intro, side.other()).await?;
    tell(
        &mut tx,
        mailer,
        &others,
        News::Proposed,
        id,
        &valid.slots,
        now,
    )
    .await?;
    tx.commit().await.context("Failed to commit a proposal")?;
    mailer.wake.notify_one();
    Ok(())
}

/// Picks the time `starts_at` of meeting `meeting`, which the other side proposed; both
/// sides are told (and can add it to their calendars).
pub async fn pick(
    pool: &Pool,
    mailer: &Mailer,
    user: &CurrentUser,
    id: i64,
    meeting: i64,
    starts_at: i64,
) -> Result<()> {
    let (intro, side, _) = side_of(pool, user, id).await?;
    let now = db::now();
    let mut tx = db::begin_write(pool)
        .await
        .context("Failed to begin a transaction")?;
    let current = latest(&mut *tx, id).await?.filter(|m| m.id == meeting);
    let Some(current) = current else {
        return Err(changed());
    };
    if !allows(Some(current.state(now)), side, MeetingAction::Pick) {
        return Err(
            if current.proposed_by() == side && current.status() == MeetingStatus::Proposed {
                Error::Forbidden
            } else {
                changed()
            },
        );
    }
    if !slots_of(&mut *tx, meeting).await?.contains(&starts_at) || starts_at <= now {
        return Err(Error::Form(
            FormErrors::default().field("slot", FieldIssue::InvalidChoice),
        ));
    }
    let done = sqlx::query(
        "UPDATE meetings SET status = 'confirmed', starts_at = $1, updated_at = $2
         WHERE id = $3 AND status = 'proposed'",
    )
    .bind(starts_at)
    .bind(now)
    .bind(meeting)
    .execute(&mut *tx)
    .await
    .context("Failed to confirm a meeting")?;
    if done.rows_affected() == 0 {
        return Err(changed());
    }
    let everyone = both_sides(&mut tx, &intro).await?;
    tell(
        &mut tx,
        mailer,
        &everyone,
        News::Confirmed,
        id,
        &[starts_at],
        now,
    )
    .await?;
    tx.commit().await.context("Failed to commit a meeting")?;
    mailer.wake.notify_one();
    Ok(())
}

/// Cancels meeting `meeting` (waiting for an answer, or confirmed and still to come);
/// the other side is told.
pub async fn cancel(
    pool: &Pool,
    mailer: &Mailer,
    user: &CurrentUser,
    id: i64,
    meeting: i64,
) -> Result<()> {
    let (intro, side, _) = side_of(pool, user, id).await?;
    let now = db::now();
    let mut tx = db::begin_write(pool)
        .await
        .context("Failed to begin a transaction")?;
    let current = latest(&mut *tx, id).await?.filter(|m| m.id == meeting);
    let Some(current) = current.filter(|m| allows(Some(m.state(now)), side, MeetingAction::Cancel))
    else {
        return Err(changed());
    };
    let times = match current.starts_at {
        Some(start) => vec![start],
        None => slots_of(&mut *tx, meeting).await?,
    };
    let done = sqlx::query(
        "UPDATE meetings SET status = 'cancelled', updated_at = $1
         WHERE id = $2 AND status IN ('proposed', 'confirmed')",
    )
    .bind(now)
    .bind(meeting)
    .execute(&mut *tx)
    .await
    .context("Failed to cancel a meeting")?;
    if done.rows_affected() == 0 {
        return Err(changed());
    }
    let others = people_of(&mut tx, &intro, side.other()).await?;
    tell(&mut tx, mailer, &others, News::Cancelled, id, &times, now).await?;
    tx.commit()
        .await
        .context("Failed to commit a cancellation")?;
    mailer.wake.notify_one();
    Ok(())
}

/// Reminds both sides of every confirmed meeting starting within a day of `now`; each
/// once, however many servers sweep at the same moment. Returns how many were reminded.
pub async fn remind_due(pool: &Pool, mailer: &Mailer, now: i64) -> Result<u64> {
    let due: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT id, intro_id, starts_at FROM meetings
         WHERE status = 'confirmed' AND reminded_at IS NULL
           AND starts_at > $1 AND starts_at <= $2
         ORDER BY starts_at LIMIT 500",
    )
    .bind(now)
    .bind(now + REMINDER_BEFORE_SECS)
    .fetch_all(pool)
    .await
    .context("Failed to find meetings to remind")?;
    let mut reminded = 0;
    for (meeting, intro_id, starts_at) in due {
        let mut tx = db::begin_write(pool)
            .await
            .context("Failed to begin a transaction")?;
        let done = sqlx::query(
            "UPDATE meetings SET reminded_at = $1
             WHERE id = $2 AND reminded_at IS NULL AND status = 'confirmed'",
        )
        .bind(now)
        .bind(meeting)
        .execute(&mut *tx)
        .await
        .context("Failed to mark a reminder")?;
        if done.rows_affected() == 0 {
            continue;
        }
        let intro: Option<IntroRow> = sqlx::query_as(&format!(
            "SELECT {} FROM introductions i WHERE i.id = $1",
            super::INTRO_COLUMNS
        ))
        .bind(intro_id)
        .fetch_optional(&mut *tx)
        .await
        .context("Failed to load an introduction")?;
        let Some(intro) = intro else { continue };
        let everyone = both_sides(&mut tx, &intro).await?;
        tell(
            &mut tx,
            mailer,
            &everyone,
            News::Reminder,
            intro_id,
            &[starts_at],
            now,
        )
        .await?;
        tx.commit().await.context("Failed to commit a reminder")?;
        reminded += 1;
    }
    if reminded > 0 {
        mailer.wake.notify_one();
    }
    Ok(reminded)
}

/// The `.ics` file of the confirmed meeting of introduction `id`, for one of its two
/// sides: its time in UTC, the zone the reader reads it in, the link or the place.
pub async fn calendar_file(
    pool: &Pool,
    public_url: &str,
    user: &CurrentUser,
    id: i64,
) -> Result<String> {
    use icalendar::{Calendar, Component, Event, EventLike, Property};
    let (_, _, _) = side_of(pool, user, id).await?;
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM meetings WHERE intro_id = $1 AND status = 'confirmed'
         ORDER BY id DESC LIMIT 1"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await
    .context("Failed to load a meeting")?;
    let Some((row, start)) = row.and_then(|r| r.starts_at.map(|s| (r, s))) else {
        return Err(Error::NotFound);
    };
    let (zone_name, _) = zone_of(pool, user.id).await?;
    let utc = |at: i64| time::UtcDateTime::from_unix_timestamp(at).map_err(anyhow::Error::from);
    let host = public_url
        .split("://")
        .nth(1)
        .unwrap_or(public_url)
        .trim_end_matches('/');
    let page = format!("{public_url}/introductions/{id}");
    let mut event = Event::new();
    event
        .uid(&format!("meeting-{}@{host}", row.id))
        .add_property("DTSTAMP", time_zones::ical_utc(db::now()))
        .starts(utc(start)?)
        .ends(utc(start + row.minutes * 60)?)
        .summary("Passerelle")
        .description(&page)
        .url(&page)
        // The video link or the address: calendars show both as where to go.
        .location(&row.place);
    let mut calendar = Calendar::new();
    calendar
        .name("Passerelle")
        .append_property(Property::new("X-WR-TIMEZONE", &zone_name))
        .push(event.done());
    Ok(calendar.done().to_string())
}
