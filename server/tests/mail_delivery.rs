//! Email is delivered, and well formed. The mailer talks real SMTP to a small in-process SMTP
//! server (a test double of the remote server) that answers scripted reply codes per recipient:
//! a temporary refusal (451) is retried later with growing waits and delivered once the server
//! recovers; a permanent one (550) fails at once and is never retried; a scheduled retry
//! survives a restart on the same on-disk database; admins list failed mail and a resend
//! delivers it (once, however often it is sent); and every message is MIME that a strict parser
//! reads back with the same subject, names and text in Spanish and English.
//!
//! Time is passed to the delivery round, so "an hour later" is a timestamp, not a wait.

#![expect(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

mod support;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::{StatusCode, header};
use chrono::Utc;
use db::{Database, DbSettings, RecordId};
use mail_parser::{MessageParser, MimeHeaders};
use server::mail::{Delivery, Mailer};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

const FROM: &str = "Mentoría Inversa <no-reply@inversa.local>";

// ---------------------------------------------------------------------------------------------
// The SMTP sink
// ---------------------------------------------------------------------------------------------

/// One message the sink was given (after `DATA`), and what it answered.
#[derive(Debug, Clone)]
struct Received {
    rcpt: Vec<String>,
    raw: Vec<u8>,
    reply: u16,
}

#[derive(Default)]
struct SinkState {
    /// Reply to `RCPT TO` per address (default 250).
    rcpt: HashMap<String, u16>,
    /// Reply after the message data per address (default 250).
    data: HashMap<String, u16>,
    /// Mail transactions started (`MAIL FROM`), i.e. delivery tries that reached the server.
    tries: usize,
    /// Tries per recipient address (`RCPT TO`).
    rcpt_tries: HashMap<String, usize>,
    received: Vec<Received>,
}

/// A minimal SMTP server on 127.0.0.1 (RFC 5321: greeting, EHLO/HELO without extensions, so the
/// client must send 7-bit clean messages, MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP,
/// QUIT), answering the scripted codes.
#[derive(Clone)]
struct Sink {
    addr: SocketAddr,
    state: Arc<Mutex<SinkState>>,
}

fn text_of(code: u16) -> &'static str {
    match code {
        250 => "2.0.0 OK",
        451 => "4.3.0 Mailbox temporarily unavailable, try again later",
        550 => "5.1.1 Mailbox does not exist here",
        554 => "5.6.0 Message refused by policy",
        _ => "scripted reply",
    }
}

impl Sink {
    async fn start() -> Sink {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let sink = Sink {
            addr: listener.local_addr().unwrap(),
            state: Arc::default(),
        };
        let state = sink.state.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let state = state.clone();
                tokio::spawn(async move {
                    let _ = serve(socket, state).await;
                });
            }
        });
        sink
    }

    fn url(&self) -> String {
        format!("smtp://{}", self.addr)
    }

    fn on_rcpt(&self, to: &str, code: u16) {
        self.state.lock().unwrap().rcpt.insert(to.to_owned(), code);
    }

    fn on_data(&self, to: &str, code: u16) {
        self.state.lock().unwrap().data.insert(to.to_owned(), code);
    }

    fn tries(&self) -> usize {
        self.state.lock().unwrap().tries
    }

    fn tries_to(&self, to: &str) -> usize {
        self.state
            .lock()
            .unwrap()
            .rcpt_tries
            .get(to)
            .copied()
            .unwrap_or(0)
    }

    /// Messages accepted (250 after the data) for `to`.
    fn delivered_to(&self, to: &str) -> Vec<Vec<u8>> {
        self.state
            .lock()
            .unwrap()
            .received
            .iter()
            .filter(|r| r.reply == 250 && r.rcpt.iter().any(|a| a == to))
            .map(|r| r.raw.clone())
            .collect()
    }

    /// Every message given to the sink for `to`, accepted or not.
    fn given_for(&self, to: &str) -> Vec<Received> {
        self.state
            .lock()
            .unwrap()
            .received
            .iter()
            .filter(|r| r.rcpt.iter().any(|a| a == to))
            .cloned()
            .collect()
    }
}

