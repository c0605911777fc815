//! Finding room on the canvas: the free spot nearest to where something
//! wants to go (new nodes, ghosts of missing nodes), and where dropped
//! boxes land (the drop and its preview ask the same function).
//! Deterministic.

use super::{Diagram, Point};

/// An axis-aligned box in canvas units, with a margin for breathing room.
#[derive(Clone, Copy)]
pub struct Box2 {
    min: Point,
    max: Point,
}

impl Box2 {
    const MARGIN: f32 = 12.0;

    /// A box of size `w`×`h` around `center`, margin included.
    #[must_use]
    pub fn new(center: Point, w: f32, h: f32) -> Self {
        let (hw, hh) = (w / 2.0 + Self::MARGIN, h / 2.0 + Self::MARGIN);
        Self {
            min: Point::new(center.x - hw, center.y - hh),
            max: Point::new(center.x + hw, center.y + hh),
        }
    }

    /// A box of size `w`×`h` around `center`, without margin: boxes that
    /// only touch do not overlap.
    #[must_use]
    pub fn tight(center: Point, w: f32, h: f32) -> Self {
        let (hw, hh) = (w / 2.0, h / 2.0);
        Self {
            min: Point::new(center.x - hw, center.y - hh),
            max: Point::new(center.x + hw, center.y + hh),
        }
    }

    /// The box of a node.
    #[must_use]
    pub fn of(node: &crate::model::Node) -> Self {
        let size = node.size();
        Self::new(node.pos, size.w, size.h)
    }

    /// The box of a node, without margin.
    #[must_use]
    pub fn tight_of(node: &crate::model::Node) -> Self {
        let size = node.size();
        Self::tight(node.pos, size.w, size.h)
    }

    /// The box moved by `(dx, dy)`.
    #[must_use]
    pub fn translate(self, dx: f32, dy: f32) -> Self {
        Self {
            min: Point::new(self.min.x + dx, self.min.y + dy),
            max: Point::new(self.max.x + dx, self.max.y + dy),
        }
    }

    /// The smallest box holding both.
    fn union(self, other: Self) -> Self {
        Self {
            min: Point::new(self.min.x.min(other.min.x), self.min.y.min(other.min.y)),
            max: Point::new(self.max.x.max(other.max.x), self.max.y.max(other.max.y)),
        }
    }

    /// The box grown by `by` on every side.
    fn expand(self, by: f32) -> Self {
        Self {
            min: Point::new(self.min.x - by, self.min.y - by),
            max: Point::new(self.max.x + by, self.max.y + by),
        }
    }

    /// True when the boxes intersect.
    #[must_use]
    pub fn overlaps(&self, other: &Self) -> bool {
        self.min.x < other.max.x
            && other.min.x < self.max.x
            && self.min.y < other.max.y
            && other.min.y < self.max.y
    }
}

/// The grid a free shift is searched on, canvas units.
const STEP: f32 = 20.0;
/// How many rings of that grid [`free_offset`] tries.
const RINGS: i16 = 60;

/// The free position nearest to `wanted` (searched on rings of a 20-unit
/// grid, in a fixed order so the result is deterministic).
#[must_use]
pub fn free_spot(wanted: Point, w: f32, h: f32, occupied: &[Box2]) -> Point {
    let (dx, dy) = free_offset(&[Box2::new(wanted, w, h)], occupied);
    Point::new(wanted.x + dx, wanted.y + dy)
}

/// The shortest shift (on rings of a 20-unit grid, in a fixed order, so
/// deterministic; a multiple of 20 on both axes) after which none of the
/// `moving` boxes overlaps an `occupied` one; `(0, 0)` when they are free
/// already (or no room is found within 60 rings).
#[must_use]
pub fn free_offset(moving: &[Box2], occupied: &[Box2]) -> (f32, f32) {
    let free = |dx: f32, dy: f32| {
        moving.iter().all(|m| {
            let shifted = m.translate(dx, dy);
            !occupied.iter().any(|o| o.overlaps(&shifted))
        })
    };
    if free(0.0, 0.0) {
        return (0.0, 0.0);
    }
    for ring in 1..=RINGS {
        let mut best: Option<(f32, (f32, f32))> = None;
        for dx in -ring..=ring {
            for dy in -ring..=ring {
                if dx.abs() != ring && dy.abs() != ring {
                    continue;
                }
                let shift = (f32::from(dx) * STEP, f32::from(dy) * STEP);
                let dist = f32::from(dx).hypot(f32::from(dy));
                if best.is_none_or(|(d, _)| dist < d) && free(shift.0, shift.1) {
                    best = Some((dist, shift));
                }
            }
        }
        if let Some((_, shift)) = best {
            return shift;
        }
    }
    (0.0, 0.0)
}

