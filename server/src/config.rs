//! One typed configuration, read once from flags and environment, validated at start-up.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use db::DbSettings;

/// Inversa: reverse-mentoring programs, self-hosted.
#[derive(Debug, Parser)]
#[command(name = "inversa", version, about)]
pub struct Cli {
    /// What to do (default: serve).
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Settings shared by every command.
    #[command(flatten)]
    pub config: Config,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web server (the default).
    Serve,
    /// Administrative tasks.
    Admin {
        /// The task.
        #[command(subcommand)]
        task: AdminTask,
    },
    /// Demo data beyond the organisation loaded on first start.
    Demo {
        /// The task.
        #[command(subcommand)]
        task: DemoTask,
    },
    /// The pairing engine, usable on its own.
    Pairing {
        /// The task.
        #[command(subcommand)]
        task: PairingTask,
    },
}

/// `inversa pairing …`
#[derive(Debug, Subcommand)]
pub enum PairingTask {
    /// Read a pairing problem as JSON on stdin (profiles plus rules, or a raw score matrix) and
    /// write the optimal pairs as JSON on stdout. See the README for both formats.
    Solve,
}

/// `inversa demo …`
#[derive(Debug, Subcommand)]
pub enum DemoTask {
    /// Add a synthetic program in the matching stage with this many enrolled people (half
    /// mentors, half mentees), for measuring the pairing board at scale. Loads the demo
    /// organisation first when the database is empty. Prints the program key.
    Large {
        /// Enrolled people (2–20,000).
        #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(2..=20_000))]
        people: u32,
        /// Email of the program manager who owns it.
        #[arg(long, default_value = "rrhh@inversa.example")]
        owner: String,
    },
}

/// `inversa admin …`
#[derive(Debug, Subcommand)]
pub enum AdminTask {
    /// Create an administrator account (the first one, typically).
    Create {
        /// Email of the new admin.
        #[arg(long)]
        email: String,
        /// Display name.
        #[arg(long, default_value = "Administrator")]
        name: String,
        /// Password; read from INVERSA_ADMIN_PASSWORD, else asked on the terminal.
        #[arg(long, env = "INVERSA_ADMIN_PASSWORD", hide_env_values = true)]
        password: Option<String>,
    },
}

/// Server settings. Each flag can also come from the environment variable shown in `--help`.
#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Address and port to listen on.
    #[arg(long, env = "INVERSA_LISTEN", default_value = "127.0.0.1:3000", global = true)]
    pub listen: SocketAddr,

    /// Database: surrealkv://PATH (embedded, default), mem:// (tests), ws://HOST:PORT or wss://HOST:PORT
    /// (a SurrealDB server).
    #[arg(
        long,
        env = "INVERSA_DATABASE",
        default_value = "surrealkv://data/inversa",
        global = true
    )]
    pub database: String,

    /// SurrealDB namespace.
    #[arg(long, env = "INVERSA_DB_NAMESPACE", default_value = "inversa", global = true)]
    pub db_namespace: String,

    /// SurrealDB database name.
    #[arg(long, env = "INVERSA_DB_NAME", default_value = "main", global = true)]
    pub db_name: String,

    /// User for a remote SurrealDB server.
    #[arg(long, env = "INVERSA_DB_USER", global = true)]
    pub db_user: Option<String>,

    /// Password for a remote SurrealDB server.
    #[arg(long, env = "INVERSA_DB_PASSWORD", hide_env_values = true, global = true)]
    pub db_password: Option<String>,

    /// Public address users reach Inversa at (used in links and for the cross-site check).
    /// Default: http://<listen>.
    #[arg(long, env = "INVERSA_BASE_URL", global = true)]
    pub base_url: Option<String>,

    /// Mark the session cookie Secure (HTTPS only). Turn on behind HTTPS.
    #[arg(long, env = "INVERSA_SECURE_COOKIES", default_value_t = false, global = true)]
    pub secure_cookies: bool,

    /// Minutes of inactivity after which a session ends.
    #[arg(
        long,
        env = "INVERSA_SESSION_IDLE_MINUTES",
        default_value_t = 120,
        global = true
    )]
    pub session_idle_minutes: u64,

    /// Hours after sign-in after which a session ends, however active.
    #[arg(long, env = "INVERSA_SESSION_MAX_HOURS", default_value_t = 12, global = true)]
    pub session_max_hours: u64,

    /// Sign-in attempts allowed per email per minute.
    #[arg(
        long,
        env = "INVERSA_LOGIN_ATTEMPTS_PER_MINUTE",
        default_value_t = 5,
        global = true
    )]
    pub login_attempts_per_minute: u32,

    /// Do not load the demo organisation into an empty database.
    #[arg(long, env = "INVERSA_NO_DEMO", default_value_t = false, global = true)]
    pub no_demo: bool,

    /// SMTP server for outgoing email, as smtp://user:pass@host:port or smtps://…; without it,
    /// emails go to the outbox that admins can read.
    #[arg(long, env = "INVERSA_SMTP_URL", hide_env_values = true, global = true)]
    pub smtp_url: Option<String>,

    /// Sender address for outgoing email.
    #[arg(
        long,
        env = "INVERSA_MAIL_FROM",
        default_value = "Inversa <no-reply@inversa.local>",
        global = true
    )]
    pub mail_from: String,

    /// Directory with the built site (WASM, CSS, assets).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site", global = true)]
    pub site_root: PathBuf,

    /// Log format: `pretty` or `json`.
    #[arg(long, env = "INVERSA_LOG_FORMAT", default_value = "pretty", global = true)]
    pub log_format: String,
}

