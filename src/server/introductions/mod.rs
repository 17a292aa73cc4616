//! Introductions: a signed-in account, for itself or for an organization it administers,
//! asks to be put in touch with a member or an organization. The other side accepts,
//! declines or blocks; contact details are shared only once it accepts.

pub mod blocks;
pub mod events;
pub mod follow_up;
pub mod meetings;

use crate::domain::{
    Contact, CurrentUser, FieldIssue, FormErrors, Inbox, IntroInput, IntroStatus, IntroTarget,
    Introduction, OrgKind, OrgRole, Party, Recipient, Verification, INTROS_PER_DAY,
    INTRO_EXPIRY_DAYS,
};
use crate::i18n::Locale;
use crate::server::db::Pool;
use crate::server::db::{self, audit};
use crate::server::error::{Error, Result};
use crate::server::mail::{self, messages};
use crate::server::needs;
use crate::server::organizations::{find, require_role};
use crate::server::policy::Viewer;
use crate::server::profiles;
use anyhow::Context;
use sqlx::AnyConnection;
use std::sync::Arc;
use tokio::sync::Notify;

/// What sending mail from a request needs: the site's address for links, and the worker to wake.
#[derive(Debug, Clone)]
pub struct Mailer {
    pub public_url: String,
    pub wake: Arc<Notify>,
}

/// The recipient of a request, resolved.
enum To {
    Member { id: i64 },
    Org { id: i64 },
}

/// Resolves and checks a recipient: a member whose profile the sender may open, or an
/// organization. Nobody is their own recipient.
async fn recipient(pool: &Pool, viewer: &Viewer, to: &Recipient) -> Result<To> {
    match to {
        Recipient::Member(id) => {
            let row = db::profiles::find(pool, *id)
                .await?
                .ok_or(Error::NotFound)?;
            if viewer.is(*id) || !profiles::access(&row).can_open(viewer) {
                return Err(Error::NotFound);
            }
            Ok(To::Member { id: *id })
        }
        Recipient::Organization(slug) => Ok(To::Org {
            id: find(pool, slug).await?.id,
        }),
    }
}

/// The form's context: to whom, about which need, and as whom the account may write.
pub async fn target(
    pool: &Pool,
    user: &CurrentUser,
    to: &str,
    need: Option<i64>,
    locale: Locale,
) -> Result<IntroTarget> {
    let viewer = Viewer::new(Some(user.clone()));
    let parsed = Recipient::parse(to).ok_or(Error::NotFound)?;
    let resolved = recipient(pool, &viewer, &parsed).await?;
    let recipient = match resolved {
        To::Member { id } => member_party(pool, &viewer, id).await?,
        To::Org { id } => org_party(pool, id).await?,
    };
    let need = match need {
        Some(id) => Some(readable_need(pool, &viewer, id, locale).await?),
        None => None,
    };
    let as_orgs = crate::server::spotlights::administered(pool, user)
        .await?
        .into_iter()
        .map(|n| (n.code, n.name))
        .collect();
    Ok(IntroTarget {
        to: parsed.code(),
        recipient,
        need,
        as_orgs,
    })
}

async fn readable_need(
    pool: &Pool,
    viewer: &Viewer,
    id: i64,
    locale: Locale,
) -> Result<crate::domain::NeedCard> {
    Ok(needs::get(pool, viewer, id, locale).await?.card)
}

