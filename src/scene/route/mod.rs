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

mod grid;
mod obstacles;
mod ports;
mod shapes;
mod tracks;

use std::cell::Cell;

use self::grid::{Grid, MERGE};
use self::obstacles::{Index, Obstacle};
use self::ports::ports;
use self::shapes::{elbow, simple, straighten};
use self::tracks::separate_tracks;
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
pub(super) enum Side {
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
    route_counted(nodes, titles, requests, budget, &[]).0
}

/// [`route_within`] (any budget past [`route`]'s is [`route`]'s), and
/// whether the routes are exactly those of [`route`]: the budget was
/// enough, no search was cut short or refused for it.
///
/// `earlier` holds, per request (or none at all), a route the arrow had
/// in an earlier layout between the same two boxes where they still
/// are: once the budget is spent, an arrow that needs a search keeps
/// that route where it is still clear rather than take a quick shape
/// (a draft after an edit then changes little of what is on screen).
/// Before that they change nothing, so a budget that is enough gives
/// [`route`]'s routes whatever `earlier` holds.
#[must_use]
pub fn route_counted(
    nodes: &[R],
    titles: &[R],
    requests: &[Request],
    budget: usize,
    earlier: &[Option<&[P]>],
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
        .enumerate()
        .map(|(k, (r, (a, b)))| {
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
                    .or_else(|| {
                        let kept = earlier.get(k).copied().flatten()?;
                        (left.get() == 0 && kept.len() >= 2 && index.path_clear(kept, own))
                            .then(|| kept.to_vec())
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
