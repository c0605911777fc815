//! Finding room on the canvas: the free spot nearest to where something
//! wants to go (new nodes, ghosts of missing nodes). Deterministic.

use super::Point;

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

    /// True when the boxes intersect.
    #[must_use]
    pub fn overlaps(&self, other: &Self) -> bool {
        self.min.x < other.max.x
            && other.min.x < self.max.x
            && self.min.y < other.max.y
            && other.min.y < self.max.y
    }
}

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
    const STEP: f32 = 20.0;
    let free = |dx: f32, dy: f32| {
        moving.iter().all(|m| {
            let shifted = m.translate(dx, dy);
            !occupied.iter().any(|o| o.overlaps(&shifted))
        })
    };
    if free(0.0, 0.0) {
        return (0.0, 0.0);
    }
    for ring in 1..=60i16 {
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
}
