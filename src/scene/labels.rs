//! Where arrow labels go, in canvas units, for every backend. A label
//! sits on its own arrow's line, centred on it, with a background. Among
//! the spots along the line it takes the cheapest: covering a box, an
//! arrowhead or another label is ruled out (unless every spot does), a
//! boundary title costs a lot, every other arrow running under the label
//! costs a lot too (a label crossed by a neighbour's line is read with
//! the wrong arrow), and each unit away from the preferred spot (the
//! middle, staggered for parallel straight arrows) costs a little. Labels
//! are placed in document order, each one an obstacle for the next.

use super::boundaries::{Container, title_band};
use super::edges::{self, SELF_LOOP_RADIUS, self_loop_center};
use super::font;
use super::geometry::{P, PARALLEL_SPACING, R, p, polyline_length};
pub(super) use super::label_space::{BLOCKED, Lines, Obstacles};
use crate::model::Diagram;

/// Font size of edge labels, canvas units.
pub const EDGE_LABEL_SIZE: f32 = 11.0;
/// Padding around a label's text (horizontal, vertical), canvas units.
const PAD: (f32, f32) = (8.0, 3.0);
/// Spots tried along a line at most.
const SPOTS: usize = 64;
/// Spots tried along a line at least.
const MIN_SPOTS: usize = 8;
/// Spots tried for all of a drawing's labels together (big drawings try
/// fewer per label, so placing them stays near-linear).
const WORK: usize = 40_000;
/// Drawings with more labels than this do not try spots beside the line.
const BESIDE_LABELS: usize = 1_000;
/// Cost of each other arrow running under the label.
const CROSSED: f32 = 600.0;
/// Cost of each canvas unit away from the preferred spot.
const SLIDE: f32 = 1.0;
/// Cost of a spot beside the line rather than on it (for lines too
/// short or too crowded to carry their label).
const BESIDE: f32 = 400.0;
/// How many of a line's costly spots are tried beside the line too.
const BESIDE_SPOTS: usize = 8;
/// Gap between a label beside its line and the line.
const BESIDE_GAP: f32 = 3.0;

/// The size of an edge label's box (text plus padding), canvas units.
#[must_use]
pub fn label_size(label: &str) -> P {
    let lines: Vec<&str> = label.lines().collect();
    let width = lines
        .iter()
        .map(|l| font::text_width(l, EDGE_LABEL_SIZE))
        .fold(0.0, f32::max);
    #[expect(clippy::cast_precision_loss, reason = "a few lines")]
    let height = font::line_height(EDGE_LABEL_SIZE) * lines.len().max(1) as f32;
    p(width + PAD.0, height + PAD.1)
}

/// The drawn line of one edge, as placement sees it.
#[derive(Clone, Copy, Debug)]
pub struct EdgeLine<'a> {
    /// From the start to the arrow tip.
    pub points: &'a [P],
    /// A loop on one box.
    pub self_loop: bool,
    /// The box the loop sits on (its start box).
    pub from: R,
    /// Sideways offset of a straight parallel edge (0 otherwise): its
    /// label's preferred spot is staggered along the line.
    pub offset: f32,
}

