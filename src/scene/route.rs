//! Orthogonal ("elbow") arrows routed around boxes. Routes are derived
//! from the boxes alone — nothing is stored in the file — so an arrow
//! stays attached and finds a new way whenever a box moves.
//!
//! 1. **Sides.** Each end leaves its box from the side facing the other
//!    box (the axis with the wider gap between them).
//! 2. **Ports.** The ends on one side of a box are spread along it,
//!    ordered by where their other ends are and at least [`PORT_GAP`]
//!    apart (labelled ones half their labels' widths, so labels at two
//!    heights clear the neighbouring lines); each aims at the other box (the middle of the two boxes'
//!    overlap when they face each other), so aligned boxes get straight
//!    lines and a long bus gets square drops.
//! 3. **Shape.** The cheapest of a straight line, one bend or two bends
//!    (the middle leg tried at several places) that keeps [`MARGIN`] off
//!    every other box and off boundary titles; failing that, A*
//!    (`pathfinding`) over the sparse grid of obstacle edges — near ones
//!    merged first, all of them if that finds nothing — with a cost per
//!    bend and an estimate that counts the bends still needed; failing
//!    that (boxes on top of each other), a straight segment.
//! 4. **Corridors.** Middle legs of different arrows that would run on
//!    top of each other are spread [`TRACK_GAP`] apart.

use std::cell::Cell;
use std::collections::BTreeMap;

use pathfinding::directed::astar::astar;

use super::geometry::{P, R, p};

/// Clearance kept between a routed arrow and any box it passes.
pub const MARGIN: f32 = 12.0;
/// Least distance between two ports on one side of a box.
pub const PORT_GAP: f32 = 14.0;
/// Room between the labels of arrows side by side.
const LABEL_GAP: f32 = 6.0;
/// How far ports keep from a box's corners.
const PORT_INSET: f32 = 10.0;
/// Distance between middle legs sharing a corridor.
pub const TRACK_GAP: f32 = 10.0;
/// Cost of a bend, in canvas units of length.
const BEND: f32 = 40.0;
/// Smallest side of the cells of the obstacle index.
const CELL: f32 = 128.0;
/// Search states an arrow's A* may expand before giving up.
const BUDGET: usize = 40_000;
/// Search states all of a drawing's arrows may expand together: past it
/// the rest take the quick shapes (still orthogonal, maybe across a box),
/// so routing a huge or hostile drawing stays within about a second.
const TOTAL_BUDGET: usize = 1_000_000;
/// Room kept around the whole drawing for routes going round it.
const OUTSIDE: f32 = 48.0;
/// How much A* trusts its estimate over the cost so far: a little more
/// than exact, so that among near-equal routes it follows the first
/// rather than trying them all (routes at most 30 % longer, in practice
/// the same).
const GREED: f32 = 1.3;
/// Fixed-point scale of A* costs.
const SCALE: f32 = 10.0;

/// A side of a box.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Side {
    Left,
    Right,
    Top,
    Bottom,
}

impl Side {
    /// The outward direction.
    fn dir(self) -> P {
        match self {
            Self::Left => p(-1.0, 0.0),
            Self::Right => p(1.0, 0.0),
            Self::Top => p(0.0, -1.0),
            Self::Bottom => p(0.0, 1.0),
        }
    }

    /// Whether ports on this side spread horizontally (top, bottom).
    fn spreads_along_x(self) -> bool {
        matches!(self, Self::Top | Self::Bottom)
    }

    /// The side facing the other way.
    fn opposite(self) -> Self {
        match self {
            Self::Left => Self::Right,
            Self::Right => Self::Left,
            Self::Top => Self::Bottom,
            Self::Bottom => Self::Top,
        }
    }
}

/// One arrow to route: the indices of its boxes.
#[derive(Clone, Copy, Debug)]
pub struct Request {
    /// Source box.
    pub from: usize,
    /// Target box.
    pub to: usize,
    /// Width of its label (0 for none): arrows side by side on a box's
    /// side keep room for their labels, as far as the side allows.
    pub label: f32,
}

/// An obstacle: a rectangle grown by the margin, and the box it belongs
/// to (none for a boundary title).
#[derive(Clone, Copy, Debug)]
struct Obstacle {
    grown: R,
    raw: R,
    node: Option<usize>,
}

/// Obstacles bucketed in a dense grid of cells over the drawing.
struct Index {
    obstacles: Vec<Obstacle>,
    /// Top-left of cell (0, 0).
    origin: P,
    /// Side of a cell.
    cell: f32,
    /// Cells across and down.
    size: (usize, usize),
    /// Obstacle indices per cell, row by row.
    cells: Vec<Vec<u32>>,
}

