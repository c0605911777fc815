//! A spatial index over a layout: a uniform grid of cells, each listing
//! the items that touch it. Boxes are entered by their rectangle, arrows
//! by the cells their segments actually cross (a grid walk, so a long
//! arrow does not fill every cell of its bounding box) and their label.
//! It answers "what may show in this rectangle" (culling) and "what is
//! near this point" (hit tests) without looking at every item.

use super::geometry::{P, R, grid_cell, p};

/// Items per cell the grid aims at.
const PER_CELL: f32 = 2.0;
/// Smallest cell side, canvas units.
const MIN_CELL: f32 = 64.0;
/// At most this many cells.
const MAX_CELLS: f32 = 1.0e6;

/// A grid of cells over an area, each holding item indices.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grid {
    origin: P,
    cell: f32,
    size: (usize, usize),
    cells: Vec<Vec<u32>>,
    items: usize,
}

impl Grid {
    /// An empty grid over `area` sized for about `items` items.
    #[must_use]
    pub fn new(area: R, items: usize) -> Self {
        let area = area.expand2(1.0, 1.0);
        let (w, h) = (area.w().max(1.0), area.h().max(1.0));
        #[expect(clippy::cast_precision_loss, reason = "item counts")]
        let per = (w * h * PER_CELL / items.max(1) as f32).sqrt();
        let cell = per.max(MIN_CELL).max((w * h / MAX_CELLS).sqrt());
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "at most a million cells"
        )]
        let size = (
            (w / cell).ceil().max(1.0) as usize,
            (h / cell).ceil().max(1.0) as usize,
        );
        Self {
            origin: area.min,
            cell,
            size,
            cells: vec![Vec::new(); size.0 * size.1],
            items,
        }
    }

    /// The cell holding `q`, clamped to the grid.
    fn cell_of(&self, q: P) -> (usize, usize) {
        let at = |v: f32, o: f32, n: usize| grid_cell(v, o, self.cell, n);
        (
            at(q.x, self.origin.x, self.size.0),
            at(q.y, self.origin.y, self.size.1),
        )
    }

    fn push(&mut self, (x, y): (usize, usize), item: u32) {
        let list = &mut self.cells[y * self.size.0 + x];
        if list.last() != Some(&item) {
            list.push(item);
        }
    }

    /// Takes `item` out of a cell (every entry of it there).
    fn pull(&mut self, (x, y): (usize, usize), item: u32) {
        self.cells[y * self.size.0 + x].retain(|&i| i != item);
    }

    /// Enters `item` in every cell `r` touches.
    pub fn insert_rect(&mut self, item: usize, r: R) {
        let Ok(item) = u32::try_from(item) else {
            return;
        };
        for cell in self.rect_cells(r) {
            self.push(cell, item);
        }
    }

    /// Takes `item` out of every cell `r` touches (entered with
    /// [`Grid::insert_rect`] for the same `r`).
    pub fn remove_rect(&mut self, item: usize, r: R) {
        let Ok(item) = u32::try_from(item) else {
            return;
        };
        for cell in self.rect_cells(r) {
            self.pull(cell, item);
        }
    }

    /// Enters `item` in every cell the segment `a`–`b` crosses.
    pub fn insert_segment(&mut self, item: usize, a: P, b: P) {
        let Ok(item) = u32::try_from(item) else {
            return;
        };
        for cell in self.segment_cells(a, b) {
            self.push(cell, item);
        }
    }

    /// Takes `item` out of every cell the segment `a`–`b` crosses; with
    /// [`Grid::remove_rect`], how an item that moved is taken out of its
    /// old place (an item in a cell of both is taken out of it whole, so
    /// take all of its old places out before entering the new ones).
    pub fn remove_segment(&mut self, item: usize, a: P, b: P) {
        let Ok(item) = u32::try_from(item) else {
            return;
        };
        for cell in self.segment_cells(a, b) {
            self.pull(cell, item);
        }
    }

    /// The cells `r` touches, row by row.
    fn rect_cells(&self, r: R) -> impl Iterator<Item = (usize, usize)> + use<> {
        let ((x0, y0), (x1, y1)) = (self.cell_of(r.min), self.cell_of(r.max));
        (y0..=y1).flat_map(move |y| (x0..=x1).map(move |x| (x, y)))
    }

    /// The cells the segment `a`–`b` crosses (a grid walk), in order.
    fn segment_cells(&self, a: P, b: P) -> Walk {
        let (start, end) = (self.cell_of(a), self.cell_of(b));
        let local = |q: P| {
            p(
                (q.x - self.origin.x) / self.cell,
                (q.y - self.origin.y) / self.cell,
            )
        };
        let (fa, fb) = (local(a), local(b));
        let d = fb - fa;
        let step = |v: f32| if v > 0.0 { 1_isize } else { -1 };
        let (sx, sy) = (step(d.x), step(d.y));
        #[expect(clippy::cast_precision_loss, reason = "cell indices")]
        let next = |i: usize, s: isize, f: f32, dv: f32| {
            if dv.abs() < 1e-9 {
                f32::INFINITY
            } else {
                let edge = i as f32 + if s > 0 { 1.0 } else { 0.0 };
                (edge - f) / dv
            }
        };
        Walk {
            at: start,
            step: (sx, sy),
            t: (next(start.0, sx, fa.x, d.x), next(start.1, sy, fa.y, d.y)),
            dt: (1.0 / d.x.abs().max(1e-9), 1.0 / d.y.abs().max(1e-9)),
            size: self.size,
            first: true,
            left: start.0.abs_diff(end.0) + start.1.abs_diff(end.1),
            end: Some(end),
        }
    }

    /// Every item entered in a cell `r` touches, ascending, each once;
    /// `None` when `r` covers most of the grid (scanning every item is then
    /// as quick).
    #[must_use]
    pub fn query(&self, r: R) -> Option<Vec<usize>> {
        let mut out: Vec<usize> = Vec::new();
        if !self.visit(r, |i| out.push(i)) {
            return None;
        }
        out.sort_unstable();
        out.dedup();
        Some(out)
    }

    /// Calls `f` with every item entered in a cell `r` touches, in no
    /// order, an item in several of them as often; `false`, calling
    /// nothing, when `r` covers most of the grid (as [`Grid::query`]).
    pub fn visit(&self, r: R, mut f: impl FnMut(usize)) -> bool {
        let ((x0, y0), (x1, y1)) = (self.cell_of(r.min), self.cell_of(r.max));
        let cells = (x1 - x0 + 1) * (y1 - y0 + 1);
        if cells * 2 > self.cells.len() {
            return false;
        }
        for y in y0..=y1 {
            for &i in self.cells[y * self.size.0 + x0..=y * self.size.0 + x1]
                .iter()
                .flatten()
            {
                f(i as usize);
            }
        }
        true
    }

    /// How many items the grid was made for.
    #[must_use]
    pub fn items(&self) -> usize {
        self.items
    }
}

