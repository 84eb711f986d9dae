//! Outgoing email over SMTP. Every email is first written to the outbox (in the transaction that
//! caused it); with `--smtp-url` the server delivers the due ones every few seconds.
//!
//! What the SMTP server answers decides what happens next (the schedule is kept in the outbox,
//! see [`db::outbox`], so it survives a restart):
//! - accepted: the email is marked sent;
//! - refused for good (a 5xx reply to the sender, a recipient or the message): marked failed at
//!   once, with the server's reply, for an admin to see and resend;
//! - refused for now (a 4xx reply), or the server could not be reached, timed out or refused our
//!   credentials: tried again after growing waits (1 min, 5 min, 15 min, 1 h, 3 h, 6 h, 12 h),
//!   then marked failed. When the server itself is unavailable the round stops there, so an
//!   outage costs one failed try per round rather than one per waiting email.
//!
//! Every message is MIME 1.0 with `Date`, a `Message-ID` that stays the same across retries
//! (`<record key@sender's domain>`, so receivers can drop duplicates), UTF-8 text (`charset=utf-8`,
//! 7bit when plain ASCII with short lines, otherwise quoted-printable or base64), RFC 2047 encoded
//! words for non-ASCII subjects and names, and `multipart/alternative` when there is an HTML body.
//!
//! `smtp://` is plain SMTP (a local relay or a test sink), `smtps://` SMTP over TLS; credentials
//! come from the URL.

use std::time::Duration;

use anyhow::Context;
use chrono::{DateTime, Utc};
use db::Database;
use db::outbox::{PendingEmail, Retry};
use lettre::message::header::ContentType;
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// Emails tried per delivery round.
const BATCH: i64 = 50;

/// How long one SMTP command may take before the server counts as unavailable.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// SMTP reply codes about our credentials (530 authentication required, 534 mechanism too weak,
/// 535 credentials invalid, 538 encryption required): the configuration is wrong, not the
/// email, so they are retried like an outage instead of failing every email for good.
const CREDENTIAL_CODES: [&str; 4] = ["530", "534", "535", "538"];

/// A configured SMTP transport and sender address.
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

/// What one delivery round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Delivery {
    /// Emails the SMTP server accepted.
    pub sent: usize,
    /// Emails refused for now (or not delivered because the server was unavailable), to be
    /// tried again later.
    pub retrying: usize,
    /// Emails marked failed: refused for good, or out of retries.
    pub failed: usize,
}

/// Why an email was not delivered.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Failure {
    /// This email was refused for good (5xx), or cannot be written as a message.
    Permanent(String),
    /// This email was refused for now (4xx).
    Temporary(String),
    /// The server could not be reached, timed out, or refused our credentials: no other email
    /// will get through in this round either.
    Unavailable(String),
}

