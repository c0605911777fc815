//! Keeping straight edges clear of boxes. Edges are drawn as straight
//! segments between box borders, so a free corridor at each rank an edge
//! passes is not enough: a slanted line sweeps across the width of the
//! column it passes, and a steep line between neighbouring ranks cuts the
//! corner of a box stacked next to its end. Two measures, both computed
//! from a placement: corridors as wide as the line's sweep, and rank gaps
//! wide enough that no segment between two ranks reaches a box in either.

use std::collections::BTreeMap;

use super::layers::{Layers, Vertex};

/// Free space kept between a line and a box it passes.
const MARGIN: f32 = 8.0;
/// Corridors widen for slopes up to this; steeper lines are left to the
/// rank gaps (wider corridors push boxes apart, which steepens lines
/// further).
const MAX_SWEEP_SLOPE: f32 = 1.0;
/// The drawing's spacing between parallel edges.
const PARALLEL: f32 = crate::scene::geometry::PARALLEL_SPACING;

/// The sizes of the boxes, along the reading direction and across it.
pub(super) struct Boxes<'a> {
    pub(super) along: &'a [f32],
    pub(super) cross: &'a [f32],
}

impl Boxes<'_> {
    /// Where an edge from a box centred on `other` attaches on `node`'s
    /// cross axis: its centre, or the nearest point of the long axis of a
    /// box elongated across the reading direction (as the drawing does).
    fn anchor(&self, layers: &Layers, node: usize, centre: f32, other: f32) -> f32 {
        if layers.vertex[node] != Vertex::Node {
            return centre;
        }
        let (along, cross) = (self.along[node], self.cross[node]);
        if cross > 2.5 * along {
            let reach = cross * 0.5 - along.min(cross * 0.5);
            other.clamp(centre - reach, centre + reach)
        } else {
            centre
        }
    }

    /// How far along the reading direction an edge's end may move from
    /// `node`'s centre: the half-length of the long axis of a box elongated
    /// along the reading direction (edges land square on a long bus).
    fn along_reach(&self, layers: &Layers, node: usize) -> f32 {
        if layers.vertex[node] != Vertex::Node {
            return 0.0;
        }
        let (along, cross) = (self.along[node], self.cross[node]);
        if along > 2.5 * cross {
            along * 0.5 - cross.min(along * 0.5)
        } else {
            0.0
        }
    }

    /// Half the widest box of each rank, along the reading direction.
    pub(super) fn rank_half(&self, layers: &Layers) -> Vec<f32> {
        let mut half = vec![0.0f32; layers.ranks];
        for (v, size) in self.along.iter().enumerate() {
            half[layers.rank[v]] = half[layers.rank[v]].max(size * 0.5);
        }
        half
    }
}

/// Widens each dummy's corridor to the sweep of its edge's line across the
/// rank's widest box; returns whether any corridor grew.
pub(super) fn widen_corridors(
    layers: &Layers,
    boxes: &Boxes<'_>,
    cross: &[f32],
    along: &[f32],
    size: &mut [f32],
) -> bool {
    let half = boxes.rank_half(layers);
    let mut grew = false;
    for chain in &layers.chains {
        let (a, b) = (chain[0], chain[chain.len() - 1]);
        let ca = boxes.anchor(layers, a, cross[a], cross[b]);
        let cb = boxes.anchor(layers, b, cross[b], ca);
        let run = along[layers.rank[b]] - along[layers.rank[a]];
        if run <= 0.0 {
            continue;
        }
        let slope = ((cb - ca).abs() / run).min(MAX_SWEEP_SLOPE);
        for &d in &chain[1..chain.len() - 1] {
            let wanted = layers.size[d] + 2.0 * slope * half[layers.rank[d]];
            if wanted > size[d] + 1.0 {
                size[d] = wanted;
                grew = true;
            }
        }
    }
    grew
}

/// Room an edge label needs along the reading direction: its longest line
/// in the pictures' 11-unit type (about 6.5 units a character) when ranks
/// run across, one line height per line when they run down; plus a margin
/// on either side.
pub(super) fn label_room(label: &str, horizontal: bool) -> f32 {
    const CHAR: f32 = 6.5;
    const LINE: f32 = 15.0;
    const SIDES: f32 = 28.0;
    if label.trim().is_empty() {
        return 0.0;
    }
    let lines = label.lines().map(|l| l.chars().count()).collect::<Vec<_>>();
    #[expect(clippy::cast_precision_loss, reason = "label lengths are small")]
    let extent = if horizontal {
        lines.iter().copied().max().unwrap_or(0) as f32 * CHAR
    } else {
        lines.len() as f32 * LINE
    };
    extent + SIDES
}