async fn serve(socket: tokio::net::TcpStream, state: Arc<Mutex<SinkState>>) -> std::io::Result<()> {
    let (read, mut write) = socket.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 sink.test ESMTP ready\r\n").await?;
    let mut rcpt: Vec<String> = Vec::new();
    loop {
        let mut line = String::new();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_owned();
        let upper = command.to_ascii_uppercase();
        let reply = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            "250 sink.test\r\n".to_owned()
        } else if upper.starts_with("MAIL FROM:") {
            rcpt.clear();
            state.lock().unwrap().tries += 1;
            "250 2.1.0 OK\r\n".to_owned()
        } else if upper.starts_with("RCPT TO:") {
            let address = command[8..]
                .trim()
                .trim_start_matches('<')
                .split('>')
                .next()
                .unwrap_or_default()
                .to_owned();
            let code = {
                let mut s = state.lock().unwrap();
                *s.rcpt_tries.entry(address.clone()).or_default() += 1;
                s.rcpt.get(&address).copied().unwrap_or(250)
            };
            if code == 250 {
                rcpt.push(address);
            }
            format!("{code} {}\r\n", text_of(code))
        } else if upper == "DATA" {
            if rcpt.is_empty() {
                "503 5.5.1 No valid recipients\r\n".to_owned()
            } else {
                write
                    .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    .await?;
                let mut raw = Vec::new();
                loop {
                    let mut data_line = Vec::new();
                    if lines.read_until(b'\n', &mut data_line).await? == 0 {
                        return Ok(());
                    }
                    if data_line == b".\r\n" {
                        break;
                    }
                    // Dot-stuffing (RFC 5321 4.5.2).
                    let unstuffed = data_line.strip_prefix(b".").unwrap_or(&data_line);
                    raw.extend_from_slice(unstuffed);
                }
                let code = {
                    let mut s = state.lock().unwrap();
                    let code = rcpt
                        .iter()
                        .map(|a| s.data.get(a).copied().unwrap_or(250))
                        .max()
                        .unwrap_or(250);
                    s.received.push(Received {
                        rcpt: std::mem::take(&mut rcpt),
                        raw,
                        reply: code,
                    });
                    code
                };
                format!("{code} {}\r\n", text_of(code))
            }
        } else if upper == "RSET" {
            rcpt.clear();
            "250 2.0.0 OK\r\n".to_owned()
        } else if upper == "NOOP" {
            "250 2.0.0 OK\r\n".to_owned()
        } else if upper == "QUIT" {
            write.write_all(b"221 2.0.0 Bye\r\n").await?;
            return Ok(());
        } else {
            "500 5.5.2 Command not recognised\r\n".to_owned()
        };
        write.write_all(reply.as_bytes()).await?;
    }
}

// ---------------------------------------------------------------------------------------------
// Outbox helpers
// ---------------------------------------------------------------------------------------------

/// Writes an email to the outbox as the app does (only `to`, `subject`, `body_text`; everything
/// else takes the schema's defaults); answers its id.
async fn queue(db: &Database, to: &str, subject: &str, body: &str) -> RecordId {
    let id: Option<RecordId> = db
        .client()
        .query("CREATE ONLY outbox_email SET to = $to, subject = $subject, body_text = $body RETURN VALUE id")
        .bind(("to", to.to_owned()))
        .bind(("subject", subject.to_owned()))
        .bind(("body", body.to_owned()))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    id.unwrap()
}

/// Sets the recipient's name and an HTML body on a queued email.
async fn dress(db: &Database, id: &RecordId, name: Option<&str>, html: Option<&str>) {
    db.client()
        .query("UPDATE $id SET to_name = $name, body_html = $html")
        .bind(("id", id.clone()))
        .bind(("name", name.map(str::to_owned)))
        .bind(("html", html.map(str::to_owned)))
        .await
        .unwrap()
        .check()
        .unwrap();
}

async fn row(db: &Database, id: &RecordId) -> db::outbox::EmailRow {
    db::outbox::find(db, &db::key_of(id)).await.unwrap().unwrap()
}

fn mailer(sink_url: &str) -> Mailer {
    Mailer::new(sink_url, FROM).unwrap()
}

fn delivery(sent: usize, retrying: usize, failed: usize) -> Delivery {
    Delivery {
        sent,
        retrying,
        failed,
    }
}

async fn memory_db() -> Database {
    Database::open(&DbSettings::memory()).await.unwrap()
}

/// A port on which nothing listens: an SMTP server that is down.
fn closed_port_url() -> String {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    format!("smtp://127.0.0.1:{port}")
}

