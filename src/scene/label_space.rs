//! What an arrow label is placed among ([`super::labels`]): the boxes,
//! arrowheads, labels and titles it must keep off, and the arrows' lines,
//! each in a spatial grid so that trying a spot costs what lies near it.

use super::geometry::{P, R, clip_range, distance_to_segment};
use super::index::Grid;

/// Cost of a spot that covers a box, an arrowhead or another label.
pub(super) const BLOCKED: f32 = 1.0e6;
/// Cost of covering a boundary's title.
const TITLE: f32 = 5_000.0;

/// Rectangles in a spatial grid, each hard (boxes, heads, labels) or
/// soft (titles).
pub(super) struct Obstacles {
    rects: Vec<(R, bool)>,
    grid: Grid,
}

impl Obstacles {
    /// None yet, over `area`, sized for about `items`.
    pub(super) fn new(area: R, items: usize) -> Self {
        Self {
            rects: Vec::with_capacity(items),
            grid: Grid::new(area, items),
        }
    }

    /// Adds `r`: hard (ruled out) or soft (a title, costly).
    pub(super) fn add(&mut self, r: R, hard: bool) {
        self.grid.insert_rect(self.rects.len(), r);
        self.rects.push((r, hard));
    }

    /// The cost of what `r` covers.
    pub(super) fn cost(&self, r: R) -> f32 {
        let cost = |&(o, hard): &(R, bool)| {
            if !o.overlaps(&r, 0.0) {
                0.0
            } else if hard {
                BLOCKED
            } else {
                TITLE
            }
        };
        // Only what `r` covers counts, each once and in the order of
        // entry (a grid cell lists an item once per cell it touches): most
        // spots cover nothing, so nothing is gathered for them.
        let mut covered: Vec<usize> = Vec::new();
        let gathered = self.grid.visit(r, |i| {
            if cost(&self.rects[i]) > 0.0 {
                covered.push(i);
            }
        });
        if !gathered {
            return self.rects.iter().map(cost).sum();
        }
        covered.sort_unstable();
        covered.dedup();
        covered.iter().map(|&i| cost(&self.rects[i])).sum()
    }
}

/// Every arrow's segments in a spatial grid.
pub(super) struct Lines {
    segments: Vec<(usize, P, P)>,
    grid: Grid,
}

impl Lines {
    /// None yet, over `area`, sized for about `segments`.
    pub(super) fn new(area: R, segments: usize) -> Self {
        Self {
            segments: Vec::with_capacity(segments),
            grid: Grid::new(area, segments),
        }
    }

    /// Adds a segment of edge `edge`'s line.
    pub(super) fn add(&mut self, edge: usize, a: P, b: P) {
        self.grid.insert_segment(self.segments.len(), a, b);
        self.segments.push((edge, a, b));
    }

    /// Calls `f` with every segment that may pass through `r` (some more
    /// than once).
    fn near(&self, r: R, mut f: impl FnMut(&(usize, P, P))) {
        if !self.grid.visit(r, |i| f(&self.segments[i])) {
            self.segments.iter().for_each(f);
        }
    }

    /// Whether some arrow other than `own` passes within `distance` of `q`.
    pub(super) fn nearer(&self, q: P, distance: f32, own: usize) -> bool {
        let mut found = false;
        self.near(
            R::centered(q, 2.0 * distance, 2.0 * distance),
            |&(edge, a, b)| {
                found = found || (edge != own && distance_to_segment(q, a, b) <= distance);
            },
        );
        found
    }

    /// How many arrows other than `own` run through `r`.
    pub(super) fn crossing(&self, r: R, own: usize) -> usize {
        let mut edges: Vec<usize> = Vec::new();
        self.near(r, |&(edge, a, b)| {
            if edge != own
                && clip_range(a, b, r).is_some_and(|(t0, t1)| (t1 - t0) * (b - a).length() > 0.5)
            {
                edges.push(edge);
            }
        });
        edges.sort_unstable();
        edges.dedup();
        edges.len()
    }
}
