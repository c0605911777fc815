//! The quick shapes: a straight line, one bend or two bends, the last
//! resort elbow, and the kinks straightened after routing.

use super::obstacles::Index;
use super::ports::Port;
use super::{MARGIN, PORT_GAP, PORT_INSET, Request};
use crate::scene::geometry::{P, R, p};

/// A two-bend route whose middle leg is only a few units long (ports a
/// hair out of line) becomes straight by sliding its target port in
/// line with its source, when that port stays on its side, keeps
/// [`PORT_GAP`] from the other ports there, and the line is clear.
pub(super) fn straighten(
    index: &Index,
    nodes: &[R],
    requests: &[Request],
    routes: &mut [Option<Vec<P>>],
) {
    const KINK: f32 = 8.0;
    let ends: Vec<(usize, P)> = requests
        .iter()
        .zip(routes.iter())
        .flat_map(|(r, route)| {
            route
                .iter()
                .flat_map(move |pts| [(r.from, pts[0]), (r.to, pts[pts.len() - 1])])
        })
        .collect();
    for (k, r) in requests.iter().enumerate() {
        let Some(points) = routes[k].as_ref() else {
            continue;
        };
        let [a, b, c, d] = points[..] else { continue };
        let vertical_run = (a.x - b.x).abs() < 1e-3 && (c.x - d.x).abs() < 1e-3;
        let horizontal_run = (a.y - b.y).abs() < 1e-3 && (c.y - d.y).abs() < 1e-3;
        let target = nodes[r.to];
        let moved = if vertical_run && (b.x - c.x).abs() < KINK {
            p(a.x, d.y)
        } else if horizontal_run && (b.y - c.y).abs() < KINK {
            p(d.x, a.y)
        } else {
            continue;
        };
        let on_side = if vertical_run {
            (target.min.x + PORT_INSET..=target.max.x - PORT_INSET).contains(&moved.x)
        } else {
            (target.min.y + PORT_INSET..=target.max.y - PORT_INSET).contains(&moved.y)
        };
        let crowded = ends
            .iter()
            .any(|&(node, q)| node == r.to && q != d && (q - moved).length() < PORT_GAP - 1e-3);
        let line = vec![a, moved];
        if on_side && !crowded && index.path_clear(&line, [r.from, r.to]) {
            routes[k] = Some(line);
        }
    }
}

/// An orthogonal line from port to port whatever lies between: out of
/// each port by the margin, then one corner (the last resort).
pub(super) fn elbow(a: Port, b: Port) -> Vec<P> {
    let (sa, sb) = (a.at + a.side.dir() * MARGIN, b.at + b.side.dir() * MARGIN);
    let corner = if a.side.spreads_along_x() {
        p(sb.x, sa.y)
    } else {
        p(sa.x, sb.y)
    };
    simplify(vec![a.at, sa, corner, sb, b.at])
}

/// A straight line, one bend or two bends: the first one clear of
/// `index`, or with no index the first one at all.
pub(super) fn simple(index: Option<&Index>, a: Port, b: Port, own: [usize; 2]) -> Option<Vec<P>> {
    let (da, db) = (a.side.dir(), b.side.dir());
    let (pa, pb) = (a.at, b.at);
    let (sa, sb) = (pa + da * MARGIN, pb + db * MARGIN);
    let ahead = |from: P, dir: P, q: P| (q - from).x * dir.x + (q - from).y * dir.y >= -1e-3;
    let mut candidates: Vec<Vec<P>> = Vec::new();
    let horizontal = !a.side.spreads_along_x();
    if b.side == a.side.opposite() {
        // Facing each other: straight when aligned, else a Z.
        let aligned = if horizontal {
            (pa.y - pb.y).abs() < 0.5
        } else {
            (pa.x - pb.x).abs() < 0.5
        };
        if aligned && ahead(sa, da, sb) {
            candidates.push(vec![pa, pb]);
        }
        for f in [0.5, 0.3, 0.7, 0.15, 0.85] {
            let m = sa + (sb - sa) * f;
            if !(ahead(sa, da, m) && ahead(sb, db, m)) {
                continue;
            }
            candidates.push(if horizontal {
                vec![pa, p(m.x, pa.y), p(m.x, pb.y), pb]
            } else {
                vec![pa, p(pa.x, m.y), p(pb.x, m.y), pb]
            });
        }
    } else if b.side == a.side {
        // Both sides look the same way: a U round the further one.
        let reach = |q: P| q.x * da.x + q.y * da.y;
        let m = if reach(sa) >= reach(sb) { sa } else { sb };
        candidates.push(if horizontal {
            vec![pa, p(m.x, pa.y), p(m.x, pb.y), pb]
        } else {
            vec![pa, p(pa.x, m.y), p(pb.x, m.y), pb]
        });
    } else {
        // Perpendicular: one bend.
        let corner = if horizontal {
            p(pb.x, pa.y)
        } else {
            p(pa.x, pb.y)
        };
        if ahead(sa, da, corner) && ahead(sb, db, corner) {
            candidates.push(vec![pa, corner, pb]);
        }
    }
    candidates
        .into_iter()
        .find(|c| index.is_none_or(|index| index.path_clear(c, own)))
        .map(simplify)
}

/// Drops repeated points and the middle of straight runs.
pub(super) fn simplify(points: Vec<P>) -> Vec<P> {
    let mut out: Vec<P> = Vec::with_capacity(points.len());
    for q in points {
        if out.last().is_some_and(|l| (*l - q).length() < 1e-3) {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let collinear = ((a.x - b.x).abs() < 1e-3 && (b.x - q.x).abs() < 1e-3)
                || ((a.y - b.y).abs() < 1e-3 && (b.y - q.y).abs() < 1e-3);
            if collinear {
                out.pop();
            }
        }
        out.push(q);
    }
    out
}
