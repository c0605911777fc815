//! Placement along the cross axis: items (nodes, or whole boundaries as
//! solid blocks) packed rank by rank near their predecessors, and rank
//! positions along the reading direction.

use std::collections::BTreeMap;

use super::Direction;
use super::groups::Groups;
use crate::model::Diagram;

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
pub(super) struct Block {
    rank_min: usize,
    rank_max: usize,
    /// Size along the cross axis (perpendicular to the reading direction).
    extent: f32,
    /// Members with their cross-axis centres, relative to the block start.
    pub(super) members: Vec<(usize, f32)>,
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
    /// The occupied interval overlapping `block` placed at `start`, if any.
    /// Touching is not overlapping; the slack absorbs float rounding.
    fn overlap(&self, block: &Block, start: f32) -> Option<(f32, f32)> {
        let (start, end) = (start + SLACK, start + block.extent - SLACK);
        (block.rank_min..=block.rank_max).find_map(|rank| {
            let list = self.ranks.get(&rank)?;
            // Intervals are sorted by start: the last one starting before
            // `end` is the only candidate that can still reach past `start`.
            let i = list.partition_point(|(s, _)| *s < end);
            let &(s, e) = list.get(i.checked_sub(1)?)?;
            (e > start).then_some((s, e))
        })
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
            match self.overlap(block, forward) {
                Some((_, end)) => forward = end,
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
            match self.overlap(block, backward) {
                Some((start, _)) => backward = start - block.extent,
                None => break,
            }
        }
        if self.overlap(block, backward).is_some() {
            return forward;
        }
        if forward - wanted <= wanted - backward {
            forward
        } else {
            backward
        }
    }
}

pub(super) struct Layout<'a> {
    pub(super) diagram: &'a Diagram,
    pub(super) direction: Direction,
    pub(super) rank: Vec<usize>,
    /// Predecessors along kept (forward) edges.
    pub(super) preds: Vec<Vec<usize>>,
    /// Index of the first edge into each node (`usize::MAX` for none).
    pub(super) first_in: Vec<usize>,
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
    pub(super) fn group_block(
        &mut self,
        groups: &Groups,
        boundary: Option<usize>,
        depth: usize,
    ) -> Block {
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
    pub(super) fn rank_positions(&self, groups: &Groups) -> Vec<f32> {
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
}