impl Index {
    fn new(obstacles: Vec<Obstacle>) -> Self {
        let extent = obstacles
            .iter()
            .map(|o| o.grown)
            .reduce(R::union)
            .unwrap_or(R {
                min: p(0.0, 0.0),
                max: p(1.0, 1.0),
            })
            .expand2(OUTSIDE * 2.0, OUTSIDE * 2.0);
        // About two obstacles a cell when they are spread evenly; when they
        // bunch in part of a wide extent (the neighbourhoods a drag
        // preview routes among), cells about twice an obstacle's size, as
        // long as that makes at most 64 cells an obstacle. Never more
        // than ~4M cells.
        #[expect(clippy::cast_precision_loss, reason = "obstacle counts")]
        let n = obstacles.len().max(1) as f32;
        let area = extent.w() * extent.h();
        let size = obstacles
            .iter()
            .map(|o| o.grown.w() + o.grown.h())
            .sum::<f32>()
            / n;
        let cell = (area / (n / 2.0))
            .sqrt()
            .min(size.max((area / (64.0 * n)).sqrt()))
            .max(CELL)
            .max((area / 4.0e6).sqrt());
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "bounded cell counts"
        )]
        let size = (
            (extent.w() / cell).ceil().max(1.0) as usize,
            (extent.h() / cell).ceil().max(1.0) as usize,
        );
        let mut index = Self {
            obstacles: Vec::new(),
            origin: extent.min,
            cell,
            size,
            cells: vec![Vec::new(); size.0 * size.1],
        };
        for (i, o) in obstacles.iter().enumerate() {
            let ((x0, y0), (x1, y1)) = index.cell_range(o.grown);
            #[expect(clippy::cast_possible_truncation, reason = "obstacle counts fit u32")]
            let id = i as u32;
            for y in y0..=y1 {
                for x in x0..=x1 {
                    index.cells[y * size.0 + x].push(id);
                }
            }
        }
        index.obstacles = obstacles;
        index
    }

    /// The cells a rectangle touches, clamped to the grid.
    fn cell_range(&self, r: R) -> ((usize, usize), (usize, usize)) {
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss,
            reason = "clamped to the grid"
        )]
        let at = |v: f32, o: f32, n: usize| {
            ((v - o) / self.cell).floor().clamp(0.0, (n - 1) as f32) as usize
        };
        (
            (
                at(r.min.x, self.origin.x, self.size.0),
                at(r.min.y, self.origin.y, self.size.1),
            ),
            (
                at(r.max.x, self.origin.x, self.size.0),
                at(r.max.y, self.origin.y, self.size.1),
            ),
        )
    }

    /// Whether the axis-aligned segment `a`–`b` enters the inside of an
    /// obstacle: grown ones, except the arrow's own boxes, which count
    /// without their margin.
    fn blocks(&self, a: P, b: P, own: [usize; 2]) -> bool {
        const EPS: f32 = 1e-3;
        let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
        let (y0, y1) = (a.y.min(b.y), a.y.max(b.y));
        let ((cx0, cy0), (cx1, cy1)) = self.cell_range(R {
            min: p(x0, y0),
            max: p(x1, y1),
        });
        for cy in cy0..=cy1 {
            for cx in cx0..=cx1 {
                for &i in &self.cells[cy * self.size.0 + cx] {
                    let o = &self.obstacles[i as usize];
                    let r = if o.node.is_some_and(|n| own.contains(&n)) {
                        o.raw
                    } else {
                        o.grown
                    };
                    if x1 > r.min.x + EPS
                        && x0 < r.max.x - EPS
                        && y1 > r.min.y + EPS
                        && y0 < r.max.y - EPS
                    {
                        return true;
                    }
                }
            }
        }
        false
    }

    fn path_clear(&self, points: &[P], own: [usize; 2]) -> bool {
        points.windows(2).all(|w| !self.blocks(w[0], w[1], own))
    }
}

/// The sides two boxes face each other by.
fn sides(a: R, b: R) -> (Side, Side) {
    let gx = (b.min.x - a.max.x).max(a.min.x - b.max.x);
    let gy = (b.min.y - a.max.y).max(a.min.y - b.max.y);
    let vertical = if gx <= 0.0 && gy <= 0.0 {
        // Overlapping boxes: by the centres.
        let d = b.center() - a.center();
        d.y.abs() * a.w() > d.x.abs() * a.h()
    } else {
        gy > gx
    };
    let (ca, cb) = (a.center(), b.center());
    if vertical {
        if cb.y >= ca.y {
            (Side::Bottom, Side::Top)
        } else {
            (Side::Top, Side::Bottom)
        }
    } else if cb.x >= ca.x {
        (Side::Right, Side::Left)
    } else {
        (Side::Left, Side::Right)
    }
}

/// The span of a side along its spreading axis, inset from the corners.
fn span(rect: R, side: Side) -> (f32, f32) {
    let (lo, hi) = if side.spreads_along_x() {
        (rect.min.x, rect.max.x)
    } else {
        (rect.min.y, rect.max.y)
    };
    let inset = PORT_INSET.min((hi - lo) * 0.5);
    (lo + inset, hi - inset)
}

/// Where an end would like its port: facing the other box.
fn ideal(rect: R, side: Side, other: R) -> f32 {
    let (lo, hi) = span(rect, side);
    let (olo, ohi, oc) = if side.spreads_along_x() {
        (other.min.x, other.max.x, other.center().x)
    } else {
        (other.min.y, other.max.y, other.center().y)
    };
    let (a, b) = (lo.max(olo + PORT_INSET), hi.min(ohi - PORT_INSET));
    if a <= b {
        (a + b) * 0.5
    } else {
        oc.clamp(lo, hi)
    }
}

