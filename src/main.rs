//! `kragle-schedules`: parse the command line, set up logging, run the subcommand.

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() -> std::process::ExitCode {
    use clap::Parser;
    use kragle_schedules::server::{cli, commands};

    let cli = cli::Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_new(cli.log_filter()).unwrap_or_else(|_| "info".into()))
        .with_writer(std::io::stderr)
        .init();
    let result = match cli.command {
        None => commands::serve(cli.serve).await,
        Some(cli::Command::Serve(args)) => commands::serve(args).await,
        Some(cli::Command::Migrate(db)) => commands::migrate(db).await,
        Some(cli::Command::User { command }) => commands::user(command).await,
        Some(cli::Command::Db { command }) => commands::db(command).await,
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(not(feature = "ssr"))]
fn main() {}
