//! The `inversa` command: serve the app, or run an administrative task.

use std::process::ExitCode;

use clap::Parser;
use server::config::{AdminTask, Cli, Command, DemoTask, PairingTask};

/// mimalloc instead of the system allocator: it gives freed memory back, so a burst of requests
/// (each argon2 check holds a 19 MB block) does not leave the process at its peak size.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    server::telemetry::init(&cli.config.log_format);
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("inversa: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let state = server::build_state(&cli.config).await?;
            if !cli.config.no_demo {
                server::load_demo_if_empty(&state).await?;
            }
            server::serve(cli.config, state).await
        }
        Command::Pairing {
            task: PairingTask::Solve,
        } => {
            use std::io::{Read, Write};
            let mut input = String::new();
            std::io::stdin().read_to_string(&mut input)?;
            let output = domain::pairing::solve_json(&input)?;
            writeln!(std::io::stdout().lock(), "{output}")?;
            Ok(())
        }
        Command::Demo {
            task: DemoTask::Large { people, owner },
        } => {
            let state = server::build_state(&cli.config).await?;
            server::load_demo_if_empty(&state).await?;
            let people = usize::try_from(people)?;
            let key = db::demo::load_large(&state.db, &domain::normalize_email(&owner), people).await?;
            println!("{key}");
            Ok(())
        }
        Command::Admin {
            task:
                AdminTask::Create {
                    email,
                    name,
                    password,
                },
        } => {
            let state = server::build_state(&cli.config).await?;
            let password = match password {
                Some(p) => p,
                None => rpassword::prompt_password(
                    "Password for the new administrator (at least 10 characters): ",
                )?,
            };
            let email = domain::normalize_email(&email);
            let key = server::routes::create_admin(&state, &email, &name, password).await?;
            println!("Created administrator {email} (user:{key}).");
            Ok(())
        }
    }
}
