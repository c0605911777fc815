//! The numeric core of the cross-axis placement, for one frame (the root,
//! or one boundary's inside): items in rank orders, separation constraints
//! between neighbours, and pulls (edges want their ends level; a long
//! edge's dummies want to be on the straight line between its ends, and
//! the ends turn that line towards its dummies).
//!
//! Rank by rank, alternately downwards and upwards, a rank's items are set
//! to the weighted least-squares positions for their pulls that keep the
//! rank's order and gaps: pool-adjacent-violators, exact for a chain of
//! separation constraints. Heavy items (dummies holding a line) stay; light
//! ones make room. A block (a nested boundary, spanning several ranks) has
//! one position, set by each of its ranks in turn. Items outside every rank
//! (the fixed far ends of edges leaving the frame) never move. After each
//! round a push down and up, averaged, restores every constraint (they are
//! convex, so the mean of two feasible placements is feasible): no two
//! items ever overlap.

/// The frame's items and how they must be spaced.
pub(super) struct Frame {
    /// Low and high edge of each item relative to its position.
    pub(super) bounds: Vec<(f32, f32)>,
    /// `x[to] >= x[from] + gap`, as `out[from] = [(to, gap)]`.
    pub(super) out: Vec<Vec<(usize, f32)>>,
    /// Items in an order where every constraint runs forwards.
    pub(super) topo: Vec<usize>,
    /// Each rank's items, in order (a block appears in every rank it spans).
    pub(super) ranks: Vec<Vec<usize>>,
    /// The least distance between each pair of neighbours in `ranks`
    /// (one fewer than the rank's items).
    pub(super) gaps: Vec<Vec<f32>>,
}

/// A long edge's dummy and the ends of its straight line.
pub(super) struct Line {
    /// The dummy's item, and the dummy's offset within it.
    pub(super) dummy: (usize, f32),
    /// The ends' items, and their vertices' offsets within those items.
    pub(super) ends: [(usize, f32); 2],
    /// Where the dummy sits between the ends (0 at the first).
    pub(super) t: f32,
}

/// What pulls the items.
pub(super) struct Pulls {
    /// Per item: (other item, offset, weight): the item wants to sit at
    /// `x[other] + offset`.
    pub(super) of: Vec<Vec<(usize, f32, f32)>>,
    /// The straight lines of long edges.
    pub(super) lines: Vec<Line>,
}

/// Rounds of sweeps (each down or up the ranks), from scratch and when
/// starting from an earlier placement.
const ROUNDS: usize = 40;
const WARM_ROUNDS: usize = 12;
/// Item updates allowed per solve: a big frame gets fewer rounds (at least
/// [`MIN_ROUNDS`]), so the placement stays linear in the drawing.
const WORK: usize = 500_000;
const MIN_ROUNDS: usize = 4;
/// Stop once no item moves further than this in a round.
const SETTLED: f32 = 0.5;
/// Weight of a dummy's wish to be on its line, per unit of its other pulls.
const LINE_WEIGHT: f32 = 6.0;
/// How strongly each dummy turns its line's ends.
const LINE_PULL: f32 = 30.0;
/// Positions beyond this mean the iteration diverged.
const RUNAWAY: f32 = 1e7;
/// Weight of an item with no pull: it stays unless pushed.
const IDLE: f32 = 1e-3;

