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
use std::time::Duration;

pub struct EmbeddedCluster {
    /// Where the cluster and its binaries are: what the supervisor gets a copy of.
    handle: ClusterHandle,
    /// Whether this process started the cluster, and so must stop it (and so watches it:
    /// see [`supervise`]).
    started_here: bool,
}

const SUPERUSER: &str = "postgres";

impl EmbeddedCluster {
    /// Initialises the cluster in `dir` on first use, then starts it, or finds it already
    /// running (started by a server or command still running) and uses it as it is.
    pub fn ensure_running(dir: &Path) -> anyhow::Result<Self> {
        let bin_dir = find_bin_dir()?;
        std::fs::create_dir_all(dir.parent().unwrap_or(Path::new(".")))
            .with_context(|| format!("creating {}", dir.display()))?;
        let dir = std::path::absolute(dir)?;
        let socket = dir.join(".s.PGSQL.5432");
        if socket.as_os_str().len() > 100 {
            bail!(
                "the data directory path {} is too long for a PostgreSQL socket; choose a shorter --data-dir",
                dir.display()
            );
        }
        let mut cluster = EmbeddedCluster { handle: ClusterHandle { dir, bin_dir }, started_here: false };
        check_reachable_by_postgres(&cluster.handle.dir)?;
        if !cluster.handle.dir.join("PG_VERSION").exists() {
            cluster.init()?;
        }
        if !cluster.is_running() {
            cluster.start()?;
            cluster.started_here = true;
        }
        Ok(cluster)
    }

    pub fn connect_options(&self, database: &str) -> PgConnectOptions {
        PgConnectOptions::new().socket(&self.handle.dir).username(SUPERUSER).database(database)
    }

    /// A `DATABASE_URL` for this cluster (used by `make test`).
    pub fn url(&self, database: &str) -> String {
        format!("postgres://{SUPERUSER}@localhost/{database}?host={}", self.handle.dir.display())
    }

    fn init(&self) -> anyhow::Result<()> {
        tracing::info!(dir = %self.handle.dir.display(), "creating the embedded PostgreSQL cluster");
        std::fs::create_dir_all(&self.handle.dir)?;
        give_to_postgres_user(&self.handle.dir)?;
        let initdb = self.handle.bin_dir.join("initdb");
        run_in(
            &self.handle.dir,
            Command::new(initdb).arg("-D").arg(&self.handle.dir).args([
                "-U",
                SUPERUSER,
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-instructions",
            ]),
            "initdb",
        )
    }

    fn start(&self) -> anyhow::Result<()> {
        tracing::info!(dir = %self.handle.dir.display(), "starting the embedded PostgreSQL cluster");
        start_cluster(&self.handle.dir, &self.handle.bin_dir)
    }

    /// Whether this process started the cluster (and so stops it, and may watch it).
    pub fn started_here(&self) -> bool {
        self.started_here
    }

    /// What [`supervise`] needs to watch and restart the cluster.
    pub fn handle(&self) -> ClusterHandle {
        self.handle.clone()
    }

