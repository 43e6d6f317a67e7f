//! The command line. Every flag can also come from the environment variable it names.

use clap::{Args, Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(name = "kragle-schedules", version, about = "A schedule manager: web app and Kragle.io Schedules JSON API")]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// With no subcommand, `serve` runs with these flags.
    #[command(flatten)]
    pub serve: ServeArgs,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the web app and the JSON API (the default).
    Serve(ServeArgs),
    /// Apply database migrations and exit.
    Migrate(DbArgs),
    /// Manage user accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Control the embedded PostgreSQL cluster (used when DATABASE_URL is unset).
    Db {
        #[command(subcommand)]
        command: DbCommand,
    },
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Create an account. The password is asked for, or read as one line of standard input.
    Add {
        #[arg(long)]
        username: String,
        #[arg(long)]
        email: String,
        /// Read the password from the first line of standard input instead of a prompt.
        #[arg(long)]
        password_stdin: bool,
        #[command(flatten)]
        db: DbArgs,
    },
    /// List accounts.
    List {
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Subcommand, Debug)]
pub enum DbCommand {
    /// Start the embedded cluster and leave it running; prints its DATABASE_URL.
    Start {
        #[command(flatten)]
        db: DbArgs,
        /// The database name to put in the printed URL.
        #[arg(long, default_value = "kragle")]
        database: String,
    },
    /// Stop the embedded cluster.
    Stop {
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Args, Debug, Clone)]
pub struct DbArgs {
    /// PostgreSQL to use. Unset: the embedded cluster in <data-dir>/postgres.
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: Option<String>,
    /// Directory for the embedded cluster and the generated session key.
    #[arg(long, env = "KRAGLE_DATA_DIR", default_value = ".data")]
    pub data_dir: PathBuf,
    /// Log filter: a level (error, warn, info, debug, trace) or tracing directives.
    #[arg(long, env = "KRAGLE_LOG", default_value = "info")]
    pub log: String,
}

#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Address to listen on.
    #[arg(long, env = "KRAGLE_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,
    /// Key for session and token hashes (32+ characters). Unset: generated once and kept
    /// in <data-dir>/session.key. Instances sharing a database must share the key.
    #[arg(long, env = "SESSION_KEY", hide_env_values = true)]
    pub session_key: Option<String>,
    /// Where the built site (pkg/, CSS, assets) is.
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,
    /// Answer every API error with HTTP 500, as the original Kragle.io service did.
    #[arg(long, env = "KRAGLE_COMPAT_HTTP_500")]
    pub compat_http_500: bool,
    /// Refuse new accounts from the browser (accounts can still be made with `user add`).
    #[arg(long, env = "KRAGLE_NO_SIGNUP")]
    pub no_signup: bool,
    /// Mark the session cookie Secure (set this when the site is served over HTTPS).
    #[arg(long, env = "KRAGLE_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// Trust X-Forwarded-For and X-Forwarded-Proto from a reverse proxy in front.
    #[arg(long, env = "KRAGLE_TRUST_PROXY")]
    pub trust_proxy: bool,
    /// Failed logins allowed per account per window.
    #[arg(long, env = "KRAGLE_LOGIN_LIMIT_PER_ACCOUNT", default_value_t = 10)]
    pub login_limit_per_account: u32,
    /// Failed logins allowed per client address per window.
    #[arg(long, env = "KRAGLE_LOGIN_LIMIT_PER_ADDRESS", default_value_t = 100)]
    pub login_limit_per_address: u32,
    /// Length of the login-throttling window, in seconds.
    #[arg(long, env = "KRAGLE_LOGIN_WINDOW_SECS", default_value_t = 900)]
    pub login_window_secs: u64,
    /// Database connections in the pool.
    #[arg(long, env = "KRAGLE_DB_POOL_SIZE", default_value_t = 16)]
    pub db_pool_size: u32,
    /// Seconds a client has to send a request's headers before its connection is closed.
    #[arg(long, env = "KRAGLE_HEADER_TIMEOUT_SECS", default_value_t = 10)]
    pub header_timeout_secs: u64,
    /// Days a deleted schedule stays restorable; then it and its history are removed (at
    /// start and hourly).
    #[arg(long, env = "KRAGLE_KEEP_DELETED_DAYS", default_value_t = crate::schedules::history_service::KEEP_DELETED_DAYS_DEFAULT)]
    pub keep_deleted_days: u32,
    /// Seconds to let in-flight requests finish after SIGINT/SIGTERM.
    #[arg(long, env = "KRAGLE_DRAIN_SECS", default_value_t = 10)]
    pub drain_secs: u64,
}

impl Cli {
    /// The log filter of whichever subcommand runs.
    pub fn log_filter(&self) -> &str {
        match &self.command {
            None => &self.serve.db.log,
            Some(Command::Serve(args)) => &args.db.log,
            Some(Command::Migrate(db))
            | Some(Command::User { command: UserCommand::Add { db, .. } | UserCommand::List { db } })
            | Some(Command::Db { command: DbCommand::Start { db, .. } | DbCommand::Stop { db } }) => &db.log,
        }
    }
}
