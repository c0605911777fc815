//! A simple layered layout for imported diagrams, which come without
//! positions: longest-path ranks along the reading direction (cycles broken
//! by dropping DFS back edges; events into a node that is also called are
//! left out of the ranking), then, rank by rank, each node placed as
//! close as possible to the mean of its already-placed predecessors.
//! Boundaries are laid out inside-out as solid blocks, so a boundary's
//! container never overlaps a node outside it.

use std::collections::BTreeMap;

use crate::model::{Diagram, EdgeKind, Point};

/// The reading direction of a flowchart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Direction {
    /// Left to right (`LR`, `>`).
    #[default]
    LeftRight,
    /// Right to left (`RL`, `<`).
    RightLeft,
    /// Top to bottom (`TB`, `TD`, `v`).
    TopBottom,
    /// Bottom to top (`BT`, `^`).
    BottomTop,
}

impl Direction {
    /// Parses a Mermaid direction keyword; `None` if unknown.
    #[must_use]
    pub fn from_mermaid(text: &str) -> Option<Self> {
        match text.trim() {
            "LR" | ">" => Some(Self::LeftRight),
            "RL" | "<" => Some(Self::RightLeft),
            "TB" | "TD" | "v" => Some(Self::TopBottom),
            "BT" | "^" => Some(Self::BottomTop),
            _ => None,
        }
    }

    const fn horizontal(self) -> bool {
        matches!(self, Self::LeftRight | Self::RightLeft)
    }
}

/// Centre-to-centre distance between ranks, before boundary padding.
const RANK_GAP_HORIZONTAL: f32 = 230.0;
const RANK_GAP_VERTICAL: f32 = 120.0;
/// Overlaps smaller than this are float rounding, not overlaps.
const SLACK: f32 = 0.01;
/// Free space between neighbours within a rank.
const CROSS_GAP_HORIZONTAL: f32 = 40.0;
const CROSS_GAP_VERTICAL: f32 = 70.0;
/// Room a boundary container needs around its members, and for its title.
const BOUNDARY_PAD: f32 = 30.0;
const BOUNDARY_TITLE: f32 = 18.0;

/// One thing packed inside a group: a node or a whole nested boundary.
#[derive(Clone, Debug)]
struct Block {
    rank_min: usize,
    rank_max: usize,
    /// Size along the cross axis (perpendicular to the reading direction).
    extent: f32,
    /// Members with their cross-axis centres, relative to the block start.
    members: Vec<(usize, f32)>,
    /// Document order of the first member, for stable ordering.
    first: usize,
    /// Document order of the first edge into a member: siblings keep the
    /// order their edges were written in.
    order: usize,
}

/// Occupied cross-axis intervals per rank, kept sorted by start.
#[derive(Default)]
struct Occupancy {
    ranks: BTreeMap<usize, Vec<(f32, f32)>>,
}

impl Occupancy {
    fn fits(&self, block: &Block, start: f32) -> Option<f32> {
        // Returns None if free, else the end of an overlapping interval.
        // Touching is not overlapping; the slack absorbs float rounding.
        let (start, end) = (start + SLACK, start + block.extent - SLACK);
        for rank in block.rank_min..=block.rank_max {
            let Some(list) = self.ranks.get(&rank) else {
                continue;
            };
            let i = list.partition_point(|(s, _)| *s < end);
            if let Some(&(s, e)) = i.checked_sub(1).and_then(|j| list.get(j))
                && e > start
                && s < end
            {
                return Some(e);
            }
        }
        None
    }

    fn fits_before(&self, block: &Block, start: f32) -> Option<f32> {
        // Returns None if free, else the start of an overlapping interval.
        let (start, end) = (start + SLACK, start + block.extent - SLACK);
        for rank in block.rank_min..=block.rank_max {
            let Some(list) = self.ranks.get(&rank) else {
                continue;
            };
            let i = list.partition_point(|(s, _)| *s < end);
            if let Some(&(s, e)) = i.checked_sub(1).and_then(|j| list.get(j))
                && e > start
            {
                return Some(s);
            }
        }
        None
    }

    fn insert(&mut self, block: &Block, start: f32) {
        for rank in block.rank_min..=block.rank_max {
            let list = self.ranks.entry(rank).or_default();
            let i = list.partition_point(|(s, _)| *s < start);
            list.insert(i, (start, start + block.extent));
        }
    }