fn decoded(s: &str) -> String {
    url::form_urlencoded::parse(format!("x={s}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

impl Mailer {
    /// Builds the transport for `smtp_url` (validated by the configuration) sending as `from`
    /// (`Name <address>` or an address).
    ///
    /// Errors: the URL has no host, TLS cannot be set up, or `from` is not an email address.
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
            transport: builder.timeout(Some(SMTP_TIMEOUT)).build(),
            from,
        })
    }

    /// Delivers the outbox emails due now; answers how many went out.
    ///
    /// Errors: the database failed (delivery failures are recorded, not returned).
    pub async fn deliver_pending(&self, db: &Database) -> anyhow::Result<usize> {
        Ok(self.deliver_due(db, Utc::now()).await?.sent)
    }

    /// Tries up to 50 outbox emails due at `now` and records each outcome (see the module
    /// header); stops early when the SMTP server is unavailable.
    ///
    /// Errors: the database failed.
    pub async fn deliver_due(&self, db: &Database, now: DateTime<Utc>) -> Result<Delivery, db::DbError> {
        let mut round = Delivery::default();
        for email in db::outbox::due(db, now, BATCH).await? {
            let attachments = attachments(db, &email).await?;
            let failure = match self.send(&email, &attachments).await {
                Ok(()) => {
                    db::outbox::mark_sent(db, &email.id, now).await?;
                    round.sent += 1;
                    continue;
                }
                Err(f) => f,
            };
            match &failure {
                Failure::Permanent(error) => {
                    tracing::warn!(to = %email.to, error = %error, "email refused for good");
                    db::outbox::mark_permanent_failure(db, &email.id, error, now).await?;
                    round.failed += 1;
                }
                Failure::Temporary(error) | Failure::Unavailable(error) => {
                    match db::outbox::mark_temporary_failure(db, &email, error, now).await? {
                        Retry::At(at) => {
                            tracing::info!(to = %email.to, error = %error, retry_at = %at, "email not delivered yet");
                            round.retrying += 1;
                        }
                        Retry::GaveUp => {
                            tracing::warn!(to = %email.to, error = %error, "email still refused after a day of retries");
                            round.failed += 1;
                        }
                        Retry::Stale => {}
                    }
                }
            }
            if matches!(failure, Failure::Unavailable(_)) {
                break;
            }
        }
        Ok(round)
    }

    async fn send(&self, email: &PendingEmail, attachments: &[Attachment]) -> Result<(), Failure> {
        let message =
            compose_with(&self.from, email, attachments).map_err(|e| Failure::Permanent(e.to_string()))?;
        let sent = self
            .transport
            .send_raw(message.envelope(), &smtp_data(&message))
            .await;
        sent.map(|_| ()).map_err(|e| {
            let text = e.to_string();
            let credentials = e
                .status()
                .is_some_and(|code| CREDENTIAL_CODES.contains(&code.to_string().as_str()));
            if e.is_permanent() && !credentials {
                Failure::Permanent(text)
            } else if e.is_transient() {
                Failure::Temporary(text)
            } else {
                Failure::Unavailable(text)
            }
        })
    }
}

/// The message as it goes between SMTP `DATA` and the end-of-data line: the formatted message
/// without its final line breaks, because the SMTP client ends the data with `CRLF . CRLF`, whose
/// first line break ends the message's last line. Sent as formatted, a single-part text would
/// gain empty lines at its end.
pub fn smtp_data(message: &Message) -> Vec<u8> {
    let mut data = message.formatted();
    while data.ends_with(b"\r\n") {
        data.truncate(data.len() - 2);
    }
    data
}

/// `text` as lines: every line break a `\n` (the message has them as CRLF) and exactly one at
/// the end, the form a mail reader gives back.
fn as_lines(text: &str) -> String {
    let mut lines = text.replace("\r\n", "\n").replace('\r', "\n");
    lines.truncate(lines.trim_end_matches('\n').len());
    lines.push('\n');
    lines
}

