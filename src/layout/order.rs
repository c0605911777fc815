//! The order of vertices within each rank, chosen for few crossings:
//! barycenter sweeps down and up the ranks, each followed by a pass of
//! adjacent swaps, keeping the best order seen. A boundary's vertices stay
//! contiguous in every rank, and two boundaries keep the same relative
//! order in every rank they share, so each container can be drawn as one
//! rectangle. Deterministic: ties fall back to the current order.

use super::groups::Groups;
use super::layers::Layers;

/// At most this many sweeps (each down or up).
const MAX_SWEEPS: usize = 24;
/// Stop after this many sweeps without a better order.
const PATIENCE: usize = 4;
/// Rounds of adjacent swaps after each sweep.
const TRANSPOSE_ROUNDS: usize = 4;
/// Work allowed for the whole crossing reduction, per vertex and per
/// neighbour link of the layered graph, and at least: small drawings get
/// every sweep, big ones stop early with the best order found so far.
const WORK_PER_ELEMENT: u64 = 60;
const WORK_FLOOR: u64 = 2_000_000;

/// Which neighbouring rank a sweep orders by.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sweep {
    Down,
    Up,
}

struct Orderer<'a> {
    layers: &'a Layers,
    groups: &'a Groups,
    /// Vertices per rank, in order.
    order: Vec<Vec<usize>>,
    /// Each vertex's index within its rank.
    pos: Vec<usize>,
    /// Direct vertices per rank and group.
    direct: Vec<Vec<Vec<usize>>>,
    /// Child groups present per rank and group.
    present: Vec<Vec<Vec<usize>>>,
    /// Sorting class of each vertex and group (see [`classes`]).
    vertex_class: Vec<usize>,
    group_class: Vec<usize>,
    /// The ranks where each group holds a marked vertex, sorted.
    touch: Vec<Vec<usize>>,
    /// Work done so far (vertices visited, neighbour pairs compared).
    work: u64,
    /// Work allowed.
    budget: u64,
}

/// Orders every rank. `hint` gives each vertex a starting key (its current
/// cross position and a tie-break); vertices marked `last` (and boundaries
/// holding one) end their ranks. The result lists each rank's vertices.
pub(super) fn order(
    layers: &Layers,
    groups: &Groups,
    hint: &[(f32, usize)],
    last: &[bool],
) -> Vec<Vec<usize>> {
    let group_count = groups.nodes.len();
    let mut direct = vec![vec![Vec::new(); group_count]; layers.ranks];
    let mut present = vec![vec![Vec::new(); group_count]; layers.ranks];
    for v in 0..layers.len() {
        direct[layers.rank[v]][layers.group[v]].push(v);
    }
    // The groups with something in a rank: those with vertices of their
    // own there, and every group enclosing one.
    let mut marked = vec![usize::MAX; group_count];
    for (r, groups_here) in present.iter_mut().enumerate() {
        for (h, here) in direct[r].iter().enumerate() {
            if here.is_empty() {
                continue;
            }
            for g in groups.chain(h) {
                if g == groups.root() || marked[g] == r {
                    break;
                }
                marked[g] = r;
                groups_here[groups.parent[g]].push(g);
            }
        }
        for list in groups_here.iter_mut() {
            list.sort_unstable();
        }
    }
    let links: usize = layers.down.iter().map(Vec::len).sum();
    let size = u64::try_from(layers.len() + links).unwrap_or(u64::MAX);
    let (vertex_class, group_class, touch) = classes(layers, groups, last);
    let mut orderer = Orderer {
        layers,
        groups,
        order: vec![Vec::new(); layers.ranks],
        pos: vec![0; layers.len()],
        direct,
        present,
        vertex_class,
        group_class,
        touch,
        work: 0,
        budget: size.saturating_mul(WORK_PER_ELEMENT).max(WORK_FLOOR),
    };
    orderer.initial(hint);
    let mut best = orderer.order.clone();
    let mut best_crossings = orderer.crossings();
    let mut stale = 0;
    for sweep in 0..MAX_SWEEPS {
        if best_crossings == 0.0 || orderer.work >= orderer.budget {
            break;
        }
        let direction = if sweep % 2 == 0 {
            Sweep::Down
        } else {
            Sweep::Up
        };
        orderer.sweep(direction);
        orderer.transpose();
        let crossings = orderer.crossings();
        if crossings < best_crossings {
            best_crossings = crossings;
            best.clone_from(&orderer.order);
            stale = 0;
        } else {
            stale += 1;
            if stale >= PATIENCE {
                break;
            }
        }
    }
    best
}

