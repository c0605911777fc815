//! Where ranks sit along the reading direction, and the clearance rounds:
//! from the first placement, corridors are widened to
//! the sweep of slanted lines and ranks re-spaced for steep ones, each
//! time placing across again. Both feed back (wider corridors push boxes
//! apart, which steepens lines, which spreads ranks), which on big
//! drawings with many boundaries ran to layouts millions of units across.
//! So a round is kept only while the drawing stays within a few times
//! the first placement's extent on either axis, and the run one steep line
//! asks of a rank gap is capped.

use super::clear::{self, Boxes};
use super::groups::Groups;
use super::layers::Layers;
use super::place;

/// Rounds of each kind, at most.
const ROUNDS: usize = 2;
/// How far the rounds may spread the first placement, along and across.
/// References, hand-made drawings and the Mermaid corpus grow by at most
/// 2.6× along (a steep fan-out) and 1.7× across.
const GROWTH_ALONG: f32 = 3.0;
const GROWTH_CROSS: f32 = 2.0;
/// The longest rank gap a steep line may ask for, in usual rank gaps.
const MAX_STEEP_GAPS: f32 = 6.0;

/// What the rounds place.
pub(super) struct Rounds<'a> {
    pub(super) layers: &'a Layers,
    pub(super) groups: &'a Groups,
    pub(super) order: &'a [Vec<usize>],
    pub(super) along_size: &'a [f32],
    pub(super) boxes: Boxes<'a>,
    pub(super) horizontal: bool,
    /// The least gap before each rank that its edge labels need.
    pub(super) labels: &'a [f32],
}

/// The extent the rounds may grow the drawing to.
struct Limit {
    along: f32,
    cross: f32,
    nodes: usize,
}

impl Limit {
    fn allows(&self, along: &[f32], cross: &[f32]) -> bool {
        extent(along) <= self.along && extent(&cross[..self.nodes]) <= self.cross
    }
}

fn extent(values: &[f32]) -> f32 {
    let (low, high) = values
        .iter()
        .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    if high >= low { high - low } else { 0.0 }
}

impl Rounds<'_> {
    /// Each rank's along position and each vertex's cross position.
    pub(super) fn place(&self) -> (Vec<f32>, Vec<f32>) {
        let gap = place::rank_gap(self.horizontal);
        let mut along = self.rank_positions(self.labels);
        let mut size = self.layers.size.clone();
        let mut cross = self.cross_positions(&along, &size, None);
        let limit = Limit {
            along: extent(&along) * GROWTH_ALONG + gap,
            cross: extent(&cross[..self.boxes.along.len()]) * GROWTH_CROSS + gap,
            nodes: self.boxes.along.len(),
        };
        for _ in 0..ROUNDS {
            let mut wider = size.clone();
            if !clear::widen_corridors(self.layers, &self.boxes, &cross, &along, &mut wider) {
                break;
            }
            let next = self.cross_positions(&along, &wider, Some(&cross));
            if !limit.allows(&along, &next) {
                break;
            }
            (size, cross) = (wider, next);
        }
        // Steep lines need wider rank gaps; re-spaced ranks move where long
        // edges' lines pass, so their dummies are placed again.
        let steepest = MAX_STEEP_GAPS * gap;
        for round in 0..=ROUNDS {
            let least: Vec<f32> = clear::rank_gaps(self.layers, &self.boxes, &cross)
                .into_iter()
                .zip(self.labels)
                .map(|(steep, &label)| steep.min(steepest).max(label))
                .collect();
            let spaced = self.rank_positions(&least);
            let moved = spaced.iter().zip(&along).any(|(a, b)| (a - b).abs() > 0.5);
            if !moved || !limit.allows(&spaced, &cross) {
                break;
            }
            if round == ROUNDS {
                along = spaced;
                break;
            }
            let next = self.cross_positions(&spaced, &size, Some(&cross));
            if !limit.allows(&spaced, &next) {
                break;
            }
            (along, cross) = (spaced, next);
        }
        (along, cross)
    }

    fn rank_positions(&self, least: &[f32]) -> Vec<f32> {
        rank_positions(
            self.layers,
            self.groups,
            self.along_size,
            self.horizontal,
            least,
        )
    }

    fn cross_positions(&self, along: &[f32], size: &[f32], warm: Option<&[f32]>) -> Vec<f32> {
        place::cross_positions(
            self.layers,
            self.groups,
            self.order,
            along,
            size,
            self.horizontal,
            warm,
        )
    }
}

/// Along-axis position of each rank: far enough apart for the largest boxes
/// of both ranks and at least `least[r]` after the previous one (if given),
/// plus room where boundaries open and close.
fn rank_positions(
    layers: &Layers,
    groups: &Groups,
    along_size: &[f32],
    horizontal: bool,
    least: &[f32],
) -> Vec<f32> {
    let ranks = layers.ranks;
    let spans = groups.spans(&layers.rank[..along_size.len()]);
    let mut opens = vec![0usize; ranks];
    let mut closes = vec![0usize; ranks];
    for (g, span) in spans.iter().enumerate() {
        if let Some((lo, hi)) = *span
            && g != groups.root()
        {
            opens[lo] += 1;
            closes[hi] += 1;
        }
    }
    let mut half = vec![0.0f32; ranks];
    for (node, size) in along_size.iter().enumerate() {
        let r = layers.rank[node];
        half[r] = half[r].max(size * 0.5);
    }
    let (gap, title) = if horizontal {
        (place::rank_gap(true), 0.0)
    } else {
        (place::rank_gap(false), place::BOUNDARY_TITLE)
    };
    let mut pos = vec![0.0; ranks];
    for r in 1..ranks {
        #[expect(clippy::cast_precision_loss, reason = "nesting counts are tiny")]
        let padding = closes[r - 1] as f32 * place::BOUNDARY_PAD
            + opens[r] as f32 * (place::BOUNDARY_PAD + title);
        let least = least.get(r).copied().unwrap_or(0.0);
        pos[r] = pos[r - 1]
            + gap
                .max(half[r - 1] + half[r] + place::RANK_CLEARANCE)
                .max(least)
            + padding;
    }
    pos
}