/// For each rank, the least centre-to-centre distance from the previous
/// one that leaves each labelled edge between the two (`(from, to, room)`)
/// its label's room between the boxes.
pub(super) fn label_gaps(
    layers: &Layers,
    boxes: &Boxes<'_>,
    labelled: &[(usize, usize, f32)],
) -> Vec<f32> {
    let mut gaps = vec![0.0f32; layers.ranks];
    // Labels of edges between the same two boxes: the widest needs its
    // room, and the others half theirs more, so they can slide apart
    // along lines that converge on the boxes.
    let mut pairs: BTreeMap<(usize, usize), (f32, f32)> = BTreeMap::new();
    for &(a, b, room) in labelled {
        let (ra, rb) = (layers.rank[a], layers.rank[b]);
        if ra.abs_diff(rb) == 1 {
            let entry = pairs.entry((a.min(b), a.max(b))).or_insert((0.0, 0.0));
            *entry = (entry.0.max(room), entry.1 + room);
        }
    }
    for ((a, b), (widest, sum)) in pairs {
        let room = widest + (sum - widest) * 0.5;
        let needed = (boxes.along[a] + boxes.along[b]) * 0.5 + room;
        let r = layers.rank[a].max(layers.rank[b]);
        gaps[r] = gaps[r].max(needed);
    }
    gaps
}

/// For each rank, the least centre-to-centre distance from the previous
/// rank at which no segment between the two reaches into a box of either
/// (0 for the first rank, and where nothing constrains it).
pub(super) fn rank_gaps(layers: &Layers, boxes: &Boxes<'_>, cross: &[f32]) -> Vec<f32> {
    let columns = Columns::new(layers, boxes, cross);
    let mut gaps = vec![0.0f32; layers.ranks];
    for u in 0..layers.len() {
        let r = layers.rank[u];
        for &(v, count) in &layers.down[u] {
            // Parallel edges fan out sideways (a little more than their
            // spacing across a slanted line).
            let fan = (count - 1.0).max(0.0) * 0.5 * PARALLEL * 1.5;
            let start = boxes.anchor(layers, u, cross[u], cross[v]);
            let end = boxes.anchor(layers, v, cross[v], start);
            if (end - start).abs() < 1e-3 {
                continue;
            }
            // Ends landing on a long box's axis shorten the line's run.
            let shortened = boxes.along_reach(layers, u) + boxes.along_reach(layers, v);
            // Boxes beside the far end, then beside the near end (seen
            // from the other side, where the line runs the other way).
            for (column, from, to) in [(r + 1, start, end), (r, end, start)] {
                let needed = columns.clearance(column, from, to, fan, [u, v]);
                if needed > 0.0 {
                    gaps[r + 1] = gaps[r + 1].max(needed + shortened);
                }
            }
        }
    }
    gaps
}

/// Each rank's boxes by their edges across the reading direction, so a
/// line asks only the boxes it can reach (a column of thousands of boxes
/// would otherwise be asked by each of thousands of lines).
struct Columns<'a> {
    boxes: &'a Boxes<'a>,
    cross: &'a [f32],
    /// Per rank: (high edge, box) ascending, and (low edge, box) ascending.
    high: Vec<Vec<(f32, usize)>>,
    low: Vec<Vec<(f32, usize)>>,
    /// Per rank, half the longest box along the reading direction.
    half_along: Vec<f32>,
}

impl<'a> Columns<'a> {
    fn new(layers: &Layers, boxes: &'a Boxes<'a>, cross: &'a [f32]) -> Self {
        let mut high = vec![Vec::new(); layers.ranks];
        let mut low = vec![Vec::new(); layers.ranks];
        let mut half_along = vec![0.0f32; layers.ranks];
        for (v, (&along, &size)) in boxes.along.iter().zip(boxes.cross).enumerate() {
            let r = layers.rank[v];
            let half = size * 0.5;
            high[r].push((cross[v] + half, v));
            low[r].push((cross[v] - half, v));
            half_along[r] = half_along[r].max(along * 0.5);
        }
        for list in high.iter_mut().chain(&mut low) {
            list.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        }
        Self {
            boxes,
            cross,
            high,
            low,
            half_along,
        }
    }