/// Sends a request; returns its id. Refusals name the field: the recipient, the need, or
/// the message (duplicate, daily limit, blocked).
pub async fn send(
    pool: &Pool,
    mailer: &Mailer,
    user: &CurrentUser,
    input: &IntroInput,
    locale: Locale,
) -> Result<i64> {
    if !user.email_confirmed {
        return Err(Error::Form(input.keep(
            FormErrors::default().notice(crate::domain::Notice::ConfirmEmailFirst),
        )));
    }
    let intro = input.validate().map_err(Error::Form)?;
    let viewer = Viewer::new(Some(user.clone()));
    let refuse =
        |field: &str, issue| Error::Form(input.keep(FormErrors::default().field(field, issue)));
    let to = match recipient(pool, &viewer, &intro.to).await {
        Ok(to) => to,
        Err(Error::NotFound) => return Err(refuse("to", FieldIssue::InvalidChoice)),
        Err(error) => return Err(error),
    };
    let from_org = match &intro.from_org {
        Some(slug) => {
            let org = find(pool, slug)
                .await
                .map_err(|_| refuse("from_org", FieldIssue::InvalidChoice))?;
            require_role(pool, &org, user, OrgRole::Admin).await?;
            let kind = OrgKind::parse(&org.kind).unwrap_or(OrgKind::Ngo);
            if kind.is_institution() && org.verification() != Verification::Verified {
                return Err(refuse("from_org", FieldIssue::NotVerified));
            }
            Some(org.id)
        }
        None => None,
    };
    if let (Some(from), To::Org { id }) = (from_org, &to) {
        if from == *id {
            return Err(refuse("to", FieldIssue::InvalidChoice));
        }
    }
    // A closed need takes no more answers.
    if let Some(need) = intro.need {
        match readable_need(pool, &viewer, need, locale).await {
            Ok(card) if card.status == crate::domain::NeedStatus::Open => {}
            _ => return Err(refuse("need", FieldIssue::InvalidChoice)),
        }
    }
    let (to_user, to_org) = match to {
        To::Member { id } => (Some(id), None),
        To::Org { id } => (None, Some(id)),
    };
    let now = db::now();
    // One sender's requests are counted and written one at a time (the daily limit).
    let mut tx = db::begin_locked(pool, "users", user.id).await?;
    let blocked: crate::server::db::Flag = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM blocks WHERE blocked_user_id = $1
           AND (blocker_user_id = $2 OR blocker_org_id = $3))",
    )
    .bind(user.id)
    .bind(to_user)
    .bind(to_org)
    .fetch_one(&mut *tx)
    .await
    .context("Failed to check blocks")?;
    if blocked.0 {
        return Err(refuse("message", FieldIssue::Blocked));
    }
    let today: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM introductions WHERE sender_id = $1 AND created_at > $2",
    )
    .bind(user.id)
    .bind(now - 86_400)
    .fetch_one(&mut *tx)
    .await
    .context("Failed to count today's requests")?;
    if today >= INTROS_PER_DAY {
        return Err(refuse(
            "message",
            FieldIssue::DailyLimit {
                max: INTROS_PER_DAY,
            },
        ));
    }
    let inserted = sqlx::query_scalar::<_, i64>(
        "INSERT INTO introductions (sender_id, sender_org_id, recipient_user_id, recipient_org_id,
             need_id, message, created_at, need_title)
         VALUES ($1, $2, $3, $4, $5, $6, $7, (SELECT title FROM needs WHERE id = $8))
         RETURNING id",
    )
    .bind(user.id)
    .bind(from_org)
    .bind(to_user)
    .bind(to_org)
    .bind(intro.need)
    .bind(&intro.message)
    .bind(now)
    .bind(intro.need)
    .fetch_one(&mut *tx)
    .await;
    let id = match inserted {
        Ok(id) => id,
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Err(refuse("message", FieldIssue::AlreadyRequested));
        }
        Err(e) => {
            return Err(anyhow::Error::new(e)
                .context("Failed to save a request")
                .into())
        }
    };
    let recipients = match (to_user, to_org) {
        (Some(member), _) => {
            let (email, locale) = account_address(&mut tx, member).await?;
            vec![(member, email, locale)]
        }
        (None, Some(org)) => events::admins(&mut tx, org).await?,
        (None, None) => Vec::new(),
    };
    for (account, email, locale) in recipients {
        events::add(
            &mut tx,
            account,
            events::Kind::IntroReceived,
            Some(id),
            to_org,
            now,
        )
        .await?;
        let mail = messages::introduction_received(email, locale, &mailer.public_url);
        mail::enqueue(&mut *tx, &mail, now).await?;
    }
    audit::record(
        &mut *tx,
        Some(user.id),
        audit::Action::IntroductionRequested,
        "",
        now,
    )
    .await?;
    tx.commit().await.context("Failed to commit a request")?;
    mailer.wake.notify_one();
    Ok(id)
}

async fn account_address(tx: &mut AnyConnection, user_id: i64) -> Result<(String, Locale)> {
    Ok(db::users::mail_address(&mut *tx, user_id)
        .await?
        .context("An account to write to is missing")?)
}

/// What the recipient does with a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Accept,
    Decline,
    /// Declines (if still pending) and refuses further requests from the sender.
    Block,
}

#[derive(sqlx::FromRow)]
struct IntroRow {
    id: i64,
    sender_id: i64,
    sender_org_id: Option<i64>,
    recipient_user_id: Option<i64>,
    recipient_org_id: Option<i64>,
    need_id: Option<i64>,
    /// The need's title, kept for when the need is deleted.
    need_title: Option<String>,
    message: String,
    status: String,
    answered_by: Option<i64>,
    answered_at: Option<i64>,
    created_at: i64,
}

