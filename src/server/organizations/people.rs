//! Who belongs to an organization: join requests, invitations, roles, leaving.

use super::{find, require_role};
use crate::domain::{CurrentUser, Email, FieldIssue, FormErrors, OrgRole};
use crate::server::db::Pool;
use crate::server::db::{self, audit, organizations as orgs, organizations::Pending};
use crate::server::error::{Error, Result};
use anyhow::Context;

/// Asks to join; an admin approves. Members already in it are left as they are.
pub async fn request_join(pool: &Pool, user: &CurrentUser, slug: &str) -> Result<()> {
    let org = find(pool, slug).await?;
    if orgs::role_of(pool, org.id, user.id).await?.is_some() {
        return Ok(());
    }
    // Invited already: asking to join is saying yes.
    if orgs::take_pending(pool, Pending::Invitation, org.id, user.id).await? {
        return admit(pool, org.id, user.id, user.id).await;
    }
    orgs::add_pending(pool, Pending::JoinRequest, org.id, user.id, db::now()).await?;
    Ok(())
}

/// Approves or declines a join request; admins only.
pub async fn answer_join(
    pool: &Pool,
    admin: &CurrentUser,
    slug: &str,
    user_id: i64,
    approve: bool,
) -> Result<()> {
    let org = find(pool, slug).await?;
    require_role(pool, &org, admin, OrgRole::Admin).await?;
    let mut tx = db::begin_write(pool)
        .await
        .context("Failed to begin a transaction")?;
    if !orgs::take_pending(&mut *tx, Pending::JoinRequest, org.id, user_id).await? {
        return Err(Error::NotFound);
    }
    if approve {
        orgs::set_member(&mut *tx, org.id, user_id, OrgRole::Member, db::now()).await?;
        audit::record(
            &mut *tx,
            Some(admin.id),
            audit::Action::OrgRoleChanged,
            "",
            db::now(),
        )
        .await?;
    }
    tx.commit()
        .await
        .context("Failed to commit a join decision")?;
    Ok(())
}

/// The invitee accepts or declines an invitation. Nobody joins without saying yes.
pub async fn answer_invitation(
    pool: &Pool,
    user: &CurrentUser,
    slug: &str,
    accept: bool,
) -> Result<()> {
    let org = find(pool, slug).await?;
    if !orgs::take_pending(pool, Pending::Invitation, org.id, user.id).await? {
        return Err(Error::NotFound);
    }
    if accept {
        admit(pool, org.id, user.id, user.id).await?;
    }
    Ok(())
}

/// Makes `user_id` a member, in one transaction with its audit record.
async fn admit(pool: &Pool, org_id: i64, user_id: i64, actor: i64) -> Result<()> {
    let mut tx = db::begin_write(pool)
        .await
        .context("Failed to begin a transaction")?;
    orgs::take_pending(&mut *tx, Pending::JoinRequest, org_id, user_id).await?;
    orgs::set_member(&mut *tx, org_id, user_id, OrgRole::Member, db::now()).await?;
    audit::record(
        &mut *tx,
        Some(actor),
        audit::Action::OrgRoleChanged,
        "",
        db::now(),
    )
    .await?;
    tx.commit()
        .await
        .context("Failed to commit a new membership")?;
    Ok(())
}

/// Invites an existing account, found by email; owners only. The invitee answers on the
/// organization's page (or from their account). Someone who already asked to join is admitted.
pub async fn invite(pool: &Pool, owner: &CurrentUser, slug: &str, email: &str) -> Result<()> {
    let org = find(pool, slug).await?;
    require_role(pool, &org, owner, OrgRole::Owner).await?;
    let refuse = |issue| {
        Error::Form(
            FormErrors::default()
                .field("email", issue)
                .keep("email", email),
        )
    };
    let email = Email::parse(email).map_err(refuse)?;
    let user = db::users::find_by_email(pool, email.as_str())
        .await?
        .ok_or_else(|| refuse(FieldIssue::NoSuchAccount))?;
    if orgs::role_of(pool, org.id, user.id).await?.is_some() {
        return Err(refuse(FieldIssue::AlreadyMember));
    }
    if orgs::take_pending(pool, Pending::JoinRequest, org.id, user.id).await? {
        return admit(pool, org.id, user.id, owner.id).await;
    }
    orgs::add_pending(pool, Pending::Invitation, org.id, user.id, db::now()).await?;
    Ok(())
}

/// The organizations waiting for `user`'s answer to an invitation: (slug, name).
pub async fn invitations(pool: &Pool, user: &CurrentUser) -> Result<Vec<(String, String)>> {
    Ok(orgs::invitations_of(pool, user.id).await?)
}

/// Changes someone's role, or removes them (`None`); owners only. The last owner stays.
pub async fn set_role(
    pool: &Pool,
    owner: &CurrentUser,
    slug: &str,
    user_id: i64,
    role: Option<OrgRole>,
) -> Result<()> {
    let org = find(pool, slug).await?;
    require_role(pool, &org, owner, OrgRole::Owner).await?;
    change(pool, org.id, owner.id, user_id, role).await
}

/// Leaves an organization. The last owner cannot leave.
pub async fn leave(pool: &Pool, user: &CurrentUser, slug: &str) -> Result<()> {
    let org = find(pool, slug).await?;
    change(pool, org.id, user.id, user.id, None).await
}

/// Applies a role change in one transaction, keeping at least one owner.
async fn change(
    pool: &Pool,
    org_id: i64,
    actor: i64,
    user_id: i64,
    role: Option<OrgRole>,
) -> Result<()> {
    // Two owners leaving at once must not both see the other one stay.
    let mut tx = db::begin_locked(pool, "organizations", org_id).await?;
    let current = orgs::role_of(&mut *tx, org_id, user_id)
        .await?
        .ok_or(Error::NotFound)?;
    let stays_owner = role == Some(OrgRole::Owner);
    if current == OrgRole::Owner && !stays_owner && orgs::owner_count(&mut *tx, org_id).await? <= 1
    {
        return Err(Error::Form(
            FormErrors::default().field("role", FieldIssue::LastOwner),
        ));
    }
    match role {
        Some(role) => orgs::set_member(&mut *tx, org_id, user_id, role, db::now()).await?,
        None => orgs::remove_member(&mut *tx, org_id, user_id).await?,
    }
    audit::record(
        &mut *tx,
        Some(actor),
        audit::Action::OrgRoleChanged,
        "",
        db::now(),
    )
    .await?;
    tx.commit()
        .await
        .context("Failed to commit a role change")?;
    Ok(())
}