/// Positions for ends wanting `wanted` (sorted) on `[lo, hi]`, the
/// `k`-th at least `gaps[k]` after the one before it: the least-squares
/// nearest to their wishes (pool-adjacent-violators on the wishes less the
/// gaps); when they do not fit, the gaps shrink alike and fill the side.
fn spread(wanted: &[f32], gaps: &[f32], lo: f32, hi: f32) -> Vec<f32> {
    let n = wanted.len();
    let mut offset = Vec::with_capacity(n);
    let mut total = 0.0;
    for (k, gap) in gaps.iter().enumerate().take(n) {
        if k > 0 {
            total += gap;
        }
        offset.push(total);
    }
    if total > hi - lo {
        // Too wide: the same, with every gap shrunk alike.
        let f = if total > 0.0 { (hi - lo) / total } else { 0.0 };
        let shrunk: Vec<f32> = gaps.iter().map(|g| g * f * 0.999).collect();
        return spread(wanted, &shrunk, lo, hi);
    }
    // Blocks of (first, count, sum of wishes less offsets).
    let mut blocks: Vec<(usize, usize, f32)> = Vec::new();
    for k in 0..n {
        blocks.push((k, 1, wanted[k] - offset[k]));
        while blocks.len() >= 2 {
            let (_, n1, s1) = blocks[blocks.len() - 1];
            let (i0, n0, s0) = blocks[blocks.len() - 2];
            #[expect(clippy::cast_precision_loss, reason = "a handful of ports")]
            let (m0, m1) = (s0 / n0 as f32, s1 / n1 as f32);
            if m0 <= m1 {
                break;
            }
            blocks.truncate(blocks.len() - 2);
            blocks.push((i0, n0 + n1, s0 + s1));
        }
    }
    let mut out = vec![0.0; n];
    for (i0, count, sum) in blocks {
        #[expect(clippy::cast_precision_loss, reason = "a handful of ports")]
        let base = sum / count as f32;
        for k in i0..i0 + count {
            out[k] = base + offset[k];
        }
    }
    // Inside the side: pushed off each end in turn (the gaps fit, so
    // the second pass leaves the first one's bound intact).
    out[0] = out[0].max(lo);
    for k in 1..n {
        out[k] = out[k].max(out[k - 1] + gaps[k]);
    }
    out[n - 1] = out[n - 1].min(hi);
    for k in (0..n - 1).rev() {
        out[k] = out[k].min(out[k + 1] - gaps[k + 1]);
    }
    out
}

/// One end's port: the point on the border and the side.
#[derive(Clone, Copy, Debug)]
struct Port {
    at: P,
    side: Side,
}

fn port_point(rect: R, side: Side, along: f32) -> P {
    match side {
        Side::Left => p(rect.min.x, along),
        Side::Right => p(rect.max.x, along),
        Side::Top => p(along, rect.min.y),
        Side::Bottom => p(along, rect.max.y),
    }
}

/// Both ports of every request.
fn ports(nodes: &[R], requests: &[Request]) -> Vec<(Port, Port)> {
    // (box, side) → (wish, other box's centre along the side, request, end).
    type End = (f32, f32, usize, usize);
    let mut groups: BTreeMap<(usize, Side), Vec<End>> = BTreeMap::new();
    let mut chosen = Vec::with_capacity(requests.len());
    for (k, r) in requests.iter().enumerate() {
        let (a, b) = (nodes[r.from], nodes[r.to]);
        let (sa, sb) = sides(a, b);
        chosen.push((sa, sb));
        let along = |rect: R, side: Side| {
            if side.spreads_along_x() {
                rect.center().x
            } else {
                rect.center().y
            }
        };
        groups
            .entry((r.from, sa))
            .or_default()
            .push((ideal(a, sa, b), along(b, sa), k, 0));
        groups
            .entry((r.to, sb))
            .or_default()
            .push((ideal(b, sb, a), along(a, sb), k, 1));
    }
    let mut at = vec![[p(0.0, 0.0); 2]; requests.len()];
    for ((node, side), mut ends) in groups {
        ends.sort_by(|x, y| {
            x.0.total_cmp(&y.0)
                .then(x.1.total_cmp(&y.1))
                .then(x.2.cmp(&y.2))
        });
        let rect = nodes[node];
        let (lo, hi) = span(rect, side);
        let wanted: Vec<f32> = ends.iter().map(|e| e.0).collect();
        // Labelled arrows side by side keep room for their labels (as
        // much as the side has).
        let gaps: Vec<f32> = (0..ends.len())
            .map(|k| {
                if k == 0 {
                    return PORT_GAP;
                }
                let (a, b) = (requests[ends[k - 1].2].label, requests[ends[k].2].label);
                // Half the labels' widths: neighbouring labels can sit at
                // two heights.
                if a + b > 0.0 {
                    PORT_GAP.max((a + b) * 0.25 + LABEL_GAP)
                } else {
                    PORT_GAP
                }
            })
            .collect();
        for (e, pos) in ends.iter().zip(spread(&wanted, &gaps, lo, hi)) {
            at[e.2][e.3] = port_point(rect, side, pos);
        }
    }
    chosen
        .into_iter()
        .zip(at)
        .map(|((sa, sb), [pa, pb])| (Port { at: pa, side: sa }, Port { at: pb, side: sb }))
        .collect()
}

/// Routes orthogonal arrows between boxes `nodes` (canvas rectangles),
/// keeping clear of `titles` too; one polyline per request, from the
/// source box's border to the target box's (the arrow tip). Requests
/// between a box and itself are not routed (`None`).
#[must_use]
pub fn route(nodes: &[R], titles: &[R], requests: &[Request]) -> Vec<Option<Vec<P>>> {
    route_within(nodes, titles, requests, TOTAL_BUDGET)
}

/// [`route`], with the A* searches of all the requests together
/// expanding at most `budget` states (past it the rest take the quick
/// shapes): a drag preview routes with a frame's budget, a canvas its
/// first draft of a big drawing.
#[must_use]
pub fn route_within(
    nodes: &[R],
    titles: &[R],
    requests: &[Request],
    budget: usize,
) -> Vec<Option<Vec<P>>> {
    route_counted(nodes, titles, requests, budget).0
}