    /// The end of the last interval in the block's ranks (where to append).
    fn end(&self, block: &Block) -> Option<f32> {
        (block.rank_min..=block.rank_max)
            .filter_map(|r| {
                self.ranks
                    .get(&r)
                    .and_then(|l| l.iter().map(|(_, e)| *e).reduce(f32::max))
            })
            .reduce(f32::max)
    }

    /// Intervals in the block's ranks: a bound on the steps of a search.
    fn count(&self, block: &Block) -> usize {
        (block.rank_min..=block.rank_max)
            .filter_map(|r| self.ranks.get(&r).map(Vec::len))
            .sum()
    }

    /// The first free start at or after `wanted`.
    fn next_free(&self, block: &Block, wanted: f32) -> f32 {
        let mut forward = wanted;
        // Each step passes at least one interval.
        for _ in 0..=self.count(block) {
            match self.fits(block, forward) {
                Some(end) => forward = end,
                None => return forward,
            }
        }
        self.end(block).unwrap_or(wanted).max(wanted)
    }

    /// The free start nearest to `wanted`, preferring later positions on ties.
    fn nearest_free(&self, block: &Block, wanted: f32) -> f32 {
        let forward = self.next_free(block, wanted);
        let mut backward = wanted;
        for _ in 0..=self.count(block) {
            match self.fits_before(block, backward) {
                Some(start) => backward = start - block.extent,
                None => break,
            }
        }
        if self.fits_before(block, backward).is_some() {
            return forward;
        }
        if forward - wanted <= wanted - backward {
            forward
        } else {
            backward
        }
    }
}

struct Layout<'a> {
    diagram: &'a Diagram,
    direction: Direction,
    rank: Vec<usize>,
    /// Predecessors along kept (forward) edges.
    preds: Vec<Vec<usize>>,
    /// Index of the first edge into each node (`usize::MAX` for none).
    first_in: Vec<usize>,
}

/// Positions every node of `diagram` in layers along `direction`. Sizes
/// come from the node kinds; boundaries are respected.
pub fn layered(diagram: &mut Diagram, direction: Direction) {
    let n = diagram.nodes.len();
    if n == 0 {
        return;
    }
    let index: BTreeMap<&str, usize> = diagram
        .nodes
        .iter()
        .enumerate()
        .map(|(i, node)| (node.id.as_str(), i))
        .collect();
    let ends: Vec<Option<(usize, usize, bool)>> = diagram
        .edges
        .iter()
        .map(|edge| {
            let (&a, &b) = (index.get(edge.from.as_str())?, index.get(edge.to.as_str())?);
            let weak = matches!(edge.kind, EdgeKind::Async | EdgeKind::Compensation);
            (a != b).then_some((a, b, weak))
        })
        .collect();
    // A node reached by a call or a data access is ranked by those; events
    // into it (a service consuming from the bus it published to) would
    // otherwise push it far down the line.
    let mut strong_in = vec![false; n];
    for &(_, b, weak) in ends.iter().flatten() {
        strong_in[b] |= !weak;
    }
    let mut succs = vec![Vec::new(); n];
    let mut first_in = vec![usize::MAX; n];
    for (i, &(a, b, weak)) in ends
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.as_ref().map(|e| (i, e)))
    {
        first_in[b] = first_in[b].min(i);
        if !(weak && strong_in[b]) {
            succs[a].push(b);
        }
    }
    let forward = drop_back_edges(&succs);
    let rank = longest_path_ranks(&forward);
    let mut preds = vec![Vec::new(); n];
    for (a, targets) in forward.iter().enumerate() {
        for &b in targets {
            preds[b].push(a);
        }
    }
    let (cross, rank_pos) = {
        let mut layout = Layout {
            diagram,
            direction,
            rank,
            preds,
            first_in,
        };
        let groups = Groups::new(layout.diagram);
        let root = layout.group_block(&groups, None, 0);
        let mut cross = vec![0.0; n];
        for (node, c) in root.members {
            cross[node] = c;
        }
        let rank_pos = layout.rank_positions(&groups);
        (
            cross,
            layout
                .rank
                .iter()
                .map(|r| rank_pos[*r])
                .collect::<Vec<f32>>(),
        )
    };
    for (i, node) in diagram.nodes.iter_mut().enumerate() {
        let (along, across) = (rank_pos[i], cross[i]);
        node.pos = match direction {
            Direction::LeftRight => Point::new(along, across),
            Direction::RightLeft => Point::new(-along, across),
            Direction::TopBottom => Point::new(across, along),
            Direction::BottomTop => Point::new(across, -along),
        };
    }
}

