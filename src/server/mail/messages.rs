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
