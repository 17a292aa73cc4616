//! "Erase my account": everything the person put into Passerelle goes, in one transaction.
//!
//! Gone: the profile with its lists, photo and search row (so the directory, matching
//! and page-cache indexes of every server drop it through the change log), memberships,
//! join requests and invitations, the messages they wrote in introductions, their events,
//! blocks, links, throttle counters, audit entries and every email queued to them. What
//! stays is a tombstone row holding only the account's number, so the other party of an
//! introduction still has it, shown as "a former member". Its sessions, on every device,
//! are deleted with it.
//!
//! Organizations: where the person was the last owner, the longest-standing admin, or
//! else the longest-standing member, becomes owner; an organization with nobody else in
//! it is deleted with the account (nobody is left who could run it).

use crate::domain::CurrentUser;
use crate::server::db::{self, audit::Action, Dialect, Tx};
use crate::server::error::Result;
use crate::server::state::AppState;
use anyhow::Context;

/// The address an erased account keeps: unique, and nobody's.
pub fn tombstone_email(id: i64) -> String {
    format!("erased-{id}@erased.invalid")
}

/// Erases the signed-in account after checking its password.
pub async fn erase(state: &AppState, user: &CurrentUser, current_password: &str) -> Result<()> {
    let row = crate::server::auth::reauthenticate(state, user, current_password, "password")
        .await
        .map_err(|refusal| refusal.into_error(|errors| errors))?;
    let now = db::now();
    let mut tx = db::begin_locked(&state.db, "users", user.id).await?;
    hand_over_organizations(&mut tx, user.id, now).await?;
    let id = user.id;
    let id_text = id.to_string();
    for (sql, what) in [
        ("DELETE FROM org_members WHERE user_id = $1", "memberships"),
        (
            "DELETE FROM org_join_requests WHERE user_id = $1",
            "join requests",
        ),
        (
            "DELETE FROM org_invitations WHERE user_id = $1",
            "invitations",
        ),
        // The lists, photo and search row go with it (cascades and triggers).
        ("DELETE FROM profiles WHERE user_id = $1", "the profile"),
        (
            "UPDATE introductions SET message = '' WHERE sender_id = $1",
            "messages",
        ),
        (
            "UPDATE introductions SET answered_by = NULL WHERE answered_by = $1",
            "answers",
        ),
        // The moves stay, for the other side's history, as their side's, not as theirs.
        (
            "UPDATE intro_stage_moves SET user_id = NULL WHERE user_id = $1",
            "follow-up moves",
        ),
        // Meetings they proposed: those to come are off; the link or place they typed goes.
        (
            "UPDATE meetings SET status = 'cancelled'
             WHERE proposed_by_user = $1 AND status = 'proposed'",
            "meeting proposals",
        ),
        (
            "UPDATE meetings SET place = '', proposed_by_user = NULL WHERE proposed_by_user = $1",
            "meetings' places",
        ),
        ("DELETE FROM events WHERE user_id = $1", "events"),
        (
            "DELETE FROM blocks WHERE blocker_user_id = $1 OR blocked_user_id = $1",
            "blocks",
        ),
        ("DELETE FROM account_tokens WHERE user_id = $1", "links"),
        (
            "DELETE FROM audit_log WHERE actor_id = $1",
            "the audit entries",
        ),
        (
            "UPDATE needs SET created_by = NULL WHERE created_by = $1",
            "needs' authors",
        ),
        (
            "UPDATE spotlights SET created_by = NULL WHERE created_by = $1",
            "spotlights' authors",
        ),
        (
            "UPDATE organizations SET created_by = NULL WHERE created_by = $1",
            "organizations' creators",
        ),
        (
            "UPDATE verification_requests SET requested_by = NULL WHERE requested_by = $1",
            "verification requests",
        ),
        (
            "UPDATE verification_requests SET decided_by = NULL WHERE decided_by = $1",
            "verification decisions",
        ),
    ] {
        sqlx::query(sql)
            .bind(id)
            .execute(&mut *tx)
            .await
            .with_context(|| format!("Failed to erase {what}"))?;
    }
    sqlx::query("DELETE FROM outbox WHERE to_address = $1")
        .bind(&row.email)
        .execute(&mut *tx)
        .await
        .context("Failed to erase queued email")?;
    let lowered = row.email.to_lowercase();
    for key in [
        format!("account:{lowered}"),
        format!("reset:{lowered}"),
        format!("confirm:{id_text}"),
        format!("email:{id_text}"),
    ] {
        sqlx::query("DELETE FROM auth_throttle WHERE key = $1")
            .bind(key)
            .execute(&mut *tx)
            .await
            .context("Failed to erase throttle counters")?;
    }
    sqlx::query(
        "UPDATE users SET email = $1, display_name = '', password_hash = $2, role = 'member',
                          locale = 'en', email_confirmed_at = NULL, erased_at = $3,
                          session_epoch = session_epoch + 1, created_at = 0, updated_at = $3
         WHERE id = $4",
    )
    .bind(tombstone_email(id))
    .bind(state.dummy_hash.as_str())
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await
    .context("Failed to leave the tombstone")?;
    db::sessions::end_all(&mut tx, id).await?;
    // No client address: it would be the person's.
    db::audit::record(&mut *tx, Some(id), Action::AccountErased, "", now).await?;
    purge_search_index(&mut tx).await?;
    tx.commit().await.context("Failed to commit an erasure")?;
    Ok(())
}