    pub fn is_running(&self) -> bool {
        as_postgres_user(Command::new(self.handle.bin_dir.join("pg_ctl")).arg("-D").arg(&self.handle.dir).arg("status"))
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
        let stopped = run_in(
            &self.handle.dir,
            Command::new(self.handle.bin_dir.join("pg_ctl"))
                .arg("-D")
                .arg(&self.handle.dir)
                .args(["-m", "fast", "-w", "stop"]),
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
}

/// `pg_ctl start` on `dir`, waiting until it accepts connections. PostgreSQL itself refuses
/// to start a second postmaster on a directory whose postmaster still runs.
fn start_cluster(dir: &Path, bin_dir: &Path) -> anyhow::Result<()> {
    let options = format!("-k {} -c listen_addresses= -c unix_socket_permissions=0700", dir.display());
    run_in(
        dir,
        Command::new(bin_dir.join("pg_ctl"))
            .arg("-D")
            .arg(dir)
            .arg("-l")
            .arg(dir.join("server.log"))
            .args(["-w", "-t", "60", "-o", &options, "start"]),
        "pg_ctl start",
    )
}

/// The command, run as the `postgres` user when this process is root.
fn as_postgres_user(command: &mut Command) -> Command {
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

/// Runs a PostgreSQL command for the cluster in `dir`; on failure the error has its output
/// and the end of the server log.
fn run_in(dir: &Path, command: &mut Command, what: &str) -> anyhow::Result<()> {
    let output = as_postgres_user(command).output().with_context(|| format!("running {what}"))?;
    if !output.status.success() {
        let log = std::fs::read_to_string(dir.join("server.log")).unwrap_or_default();
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

/// As root, the cluster runs as the `postgres` user, which must be able to pass through
/// every directory above `dir`. Checked before `initdb` (whose own message is a bare
/// "Permission denied"), naming the directory in the way and what to do.
fn check_reachable_by_postgres(dir: &Path) -> anyhow::Result<()> {
    if !running_as_root() {
        return Ok(());
    }
    let can_pass = |path: &Path| {
        Command::new("runuser")
            .args(["-u", "postgres", "--", "test", "-x"])
            .arg(path)
            .status()
            .is_ok_and(|s| s.success())
    };
    let Some(parent) = dir.parent() else { return Ok(()) };
    if can_pass(parent) {
        return Ok(());
    }
    let mut from_root: Vec<&Path> = parent.ancestors().collect();
    from_root.reverse();
    let blocking = from_root.into_iter().find(|p| !can_pass(p)).unwrap_or(parent);
    let (mode, owner) = std::fs::metadata(blocking).map(|m| (m.mode() & 0o7777, m.uid())).unwrap_or((0, 0));
    bail!(
        "the embedded PostgreSQL cluster runs as the `postgres` user (PostgreSQL refuses to run as root), and that \
         user cannot reach {}: {} (mode {mode:04o}, owner uid {owner}) does not let it through. Choose a --data-dir \
         it can reach (for example under /var/lib or /srv), set DATABASE_URL to use a running PostgreSQL server, or \
         let it through with: chmod o+x {}",
        dir.display(),
        blocking.display(),
        blocking.display()
    )
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

/// Where a cluster is and its binaries: all the supervisor needs of it.
#[derive(Clone)]
pub struct ClusterHandle {
    dir: PathBuf,
    bin_dir: PathBuf,
}

/// How often the supervisor looks at the postmaster.
const WATCH_EVERY: Duration = Duration::from_millis(250);
/// Restart attempts in a row before the supervisor gives up.
const RESTART_ATTEMPTS: u32 = 8;

/// Watches the cluster this process started and restarts it when its postmaster dies
/// (killed, crashed), on the same data directory: PostgreSQL's crash recovery replays the
/// write-ahead log, so every acknowledged commit is there again. Meanwhile requests answer
/// 503 (code 104). A clean stop (`pg_ctl stop`, `kragle-schedules db stop`) removes
/// `postmaster.pid` and is left alone. Restarts that fail are retried with a growing pause,
/// [`RESTART_ATTEMPTS`] times, then the supervisor says it gives up and stops.
pub async fn supervise(cluster: ClusterHandle) {
    loop {
        tokio::time::sleep(WATCH_EVERY).await;
        if !blocking(&cluster, ClusterHandle::has_crashed).await {
            continue;
        }
        let began = std::time::Instant::now();
        tracing::error!(dir = %cluster.dir.display(), "the embedded PostgreSQL cluster stopped unexpectedly (its postmaster is gone); restarting it");
        let mut pause = Duration::from_millis(200);
        let mut attempt = 1;
        loop {
            // Someone else may have started it meanwhile: never a second postmaster.
            if !blocking(&cluster, ClusterHandle::has_crashed).await {
                break;
            }
            match blocking(&cluster, ClusterHandle::start).await {
                Ok(()) => {
                    tracing::warn!(
                        after_ms = began.elapsed().as_millis() as u64,
                        attempt,
                        "the embedded PostgreSQL cluster is running again"
                    );
                    break;
                }
                Err(error) if attempt >= RESTART_ATTEMPTS => {
                    tracing::error!(
                        error = %error,
                        attempts = attempt,
                        "giving up restarting the embedded PostgreSQL cluster; requests answer 503 until it runs again \
                         (restart the server, or see {}/server.log)",
                        cluster.dir.display()
                    );
                    return;
                }
                Err(error) => {
                    tracing::warn!(error = %error, attempt, retry_in = ?pause, "could not restart the embedded PostgreSQL cluster yet");
                    tokio::time::sleep(pause).await;
                    pause = (pause * 2).min(Duration::from_secs(8));
                    attempt += 1;
                }
            }
        }
    }
}

async fn blocking<T: Send + 'static>(cluster: &ClusterHandle, work: fn(&ClusterHandle) -> T) -> T {
    let cluster = cluster.clone();
    tokio::task::spawn_blocking(move || work(&cluster)).await.expect("the supervisor's blocking work does not panic")
}

impl ClusterHandle {
    /// The postmaster's process id, from `postmaster.pid` (absent after a clean stop).
    pub fn postmaster_pid(&self) -> Option<u32> {
        let text = std::fs::read_to_string(self.dir.join("postmaster.pid")).ok()?;
        text.lines().next()?.trim().parse().ok()
    }

    /// The lock file names a postmaster that no longer runs: it died without a clean stop.
    fn has_crashed(&self) -> bool {
        self.postmaster_pid().is_some_and(|pid| !process_is_running(pid))
    }

    fn start(&self) -> anyhow::Result<()> {
        start_cluster(&self.dir, &self.bin_dir)
    }
}

/// Whether a process runs (a zombie does not).
fn process_is_running(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        // "pid (command) state ...": the state follows the last parenthesis.
        Ok(stat) => {
            stat.rsplit_once(')').and_then(|(_, rest)| rest.split_whitespace().next()).is_some_and(|state| state != "Z")
        }
        Err(_) => false,
    }
}
