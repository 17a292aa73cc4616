//! "My data": everything Passerelle holds about one account, as one JSON document (and a
//! ZIP with the photo beside it). Read in one transaction, so the parts agree.

use crate::server::db;
use anyhow::Context;
use serde::Serialize;
use sqlx::FromRow;

/// The whole export. Times are Unix seconds (UTC); visibility levels are named.
#[derive(Debug, Serialize)]
pub struct MyData {
    pub exported_at: i64,
    pub account: Account,
    pub profile: Option<Profile>,
    /// Whether a photo is stored (the ZIP carries it as `photo.jpg`).
    pub has_photo: bool,
    pub organizations: Vec<Membership>,
    pub join_requests: Vec<Pending>,
    pub invitations: Vec<Pending>,
    pub needs_written: Vec<NeedWritten>,
    pub introductions_sent: Vec<Introduction>,
    pub introductions_received: Vec<Introduction>,
    /// Where the contacts of accepted introductions stand, as moved by this account.
    pub follow_up_moves: Vec<StageMove>,
    /// The meetings this account proposed (times, link or place, what became of them).
    pub meetings_proposed: Vec<MeetingProposed>,
    pub events: Vec<Event>,
    pub blocked: Vec<Blocked>,
    pub audit_log: Vec<AuditEntry>,
}

#[derive(Debug, Serialize, FromRow)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub locale: String,
    pub created_at: i64,
    pub email_confirmed_at: Option<i64>,
}

#[derive(Debug, Serialize)]
pub struct Profile {
    pub headline: String,
    pub bio: String,
    pub residence: Option<String>,
    pub city: String,
    pub links: Vec<String>,
    pub contact_email: String,
    pub origins: Vec<String>,
    pub languages: Vec<String>,
    pub sectors: Vec<String>,
    pub offers: Vec<String>,
    pub sdgs: Vec<i64>,
    /// Who sees each part, as chosen: `public`, `members` or `hidden`.
    pub visibility: Visibilities,
    /// Hidden for now by "go invisible now"; `visibility.profile` is what comes back.
    pub invisible_now: bool,
    pub updated_at: i64,
}

#[derive(Debug, Serialize)]
pub struct Visibilities {
    pub profile: &'static str,
    pub origins: &'static str,
    pub city: &'static str,
    pub contact: &'static str,
}

#[derive(Debug, Serialize, FromRow)]
pub struct Membership {
    pub organization: String,
    pub name: String,
    pub role: String,
    pub since: i64,
}

#[derive(Debug, Serialize, FromRow)]
pub struct Pending {
    pub organization: String,
    pub name: String,
    pub since: i64,
}

#[derive(Debug, Serialize, FromRow)]
pub struct NeedWritten {
    pub id: i64,
    pub organization: String,
    pub title: String,
    pub description: String,
    pub status: String,
    pub deadline: String,
    pub created_at: i64,
}

/// One introduction; `other` is the other party as this account knew it.
#[derive(Debug, Serialize, FromRow)]
pub struct Introduction {
    pub id: i64,
    pub other: String,
    pub as_organization: Option<String>,
    pub message: String,
    pub status: String,
    pub created_at: i64,
    pub answered_at: Option<i64>,
}

#[derive(Debug, Serialize, FromRow)]
pub struct Event {
    pub kind: String,
    pub created_at: i64,
    pub read_at: Option<i64>,
}

#[derive(Debug, Serialize, FromRow)]
pub struct StageMove {
    pub introduction: i64,
    pub stage: String,
    pub moved_at: i64,
}

#[derive(Debug, Serialize, FromRow)]
pub struct MeetingProposed {
    pub introduction: i64,
    pub status: String,
    pub mode: String,
    pub place: String,
    pub minutes: i64,
    pub starts_at: Option<i64>,
    pub created_at: i64,
}

#[derive(Debug, Serialize, FromRow)]
pub struct Blocked {
    pub name: String,
    pub since: i64,
}

#[derive(Debug, Serialize, FromRow)]
pub struct AuditEntry {
    pub at: i64,
    pub action: String,
    pub client: String,
}