    /// The largest [`clearance`] a line from `from` to `to` needs past the
    /// boxes of `column` (its own ends `skip` aside; `fan` widens every
    /// box). Only boxes whose near side lies between the line's ends can
    /// need any, and the one nearest the end needs most but for the boxes'
    /// lengths: boxes are visited from the end outwards until none further
    /// away could need more.
    fn clearance(&self, column: usize, from: f32, to: f32, fan: f32, skip: [usize; 2]) -> f32 {
        let rise = to - from;
        let most = rise.abs() * (self.half_along[column] + MARGIN);
        let mut best = 0.0f32;
        let mut visit = |b: usize| {
            if skip.contains(&b) {
                return true;
            }
            let half_cross = self.boxes.cross[b] * 0.5 + fan;
            let gap = if rise > 0.0 {
                to - (self.cross[b] + half_cross)
            } else {
                (self.cross[b] - half_cross) - to
            };
            if best > 0.0 && most / gap.max(1.0) <= best {
                return false;
            }
            let needed = clearance(
                from,
                to,
                self.cross[b],
                half_cross,
                self.boxes.along[b] * 0.5,
            );
            best = best.max(needed);
            true
        };
        if rise > 0.0 {
            // Near sides (high edges, fanned) between `from` and `to`,
            // nearest `to` first.
            let list = &self.high[column];
            let below = list.partition_point(|&(edge, _)| edge + fan < to);
            for &(edge, b) in list[..below].iter().rev() {
                if edge + fan <= from || !visit(b) {
                    break;
                }
            }
        } else {
            let list = &self.low[column];
            let above = list.partition_point(|&(edge, _)| edge - fan <= to);
            for &(edge, b) in &list[above..] {
                if edge - fan >= from || !visit(b) {
                    break;
                }
            }
        }
        best
    }
}

/// The run (distance along the reading direction) a line from cross
/// position `from` to `to` needs so that, over the last `half_along` of its
/// run, it stays clear of a box centred at `centre` (with `half_cross`)
/// beside its end `to`. Zero when the box is not between the two ends.
fn clearance(from: f32, to: f32, centre: f32, half_cross: f32, half_along: f32) -> f32 {
    let rise = to - from;
    // Distance from the line's end to the box's near side, and whether the
    // line reaches the box's far side before it ends.
    let (gap, reached) = if rise > 0.0 {
        (
            to - (centre + half_cross),
            centre - half_cross < to && centre + half_cross > from,
        )
    } else {
        (
            (centre - half_cross) - to,
            centre + half_cross > to && centre - half_cross < from,
        )
    };
    if !reached || gap <= 0.0 {
        return 0.0;
    }
    rise.abs() * (half_along + MARGIN) / gap.max(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_get_room_between_their_boxes() {
        assert!(label_room("", true).abs() < 1e-6);
        let one = label_room("charge + idempotency key", true);
        assert!(one > 150.0 && one < 200.0, "{one}");
        assert!(label_room("a\nb", false) > label_room("a", false));
    }

    #[test]
    fn a_steep_line_needs_a_longer_run_past_a_box_above_its_end() {
        // Line rising 300 into a node at 0; a box 160 wide sits above the
        // node with 70 units between its bottom and the node's centre.
        let needed = clearance(-300.0, 0.0, -100.0, 30.0, 80.0);
        assert!((needed - 300.0 * 88.0 / 70.0).abs() < 1e-3, "{needed}");
        // A box below the end is never crossed.
        assert!(clearance(-300.0, 0.0, 100.0, 30.0, 80.0).abs() < 1e-6);
        // Nor one beyond the line's start.
        assert!(clearance(-300.0, 0.0, -400.0, 30.0, 80.0).abs() < 1e-6);
        // Falling lines mirror rising ones.
        let mirrored = clearance(300.0, 0.0, 100.0, 30.0, 80.0);
        assert!((mirrored - needed).abs() < 1e-3);
    }
}