/// [`route_within`] (any budget past [`route`]'s is [`route`]'s), and
/// whether the routes are exactly those of [`route`]: the budget was
/// enough, no search was cut short or refused for it.
#[must_use]
pub fn route_counted(
    nodes: &[R],
    titles: &[R],
    requests: &[Request],
    budget: usize,
) -> (Vec<Option<Vec<P>>>, bool) {
    let budget = budget.min(TOTAL_BUDGET);
    let obstacles: Vec<Obstacle> = nodes
        .iter()
        .enumerate()
        .map(|(i, r)| Obstacle {
            grown: r.expand2(MARGIN, MARGIN),
            raw: *r,
            node: Some(i),
        })
        .chain(titles.iter().map(|r| Obstacle {
            grown: r.expand2(2.0, 2.0),
            raw: *r,
            node: None,
        }))
        .collect();
    let coarse = Grid::new(&obstacles, MERGE);
    let fine = Grid::new(&obstacles, 0.0);
    // Boxes closer than two margins (or a box dragged onto another) leave
    // no clear route: the tight index keeps only the boxes themselves off
    // the route, built the first time it is needed.
    let tight = std::cell::OnceCell::new();
    let tight_obstacles: Vec<Obstacle> = obstacles
        .iter()
        .map(|o| Obstacle { grown: o.raw, ..*o })
        .collect();
    let index = Index::new(obstacles);
    let ports = ports(nodes, requests);
    let left = Cell::new(budget);
    let mut routes: Vec<Option<Vec<P>>> = requests
        .iter()
        .zip(&ports)
        .map(|(r, (a, b))| {
            if r.from == r.to {
                return None;
            }
            let own = [r.from, r.to];
            Some(
                simple(Some(&index), *a, *b, own)
                    .or_else(|| coarse.search(&index, (*a, *b), own, &left))
                    .or_else(|| fine.search(&index, (*a, *b), own, &left))
                    .or_else(|| {
                        if left.get() == 0 {
                            return None;
                        }
                        let tight = tight.get_or_init(|| {
                            (
                                Index::new(tight_obstacles.clone()),
                                Grid::new(&tight_obstacles, 0.0),
                            )
                        });
                        tight.1.search(&tight.0, (*a, *b), own, &left)
                    })
                    .or_else(|| simple(None, *a, *b, own))
                    .unwrap_or_else(|| elbow(*a, *b)),
            )
        })
        .collect();
    straighten(&index, nodes, requests, &mut routes);
    separate_tracks(&index, requests, &mut routes);
    // A search stops past what is left, and then leaves nothing: while
    // something is left, no search was stopped or refused for the total
    // (and the full budget is what `route` has anyway).
    (routes, left.get() > 0 || budget == TOTAL_BUDGET)
}

/// A two-bend route whose middle leg is only a few units long (ports a
/// hair out of line) becomes straight by sliding its target port in
/// line with its source, when that port stays on its side, keeps
/// [`PORT_GAP`] from the other ports there, and the line is clear.
fn straighten(index: &Index, nodes: &[R], requests: &[Request], routes: &mut [Option<Vec<P>>]) {
    const KINK: f32 = 8.0;
    let ends: Vec<(usize, P)> = requests
        .iter()
        .zip(routes.iter())
        .flat_map(|(r, route)| {
            route
                .iter()
                .flat_map(move |pts| [(r.from, pts[0]), (r.to, pts[pts.len() - 1])])
        })
        .collect();
    for (k, r) in requests.iter().enumerate() {
        let Some(points) = routes[k].as_ref() else {
            continue;
        };
        let [a, b, c, d] = points[..] else { continue };
        let vertical_run = (a.x - b.x).abs() < 1e-3 && (c.x - d.x).abs() < 1e-3;
        let horizontal_run = (a.y - b.y).abs() < 1e-3 && (c.y - d.y).abs() < 1e-3;
        let target = nodes[r.to];
        let moved = if vertical_run && (b.x - c.x).abs() < KINK {
            p(a.x, d.y)
        } else if horizontal_run && (b.y - c.y).abs() < KINK {
            p(d.x, a.y)
        } else {
            continue;
        };
        let on_side = if vertical_run {
            (target.min.x + PORT_INSET..=target.max.x - PORT_INSET).contains(&moved.x)
        } else {
            (target.min.y + PORT_INSET..=target.max.y - PORT_INSET).contains(&moved.y)
        };
        let crowded = ends
            .iter()
            .any(|&(node, q)| node == r.to && q != d && (q - moved).length() < PORT_GAP - 1e-3);
        let line = vec![a, moved];
        if on_side && !crowded && index.path_clear(&line, [r.from, r.to]) {
            routes[k] = Some(line);
        }
    }
}

/// An orthogonal line from port to port whatever lies between: out of
/// each port by the margin, then one corner (the last resort).
fn elbow(a: Port, b: Port) -> Vec<P> {
    let (sa, sb) = (a.at + a.side.dir() * MARGIN, b.at + b.side.dir() * MARGIN);
    let corner = if a.side.spreads_along_x() {
        p(sb.x, sa.y)
    } else {
        p(sa.x, sb.y)
    };
    simplify(vec![a.at, sa, corner, sb, b.at])
}

