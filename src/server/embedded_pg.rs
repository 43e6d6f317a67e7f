//! The private PostgreSQL cluster used when no `DATABASE_URL` is given.
//!
//! It lives in a directory of ours, listens only on a Unix socket inside that directory
//! (no TCP port, so it never collides with another server), and is started from the
//! system's PostgreSQL binaries. PostgreSQL refuses to run as root, so as root its
//! commands run as the `postgres` user that Debian's package creates.

use anyhow::{bail, Context};
use sqlx::postgres::PgConnectOptions;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct EmbeddedCluster {
    dir: PathBuf,
    bin_dir: PathBuf,
    /// Whether this process started the cluster, and so must stop it.
    started_here: bool,
}

const SUPERUSER: &str = "postgres";

impl EmbeddedCluster {
    /// Initialises the cluster in `dir` on first use, then starts it, or finds it already
    /// running (started by a server or command still running) and uses it as it is.
    pub fn ensure_running(dir: &Path) -> anyhow::Result<Self> {
        let bin_dir = find_bin_dir()?;
        std::fs::create_dir_all(dir.parent().unwrap_or(Path::new("."))).with_context(|| format!("creating {}", dir.display()))?;
        let dir = std::path::absolute(dir)?;
        let socket = dir.join(".s.PGSQL.5432");
        if socket.as_os_str().len() > 100 {
            bail!("the data directory path {} is too long for a PostgreSQL socket; choose a shorter --data-dir", dir.display());
        }
        let mut cluster = EmbeddedCluster { dir, bin_dir, started_here: false };
        if !cluster.dir.join("PG_VERSION").exists() {
            cluster.init()?;
        }
        if !cluster.is_running() {
            cluster.start()?;
            cluster.started_here = true;
        }
        Ok(cluster)
    }

    pub fn connect_options(&self, database: &str) -> PgConnectOptions {
        PgConnectOptions::new().socket(&self.dir).username(SUPERUSER).database(database)
    }

    /// A `DATABASE_URL` for this cluster (used by `make test`).
    pub fn url(&self, database: &str) -> String {
        format!("postgres://{SUPERUSER}@localhost/{database}?host={}", self.dir.display())
    }