/// Gives each organization the person was the last owner of a new owner, or deletes it
/// when nobody else is in it.
async fn hand_over_organizations(tx: &mut Tx<'_>, user_id: i64, now: i64) -> Result<()> {
    let sole: Vec<i64> = sqlx::query_scalar(
        "SELECT m.org_id FROM org_members m
         WHERE m.user_id = $1 AND m.role = 'owner'
           AND NOT EXISTS (SELECT 1 FROM org_members o
                           WHERE o.org_id = m.org_id AND o.role = 'owner' AND o.user_id <> $1)",
    )
    .bind(user_id)
    .fetch_all(&mut **tx)
    .await
    .context("Failed to find the organizations owned")?;
    for org_id in sole {
        let heir: Option<i64> = sqlx::query_scalar(
            "SELECT user_id FROM org_members WHERE org_id = $1 AND user_id <> $2
             ORDER BY CASE role WHEN 'admin' THEN 0 ELSE 1 END, created_at, user_id LIMIT 1",
        )
        .bind(org_id)
        .bind(user_id)
        .fetch_optional(&mut **tx)
        .await
        .context("Failed to find a new owner")?;
        match heir {
            Some(heir) => {
                sqlx::query(
                    "UPDATE org_members SET role = 'owner' WHERE org_id = $1 AND user_id = $2",
                )
                .bind(org_id)
                .bind(heir)
                .execute(&mut **tx)
                .await
                .context("Failed to name a new owner")?;
                db::audit::record(&mut **tx, Some(heir), Action::OrgRoleChanged, "", now).await?;
            }
            None => {
                sqlx::query("DELETE FROM organizations WHERE id = $1")
                    .bind(org_id)
                    .execute(&mut **tx)
                    .await
                    .context("Failed to delete an organization left empty")?;
            }
        }
    }
    Ok(())
}

/// SQLite's full-text indexes keep a deleted row's words in their segments until these
/// are merged: merged now (the profile's, and those of an organization deleted with it and
/// its needs), so the erased words are gone from the file's tables too. PostgreSQL's
/// search rows and columns go with their rows.
async fn purge_search_index(tx: &mut Tx<'_>) -> anyhow::Result<()> {
    if Dialect::of_connection(tx) == Dialect::Sqlite {
        for index in ["member_search", "org_search", "need_search"] {
            sqlx::query(&format!(
                "INSERT INTO {index} ({index}) VALUES ('optimize')"
            ))
            .execute(&mut **tx)
            .await
            .with_context(|| format!("Failed to merge the search index {index}"))?;
        }
    }
    Ok(())
}
