//! Where a lane's runs go on the timeline: runs to marks or bands. Pure arithmetic, in
//! pixels of the drawing (its frame and axis are [`crate::drawing`]'s).

use crate::drawing::frame::{Window, MIN_GAP};

/// A lane draws at most this many marks and bands; past it, one band holds all its runs.
pub const MOST_SHAPES: usize = 120;

/// Runs of a lane drawn as one shape: a mark (one run) or a band (several, too close to
/// draw apart). `first` and `last` index the lane's runs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shape {
    pub first: usize,
    pub last: usize,
    pub x0: f64,
    pub x1: f64,
}

impl Shape {
    pub fn count(&self) -> usize {
        self.last - self.first + 1
    }

    pub fn is_mark(&self) -> bool {
        self.first == self.last
    }
}

/// The shapes of a lane's runs (ascending instants inside the window): runs less than
/// [`MIN_GAP`] from the one before join its band; more than [`MOST_SHAPES`] shapes become
/// one band of all the runs.
pub fn shapes(window: &Window, runs: &[i64]) -> Vec<Shape> {
    let mut out: Vec<Shape> = Vec::new();
    for (i, at) in runs.iter().enumerate() {
        let x = window.x(*at);
        match out.last_mut() {
            Some(shape) if x - shape.x1 < MIN_GAP => {
                shape.last = i;
                shape.x1 = x;
            }
            _ => out.push(Shape { first: i, last: i, x0: x, x1: x }),
        }
    }
    if out.len() > MOST_SHAPES {
        let (x0, x1) = (out[0].x0, out[out.len() - 1].x1);
        out = vec![Shape { first: 0, last: runs.len() - 1, x0, x1 }];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_become_marks_then_bands() {
        // 24 hours: 108 s a pixel. Hourly runs are 33.3 px apart: 24 marks.
        let window = Window { from: 0, to: 86_400 };
        let hourly: Vec<i64> = (0..24).map(|h| h * 3_600).collect();
        let marks = shapes(&window, &hourly);
        assert_eq!(marks.len(), 24);
        assert!(marks.iter().all(Shape::is_mark));
        assert_eq!((marks[1].x0, marks[23].x0), (800.0 / 24.0, 23.0 * 800.0 / 24.0));
        // Every minute from 09:00 to 09:59 (0.56 px apart), then one run at 12:00: a band
        // of 60 from x 300 to 332.78, and a mark at 400.
        let mut clustered: Vec<i64> = (0..60).map(|m| 9 * 3_600 + m * 60).collect();
        clustered.push(12 * 3_600);
        let shapes_ = shapes(&window, &clustered);
        assert_eq!(shapes_.len(), 2);
        assert_eq!((shapes_[0].count(), shapes_[0].x0), (60, 300.0));
        assert!((shapes_[0].x1 - 332.777).abs() < 0.01);
        assert!(shapes_[1].is_mark() && shapes_[1].x0 == 400.0);
        // Every 10 minutes over 30 days: 0.185 px apart, one band of 4,320 runs.
        let month = Window { from: 0, to: 30 * 86_400 };
        let dense: Vec<i64> = (0..4_320).map(|k| k * 600).collect();
        assert_eq!(shapes(&month, &dense), vec![Shape { first: 0, last: 4_319, x0: 0.0, x1: month.x(4_319 * 600) }]);
        // Every 5 hours over 30 days: 144 runs 5.6 px apart, more than 120 shapes: one band.
        let spaced: Vec<i64> = (0..144).map(|k| k * 18_000).collect();
        assert_eq!(shapes(&month, &spaced).len(), 1);
        assert!(shapes(&window, &[]).is_empty());
    }
}