/// Positions for every item of `frame`, balancing `pulls`, starting from
/// `start` (an earlier placement if `warm`, which needs fewer rounds).
pub(super) fn solve(frame: &Frame, pulls: &Pulls, start: &[f32], warm: bool) -> Vec<f32> {
    let n = frame.bounds.len();
    let mut as_dummy: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut as_end: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    for (l, line) in pulls.lines.iter().enumerate() {
        as_dummy[line.dummy.0].push(l);
        for (k, &(item, _)) in line.ends.iter().enumerate() {
            as_end[item].push((l, k));
        }
    }
    let target = |x: &[f32], i: usize| -> (f32, f32) {
        let (mut sum, mut total) = (0.0f32, 0.0f32);
        for &(j, offset, w) in &pulls.of[i] {
            sum += w * (x[j] + offset);
            total += w;
        }
        let base = total.max(1.0);
        for &l in &as_dummy[i] {
            let line = &pulls.lines[l];
            let w = LINE_WEIGHT * base;
            sum += w * (on_line(x, line) - line.dummy.1);
            total += w;
        }
        for &(l, k) in &as_end[i] {
            let line = &pulls.lines[l];
            let off = x[line.dummy.0] + line.dummy.1 - on_line(x, line);
            let share = if k == 0 { 1.0 - line.t } else { line.t };
            sum += LINE_PULL * (x[i] + off * share);
            total += LINE_PULL;
        }
        if total > 0.0 {
            (sum / total, total)
        } else {
            (x[i], IDLE)
        }
    };
    let mut x = balanced(frame, start);
    let rounds = if warm { WARM_ROUNDS } else { ROUNDS }.min((WORK / n.max(1)).max(MIN_ROUNDS));
    for round in 0..rounds {
        let before = x.clone();
        let ranks: Vec<usize> = if round % 2 == 0 {
            (0..frame.ranks.len()).collect()
        } else {
            (0..frame.ranks.len()).rev().collect()
        };
        for r in ranks {
            let (seq, seps) = (&frame.ranks[r], &frame.gaps[r]);
            if seq.is_empty() {
                continue;
            }
            let wanted: Vec<(f32, f32)> = seq.iter().map(|&i| target(&x, i)).collect();
            for (&i, p) in seq.iter().zip(pav(&wanted, seps, None, None)) {
                x[i] = p;
            }
        }
        x = balanced(frame, &x);
        // A round that runs away (it should not) is undone: the last
        // placement was feasible.
        if x.iter().any(|v| !v.is_finite() || v.abs() > RUNAWAY) {
            return before;
        }
        let moved = x
            .iter()
            .zip(&before)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0f32, f32::max);
        if moved < SETTLED {
            break;
        }
    }
    x
}

/// Where a line's dummy would sit on the straight line between its ends.
fn on_line(x: &[f32], line: &Line) -> f32 {
    let [(a, oa), (b, ob)] = line.ends;
    let (ca, cb) = (x[a] + oa, x[b] + ob);
    ca + (cb - ca) * line.t
}

/// Weighted least-squares positions for a run of items in order, each
/// `(target, weight)`, consecutive ones at least `gaps` apart, the first
/// no lower than `low` and the last no higher than `high` (when given).
/// Pool-adjacent-violators on positions less their cumulative gaps, then
/// clamped: exact for these constraints.
fn pav(wanted: &[(f32, f32)], gaps: &[f32], low: Option<f32>, high: Option<f32>) -> Vec<f32> {
    let mut offset = Vec::with_capacity(wanted.len());
    let mut acc = 0.0;
    offset.push(0.0);
    for g in gaps {
        acc += g;
        offset.push(acc);
    }
    // Pools: (weight, weighted sum, count).
    let mut pools: Vec<(f32, f32, usize)> = Vec::new();
    for (&(t, w), s) in wanted.iter().zip(&offset) {
        pools.push((w, w * (t - s), 1));
        while pools.len() > 1 {
            let (w2, s2, c2) = pools[pools.len() - 1];
            let (w1, s1, c1) = pools[pools.len() - 2];
            if s1 / w1 <= s2 / w2 {
                break;
            }
            pools.pop();
            pools.pop();
            pools.push((w1 + w2, s1 + s2, c1 + c2));
        }
    }
    let span = offset.last().copied().unwrap_or(0.0);
    let mut out = Vec::with_capacity(wanted.len());
    for (w, s, count) in pools {
        let mut y = s / w;
        if let Some(h) = high {
            y = y.min(h - span);
        }
        if let Some(l) = low {
            y = y.max(l);
        }
        for _ in 0..count {
            out.push(y + offset[out.len()]);
        }
    }
    out
}

