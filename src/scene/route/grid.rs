//! A* over the sparse grid of obstacle edges, with a cost per bend and
//! an estimate that counts the bends still needed.

use std::cell::Cell;

use pathfinding::directed::astar::astar;

use super::obstacles::{Index, Obstacle};
use super::ports::Port;
use super::shapes::simplify;
use super::{BEND, BUDGET, GREED, MARGIN, OUTSIDE, SCALE};
use crate::scene::geometry::{P, R, p};

/// The sparse grid A* runs on: every obstacle's edges (a margin off each
/// box) on both axes, and the search's own port stubs. The coarse grid
/// merges edges on the same side of boxes that lie within [`MERGE`] of
/// each other into the outermost one (still clear of all of them): rows
/// of boxes of different heights give one line above and one below
/// instead of one per height.
pub(super) struct Grid {
    xs: Vec<f32>,
    ys: Vec<f32>,
}

/// How close edges on the same side of boxes merge in the coarse grid.
pub(super) const MERGE: f32 = 12.0;

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
    pub(super) fn new(obstacles: &[Obstacle], merge: f32) -> Self {
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
    pub(super) fn search(
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
pub(super) fn with_lines(axis: &[f32], extra: [f32; 2]) -> Vec<f32> {
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
}
