//! The audit log of security-relevant actions.

use crate::server::db::Executor;
use anyhow::Context;

/// A security-relevant action worth keeping a record of.
#[derive(Debug, Clone, Copy)]
pub enum Action {
    /// An account was created.
    Registered,
    /// A log-in succeeded.
    LoggedIn,
    /// A log-in failed (wrong password, or an unknown account: then without an actor).
    LogInFailed,
    /// The password asked for again before a change (address, password, erasure) was wrong.
    ReauthenticationFailed,
    /// A log-in was refused because of too many failures.
    LogInThrottled,
    /// Someone logged out.
    LoggedOut,
    /// A password was changed.
    PasswordChanged,
    /// An account was made administrator from the command line.
    AdminGranted,
    /// An organization's admin asked for verification.
    VerificationRequested,
    /// A moderator verified an organization.
    VerificationGranted,
    /// A moderator refused to verify an organization.
    VerificationRejected,
    /// Someone's role in an organization changed (added, promoted, removed).
    OrgRoleChanged,
    /// A moderator published a spotlight.
    SpotlightPublished,
    /// An organization was deleted by its owner.
    OrgDeleted,
    /// A spotlight's text was changed.
    SpotlightEdited,
    /// A published spotlight went back to being a draft.
    SpotlightUnpublished,
    /// Someone asked to be introduced.
    IntroductionRequested,
    /// A recipient accepted an introduction.
    IntroductionAccepted,
    /// A recipient declined an introduction.
    IntroductionDeclined,
    /// A sender took back a request before it was answered.
    IntroductionWithdrawn,
    /// A recipient blocked a sender.
    SenderBlocked,
    /// A recipient lifted a block.
    SenderUnblocked,
    /// A profile or an organization was confirmed as still accurate.
    ConfirmedAccurate,
    /// Someone tried to register an address that already has an account.
    RegistrationForExistingAddress,
    /// An account's address was confirmed by its link.
    EmailConfirmed,
    /// A password-reset link was sent.
    PasswordResetAsked,
    /// A password was set through a reset link.
    PasswordReset,
    /// A move to another address was asked for (link sent to it).
    EmailChangeAsked,
    /// An account moved to a new address by its link.
    EmailChanged,
    /// Every session of an account was ended.
    LoggedOutEverywhere,
    /// A profile was hidden at once ("go invisible now").
    WentInvisible,
    /// A hidden profile was shown again with its earlier settings.
    VisibleAgain,
    /// An account was erased by its owner (the entry keeps only its number).
    AccountErased,
}

impl Action {
    fn as_str(self) -> &'static str {
        match self {
            Action::Registered => "registered",
            Action::LoggedIn => "logged_in",
            Action::LogInFailed => "log_in_failed",
            Action::ReauthenticationFailed => "reauthentication_failed",
            Action::LogInThrottled => "log_in_throttled",
            Action::LoggedOut => "logged_out",
            Action::PasswordChanged => "password_changed",
            Action::AdminGranted => "admin_granted",
            Action::VerificationRequested => "verification_requested",
            Action::VerificationGranted => "verification_granted",
            Action::VerificationRejected => "verification_rejected",
            Action::OrgRoleChanged => "org_role_changed",
            Action::SpotlightPublished => "spotlight_published",
            Action::SpotlightEdited => "spotlight_edited",
            Action::OrgDeleted => "org_deleted",
            Action::SpotlightUnpublished => "spotlight_unpublished",
            Action::IntroductionRequested => "introduction_requested",
            Action::IntroductionAccepted => "introduction_accepted",
            Action::IntroductionDeclined => "introduction_declined",
            Action::IntroductionWithdrawn => "introduction_withdrawn",
            Action::SenderBlocked => "sender_blocked",
            Action::SenderUnblocked => "sender_unblocked",
            Action::ConfirmedAccurate => "confirmed_accurate",
            Action::RegistrationForExistingAddress => "registration_for_existing_address",
            Action::EmailConfirmed => "email_confirmed",
            Action::PasswordResetAsked => "password_reset_asked",
            Action::PasswordReset => "password_reset",
            Action::EmailChangeAsked => "email_change_asked",
            Action::EmailChanged => "email_changed",
            Action::LoggedOutEverywhere => "logged_out_everywhere",
            Action::WentInvisible => "went_invisible",
            Action::VisibleAgain => "visible_again",
            Action::AccountErased => "account_erased",
        }
    }
}

/// Appends one entry: who did what, from which client, and says so in the log
/// (target `passerelle::audit`, at info): the account's number, never its address.
pub async fn record(
    db: impl Executor<'_>,
    actor: Option<i64>,
    action: Action,
    client: &str,
    now: i64,
) -> anyhow::Result<()> {
    sqlx::query("INSERT INTO audit_log (at, actor_id, action, client) VALUES ($1, $2, $3, $4)")
        .bind(now)
        .bind(actor)
        .bind(action.as_str())
        .bind(client)
        .execute(db)
        .await
        .context("Failed to write to the audit log")?;
    tracing::info!(
        target: "passerelle::audit",
        action = action.as_str(),
        account = actor,
        client,
        "audit"
    );
    Ok(())
}