const INTRO_COLUMNS: &str = "i.id, i.sender_id, i.sender_org_id, i.recipient_user_id,
    i.recipient_org_id, i.need_id, i.need_title, i.message, i.status, i.answered_by,
    i.answered_at, i.created_at";

/// Whether `user` answers for the recipient side of `row`.
async fn answers_for(pool: &Pool, row: &IntroRow, user: &CurrentUser) -> Result<bool> {
    Ok(match (row.recipient_user_id, row.recipient_org_id) {
        (Some(member), _) => member == user.id,
        (None, Some(org)) => db::organizations::role_of(pool, org, user.id)
            .await?
            .is_some_and(OrgRole::can_manage),
        (None, None) => false,
    })
}

/// Accepts, declines or blocks; the recipient side only (anyone else finds nothing).
pub async fn answer(
    pool: &Pool,
    mailer: &Mailer,
    user: &CurrentUser,
    id: i64,
    answer: Answer,
) -> Result<()> {
    let row: IntroRow = sqlx::query_as(&format!(
        "SELECT {INTRO_COLUMNS} FROM introductions i WHERE i.id = $1"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await
    .context("Failed to load a request")?
    .ok_or(Error::NotFound)?;
    if !answers_for(pool, &row, user).await? {
        return Err(Error::NotFound);
    }
    let pending = row.status == "pending";
    if !pending && answer != Answer::Block {
        return Err(Error::NotFound);
    }
    let now = db::now();
    let mut tx = db::begin_write(pool)
        .await
        .context("Failed to begin a transaction")?;
    if pending {
        let status = if answer == Answer::Accept {
            "accepted"
        } else {
            "declined"
        };
        sqlx::query("UPDATE introductions SET status = $1, answered_by = $2, answered_at = $3 WHERE id = $4 AND status = 'pending'")
            .bind(status)
            .bind(user.id)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await
            .context("Failed to answer a request")?;
    }
    match answer {
        Answer::Accept => {
            events::add(
                &mut tx,
                row.sender_id,
                events::Kind::IntroAccepted,
                Some(id),
                None,
                now,
            )
            .await?;
            // A sender erased since asking is told nothing: their address is gone.
            if let Some((email, locale)) =
                db::users::live_mail_address(&mut *tx, row.sender_id).await?
            {
                let mail = messages::introduction_accepted(email, locale, &mailer.public_url);
                mail::enqueue(&mut *tx, &mail, now).await?;
            }
            audit::record(
                &mut *tx,
                Some(user.id),
                audit::Action::IntroductionAccepted,
                "",
                now,
            )
            .await?;
        }
        Answer::Decline => {
            audit::record(
                &mut *tx,
                Some(user.id),
                audit::Action::IntroductionDeclined,
                "",
                now,
            )
            .await?;
        }
        Answer::Block => {
            sqlx::query(
                "INSERT INTO blocks (blocker_user_id, blocker_org_id, blocked_user_id, created_at)
                 VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            )
            .bind(row.recipient_user_id)
            .bind(row.recipient_org_id)
            .bind(row.sender_id)
            .bind(now)
            .execute(&mut *tx)
            .await
            .context("Failed to block a sender")?;
            if pending {
                audit::record(
                    &mut *tx,
                    Some(user.id),
                    audit::Action::IntroductionDeclined,
                    "",
                    now,
                )
                .await?;
            }
            audit::record(
                &mut *tx,
                Some(user.id),
                audit::Action::SenderBlocked,
                "",
                now,
            )
            .await?;
        }
    }
    tx.commit().await.context("Failed to commit an answer")?;
    mailer.wake.notify_one();
    Ok(())
}

/// Takes back a request its sender made, while it waits for an answer; anyone else, or
/// a request already answered, finds nothing. The recipient's inbox shows it withdrawn.
pub async fn withdraw(pool: &Pool, user: &CurrentUser, id: i64) -> Result<()> {
    let now = db::now();
    let mut tx = db::begin_write(pool)
        .await
        .context("Failed to begin a transaction")?;
    let done = sqlx::query(
        "UPDATE introductions SET status = 'withdrawn', answered_at = $1
         WHERE id = $2 AND sender_id = $3 AND status = 'pending'",
    )
    .bind(now)
    .bind(id)
    .bind(user.id)
    .execute(&mut *tx)
    .await
    .context("Failed to withdraw a request")?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound);
    }
    audit::record(
        &mut *tx,
        Some(user.id),
        audit::Action::IntroductionWithdrawn,
        "",
        now,
    )
    .await?;
    tx.commit().await.context("Failed to commit a withdrawal")?;
    Ok(())
}

