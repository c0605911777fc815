//! Ghosts: the reference nodes findings name as missing, placed on the
//! drawing where they would belong (a fit of matched reference positions
//! onto drawn ones), each clear of the drawn boxes (and their badges), the
//! boundary containers (frames and titles) and the other ghosts, its own
//! tag included. A ghost only notes name is optional.

use std::collections::BTreeSet;

use crate::model::placement::{Box2, free_offset};
use crate::model::{Diagram, Point};
use crate::scene::{self, geometry::R};

use super::report::Ghost;

/// The zoom whose tags ghosts keep room for: tags grow as the view zooms
/// out, and below about half size the labels are too small to read.
const PLACEMENT_ZOOM: f32 = 0.5;

/// A rectangle as a placement box (with the placement margin).
fn boxed(r: R) -> Box2 {
    let c = r.center();
    Box2::new(Point::new(c.x, c.y), r.w(), r.h())
}

/// Least-squares `y = a·x + b` through pairs, scale clamped to a sane range;
/// a pure shift when there is too little spread.
fn fit_axis(pairs: &[(f32, f32)]) -> (f32, f32) {
    #[expect(clippy::cast_precision_loss, reason = "few points")]
    let n = pairs.len() as f32;
    if pairs.is_empty() {
        return (1.0, 0.0);
    }
    let mean_x = pairs.iter().map(|p| p.0).sum::<f32>() / n;
    let mean_y = pairs.iter().map(|p| p.1).sum::<f32>() / n;
    let var: f32 = pairs.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
    let a = if var > 1.0 {
        (pairs
            .iter()
            .map(|p| (p.0 - mean_x) * (p.1 - mean_y))
            .sum::<f32>()
            / var)
            .clamp(0.3, 3.0)
    } else {
        1.0
    };
    (a, mean_y - a * mean_x)
}

/// What the ghosts must keep clear of: the drawn boxes (with room for
/// the badge of the `extra` ones) and every boundary container.
fn taken(drawing: &Diagram, extra: &[String]) -> Vec<Box2> {
    let mut taken: Vec<Box2> = drawing
        .nodes
        .iter()
        .map(|n| {
            let rect = scene::geometry::node_rect(n);
            if extra.iter().any(|id| id == n.id.as_str()) {
                boxed(rect.union(scene::badge_extent(
                    rect.expand2(2.0, 2.0),
                    scene::EXTRA_TAG,
                    PLACEMENT_ZOOM,
                )))
            } else {
                Box2::of(n)
            }
        })
        .collect();
    taken.extend(
        scene::boundary_rects(drawing)
            .into_iter()
            .map(|c| boxed(c.rect)),
    );
    taken
}

/// Places the reference nodes `missing` (in reference order) on the
/// drawing, mapping reference positions through a fit of the matched
/// pairs; those not in `required` (named by a costing finding) are
/// optional.
pub(super) fn place_ghosts(
    drawing: &Diagram,
    reference: &Diagram,
    assignment: &[Option<usize>],
    (missing, required): (&BTreeSet<String>, &BTreeSet<String>),
    extra: &[String],
) -> Vec<Ghost> {
    let pairs: Vec<(Point, Point)> = assignment
        .iter()
        .enumerate()
        .filter_map(|(r, d)| d.map(|d| (reference.nodes[r].pos, drawing.nodes[d].pos)))
        .collect();
    let (ax, bx, ay, by) = if pairs.is_empty() {
        // Nothing matched: put the reference beside the drawing.
        let right = drawing
            .nodes
            .iter()
            .map(|n| n.pos.x)
            .fold(f32::NEG_INFINITY, f32::max);
        let left = reference
            .nodes
            .iter()
            .map(|n| n.pos.x)
            .fold(f32::INFINITY, f32::min);
        let shift = if right.is_finite() && left.is_finite() {
            right + 300.0 - left
        } else {
            0.0
        };
        (1.0, shift, 1.0, 0.0)
    } else {
        let (ax, bx) = fit_axis(&pairs.iter().map(|(r, d)| (r.x, d.x)).collect::<Vec<_>>());
        let (ay, by) = fit_axis(&pairs.iter().map(|(r, d)| (r.y, d.y)).collect::<Vec<_>>());
        (ax, bx, ay, by)
    };
    let mut occupied = taken(drawing, extra);
    let mut ghosts = Vec::new();
    for n in reference
        .nodes
        .iter()
        .filter(|n| missing.contains(n.id.as_str()))
    {
        let optional = !required.contains(n.id.as_str());
        let wanted = Point::new(ax * n.pos.x + bx, ay * n.pos.y + by);
        let area = |at: Point| boxed(scene::ghost_extent(n.kind, at, optional, PLACEMENT_ZOOM));
        let clear = |at: Point, occupied: &[Box2]| {
            let a = area(at);
            !occupied.iter().any(|o| o.overlaps(&a))
        };
        let shifted = |from: Point, occupied: &[Box2]| {
            let (dx, dy) = free_offset(&[area(from)], occupied);
            Point::new(from.x + dx, from.y + dy)
        };
        let mut pos = shifted(wanted, &occupied);
        if !clear(pos, &occupied) {
            // No room near where it belongs: below everything placed.
            let bottom = drawing
                .nodes
                .iter()
                .map(|d| d.pos.y + d.size().h)
                .chain(ghosts.iter().map(|g: &Ghost| g.pos.y + 200.0))
                .fold(wanted.y, f32::max);
            pos = shifted(Point::new(wanted.x, bottom + 200.0), &occupied);
        }
        occupied.push(area(pos));
        ghosts.push(Ghost {
            reference_node: n.id.to_string(),
            label: n.label.clone(),
            kind: n.kind,
            pos,
            optional,
        });
    }
    ghosts
}