/// A straight line, one bend or two bends: the first one clear of
/// `index`, or with no index the first one at all.
fn simple(index: Option<&Index>, a: Port, b: Port, own: [usize; 2]) -> Option<Vec<P>> {
    let (da, db) = (a.side.dir(), b.side.dir());
    let (pa, pb) = (a.at, b.at);
    let (sa, sb) = (pa + da * MARGIN, pb + db * MARGIN);
    let ahead = |from: P, dir: P, q: P| (q - from).x * dir.x + (q - from).y * dir.y >= -1e-3;
    let mut candidates: Vec<Vec<P>> = Vec::new();
    let horizontal = !a.side.spreads_along_x();
    if b.side == a.side.opposite() {
        // Facing each other: straight when aligned, else a Z.
        let aligned = if horizontal {
            (pa.y - pb.y).abs() < 0.5
        } else {
            (pa.x - pb.x).abs() < 0.5
        };
        if aligned && ahead(sa, da, sb) {
            candidates.push(vec![pa, pb]);
        }
        for f in [0.5, 0.3, 0.7, 0.15, 0.85] {
            let m = sa + (sb - sa) * f;
            if !(ahead(sa, da, m) && ahead(sb, db, m)) {
                continue;
            }
            candidates.push(if horizontal {
                vec![pa, p(m.x, pa.y), p(m.x, pb.y), pb]
            } else {
                vec![pa, p(pa.x, m.y), p(pb.x, m.y), pb]
            });
        }
    } else if b.side == a.side {
        // Both sides look the same way: a U round the further one.
        let reach = |q: P| q.x * da.x + q.y * da.y;
        let m = if reach(sa) >= reach(sb) { sa } else { sb };
        candidates.push(if horizontal {
            vec![pa, p(m.x, pa.y), p(m.x, pb.y), pb]
        } else {
            vec![pa, p(pa.x, m.y), p(pb.x, m.y), pb]
        });
    } else {
        // Perpendicular: one bend.
        let corner = if horizontal {
            p(pb.x, pa.y)
        } else {
            p(pa.x, pb.y)
        };
        if ahead(sa, da, corner) && ahead(sb, db, corner) {
            candidates.push(vec![pa, corner, pb]);
        }
    }
    candidates
        .into_iter()
        .find(|c| index.is_none_or(|index| index.path_clear(c, own)))
        .map(simplify)
}

/// Drops repeated points and the middle of straight runs.
fn simplify(points: Vec<P>) -> Vec<P> {
    let mut out: Vec<P> = Vec::with_capacity(points.len());
    for q in points {
        if out.last().is_some_and(|l| (*l - q).length() < 1e-3) {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let collinear = ((a.x - b.x).abs() < 1e-3 && (b.x - q.x).abs() < 1e-3)
                || ((a.y - b.y).abs() < 1e-3 && (b.y - q.y).abs() < 1e-3);
            if collinear {
                out.pop();
            }
        }
        out.push(q);
    }
    out
}

/// The sparse grid A* runs on: every obstacle's edges (a margin off each
/// box) on both axes, and the search's own port stubs. The coarse grid
/// merges edges on the same side of boxes that lie within [`MERGE`] of
/// each other into the outermost one (still clear of all of them): rows
/// of boxes of different heights give one line above and one below
/// instead of one per height.
struct Grid {
    xs: Vec<f32>,
    ys: Vec<f32>,
}

/// How close edges on the same side of boxes merge in the coarse grid.
const MERGE: f32 = 12.0;

/// Sorted, deduplicated lines from low edges (`min`, kept lowest in a
/// run) and high edges (`max`, kept highest), and `extra` lines.
fn axis(mut low: Vec<f32>, mut high: Vec<f32>, merge: f32) -> Vec<f32> {
    low.sort_by(f32::total_cmp);
    high.sort_by(f32::total_cmp);
    let mut out = Vec::with_capacity(low.len() + high.len());
    // A run of low edges keeps its first (outermost) line.
    let mut last = f32::NEG_INFINITY;
    for v in low {
        if v - last > merge {
            out.push(v);
            last = v;
        }
    }
    // A run of high edges (all within `merge` of its first) keeps its
    // last one.
    let mut run: Option<(f32, f32)> = None;
    for v in high {
        run = match run {
            Some((first, _)) if v - first <= merge => Some((first, v)),
            Some((_, kept)) => {
                out.push(kept);
                Some((v, v))
            }
            None => Some((v, v)),
        };
    }
    out.extend(run.map(|(_, kept)| kept));
    out.sort_by(f32::total_cmp);
    out.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    out
}

/// A search state: grid indices and the direction of travel (0 right,
/// 1 down, 2 left, 3 up).
type State = (u32, u32, u8);

impl Grid {
    fn new(obstacles: &[Obstacle], merge: f32) -> Self {
        let (mut x_low, mut x_high, mut y_low, mut y_high) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for o in obstacles {
            x_low.push(o.grown.min.x);
            x_high.push(o.grown.max.x);
            y_low.push(o.grown.min.y);
            y_high.push(o.grown.max.y);
        }
        if let Some(all) = obstacles.iter().map(|o| o.grown).reduce(R::union) {
            x_low.push(all.min.x - OUTSIDE);
            x_high.push(all.max.x + OUTSIDE);
            y_low.push(all.min.y - OUTSIDE);
            y_high.push(all.max.y + OUTSIDE);
        }
        Self {
            xs: axis(x_low, x_high, merge),
            ys: axis(y_low, y_high, merge),
        }
    }

