//! Corridors: middle legs of different arrows on top of each other
//! spread onto tracks in an order that does not cross.

use std::collections::BTreeMap;

use super::obstacles::Index;
use super::{Request, TRACK_GAP};
use crate::scene::geometry::P;

/// Spreads middle legs of different arrows that run on top of each other
/// (same line, overlapping extent) [`TRACK_GAP`] apart, keeping a move
/// only when the arrow stays clear.
pub(super) fn separate_tracks(index: &Index, requests: &[Request], routes: &mut [Option<Vec<P>>]) {
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