/// Keeps the edges of a DFS forest that are not back edges, so the rest is
/// acyclic. Iterative: no recursion depth limit on long chains.
fn drop_back_edges(succs: &[Vec<usize>]) -> Vec<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let n = succs.len();
    let mut mark = vec![Mark::New; n];
    let mut kept = vec![Vec::new(); n];
    for start in 0..n {
        if mark[start] != Mark::New {
            continue;
        }
        let mut stack = vec![(start, 0usize)];
        mark[start] = Mark::Open;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&target) = succs[node].get(*next) {
                *next += 1;
                match mark[target] {
                    Mark::Open => {}
                    Mark::Done => kept[node].push(target),
                    Mark::New => {
                        kept[node].push(target);
                        mark[target] = Mark::Open;
                        stack.push((target, 0));
                    }
                }
            } else {
                mark[node] = Mark::Done;
                stack.pop();
            }
        }
    }
    kept
}

/// Longest-path layering of a DAG (Kahn's order).
fn longest_path_ranks(succs: &[Vec<usize>]) -> Vec<usize> {
    let n = succs.len();
    let mut indegree = vec![0usize; n];
    for targets in succs {
        for &t in targets {
            indegree[t] += 1;
        }
    }
    let mut queue: std::collections::VecDeque<usize> =
        (0..n).filter(|&i| indegree[i] == 0).collect();
    let mut rank = vec![0usize; n];
    while let Some(node) = queue.pop_front() {
        for &t in &succs[node] {
            rank[t] = rank[t].max(rank[node] + 1);
            indegree[t] -= 1;
            if indegree[t] == 0 {
                queue.push_back(t);
            }
        }
    }
    rank
}

/// The boundary tree: which nodes and boundaries each group holds directly.
struct Groups {
    /// Direct member nodes per boundary; index `len` is the root.
    nodes: Vec<Vec<usize>>,
    /// Child boundaries per boundary; index `len` is the root.
    children: Vec<Vec<usize>>,
    /// Nesting depth per boundary (0 for top-level ones).
    depth: Vec<usize>,
}

impl Groups {
    fn new(diagram: &Diagram) -> Self {
        let count = diagram.boundaries.len();
        let root = count;
        let node_index: BTreeMap<&str, usize> = diagram
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        let boundary_index: BTreeMap<&str, usize> = diagram
            .boundaries
            .iter()
            .enumerate()
            .map(|(i, b)| (b.id.as_str(), i))
            .collect();
        let mut nodes = vec![Vec::new(); count + 1];
        let mut owner = vec![root; diagram.nodes.len()];
        for (b, boundary) in diagram.boundaries.iter().enumerate() {
            for member in &boundary.nodes {
                if let Some(&i) = node_index.get(member.as_str())
                    && owner[i] == root
                {
                    owner[i] = b;
                }
            }
        }
        for (i, &o) in owner.iter().enumerate() {
            nodes[o].push(i);
        }
        let parent: Vec<usize> = diagram
            .boundaries
            .iter()
            .map(|b| {
                b.parent
                    .as_ref()
                    .and_then(|p| boundary_index.get(p.as_str()).copied())
                    .unwrap_or(root)
            })
            .collect();
        // Depth by walking up; a walk longer than `count` is a cycle, which
        // is cut by hanging the boundary off the root.
        let mut depth = vec![0; count];
        let mut children = vec![Vec::new(); count + 1];
        for b in 0..count {
            let mut d = 0;
            let mut current = parent[b];
            while current != root && d <= count {
                d += 1;
                current = parent[current];
            }
            if d > count {
                children[root].push(b);
            } else {
                depth[b] = d;
                children[parent[b]].push(b);
            }
        }
        Self {
            nodes,
            children,
            depth,
        }
    }
}

impl Groups {
    /// Every node inside boundary `b`, nested boundaries included.
    fn members(&self, b: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack = vec![b];
        let mut steps = 0;
        while let Some(g) = stack.pop() {
            steps += 1;
            if steps > self.children.len() {
                break; // a parent cycle
            }
            out.extend(&self.nodes[g]);
            stack.extend(&self.children[g]);
        }
        out
    }
}

