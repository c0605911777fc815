//! Alignment while dragging: the moved boxes' left edge, centre and right
//! edge (and top, middle, bottom) snap to the same lines of the boxes that
//! stay, when one is within a few pixels, and the lines they now share are
//! returned as guides to paint. Pure geometry in canvas units, so the
//! canvas only has to supply rectangles and paint the result.

use crate::scene::geometry::{P, R, p};

/// A guide: a line segment the moved boxes line up on, canvas units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Guide {
    /// One end.
    pub from: P,
    /// The other end.
    pub to: P,
}

/// The delta to apply and the guides that explain it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Aligned {
    /// The move, with any alignment correction folded in.
    pub delta: P,
    /// The lines now shared with other boxes (none when nothing aligned).
    pub guides: Vec<Guide>,
}

/// Two lines closer than this count as the same line (canvas units).
const SAME_LINE: f32 = 0.5;

/// Aligns `moving` (the bounding box of the moved boxes, before the move)
/// moved by `delta` with the rectangles in `others`: on each axis
/// independently, the closest pair of lines (edges or centres) within
/// `tolerance` is made to coincide. Deterministic: ties go to the first
/// of `others`.
#[must_use]
pub fn align(moving: R, delta: P, others: &[R], tolerance: f32) -> Aligned {
    let moved = translate(moving, delta);
    let [dx, dy] = [Axis::X, Axis::Y].map(|axis| {
        correction(
            axis.lines(moved),
            others.iter().map(|r| axis.lines(*r)),
            tolerance,
        )
    });
    let delta = p(delta.x + dx.unwrap_or(0.0), delta.y + dy.unwrap_or(0.0));
    let moved = translate(moving, delta);
    let mut guides = Vec::new();
    if dx.is_some() {
        guides.extend(shared_lines(moved, others, Axis::X));
    }
    if dy.is_some() {
        guides.extend(shared_lines(moved, others, Axis::Y));
    }
    Aligned { delta, guides }
}

#[derive(Clone, Copy)]
enum Axis {
    /// Vertical lines (x = const): left, centre, right.
    X,
    /// Horizontal lines (y = const): top, middle, bottom.
    Y,
}

fn translate(r: R, d: P) -> R {
    R {
        min: r.min + d,
        max: r.max + d,
    }
}

impl Axis {
    /// The three lines of `r` across this axis.
    fn lines(self, r: R) -> [f32; 3] {
        match self {
            Self::X => [r.min.x, f32::midpoint(r.min.x, r.max.x), r.max.x],
            Self::Y => [r.min.y, f32::midpoint(r.min.y, r.max.y), r.max.y],
        }
    }

    /// How far `r` reaches along those lines.
    fn span(self, r: R) -> (f32, f32) {
        match self {
            Self::X => (r.min.y, r.max.y),
            Self::Y => (r.min.x, r.max.x),
        }
    }
}

/// The smallest shift (by absolute value) that puts one of `own` lines on
/// one of the others' lines, if any is within `tolerance`.
fn correction(
    own: [f32; 3],
    others: impl Iterator<Item = [f32; 3]>,
    tolerance: f32,
) -> Option<f32> {
    let mut best: Option<f32> = None;
    for theirs in others {
        for t in theirs {
            for o in own {
                let shift = t - o;
                if shift.abs() <= tolerance && best.is_none_or(|b| shift.abs() < b.abs()) {
                    best = Some(shift);
                }
            }
        }
    }
    best
}

/// One guide per line the moved box shares with other boxes on `axis`,
/// spanning the moved box and every box on that line.
fn shared_lines(moved: R, others: &[R], axis: Axis) -> Vec<Guide> {
    let mut guides = Vec::new();
    for line in axis.lines(moved) {
        let mut span = axis.span(moved);
        let mut shared = false;
        for r in others {
            if axis.lines(*r).iter().any(|l| (l - line).abs() <= SAME_LINE) {
                let (lo, hi) = axis.span(*r);
                span = (span.0.min(lo), span.1.max(hi));
                shared = true;
            }
        }
        if shared {
            guides.push(match axis {
                Axis::X => Guide {
                    from: p(line, span.0),
                    to: p(line, span.1),
                },
                Axis::Y => Guide {
                    from: p(span.0, line),
                    to: p(span.1, line),
                },
            });
        }
    }
    guides
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x: f32, y: f32, w: f32, h: f32) -> R {
        R {
            min: p(x, y),
            max: p(x + w, y + h),
        }
    }

    #[test]
    fn a_box_near_another_centre_snaps_onto_it_with_a_guide() {
        // A 100-wide box at x 0; the other is centred at x 53.
        let other = rect(3.0, 200.0, 100.0, 40.0);
        let a = align(rect(0.0, 0.0, 100.0, 40.0), p(0.0, 10.0), &[other], 6.0);
        assert_eq!(a.delta, p(3.0, 10.0), "moved 3 right to line up");
        // Left edges, centres and right edges all coincide: three guides,
        // each from the moved box's top (y 10) to the other's bottom (240).
        assert_eq!(
            a.guides,
            vec![
                Guide {
                    from: p(3.0, 10.0),
                    to: p(3.0, 240.0)
                },
                Guide {
                    from: p(53.0, 10.0),
                    to: p(53.0, 240.0)
                },
                Guide {
                    from: p(103.0, 10.0),
                    to: p(103.0, 240.0)
                },
            ]
        );
    }

    #[test]
    fn the_closest_line_wins_on_each_axis_independently() {
        let moving = rect(0.0, 0.0, 40.0, 40.0);
        let others = [
            // Its left edge is 5 from ours, its centre 4 from our centre,
            // its right edge 3 from ours: the right edges line up.
            rect(5.0, 300.0, 38.0, 10.0),
            // Its top is 2 above ours: y snaps to it.
            rect(500.0, -2.0, 10.0, 10.0),
        ];
        let a = align(moving, p(0.0, 0.0), &others, 6.0);
        assert_eq!(a.delta, p(3.0, -2.0));
        assert_eq!(a.guides.len(), 2, "one vertical and one horizontal line");
    }

    #[test]
    fn nothing_within_tolerance_leaves_the_move_alone() {
        let a = align(
            rect(0.0, 0.0, 40.0, 40.0),
            p(7.0, -9.0),
            &[rect(100.0, 100.0, 40.0, 40.0)],
            6.0,
        );
        assert_eq!(
            a,
            Aligned {
                delta: p(7.0, -9.0),
                guides: Vec::new()
            }
        );
    }

    #[test]
    fn a_guide_spans_every_box_on_the_shared_line() {
        // Two boxes above and below share our top edge at y 0 after a move
        // of 1 down would put us at y 1: we come back to 0.
        let others = [rect(-300.0, 0.0, 50.0, 50.0), rect(400.0, 0.0, 20.0, 80.0)];
        let a = align(rect(0.0, 0.0, 40.0, 40.0), p(0.0, 1.0), &others, 6.0);
        assert_eq!(a.delta, p(0.0, 0.0));
        assert_eq!(
            a.guides.first(),
            Some(&Guide {
                from: p(-300.0, 0.0),
                to: p(420.0, 0.0)
            }),
            "the top line runs from the leftmost box to the rightmost"
        );
    }
}
