//! Freshness on the server (the rules are `domain::freshness`): confirming a profile or
//! an organization as still accurate, the one-click links of the reminders, and the
//! hourly sweep that reminds owners, warns them, and takes what nobody confirmed in 24
//! months out of the directory and matching.
//!
//! A reminder's link holds a 256-bit random token of which only the SHA-256 is stored
//! (as `db::tokens` does for account links): unforgeable without a key to keep or rotate,
//! used by deleting it (so it works once), and it expires. Opening it shows a page with
//! one button; the click confirms, with no log-in, and only the record the link was
//! sent for.

use crate::domain::freshness::{self, Notice, LINK_VALID_DAYS};
use crate::domain::{CurrentUser, FreshnessLink, OrgRole};
use crate::server::db::{self, audit, tokens, Pool, Tx};
use crate::server::error::{Error, Result};
use crate::server::introductions::Mailer;
use crate::server::mail::{self, messages};
use anyhow::Context;

const DAY: i64 = 24 * 3600;

/// What is confirmed: a member's profile (by its owner's id) or an organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Profile(i64),
    Organization(i64),
}

impl Subject {
    fn table(self) -> (&'static str, &'static str, i64) {
        match self {
            Self::Profile(id) => ("profiles", "user_id", id),
            Self::Organization(id) => ("organizations", "id", id),
        }
    }

    fn link_column(self) -> &'static str {
        match self {
            Self::Profile(_) => "profile_id",
            Self::Organization(_) => "org_id",
        }
    }
}

/// Marks `subject` confirmed at `now`: current again, back in the directory if it had
/// left, its notices to start over, its links spent. False when there is no such record.
async fn confirm(tx: &mut Tx<'_>, subject: Subject, now: i64) -> anyhow::Result<bool> {
    let (table, key, id) = subject.table();
    let done = sqlx::query(&format!(
        "UPDATE {table} SET confirmed_at = $1, freshness_notice = 0,
             freshness_noticed_at = NULL, delisted_at = NULL WHERE {key} = $2"
    ))
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await
    .context("Failed to confirm a record")?;
    sqlx::query(&format!(
        "DELETE FROM freshness_links WHERE {} = $1",
        subject.link_column()
    ))
    .bind(id)
    .execute(&mut **tx)
    .await
    .context("Failed to drop confirmation links")?;
    Ok(done.rows_affected() == 1)
}