/// A setting that cannot be used, named so the operator knows what to fix.
#[derive(Debug, thiserror::Error)]
#[error("invalid setting {setting}: {reason}")]
pub struct ConfigError {
    /// Flag name.
    pub setting: &'static str,
    /// What is wrong.
    pub reason: String,
}

fn bad(setting: &'static str, reason: impl Into<String>) -> ConfigError {
    ConfigError {
        setting,
        reason: reason.into(),
    }
}

impl Config {
    /// Checks every setting; the first problem stops start-up with its name.
    pub fn validate(&self) -> Result<(), ConfigError> {
        self.db_settings()
            .connection_url()
            .map_err(|e| bad("--database (INVERSA_DATABASE)", e.to_string()))?;
        if self.db_settings().is_remote() && (self.db_user.is_none() || self.db_password.is_none()) {
            return Err(bad(
                "--db-user / --db-password (INVERSA_DB_USER / INVERSA_DB_PASSWORD)",
                "a ws:// or wss:// database needs a user and a password",
            ));
        }
        for (name, value) in [
            ("--db-namespace", &self.db_namespace),
            ("--db-name", &self.db_name),
        ] {
            if value.is_empty()
                || !value
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            {
                return Err(bad(
                    if name == "--db-namespace" {
                        "--db-namespace"
                    } else {
                        "--db-name"
                    },
                    "use letters, digits, _ or -",
                ));
            }
        }
        let base = self.base_url();
        let parsed =
            url::Url::parse(&base).map_err(|e| bad("--base-url (INVERSA_BASE_URL)", e.to_string()))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
            return Err(bad(
                "--base-url (INVERSA_BASE_URL)",
                "must be an http:// or https:// address",
            ));
        }
        if self.secure_cookies && parsed.scheme() != "https" {
            return Err(bad(
                "--secure-cookies",
                "secure cookies need an https:// base URL",
            ));
        }
        if self.session_idle_minutes == 0 || self.session_idle_minutes > 60 * 24 * 30 {
            return Err(bad("--session-idle-minutes", "must be between 1 and 43200"));
        }
        if self.session_max_hours == 0 || self.session_max_hours > 24 * 90 {
            return Err(bad("--session-max-hours", "must be between 1 and 2160"));
        }
        if self.login_attempts_per_minute == 0 {
            return Err(bad("--login-attempts-per-minute", "must be at least 1"));
        }
        if let Some(smtp) = &self.smtp_url {
            let u = url::Url::parse(smtp).map_err(|e| bad("--smtp-url (INVERSA_SMTP_URL)", e.to_string()))?;
            if !matches!(u.scheme(), "smtp" | "smtps") || u.host_str().is_none() {
                return Err(bad(
                    "--smtp-url (INVERSA_SMTP_URL)",
                    "use smtp://host:port or smtps://host:port",
                ));
            }
        }
        if !matches!(self.log_format.as_str(), "pretty" | "json") {
            return Err(bad("--log-format", "use pretty or json"));
        }
        Ok(())
    }

    /// The public base URL without a trailing slash.
    pub fn base_url(&self) -> String {
        self.base_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.listen))
            .trim_end_matches('/')
            .to_owned()
    }

    /// Database connection settings.
    pub fn db_settings(&self) -> DbSettings {
        DbSettings {
            url: self.database.clone(),
            namespace: self.db_namespace.clone(),
            database: self.db_name.clone(),
            username: self.db_user.clone(),
            password: self.db_password.clone(),
        }
    }

    /// Session lifetimes.
    pub fn session_policy(&self) -> app::ssr::SessionPolicy {
        app::ssr::SessionPolicy {
            inactivity: Duration::from_secs(self.session_idle_minutes * 60),
            absolute: Duration::from_secs(self.session_max_hours * 3600),
            secure_cookie: self.secure_cookies,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Config {
        let mut all = vec!["inversa"];
        all.extend_from_slice(args);
        Cli::try_parse_from(all).expect("parse").config
    }

    #[test]
    fn defaults_are_valid() {
        let c = parse(&[]);
        c.validate().unwrap();
        assert_eq!(c.base_url(), "http://127.0.0.1:3000");
    }

    #[test]
    fn errors_name_the_setting() {
        let e = parse(&["--database", "postgres://x"]).validate().unwrap_err();
        assert!(e.to_string().contains("--database"), "{e}");
        let e = parse(&["--database", "ws://db:8000"]).validate().unwrap_err();
        assert!(e.to_string().contains("--db-user"), "{e}");
        let e = parse(&["--base-url", "ftp://x"]).validate().unwrap_err();
        assert!(e.to_string().contains("--base-url"), "{e}");
        let e = parse(&["--secure-cookies"]).validate().unwrap_err();
        assert!(e.to_string().contains("--secure-cookies"), "{e}");
        let e = parse(&["--smtp-url", "http://mail"]).validate().unwrap_err();
        assert!(e.to_string().contains("--smtp-url"), "{e}");
        let e = parse(&["--database", "surrealkv://d?sync=1s"])
            .validate()
            .unwrap_err();
        assert!(e.to_string().contains("sync"), "{e}");
    }

    #[test]
    fn remote_database_with_credentials_is_valid() {
        parse(&[
            "--database",
            "ws://127.0.0.1:8000",
            "--db-user",
            "root",
            "--db-password",
            "root",
        ])
        .validate()
        .unwrap();
    }

    #[test]
    fn bad_listen_address_is_refused_by_the_parser() {
        let err = Cli::try_parse_from(["inversa", "--listen", "nowhere"]).unwrap_err();
        assert!(err.to_string().contains("--listen"), "{err}");
    }
}