/// Everything about `user_id`, and the photo's bytes if there is one.
pub async fn gather(pool: &db::Pool, user_id: i64) -> anyhow::Result<(MyData, Option<Vec<u8>>)> {
    let mut tx = pool.begin().await.context("Failed to begin an export")?;
    let account: Account = sqlx::query_as(
        "SELECT id, email, display_name, role, locale, created_at, email_confirmed_at
         FROM users WHERE id = $1",
    )
    .bind(user_id)
    .fetch_one(&mut *tx)
    .await
    .context("Failed to read the account")?;
    let profile = match db::profiles::find(&mut *tx, user_id).await? {
        Some(row) => {
            let lists = db::profiles::lists_on(&mut tx, user_id).await?;
            let mut settings = row.settings();
            if let Some(level) = row.paused_visibility {
                settings.profile = crate::domain::Visibility::from_level(level);
            }
            let updated_at: i64 =
                sqlx::query_scalar("SELECT updated_at FROM profiles WHERE user_id = $1")
                    .bind(user_id)
                    .fetch_one(&mut *tx)
                    .await
                    .context("Failed to read a profile's date")?;
            Some(Profile {
                links: row.links(),
                headline: row.headline,
                bio: row.bio,
                residence: row.residence,
                city: row.city,
                contact_email: row.contact_email,
                origins: lists.origins,
                languages: lists.languages,
                sectors: lists.sectors,
                offers: lists.offers,
                sdgs: lists.sdgs,
                visibility: Visibilities {
                    profile: settings.profile.code(),
                    origins: settings.origins.code(),
                    city: settings.city.code(),
                    contact: settings.contact.code(),
                },
                invisible_now: row.paused_visibility.is_some(),
                updated_at,
            })
        }
        None => None,
    };
    let photo = db::profiles::photo(&mut *tx, user_id).await?;
    let organizations = rows(
        &mut tx,
        "SELECT o.slug AS organization, o.name, m.role, m.created_at AS since
         FROM org_members m JOIN organizations o ON o.id = m.org_id
         WHERE m.user_id = $1 ORDER BY m.created_at",
        user_id,
    )
    .await?;
    let join_requests = rows(
        &mut tx,
        "SELECT o.slug AS organization, o.name, r.created_at AS since
         FROM org_join_requests r JOIN organizations o ON o.id = r.org_id
         WHERE r.user_id = $1 ORDER BY r.created_at",
        user_id,
    )
    .await?;
    let invitations = rows(
        &mut tx,
        "SELECT o.slug AS organization, o.name, i.created_at AS since
         FROM org_invitations i JOIN organizations o ON o.id = i.org_id
         WHERE i.user_id = $1 ORDER BY i.created_at",
        user_id,
    )
    .await?;
    let needs_written = rows(
        &mut tx,
        "SELECT n.id, o.slug AS organization, n.title, n.description, n.status, n.deadline,
                n.created_at
         FROM needs n JOIN organizations o ON o.id = n.org_id
         WHERE n.created_by = $1 ORDER BY n.id",
        user_id,
    )
    .await?;
    let introductions_sent = rows(
        &mut tx,
        "SELECT i.id, COALESCE(ru.display_name, ro.name, '') AS other,
                so.slug AS as_organization, i.message, i.status, i.created_at, i.answered_at
         FROM introductions i
         LEFT JOIN users ru ON ru.id = i.recipient_user_id
         LEFT JOIN organizations ro ON ro.id = i.recipient_org_id
         LEFT JOIN organizations so ON so.id = i.sender_org_id
         WHERE i.sender_id = $1 ORDER BY i.id",
        user_id,
    )
    .await?;
    let introductions_received = rows(
        &mut tx,
        "SELECT i.id, COALESCE(so.name, su.display_name, '') AS other,
                NULL AS as_organization, i.message, i.status, i.created_at, i.answered_at
         FROM introductions i
         JOIN users su ON su.id = i.sender_id
         LEFT JOIN organizations so ON so.id = i.sender_org_id
         WHERE i.recipient_user_id = $1 ORDER BY i.id",
        user_id,
    )
    .await?;
    let follow_up_moves = rows(
        &mut tx,
        "SELECT intro_id AS introduction, stage, moved_at FROM intro_stage_moves
         WHERE user_id = $1 ORDER BY id",
        user_id,
    )
    .await?;
    let meetings_proposed = rows(
        &mut tx,
        "SELECT intro_id AS introduction, status, mode, place, minutes, starts_at, created_at
         FROM meetings WHERE proposed_by_user = $1 ORDER BY id",
        user_id,
    )
    .await?;
    let events = rows(
        &mut tx,
        "SELECT kind, created_at, read_at FROM events WHERE user_id = $1 ORDER BY id",
        user_id,
    )
    .await?;
    let blocked = rows(
        &mut tx,
        "SELECT u.display_name AS name, b.created_at AS since
         FROM blocks b JOIN users u ON u.id = b.blocked_user_id
         WHERE b.blocker_user_id = $1 ORDER BY b.created_at",
        user_id,
    )
    .await?;
    let audit_log = rows(
        &mut tx,
        "SELECT at, action, client FROM audit_log WHERE actor_id = $1 ORDER BY id",
        user_id,
    )
    .await?;
    tx.commit().await.context("Failed to end an export")?;
    Ok((
        MyData {
            exported_at: db::now(),
            account,
            profile,
            has_photo: photo.is_some(),
            organizations,
            join_requests,
            invitations,
            needs_written,
            introductions_sent,
            introductions_received,
            follow_up_moves,
            meetings_proposed,
            events,
            blocked,
            audit_log,
        },
        photo,
    ))
}

/// The rows of one query about `user_id`.
async fn rows<T>(tx: &mut db::Tx<'_>, sql: &str, user_id: i64) -> anyhow::Result<Vec<T>>
where
    T: for<'r> FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
{
    sqlx::query_as::<_, T>(sql)
        .bind(user_id)
        .fetch_all(&mut **tx)
        .await
        .with_context(|| format!("Failed to export: {sql}"))
}

/// The export as a ZIP: `my-data.json`, and `photo.jpg` when there is one.
pub fn zip(data: &MyData, photo: Option<&[u8]>) -> anyhow::Result<Vec<u8>> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let mut archive = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let json = serde_json::to_vec_pretty(data).context("Failed to encode the export")?;
    archive
        .start_file("my-data.json", SimpleFileOptions::default())
        .context("Failed to start the ZIP")?;
    archive
        .write_all(&json)
        .context("Failed to write the ZIP")?;
    if let Some(photo) = photo {
        // Already compressed: stored as it is.
        let stored =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        archive
            .start_file("photo.jpg", stored)
            .context("Failed to add the photo")?;
        archive
            .write_all(photo)
            .context("Failed to write the photo")?;
    }
    Ok(archive
        .finish()
        .context("Failed to finish the ZIP")?
        .into_inner())
}
