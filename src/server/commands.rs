//! What each subcommand does.

use super::cli::{DbArgs, DbCommand, ServeArgs, UserCommand};
use super::database::Database;
use crate::auth::keys::SecretKey;
use crate::auth::service::AuthPolicy;
use crate::state::{AppState, Settings};
use anyhow::Context;
use leptos::prelude::LeptosOptions;
use std::time::Duration;

pub async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let mut database = Database::locate(args.db.database_url.as_deref(), &args.db.data_dir)?;
    // The cluster this process started is restarted if it dies while the server runs.
    let supervisor = database
        .cluster
        .as_ref()
        .filter(|cluster| cluster.started_here())
        .map(|cluster| tokio::spawn(super::embedded_pg::supervise(cluster.handle())));
    let result = serve_on(&args, &database, started).await;
    if let Some(supervisor) = supervisor {
        supervisor.abort();
    }
    database.stop();
    result
}

async fn serve_on(args: &ServeArgs, database: &Database, started: std::time::Instant) -> anyhow::Result<()> {
    let pool = tokio::select! {
        pool = database.connect(args.db_pool_size) => pool?,
        _ = shutdown_signal() => return Ok(()),
    };
    let key = match &args.session_key {
        Some(text) => SecretKey::from_text(text)?,
        None => SecretKey::load_or_create(&args.db.data_dir).context("reading or creating the session key")?,
    };
    let settings = Settings {
        compat_http_500: args.compat_http_500,
        allow_signup: !args.no_signup,
        secure_cookies: args.secure_cookies,
        trust_proxy: args.trust_proxy,
        keep_deleted_days: args.keep_deleted_days,
        auth: AuthPolicy {
            login_window: Duration::from_secs(args.login_window_secs),
            login_limit_per_account: args.login_limit_per_account,
            login_limit_per_address: args.login_limit_per_address,
            ..AuthPolicy::default()
        },
    };
    let state = AppState::new(leptos_options(args), pool.clone(), key, settings);
    let cleanup = tokio::spawn(hourly_cleanup(state.clone()));
    let listener =
        tokio::net::TcpListener::bind(args.addr).await.with_context(|| format!("listening on {}", args.addr))?;
    tracing::info!(startup_ms = started.elapsed().as_millis() as u64, "listening on http://{}", args.addr);
    println!("Kragle Schedules is running at http://{}", args.addr);

    let app = super::http::app(state);
    let (signalled_tx, signalled_rx) = tokio::sync::oneshot::channel::<()>();
    let server = super::listener::serve(listener, app, Duration::from_secs(args.header_timeout_secs), async move {
        shutdown_signal().await;
        tracing::info!("shutting down: refusing new connections, finishing in-flight requests");
        let _ = signalled_tx.send(());
    });
    let drain = Duration::from_secs(args.drain_secs);
    tokio::select! {
        _ = server => {}
        _ = async { let _ = signalled_rx.await; tokio::time::sleep(drain).await } => {
            tracing::warn!(drain_secs = args.drain_secs, "requests still in flight after the drain timeout; closing them");
        }
    }
    cleanup.abort();
    pool.close().await;
    tracing::info!("stopped");
    Ok(())
}

fn leptos_options(args: &ServeArgs) -> LeptosOptions {
    let mut options = LeptosOptions::builder()
        .output_name(env!("CARGO_PKG_NAME"))
        .site_root(args.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(args.addr)
        .env(leptos::config::Env::PROD)
        .build();
    options.hash_files = crate::assets::names_are_hashed(&options);
    options
}

/// SIGINT (Ctrl-C) or SIGTERM.
pub async fn shutdown_signal() {
    use tokio::signal::unix::{signal, SignalKind};
    let mut terminate = signal(SignalKind::terminate()).expect("installing the SIGTERM handler");
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = terminate.recv() => {}
    }
}

/// At start and then hourly: expired sessions, and deleted schedules past the retention
/// with their history (a thousand a transaction, see `history_service::purge_deleted`).
async fn hourly_cleanup(state: AppState) {
    let mut every = tokio::time::interval(Duration::from_secs(3600));
    loop {
        every.tick().await;
        match crate::auth::sessions::delete_expired(&state.pool, state.settings.auth.session_idle).await {
            Ok(n) if n > 0 => tracing::info!(removed = n, "removed expired sessions"),
            Ok(_) => {}
            Err(error) => tracing::warn!(error = %error, "could not remove expired sessions"),
        }
        let keep_days = state.settings.keep_deleted_days;
        match crate::schedules::history_service::purge_deleted(&state.pool, keep_days, crate::clock::now()).await {
            Ok(n) if n > 0 => tracing::info!(removed = n, keep_days, "purged deleted schedules past the retention"),
            Ok(_) => {}
            Err(error) => tracing::warn!(error = %error, "could not purge deleted schedules"),
        }
        if let Err(error) = crate::schedules::service::forget_unused_tags(&state.pool).await {
            tracing::warn!(error = %error, "could not remove the tallies of unused tags");
        }
    }
}

/// Runs `work` against the database of `db`, then stops the embedded cluster if this
/// command started it.
async fn with_database<T>(
    db: &DbArgs,
    work: impl AsyncFnOnce(&sqlx::PgPool) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let mut database = Database::locate(db.database_url.as_deref(), &db.data_dir)?;
    let result = async {
        let pool = database.connect(2).await?;
        let result = work(&pool).await;
        pool.close().await;
        result
    }
    .await;
    database.stop();
    result
}

pub async fn migrate(db: DbArgs) -> anyhow::Result<()> {
    with_database(&db, async |_| {
        println!("migrations applied");
        Ok(())
    })
    .await
}

pub async fn user(command: UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::Add { username, email, password_stdin, db } => {
            let password = if password_stdin {
                let mut line = String::new();
                std::io::stdin().read_line(&mut line)?;
                line.trim_end_matches(['\n', '\r']).to_string()
            } else {
                let first = rpassword::prompt_password("Password: ")?;
                anyhow::ensure!(first == rpassword::prompt_password("Again: ")?, "the passwords differ");
                first
            };
            with_database(&db, async |pool| {
                let user = crate::auth::service::register(pool, &username, &email, &password)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
                println!("created user {} ({}) with id {}", user.username, user.email, user.id);
                Ok(())
            })
            .await
        }
        UserCommand::List { db } => {
            with_database(&db, async |pool| {
                for user in crate::auth::users::list(pool).await? {
                    println!("{}\t{}\t{}", user.id, user.username, user.email);
                }
                Ok(())
            })
            .await
        }
    }
}

pub async fn db(command: DbCommand) -> anyhow::Result<()> {
    match command {
        DbCommand::Start { db, database } => {
            anyhow::ensure!(db.database_url.is_none(), "`db start` controls the embedded cluster; unset DATABASE_URL");
            let mut located = Database::locate(None, &db.data_dir)?;
            let cluster = located.cluster.as_mut().expect("the embedded cluster");
            cluster.keep_running();
            println!("{}", cluster.url(&database));
            Ok(())
        }
        DbCommand::Stop { db } => {
            let mut located = Database::locate(None, &db.data_dir)?;
            if let Some(cluster) = located.cluster.as_mut() {
                cluster.mark_started_here();
            }
            located.stop();
            Ok(())
        }
    }
}