/// Sorting classes that put marked vertices, and groups holding one, at the
/// end of their ranks: 0 for the unmarked; for the marked, 1 + how many
/// other marked groups span a rank where they hold a marked vertex (those
/// groups go first, so nothing of theirs sits past the marked vertex).
fn classes(
    layers: &Layers,
    groups: &Groups,
    last: &[bool],
) -> (Vec<usize>, Vec<usize>, Vec<Vec<usize>>) {
    let count = groups.nodes.len();
    let mut vertex_class = vec![0; layers.len()];
    let mut group_class = vec![0; count];
    if !last.contains(&true) {
        return (vertex_class, group_class, vec![Vec::new(); count]);
    }
    let spans = groups.spans(&layers.rank[..layers.len().min(groups.owner.len())]);
    let mut touches: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (v, _) in last.iter().enumerate().filter(|&(_, &m)| m) {
        for g in groups.chain(layers.group[v]) {
            touches[g].push(layers.rank[v]);
        }
    }
    let marked: Vec<usize> = (0..count)
        .filter(|&g| g != groups.root() && !touches[g].is_empty())
        .collect();
    let spans_rank = |h: usize, r: usize| spans[h].is_some_and(|(lo, hi)| lo <= r && r <= hi);
    for (v, _) in last.iter().enumerate().filter(|&(_, &m)| m) {
        let r = layers.rank[v];
        vertex_class[v] = 1 + marked
            .iter()
            .filter(|&&h| spans_rank(h, r) && !groups.within(layers.group[v], h))
            .count();
    }
    for &g in &marked {
        group_class[g] = 1 + marked
            .iter()
            .filter(|&&h| h != g && !groups.within(g, h) && !groups.within(h, g))
            .filter(|&&h| touches[g].iter().any(|&r| spans_rank(h, r)))
            .count();
    }
    for t in &mut touches {
        t.sort_unstable();
        t.dedup();
    }
    (vertex_class, group_class, touches)
}

/// Sorts keyed items by class, key, then tie-break.
fn sort_keyed<T>(items: &mut [(usize, f64, usize, T)]) {
    items.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)));
}

#[expect(clippy::cast_precision_loss, reason = "rank sizes are far below 2^52")]
fn as_f64(n: usize) -> f64 {
    n as f64
}