// ---------------------------------------------------------------------------------------------
// Retries
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_temporary_refusal_is_retried_with_growing_waits_and_delivered_when_the_server_recovers() {
    let db = memory_db().await;
    let sink = Sink::start().await;
    let to = "lucia@example.com";
    // Refused for now after the data, so the sink also shows what each try sent.
    sink.on_data(to, 451);
    let id = queue(&db, to, "Tu pareja de mentoría", "Hola, Lucía.").await;
    let mailer = mailer(&sink.url());

    let mut now = Utc::now();
    let mut waits = Vec::new();
    for attempt in 1..=4_i64 {
        assert_eq!(mailer.deliver_due(&db, now).await.unwrap(), delivery(0, 1, 0));
        let r = row(&db, &id).await;
        assert_eq!(r.status, "pending");
        assert_eq!(r.attempts, attempt);
        let error = r.last_error.unwrap();
        assert!(
            error.contains("451") && error.contains("try again later"),
            "{error}"
        );
        let next = r.next_attempt_at.unwrap();
        waits.push((next - now).num_minutes());
        // Not tried again before its time.
        let tries = sink.tries();
        assert_eq!(
            mailer
                .deliver_due(&db, next - chrono::Duration::seconds(1))
                .await
                .unwrap(),
            Delivery::default()
        );
        assert_eq!(sink.tries(), tries, "tried before its time");
        now = next;
    }
    assert_eq!(waits, vec![1, 5, 15, 60]);
    assert_eq!(sink.tries_to(to), 4);

    // The server recovers: the next due try gets through.
    sink.on_data(to, 250);
    assert_eq!(mailer.deliver_due(&db, now).await.unwrap(), delivery(1, 0, 0));
    let r = row(&db, &id).await;
    assert_eq!(r.status, "sent");
    assert_eq!(r.attempts, 5);
    assert_eq!(r.last_error, None);
    assert_eq!(r.next_attempt_at, None);
    assert!(r.sent_at.is_some());
    assert_eq!(sink.delivered_to(to).len(), 1);
    // Every try carried the same Message-ID, so the receiver can drop a duplicate.
    let ids: Vec<String> = sink
        .given_for(to)
        .iter()
        .map(|m| {
            MessageParser::default()
                .parse(&m.raw)
                .unwrap()
                .message_id()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(ids.len(), 5);
    assert!(ids.iter().all(|i| *i == ids[0]), "{ids:?}");
    // Sent is final.
    assert_eq!(
        mailer
            .deliver_due(&db, now + chrono::Duration::days(3))
            .await
            .unwrap(),
        Delivery::default()
    );
    assert_eq!(sink.tries_to(to), 5);
}

#[tokio::test]
async fn retries_stop_after_about_a_day_and_the_email_is_failed() {
    let db = memory_db().await;
    let sink = Sink::start().await;
    let to = "bo@example.com";
    sink.on_rcpt(to, 451);
    let id = queue(&db, to, "Reminder", "Your meeting is tomorrow.").await;
    let mailer = mailer(&sink.url());
    let first = Utc::now();
    let mut now = first;
    let mut waits = Vec::new();
    loop {
        let round = mailer.deliver_due(&db, now).await.unwrap();
        let r = row(&db, &id).await;
        match r.next_attempt_at {
            Some(next) => {
                assert_eq!(round, delivery(0, 1, 0));
                waits.push((next - now).num_minutes());
                now = next;
            }
            None => {
                assert_eq!(round, delivery(0, 0, 1));
                assert_eq!(r.status, "failed");
                assert!(r.last_error.unwrap().contains("451"));
                assert_eq!(r.failed_at, Some(now));
                break;
            }
        }
        assert!(waits.len() < 20, "never gave up: {waits:?}");
    }
    assert_eq!(waits, db::outbox::RETRY_DELAYS_MINUTES.to_vec());
    assert!(
        waits.windows(2).all(|w| w[0] < w[1]),
        "waits must grow: {waits:?}"
    );
    let span = now - first;
    assert!(
        span >= chrono::Duration::hours(20) && span <= chrono::Duration::hours(24),
        "{span}"
    );
    assert_eq!(sink.tries_to(to), waits.len() + 1);
    // Failed is final until an admin resends it.
    mailer
        .deliver_due(&db, now + chrono::Duration::days(2))
        .await
        .unwrap();
    assert_eq!(sink.tries_to(to), waits.len() + 1);
}

#[tokio::test]
async fn a_permanent_refusal_fails_at_once_and_is_never_retried() {
    let db = memory_db().await;
    let sink = Sink::start().await;
    sink.on_rcpt("gone@example.com", 550);
    sink.on_data("policy@example.com", 554);
    let gone = queue(&db, "gone@example.com", "Hola", "Texto").await;
    let policy = queue(&db, "policy@example.com", "Hola", "Texto").await;
    let bad = queue(&db, "not an address", "Hola", "Texto").await;
    let fine = queue(&db, "fine@example.com", "Hola", "Texto").await;
    let mailer = mailer(&sink.url());
    let now = Utc::now();
    // One bad recipient does not hold up the others.
    assert_eq!(mailer.deliver_due(&db, now).await.unwrap(), delivery(1, 0, 3));
    let r = row(&db, &gone).await;
    assert_eq!(r.status, "failed");
    assert_eq!(r.attempts, 1);
    assert_eq!(r.next_attempt_at, None);
    let error = r.last_error.unwrap();
    assert!(
        error.contains("550") && error.contains("Mailbox does not exist here"),
        "{error}"
    );
    let error = row(&db, &policy).await.last_error.unwrap();
    assert!(
        error.contains("554") && error.contains("refused by policy"),
        "{error}"
    );
    let r = row(&db, &bad).await;
    assert_eq!(r.status, "failed");
    assert!(r.last_error.unwrap().contains("not an email address"));
    assert_eq!(row(&db, &fine).await.status, "sent");
    // Never tried again, however late.
    for later in [1, 60, 60 * 24, 60 * 24 * 7] {
        assert_eq!(
            mailer
                .deliver_due(&db, now + chrono::Duration::minutes(later))
                .await
                .unwrap(),
            Delivery::default()
        );
    }
    assert_eq!(sink.tries_to("gone@example.com"), 1);
    assert_eq!(sink.tries_to("policy@example.com"), 1);
    assert!(sink.delivered_to("gone@example.com").is_empty());
}

#[tokio::test]
async fn an_unreachable_server_is_an_outage_not_a_refusal() {
    let db = memory_db().await;
    let first = queue(&db, "a@example.com", "Uno", "Texto").await;
    let second = queue(&db, "b@example.com", "Dos", "Texto").await;
    let down = mailer(&closed_port_url());
    let now = Utc::now();
    // The first try finds no server: it is retried later, and the round stops there instead of
    // failing every email in the outbox.
    assert_eq!(down.deliver_due(&db, now).await.unwrap(), delivery(0, 1, 0));
    let r = row(&db, &first).await;
    assert_eq!(r.status, "pending");
    assert_eq!(r.next_attempt_at, Some(now + chrono::Duration::minutes(1)));
    assert!(r.last_error.is_some());
    assert_eq!(row(&db, &second).await.attempts, 0);
    // The next round tries the next email.
    assert_eq!(
        down.deliver_due(&db, now + chrono::Duration::seconds(5))
            .await
            .unwrap(),
        delivery(0, 1, 0)
    );
    assert_eq!(row(&db, &second).await.attempts, 1);
    // The server is back: both go out when due.
    let sink = Sink::start().await;
    let up = mailer(&sink.url());
    assert_eq!(
        up.deliver_due(&db, now + chrono::Duration::minutes(2))
            .await
            .unwrap(),
        delivery(2, 0, 0)
    );
    assert_eq!(sink.delivered_to("a@example.com").len(), 1);
    assert_eq!(sink.delivered_to("b@example.com").len(), 1);
}

#[tokio::test]
async fn a_scheduled_retry_survives_a_restart() {
    /// Removes the database files when the test ends, passed or not.
    struct TempDir(std::path::PathBuf);
    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
    let temp = TempDir(std::env::temp_dir().join(format!("inversa-outbox-restart-{}", db::new_key())));
    let dir = &temp.0;
    let settings = DbSettings {
        url: format!("surrealkv://{}", dir.display()),
        ..DbSettings::memory()
    };
    let sink = Sink::start().await;
    let to = "marta@example.com";
    sink.on_rcpt(to, 451);
    let now = Utc::now();
    let (id, next) = {
        let db = Database::open(&settings).await.unwrap();
        let id = queue(&db, to, "Invitación", "Hola, Marta.").await;
        assert_eq!(
            mailer(&sink.url()).deliver_due(&db, now).await.unwrap(),
            delivery(0, 1, 0)
        );
        let next = row(&db, &id).await.next_attempt_at.unwrap();
        (id, next)
    };
    // The process is gone; a new one opens the same files (the engine closes in the
    // background, so the files may be busy for a moment).
    let mut reopened = None;
    for _ in 0..100 {
        match Database::open(&settings).await {
            Ok(db) => {
                reopened = Some(db);
                break;
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
    let db = reopened.expect("the database reopens");
    let r = row(&db, &id).await;
    assert_eq!(r.status, "pending");
    assert_eq!(r.attempts, 1);
    assert_eq!(r.next_attempt_at, Some(next));
    sink.on_rcpt(to, 250);
    let mailer = mailer(&sink.url());
    assert_eq!(
        mailer
            .deliver_due(&db, next - chrono::Duration::seconds(1))
            .await
            .unwrap(),
        Delivery::default()
    );
    assert_eq!(mailer.deliver_due(&db, next).await.unwrap(), delivery(1, 0, 0));
    assert_eq!(row(&db, &id).await.status, "sent");
    assert_eq!(sink.delivered_to(to).len(), 1);
    drop(db);
    tokio::time::sleep(Duration::from_millis(300)).await;
}

// ---------------------------------------------------------------------------------------------
// Admins see failed mail and resend it
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn admins_see_failed_and_retrying_mail_and_a_resend_delivers_it_once() {
    let h = support::harness().await;
    let db = &h.state.db;
    let sink = Sink::start().await;
    sink.on_rcpt("rechazo@example.com", 550);
    sink.on_rcpt("luego@example.com", 451);
    let failed = queue(db, "rechazo@example.com", "Invitación a Mentoría Inversa", "Hola").await;
    let retrying = queue(db, "luego@example.com", "Recordatorio de reunión", "Hola").await;
    let sent = queue(db, "bien@example.com", "Tu pareja", "Hola").await;
    let mailer = mailer(&sink.url());
    let now = Utc::now();
    assert_eq!(mailer.deliver_due(db, now).await.unwrap(), delivery(1, 1, 1));

    // Only admins may look or resend; the refusal lists nothing.
    let pm = h.sign_in("pm@example.com").await;
    let ana = h.sign_in("ana@example.com").await;
    for cookie in [Some(pm.as_str()), Some(ana.as_str()), None] {
        let r = h.post("/api/list_outbox", "", cookie, "en").await;
        assert!(
            matches!(r.status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN),
            "{} {}",
            r.status,
            r.body
        );
        assert!(!r.body.contains("rechazo@example.com"), "{}", r.body);
        let page = h.get("/admin/outbox", cookie).await;
        assert!(!page.body.contains("rechazo@example.com"));
    }
    let page = h.get("/admin/outbox", Some(&pm)).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);

    let admin = h.sign_in("admin@example.com").await;
    let r = h.post("/api/list_outbox", "", Some(&admin), "en").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let list = r.json();
    let emails = list["emails"].as_array().unwrap();
    assert_eq!(emails.len(), 2, "{list}");
    let by_to = |to: &str| {
        emails
            .iter()
            .find(|e| e["to"] == to)
            .unwrap_or_else(|| panic!("{to} not listed: {list}"))
            .clone()
    };
    let f = by_to("rechazo@example.com");
    assert_eq!(f["status"], "failed");
    assert_eq!(f["subject"], "Invitación a Mentoría Inversa");
    assert_eq!(f["attempts"], 1);
    assert!(f["last_error"].as_str().unwrap().contains("550"));
    assert!(f["next_attempt_at"].is_null());
    let p = by_to("luego@example.com");
    assert_eq!(p["status"], "retrying");
    assert!(p["last_error"].as_str().unwrap().contains("451"));
    assert!(!p["next_attempt_at"].is_null());
    assert_eq!(list["failed"], 1);
    assert_eq!(list["retrying"], 1);

    // The page shows the same, in the admin's language.
    let page = h.get("/admin/outbox", Some(&admin)).await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "rechazo@example.com",
        "Invitación a Mentoría Inversa",
        "luego@example.com",
        "Mailbox does not exist here",
    ] {
        assert!(page.body.contains(text), "{text} missing from the page");
    }
    assert!(!page.body.contains("bien@example.com"));

    // Resend without JavaScript: a plain form post, twice (a double click or a replay).
    let key = db::key_of(&failed);
    sink.on_rcpt("rechazo@example.com", 250);
    for _ in 0..2 {
        let r = h
            .post_plain("/api/resend_email", &format!("key={key}"), &admin)
            .await;
        assert!(r.status.is_redirection(), "{} {}", r.status, r.body);
        assert!(
            r.headers[header::LOCATION]
                .to_str()
                .unwrap()
                .starts_with("/admin/outbox"),
            "{:?}",
            r.headers
        );
    }
    let r = row(db, &failed).await;
    assert_eq!(r.status, "pending");
    assert!(r.next_attempt_at.unwrap() <= Utc::now());
    // Delivered at the next round, once.
    let round = mailer.deliver_due(db, Utc::now()).await.unwrap();
    assert_eq!(round.sent, 1, "{round:?}");
    assert_eq!(row(db, &failed).await.status, "sent");
    assert_eq!(sink.delivered_to("rechazo@example.com").len(), 1);
    mailer
        .deliver_due(db, Utc::now() + chrono::Duration::days(2))
        .await
        .unwrap();
    assert_eq!(sink.delivered_to("rechazo@example.com").len(), 1);

    // Resending a delivered email changes nothing and says so.
    let r = h
        .post(
            "/api/resend_email",
            &format!("key={}", db::key_of(&sent)),
            Some(&admin),
            "es",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json(), "already_sent");
    assert_eq!(row(db, &sent).await.status, "sent");
    // A retrying email is tried now.
    let r = h
        .post(
            "/api/resend_email",
            &format!("key={}", db::key_of(&retrying)),
            Some(&admin),
            "en",
        )
        .await;
    assert_eq!(r.json(), "queued");
    assert!(row(db, &retrying).await.next_attempt_at.unwrap() <= Utc::now());
    // Unknown or malformed keys are "not found"; others may not resend.
    for form in ["key=nope", "key=", &format!("key={}", "x".repeat(500))] {
        let r = h.post("/api/resend_email", form, Some(&admin), "es").await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{form}: {}", r.body);
    }
    let r = h
        .post("/api/resend_email", &format!("key={key}"), Some(&pm), "es")
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = h
        .post("/api/resend_email", &format!("key={key}"), None, "es")
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

// ---------------------------------------------------------------------------------------------
// Well-formed MIME
// ---------------------------------------------------------------------------------------------

/// A long line without spaces, a line starting with a dot (dot-stuffing), one starting with
/// "From ", trailing spaces, `=` signs, tabs, and accents, ñ and emoji at many positions.
fn body_in(lang: &str) -> String {
    let long: String = match lang {
        "es" => "Añoranza-çedilla-ñandú-pingüino-acción-🎉-".repeat(40),
        _ => "Naïve-café-résumé-façade-coöperate-🚀-".repeat(40),
    };
    let prose = match lang {
        "es" => {
            "Hola, Íñigo Muñoz:\n\nParticipas en «Mentoría Inversa 2027», un programa de mentoría inversa. Elige tu contraseña con este enlace personal para activar tu cuenta y completar tu participación en el programa — ¡te esperamos! 🎓\n"
        }
        _ => {
            "Hello Zoë O'Brien,\n\nYou are taking part in “Reverse Mentoring 2027”, a reverse-mentoring program on Inversa. Choose your password with this personal link to activate your account and complete your part in the program — see you soon! 🎓\n"
        }
    };
    format!(
        "{prose}\n{long}\n.Una línea que empieza por punto\n..dos puntos\nFrom here on = 3 + 4 = 7\ttab\nespacios al final   \nhttps://inversa.example/invite/abc123?x=1&y=2\n\n— Inversa\n"
    )
}

fn subject_in(lang: &str) -> String {
    match lang {
        "es" => "Mentoría Inversa 2027: tu invitación a Inversa — ¡bienvenida, Begoña Ñúñez! 🎉 Añade la reunión con Íñigo a tu calendario".to_owned(),
        _ => "Reverse Mentoring 2027: your invitation to Inversa — welcome, Zoë Ångström! 🚀 Add the meeting with Chloé to your calendar".to_owned(),
    }
}

/// Checks the raw message against RFC 5322 / 2045 / 2047 rules a strict reader relies on: CRLF
/// line ends, no line over 998 octets, a subject folded at 78 (when its words are shorter than a
/// line), encoded words of at most 75
/// characters, 7-bit clean (the sink offers no 8BITMIME or SMTPUTF8), and each required header
/// once.
fn assert_well_formed(raw: &[u8], words_fit_a_line: bool) {
    assert!(raw.is_ascii(), "8-bit data in a message to a 7-bit server");
    let text = std::str::from_utf8(raw).unwrap();
    assert!(!text.replace("\r\n", "").contains('\n'), "bare LF");
    assert!(!text.replace("\r\n", "").contains('\r'), "bare CR");
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let mut in_subject = false;
    for line in head.split("\r\n") {
        assert!(line.len() <= 998, "header line of {} octets: {line}", line.len());
        if !line.starts_with([' ', '\t']) {
            in_subject = line.to_ascii_lowercase().starts_with("subject:");
        }
        // Unstructured text is folded at 78 where it has a place to fold (lettre does not fold
        // between a mailbox's encoded name and its address, so address headers may run a
        // little longer, within 998).
        if in_subject && words_fit_a_line {
            assert!(line.len() <= 78, "subject line of {} octets: {line}", line.len());
        }
        for word in line.split([' ', '\t']).filter(|w| w.starts_with("=?")) {
            assert!(
                word.len() <= 75,
                "encoded word of {} characters: {word}",
                word.len()
            );
        }
    }
    for line in body.split("\r\n") {
        assert!(line.len() <= 998, "body line of {} octets", line.len());
    }
    let names: Vec<String> = head
        .split("\r\n")
        .filter(|l| !l.starts_with([' ', '\t']))
        .filter_map(|l| l.split_once(':').map(|(n, _)| n.to_ascii_lowercase()))
        .collect();
    for required in [
        "from",
        "to",
        "subject",
        "date",
        "message-id",
        "mime-version",
        "content-type",
    ] {
        assert_eq!(
            names.iter().filter(|n| *n == required).count(),
            1,
            "{required} in {names:?}"
        );
    }
}

fn lf(s: &str) -> String {
    s.replace("\r\n", "\n")
}

/// A notice the database wrote as facts is put into words when it is sent, in the language
/// the recipient had, with the link it carries.
#[tokio::test]
async fn notices_are_sent_in_the_recipients_language() {
    let db = memory_db().await;
    let sink = Sink::start().await;
    let mailer = mailer(&sink.url());
    for (lang, to) in [("es", "ana@example.com"), ("en", "ben@example.com")] {
        db.client()
            .query(
                "CREATE outbox_email SET to = $to, kind = 'pair_published', lang = $lang,
                     params = { role: 'mentee', program: 'Piloto 2027', other: 'Íñigo Ñúñez' },
                     url = 'https://inversa.example/pair'",
            )
            .bind(("to", to.to_owned()))
            .bind(("lang", lang.to_owned()))
            .await
            .unwrap()
            .check()
            .unwrap();
    }
    assert_eq!(
        mailer.deliver_due(&db, Utc::now()).await.unwrap(),
        delivery(2, 0, 0)
    );
    let read = |to: &str| {
        let raw = sink.delivered_to(to).pop().unwrap();
        assert_well_formed(&raw, false);
        let m = MessageParser::default().parse(&raw).unwrap();
        (
            m.subject().unwrap_or_default().to_owned(),
            lf(&m.body_text(0).unwrap()),
        )
    };
    let (subject, body) = read("ana@example.com");
    assert_eq!(subject, "Tu mentee en Piloto 2027 es Íñigo Ñúñez");
    assert_eq!(
        body,
        "Tu mentee en Piloto 2027 es Íñigo Ñúñez. Entra en Inversa para conoceros: https://inversa.example/pair\n"
    );
    let (subject, body) = read("ben@example.com");
    assert_eq!(subject, "Your mentee for Piloto 2027 is Íñigo Ñúñez");
    assert!(
        body.ends_with("Open Inversa to meet them: https://inversa.example/pair\n"),
        "{body}"
    );
}

#[tokio::test]
async fn messages_read_back_with_the_same_text_in_spanish_and_english() {
    let db = memory_db().await;
    let sink = Sink::start().await;
    let mailer = mailer(&sink.url());
    let cases = [
        ("es", "begona@example.com", Some("Begoña Ñúñez Peña"), None),
        ("en", "zoe@example.com", Some("Zoë Ångström, \"Ops\""), None),
        (
            "es",
            "html@example.com",
            None,
            Some(
                "<p>Hola, <strong>Íñigo</strong> — ¡bienvenido! 🎉</p>\n<p><a href=\"https://inversa.example/pair?a=1&amp;b=2\">Ver mi pareja</a></p>",
            ),
        ),
    ];
    let mut ids = Vec::new();
    for (lang, to, name, html) in cases {
        let id = queue(&db, to, &subject_in(lang), &body_in(lang)).await;
        dress(&db, &id, name, html).await;
        ids.push(id);
    }
    assert_eq!(
        mailer.deliver_due(&db, Utc::now()).await.unwrap(),
        delivery(3, 0, 0)
    );
    for ((lang, to, name, html), id) in cases.into_iter().zip(ids) {
        let raw = sink.delivered_to(to).pop().unwrap();
        assert_well_formed(&raw, true);
        let message = MessageParser::default().parse(&raw).unwrap();
        assert_eq!(message.subject(), Some(subject_in(lang).as_str()), "{lang}");
        let recipient = message.to().unwrap().first().unwrap();
        assert_eq!(recipient.address(), Some(to));
        assert_eq!(recipient.name(), name);
        let sender = message.from().unwrap().first().unwrap();
        assert_eq!(sender.address(), Some("no-reply@inversa.local"));
        assert_eq!(sender.name(), Some("Mentoría Inversa"));
        assert!(message.date().is_some_and(|d| d.is_valid()));
        assert_eq!(
            message.message_id(),
            Some(format!("{}@inversa.local", db::key_of(&id)).as_str())
        );
        assert_eq!(message.mime_version().as_text(), Some("1.0"));
        // The text part: UTF-8, quoted-printable or base64, the same text.
        let part = message.text_part(0).unwrap();
        let ct = part.content_type().unwrap();
        assert_eq!((ct.ctype(), ct.subtype()), ("text", Some("plain")));
        assert_eq!(
            ct.attribute("charset").map(str::to_ascii_lowercase),
            Some("utf-8".into())
        );
        let cte = part.content_transfer_encoding().unwrap().to_ascii_lowercase();
        assert!(matches!(cte.as_str(), "quoted-printable" | "base64"), "{cte}");
        assert_eq!(lf(part.text_contents().unwrap()), body_in(lang), "{lang}");
        match html {
            Some(html) => {
                let root = message.content_type().unwrap();
                assert_eq!((root.ctype(), root.subtype()), ("multipart", Some("alternative")));
                let part = message.html_part(0).unwrap();
                assert!(part.is_text_html());
                let ct = part.content_type().unwrap();
                assert_eq!(
                    ct.attribute("charset").map(str::to_ascii_lowercase),
                    Some("utf-8".into())
                );
                // Sent as lines: it gains the line break that ends its last line.
                assert_eq!(lf(part.text_contents().unwrap()), format!("{html}\n"));
                assert_eq!(message.text_body_count(), 1);
            }
            None => {
                let root = message.content_type().unwrap();
                assert_eq!((root.ctype(), root.subtype()), ("text", Some("plain")));
                assert_eq!(message.html_body_count(), 1, "only the text rendered as HTML");
                assert!(message.html_part(0).unwrap().is_text());
            }
        }
    }
}

#[test]
fn subjects_and_names_read_back_whatever_falls_on_a_fold() {
    let from: lettre::message::Mailbox = FROM.parse().unwrap();
    let pieces = [
        "ñ", "é", "🎉", "€", " ", "a", "=?", "?=", "\"", ",", ";", "\\", "—",
    ];
    for n in 0..90 {
        for piece in pieces {
            // A multi-byte character or a special sequence at every position around the
            // encoded-word and fold limits.
            let subject = format!("S{}{piece}{}!", "a".repeat(n), "Ñ fin".repeat(n % 7));
            let name = format!("L{}{piece} Peña", "u".repeat(n / 2));
            let email = db::outbox::PendingEmail {
                id: RecordId::new("outbox_email", "abc123"),
                to: "x@example.com".into(),
                to_name: Some(name.clone()),
                subject: subject.clone(),
                body_text: format!("{subject}\n{name}\n"),
                kind: None,
                params: serde_json::Value::Null,
                lang: "es".into(),
                url: None,
                body_html: None,
                temporary_failures: 0,
            };
            let message = server::mail::compose(&from, &email).unwrap();
            // As the SMTP client sends it: the data, then CRLF . CRLF.
            let mut raw = server::mail::smtp_data(&message);
            raw.extend_from_slice(b"\r\n");
            // Words of up to 90 letters cannot always be folded at 78.
            assert_well_formed(&raw, false);
            let message = MessageParser::default().parse(&raw).unwrap();
            assert_eq!(message.subject(), Some(subject.as_str()), "n={n} piece={piece:?}");
            assert_eq!(
                message.to().unwrap().first().unwrap().name(),
                Some(name.as_str()),
                "n={n} piece={piece:?}"
            );
            assert_eq!(lf(&message.body_text(0).unwrap()), format!("{subject}\n{name}\n"));
        }
    }
}

#[test]
fn a_certificate_email_carries_its_pdf() {
    let from: lettre::message::Mailbox = "Inversa <no-reply@inversa.example>".parse().unwrap();
    let email = db::outbox::PendingEmail {
        id: RecordId::new("outbox_email", "cert1"),
        to: "james.wilson@inversa.example".into(),
        to_name: Some("James Wilson".into()),
        subject: String::new(),
        body_text: String::new(),
        kind: Some("certificate_issued".into()),
        params: serde_json::json!({
            "program": "Piloto",
            "code": "0f3a9c2e7b1d4e6f8a0b2c4d6e8f0a1b",
            "verify_url": "https://x.example/verify/0f3a9c2e7b1d4e6f8a0b2c4d6e8f0a1b",
        }),
        lang: "en".into(),
        url: Some("https://x.example/recognition".into()),
        body_html: None,
        temporary_failures: 0,
    };
    let pdf = b"%PDF-1.7 test".to_vec();
    let files = [server::mail::Attachment {
        file_name: "inversa-certificate.pdf".into(),
        content_type: "application/pdf".into(),
        body: pdf.clone(),
    }];
    let message = server::mail::compose_with(&from, &email, &files).unwrap();
    let mut raw = server::mail::smtp_data(&message);
    raw.extend_from_slice(b"\r\n");
    let parsed = MessageParser::default().parse(&raw).unwrap();
    assert_eq!(parsed.subject(), Some("Your certificate for Piloto is ready"));
    let text = lf(&parsed.body_text(0).unwrap());
    assert!(
        text.contains("https://x.example/verify/0f3a9c2e7b1d4e6f8a0b2c4d6e8f0a1b"),
        "{text}"
    );
    let attachment = parsed.attachment(0).expect("the PDF is attached");
    assert_eq!(attachment.attachment_name(), Some("inversa-certificate.pdf"));
    assert_eq!(attachment.contents(), pdf.as_slice());
}
