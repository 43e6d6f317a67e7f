//! `make bench` (and `cargo bench --bench next_runs --no-default-features --features ssr`):
//! how long the next 100 runs of a calendar schedule take to work out, for a dense and a
//! sparse expression, in a zone with clock changes. The target is under 50 µs each; the
//! figures go to bench/RESULTS.md, never into a test's assertions.

use kragle_schedules::schedules::calendar::{runs, zone};
use kragle_schedules::schedules::cron::Cron;
use kragle_schedules::schedules::validate::TIMESTAMP_MAX;
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let paris = zone("Europe/Paris").expect("Europe/Paris in the system's time-zone database");
    // 2026-03-01: the window of a hundred runs crosses the spring-forward of 29 March.
    let from = 1_772_323_200;
    for (label, expr) in [
        ("dense (*/5 * * * *)", "*/5 * * * *"),
        ("weekdays (0 9 * * 1-5)", "0 9 * * 1-5"),
        ("sparse (0 0 29 2 *)", "0 0 29 2 *"),
        ("sparse (0 0 13 * 5)", "0 0 13 * 5"),
    ] {
        let cron = Cron::parse(expr).expect("a valid expression");
        let once = runs(&cron, &paris, from, TIMESTAMP_MAX, 100);
        assert_eq!(once.len(), 100, "{expr} has 100 runs to come");
        // Enough rounds for about a second, best of five batches.
        let started = Instant::now();
        let mut rounds = 0u32;
        while started.elapsed().as_millis() < 200 {
            black_box(runs(black_box(&cron), &paris, black_box(from), TIMESTAMP_MAX, 100));
            rounds += 1;
        }
        let batch = rounds.max(1);
        let best = (0..5)
            .map(|_| {
                let started = Instant::now();
                for _ in 0..batch {
                    black_box(runs(black_box(&cron), &paris, black_box(from), TIMESTAMP_MAX, 100));
                }
                started.elapsed().as_nanos() as f64 / f64::from(batch)
            })
            .fold(f64::INFINITY, f64::min);
        println!("RESULT next_100_runs\t{label}\t{:.1}", best / 1000.0);
    }
}
