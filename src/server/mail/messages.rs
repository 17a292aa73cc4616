//! The emails Passerelle sends, written in the recipient's language (`locales/*.json`,
//! section `mail`).

use super::Mail;
use crate::i18n::*;

// Links stand on a line of their own, after the sentence that leads to them: mail
// programs make them clickable, and no translation has to place them mid-sentence.

/// To someone who received an introduction request.
pub fn introduction_received(to: String, locale: Locale, public_url: &str) -> Mail {
    Mail {
        to,
        subject: td_string!(locale, mail.intro_received_subject).to_string(),
        body: format!(
            "{}\n\n{public_url}/inbox\n\n{}",
            td_string!(locale, mail.intro_received_body),
            td_string!(locale, mail.intro_received_consent),
        ),
    }
}

/// To the sender of a request that was accepted.
pub fn introduction_accepted(to: String, locale: Locale, public_url: &str) -> Mail {
    Mail {
        to,
        subject: td_string!(locale, mail.intro_accepted_subject).to_string(),
        body: format!(
            "{}\n\n{public_url}/inbox",
            td_string!(locale, mail.intro_accepted_body),
        ),
    }
}

/// To the sender of a request nobody answered in two weeks.
pub fn introduction_expired_sent(to: String, locale: Locale, public_url: &str) -> Mail {
    with_link(
        to,
        td_string!(locale, mail.intro_expired_sent_subject),
        td_string!(locale, mail.intro_expired_sent_body),
        &format!("{public_url}/inbox"),
        None,
    )
}

/// To the recipient (or each admin of the recipient organization) of a request left
/// unanswered for two weeks.
pub fn introduction_expired_received(to: String, locale: Locale, public_url: &str) -> Mail {
    with_link(
        to,
        td_string!(locale, mail.intro_expired_received_subject),
        td_string!(locale, mail.intro_expired_received_body),
        &format!("{public_url}/inbox"),
        None,
    )
}

/// To an owner: a reminder to confirm a profile or an organization, a warning that it
/// leaves the directory, or word that it left; each with its one-click link.
pub fn freshness(
    to: String,
    locale: Locale,
    notice: crate::domain::freshness::Notice,
    organization: bool,
    link: &str,
) -> Mail {
    use crate::domain::freshness::Notice;
    let (subject, body) = match (notice, organization) {
        (Notice::Reminder(_), false) => (
            td_string!(locale, mail.fresh_profile_subject),
            td_string!(locale, mail.fresh_profile_body),
        ),
        (Notice::Reminder(_), true) => (
            td_string!(locale, mail.fresh_org_subject),
            td_string!(locale, mail.fresh_org_body),
        ),
        (Notice::LeavingSoon, false) => (
            td_string!(locale, mail.leaving_profile_subject),
            td_string!(locale, mail.leaving_profile_body),
        ),
        (Notice::LeavingSoon, true) => (
            td_string!(locale, mail.leaving_org_subject),
            td_string!(locale, mail.leaving_org_body),
        ),
        (Notice::Delisted, false) => (
            td_string!(locale, mail.delisted_profile_subject),
            td_string!(locale, mail.delisted_profile_body),
        ),
        (Notice::Delisted, true) => (
            td_string!(locale, mail.delisted_org_subject),
            td_string!(locale, mail.delisted_org_body),
        ),
    };
    with_link(to, subject, body, link, None)
}

/// To the other side of an introduction with an organization its owner deleted.
pub fn organization_deleted(to: String, locale: Locale, name: &str) -> Mail {
    Mail {
        to,
        subject: td_string!(locale, mail.org_deleted_subject).to_string(),
        body: format!("{}\n\n{name}", td_string!(locale, mail.org_deleted_body)),
    }
}

/// A message of one paragraph, then a link on its own line, then an optional last word.
fn with_link(to: String, subject: &str, body: &str, link: &str, after: Option<&str>) -> Mail {
    let mut text = format!("{body}\n\n{link}");
    if let Some(after) = after {
        text.push_str("\n\n");
        text.push_str(after);
    }
    Mail {
        to,
        subject: subject.to_owned(),
        body: text,
    }
}