/// Why an outbox email cannot be written as a message.
#[derive(Debug, thiserror::Error)]
pub enum ComposeError {
    /// The recipient is not an email address.
    #[error("the recipient `{0}` is not an email address")]
    Recipient(String),
    /// The message could not be built.
    #[error("the message cannot be built: {0}")]
    Message(#[from] lettre::error::Error),
}

/// The subject and plain-text body of an email. A notice (see [`domain::Notice`]) is put into
/// words here, from the translation files, in the language the recipient had when it was
/// written; an email written whole is sent as written.
pub fn words(email: &PendingEmail) -> (String, String) {
    match email.notice() {
        Some(notice) => app::notifications::text::notice_email(
            app::locale_of(email.lang()),
            &notice,
            email.url.as_deref().unwrap_or_default(),
        ),
        None => (email.subject.clone(), email.body_text.clone()),
    }
}

/// A file sent with an email.
#[derive(Debug, Clone)]
pub struct Attachment {
    /// Its name, e.g. `certificado-inversa.pdf`.
    pub file_name: String,
    /// Its MIME type, e.g. `application/pdf`.
    pub content_type: String,
    /// Its bytes.
    pub body: Vec<u8>,
}

/// The files an outbox email carries, made when it is sent: a certificate notice carries the
/// certificate's PDF (written then, from the certificate as issued). A certificate revoked or
/// gone since carries nothing. Errors: the database failed.
pub async fn attachments(db: &Database, email: &PendingEmail) -> Result<Vec<Attachment>, db::DbError> {
    let Some(domain::Notice::CertificateIssued { code, verify_url, .. }) = email.notice() else {
        return Ok(Vec::new());
    };
    let Some(row) = db::certificates::by_code(db, &code).await? else {
        return Ok(Vec::new());
    };
    if row.revoked_at.is_some() {
        return Ok(Vec::new());
    }
    let text = crate::certificate_pdf::CertificateText::of(&row, verify_url);
    match crate::certificate_pdf::render(&text) {
        Ok(body) => Ok(vec![Attachment {
            file_name: crate::certificate_pdf::file_name(text.lang),
            content_type: "application/pdf".to_owned(),
            body,
        }]),
        Err(e) => {
            tracing::error!(error = %e, "certificate PDF failed");
            Ok(Vec::new())
        }
    }
}

/// [`compose`] with files attached: the text (or text and HTML) first, then each file, in a
/// `multipart/mixed` message. Without files it is [`compose`].
///
/// Errors: as [`compose`].
pub fn compose_with(
    from: &Mailbox,
    email: &PendingEmail,
    files: &[Attachment],
) -> Result<Message, ComposeError> {
    if files.is_empty() {
        return compose(from, email);
    }
    let (builder, body) = parts(from, email)?;
    let mut mixed = match body {
        Body::Text(text) => MultiPart::mixed().singlepart(text),
        Body::Alternative(alt) => MultiPart::mixed().multipart(alt),
    };
    for f in files {
        let kind = ContentType::parse(&f.content_type).unwrap_or(ContentType::TEXT_PLAIN);
        mixed = mixed
            .singlepart(lettre::message::Attachment::new(f.file_name.clone()).body(f.body.clone(), kind));
    }
    Ok(builder.multipart(mixed)?)
}

/// A message's body: plain text, or text with an HTML alternative.
enum Body {
    Text(SinglePart),
    Alternative(MultiPart),
}

/// The headers and body of an outbox email (see [`compose`]).
fn parts(
    from: &Mailbox,
    email: &PendingEmail,
) -> Result<(lettre::message::MessageBuilder, Body), ComposeError> {
    let address = email
        .to
        .parse()
        .map_err(|_| ComposeError::Recipient(email.to.clone()))?;
    let to = Mailbox::new(email.to_name.clone().filter(|n| !n.trim().is_empty()), address);
    let (subject, body_text) = words(email);
    let builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(subject)
        .date_now()
        .message_id(Some(format!(
            "<{}@{}>",
            db::key_of(&email.id),
            from.email.domain()
        )));
    let text = SinglePart::builder()
        .header(ContentType::TEXT_PLAIN)
        .body(as_lines(&body_text));
    let body = match &email.body_html {
        Some(html) => Body::Alternative(
            MultiPart::alternative().singlepart(text).singlepart(
                SinglePart::builder()
                    .header(ContentType::TEXT_HTML)
                    .body(as_lines(html)),
            ),
        ),
        None => Body::Text(text),
    };
    Ok((builder, body))
}

/// The MIME message for an outbox email sent as `from`: headers `From`, `To` (with the
/// recipient's name when known), `Subject`, `Date`, `Message-ID` (`<key@domain of from>`, the same
/// for every try) and `MIME-Version`; a `text/plain; charset=utf-8` body, or
/// `multipart/alternative` with the text and the HTML when the email has HTML. Bodies are sent as
/// lines: CRLF line breaks, and exactly one at the end. Send the message with [`smtp_data`].
///
/// Errors: [`ComposeError`] when the recipient is not an address or the message cannot be built.
pub fn compose(from: &Mailbox, email: &PendingEmail) -> Result<Message, ComposeError> {
    let (builder, body) = parts(from, email)?;
    let message = match body {
        Body::Alternative(alt) => builder.multipart(alt)?,
        Body::Text(text) => builder.singlepart(text)?,
    };
    Ok(message)
}