/// The feasible positions nearest `target` from both sides, averaged: push
/// every item down past its predecessors, separately up past its
/// successors, and take the mean. Feasible input comes back unchanged.
pub(super) fn balanced(frame: &Frame, target: &[f32]) -> Vec<f32> {
    let mut down = target.to_vec();
    for &i in &frame.topo {
        for &(j, gap) in &frame.out[i] {
            down[j] = down[j].max(down[i] + gap);
        }
    }
    let mut up = target.to_vec();
    for &i in frame.topo.iter().rev() {
        for &(j, gap) in &frame.out[i] {
            up[i] = up[i].min(up[j] - gap);
        }
    }
    down.iter().zip(&up).map(|(a, b)| (a + b) * 0.5).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: usize, gap: f32) -> Frame {
        Frame {
            bounds: vec![(-10.0, 10.0); n],
            out: (0..n)
                .map(|i| {
                    if i + 1 < n {
                        vec![(i + 1, gap)]
                    } else {
                        Vec::new()
                    }
                })
                .collect(),
            topo: (0..n).collect(),
            ranks: vec![(0..n).collect()],
            gaps: vec![vec![gap; n.saturating_sub(1)]],
        }
    }

    #[test]
    fn balancing_centres_a_crowd_on_its_target_and_keeps_gaps() {
        let frame = chain(3, 30.0);
        let x = balanced(&frame, &[100.0, 100.0, 100.0]);
        assert_eq!(x, vec![70.0, 100.0, 130.0]);
        let x = balanced(&frame, &[0.0, 500.0, 90.0]);
        assert!(x[1] - x[0] >= 30.0 && x[2] - x[1] >= 30.0, "{x:?}");
        let feasible = [0.0, 40.0, 100.0];
        assert_eq!(balanced(&frame, &feasible), feasible.to_vec());
    }

    #[test]
    fn pooling_lets_heavy_items_stay_and_light_ones_move() {
        // Both want 0; the heavy one nearly gets it.
        let x = pav(&[(0.0, 100.0), (0.0, 1.0)], &[30.0], None, None);
        assert!((x[1] - x[0] - 30.0).abs() < 1e-4);
        assert!(x[0].abs() < 0.5, "{x:?}");
        // Already apart: untouched; bounds clamp the whole run.
        assert_eq!(
            pav(&[(0.0, 1.0), (50.0, 1.0)], &[30.0], None, None),
            vec![0.0, 50.0]
        );
        assert_eq!(
            pav(&[(0.0, 1.0), (50.0, 1.0)], &[30.0], Some(10.0), Some(40.0)),
            vec![10.0, 40.0]
        );
    }

    #[test]
    fn a_dummy_pulls_its_line_straight() {
        // Items: 0 and 2 are a long edge's ends (ranks 0 and 2), 1 its
        // dummy (rank 1) with a box (3) below it that wants the same spot.
        let frame = Frame {
            bounds: vec![(-10.0, 10.0); 4],
            out: vec![Vec::new(), vec![(3, 50.0)], Vec::new(), Vec::new()],
            topo: vec![0, 1, 2, 3],
            ranks: vec![vec![0], vec![1, 3], vec![2]],
            gaps: vec![Vec::new(), vec![50.0], Vec::new()],
        };
        let pulls = Pulls {
            of: vec![
                vec![(1, 0.0, 2.0)],
                vec![(0, 0.0, 2.0), (2, 0.0, 2.0)],
                vec![(1, 0.0, 2.0)],
                vec![(0, 0.0, 1.0)],
            ],
            lines: vec![Line {
                dummy: (1, 0.0),
                ends: [(0, 0.0), (2, 0.0)],
                t: 0.5,
            }],
        };
        let x = solve(&frame, &pulls, &[0.0; 4], false);
        let line = (x[0] + x[2]) * 0.5;
        assert!((x[1] - line).abs() < 2.0, "{x:?}");
        assert!(x[3] - x[1] >= 50.0 - 1e-3, "{x:?}");
    }
}