impl Orderer<'_> {
    /// The starting order: by hint, groups keyed by their members' mean.
    fn initial(&mut self, hint: &[(f32, usize)]) {
        let count = self.groups.nodes.len();
        let mut sum = vec![0.0f64; count];
        let mut members = vec![0usize; count];
        for (&(key, _), &group) in hint.iter().zip(&self.layers.group) {
            for g in self.groups.chain(group) {
                sum[g] += f64::from(key);
                members[g] += 1;
            }
        }
        let group_key: Vec<f64> = (0..count)
            .map(|g| sum[g] / as_f64(members[g].max(1)))
            .collect();
        let vertex_key: Vec<f64> = hint.iter().map(|&(k, _)| f64::from(k)).collect();
        // One key per group for every rank: relative group order agrees
        // across ranks from the start.
        for r in 0..self.layers.ranks {
            let mut out = Vec::new();
            self.arrange(
                r,
                self.groups.root(),
                &vertex_key,
                &|g, _| group_key[g],
                &|v| hint[v].1,
                &mut out,
            );
            self.set(r, out);
        }
    }

    fn set(&mut self, r: usize, vertices: Vec<usize>) {
        for (i, &v) in vertices.iter().enumerate() {
            self.pos[v] = i;
        }
        self.order[r] = vertices;
    }

    /// Appends group `g`'s part of rank `r`, sorted by key.
    fn arrange(
        &self,
        r: usize,
        g: usize,
        vertex_key: &[f64],
        group_key: &dyn Fn(usize, usize) -> f64,
        tie: &dyn Fn(usize) -> usize,
        out: &mut Vec<usize>,
    ) {
        #[derive(Clone, Copy)]
        enum Item {
            Vertex(usize),
            Group(usize),
        }
        let mut vertices: Vec<(usize, f64, usize, Item)> = self.direct[r][g]
            .iter()
            .map(|&v| (self.vertex_class[v], vertex_key[v], tie(v), Item::Vertex(v)))
            .collect();
        let mut groups: Vec<(usize, f64, usize, Item)> = self.present[r][g]
            .iter()
            .map(|&c| {
                (
                    self.group_class[c],
                    group_key(c, r),
                    usize::MAX - c,
                    Item::Group(c),
                )
            })
            .collect();
        sort_keyed(&mut vertices);
        // Groups in one order in every rank (by class, then key); from the
        // first that ends a line onto a rail in this rank, they follow the
        // unmarked vertices. Marked vertices come last.
        sort_keyed(&mut groups);
        let split = vertices.partition_point(|v| v.0 == 0);
        let tail_from = groups
            .iter()
            .position(|&(_, _, _, item)| {
                matches!(item, Item::Group(c) if self.touch[c].binary_search(&r).is_ok())
            })
            .unwrap_or(groups.len());
        let (mut plain, mut grouped) = (
            vertices[..split].iter().peekable(),
            groups[..tail_from].iter().peekable(),
        );
        let mut items = Vec::with_capacity(vertices.len() + groups.len());
        while let (Some(a), Some(b)) = (plain.peek(), grouped.peek()) {
            if a.1.total_cmp(&b.1).then(a.2.cmp(&b.2)).is_le() {
                items.extend(plain.next());
            } else {
                items.extend(grouped.next());
            }
        }
        items.extend(plain);
        items.extend(grouped);
        items.extend(&groups[tail_from..]);
        items.extend(&vertices[split..]);
        for &(_, _, _, item) in &items {
            match item {
                Item::Vertex(v) => out.push(v),
                Item::Group(c) => self.arrange(r, c, vertex_key, group_key, tie, out),
            }
        }
    }

    /// Reorders every rank by the barycenters of its neighbours in the
    /// rank just ordered.
    fn sweep(&mut self, direction: Sweep) {
        let ranks: Vec<usize> = match direction {
            Sweep::Down => (1..self.layers.ranks).collect(),
            Sweep::Up => (0..self.layers.ranks.saturating_sub(1)).rev().collect(),
        };
        // Keys are only read for the rank being ordered, so one buffer
        // serves every rank.
        let mut key = vec![0.0f64; self.layers.len()];
        let count = self.groups.nodes.len();
        let (mut there, mut there_n) = (vec![0.0f64; count], vec![0usize; count]);
        let (mut here, mut here_n) = (vec![0.0f64; count], vec![0usize; count]);
        for r in ranks {
            let q = if direction == Sweep::Down {
                r - 1
            } else {
                r + 1
            };
            let scale = as_f64(self.order[q].len()) / as_f64(self.order[r].len().max(1));
            for &v in &self.order[r] {
                let neighbours = if direction == Sweep::Down {
                    &self.layers.up[v]
                } else {
                    &self.layers.down[v]
                };
                self.work += 1 + u64::try_from(neighbours.len()).unwrap_or(0);
                let (sum, weight) = neighbours.iter().fold((0.0, 0.0), |(s, w), &(u, m)| {
                    (s + as_f64(self.pos[u]) * f64::from(m), w + f64::from(m))
                });
                key[v] = if weight > 0.0 {
                    sum / weight
                } else {
                    (as_f64(self.pos[v]) + 0.5) * scale - 0.5
                };
            }
            // A group already in rank q keeps its place there; one that
            // starts here goes by its members' barycenters.
            for &u in self.order[q].iter().chain(&self.order[r]) {
                for g in self.groups.chain(self.layers.group[u]) {
                    there[g] = 0.0;
                    there_n[g] = 0;
                    here[g] = 0.0;
                    here_n[g] = 0;
                }
            }
            for &u in &self.order[q] {
                for g in self.groups.chain(self.layers.group[u]) {
                    there[g] += as_f64(self.pos[u]);
                    there_n[g] += 1;
                }
            }
            for &v in &self.order[r] {
                for g in self.groups.chain(self.layers.group[v]) {
                    here[g] += key[v];
                    here_n[g] += 1;
                }
            }
            let group_key = |g: usize, _: usize| {
                if there_n[g] > 0 {
                    there[g] / as_f64(there_n[g])
                } else {
                    here[g] / as_f64(here_n[g].max(1))
                }
            };
            let pos = &self.pos;
            let mut out = Vec::with_capacity(self.order[r].len());
            self.arrange(
                r,
                self.groups.root(),
                &key,
                &group_key,
                &|v| pos[v],
                &mut out,
            );
            self.set(r, out);
        }
    }

    /// Swaps neighbours of the same group while that removes crossings.
    fn transpose(&mut self) {
        for _ in 0..TRANSPOSE_ROUNDS {
            let mut improved = false;
            for r in 0..self.layers.ranks {
                for i in 1..self.order[r].len() {
                    if self.work >= self.budget {
                        return;
                    }
                    let (u, v) = (self.order[r][i - 1], self.order[r][i]);
                    if self.layers.group[u] != self.layers.group[v]
                        || self.vertex_class[u] != self.vertex_class[v]
                    {
                        continue;
                    }
                    let degree = |x: usize| {
                        u64::try_from(self.layers.up[x].len() + self.layers.down[x].len())
                            .unwrap_or(u64::MAX)
                    };
                    self.work = self
                        .work
                        .saturating_add(1 + 2 * degree(u).saturating_mul(degree(v)));
                    if self.pair_crossings(v, u) < self.pair_crossings(u, v) {
                        self.order[r].swap(i - 1, i);
                        self.pos[u] = i;
                        self.pos[v] = i - 1;
                        improved = true;
                    }
                }
            }
            if !improved {
                break;
            }
        }
    }

    /// Crossings between the edges of `u` and `v` if `u` comes first.
    fn pair_crossings(&self, u: usize, v: usize) -> f64 {
        let side = |a: &[(usize, f32)], b: &[(usize, f32)]| {
            let mut c = 0.0;
            for &(x, wx) in a {
                for &(y, wy) in b {
                    if self.pos[x] > self.pos[y] {
                        c += f64::from(wx) * f64::from(wy);
                    }
                }
            }
            c
        };
        side(&self.layers.up[u], &self.layers.up[v])
            + side(&self.layers.down[u], &self.layers.down[v])
    }

    /// Weighted edge crossings between all neighbouring ranks (a Fenwick
    /// tree over the lower rank's positions).
    fn crossings(&self) -> f64 {
        let mut total = 0.0;
        for r in 0..self.layers.ranks.saturating_sub(1) {
            let mut edges: Vec<(usize, usize, f32)> = Vec::new();
            for &u in &self.order[r] {
                for &(v, w) in &self.layers.down[u] {
                    edges.push((self.pos[u], self.pos[v], w));
                }
            }
            edges.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
            let size = self.order[r + 1].len();
            let mut tree = vec![0.0f64; size + 1];
            let mut inserted = 0.0;
            for (_, p, w) in edges {
                // Weight already inserted at positions <= p.
                let mut at_most = 0.0;
                let mut i = p + 1;
                while i > 0 {
                    at_most += tree[i];
                    i &= i - 1;
                }
                total += f64::from(w) * (inserted - at_most);
                let mut i = p + 1;
                while i <= size {
                    tree[i] += f64::from(w);
                    i += i & i.wrapping_neg();
                }
                inserted += f64::from(w);
            }
        }
        total
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Link;
    use crate::model::{Diagram, EdgeKind, Node, NodeKind, Point};

    fn setup(n: usize, edges: &[(usize, usize)], rank: &[usize]) -> (Layers, Groups) {
        let d = Diagram {
            nodes: (0..n)
                .map(|i| Node::new(&format!("n{i}"), "", NodeKind::Other, Point::default()))
                .collect(),
            ..Diagram::default()
        };
        let groups = Groups::new(&d);
        let links: Vec<Link> = edges
            .iter()
            .map(|&(from, to)| Link {
                from,
                to,
                kind: EdgeKind::Sync,
            })
            .collect();
        let layers = Layers::new(rank, &vec![60.0; n], &links, &groups, usize::MAX);
        (layers, groups)
    }

    #[test]
    fn a_crossed_pair_is_uncrossed() {
        // 0 → 3, 1 → 2 with 2 hinted above 3: one crossing until reordered.
        let (layers, groups) = setup(4, &[(0, 3), (1, 2)], &[0, 0, 1, 1]);
        let hint = [(0.0, 0), (1.0, 0), (0.0, 0), (1.0, 0)];
        let order = order(&layers, &groups, &hint, &[false; 4]);
        assert_eq!(order[0], vec![0, 1]);
        assert_eq!(order[1], vec![3, 2]);
    }

    #[test]
    fn crossings_are_counted_with_multiplicity() {
        let (layers, groups) = setup(4, &[(0, 3), (0, 3), (1, 2)], &[0, 0, 1, 1]);
        let mut orderer = Orderer {
            layers: &layers,
            groups: &groups,
            order: vec![vec![0, 1], vec![2, 3]],
            pos: vec![0, 1, 0, 1],
            direct: Vec::new(),
            present: Vec::new(),
            vertex_class: vec![0; 4],
            group_class: vec![0; 1],
            touch: vec![Vec::new(); 1],
            work: 0,
            budget: WORK_FLOOR,
        };
        assert!((orderer.crossings() - 2.0).abs() < 1e-9);
        orderer.order[1] = vec![3, 2];
        orderer.pos = vec![0, 1, 1, 0];
        assert!(orderer.crossings().abs() < 1e-9);
    }
}
