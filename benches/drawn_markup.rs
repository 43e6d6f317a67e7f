//! `make bench` (and `cargo bench --bench drawn_markup --no-default-features --features ssr`):
//! the timeline's lanes (most of a drawn page's markup) made two ways: by the page's own
//! writer (`timeline::draw::lane_shapes`, text with one escaping helper) and by the same
//! elements in Leptos's `view!`, rendered to HTML on the server. Both name and place the
//! shapes with the writer's own functions, so only the making of the markup differs. It
//! decides whether the drawn pages are written with `view!` (escaped by construction) or
//! keep the writer: see bench/RESULTS.md. Both must make the same elements with the same
//! text; the figures go to RESULTS.md, never into a test's assertions.

use jiff::tz::TimeZone;
use kragle_schedules::drawing::controls::runs_word;
use kragle_schedules::drawing::frame::{Frame, Length, Window};
use kragle_schedules::schedules::calendar::Run;
use kragle_schedules::schedules::{Kind, ListQuery};
use kragle_schedules::timeline::draw::{
    band_count_place, band_name, label_side, lane_shapes, mark_name, Lane, Timeline, LANE_HEIGHT,
};
use kragle_schedules::timeline::layout::{shapes, Shape};
use leptos::either::Either;
use leptos::prelude::*;
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let query = ListQuery::default();
    let timeline = week_of_ten_lanes(&query);
    let writer = || {
        let mut out = String::new();
        for (i, lane) in timeline.lanes.iter().enumerate() {
            lane_shapes(&mut out, &timeline, lane, LANE_HEIGHT * i as f64);
        }
        out
    };
    let with_view = || lanes_with_view(&timeline);

    // The same drawing: as many marks and bands, every name once in each of its three places.
    let (a, b) = (writer(), with_view());
    // (`view!` writes `class` last and closes `<rect>` with `</rect>`.)
    for needle in [r#"class="mark""#, r#"class="band""#, "<title>", "<rect ", "text-anchor="] {
        assert_eq!(a.matches(needle).count(), b.matches(needle).count(), "{needle} in both");
    }
    assert_eq!(a.matches("&lt;b&gt;").count(), b.matches("&lt;b&gt;").count(), "names escaped in both");
    assert!(a.matches(r#"class="mark""#).count() > 200, "a page with many marks");

    let writer_us = best_of(writer);
    let view_us = best_of(with_view);
    println!("RESULT drawn_markup\twriter\t{writer_us:.1}\t{}", a.len());
    println!("RESULT drawn_markup\tview!\t{view_us:.1}\t{}", b.len());
}

/// Microseconds a call takes: enough rounds for 200 ms, then the best of five batches.
fn best_of(f: impl Fn() -> String) -> f64 {
    let started = Instant::now();
    let mut rounds = 0u32;
    while started.elapsed().as_millis() < 200 {
        black_box(f());
        rounds += 1;
    }
    let batch = rounds.max(1);
    (0..5)
        .map(|_| {
            let started = Instant::now();
            for _ in 0..batch {
                black_box(f());
            }
            started.elapsed().as_nanos() as f64 / f64::from(batch)
        })
        .fold(f64::INFINITY, f64::min)
        / 1000.0
}

/// A list page's ten lanes over seven days in Europe/Paris, runs every few minutes to every
/// day: lanes of marks, lanes of bands and one too dense to draw apart.
fn week_of_ten_lanes(query: &ListQuery) -> Timeline<'_> {
    let from = 1_798_761_600; // 2027-01-01 00:00 UTC
    let zone = TimeZone::get("Europe/Paris").expect("Europe/Paris in the system's time-zone database");
    let every = [3_600, 7_200, 10_800, 21_600, 43_200, 86_400, 900, 300, 14_400, 28_800];
    let lanes = every
        .iter()
        .enumerate()
        .map(|(i, step)| Lane {
            id: i as i64 + 1,
            name: Some(if i == 0 { "<b>Backups</b> & more".to_string() } else { format!("Job number {i}") }),
            kind: Kind::Interval,
            zone: "Europe/Paris".into(),
            runs: (0..604_800 / step).map(|k| Run { at: from + step * k, change: None }).collect(),
        })
        .collect();
    Timeline {
        frame: Frame {
            length: Length::Week,
            window: Window { from, to: from + 604_800 },
            pinned: true,
            now: from + 3_600,
            zone,
            zone_name: "Europe/Paris".into(),
            zone_known: true,
            asked_zone: "Europe/Paris".into(),
        },
        query,
        lanes,
        page_count: 1,
    }
}

/// `lane_shapes` of every lane, as `view!` would make it.
fn lanes_with_view(t: &Timeline) -> String {
    let lanes =
        t.lanes.iter().enumerate().map(|(i, lane)| lane_with_view(t, lane, LANE_HEIGHT * i as f64)).collect_view();
    view! { <svg>{lanes}</svg> }.to_html()
}

fn lane_with_view(t: &Timeline, lane: &Lane, top: f64) -> impl IntoView {
    let times: Vec<i64> = lane.runs.iter().map(|run| run.at).collect();
    let title = lane.title();
    shapes(&t.frame.window, &times)
        .into_iter()
        .map(|Shape { first, last, x0, x1 }| {
            let (anchor, label_x) = label_side(x0);
            if first == last {
                let run = &lane.runs[first];
                let class = if run.change.is_some() { "mark shifted" } else { "mark" };
                let name = mark_name(t, lane, &title, run);
                let (label, tooltip) = (name.clone(), name.clone());
                Either::Left(view! {
                    <g class=class tabindex="0" role="img" aria-label=label data-at=run.at>
                        <title>{tooltip}</title>
                        <rect x=format!("{:.1}", x0 - 1.5) y=top + 13.0 width="3" height="18"/>
                        <text x=format!("{label_x:.1}") y=top + 10.0 text-anchor=anchor>{name}</text>
                    </g>
                })
            } else {
                let count = last - first + 1;
                let name = band_name(t, lane, &title, first, last);
                let width = (x1 - x0).max(3.0);
                let (class, text_x, anchor, text_y) = band_count_place(x0, width, top);
                let label = name.clone();
                Either::Right(view! {
                    <g class="band" tabindex="0" role="img" aria-label=label data-count=count>
                        <title>{name}</title>
                        <rect x=format!("{x0:.1}") y=top + 13.0 width=format!("{width:.1}") height="18"/>
                        <text class=class x=format!("{text_x:.1}") y=text_y text-anchor=anchor>{runs_word(count)}</text>
                    </g>
                })
            }
        })
        .collect_view()
}