    /// The shortest route with few bends from port `a` to port `b`,
    /// expanding at most [`BUDGET`] states and no more than `left`
    /// (which it draws down).
    fn search(
        &self,
        index: &Index,
        (a, b): (Port, Port),
        own: [usize; 2],
        left: &Cell<usize>,
    ) -> Option<Vec<P>> {
        if left.get() == 0 {
            return None;
        }
        let (sa, sb) = (a.at + a.side.dir() * MARGIN, b.at + b.side.dir() * MARGIN);
        let xs = with_lines(&self.xs, [sa.x, sb.x]);
        let ys = with_lines(&self.ys, [sa.y, sb.y]);
        let find = |v: &[f32], q: f32| {
            // The first line within 1e-3 (the lines are sorted and at
            // least half a unit apart, so one of the two around `q`).
            let i = v.partition_point(|x| *x < q);
            [i.checked_sub(1), Some(i)]
                .into_iter()
                .flatten()
                .find(|&j| v.get(j).is_some_and(|x| (x - q).abs() < 1e-3))
                .and_then(|j| u32::try_from(j).ok())
        };
        let dir_of = |d: P| -> u8 {
            if d.x > 0.5 {
                0
            } else if d.y > 0.5 {
                1
            } else if d.x < -0.5 {
                2
            } else {
                3
            }
        };
        let start: State = (find(&xs, sa.x)?, find(&ys, sa.y)?, dir_of(a.side.dir()));
        let goal = (find(&xs, sb.x)?, find(&ys, sb.y)?, dir_of(-b.side.dir()));
        let point = |s: &State| p(xs[s.0 as usize], ys[s.1 as usize]);
        let goal_point = point(&goal);
        let spent = Cell::new(0usize);
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "costs of a drawing's size"
        )]
        let cost = |len: f32| (len * SCALE).round() as u32;
        // A step goes on to the next grid line, straight on or after a
        // quarter turn (which costs a bend).
        let successors = |s: &State| -> [Option<(State, u32)>; 3] {
            let mut out = [None; 3];
            spent.set(spent.get() + 1);
            if spent.get() > BUDGET || spent.get() > left.get() {
                return out;
            }
            let (x, y, d) = *s;
            let from = point(s);
            for (slot, (turn, extra)) in [(0, 0.0), (1, BEND), (3, BEND)].into_iter().enumerate() {
                let nd = (d + turn) % 4;
                let next = match nd {
                    0 => (x as usize + 1 < xs.len()).then(|| (x + 1, y)),
                    1 => (y as usize + 1 < ys.len()).then(|| (x, y + 1)),
                    2 => x.checked_sub(1).map(|x| (x, y)),
                    _ => y.checked_sub(1).map(|y| (x, y)),
                };
                let Some((nx, ny)) = next else { continue };
                let to = point(&(nx, ny, nd));
                if !index.blocks(from, to, own) {
                    // Along one axis: its length is the sum (no square root).
                    let v = to - from;
                    out[slot] = Some(((nx, ny, nd), cost(v.x.abs() + v.y.abs() + extra)));
                }
            }
            out
        };
        let heuristic = |s: &State| {
            let q = point(s);
            let v = goal_point - q;
            cost((v.x.abs() + v.y.abs() + BEND * min_bends(s.2, goal.2, v)) * GREED)
        };
        let found = astar(
            &start,
            |s| successors(s).into_iter().flatten(),
            heuristic,
            |s| *s == goal,
        );
        left.set(left.get().saturating_sub(spent.get()));
        let (path, _) = found?;
        let mut points = vec![a.at];
        points.extend(path.iter().map(point));
        points.push(b.at);
        Some(simplify(points))
    }
}

/// A grid axis (sorted, lines at least half a unit apart) with the two
/// ends' lines added: a line within 1e-3 of one already there is merged
/// into it, the lower of the two kept. The axis is copied once, not
/// sorted again: a drawing routes thousands of arrows over one grid.
fn with_lines(axis: &[f32], extra: [f32; 2]) -> Vec<f32> {
    const SAME: f32 = 1e-3;
    let mut v = Vec::with_capacity(axis.len() + extra.len());
    v.extend_from_slice(axis);
    for e in extra {
        let i = v.partition_point(|x| *x < e);
        if i > 0 && (e - v[i - 1]).abs() < SAME {
            continue;
        }
        match v.get_mut(i) {
            Some(x) if (*x - e).abs() < SAME => *x = x.min(e),
            _ => v.insert(i, e),
        }
    }
    v
}

/// The unit vector of a search direction (0 right, 1 down, 2 left, 3 up).
fn unit(d: u8) -> P {
    match d {
        0 => p(1.0, 0.0),
        1 => p(0.0, 1.0),
        2 => p(-1.0, 0.0),
        _ => p(0.0, -1.0),
    }
}

/// The fewest bends of any route heading `d` now that reaches a point
/// `v` away heading `g`: a lower bound, so A* stays exact while it stops
/// trying every equally long staircase.
fn min_bends(d: u8, g: u8, v: P) -> f32 {
    const EPS: f32 = 1e-3;
    let (dv, gv) = (unit(d), unit(g));
    let ahead = v.x * dv.x + v.y * dv.y;
    let lateral = v.x * dv.y - v.y * dv.x;
    if d == g {
        if ahead < -EPS {
            4.0
        } else if lateral.abs() <= EPS {
            0.0
        } else {
            2.0
        }
    } else if (d + 2) % 4 == g {
        if lateral.abs() <= EPS { 4.0 } else { 2.0 }
    } else {
        let onward = v.x * gv.x + v.y * gv.y;
        if ahead < -EPS || onward < -EPS {
            3.0
        } else {
            1.0
        }
    }
}

