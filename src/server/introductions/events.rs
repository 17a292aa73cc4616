//! Events in the inbox (new introduction, introduction accepted, verification granted),
//! read or not; the header shows the unread count.

use crate::domain::{Event, EventKind};
use crate::i18n::Locale;
use crate::server::db::Pool;
use crate::server::error::{Error, Result};
use anyhow::Context;
use sqlx::AnyConnection;

/// What happened.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    IntroReceived,
    IntroAccepted,
    IntroExpired,
    VerificationGranted,
}

impl Kind {
    fn code(self) -> &'static str {
        match self {
            Self::IntroReceived => "intro_received",
            Self::IntroAccepted => "intro_accepted",
            Self::IntroExpired => "intro_expired",
            Self::VerificationGranted => "verification_granted",
        }
    }
}

/// Records an event for one account.
pub async fn add(
    tx: &mut AnyConnection,
    user_id: i64,
    kind: Kind,
    introduction: Option<i64>,
    org_id: Option<i64>,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO events (user_id, kind, introduction_id, org_id, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(user_id)
    .bind(kind.code())
    .bind(introduction)
    .bind(org_id)
    .bind(now)
    .execute(&mut *tx)
    .await
    .context("Failed to record an event")?;
    Ok(())
}

/// The accounts that administer an organization (owners and admins).
pub async fn admins(tx: &mut AnyConnection, org_id: i64) -> Result<Vec<(i64, String, Locale)>> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT u.id, u.email, u.locale FROM org_members m JOIN users u ON u.id = m.user_id
         WHERE m.org_id = $1 AND m.role IN ('owner', 'admin') ORDER BY u.id",
    )
    .bind(org_id)
    .fetch_all(&mut *tx)
    .await
    .context("Failed to list an organization's admins")?;
    Ok(rows
        .into_iter()
        .map(|(id, email, code)| (id, email, crate::server::locale::from_code(&code)))
        .collect())
}

/// Records an event for every admin of an organization.
pub async fn for_org_admins(
    tx: &mut AnyConnection,
    org_id: i64,
    kind: Kind,
    introduction: Option<i64>,
    now: i64,
) -> Result<()> {
    for (user_id, _, _) in admins(tx, org_id).await? {
        add(tx, user_id, kind, introduction, Some(org_id), now).await?;
    }
    Ok(())
}

/// How many events the account has not read.
pub async fn unread(pool: &Pool, user_id: i64) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM events WHERE user_id = $1 AND read_at IS NULL")
            .bind(user_id)
            .fetch_one(pool)
            .await
            .context("Failed to count unread events")?,
    )
}

/// Marks one event (or, with `None`, every event) of the account read.
pub async fn mark_read(pool: &Pool, user_id: i64, id: Option<i64>, now: i64) -> Result<()> {
    let done = sqlx::query(
        "UPDATE events SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL AND ($3 IS NULL OR id = $3)",
    )
    .bind(now)
    .bind(user_id)
    .bind(id)
    .execute(pool)
    .await
    .context("Failed to mark events read")?;
    if id.is_some() && done.rows_affected() == 0 {
        let mine: crate::server::db::Flag = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM events WHERE id = $1 AND user_id = $2)",
        )
        .bind(id)
        .bind(user_id)
        .fetch_one(pool)
        .await
        .context("Failed to find an event")?;
        if !mine.0 {
            return Err(Error::NotFound);
        }
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    kind: String,
    created_at: i64,
    read_at: Option<i64>,
    sender_id: Option<i64>,
    sender_name: Option<String>,
    sender_org: Option<String>,
    recipient_name: Option<String>,
    recipient_org: Option<String>,
    org_name: Option<String>,
    org_slug: Option<String>,
}

/// The account's latest events, newest first.
pub async fn list(pool: &Pool, user_id: i64) -> Result<Vec<Event>> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT e.id, e.kind, e.created_at, e.read_at, i.sender_id,
                su.display_name AS sender_name, so.name AS sender_org,
                ru.display_name AS recipient_name, ro.name AS recipient_org,
                o.name AS org_name, o.slug AS org_slug
         FROM events e
         LEFT JOIN introductions i ON i.id = e.introduction_id
         LEFT JOIN users su ON su.id = i.sender_id
         LEFT JOIN organizations so ON so.id = i.sender_org_id
         LEFT JOIN users ru ON ru.id = i.recipient_user_id
         LEFT JOIN organizations ro ON ro.id = i.recipient_org_id
         LEFT JOIN organizations o ON o.id = e.org_id
         WHERE e.user_id = $1 ORDER BY e.created_at DESC, e.id DESC LIMIT 50",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await
    .context("Failed to list events")?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let kind = match r.kind.as_str() {
                "intro_received" => EventKind::IntroReceived {
                    from: r.sender_org.or(r.sender_name)?,
                },
                "intro_accepted" => EventKind::IntroAccepted {
                    by: r.recipient_org.or(r.recipient_name)?,
                },
                "intro_expired" if r.sender_id == Some(user_id) => EventKind::IntroExpired {
                    with: r.recipient_org.or(r.recipient_name)?,
                    sent: true,
                },
                "intro_expired" => EventKind::IntroExpired {
                    with: r.sender_org.or(r.sender_name)?,
                    sent: false,
                },
                _ => EventKind::VerificationGranted {
                    organization: r.org_name?,
                    slug: r.org_slug?,
                },
            };
            Some(Event {
                id: r.id,
                kind,
                created_at: r.created_at,
                read: r.read_at.is_some(),
            })
        })
        .collect())
}