impl Layout<'_> {
    fn cross_size(&self, node: usize) -> f32 {
        let size = self.diagram.nodes[node].size();
        if self.direction.horizontal() {
            size.h + CROSS_GAP_HORIZONTAL
        } else {
            size.w + CROSS_GAP_VERTICAL
        }
    }

    /// Lays out a group (a boundary, or the root for `None`) as a block.
    fn group_block(&mut self, groups: &Groups, boundary: Option<usize>, depth: usize) -> Block {
        let index = boundary.unwrap_or(groups.children.len() - 1);
        let mut items: Vec<Block> = groups.nodes[index]
            .iter()
            .map(|&node| Block {
                rank_min: self.rank[node],
                rank_max: self.rank[node],
                extent: self.cross_size(node),
                members: vec![(node, self.cross_size(node) * 0.5)],
                first: node,
                order: self.first_in[node],
            })
            .collect();
        if depth <= groups.depth.len() {
            for &child in &groups.children[index] {
                let block = self.group_block(groups, Some(child), depth + 1);
                if !block.members.is_empty() {
                    items.push(block);
                }
            }
        }
        let mut members = Self::pack(&mut items, &self.preds);
        let low = members
            .iter()
            .map(|&(node, c)| c - self.cross_size(node) * 0.5)
            .reduce(f32::min)
            .unwrap_or(0.0);
        let high = members
            .iter()
            .map(|&(node, c)| c + self.cross_size(node) * 0.5)
            .reduce(f32::max)
            .unwrap_or(0.0);
        let (lead, trail) = match boundary {
            None => (0.0, 0.0),
            // The title sits on the top edge, which is the cross axis'
            // start only when ranks run horizontally.
            Some(_) if self.direction.horizontal() => (BOUNDARY_PAD + BOUNDARY_TITLE, BOUNDARY_PAD),
            Some(_) => (BOUNDARY_PAD, BOUNDARY_PAD),
        };
        for (_, c) in &mut members {
            *c += lead - low;
        }
        Block {
            rank_min: members
                .iter()
                .map(|(n, _)| self.rank[*n])
                .min()
                .unwrap_or(0),
            rank_max: members
                .iter()
                .map(|(n, _)| self.rank[*n])
                .max()
                .unwrap_or(0),
            extent: high - low + lead + trail,
            first: members.iter().map(|(n, _)| *n).min().unwrap_or(0),
            order: members
                .iter()
                .map(|(n, _)| self.first_in[*n])
                .min()
                .unwrap_or(usize::MAX),
            members,
        }
    }

    /// Packs items along the cross axis, rank by rank; returns every
    /// member's cross position in this frame.
    fn pack(items: &mut [Block], preds: &[Vec<usize>]) -> Vec<(usize, f32)> {
        items.sort_by_key(|b| (b.rank_min, b.order, b.first));

        let mut occupancy = Occupancy::default();
        // Cross positions in this group's frame.
        let mut placed = BTreeMap::new();
        let mut members = Vec::new();
        let place = |item: &Block,
                     start: f32,
                     occupancy: &mut Occupancy,
                     placed: &mut BTreeMap<usize, f32>,
                     members: &mut Vec<(usize, f32)>| {
            occupancy.insert(item, start);
            for &(node, rel) in &item.members {
                placed.insert(node, start + rel);
                members.push((node, start + rel));
            }
        };
        let mut i = 0;
        while i < items.len() {
            let rank = items[i].rank_min;
            let end = items[i..]
                .iter()
                .position(|b| b.rank_min != rank)
                .map_or(items.len(), |k| i + k);
            // Predecessors sit in earlier ranks, so every wanted centre of
            // this rank is known before any of its items is placed.
            let mut wanted: Vec<(Option<f32>, usize)> = (i..end)
                .map(|k| (wanted_centre(&items[k], preds, &placed), k))
                .collect();
            wanted.sort_by(|a, b| match (a.0, b.0) {
                (Some(x), Some(y)) => x.total_cmp(&y).then(a.1.cmp(&b.1)),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => a.1.cmp(&b.1),
            });
            // Runs of siblings sharing a wanted centre are laid side by side,
            // centred on it, in the order their edges were written.
            let mut j = 0;
            while j < wanted.len() {
                let centre = wanted[j].0;
                let same = |w: &(Option<f32>, usize)| match (w.0, centre) {
                    (Some(a), Some(b)) => (a - b).abs() < 0.5,
                    (None, None) => true,
                    _ => false,
                };
                let run_end = wanted[j..]
                    .iter()
                    .position(|w| !same(w))
                    .map_or(wanted.len(), |k| j + k);
                let total: f32 = wanted[j..run_end]
                    .iter()
                    .map(|(_, k)| items[*k].extent)
                    .sum();
                let mut cursor = centre.map(|c| c - total * 0.5);
                for (n, &(_, k)) in wanted[j..run_end].iter().enumerate() {
                    let item = &items[k];
                    let start = match cursor {
                        Some(at) if n == 0 => occupancy.nearest_free(item, at),
                        Some(at) => occupancy.next_free(item, at),
                        None => occupancy.end(item).unwrap_or(0.0),
                    };
                    place(item, start, &mut occupancy, &mut placed, &mut members);
                    cursor = cursor.map(|_| start + item.extent);
                }
                j = run_end;
            }
            i = end;
        }
        members
    }

    /// Position of every rank along the reading direction, leaving room
    /// where boundaries open and close.
    fn rank_positions(&self, groups: &Groups) -> Vec<f32> {
        let ranks = self.rank.iter().copied().max().unwrap_or(0) + 1;
        let mut opens = vec![0usize; ranks];
        let mut closes = vec![0usize; ranks];
        for b in 0..groups.depth.len() {
            let members = groups.members(b);
            let Some(min) = members.iter().map(|&n| self.rank[n]).min() else {
                continue;
            };
            let max = members.iter().map(|&n| self.rank[n]).max().unwrap_or(min);
            opens[min] += 1;
            closes[max] += 1;
        }
        let horizontal = self.direction.horizontal();
        let gap = if horizontal {
            RANK_GAP_HORIZONTAL
        } else {
            RANK_GAP_VERTICAL
        };
        // Half the largest node of each rank, so wide nodes get room.
        let mut half = vec![0.0f32; ranks];
        for (i, node) in self.diagram.nodes.iter().enumerate() {
            let size = node.size();
            let extent = if horizontal { size.w } else { size.h } * 0.5;
            half[self.rank[i]] = half[self.rank[i]].max(extent);
        }
        let title = if self.direction.horizontal() {
            0.0
        } else {
            BOUNDARY_TITLE
        };
        let mut pos = vec![0.0; ranks];
        for r in 1..ranks {
            #[expect(clippy::cast_precision_loss, reason = "nesting counts are tiny")]
            let padding =
                closes[r - 1] as f32 * BOUNDARY_PAD + opens[r] as f32 * (BOUNDARY_PAD + title);
            let base = gap.max(half[r - 1] + half[r] + 60.0);
            pos[r] = pos[r - 1] + base + padding;
        }
        pos
    }
}

