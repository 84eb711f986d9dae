//! Outgoing email over SMTP. Every email is first written to the outbox (in the transaction that
//! caused it); with `--smtp-url` the server delivers pending ones every few seconds and marks
//! each sent, or counts the failure and keeps the error. `smtp://` is plain SMTP (a local relay
//! or a test sink), `smtps://` SMTP over TLS; credentials come from the URL.

use anyhow::Context;
use db::Database;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// Emails sent per delivery round.
const BATCH: i64 = 50;

/// A configured SMTP transport and sender address.
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

fn decoded(s: &str) -> String {
    url::form_urlencoded::parse(format!("x={s}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

impl Mailer {
    /// Builds the transport for `smtp_url` (validated by the configuration) sending as `from`.
    pub fn new(smtp_url: &str, from: &str) -> anyhow::Result<Mailer> {
        let url = url::Url::parse(smtp_url).context("--smtp-url")?;
        let host = url.host_str().context("--smtp-url has no host")?;
        let mut builder = if url.scheme() == "smtps" {
            AsyncSmtpTransport::<Tokio1Executor>::relay(host)?.port(url.port().unwrap_or(465))
        } else {
            AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host).port(url.port().unwrap_or(25))
        };
        if !url.username().is_empty() {
            builder = builder.credentials(Credentials::new(
                decoded(url.username()),
                decoded(url.password().unwrap_or("")),
            ));
        }
        let from: Mailbox = from
            .parse()
            .with_context(|| format!("--mail-from `{from}` is not an email address"))?;
        Ok(Mailer {
            transport: builder.build(),
            from,
        })
    }

    /// Delivers pending outbox emails; answers how many went out.
    pub async fn deliver_pending(&self, db: &Database) -> anyhow::Result<usize> {
        let mut sent = 0;
        for email in db::outbox::pending(db, BATCH).await? {
            let message = email
                .to
                .parse::<Mailbox>()
                .map_err(anyhow::Error::from)
                .and_then(|to| {
                    Message::builder()
                        .from(self.from.clone())
                        .to(to)
                        .subject(email.subject.clone())
                        .body(email.body_text.clone())
                        .map_err(anyhow::Error::from)
                });
            let result = match message {
                Ok(m) => self
                    .transport
                    .send(m)
                    .await
                    .map(|_| ())
                    .map_err(anyhow::Error::from),
                Err(e) => Err(e),
            };
            match result {
                Ok(()) => {
                    db::outbox::mark_sent(db, &email.id).await?;
                    sent += 1;
                }
                Err(e) => {
                    tracing::warn!(to = %email.to, error = %e, "email not delivered");
                    db::outbox::mark_failed(db, &email.id, &e.to_string()).await?;
                }
            }
        }
        Ok(sent)
    }
}