    fn init(&self) -> anyhow::Result<()> {
        tracing::info!(dir = %self.dir.display(), "creating the embedded PostgreSQL cluster");
        std::fs::create_dir_all(&self.dir)?;
        give_to_postgres_user(&self.dir)?;
        let initdb = self.bin_dir.join("initdb");
        self.run(
            Command::new(initdb)
                .arg("-D").arg(&self.dir)
                .args(["-U", SUPERUSER, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"]),
            "initdb",
        )
    }

    fn start(&self) -> anyhow::Result<()> {
        tracing::info!(dir = %self.dir.display(), "starting the embedded PostgreSQL cluster");
        let options = format!("-k {} -c listen_addresses= -c unix_socket_permissions=0700", self.dir.display());
        self.run(
            Command::new(self.bin_dir.join("pg_ctl"))
                .arg("-D").arg(&self.dir)
                .arg("-l").arg(self.dir.join("server.log"))
                .args(["-w", "-t", "60", "-o", &options, "start"]),
            "pg_ctl start",
        )
    }

    pub fn is_running(&self) -> bool {
        self.command(Command::new(self.bin_dir.join("pg_ctl")).arg("-D").arg(&self.dir).arg("status"))
            .output()
            .is_ok_and(|o| o.status.success())
    }

    /// Stops the cluster if this process started it (fast shutdown: sessions end, data is
    /// checkpointed).
    pub fn stop_if_started_here(&mut self) {
        if !self.started_here {
            return;
        }
        self.started_here = false;
        tracing::info!("stopping the embedded PostgreSQL cluster");
        let stopped = self.run(
            Command::new(self.bin_dir.join("pg_ctl")).arg("-D").arg(&self.dir).args(["-m", "fast", "-w", "stop"]),
            "pg_ctl stop",
        );
        if let Err(error) = stopped {
            tracing::error!(error = %error, "could not stop the embedded PostgreSQL cluster");
        }
    }

    /// Makes this process responsible for stopping the cluster (`kragle-schedules db stop`).
    pub fn mark_started_here(&mut self) {
        self.started_here = true;
    }

    /// Leaves the cluster running after this process ends (`kragle-schedules db start`).
    pub fn keep_running(&mut self) {
        self.started_here = false;
    }

    fn command(&self, command: &mut Command) -> Command {
        let program = command.get_program().to_owned();
        let args: Vec<_> = command.get_args().map(|a| a.to_owned()).collect();
        if running_as_root() {
            let mut wrapped = Command::new("runuser");
            wrapped.args(["-u", "postgres", "--"]).arg(program).args(args);
            wrapped.current_dir("/");
            wrapped
        } else {
            let mut plain = Command::new(program);
            plain.args(args);
            plain
        }
    }

    fn run(&self, command: &mut Command, what: &str) -> anyhow::Result<()> {
        let output = self.command(command).output().with_context(|| format!("running {what}"))?;
        if !output.status.success() {
            let log = std::fs::read_to_string(self.dir.join("server.log")).unwrap_or_default();
            let tail: Vec<&str> = log.lines().rev().take(10).collect();
            bail!(
                "{what} failed: {}{}\n{}",
                String::from_utf8_lossy(&output.stderr).trim(),
                String::from_utf8_lossy(&output.stdout).trim(),
                tail.into_iter().rev().collect::<Vec<_>>().join("\n")
            );
        }
        Ok(())
    }
}

impl Drop for EmbeddedCluster {
    fn drop(&mut self) {
        self.stop_if_started_here();
    }
}

fn running_as_root() -> bool {
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// As root, the cluster's directory must belong to the `postgres` user.
fn give_to_postgres_user(dir: &Path) -> anyhow::Result<()> {
    if !running_as_root() {
        return Ok(());
    }
    let id = |flag: &str| -> anyhow::Result<u32> {
        let out = Command::new("id").args([flag, "postgres"]).output()?;
        anyhow::ensure!(
            out.status.success(),
            "running as root needs the `postgres` user to run PostgreSQL (apt-get install -y postgresql creates it)"
        );
        Ok(String::from_utf8_lossy(&out.stdout).trim().parse()?)
    };
    std::os::unix::fs::chown(dir, Some(id("-u")?), Some(id("-g")?))?;
    std::fs::set_permissions(dir, std::os::unix::fs::PermissionsExt::from_mode(0o700))?;
    Ok(())
}

/// The directory holding `initdb`, `pg_ctl` and `postgres`: `PG_BIN_DIR`, else the newest
/// Debian install under /usr/lib/postgresql, else the `PATH`.
fn find_bin_dir() -> anyhow::Result<PathBuf> {
    let has_tools = |dir: &Path| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file();
    if let Some(dir) = std::env::var_os("PG_BIN_DIR").map(PathBuf::from) {
        if has_tools(&dir) {
            return Ok(dir);
        }
        bail!("PG_BIN_DIR={} has no initdb and pg_ctl", dir.display());
    }
    let mut debian: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| Some((e.file_name().to_str()?.parse().ok()?, e.path().join("bin"))))
        .filter(|(_, bin)| has_tools(bin))
        .collect();
    debian.sort();
    if let Some((_, dir)) = debian.pop() {
        return Ok(dir);
    }
    if let Some(dir) = std::env::var_os("PATH").and_then(|p| std::env::split_paths(&p).find(|d| has_tools(d))) {
        return Ok(dir);
    }
    bail!(
        "no PostgreSQL server binaries (initdb, pg_ctl) found. Install them (Debian: apt-get install -y postgresql), \
         point PG_BIN_DIR at them, or set DATABASE_URL to use a running PostgreSQL server"
    )
}