/// Expires every request left unanswered for [`INTRO_EXPIRY_DAYS`] days before `now`,
/// and tells both sides, in their inbox and by email; returns how many expired. Each
/// request expires in a transaction of its own, and only once however many servers
/// sweep at the same moment (the one whose update finds it pending tells).
pub async fn expire_unanswered(pool: &Pool, mailer: &Mailer, now: i64) -> Result<u64> {
    let before = now - INTRO_EXPIRY_DAYS * 24 * 3600;
    let stale: Vec<(i64, i64, Option<i64>, Option<i64>)> = sqlx::query_as(
        "SELECT id, sender_id, recipient_user_id, recipient_org_id FROM introductions
         WHERE status = 'pending' AND created_at < $1 ORDER BY created_at LIMIT 500",
    )
    .bind(before)
    .fetch_all(pool)
    .await
    .context("Failed to find unanswered requests")?;
    let mut expired = 0;
    for (id, sender, to_user, to_org) in stale {
        let mut tx = db::begin_write(pool)
            .await
            .context("Failed to begin a transaction")?;
        let done = sqlx::query(
            "UPDATE introductions SET status = 'expired', answered_at = $1
             WHERE id = $2 AND status = 'pending'",
        )
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await
        .context("Failed to expire a request")?;
        if done.rows_affected() == 0 {
            continue;
        }
        let mut told = vec![sender];
        match (to_user, to_org) {
            (Some(member), _) => told.push(member),
            (None, Some(org)) => told.extend(
                events::admins(&mut tx, org)
                    .await?
                    .into_iter()
                    .map(|(account, _, _)| account),
            ),
            (None, None) => {}
        }
        for account in told {
            // A former member is told nothing: nobody reads their inbox, and their
            // address is gone.
            let Some((email, locale)) = db::users::live_mail_address(&mut *tx, account).await?
            else {
                continue;
            };
            events::add(
                &mut tx,
                account,
                events::Kind::IntroExpired,
                Some(id),
                to_org,
                now,
            )
            .await?;
            let mail = if account == sender {
                messages::introduction_expired_sent(email, locale, &mailer.public_url)
            } else {
                messages::introduction_expired_received(email, locale, &mailer.public_url)
            };
            mail::enqueue(&mut *tx, &mail, now).await?;
        }
        tx.commit().await.context("Failed to commit an expiry")?;
        expired += 1;
    }
    if expired > 0 {
        mailer.wake.notify_one();
    }
    Ok(expired)
}

/// A member as `viewer` may see them in an introduction: name always (they are a party),
/// headline only when their profile is open to the viewer.
async fn member_party(pool: &Pool, viewer: &Viewer, id: i64) -> Result<Party> {
    let (name, erased): (String, Option<i64>) =
        sqlx::query_as("SELECT display_name, erased_at FROM users WHERE id = $1")
            .bind(id)
            .fetch_optional(pool)
            .await
            .context("Failed to read a name")?
            .unwrap_or_default();
    if erased.is_some() {
        return Ok(Party::FormerMember);
    }
    let row = db::profiles::find(pool, id).await?;
    let open = row
        .as_ref()
        .is_some_and(|r| profiles::access(r).can_open(viewer));
    Ok(Party::Member {
        id,
        name,
        headline: if open {
            row.map(|r| r.headline).unwrap_or_default()
        } else {
            String::new()
        },
        profile_open: open,
    })
}