/// [`free_offset`] among the `occupied` boxes that can matter: those
/// within its farthest shift of the `moving` ones (the same shift comes
/// out as among all of them, looking at a few hundred boxes instead of
/// a whole drawing).
#[must_use]
pub fn free_offset_among<I: IntoIterator<Item = Box2>>(moving: &[Box2], occupied: I) -> (f32, f32) {
    let Some(reach) = moving.iter().copied().reduce(Box2::union) else {
        return (0.0, 0.0);
    };
    let reach = reach.expand(f32::from(RINGS) * STEP + 1.0);
    let near: Vec<Box2> = occupied
        .into_iter()
        .filter(|o| o.overlaps(&reach))
        .collect();
    free_offset(moving, &near)
}

/// Where the boxes of `diagram` marked in `moved` (by index; missing
/// marks are boxes that stay) land when dropped `delta` from where they
/// are: the shift to add to `delta` so that none covers a box that
/// stayed put (see [`free_offset`]). The drop and the drag preview both
/// ask this, so the spot the preview shows is the drop's.
#[must_use]
pub fn drop_shift(diagram: &Diagram, moved: &[bool], delta: (f32, f32)) -> (f32, f32) {
    let is_moved = |i: usize| moved.get(i).copied().unwrap_or(false);
    let moving: Vec<Box2> = diagram
        .nodes
        .iter()
        .enumerate()
        .filter(|&(i, _)| is_moved(i))
        .map(|(_, n)| Box2::tight_of(n).translate(delta.0, delta.1))
        .collect();
    let staying = diagram
        .nodes
        .iter()
        .enumerate()
        .filter(|&(i, _)| !is_moved(i))
        .map(|(_, n)| Box2::tight_of(n));
    free_offset_among(&moving, staying)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_free_spot_is_kept_and_a_taken_one_moves_the_least() {
        let taken = [Box2::new(Point::new(0.0, 0.0), 100.0, 50.0)];
        let far = Point::new(500.0, 0.0);
        assert_eq!(free_spot(far, 100.0, 50.0, &taken), far);
        let p = free_spot(Point::new(10.0, 0.0), 100.0, 50.0, &taken);
        let moved = Box2::new(p, 100.0, 50.0);
        assert!(!taken[0].overlaps(&moved), "{p:?}");
        // Out of the way vertically: a 50-high box needs less room than a
        // 100-wide one.
        assert!((p.x - 10.0).abs() < 1e-3 && p.y.abs() >= 70.0, "{p:?}");
    }

    #[test]
    fn a_group_moves_as_one() {
        let occupied = [Box2::tight(Point::new(0.0, 0.0), 100.0, 50.0)];
        let group = [
            Box2::tight(Point::new(10.0, 10.0), 100.0, 50.0),
            Box2::tight(Point::new(10.0, 200.0), 100.0, 50.0),
        ];
        let (dx, dy) = free_offset(&group, &occupied);
        assert!(
            group
                .iter()
                .all(|g| !occupied[0].overlaps(&g.translate(dx, dy))),
            "{dx} {dy}"
        );
        assert_eq!(free_offset(&group[1..], &occupied), (0.0, 0.0));
    }

    #[test]
    fn the_shift_among_the_boxes_in_reach_is_the_shift_among_all() {
        // A crowded grid far wider than the search reaches, and a group
        // dropped onto it at many places: looking only at the boxes in
        // reach finds the same shift.
        let occupied: Vec<Box2> = (0..60_u8)
            .flat_map(|r| (0..40_u8).map(move |c| (r, c)))
            .filter(|&(r, c)| (u16::from(r) * 7 + u16::from(c) * 3) % 5 != 0)
            .map(|(r, c)| {
                let at = Point::new(f32::from(c) * 150.0, f32::from(r) * 100.0);
                Box2::tight(at, 110.0, 60.0)
            })
            .collect();
        let mut shifted = 0;
        for k in 0..40_u8 {
            let at = Point::new(f32::from(k) * 97.0 + 33.0, f32::from(k) * 61.0 + 17.0);
            let group = [
                Box2::tight(at, 110.0, 60.0),
                Box2::tight(Point::new(at.x + 130.0, at.y + 45.0), 110.0, 60.0),
            ];
            let all = free_offset(&group, &occupied);
            assert_eq!(
                free_offset_among(&group, occupied.iter().copied()),
                all,
                "{k}"
            );
            shifted += usize::from(all != (0.0, 0.0));
        }
        assert!(shifted > 20, "{shifted} drops needed a shift");
        assert_eq!(free_offset_among(&[], occupied.iter().copied()), (0.0, 0.0));
    }
}