/// To a new account: the link that confirms its address (valid 48 hours).
pub fn confirm_address(to: String, locale: Locale, link: &str) -> Mail {
    with_link(
        to,
        td_string!(locale, mail.confirm_subject),
        td_string!(locale, mail.confirm_body),
        link,
        Some(td_string!(locale, mail.not_you)),
    )
}

/// To the owner of an address someone tried to register again.
pub fn already_registered(to: String, locale: Locale, public_url: &str) -> Mail {
    with_link(
        to,
        td_string!(locale, mail.already_registered_subject),
        td_string!(locale, mail.already_registered_body),
        &format!("{public_url}/password/forgot"),
        Some(td_string!(locale, mail.not_you)),
    )
}

/// The link that sets a new password (valid 30 minutes).
pub fn reset_password(to: String, locale: Locale, link: &str) -> Mail {
    with_link(
        to,
        td_string!(locale, mail.reset_subject),
        td_string!(locale, mail.reset_body),
        link,
        Some(td_string!(locale, mail.not_you)),
    )
}

/// After a password change: if it was not the owner, they can take the account back.
pub fn password_changed(to: String, locale: Locale, public_url: &str) -> Mail {
    with_link(
        to,
        td_string!(locale, mail.password_changed_subject),
        td_string!(locale, mail.password_changed_body),
        &format!("{public_url}/password/forgot"),
        None,
    )
}

/// To a new address: the link that moves the account to it (valid 48 hours).
pub fn confirm_new_address(to: String, locale: Locale, link: &str) -> Mail {
    with_link(
        to,
        td_string!(locale, mail.new_address_subject),
        td_string!(locale, mail.new_address_body),
        link,
        Some(td_string!(locale, mail.not_you)),
    )
}

/// To the old address, when a move to another one was asked for.
pub fn address_change_asked(to: String, locale: Locale, public_url: &str) -> Mail {
    with_link(
        to,
        td_string!(locale, mail.address_change_subject),
        td_string!(locale, mail.address_change_body),
        &format!("{public_url}/password/forgot"),
        None,
    )
}

/// To a side of an introduction: times proposed for a meeting, a time picked, a meeting
/// cancelled, or tomorrow's meeting; `when` lists the times in the reader's own zone.
pub fn meeting(
    to: String,
    locale: Locale,
    news: crate::server::introductions::meetings::News,
    when: &[String],
    link: &str,
) -> Mail {
    use crate::server::introductions::meetings::News;
    let (subject, body) = match news {
        News::Proposed => (
            td_string!(locale, mail.meeting_proposed_subject),
            td_string!(locale, mail.meeting_proposed_body),
        ),
        News::Confirmed => (
            td_string!(locale, mail.meeting_confirmed_subject),
            td_string!(locale, mail.meeting_confirmed_body),
        ),
        News::Cancelled => (
            td_string!(locale, mail.meeting_cancelled_subject),
            td_string!(locale, mail.meeting_cancelled_body),
        ),
        News::Reminder => (
            td_string!(locale, mail.meeting_reminder_subject),
            td_string!(locale, mail.meeting_reminder_body),
        ),
    };
    let times: String = when.iter().map(|t| format!("- {t}\n")).collect();
    Mail {
        to,
        subject: subject.to_owned(),
        body: format!("{body}\n\n{times}\n{link}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_writes_its_own_email_with_the_inbox_link() {
        let subjects: Vec<String> = Locale::get_all()
            .iter()
            .map(|&locale| {
                let mail =
                    introduction_received("a@example.org".into(), locale, "https://p.example");
                assert!(
                    mail.body.contains("https://p.example/inbox"),
                    "{locale:?}: {}",
                    mail.body
                );
                mail.subject
            })
            .collect();
        let mut distinct = subjects.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), subjects.len(), "{subjects:?}");
        let arabic = introduction_accepted("a@example.org".into(), Locale::ar, "https://p.example");
        assert!(arabic.subject.contains("التعارف"));
    }
}
