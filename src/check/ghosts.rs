//! Ghosts: the reference nodes findings name as missing, placed on the
//! drawing where they would belong (a fit of matched reference positions
//! onto drawn ones), each clear of the drawn boxes.

use crate::model::placement::{Box2, free_spot};
use crate::model::{Diagram, Point};

use super::report::Ghost;

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

/// Places the reference nodes `missing` (in reference order) on the
/// drawing, mapping reference positions through a fit of the matched pairs.
pub(super) fn place_ghosts(
    drawing: &Diagram,
    reference: &Diagram,
    assignment: &[Option<usize>],
    missing: &std::collections::BTreeSet<String>,
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
    let mut occupied: Vec<Box2> = drawing.nodes.iter().map(Box2::of).collect();
    let mut ghosts = Vec::new();
    for n in reference
        .nodes
        .iter()
        .filter(|n| missing.contains(n.id.as_str()))
    {
        let wanted = Point::new(ax * n.pos.x + bx, ay * n.pos.y + by);
        let size = n.size();
        let pos = free_spot(wanted, size.w, size.h, &occupied);
        occupied.push(Box2::new(pos, size.w, size.h));
        ghosts.push(Ghost {
            reference_node: n.id.to_string(),
            label: n.label.clone(),
            kind: n.kind,
            pos,
        });
    }
    ghosts
}
