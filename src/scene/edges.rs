//! Arrows described once: a line per edge kind (solid sync, dashed async,
//! dotted data, heavier dashed red compensation), the arrowhead (hollow
//! for a compensation), self-loops on a box's top-right corner.

use std::borrow::Cow;
use std::f32::consts::PI;

use super::geometry::{P, R, p};
use super::palette::{self, Rgba};
use super::primitive::{Primitive, Stroke};
use crate::model::EdgeKind;

/// Line width of an arrow.
pub const EDGE_STROKE: f32 = 1.6;
/// Line width of an arrow that stands out (selected, highlighted).
pub const EDGE_STROKE_STRONG: f32 = 3.2;
/// Length of an arrowhead.
pub const ARROW_HEAD: f32 = 10.0;
/// Length of a self-loop's arrowhead.
const LOOP_HEAD: f32 = 8.0;
/// Radius of a self-loop.
pub const SELF_LOOP_RADIUS: f32 = 16.0;

/// The centre of a self-loop on a box's top-right corner.
#[must_use]
pub fn self_loop_center(rect: R) -> P {
    p(
        rect.max.x - SELF_LOOP_RADIUS * 0.6,
        rect.min.y - SELF_LOOP_RADIUS * 0.2,
    )
}

/// The points of a self-loop on `rect`, ending at its arrow tip.
#[must_use]
pub fn self_loop(rect: R) -> Vec<P> {
    let center = self_loop_center(rect);
    (0..=20)
        .map(|i| {
            #[expect(clippy::cast_precision_loss, reason = "twenty steps")]
            let t = PI * (0.9 - 1.6 * i as f32 / 20.0);
            center + p(t.cos(), -t.sin()) * SELF_LOOP_RADIUS
        })
        .collect()
}

/// How an arrow is drawn.
#[derive(Clone, Copy, Debug)]
pub struct EdgePaint {
    /// Line colour.
    pub color: Rgba,
    /// Line width before the kind's own factor.
    pub width: f32,
    /// Whether to draw the kind's dash pattern (far out, lines are solid).
    pub dashes: bool,
    /// Smallest arrowhead, canvas units (keeps heads visible far out).
    pub min_head: f32,
    /// Fill of a hollow head (the background).
    pub background: Rgba,
}

/// The primitives of one arrow along `points` (from its start to its tip).
pub fn arrow<'a>(
    out: &mut Vec<Primitive<'a>>,
    kind: EdgeKind,
    points: &'a [P],
    self_loop: bool,
    paint: EdgePaint,
) {
    let [.., before, tip] = points else {
        return;
    };
    let width = if kind == EdgeKind::Compensation {
        paint.width * 1.2
    } else {
        paint.width
    };
    let dash = if !paint.dashes || kind == EdgeKind::Sync {
        None
    } else if self_loop {
        Some(palette::SELF_LOOP_DASH)
    } else {
        palette::edge_dash(kind)
    };
    let head = if self_loop { LOOP_HEAD } else { ARROW_HEAD }.max(paint.min_head);
    let dir = (*tip - *before).normalized();
    let stroke = Stroke::dashed(paint.color, width, dash);
    let hollow = kind == EdgeKind::Compensation;
    if self_loop || (!paint.dashes && !hollow) {
        // Far out, a line under a filled head needs no cut: the head
        // covers its end but for a sliver under a pixel at its point, and
        // an arrow then costs no copy of its points (a tenth of the frame
        // of 10,000 boxes in view). Closer, the flat end of the line would
        // blunt the head's point.
        out.push(Primitive::Polyline {
            points: Cow::Borrowed(points),
            stroke,
        });
    } else {
        // The line stops at the head's base, so a dash never pokes out of
        // its point.
        let mut line = points.to_vec();
        let base = *tip - dir * head;
        let last = line.len() - 1;
        line[last] = if (*tip - *before).length() > head {
            base
        } else {
            *before
        };
        out.push(Primitive::Polyline {
            points: Cow::Owned(line),
            stroke,
        });
    }
    out.push(arrow_head(
        *tip,
        dir,
        head,
        paint.color,
        hollow.then_some(paint.background),
    ));
}

/// A triangular head with its point at `tip`; `hollow` fills it with the
/// given background and outlines it instead.
fn arrow_head(tip: P, dir: P, size: f32, color: Rgba, hollow: Option<Rgba>) -> Primitive<'static> {
    let normal = p(-dir.y, dir.x);
    let base = tip - dir * size;
    let points = vec![
        tip,
        base + normal * (size * 0.45),
        base - normal * (size * 0.45),
    ];
    match hollow {
        Some(background) => Primitive::Polygon {
            points,
            fill: Some(background),
            stroke: Some(Stroke::solid(color, EDGE_STROKE)),
        },
        None => Primitive::Polygon {
            points,
            fill: Some(color),
            stroke: None,
        },
    }
}

/// The triangle of an arrowhead at the end of `points` (for tests and
/// label placement: labels keep off it).
#[must_use]
pub fn head_rect(points: &[P]) -> Option<R> {
    let [.., before, tip] = points else {
        return None;
    };
    let dir = (*tip - *before).normalized();
    let base = *tip - dir * ARROW_HEAD;
    let normal = p(-dir.y, dir.x) * (ARROW_HEAD * 0.45);
    super::primitive::bounds_of([*tip, base + normal, base - normal])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line_of(kind: EdgeKind, dashes: bool, points: &[P]) -> (Vec<P>, bool) {
        let mut out = Vec::new();
        arrow(
            &mut out,
            kind,
            points,
            false,
            EdgePaint {
                color: Rgba(0, 0, 0, 255),
                width: EDGE_STROKE,
                dashes,
                min_head: 0.0,
                background: Rgba(255, 255, 255, 255),
            },
        );
        assert_eq!(out.len(), 2, "a line and a head");
        match &out[0] {
            Primitive::Polyline { points, .. } => {
                (points.to_vec(), matches!(points, Cow::Borrowed(_)))
            }
            other => panic!("a line first, not {other:?}"),
        }
    }

    #[test]
    fn a_line_stops_at_its_head_unless_far_out_under_a_filled_one() {
        let points = [p(0.0, 0.0), p(100.0, 0.0), p(100.0, 50.0)];
        let cut = vec![p(0.0, 0.0), p(100.0, 0.0), p(100.0, 50.0 - ARROW_HEAD)];
        for kind in EdgeKind::ALL {
            assert_eq!(
                line_of(kind, true, &points),
                (cut.clone(), false),
                "{kind:?}"
            );
            let far = line_of(kind, false, &points);
            if kind == EdgeKind::Compensation {
                // Its hollow head would show the line inside it.
                assert_eq!(far, (cut.clone(), false));
            } else {
                assert_eq!(far, (points.to_vec(), true), "{kind:?}");
            }
        }
    }
}
