//! The embedded PostgreSQL cluster: supervised (a killed postmaster is restarted and loses
//! nothing acknowledged), and a clear error for a data directory PostgreSQL cannot reach.
//! Each test makes its own cluster under target/ (these do not use DATABASE_URL).

use kragle_schedules::server::embedded_pg::{supervise, EmbeddedCluster};
use sqlx::postgres::PgPoolOptions;
use sqlx::{Connection, PgConnection};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn scratch(name: &str) -> PathBuf {
    let dir = std::path::absolute(format!("target/tmp/{name}-{}", std::process::id())).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_postmaster_is_restarted_and_keeps_every_acknowledged_write() {
    let dir = scratch("supervised");
    let cluster = EmbeddedCluster::ensure_running(&dir.join("pg")).expect("the cluster starts");
    let supervisor = tokio::spawn(supervise(cluster.handle()));
    let pool = PgPoolOptions::new()
        .max_connections(4)
        .acquire_timeout(Duration::from_millis(500))
        .connect_with(cluster.connect_options("postgres"))
        .await
        .unwrap();
    sqlx::query("CREATE TABLE acknowledged (n bigint PRIMARY KEY)").execute(&pool).await.unwrap();

    // Writes one row after another; a row counts as acknowledged once its INSERT returned.
    let acknowledged = Arc::new(Mutex::new(Vec::<(i64, Instant)>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let writer = tokio::spawn({
        let (pool, acknowledged, stop) = (pool.clone(), acknowledged.clone(), stop.clone());
        async move {
            let mut n = 0i64;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                if sqlx::query("INSERT INTO acknowledged VALUES ($1)").bind(n).execute(&pool).await.is_ok() {
                    acknowledged.lock().unwrap().push((n, Instant::now()));
                } else {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            }
        }
    });
    tokio::time::sleep(Duration::from_millis(500)).await;

    let pid = cluster.handle().postmaster_pid().expect("a running postmaster");
    let killed_at = Instant::now();
    let killed = std::process::Command::new("kill").args(["-9", &pid.to_string()]).status().unwrap();
    assert!(killed.success());

    // Ready again: a new postmaster runs and a new connection can write. (Until they notice
    // that the postmaster is gone, the old backends may still answer: that is not recovery.)
    let recovered = loop {
        if cluster.handle().postmaster_pid().is_some_and(|now| now != pid) {
            if let Ok(mut connection) = PgConnection::connect_with(&cluster.connect_options("postgres")).await {
                if sqlx::query("SELECT count(*) FROM acknowledged").execute(&mut connection).await.is_ok() {
                    break killed_at.elapsed();
                }
            }
        }
        assert!(killed_at.elapsed() < Duration::from_secs(15), "not ready again within 15 s of the kill");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    println!("ready again {} ms after the postmaster was killed", recovered.as_millis());
    // The writer's pool gets going again too.
    let ready_at = killed_at + recovered;
    let deadline = Instant::now() + Duration::from_secs(5);
    while !acknowledged.lock().unwrap().iter().any(|(_, at)| *at > ready_at) {
        assert!(Instant::now() < deadline, "no write through the pool after the restart");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    stop.store(true, Ordering::Relaxed);
    writer.await.unwrap();
    assert!(recovered < Duration::from_secs(5), "recovery took {recovered:?}");

    let stored: Vec<i64> = sqlx::query_scalar("SELECT n FROM acknowledged ORDER BY n").fetch_all(&pool).await.unwrap();
    let missing: Vec<i64> =
        acknowledged.lock().unwrap().iter().map(|(n, _)| *n).filter(|n| stored.binary_search(n).is_err()).collect();
    assert!(missing.is_empty(), "acknowledged but lost: {missing:?}");
    assert!(acknowledged.lock().unwrap().len() > 10);

    supervisor.abort();
    pool.close().await;
    drop(cluster);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_data_directory_postgres_cannot_reach_is_named_with_what_to_do() {
    if !running_as_root() {
        // Not as root, the cluster runs as the user who made the directory: it can reach it.
        return;
    }
    let private = scratch("private");
    std::fs::set_permissions(&private, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    let error = match EmbeddedCluster::ensure_running(&private.join("data").join("postgres")) {
        Ok(_) => panic!("a cluster inside a 0700 directory of root's started"),
        Err(error) => format!("{error:#}"),
    };
    assert!(error.contains("`postgres` user"), "{error}");
    assert!(error.contains(&private.display().to_string()), "names the directory in the way: {error}");
    assert!(error.contains("chmod o+x"), "says what to do: {error}");
    assert!(!private.join("data").join("postgres").join("PG_VERSION").exists(), "initdb did not run");
    let _ = std::fs::remove_dir_all(&private);
}
