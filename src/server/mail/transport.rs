//! Where email goes: an SMTP server (lettre) when `PASSERELLE_SMTP_URL` is set, otherwise
//! the log, so a development machine needs no mail server and loses nothing.

use super::Mail;
use anyhow::Context;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// A way to send email.
pub enum Transport {
    /// Writes each message to the log (INFO), for development and demos.
    Log,
    /// Sends through an SMTP server.
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Log => write!(f, "Transport::Log"),
            Self::Smtp { from, .. } => write!(f, "Transport::Smtp(from {from})"),
        }
    }
}

impl Transport {
    /// SMTP from a URL such as `smtps://user:password@mail.example.org` (see lettre's
    /// `AsyncSmtpTransport::from_url`), or the log when there is none.
    pub fn from_settings(smtp_url: Option<&str>, from: &str) -> anyhow::Result<Self> {
        let Some(url) = smtp_url.filter(|u| !u.trim().is_empty()) else {
            return Ok(Self::Log);
        };
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .context("PASSERELLE_SMTP_URL is not a valid SMTP URL")?
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        let from = from
            .parse()
            .context("PASSERELLE_MAIL_FROM is not a valid address")?;
        Ok(Self::Smtp { transport, from })
    }

    /// Sends one message.
    pub async fn send(&self, mail: &Mail) -> anyhow::Result<()> {
        match self {
            Self::Log => {
                tracing::info!(to = %mail.to, subject = %mail.subject, body = %mail.body, "email (no SMTP server configured)");
                Ok(())
            }
            Self::Smtp { transport, from } => {
                let message = Message::builder()
                    .from(from.clone())
                    .to(mail.to.parse().context("Invalid recipient address")?)
                    .subject(&mail.subject)
                    .body(mail.body.clone())
                    .context("Failed to build an email")?;
                transport
                    .send(message)
                    .await
                    .context("The SMTP server did not take the message")?;
                Ok(())
            }
        }
    }
}
