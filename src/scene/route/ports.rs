//! Where an arrow leaves and enters its boxes: the facing sides, and
//! the ends on one side spread along it (least squares on their wishes).

use std::collections::BTreeMap;

use super::{LABEL_GAP, PORT_GAP, PORT_INSET, Request, Side};
use crate::scene::geometry::{P, R, p};

/// The sides two boxes face each other by.
fn sides(a: R, b: R) -> (Side, Side) {
    let gx = (b.min.x - a.max.x).max(a.min.x - b.max.x);
    let gy = (b.min.y - a.max.y).max(a.min.y - b.max.y);
    let vertical = if gx <= 0.0 && gy <= 0.0 {
        // Overlapping boxes: by the centres.
        let d = b.center() - a.center();
        d.y.abs() * a.w() > d.x.abs() * a.h()
    } else {
        gy > gx
    };
    let (ca, cb) = (a.center(), b.center());
    if vertical {
        if cb.y >= ca.y {
            (Side::Bottom, Side::Top)
        } else {
            (Side::Top, Side::Bottom)
        }
    } else if cb.x >= ca.x {
        (Side::Right, Side::Left)
    } else {
        (Side::Left, Side::Right)
    }
}

/// The span of a side along its spreading axis, inset from the corners.
fn span(rect: R, side: Side) -> (f32, f32) {
    let (lo, hi) = if side.spreads_along_x() {
        (rect.min.x, rect.max.x)
    } else {
        (rect.min.y, rect.max.y)
    };
    let inset = PORT_INSET.min((hi - lo) * 0.5);
    (lo + inset, hi - inset)
}

/// Where an end would like its port: facing the other box.
fn ideal(rect: R, side: Side, other: R) -> f32 {
    let (lo, hi) = span(rect, side);
    let (olo, ohi, oc) = if side.spreads_along_x() {
        (other.min.x, other.max.x, other.center().x)
    } else {
        (other.min.y, other.max.y, other.center().y)
    };
    let (a, b) = (lo.max(olo + PORT_INSET), hi.min(ohi - PORT_INSET));
    if a <= b {
        (a + b) * 0.5
    } else {
        oc.clamp(lo, hi)
    }
}

/// Positions for ends wanting `wanted` (sorted) on `[lo, hi]`, the
/// `k`-th at least `gaps[k]` after the one before it: the least-squares
/// nearest to their wishes (pool-adjacent-violators on the wishes less the
/// gaps); when they do not fit, the gaps shrink alike and fill the side.
pub(super) fn spread(wanted: &[f32], gaps: &[f32], lo: f32, hi: f32) -> Vec<f32> {
    let n = wanted.len();
    let mut offset = Vec::with_capacity(n);
    let mut total = 0.0;
    for (k, gap) in gaps.iter().enumerate().take(n) {
        if k > 0 {
            total += gap;
        }
        offset.push(total);
    }
    if total > hi - lo {
        // Too wide: the same, with every gap shrunk alike.
        let f = if total > 0.0 { (hi - lo) / total } else { 0.0 };
        let shrunk: Vec<f32> = gaps.iter().map(|g| g * f * 0.999).collect();
        return spread(wanted, &shrunk, lo, hi);
    }
    // Blocks of (first, count, sum of wishes less offsets).
    let mut blocks: Vec<(usize, usize, f32)> = Vec::new();
    for k in 0..n {
        blocks.push((k, 1, wanted[k] - offset[k]));
        while blocks.len() >= 2 {
            let (_, n1, s1) = blocks[blocks.len() - 1];
            let (i0, n0, s0) = blocks[blocks.len() - 2];
            #[expect(clippy::cast_precision_loss, reason = "a handful of ports")]
            let (m0, m1) = (s0 / n0 as f32, s1 / n1 as f32);
            if m0 <= m1 {
                break;
            }
            blocks.truncate(blocks.len() - 2);
            blocks.push((i0, n0 + n1, s0 + s1));
        }
    }
    let mut out = vec![0.0; n];
    for (i0, count, sum) in blocks {
        #[expect(clippy::cast_precision_loss, reason = "a handful of ports")]
        let base = sum / count as f32;
        for k in i0..i0 + count {
            out[k] = base + offset[k];
        }
    }
    // Inside the side: pushed off each end in turn (the gaps fit, so
    // the second pass leaves the first one's bound intact).
    out[0] = out[0].max(lo);
    for k in 1..n {
        out[k] = out[k].max(out[k - 1] + gaps[k]);
    }
    out[n - 1] = out[n - 1].min(hi);
    for k in (0..n - 1).rev() {
        out[k] = out[k].min(out[k + 1] - gaps[k + 1]);
    }
    out
}

/// One end's port: the point on the border and the side.
#[derive(Clone, Copy, Debug)]
pub(super) struct Port {
    pub(super) at: P,
    pub(super) side: Side,
}