/// "Still accurate", signed in: `organization` empty for one's own profile, else the slug
/// of an organization `user` administers.
pub async fn confirm_signed_in(pool: &Pool, user: &CurrentUser, organization: &str) -> Result<()> {
    let subject = if organization.trim().is_empty() {
        Subject::Profile(user.id)
    } else {
        let org =
            crate::server::organizations::find_for(pool, organization.trim(), user, OrgRole::Admin)
                .await?;
        Subject::Organization(org.id)
    };
    let now = db::now();
    let mut tx = db::begin_write(pool)
        .await
        .context("Failed to begin a transaction")?;
    if !confirm(&mut tx, subject, now).await? {
        return Err(Error::NotFound);
    }
    audit::record(
        &mut *tx,
        Some(user.id),
        audit::Action::ConfirmedAccurate,
        "",
        now,
    )
    .await?;
    tx.commit()
        .await
        .context("Failed to commit a confirmation")?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct LinkRow {
    user_id: i64,
    profile_id: Option<i64>,
    org_id: Option<i64>,
}

impl LinkRow {
    fn subject(&self) -> Option<Subject> {
        match (self.profile_id, self.org_id) {
            (Some(id), None) => Some(Subject::Profile(id)),
            (None, Some(id)) => Some(Subject::Organization(id)),
            _ => None,
        }
    }
}

/// What a link would confirm, while it is valid.
pub async fn link(pool: &Pool, token: &str, now: i64) -> Result<Option<FreshnessLink>> {
    let row: Option<LinkRow> = sqlx::query_as(
        "SELECT user_id, profile_id, org_id FROM freshness_links
         WHERE token_hash = $1 AND expires_at > $2",
    )
    .bind(tokens::digest(token))
    .bind(now)
    .fetch_optional(pool)
    .await
    .context("Failed to look up a confirmation link")?;
    let Some(subject) = row.as_ref().and_then(LinkRow::subject) else {
        return Ok(None);
    };
    Ok(Some(describe(pool, subject).await?))
}

/// The name, page and last confirmation of a record.
async fn describe(pool: &Pool, subject: Subject) -> anyhow::Result<FreshnessLink> {
    let (name, path, confirmed_at, delisted_at): (String, String, i64, Option<i64>) = match subject
    {
        Subject::Profile(id) => {
            let (name, confirmed_at, delisted_at): (String, i64, Option<i64>) = sqlx::query_as(
                "SELECT u.display_name, p.confirmed_at, p.delisted_at
                         FROM profiles p JOIN users u ON u.id = p.user_id WHERE p.user_id = $1",
            )
            .bind(id)
            .fetch_one(pool)
            .await
            .context("Failed to read a profile to confirm")?;
            (name, format!("/members/{id}"), confirmed_at, delisted_at)
        }
        Subject::Organization(id) => {
            let (name, slug, confirmed_at, delisted_at): (String, String, i64, Option<i64>) =
                sqlx::query_as(
                    "SELECT name, slug, confirmed_at, delisted_at FROM organizations
                         WHERE id = $1",
                )
                .bind(id)
                .fetch_one(pool)
                .await
                .context("Failed to read an organization to confirm")?;
            (
                name,
                format!("/organizations/{slug}"),
                confirmed_at,
                delisted_at,
            )
        }
    };
    Ok(FreshnessLink {
        organization: matches!(subject, Subject::Organization(_)),
        name,
        path,
        confirmed_at,
        delisted: delisted_at.is_some(),
    })
}

/// Confirms through a reminder's link, which is spent; `NotFound` when it expired or
/// was used. Returns what it confirmed.
pub async fn confirm_by_link(pool: &Pool, token: &str) -> Result<FreshnessLink> {
    let now = db::now();
    let mut tx = db::begin_write(pool)
        .await
        .context("Failed to begin a transaction")?;
    let row: Option<LinkRow> = sqlx::query_as(
        "DELETE FROM freshness_links WHERE token_hash = $1 AND expires_at > $2
         RETURNING user_id, profile_id, org_id",
    )
    .bind(tokens::digest(token))
    .bind(now)
    .fetch_optional(&mut *tx)
    .await
    .context("Failed to use a confirmation link")?;
    let (Some(row), Some(subject)) = (row.as_ref(), row.as_ref().and_then(LinkRow::subject)) else {
        return Err(Error::NotFound);
    };
    confirm(&mut tx, subject, now).await?;
    audit::record(
        &mut *tx,
        Some(row.user_id),
        audit::Action::ConfirmedAccurate,
        "by link",
        now,
    )
    .await?;
    tx.commit()
        .await
        .context("Failed to commit a confirmation")?;
    Ok(describe(pool, subject).await?)
}

/// How many records one sweep looks at, per kind: the next sweep takes the rest.
const SWEEP_BATCH: i64 = 500;

/// Sends the notices due at `now` and delists what nobody confirmed in 24 months, each
/// record in a transaction of its own and once however many servers sweep (the one
/// whose update finds the stage unchanged sends). Returns how many notices went.
pub async fn sweep(pool: &Pool, mailer: &Mailer, now: i64) -> Result<u64> {
    let mut sent = 0;
    for kind in [
        Subject::Profile as fn(i64) -> Subject,
        Subject::Organization,
    ] {
        let (table, key, _) = kind(0).table();
        // The first reminder is the earliest notice: nothing younger can be due.
        let first = freshness::STALE_AFTER_DAYS - freshness::REMIND_BEFORE_DAYS[0];
        let rows: Vec<(i64, i64, i64, Option<i64>)> = sqlx::query_as(&format!(
            "SELECT {key}, confirmed_at, freshness_notice, freshness_noticed_at FROM {table}
             WHERE confirmed_at <= $1 AND freshness_notice < 5
             ORDER BY confirmed_at LIMIT $2"
        ))
        .bind(now - first * DAY)
        .bind(SWEEP_BATCH)
        .fetch_all(pool)
        .await
        .context("Failed to find records to remind")?;
        for (id, confirmed_at, stage, noticed_at) in rows {
            let Some(notice) = freshness::due(confirmed_at, stage, noticed_at, now) else {
                continue;
            };
            if give_notice(pool, mailer, kind(id), stage, notice, now).await? {
                sent += 1;
            }
        }
    }
    if sent > 0 {
        mailer.wake.notify_one();
    }
    Ok(sent)
}

/// Sends one notice (and delists, for the last one); false when another server did.
async fn give_notice(
    pool: &Pool,
    mailer: &Mailer,
    subject: Subject,
    stage: i64,
    notice: Notice,
    now: i64,
) -> Result<bool> {
    let (table, key, id) = subject.table();
    let mut tx = db::begin_write(pool)
        .await
        .context("Failed to begin a transaction")?;
    let delist = if notice == Notice::Delisted {
        ", delisted_at = $1"
    } else {
        ""
    };
    let done = sqlx::query(&format!(
        "UPDATE {table} SET freshness_notice = $2, freshness_noticed_at = $1{delist}
         WHERE {key} = $3 AND freshness_notice = $4"
    ))
    .bind(now)
    .bind(notice.stage())
    .bind(id)
    .bind(stage)
    .execute(&mut *tx)
    .await
    .context("Failed to record a notice")?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    // A profile's owner, or an organization's owners; never an erased account.
    let owners: Vec<(i64, String, String)> =
        match subject {
            Subject::Profile(id) => {
                sqlx::query_as(
                    "SELECT id, email, locale FROM users WHERE id = $1 AND erased_at IS NULL",
                )
                .bind(id)
                .fetch_all(&mut *tx)
                .await
            }
            Subject::Organization(id) => sqlx::query_as(
                "SELECT u.id, u.email, u.locale FROM org_members m JOIN users u ON u.id = m.user_id
             WHERE m.org_id = $1 AND m.role = 'owner' AND u.erased_at IS NULL ORDER BY u.id",
            )
            .bind(id)
            .fetch_all(&mut *tx)
            .await,
        }
        .context("Failed to find whom to remind")?;
    // Each notice comes with a fresh link; the earlier ones stop working.
    sqlx::query(&format!(
        "DELETE FROM freshness_links WHERE {} = $1",
        subject.link_column()
    ))
    .bind(id)
    .execute(&mut *tx)
    .await
    .context("Failed to drop earlier confirmation links")?;
    let organization = matches!(subject, Subject::Organization(_));
    for (account, email, locale) in owners {
        let token = tokens::new_token();
        sqlx::query(&format!(
            "INSERT INTO freshness_links (token_hash, user_id, {}, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5)",
            subject.link_column()
        ))
        .bind(tokens::digest(&token))
        .bind(account)
        .bind(id)
        .bind(now)
        .bind(now + LINK_VALID_DAYS * DAY)
        .execute(&mut *tx)
        .await
        .context("Failed to store a confirmation link")?;
        let link = format!("{}/still-accurate/{token}", mailer.public_url);
        let locale = crate::server::locale::from_code(&locale);
        let mail = messages::freshness(email, locale, notice, organization, &link);
        mail::enqueue(&mut *tx, &mail, now).await?;
    }
    tx.commit().await.context("Failed to commit a notice")?;
    tracing::info!(?subject, ?notice, "freshness notice");
    Ok(true)
}