/// Each edge's label box (canvas units), indexed like `d.edges`; `None`
/// for edges without a label or without a drawn line. `nodes` are the box
/// rectangles, `boundaries` the containers (their titles are kept clear).
#[must_use]
pub fn edge_label_rects(
    d: &Diagram,
    lines: &[Option<EdgeLine<'_>>],
    nodes: &[R],
    boundaries: &[Container],
) -> Vec<Option<R>> {
    let area = nodes
        .iter()
        .copied()
        .chain(boundaries.iter().map(|c| c.rect))
        .chain(
            lines
                .iter()
                .flatten()
                .filter_map(|l| super::primitive::bounds_of(l.points.iter().copied())),
        )
        .reduce(R::union)
        .unwrap_or(R::centered(p(0.0, 0.0), 1.0, 1.0));
    let labelled = d.edges.iter().filter(|e| !e.label.is_empty()).count();
    let mut obstacles = Obstacles::new(area, nodes.len() + 2 * lines.len() + labelled);
    for rect in nodes {
        obstacles.add(*rect, true);
    }
    for c in boundaries {
        obstacles.add(title_band(c.rect, &d.boundaries[c.index].label), false);
    }
    let effort = Effort::of(d);
    let mut drawn = Lines::new(area, lines.len() * 2);
    for (i, line) in lines.iter().enumerate() {
        let Some(line) = line else { continue };
        for w in line.points.windows(2) {
            drawn.add(i, w[0], w[1]);
        }
        if !line.self_loop
            && let Some(head) = edges::head_rect(line.points)
        {
            obstacles.add(head, true);
        }
    }
    d.edges
        .iter()
        .zip(lines)
        .enumerate()
        .map(|(i, (edge, line))| {
            if edge.label.is_empty() {
                return None;
            }
            let line = (*line)?;
            let rect = place(&obstacles, &drawn, (i, line, &edge.label), effort);
            obstacles.add(rect, true);
            Some(rect)
        })
        .collect()
}

/// Where the label `text` of edge `own`, drawn as `line`, goes among
/// `obstacles` and the `drawn` lines (a loop's label sits over the loop).
pub(super) fn place(
    obstacles: &Obstacles,
    drawn: &Lines,
    (own, line, text): (usize, EdgeLine<'_>, &str),
    effort: Effort,
) -> R {
    place_within(obstacles, drawn, (own, line, text), effort, f32::INFINITY).unwrap_or_else(
        // Not reached: with no bound every spot is tried.
        |_| R::centered(line.points.first().copied().unwrap_or_default(), 1.0, 1.0),
    )
}

/// Where [`place`] puts the label, found by trying only the spots less
/// than `within` units from the preferred one, or, when that cannot tell
/// (the cheapest of them costs more than `within`, so a spot further out
/// may be cheaper), what the cheapest of them costs: looking again within
/// two units more than that settles it. Each unit of slide costs one, so
/// when the cheapest near spot costs at most `within`, every spot further
/// out costs more than it and would not be tried: the same spot comes out.
pub(super) fn place_within(
    obstacles: &Obstacles,
    drawn: &Lines,
    (own, line, text): (usize, EdgeLine<'_>, &str),
    effort: Effort,
    within: f32,
) -> Result<R, f32> {
    let size = label_size(text);
    if line.self_loop {
        let c = self_loop_center(line.from);
        Ok(R::centered(
            p(c.x, c.y - SELF_LOOP_RADIUS - 8.0),
            size.x,
            size.y,
        ))
    } else {
        let t0 = (0.5 + 0.15 * line.offset / PARALLEL_SPACING).clamp(0.2, 0.8);
        best_spot(
            obstacles,
            drawn,
            (own, line.points),
            (t0, effort, within),
            size,
        )
    }
}

/// The areas whatever plays a part in placing the label `text` on
/// `line` lies in — the obstacles its spots (on, beside the line, the last
/// resort's) may cover and the lines near them — so that a label can be
/// placed again among only what lies there, as a drag preview does, and
/// go where it would go among everything. None for a loop's label.
/// `within` bounds the spots to those [`place_within`] tries.
pub(super) fn considered(line: EdgeLine<'_>, text: &str, effort: Effort, within: f32) -> Vec<R> {
    if line.self_loop {
        return Vec::new();
    }
    let size = label_size(text);
    // A spot beside the line has its centre at most half its size, the
    // gap and 48 out; its rectangle reaches another half-size further,
    // and a line nearer that centre than the line rules it out.
    let reach = size.x.max(size.y) + 2.0 * (BESIDE_GAP + 48.0) + 1.0;
    let t0 = (0.5 + 0.15 * line.offset / PARALLEL_SPACING).clamp(0.2, 0.8);
    let (_, mut along) = spots(line.points, t0, effort, within);
    along.sort_by(f32::total_cmp);
    // Neighbouring spots' areas overlap on a short line: one area for a
    // run of them.
    let mut out: Vec<R> = Vec::new();
    for s in along {
        let r = R::centered(point_at(line.points, s), 2.0 * reach, 2.0 * reach);
        match out.last_mut() {
            Some(last) if last.intersects(&r) => *last = last.union(r),
            _ => out.push(r),
        }
    }
    // The last resort is only asked for when every spot is ruled out,
    // which a bounded search reports as unknown.
    if effort.beside
        && within >= BLOCKED
        && let Some(bounds) = super::primitive::bounds_of(line.points.iter().copied())
    {
        // The last resort scans centres over an area around a short
        // line; a line nearer a centre than its own rules it out.
        let area = bounds.expand2(size.x, size.y * 2.0);
        if area.w() * area.h() <= FREE_AREA {
            let far = area.w() + area.h() + size.x.max(size.y) + 1.0;
            out.push(area.expand2(far, far));
        }
    }
    out
}

/// The point at fraction `t` of a polyline's length.
#[must_use]
pub fn point_along(points: &[P], t: f32) -> P {
    point_at(points, polyline_length(points) * t)
}

/// The point `s` units along a polyline.
fn point_at(points: &[P], s: f32) -> P {
    point_and_direction(points, s).0
}

/// The point `s` units along a polyline and the direction there.
fn point_and_direction(points: &[P], s: f32) -> (P, P) {
    let mut left = s;
    for w in points.windows(2) {
        let len = (w[1] - w[0]).length();
        if left <= len && len > 0.0 {
            return (
                w[0] + (w[1] - w[0]) * (left / len),
                (w[1] - w[0]) * (1.0 / len),
            );
        }
        left -= len;
    }
    (points.last().copied().unwrap_or_default(), p(1.0, 0.0))
}

/// How hard to look for each label's spot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Effort {
    /// Spots along the line.
    spots: usize,
    /// Whether to try spots beside the line (and the last resort).
    beside: bool,
}

impl Effort {
    /// The effort for `d`'s labels: fewer spots each when there are many.
    pub(super) fn of(d: &Diagram) -> Self {
        let labelled = d.edges.iter().filter(|e| !e.label.is_empty()).count();
        Self {
            spots: (WORK / labelled.max(1)).clamp(MIN_SPOTS, SPOTS),
            beside: labelled <= BESIDE_LABELS,
        }
    }
}

/// Where along a line (units from its start) a label tries spots: the
/// preferred one (at fraction `t0`), then outwards from it both ways,
/// less than `within` units from it.
fn spots(points: &[P], t0: f32, effort: Effort, within: f32) -> (f32, Vec<f32>) {
    let length = polyline_length(points);
    let preferred = length * t0;
    #[expect(clippy::cast_precision_loss, reason = "a few dozen spots")]
    let step = (length / effort.spots as f32).max(3.0);
    let mut spots: Vec<f32> = Vec::with_capacity(effort.spots + 1);
    let mut k = 0.0_f32;
    loop {
        let (before, after) = (preferred - k * step, preferred + k * step);
        if before < 0.0 && after > length {
            break;
        }
        if after <= length {
            spots.push(after);
        }
        if k > 0.0 && before >= 0.0 {
            spots.push(before);
        }
        k += 1.0;
        if k * step * SLIDE >= within {
            break;
        }
    }
    (preferred, spots)
}

/// The cheapest spot along edge `own`'s line, nearest `t0` among equals;
/// its cost when the cheapest spot on the line less than `within` from the
/// preferred one costs more than `within` (see [`place_within`]).
fn best_spot(
    obstacles: &Obstacles,
    drawn: &Lines,
    (own, points): (usize, &[P]),
    (t0, effort, within): (f32, Effort, f32),
    size: P,
) -> Result<R, f32> {
    let (preferred, spots) = spots(points, t0, effort, within);
    let mut best = (
        f32::INFINITY,
        R::centered(point_at(points, preferred), size.x, size.y),
    );
    // On the line first; the spots that stay costly are kept to try
    // beside the line afterwards, the cheapest few only.
    let mut crowded: Vec<(f32, f32, P, P)> = Vec::new();
    for s in spots {
        let slide = (s - preferred).abs() * SLIDE;
        if slide >= best.0 {
            continue;
        }
        let (at, dir) = point_and_direction(points, s);
        let rect = R::centered(at, size.x, size.y);
        #[expect(clippy::cast_precision_loss, reason = "a handful of lines")]
        let cost = slide + obstacles.cost(rect) + CROSSED * drawn.crossing(rect, own) as f32;
        if cost < best.0 {
            best = (cost, rect);
        }
        if effort.beside && cost >= BESIDE + slide {
            crowded.push((cost, slide, at, dir));
        }
    }
    // A unit of margin for the rounding of the slides.
    if best.0 + 1.0 > within {
        return Err(best.0);
    }
    crowded.sort_by(|a, b| a.0.total_cmp(&b.0));
    for &(_, slide, at, dir) in crowded.iter().take(BESIDE_SPOTS) {
        if slide + BESIDE >= best.0 {
            continue;
        }
        // Beside the line, on either side: only where the label's centre
        // is still nearer this line than any other.
        let normal = p(-dir.y, dir.x);
        let reach = normal.x.abs() * size.x * 0.5 + normal.y.abs() * size.y * 0.5 + BESIDE_GAP;
        for (away, side) in [0.0, 12.0, 24.0, 36.0, 48.0]
            .into_iter()
            .flat_map(|a| [(a, 1.0), (a, -1.0)])
        {
            let distance = reach + away;
            let center = at + normal * (distance * side);
            if drawn.nearer(center, distance + 0.5, own) {
                continue;
            }
            let rect = R::centered(center, size.x, size.y);
            #[expect(clippy::cast_precision_loss, reason = "a handful of lines")]
            let cost = slide
                + BESIDE
                + away * 10.0
                + obstacles.cost(rect)
                + CROSSED * drawn.crossing(rect, own) as f32;
            if cost < best.0 {
                best = (cost, rect);
            }
        }
    }
    if best.0 >= BLOCKED
        && effort.beside
        && let Some(free) = free_spot_near(obstacles, drawn, (own, points), size)
    {
        return Ok(free);
    }
    Ok(best.1)
}

/// The largest area the last-resort search scans (canvas units²).
const FREE_AREA: f32 = 400.0 * 400.0;
/// Grid step of the last-resort search.
const FREE_STEP: f32 = 6.0;

/// The last resort for a line with no clean spot on or beside it: the
/// free spot nearest the line within a label's size of it, whose centre
/// is nearer this line than any other.
fn free_spot_near(
    obstacles: &Obstacles,
    drawn: &Lines,
    (own, points): (usize, &[P]),
    size: P,
) -> Option<R> {
    let area = super::primitive::bounds_of(points.iter().copied())?.expand2(size.x, size.y * 2.0);
    // Only short lines run out of spots; a long one that did is crowded
    // all along, and scanning its whole extent would cost a drawing's size.
    if area.w() * area.h() > FREE_AREA {
        return None;
    }
    let mut best: Option<(f32, R)> = None;
    let mut y = area.min.y;
    while y <= area.max.y {
        let mut x = area.min.x;
        while x <= area.max.x {
            let centre = p(x, y);
            let distance = super::geometry::distance_to_polyline(centre, points);
            x += FREE_STEP;
            if best.is_some_and(|(cost, _)| distance >= cost)
                || drawn.nearer(centre, distance + 0.5, own)
            {
                continue;
            }
            let rect = R::centered(centre, size.x, size.y);
            #[expect(clippy::cast_precision_loss, reason = "a handful of lines")]
            let cost = distance + obstacles.cost(rect) + CROSSED * drawn.crossing(rect, own) as f32;
            if cost < BLOCKED && best.is_none_or(|(c, _)| cost < c) {
                best = Some((cost, rect));
            }
        }
        y += FREE_STEP;
    }
    best.map(|(_, r)| r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, EdgeKind, Node, NodeKind, Point};
    use crate::scene::Layout;

    fn overlap(a: R, b: R) -> bool {
        a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y
    }

    /// Five services publishing to one bus from nearly the same direction:
    /// the labels near the bus would pile up without sliding.
    #[test]
    fn fan_in_labels_do_not_overlap_each_other_or_boxes() {
        let mut d = Diagram::default();
        d.nodes
            .push(Node::new("bus", "Bus", NodeKind::Bus, Point::new(0.0, 0.0)));
        for k in 0..5u8 {
            let id = format!("s{k}");
            let x = (f32::from(k) - 2.0) * 60.0;
            d.nodes
                .push(Node::new(&id, &id, NodeKind::Service, Point::new(x, 260.0)));
            let mut e = Edge::new(&format!("e{k}"), &id, "bus", EdgeKind::Async);
            e.label = format!("SomethingHappened{k}");
            d.edges.push(e);
        }
        let labels = |d: &Diagram| -> Vec<R> {
            Layout::new(d)
                .edges
                .into_iter()
                .flatten()
                .filter_map(|e| e.label)
                .collect()
        };
        let rects = labels(&d);
        assert_eq!(rects.len(), 5);
        for (i, a) in rects.iter().enumerate() {
            for b in &rects[i + 1..] {
                assert!(!overlap(*a, *b), "{a:?} overlaps {b:?}");
            }
        }
        assert_eq!(rects, labels(&d), "deterministic");
    }

    #[test]
    fn a_lone_label_sits_in_the_middle_of_its_edge() {
        let mut d = Diagram::default();
        d.nodes
            .push(Node::new("a", "A", NodeKind::Service, Point::new(0.0, 0.0)));
        d.nodes.push(Node::new(
            "b",
            "B",
            NodeKind::Service,
            Point::new(400.0, 0.0),
        ));
        let mut e = Edge::new("e", "a", "b", EdgeKind::Sync);
        e.label = "GET /x".into();
        d.edges.push(e);
        let layout = Layout::new(&d);
        let r = layout.edges[0]
            .as_ref()
            .and_then(|e| e.label)
            .unwrap_or(R::centered(p(-1.0, -1.0), 0.0, 0.0));
        assert!((r.center().x - 200.0).abs() < 1.0, "{r:?}");
        assert!(r.center().y.abs() < 1.0);
    }
}