/// Where a block would like its centre: the mean cross position of the
/// predecessors of its members already placed in this frame.
fn wanted_centre(
    block: &Block,
    preds: &[Vec<usize>],
    placed: &BTreeMap<usize, f32>,
) -> Option<f32> {
    // A block's own members are not in `placed` yet.
    let positions: Vec<f32> = block
        .members
        .iter()
        .flat_map(|(m, _)| preds[*m].iter())
        .filter_map(|p| placed.get(p).copied())
        .collect();
    #[expect(clippy::cast_precision_loss, reason = "a handful of predecessors")]
    let mean = positions.iter().sum::<f32>() / positions.len() as f32;
    (!positions.is_empty()).then_some(mean)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Boundary, BoundaryId, Edge, EdgeKind, Node, NodeId, NodeKind};

    fn diagram(nodes: &[&str], edges: &[(&str, &str)]) -> Diagram {
        Diagram {
            nodes: nodes
                .iter()
                .map(|id| Node::new(id, id, NodeKind::Service, Point::default()))
                .collect(),
            edges: edges
                .iter()
                .enumerate()
                .map(|(i, (a, b))| Edge::new(&format!("e{i}"), a, b, EdgeKind::Sync))
                .collect(),
            ..Diagram::default()
        }
    }

    fn pos(d: &Diagram, id: &str) -> Point {
        d.node(id).map(|n| n.pos).unwrap_or_default()
    }

    #[test]
    fn chains_run_along_the_direction() {
        let mut d = diagram(&["a", "b", "c"], &[("a", "b"), ("b", "c")]);
        layered(&mut d, Direction::LeftRight);
        assert!(pos(&d, "a").x < pos(&d, "b").x && pos(&d, "b").x < pos(&d, "c").x);
        assert!((pos(&d, "a").y - pos(&d, "c").y).abs() < 1e-3);
        layered(&mut d, Direction::BottomTop);
        assert!(pos(&d, "a").y > pos(&d, "b").y && pos(&d, "b").y > pos(&d, "c").y);
    }

    #[test]
    fn events_back_into_a_called_service_do_not_rank_it() {
        let mut d = diagram(
            &["gw", "orders", "users", "bus", "mailer"],
            &[
                ("gw", "orders"),
                ("gw", "users"),
                ("orders", "bus"),
                ("bus", "users"),
                ("bus", "mailer"),
            ],
        );
        for edge in &mut d.edges {
            if edge.from.as_str() == "bus" || edge.to.as_str() == "bus" {
                edge.kind = EdgeKind::Async;
            }
        }
        layered(&mut d, Direction::LeftRight);
        assert!((pos(&d, "users").x - pos(&d, "orders").x).abs() < 1e-3);
        assert!(pos(&d, "mailer").x > pos(&d, "bus").x);
    }

    #[test]
    fn cycles_do_not_hang_and_fan_out_spreads() {
        let mut d = diagram(
            &["a", "b", "c", "d"],
            &[("a", "b"), ("a", "c"), ("a", "d"), ("d", "a")],
        );
        layered(&mut d, Direction::TopBottom);
        let ys: Vec<f32> = ["b", "c", "d"].iter().map(|id| pos(&d, id).y).collect();
        assert!(ys.iter().all(|y| (*y - ys[0]).abs() < 1e-3));
        assert!(pos(&d, "a").y < ys[0]);
        let mut xs: Vec<f32> = ["b", "c", "d"].iter().map(|id| pos(&d, id).x).collect();
        xs.sort_by(f32::total_cmp);
        assert!(xs[1] - xs[0] >= 200.0 && xs[2] - xs[1] >= 200.0, "{xs:?}");
    }

    #[test]
    fn packing_terminates_and_never_overlaps_with_odd_sizes() {
        // Float rounding once made the backward search step in place.
        let mut seed = 12_345_u32;
        let mut next = || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            f32::from(u16::try_from(seed >> 16).unwrap_or(0)) / 65_536.0
        };
        let mut occupancy = Occupancy::default();
        let mut placed: Vec<(f32, f32)> = Vec::new();
        for _ in 0..2_000 {
            let block = Block {
                rank_min: 0,
                rank_max: 0,
                extent: 0.1 + next() * 97.3,
                members: Vec::new(),
                first: 0,
                order: 0,
            };
            let start = occupancy.nearest_free(&block, next() * 3_000.0 - 1_500.0);
            occupancy.insert(&block, start);
            placed.push((start, start + block.extent));
        }
        placed.sort_by(|a, b| a.0.total_cmp(&b.0));
        for pair in placed.windows(2) {
            assert!(pair[1].0 >= pair[0].1 - 2.0 * SLACK, "{pair:?}");
        }
    }

    #[test]
    fn boundaries_do_not_overlap_outside_nodes() {
        let mut d = diagram(
            &["src", "in1", "in2", "out1", "out2"],
            &[
                ("src", "in1"),
                ("in1", "in2"),
                ("src", "out1"),
                ("out1", "out2"),
            ],
        );
        d.boundaries.push(Boundary {
            id: BoundaryId::from("b"),
            label: "B".to_owned(),
            parent: None,
            nodes: vec![NodeId::from("in1"), NodeId::from("in2")],
        });
        layered(&mut d, Direction::LeftRight);
        let inside = [pos(&d, "in1").y, pos(&d, "in2").y];
        for outside in ["out1", "out2"] {
            let y = pos(&d, outside).y;
            assert!(
                inside.iter().all(|i| (i - y).abs() >= 100.0),
                "{outside} at {y}, boundary members at {inside:?}"
            );
        }
    }
}
