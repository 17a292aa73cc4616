//! Where email goes: an SMTP server (lettre) when `PASSERELLE_SMTP_URL` is set, otherwise
//! a folder of `.eml` files (`PASSERELLE_MAIL_DIR`, by default `<data dir>/mail`), so a
//! development machine needs no mail server and loses nothing. Never the log: messages
//! carry single-use links, and logs must not.

use super::Mail;
use anyhow::Context;
use lettre::message::Mailbox;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::Path;

/// What every address Passerelle accepts ([`crate::domain::Email::parse`]) must be,
/// checked by the fuzz target (`fuzz/fuzz_targets/email.rs`) and the property test below:
/// one this transport can write to (lettre takes it as a recipient), without a line break
/// to smuggle a header, within SMTP's 254 octets, and accepted again as itself.
#[cfg(any(test, fuzzing))]
pub fn assert_mailable(email: &crate::domain::Email) {
    let address = email.as_str();
    assert!(
        address.parse::<Mailbox>().is_ok(),
        "accepted but cannot be mailed: {address:?}"
    );
    assert!(
        !address.contains(['\r', '\n']),
        "a line break in {address:?}"
    );
    assert!(
        address.len() <= 254,
        "{} octets: {address:?}",
        address.len()
    );
    assert_eq!(
        crate::domain::Email::parse(address).as_ref(),
        Ok(email),
        "not stable: {address:?}"
    );
}

/// A way to send email, and the sender's address.
pub struct Transport {
    way: Way,
    from: Mailbox,
}

enum Way {
    /// Writes each message to a folder, one `.eml` file each (any mail program opens it).
    Folder(AsyncFileTransport<Tokio1Executor>),
    /// Sends through an SMTP server.
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.way {
            Way::Folder(_) => write!(f, "Transport::Folder(from {})", self.from),
            Way::Smtp(_) => write!(f, "Transport::Smtp(from {})", self.from),
        }
    }
}

impl Transport {
    /// SMTP from a URL such as `smtps://user:password@mail.example.org` (see lettre's
    /// `AsyncSmtpTransport::from_url`), or the folder `mail_dir` when there is none.
    pub fn from_settings(
        smtp_url: Option<&str>,
        mail_dir: &Path,
        from: &str,
    ) -> anyhow::Result<Self> {
        let from = from
            .parse()
            .context("PASSERELLE_MAIL_FROM is not a valid address")?;
        let way = match smtp_url.filter(|u| !u.trim().is_empty()) {
            Some(url) => Way::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .context("PASSERELLE_SMTP_URL is not a valid SMTP URL")?
                    .timeout(Some(std::time::Duration::from_secs(20)))
                    .build(),
            ),
            None => {
                std::fs::create_dir_all(mail_dir).with_context(|| {
                    format!("Failed to create the mail folder {}", mail_dir.display())
                })?;
                tracing::warn!(
                    folder = %mail_dir.display(),
                    "no SMTP server configured (PASSERELLE_SMTP_URL): email is written to this folder"
                );
                Way::Folder(AsyncFileTransport::new(mail_dir))
            }
        };
        Ok(Self { way, from })
    }

    /// Sends one message.
    pub async fn send(&self, mail: &Mail) -> anyhow::Result<()> {
        let message = Message::builder()
            .from(self.from.clone())
            .to(mail.to.parse().context("Invalid recipient address")?)
            .subject(&mail.subject)
            .body(mail.body.clone())
            .context("Failed to build an email")?;
        match &self.way {
            Way::Folder(folder) => {
                folder
                    .send(message)
                    .await
                    .context("Failed to write an email to the mail folder")?;
            }
            Way::Smtp(smtp) => {
                smtp.send(message)
                    .await
                    .context("The SMTP server did not take the message")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::assert_mailable;
    use crate::domain::Email;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn every_accepted_address_can_be_mailed(
            typed in "[ a-zA-Z0-9!#$%&'*+/=?^_`{|}~.\"(),:;<>\\-]{1,30}@[a-zA-Z0-9ϐéİ.\\[\\]:-]{1,80}"
        ) {
            if let Ok(email) = Email::parse(&typed) {
                assert_mailable(&email);
            }
        }
    }
}
