//! What routes keep clear of: boxes grown by the margin (an arrow's own
//! boxes without it) and boundary titles, bucketed in a grid of cells.

use super::{CELL, OUTSIDE};
use crate::scene::geometry::{P, R, grid_cell, p};

/// An obstacle: a rectangle grown by the margin, and the box it belongs
/// to (none for a boundary title).
#[derive(Clone, Copy, Debug)]
pub(super) struct Obstacle {
    pub(super) grown: R,
    pub(super) raw: R,
    pub(super) node: Option<usize>,
}

/// Obstacles bucketed in a dense grid of cells over the drawing.
pub(super) struct Index {
    obstacles: Vec<Obstacle>,
    /// Top-left of cell (0, 0).
    origin: P,
    /// Side of a cell.
    cell: f32,
    /// Cells across and down.
    size: (usize, usize),
    /// Obstacle indices per cell, row by row.
    cells: Vec<Vec<u32>>,
}

impl Index {
    pub(super) fn new(obstacles: Vec<Obstacle>) -> Self {
        let extent = obstacles
            .iter()
            .map(|o| o.grown)
            .reduce(R::union)
            .unwrap_or(R {
                min: p(0.0, 0.0),
                max: p(1.0, 1.0),
            })
            .expand2(OUTSIDE * 2.0, OUTSIDE * 2.0);
        // About two obstacles a cell when they are spread evenly; when they
        // bunch in part of a wide extent (the neighbourhoods a drag
        // preview routes among), cells about twice an obstacle's size, as
        // long as that makes at most 64 cells an obstacle. Never more
        // than ~4M cells.
        #[expect(clippy::cast_precision_loss, reason = "obstacle counts")]
        let n = obstacles.len().max(1) as f32;
        let area = extent.w() * extent.h();
        let size = obstacles
            .iter()
            .map(|o| o.grown.w() + o.grown.h())
            .sum::<f32>()
            / n;
        let cell = (area / (n / 2.0))
            .sqrt()
            .min(size.max((area / (64.0 * n)).sqrt()))
            .max(CELL)
            .max((area / 4.0e6).sqrt());
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "bounded cell counts"
        )]
        let size = (
            (extent.w() / cell).ceil().max(1.0) as usize,
            (extent.h() / cell).ceil().max(1.0) as usize,
        );
        let mut index = Self {
            obstacles: Vec::new(),
            origin: extent.min,
            cell,
            size,
            cells: vec![Vec::new(); size.0 * size.1],
        };
        for (i, o) in obstacles.iter().enumerate() {
            let ((x0, y0), (x1, y1)) = index.cell_range(o.grown);
            #[expect(clippy::cast_possible_truncation, reason = "obstacle counts fit u32")]
            let id = i as u32;
            for y in y0..=y1 {
                for x in x0..=x1 {
                    index.cells[y * size.0 + x].push(id);
                }
            }
        }
        index.obstacles = obstacles;
        index
    }

    /// The cells a rectangle touches, clamped to the grid.
    fn cell_range(&self, r: R) -> ((usize, usize), (usize, usize)) {
        let at = |v: f32, o: f32, n: usize| grid_cell(v, o, self.cell, n);
        (
            (
                at(r.min.x, self.origin.x, self.size.0),
                at(r.min.y, self.origin.y, self.size.1),
            ),
            (
                at(r.max.x, self.origin.x, self.size.0),
                at(r.max.y, self.origin.y, self.size.1),
            ),
        )
    }

    /// Whether the axis-aligned segment `a`–`b` enters the inside of an
    /// obstacle: grown ones, except the arrow's own boxes, which count
    /// without their margin.
    pub(super) fn blocks(&self, a: P, b: P, own: [usize; 2]) -> bool {
        const EPS: f32 = 1e-3;
        let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
        let (y0, y1) = (a.y.min(b.y), a.y.max(b.y));
        let ((cx0, cy0), (cx1, cy1)) = self.cell_range(R {
            min: p(x0, y0),
            max: p(x1, y1),
        });
        for cy in cy0..=cy1 {
            for cx in cx0..=cx1 {
                for &i in &self.cells[cy * self.size.0 + cx] {
                    let o = &self.obstacles[i as usize];
                    let r = if o.node.is_some_and(|n| own.contains(&n)) {
                        o.raw
                    } else {
                        o.grown
                    };
                    if x1 > r.min.x + EPS
                        && x0 < r.max.x - EPS
                        && y1 > r.min.y + EPS
                        && y0 < r.max.y - EPS
                    {
                        return true;
                    }
                }
            }
        }
        false
    }

    pub(super) fn path_clear(&self, points: &[P], own: [usize; 2]) -> bool {
        points.windows(2).all(|w| !self.blocks(w[0], w[1], own))
    }
}