/// Spreads middle legs of different arrows that run on top of each other
/// (same line, overlapping extent) [`TRACK_GAP`] apart, keeping a move
/// only when the arrow stays clear.
fn separate_tracks(index: &Index, requests: &[Request], routes: &mut [Option<Vec<P>>]) {
    // (vertical?, rounded coordinate) → (route, segment index, lo, hi, order).
    type Leg = (usize, usize, f32, f32, f32);
    let mut lines: BTreeMap<(bool, i64), Vec<Leg>> = BTreeMap::new();
    for (k, route) in routes.iter().enumerate() {
        let Some(points) = route else { continue };
        // Only middle legs: not the first or last segment (they hold ports).
        for s in 1..points.len().saturating_sub(2) {
            let (a, b) = (points[s], points[s + 1]);
            let vertical = (a.x - b.x).abs() < 1e-3;
            let (at, lo, hi) = if vertical {
                (a.x, a.y.min(b.y), a.y.max(b.y))
            } else {
                (a.y, a.x.min(b.x), a.x.max(b.x))
            };
            // Which of two overlapping legs goes on which side so that
            // they do not cross: a leg entered from the `come` side and
            // run in direction `run` from `entry` goes further out the
            // further back it starts.
            let before = points[s - 1];
            let (entry, run, come) = if vertical {
                (a.y, (b.y - a.y).signum(), (a.x - before.x).signum())
            } else {
                (a.x, (b.x - a.x).signum(), (a.y - before.y).signum())
            };
            #[expect(clippy::cast_possible_truncation, reason = "canvas coordinates")]
            let key = (vertical, (at * 2.0).round() as i64);
            lines
                .entry(key)
                .or_default()
                .push((k, s, lo, hi, -come * run * entry));
        }
    }
    for ((vertical, _), mut legs) in lines {
        if legs.len() < 2 {
            continue;
        }
        legs.sort_by(|a, b| a.2.total_cmp(&b.2).then(a.0.cmp(&b.0)));
        // Clusters of overlapping legs.
        let mut clusters: Vec<Vec<Leg>> = Vec::new();
        let mut reach = f32::NEG_INFINITY;
        for leg in legs {
            if leg.2 < reach - 0.5
                && let Some(last) = clusters.last_mut()
            {
                reach = reach.max(leg.3);
                last.push(leg);
            } else {
                reach = leg.3;
                clusters.push(vec![leg]);
            }
        }
        for mut cluster in clusters.into_iter().filter(|c| c.len() > 1) {
            cluster.sort_by(|a, b| a.4.total_cmp(&b.4).then(a.0.cmp(&b.0)));
            let n = i32::try_from(cluster.len()).unwrap_or(i32::MAX);
            let mut taken: Vec<i32> = Vec::new();
            for (rank, (k, s, ..)) in (0..).zip(cluster) {
                // The wanted track, else the nearest free one that keeps
                // the arrow clear.
                let wanted: i32 = 2 * rank - (n - 1);
                let Some(points) = routes[k].as_mut() else {
                    continue;
                };
                let own = [requests[k].from, requests[k].to];
                // A shift moves the leg and changes the two segments
                // beside it; the others stay as they are, so they are
                // asked once (a long route across a tall drawing crosses
                // many cells of the index).
                let rest_clear = points
                    .windows(2)
                    .enumerate()
                    .filter(|(i, _)| !(s - 1..=s + 1).contains(i))
                    .all(|(_, w)| !index.blocks(w[0], w[1], own));
                if !rest_clear {
                    continue;
                }
                let tracks = (0..=2 * n).flat_map(|d| [wanted + 2 * d, wanted - 2 * d]);
                for track in tracks {
                    if taken.contains(&track) {
                        continue;
                    }
                    #[expect(clippy::cast_precision_loss, reason = "a handful of legs")]
                    let shift = track as f32 * 0.5 * TRACK_GAP;
                    let mut moved = points.clone();
                    for i in [s, s + 1] {
                        if vertical {
                            moved[i].x += shift;
                        } else {
                            moved[i].y += shift;
                        }
                    }
                    if index.path_clear(&moved[s - 1..=s + 2], own) {
                        *points = moved;
                        taken.push(track);
                        break;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ends_lines_join_the_grid_as_sorting_and_merging_would() {
        // What `with_lines` replaces: the axis copied with both lines,
        // sorted, and lines within 1e-3 merged into the first.
        let sorted = |axis: &[f32], extra: [f32; 2]| {
            let mut v = axis.to_vec();
            v.extend(extra);
            v.sort_by(f32::total_cmp);
            v.dedup_by(|x, y| (*x - *y).abs() < 1e-3);
            v
        };
        let mut seed = 7u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            f32::from(u16::try_from(seed >> 48).unwrap_or(0)) / 64.0
        };
        for _ in 0..2000 {
            let mut axis: Vec<f32> = (0..20).map(|_| (next() * 2.0).round() / 2.0).collect();
            axis.sort_by(f32::total_cmp);
            axis.dedup_by(|a, b| (*a - *b).abs() < 0.5);
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "a small index"
            )]
            let near = axis[next() as usize % axis.len()];
            let extra = [
                near + (next() / 1024.0 - 0.5) * 2e-3,
                (next() * 2.0).round() / 2.0,
            ];
            assert_eq!(
                with_lines(&axis, extra),
                sorted(&axis, extra),
                "{axis:?} {extra:?}"
            );
            let swapped = [extra[1], extra[0]];
            assert_eq!(with_lines(&axis, swapped), sorted(&axis, swapped));
        }
    }

    fn req(from: usize, to: usize) -> Request {
        Request {
            from,
            to,
            label: 0.0,
        }
    }

    fn boxed(x: f32, y: f32) -> R {
        R::centered(p(x, y), 160.0, 60.0)
    }

    fn through_a_box(route: &[P], nodes: &[R], own: [usize; 2]) -> bool {
        route.windows(2).any(|w| {
            nodes.iter().enumerate().any(|(i, r)| {
                !own.contains(&i)
                    && super::super::geometry::clip_range(w[0], w[1], r.expand2(-0.5, -0.5))
                        .is_some()
            })
        })
    }

    #[test]
    fn aligned_boxes_get_a_straight_line_and_offset_ones_an_elbow() {
        let nodes = [boxed(0.0, 0.0), boxed(400.0, 0.0), boxed(400.0, 300.0)];
        let routes = route(&nodes, &[], &[req(0, 1), req(0, 2)]);
        let straight = routes[0].as_ref().expect("routed");
        assert_eq!(straight.len(), 2, "{straight:?}");
        assert!((straight[0].x - 80.0).abs() < 1e-3 && (straight[1].x - 320.0).abs() < 1e-3);
        let elbow = routes[1].as_ref().expect("routed");
        assert!(elbow.len() >= 3, "{elbow:?}");
        for w in elbow.windows(2) {
            assert!(
                (w[0].x - w[1].x).abs() < 1e-3 || (w[0].y - w[1].y).abs() < 1e-3,
                "not orthogonal: {elbow:?}"
            );
        }
    }

    #[test]
    fn a_box_in_the_way_is_gone_around() {
        let nodes = [boxed(0.0, 0.0), boxed(300.0, 0.0), boxed(600.0, 0.0)];
        let routes = route(&nodes, &[], &[req(0, 2)]);
        let r = routes[0].as_ref().expect("routed");
        assert!(!through_a_box(r, &nodes, [0, 2]), "{r:?}");
        assert!((r[0].x - 80.0).abs() < 1e-3 || (r[0].y.abs() - 30.0).abs() < 1e-3);
        let last = r[r.len() - 1];
        assert!(
            nodes[2].expand2(0.01, 0.01).contains(last),
            "ends on the target: {r:?}"
        );
    }

    /// A box dragged into another's margin, or onto it: every route is
    /// still made of horizontal and vertical legs, never a diagonal.
    #[test]
    fn crowded_and_overlapping_boxes_still_get_orthogonal_routes() {
        let orthogonal = |r: &[P]| {
            r.windows(2)
                .all(|w| (w[0].x - w[1].x).abs() < 1e-3 || (w[0].y - w[1].y).abs() < 1e-3)
        };
        for nodes in [
            vec![boxed(0.0, 0.0), boxed(170.0, 40.0), boxed(400.0, 300.0)],
            vec![boxed(0.0, 0.0), boxed(60.0, 30.0), boxed(-300.0, 200.0)],
        ] {
            let routes = route(&nodes, &[], &[req(1, 2), req(2, 1), req(0, 1), req(1, 0)]);
            for r in routes.iter().flatten() {
                assert!(orthogonal(r), "{r:?}");
            }
        }
    }

    #[test]
    fn parallel_arrows_get_their_own_ports() {
        let nodes = [boxed(0.0, 0.0), boxed(0.0, 300.0)];
        let requests = [req(0, 1), req(1, 0), req(0, 1)];
        let routes = route(&nodes, &[], &requests);
        let xs: Vec<f32> = routes
            .iter()
            .map(|r| r.as_ref().expect("routed")[0].x)
            .collect();
        for (i, a) in xs.iter().enumerate() {
            for b in &xs[i + 1..] {
                assert!((a - b).abs() >= PORT_GAP - 1e-3, "{xs:?}");
            }
        }
        for r in routes.iter().flatten() {
            assert_eq!(r.len(), 2, "straight drops: {r:?}");
        }
    }

    #[test]
    fn spread_keeps_wishes_when_they_fit_and_the_gap_when_not() {
        let g = [PORT_GAP; 5];
        assert_eq!(
            spread(&[0.0, 50.0], &g[..2], -100.0, 100.0),
            vec![0.0, 50.0]
        );
        let s = spread(&[0.0, 0.0, 0.0], &g[..3], -100.0, 100.0);
        assert!((s[0] + PORT_GAP).abs() < 1e-3 && s[1].abs() < 1e-3, "{s:?}");
        let tight = spread(&[0.0; 5], &g, 0.0, 20.0);
        assert!(tight.windows(2).all(|w| w[1] > w[0]), "{tight:?}");
        assert!(tight[0] >= 0.0 && tight[4] <= 20.0, "{tight:?}");
        // Wider gaps where labels need them; shrunk alike when they do
        // not fit, still about the wishes.
        let wide = spread(&[0.0, 0.0], &[0.0, 100.0], -500.0, 500.0);
        assert!((wide[1] - wide[0] - 100.0).abs() < 1e-3 && (wide[0] + 50.0).abs() < 1e-3);
        let shrunk = spread(&[10.0, 10.0], &[0.0, 100.0], -40.0, 40.0);
        assert!(shrunk[1] - shrunk[0] > 79.0 && shrunk[0] >= -40.0 && shrunk[1] <= 40.0);
        // Wishes at both ends of the side, gaps that only just fit: still
        // inside it (a five-tier bus once got a port below its bottom).
        let wanted = [385.0, 402.5, 402.5, 490.0, 577.5, 577.5];
        let gaps = [14.0, 43.8, 53.0, 61.0, 61.0, 61.0];
        let fitted = spread(&wanted, &gaps, 385.0, 595.0);
        assert!(
            fitted[0] >= 385.0 - 1e-3 && fitted[5] <= 595.0 + 1e-3,
            "{fitted:?}"
        );
        assert!(fitted.windows(2).all(|w| w[1] > w[0]), "{fitted:?}");
    }
}
