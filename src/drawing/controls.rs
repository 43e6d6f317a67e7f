//! The controls and the range line of a drawn page: the window's length and
//! earlier/now/later as links, and the line naming the window and the zone of its times.

use super::frame::{Frame, Length};
use crate::components::markup::escape;
use crate::schedules::calendar::wall_clock;
use crate::schedules::describe::grouped;
use std::fmt::Write;

/// "1 run", "1,440 runs".
pub fn runs_word(n: usize) -> String {
    if n == 1 {
        "1 run".to_string()
    } else {
        format!("{} runs", grouped(n))
    }
}

/// The window, after `what` it shows ("All your schedules, "), and the zone of its times
/// (which the browser compares with its own: `data-asked-zone`); UTC is said to be a
/// stand-in.
pub fn range(out: &mut String, f: &Frame, what: &str) {
    let _ = write!(
        out,
        r#"<p class="timeline-range" data-asked-zone="{}">{what}{} – {}, times in <strong>{}</strong>.</p>"#,
        escape(&f.asked_zone),
        escape(&wall_clock(&f.zone, f.window.from)),
        escape(&wall_clock(&f.zone, f.window.to)),
        escape(&f.zone_name)
    );
    if !f.zone_known {
        out.push_str(
            r#"<p class="hint">Times are in UTC: your browser tells this page its time zone once JavaScript has run.</p>"#,
        );
    }
}

/// The window's length and earlier/now/later, as links made by `href(span, start)`; closes
/// the controls' row. `pinned`: the window was asked for, not "from now".
pub fn window_controls(
    out: &mut String,
    length: Length,
    from: i64,
    pinned: bool,
    href: impl Fn(Option<&str>, Option<i64>) -> String,
) {
    let start = pinned.then_some(from);
    out.push_str(r#"<nav class="segmented" aria-label="Window">"#);
    for choice in Length::ALL {
        let current = if choice == length { r#" aria-current="page""# } else { "" };
        let _ =
            write!(out, r#"<a href="{}"{current}>{}</a>"#, escape(&href(Some(choice.as_str()), start)), choice.label());
    }
    let (step, span) = (length.seconds(), Some(length.as_str()));
    let _ = write!(
        out,
        r#"</nav><nav class="segmented" aria-label="Move in time"><a href="{}">← Earlier</a><a href="{}"{}>Now</a><a href="{}">Later →</a></nav></div>"#,
        escape(&href(span, Some(from.saturating_sub(step)))),
        escape(&href(span, None)),
        if pinned { "" } else { r#" aria-current="page""# },
        escape(&href(span, Some(from.saturating_add(step)))),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_well() {
        assert_eq!(runs_word(1), "1 run");
        assert_eq!(runs_word(1_440), "1,440 runs");
    }
}
