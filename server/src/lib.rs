//! The Inversa server: configuration, router and layers, start-up and shutdown.
//!
//! `main.rs` is only the command line; everything here is a library so route tests can build the
//! same router and call it without a network.

pub mod admission;
pub mod calendar;
pub mod certificate_pdf;
pub mod certificates;
pub mod config;
pub mod http_layers;
pub mod mail;
pub mod routes;
pub mod telemetry;

use std::time::Duration;

use anyhow::Context;
use app::ssr::{AppState, LoginLimiter};
use axum::serve::ListenerExt;
use db::Database;
use leptos::config::LeptosOptions;

pub use config::{Cli, Config};

/// Opens the database (applying migrations) and builds the shared state.
pub async fn build_state(config: &Config) -> anyhow::Result<AppState> {
    config.validate()?;
    app::plural_rules::install();
    let db = Database::open(&config.db_settings())
        .await
        .with_context(|| format!("cannot open the database at {}", config.database))?;
    Ok(state_with(config, db))
}

/// Builds the shared state over an already open database.
pub fn state_with(config: &Config, db: Database) -> AppState {
    // A build with content-hashed file names left `hash.txt` beside the binary; leptos's
    // hydration scripts and the shell link the names it lists.
    let hash_file = app::assets::hash_file_beside_executable();
    let assets = app::assets::AssetNames::read("inversa", hash_file.as_deref());
    let leptos_options = LeptosOptions::builder()
        .output_name("inversa")
        .site_root(config.site_root.to_string_lossy().into_owned())
        .site_pkg_dir("pkg")
        .site_addr(config.listen)
        .hash_files(hash_file.is_some())
        .hash_file(
            hash_file
                .map(|p| p.to_string_lossy().into_owned())
                .unwrap_or_else(|| app::assets::HASH_FILE.to_owned())
                .into(),
        )
        .build();
    AppState {
        leptos_options,
        db,
        base_url: config.base_url(),
        sessions: config.session_policy(),
        login_limiter: LoginLimiter::new(config.login_attempts_per_minute),
        assets: std::sync::Arc::new(assets),
    }
}

/// Loads the demo organisation into an empty database and prints how to sign in.
pub async fn load_demo_if_empty(state: &AppState) -> anyhow::Result<()> {
    if !db::demo::is_empty(&state.db).await? {
        return Ok(());
    }
    let hash = app::ssr::auth::hash_password(db::demo::DEMO_PASSWORD.to_owned()).await?;
    let logins = db::demo::load(&state.db, &hash).await?;
    tracing::info!(
        employees = db::demo::employee_count(),
        "loaded the demo organisation"
    );
    println!(
        "\nDemo organisation loaded. Sign in at {} with password `{}`:",
        state.base_url,
        db::demo::DEMO_PASSWORD
    );
    for login in logins {
        println!("  {:<36} {}", login.email, login.role.as_str());
    }
    println!("  …and every demo employee as firstname.lastname@inversa.example (participant)");
    println!();
    Ok(())
}

/// How long the server waits, after the last database handle is dropped, for the embedded
/// engine to close before the process exits.
const DATABASE_CLOSE_GRACE: Duration = Duration::from_millis(500);

/// Serves until SIGINT or SIGTERM, then lets in-flight requests finish (up to 20 s).
pub async fn serve(config: Config, state: AppState) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("cannot listen on {} (--listen / INVERSA_LISTEN)", config.listen))?;
    let router = routes::router(state.clone());
    let limiter = state.login_limiter.clone();
    let reminder_state = state.clone();
    let cleanup = tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        loop {
            tick.tick().await;
            limiter.forget_idle();
            // Reminders before meetings and workshops, for pairs that have not met for a cadence
            // period and for feedback due soon.
            match db::reminders::send_due(&reminder_state.db, chrono::Utc::now(), &reminder_state.base_url)
                .await
            {
                Ok(sent) if sent != db::reminders::Sent::default() => {
                    tracing::info!(
                        meetings = sent.meetings,
                        quiet_pairs = sent.quiet_pairs,
                        feedback = sent.feedback,
                        workshops = sent.workshops,
                        "reminders sent"
                    );
                }
                Ok(_) => {}
                Err(e) => tracing::error!(error = %e, "sending reminders failed"),
            }
            // Badges that depend on time: "program completed" once a program has closed.
            match db::badges::refresh_closed_programs(&reminder_state.db, &reminder_state.base_url).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(badges = n, "badges awarded"),
                Err(e) => tracing::error!(error = %e, "awarding badges failed"),
            }
        }
    });
    // Outgoing email: with an SMTP server, deliver the outbox every few seconds.
    let delivery = match &config.smtp_url {
        Some(smtp) => {
            let mailer = mail::Mailer::new(smtp, &config.mail_from)?;
            let db = state.db.clone();
            Some(tokio::spawn(async move {
                let mut tick = tokio::time::interval(Duration::from_secs(5));
                loop {
                    tick.tick().await;
                    match mailer.deliver_pending(&db).await {
                        Ok(0) => {}
                        Ok(n) => tracing::info!(emails = n, "emails delivered"),
                        Err(e) => tracing::error!(error = %e, "email delivery failed"),
                    }
                }
            }))
        }
        None => None,
    };
    tracing::info!(address = %config.listen, base_url = %state.base_url, "Inversa is listening");
    // Without TCP_NODELAY a response written in two parts (headers, then a file's body) waits
    // for the client's delayed acknowledgement: about 40 ms per static file on a kept-alive
    // connection.
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "cannot set TCP_NODELAY");
        }
    });
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    cleanup.abort();
    if let Some(d) = delivery {
        d.abort();
    }
    tracing::info!("stopped accepting requests; closing the database");
    drop(state);
    // The embedded engine closes when its last handle is dropped, in a task of its own that
    // stops SurrealDB's maintenance tasks and then the storage engine; nothing can await it.
    // Leaving `main` at once would cancel those tasks half-way (SurrealDB then logs each one as
    // an error), so give them a moment to finish.
    tokio::time::sleep(DATABASE_CLOSE_GRACE).await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => tracing::info!("SIGINT received, shutting down"),
        () = term => tracing::info!("SIGTERM received, shutting down"),
    }
}
