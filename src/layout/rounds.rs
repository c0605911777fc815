//! Clearance rounds: from the first placement, corridors are widened to
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
        place::rank_positions(
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