async fn org_party(pool: &Pool, id: i64) -> Result<Party> {
    let org = db::organizations::find(pool, id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(Party::Organization {
        kind: OrgKind::parse(&org.kind).unwrap_or(OrgKind::Ngo),
        verification: org.verification(),
        slug: org.slug,
        name: org.name,
    })
}

/// A member's contact for an accepted introduction: the contact address of their profile,
/// else their account's.
async fn member_contact(pool: &Pool, id: i64) -> Result<Contact> {
    let (name, email, contact, erased): (String, String, Option<String>, Option<i64>) =
        sqlx::query_as(
            "SELECT u.display_name, u.email, p.contact_email, u.erased_at FROM users u
             LEFT JOIN profiles p ON p.user_id = u.id WHERE u.id = $1",
        )
        .bind(id)
        .fetch_one(pool)
        .await
        .context("Failed to read a contact")?;
    if erased.is_some() {
        // A former member leaves no way to reach them.
        return Ok(Contact {
            name,
            email: String::new(),
        });
    }
    Ok(Contact {
        name,
        email: contact.filter(|c| !c.is_empty()).unwrap_or(email),
    })
}

/// An organization's contact for an accepted introduction: its public contact, else the
/// address of the person who acted for it.
async fn org_contact(pool: &Pool, org_id: i64, person: Option<i64>) -> Result<Contact> {
    let org = db::organizations::find(pool, org_id)
        .await?
        .ok_or(Error::NotFound)?;
    let email = match (org.public_contact.filter(|c| !c.is_empty()), person) {
        (Some(contact), _) => contact,
        (None, Some(person)) => member_contact(pool, person).await?.email,
        (None, None) => String::new(),
    };
    Ok(Contact {
        name: org.name,
        email,
    })
}

/// The inbox of `user`: requests to them or to organizations they administer, requests
/// they (or their organizations) sent, and their events.
pub async fn inbox(pool: &Pool, user: &CurrentUser, locale: Locale) -> Result<Inbox> {
    let viewer = Viewer::new(Some(user.clone()));
    let managed =
        "SELECT org_id FROM org_members WHERE user_id = $1 AND role IN ('owner', 'admin')";
    let received: Vec<IntroRow> = sqlx::query_as(&format!(
        "SELECT {INTRO_COLUMNS} FROM introductions i
         WHERE i.recipient_user_id = $1 OR i.recipient_org_id IN ({managed})
         ORDER BY i.status <> 'pending', i.created_at DESC, i.id DESC LIMIT 200"
    ))
    .bind(user.id)
    .fetch_all(pool)
    .await
    .context("Failed to list received requests")?;
    let sent: Vec<IntroRow> = sqlx::query_as(&format!(
        "SELECT {INTRO_COLUMNS} FROM introductions i
         WHERE i.sender_id = $1 OR i.sender_org_id IN ({managed})
         ORDER BY i.created_at DESC, i.id DESC LIMIT 200"
    ))
    .bind(user.id)
    .fetch_all(pool)
    .await
    .context("Failed to list sent requests")?;
    let mut inbox = Inbox {
        received: Vec::with_capacity(received.len()),
        sent: Vec::with_capacity(sent.len()),
        events: events::list(pool, user.id).await?,
    };
    for row in received {
        inbox
            .received
            .push(view(pool, &viewer, row, Side::Received, locale).await?);
    }
    for row in sent {
        inbox
            .sent
            .push(view(pool, &viewer, row, Side::Sent, locale).await?);
    }
    Ok(inbox)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Received,
    Sent,
}

/// One request as its reader sees it; contact details of the other side only if accepted.
async fn view(
    pool: &Pool,
    viewer: &Viewer,
    row: IntroRow,
    side: Side,
    locale: Locale,
) -> Result<Introduction> {
    let from = match row.sender_org_id {
        Some(org) => org_party(pool, org).await?,
        None => member_party(pool, viewer, row.sender_id).await?,
    };
    let to = match (row.recipient_user_id, row.recipient_org_id) {
        (Some(member), _) => member_party(pool, viewer, member).await?,
        (None, Some(org)) => org_party(pool, org).await?,
        (None, None) => return Err(Error::NotFound),
    };
    let status = IntroStatus::parse(&row.status);
    let contact = if status == IntroStatus::Accepted {
        Some(match side {
            Side::Received => match row.sender_org_id {
                Some(org) => org_contact(pool, org, Some(row.sender_id)).await?,
                None => member_contact(pool, row.sender_id).await?,
            },
            Side::Sent => match (row.recipient_user_id, row.recipient_org_id) {
                (Some(member), _) => member_contact(pool, member).await?,
                (None, Some(org)) => org_contact(pool, org, row.answered_by).await?,
                (None, None) => return Err(Error::NotFound),
            },
        })
    } else {
        None
    }
    // A former member leaves no way to reach them.
    .filter(|contact| !contact.email.is_empty());
    let need = match row.need_id {
        Some(id) => needs::directory::card_of(pool, id).await?,
        None => None,
    };
    let _ = locale;
    let meeting = match (status, viewer.user_id()) {
        (IntroStatus::Accepted, Some(user)) => {
            let (_, zone) = meetings::zone_of(pool, user).await?;
            meetings::current(pool, row.id, &zone, db::now())
                .await?
                .filter(|m| !m.past)
        }
        _ => None,
    };
    // A need deleted since: its number is gone, its title was kept.
    let need_deleted = if need.is_none() { row.need_title } else { None };
    Ok(Introduction {
        id: row.id,
        from,
        to,
        need,
        need_deleted,
        message: row.message,
        status,
        created_at: row.created_at,
        contact,
        meeting,
    })
}