/// A walk through the cells a segment crosses: the start cell, one
/// step per cell border crossed, then the end cell.
struct Walk {
    at: (usize, usize),
    step: (isize, isize),
    /// Where along the segment the next vertical and horizontal borders are.
    t: (f32, f32),
    dt: (f32, f32),
    size: (usize, usize),
    first: bool,
    left: usize,
    end: Option<(usize, usize)>,
}

impl Iterator for Walk {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        if self.first {
            self.first = false;
            return Some(self.at);
        }
        if self.left == 0 {
            return self.end.take();
        }
        self.left -= 1;
        if self.t.0 < self.t.1 {
            self.t.0 += self.dt.0;
            self.at.0 = self
                .at
                .0
                .saturating_add_signed(self.step.0)
                .min(self.size.0 - 1);
        } else {
            self.t.1 += self.dt.1;
            self.at.1 = self
                .at
                .1
                .saturating_add_signed(self.step.1)
                .min(self.size.1 - 1);
        }
        Some(self.at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_segment_is_found_where_it_runs_and_only_there() {
        let area = R {
            min: p(0.0, 0.0),
            max: p(10_000.0, 10_000.0),
        };
        let mut g = Grid::new(area, 5_000);
        g.insert_segment(7, p(10.0, 10.0), p(9_990.0, 9_000.0));
        g.insert_rect(3, R::centered(p(5_000.0, 500.0), 100.0, 60.0));
        // Along the line, anywhere.
        for k in 0..50 {
            #[expect(clippy::cast_precision_loss, reason = "a few samples")]
            let t = k as f32 / 49.0;
            let q = p(10.0, 10.0) + p(9_980.0, 8_990.0) * t;
            let near = g.query(R::centered(q, 2.0, 2.0)).unwrap_or_default();
            assert!(near.contains(&7), "{q:?}");
        }
        // Far from it: not there.
        let far = g.query(R::centered(p(9_000.0, 500.0), 10.0, 10.0));
        assert_eq!(far, Some(vec![]));
        let at_box = g.query(R::centered(p(5_000.0, 500.0), 10.0, 10.0));
        assert_eq!(at_box, Some(vec![3]));
        // Asking for nearly everything: scan instead.
        assert_eq!(g.query(area), None);
    }

    #[test]
    fn a_moved_item_is_found_in_its_new_place_only() {
        let area = R {
            min: p(0.0, 0.0),
            max: p(4_000.0, 4_000.0),
        };
        let mut g = Grid::new(area, 100);
        let (old, new) = (
            (p(100.0, 100.0), p(3_000.0, 200.0)),
            (p(500.0, 3_500.0), p(3_500.0, 3_500.0)),
        );
        let (old_box, new_box) = (
            R::centered(p(2_000.0, 2_000.0), 80.0, 40.0),
            R::centered(p(200.0, 2_000.0), 80.0, 40.0),
        );
        g.insert_segment(4, old.0, old.1);
        g.insert_rect(4, old_box);
        g.insert_rect(9, R::centered(p(1_000.0, 150.0), 40.0, 40.0));
        g.remove_segment(4, old.0, old.1);
        g.remove_rect(4, old_box);
        g.insert_segment(4, new.0, new.1);
        g.insert_rect(4, new_box);
        let at = |q: P| g.query(R::centered(q, 2.0, 2.0)).unwrap_or_default();
        assert_eq!(at(p(1_000.0, 150.0)), vec![9], "the other item stays");
        assert!(at(p(2_000.0, 150.0)).is_empty() && at(p(2_000.0, 2_000.0)).is_empty());
        assert_eq!(at(p(2_000.0, 3_500.0)), vec![4]);
        assert_eq!(at(p(200.0, 2_000.0)), vec![4]);
    }
}
