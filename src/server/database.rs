//! Connecting to PostgreSQL: the server at `DATABASE_URL`, or the embedded cluster.

use super::embedded_pg::EmbeddedCluster;
use anyhow::Context;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{ConnectOptions, Connection, PgPool};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

/// The database of the embedded cluster.
pub const EMBEDDED_DATABASE: &str = "kragle";

/// Where the data lives: the connection options, and the embedded cluster when it is ours.
pub struct Database {
    pub options: PgConnectOptions,
    pub cluster: Option<EmbeddedCluster>,
}

impl Database {
    /// `DATABASE_URL` when given, else the embedded cluster in `<data_dir>/postgres`
    /// (started here, or already running for another process).
    pub fn locate(database_url: Option<&str>, data_dir: &Path) -> anyhow::Result<Self> {
        match database_url {
            Some(url) => Ok(Database {
                options: PgConnectOptions::from_str(url).context("DATABASE_URL is not a valid PostgreSQL URL")?,
                cluster: None,
            }),
            None => {
                let cluster = EmbeddedCluster::ensure_running(&data_dir.join("postgres"))?;
                Ok(Database { options: cluster.connect_options(EMBEDDED_DATABASE), cluster: Some(cluster) })
            }
        }
    }

    /// A pool on the database, created if missing, with migrations applied. While the
    /// server cannot be reached it waits and retries, saying so in the log.
    pub async fn connect(&self, pool_size: u32) -> anyhow::Result<PgPool> {
        let options = self.options.clone().log_statements(tracing::log::LevelFilter::Debug);
        let mut delay = Duration::from_millis(250);
        loop {
            match create_database_if_missing(&options).await {
                Ok(()) => break,
                Err(error) if is_unreachable(&error) => {
                    tracing::warn!(error = %error, retry_in = ?delay, "the database is unreachable; waiting for it");
                    tokio::time::sleep(delay).await;
                    delay = (delay * 2).min(Duration::from_secs(5));
                }
                Err(error) => return Err(error).context("connecting to the database"),
            }
        }
        let pool = PgPoolOptions::new()
            .max_connections(pool_size)
            .min_connections(1)
            // A request waits at most this long for a connection, then answers code 104.
            .acquire_timeout(Duration::from_secs(3))
            // sqlx pings every connection it hands out by default: a round trip per query,
            // as many as the query itself. A connection in use within the last second is
            // known to work; one idle longer (perhaps across a database restart) is checked.
            .test_before_acquire(false)
            .before_acquire(|connection, meta| {
                Box::pin(async move {
                    if meta.idle_for > Duration::from_secs(1) {
                        connection.ping().await?;
                    }
                    Ok(true)
                })
            })
            .idle_timeout(Duration::from_secs(300))
            .max_lifetime(Duration::from_secs(1800))
            .connect_with(options)
            .await
            .context("connecting to the database")?;
        sqlx::migrate!().run(&pool).await.context("applying database migrations")?;
        Ok(pool)
    }

    pub fn stop(&mut self) {
        if let Some(cluster) = self.cluster.as_mut() {
            cluster.stop_if_started_here();
        }
    }
}

fn is_unreachable(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Io(_) | sqlx::Error::PoolTimedOut => true,
        sqlx::Error::Database(db) => db.code().is_some_and(|c| c.starts_with("57P") || c.starts_with("08")),
        _ => false,
    }
}

/// Creates the target database through the `postgres` maintenance database when it does
/// not exist yet (SQLSTATE 3D000).
async fn create_database_if_missing(options: &PgConnectOptions) -> Result<(), sqlx::Error> {
    match options.connect().await {
        Ok(connection) => connection.close().await,
        Err(sqlx::Error::Database(db)) if db.code().as_deref() == Some("3D000") => {
            let name = options.get_database().unwrap_or(EMBEDDED_DATABASE).to_string();
            let mut admin = options.clone().database("postgres").connect().await?;
            let quoted = format!("\"{}\"", name.replace('"', "\"\""));
            let created = sqlx::query(&format!("CREATE DATABASE {quoted}")).execute(&mut admin).await;
            admin.close().await?;
            match created {
                // Another process created it at the same time.
                Err(sqlx::Error::Database(db)) if db.code().as_deref() == Some("42P04") => Ok(()),
                other => other.map(|_| ()),
            }
        }
        Err(error) => Err(error),
    }
}