fn port_point(rect: R, side: Side, along: f32) -> P {
    match side {
        Side::Left => p(rect.min.x, along),
        Side::Right => p(rect.max.x, along),
        Side::Top => p(along, rect.min.y),
        Side::Bottom => p(along, rect.max.y),
    }
}

/// Both ports of every request.
pub(super) fn ports(nodes: &[R], requests: &[Request]) -> Vec<(Port, Port)> {
    // (box, side) → (wish, other box's centre along the side, request, end).
    type End = (f32, f32, usize, usize);
    let mut groups: BTreeMap<(usize, Side), Vec<End>> = BTreeMap::new();
    let mut chosen = Vec::with_capacity(requests.len());
    for (k, r) in requests.iter().enumerate() {
        let (a, b) = (nodes[r.from], nodes[r.to]);
        let (sa, sb) = sides(a, b);
        chosen.push((sa, sb));
        let along = |rect: R, side: Side| {
            if side.spreads_along_x() {
                rect.center().x
            } else {
                rect.center().y
            }
        };
        groups
            .entry((r.from, sa))
            .or_default()
            .push((ideal(a, sa, b), along(b, sa), k, 0));
        groups
            .entry((r.to, sb))
            .or_default()
            .push((ideal(b, sb, a), along(a, sb), k, 1));
    }
    let mut at = vec![[p(0.0, 0.0); 2]; requests.len()];
    for ((node, side), mut ends) in groups {
        ends.sort_by(|x, y| {
            x.0.total_cmp(&y.0)
                .then(x.1.total_cmp(&y.1))
                .then(x.2.cmp(&y.2))
        });
        let rect = nodes[node];
        let (lo, hi) = span(rect, side);
        let wanted: Vec<f32> = ends.iter().map(|e| e.0).collect();
        // Labelled arrows side by side keep room for their labels (as
        // much as the side has).
        let gaps: Vec<f32> = (0..ends.len())
            .map(|k| {
                if k == 0 {
                    return PORT_GAP;
                }
                let (a, b) = (requests[ends[k - 1].2].label, requests[ends[k].2].label);
                // Half the labels' widths: neighbouring labels can sit at
                // two heights.
                if a + b > 0.0 {
                    PORT_GAP.max((a + b) * 0.25 + LABEL_GAP)
                } else {
                    PORT_GAP
                }
            })
            .collect();
        for (e, pos) in ends.iter().zip(spread(&wanted, &gaps, lo, hi)) {
            at[e.2][e.3] = port_point(rect, side, pos);
        }
    }
    chosen
        .into_iter()
        .zip(at)
        .map(|((sa, sb), [pa, pb])| (Port { at: pa, side: sa }, Port { at: pb, side: sb }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_keeps_wishes_when_they_fit_and_the_gap_when_not() {
        let g = [PORT_GAP; 5];
        assert_eq!(
            spread(&[0.0, 50.0], &g[..2], -100.0, 100.0),
            vec![0.0, 50.0]
        );
        let s = spread(&[0.0, 0.0, 0.0], &g[..3], -100.0, 100.0);
        assert!((s[0] + PORT_GAP).abs() < 1e-3 && s[1].abs() < 1e-3, "{s:?}");
        let tight = spread(&[0.0; 5], &g, 0.0, 20.0);
        assert!(tight.windows(2).all(|w| w[1] > w[0]), "{tight:?}");
        assert!(tight[0] >= 0.0 && tight[4] <= 20.0, "{tight:?}");
        // Wider gaps where labels need them; shrunk alike when they do
        // not fit, still about the wishes.
        let wide = spread(&[0.0, 0.0], &[0.0, 100.0], -500.0, 500.0);
        assert!((wide[1] - wide[0] - 100.0).abs() < 1e-3 && (wide[0] + 50.0).abs() < 1e-3);
        let shrunk = spread(&[10.0, 10.0], &[0.0, 100.0], -40.0, 40.0);
        assert!(shrunk[1] - shrunk[0] > 79.0 && shrunk[0] >= -40.0 && shrunk[1] <= 40.0);
        // Wishes at both ends of the side, gaps that only just fit: still
        // inside it (a five-tier bus once got a port below its bottom).
        let wanted = [385.0, 402.5, 402.5, 490.0, 577.5, 577.5];
        let gaps = [14.0, 43.8, 53.0, 61.0, 61.0, 61.0];
        let fitted = spread(&wanted, &gaps, 385.0, 595.0);
        assert!(
            fitted[0] >= 385.0 - 1e-3 && fitted[5] <= 595.0 + 1e-3,
            "{fitted:?}"
        );
        assert!(fitted.windows(2).all(|w| w[1] > w[0]), "{fitted:?}");
    }
}
